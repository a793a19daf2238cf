"""The ledger of the last full validation: what each file added to its answer.

A full run (`validate`) needs every file's model, because the rules that
compare files (references, coverage, links between files, review dates)
read them all; with the cache that is the unpickling of every unchanged
file, most of an edit's cost in a large curriculum. But an author's edit is
mostly prose, and prose is what those rules never read. So a full run
writes down, per content file, its input state, its outline (`outline_of`:
all that other files' rules can see of it), whether it is in the model, and
the findings that are its own (from loading it and from the per-file
rules); and, once, the findings that are nobody's own (the rules comparing
files, programme.yml, the assets).

A later run whose changed files are all content files whose outlines are
unchanged then needs only those files: it parses them, runs the per-file
rules on them, and joins their findings with the rest of the ledger. Any
other change (a file added, removed, unreadable or re-outlined, programme.yml,
the assets, another day or engine) is a full run, which writes a new ledger.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Callable

from .findings import Finding, Severity, apply_overrides, sort_findings
from .load import META_OF, Inputs, LoadedFile, load_file
from .model import Curriculum, Handout, Note, Plan
from .rules.links import documents
from .validation_cache import keep_last_run, keep_ledger, read_ledger, run_key


def summary_of(findings, files: int) -> dict:
    counts = Counter(f.severity for f in findings)
    return {"errors": counts[Severity.ERROR], "warnings": counts[Severity.WARNING],
            "info": counts[Severity.INFO], "files": files}


def _whole(f: Finding) -> tuple:
    # every field: findings compare equal by place and code alone
    return (f.path, f.line, f.column, f.code, f.name, f.severity, f.message, f.hint)


def ledger_of(store, cur: Curriculum, found: list[Finding], unreadable: frozenset[str], today) -> dict | None:
    """The ledger of a full run: `found` is everything it found, before
    severity overrides; store the run's validation store (what each file
    loaded as, and its per-file findings). None when the findings do not
    split (then no ledger is kept and the next edit is a full run)."""
    in_model = {doc.path for doc in documents(cur)}
    files, own = {}, Counter()
    for name, _ in store.inputs:
        loaded = store.files_seen.get(name)
        if loaded is None:
            continue  # programme.yml and the asset list: their findings are shared
        mine = tuple(loaded.findings) + tuple(store.findings_seen.get(name, ()) if name in in_model else ())
        files[name] = (loaded.outline, name in in_model, mine)
        own.update(_whole(f) for f in mine)
    everything = Counter(_whole(f) for f in found)
    if own - everything:
        return None
    shared_left = everything - own
    shared = []
    for finding in found:  # the findings left over, in the order the run made them
        key = _whole(finding)
        if shared_left[key]:
            shared_left[key] -= 1
            shared.append(finding)
    return {"engine": store.engine, "today": today.isoformat(), "states": list(store.inputs), "files": files,
            "shared": tuple(shared), "programme": (cur.programme, cur.programme_doc), "unreadable": unreadable,
            "count": cur.files}


def answer_edit(root: Path, read: Inputs, options, engine: str,
                per_file_rules: Callable[[Curriculum, object], list[Finding]]) -> tuple[tuple, dict] | None:
    """The findings and summary of this run from the ledger, when every
    change since the last full run is to prose (see the module's doc); None
    when a full run is needed. `per_file_rules` runs the per-file rules on a
    curriculum of only the changed files."""
    ledger = read_ledger(root)
    if ledger is None or ledger.get("engine") != engine or ledger.get("today") != options.today.isoformat():
        return None
    if not (isinstance(ledger.get("states"), list) and isinstance(ledger.get("files"), dict)
            and isinstance(ledger.get("shared"), tuple) and isinstance(ledger.get("programme"), tuple)):
        return None  # not a ledger this engine wrote
    before, files = ledger["states"], ledger["files"]
    if [name for name, _ in before] != [name for name, _ in read.states]:
        return None  # a file added or removed
    changes = [(name, old, new) for (name, old), (_, new) in zip(before, read.states) if old != new]
    if any(name not in files or old.startswith("!") or new.startswith("!") for name, old, new in changes):
        return None  # programme.yml, the assets, or a file that could not be read
    changed = [name for name, _, _ in changes]
    reader = read.reader()
    fresh: dict[str, LoadedFile] = {}
    for rel in changed:
        loaded = load_file(root, rel, META_OF[rel.split("/", 1)[0]], None, reader, outlined=True)
        if loaded.outline != files[rel][0]:
            return None
        fresh[rel] = loaded
    programme, programme_doc = ledger["programme"]
    part = _curriculum_of(root, programme, programme_doc, {rel: loaded for rel, loaded in fresh.items()
                                                          if files[rel][1]}, read.assets[0], ledger["count"])
    made: dict[str, list[Finding]] = {}
    for finding in per_file_rules(part, replace(options, unreadable=ledger["unreadable"])):
        made.setdefault(finding.path, []).append(finding)
    for rel, loaded in fresh.items():
        files[rel] = (files[rel][0], files[rel][1], tuple(loaded.findings) + tuple(made.get(rel, ())))
    found = list(ledger["shared"]) + [f for _, _, mine in files.values() for f in mine]
    overrides = programme.rules.severity if programme else {}
    findings = tuple(sort_findings(apply_overrides(found, overrides)))
    summary = summary_of(findings, ledger["count"])
    keep_ledger(root, {**ledger, "states": list(read.states), "files": files})
    keep_last_run(root, run_key(engine, read.states, options.today), findings, summary)
    return findings, summary


def _curriculum_of(root: Path, programme, programme_doc, loaded: dict[str, LoadedFile], assets: frozenset[str],
                   count: int) -> Curriculum:
    """A curriculum of programme.yml and only these files (each in the model
    of the full run), placed as `load` places them."""
    plans, handouts, notes, chapters = {}, {}, {}, []
    for rel, item in loaded.items():
        folder = rel.split("/", 1)[0]
        if folder == "sessions":
            plans[item.meta.id] = Plan(item.meta, item.doc)
        elif folder == "handouts":
            handouts[item.meta.id] = Handout(item.meta, item.doc)
        elif item.meta.contact is None:
            chapters.append(Note(item.meta, item.doc))
        else:
            notes[item.meta.contact] = Note(item.meta, item.doc)
    return Curriculum(root=str(root), programme=programme, programme_doc=programme_doc,
                      plans=MappingProxyType(plans), handouts=MappingProxyType(handouts),
                      contact_notes=MappingProxyType(notes), chapters=tuple(chapters), files=count, assets=assets)
