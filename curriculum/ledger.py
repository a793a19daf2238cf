"""The ledger of the last full validation: what each file added to its answer.

A full run (`validate`) needs every file's model, because the rules that
compare files (references, coverage, links between files, review dates)
read them all; with the cache that is the unpickling of every unchanged
file, most of an edit's cost in a large curriculum. But an author's edit is
mostly prose, headings and links, and most of those rules read only front
matter. So a full run writes down, per content file, its input state, its
outline in two parts (`load.outline_of`: its front, and its links), whether
it is in the model, and the findings that are its own (from loading it and
from the per-file rules); the findings that are nobody's own, those of the
rules comparing links (`reads_links`) apart from the rest; and, in a file
of their own, the outlines of every file's links (anchors, links, images).

A later run whose changed files are all content files with unchanged
fronts then needs only those files: it parses them, runs the per-file rules
on them and, when some file's links changed, the rules comparing links over
the outlines; the rest comes from the ledger. Any other change (a file
added, removed or unreadable, a front matter, programme.yml, the assets,
another day or engine) is a full run, which writes a new ledger.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Callable

from .findings import Finding, Severity, apply_overrides, sort_findings
from .load import META_OF, Inputs, LoadedFile, load_file
from .markdown_scan import Reference
from .model import Curriculum, Handout, Note, Plan
from .rules.links import documents
from .validation_cache import keep_last_run, keep_ledger, keep_link_outlines, read_ledger, read_link_outlines, run_key


def summary_of(findings, files: int) -> dict:
    counts = Counter(f.severity for f in findings)
    return {"errors": counts[Severity.ERROR], "warnings": counts[Severity.WARNING],
            "info": counts[Severity.INFO], "files": files}


def _whole(f: Finding) -> tuple:
    # every field: findings compare equal by place and code alone
    return (f.path, f.line, f.column, f.code, f.name, f.severity, f.message, f.hint)


def ledger_of(store, cur: Curriculum, found: list[Finding], links_found: list[Finding],
              unreadable: frozenset[str], today) -> tuple[dict, dict] | None:
    """The ledger of a full run, and the outlines of the links of its files.
    `found` is everything the run found, before severity overrides;
    `links_found` what the rules comparing links found of it; store the
    run's validation store (what each file loaded as, and its per-file
    findings). None when the findings do not split (then nothing is kept
    and the next edit is a full run)."""
    in_model = {doc.path for doc in documents(cur)}
    files, own, outlines = {}, Counter(), {}
    for name, _ in store.inputs:
        loaded = store.files_seen.get(name)
        if loaded is None:
            continue  # programme.yml and the asset list: their findings are shared
        mine = tuple(loaded.findings) + tuple(store.findings_seen.get(name, ()) if name in in_model else ())
        files[name] = (loaded.outline, name in in_model, mine)
        own.update(_whole(f) for f in mine)
        if name in in_model:
            outlines[name] = link_outline_of(loaded)
    everything, of_links = Counter(_whole(f) for f in found), Counter(_whole(f) for f in links_found)
    if own - everything or of_links - (everything - own):
        return None
    rest = everything - own - of_links
    shared = []
    for finding in found:  # the findings left over, in the order the run made them
        key = _whole(finding)
        if rest[key]:
            rest[key] -= 1
            shared.append(finding)
    ledger = {"engine": store.engine, "today": today.isoformat(), "states": list(store.inputs), "files": files,
              "shared": tuple(shared), "shared_links": tuple(links_found),
              "programme": (cur.programme, cur.programme_doc), "unreadable": unreadable, "count": cur.files}
    return ledger, outlines


def link_outline_of(loaded: LoadedFile) -> tuple[tuple[str, ...], tuple[tuple, ...]]:
    """What the rules comparing links read of a file, as plain tuples (quick
    to keep and to read back): the anchors of its headings, and its links
    and images."""
    references = loaded.scan.references if loaded.scan is not None else ()
    return tuple(heading.anchor for heading in loaded.doc.headings), tuple(tuple(ref) for ref in references)


class LinkOutline:
    """A file as the rules comparing links see it (see links.references_of)."""

    def __init__(self, path: str, anchors: tuple[str, ...], references: tuple[tuple, ...]):
        self.path = path
        self._anchors = anchors
        self.references = tuple(Reference._make(ref) for ref in references)

    def anchors(self) -> set[str]:
        return set(self._anchors)


def answer_edit(root: Path, read: Inputs, options, engine: str,
                per_file_rules: Callable[[Curriculum, object], list[Finding]],
                link_rules: Callable[[Curriculum, object], list[Finding]]) -> tuple[tuple, dict] | None:
    """The findings and summary of this run from the ledger, when no file's
    front changed since the last full run (see the module's doc); None when
    a full run is needed. `per_file_rules` runs the per-file rules on a
    curriculum of only the changed files; `link_rules` the rules comparing
    links, on outlines of every file, when some file's links changed."""
    ledger = read_ledger(root)
    if ledger is None or ledger.get("engine") != engine or ledger.get("today") != options.today.isoformat():
        return None
    if not (isinstance(ledger.get("states"), list) and isinstance(ledger.get("files"), dict)
            and isinstance(ledger.get("shared"), tuple) and isinstance(ledger.get("shared_links"), tuple)
            and isinstance(ledger.get("programme"), tuple)):
        return None  # not a ledger this engine wrote
    before, files = ledger["states"], ledger["files"]
    if [name for name, _ in before] != [name for name, _ in read.states]:
        return None  # a file added or removed
    changes = [(name, old, new) for (name, old), (_, new) in zip(before, read.states) if old != new]
    if any(name not in files or old.startswith("!") or new.startswith("!") for name, old, new in changes):
        return None  # programme.yml, the assets, or a file that could not be read
    reader = read.reader()
    fresh: dict[str, LoadedFile] = {}
    relinked = []
    for name, _, _ in changes:
        loaded = load_file(root, name, META_OF[name.split("/", 1)[0]], None, reader, outlined=True)
        (front, links), (front_before, links_before) = loaded.outline, files[name][0]
        if front != front_before:
            return None
        if links != links_before and files[name][1]:
            relinked.append(name)
        fresh[name] = loaded
    programme, programme_doc = ledger["programme"]
    options = replace(options, unreadable=ledger["unreadable"])
    shared_links = ledger["shared_links"]
    if relinked:
        outlines = read_link_outlines(root, engine)
        if outlines is None or set(outlines) != {name for name, (_, in_model, _) in files.items() if in_model}:
            return None
        for name in relinked:
            outlines[name] = link_outline_of(fresh[name])
        outlined = Curriculum(root=str(root), programme=programme, programme_doc=programme_doc,
                              plans=MappingProxyType({name: Plan(None, LinkOutline(name, *parts))
                                                      for name, parts in outlines.items()}),
                              handouts=MappingProxyType({}), contact_notes=MappingProxyType({}), chapters=(),
                              files=ledger["count"], assets=read.assets[0])
        shared_links = tuple(link_rules(outlined, options))
    part = _curriculum_of(root, programme, programme_doc, {name: loaded for name, loaded in fresh.items()
                                                          if files[name][1]}, read.assets[0], ledger["count"])
    made: dict[str, list[Finding]] = {}
    for finding in per_file_rules(part, options):
        made.setdefault(finding.path, []).append(finding)
    for name, loaded in fresh.items():
        files[name] = (loaded.outline, files[name][1], tuple(loaded.findings) + tuple(made.get(name, ())))
    found = list(ledger["shared"]) + list(shared_links) + [f for _, _, mine in files.values() for f in mine]
    overrides = programme.rules.severity if programme else {}
    findings = tuple(sort_findings(apply_overrides(found, overrides)))
    summary = summary_of(findings, ledger["count"])
    if relinked:
        keep_link_outlines(root, engine, outlines)
    keep_ledger(root, {**ledger, "states": list(read.states), "files": files, "shared_links": shared_links})
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
