"""The ledger of the last full validation: what each file added to its answer.

A full run (`validate`) loads every file, because the rules that compare
files (references, coverage, links between files, review dates) read them
all; with the cache that is the unpickling of every unchanged file, most of
an edit's cost in a large curriculum. But those rules read little of a file:
some only what its front matter gives (ids, metadata, key positions), the
rest (`reads_links`) only its headings, links and images. So a full run
writes down, per content file, its input state, its outline in two parts
(`load.outline_of`: its front, and its links), whether it is in the model,
and the findings that are its own (from loading it and from the per-file
rules); the findings that are nobody's own, in three parts (the rules
comparing fronts with the placing of files in the model; the rules
comparing links; programme.yml's and the assets'); and, in a file of their
own, the outlines of every file's links.

A later run in which programme.yml's settings are as they were then (its
bytes may differ: a comment, a reflowed line) parses only the content files
that changed or were added, runs the per-file rules on those
in the model (and on any unchanged file that joined it), and takes the rest
from the ledger. When a front changed, or a file was added or removed, the
rules comparing fronts run again over every file's front (from the
validation cache, which keeps fronts apart from bodies so that they
unpickle alone); when links changed, or the assets, the model or the
unreadable files did, the rules comparing links run again over the
outlines; when programme.yml's bytes changed, both run again (their
findings may point into it), and its own findings are read afresh. Any
other change (programme.yml's settings, which every rule reads; an asset
that links out of the repository; another day or engine) is a full run,
which writes a new ledger.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Callable, NamedTuple

from .findings import Finding, Severity, apply_overrides, sort_findings
from .load import (META_OF, PROGRAMME_FILE, Inputs, LoadedFile, assets_state, front_of, load_file,
                   load_programme, place, unpacked)
from .markdown_scan import Reference
from .model import Curriculum, Plan
from .rules.links import documents
from .validation_cache import (keep_last_run, keep_ledger, keep_link_outlines, open_store, read_ledger,
                               read_link_outlines, run_key)


def settings_digest(programme, programme_doc) -> str:
    """A digest of programme.yml as typed, which is all the per-file rules
    read of it: a comment or a reflowed line there checks no file again, and
    is answered from the ledger."""
    if programme is None:
        return "no programme: " + str(programme_doc.digest)
    typed = json.dumps(programme.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(typed.encode("utf-8", "surrogatepass")).hexdigest()


def summary_of(findings, files: int) -> dict:
    counts = Counter(f.severity for f in findings)
    return {"errors": counts[Severity.ERROR], "warnings": counts[Severity.WARNING],
            "info": counts[Severity.INFO], "files": files}


def _whole(f: Finding) -> tuple:
    # every field: findings compare equal by place and code alone
    return (f.path, f.line, f.column, f.code, f.name, f.severity, f.message, f.hint)


def ledger_of(store, cur: Curriculum, found: list[Finding], apart: dict[str, list[Finding]],
              unreadable: frozenset[str], today) -> tuple[dict, dict] | None:
    """The ledger of a full run, and the outlines of the links of its files.
    `found` is everything the run found, before severity overrides; `apart`
    what the rules comparing files found of it, by what they read ("links",
    "fronts"); store the run's validation store (what each file loaded as,
    and its per-file findings). None when the findings do not split (then
    nothing is kept and the next edit is a full run)."""
    in_model = {doc.path for doc in documents(cur)}
    files, own, outlines, typed = {}, Counter(), {}, []
    for name, _ in store.inputs:
        loaded = store.files_seen.get(name)
        if loaded is None:
            continue  # programme.yml and the asset list: their findings are shared
        checked = tuple(store.findings_seen.get(name, ())) if name in in_model else ()
        files[name] = (loaded.outline, name in in_model, tuple(loaded.findings), checked)
        own.update(_whole(f) for f in (*loaded.findings, *checked))
        if loaded.meta is not None:
            outlines[name] = link_outline_of(loaded)
            typed.append((name, loaded.meta, loaded.doc))
    of_links = tuple(apart.get("links", ()))
    of_fronts = tuple(place(typed)[4]) + tuple(apart.get("fronts", ()))
    everything = Counter(_whole(f) for f in found)
    rest = everything - own
    for part in (of_links, of_fronts):
        counted = Counter(_whole(f) for f in part)
        if counted - rest:
            return None
        rest -= counted
    shared = []
    for finding in found:  # the findings left over (programme.yml's, the assets'), in the order the run made them
        key = _whole(finding)
        if rest[key]:
            rest[key] -= 1
            shared.append(finding)
    ledger = {"engine": store.engine, "today": today.isoformat(), "states": list(store.inputs), "files": files,
              "shared": tuple(shared), "shared_links": of_links, "shared_fronts": of_fronts,
              "programme": (cur.programme, cur.programme_doc), "unreadable": unreadable, "count": cur.files,
              "assets": cur.assets}
    return ledger, outlines


class Checks(NamedTuple):
    """The rules answer_edit may run again: per file, comparing links, comparing fronts."""

    per_file: Callable[[Curriculum, object], list[Finding]]
    links: Callable[[Curriculum, object], list[Finding]]
    fronts: Callable[[Curriculum, object], list[Finding]]


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


def answer_edit(root: Path, read: Inputs, options, engine: str, checks: Checks) -> tuple[tuple, dict] | None:
    """The findings and summary of this run from the ledger, when
    programme.yml's settings are as they were at the last full run and no asset became or
    stopped being a link out of the repository (see the module's doc); None
    when a full run is needed."""
    ledger = read_ledger(root)
    if ledger is None or ledger.get("engine") != engine or ledger.get("today") != options.today.isoformat():
        return None
    if not (isinstance(ledger.get("states"), list) and isinstance(ledger.get("files"), dict)
            and all(isinstance(ledger.get(key), tuple) for key in ("shared", "shared_links", "shared_fronts",
                                                                    "programme"))):
        return None  # not a ledger this engine wrote
    before, now, files = dict(ledger["states"]), dict(read.states), ledger["files"]
    programme, programme_doc = ledger["programme"]
    shared, reader = ledger["shared"], read.reader()
    reprogrammed = before.get(PROGRAMME_FILE) != now.get(PROGRAMME_FILE)
    if reprogrammed:
        # a comment, a reflowed line, a key moved: the same settings, so every
        # per-file finding stands, and the rules comparing files run again
        # (their findings may point into programme.yml); else a full run
        programme_now, doc_now, found_now = load_programme(root, None, reader)
        if programme is None or programme_now is None or (
                settings_digest(programme_now, doc_now) != settings_digest(programme, programme_doc)):
            return None
        programme, programme_doc = programme_now, doc_now
        shared = (*(f for f in shared if f.path != PROGRAMME_FILE), *found_now)  # the rest are the assets'
    assets_changed = before.get("assets") != now.get("assets")
    if assets_changed and before.get("assets") != assets_state(ledger.get("assets", frozenset()), read.assets[1]):
        return None  # links out of the repository among the assets changed: their findings are a full run's
    listed = [name for name, _ in read.states if _is_content(name)]
    changed = [name for name in listed if before.get(name) != now[name]]  # edited or added
    removed = [name for name in files if name not in now]
    fresh = {name: load_file(root, name, META_OF[name.split("/", 1)[0]], None, reader, outlined=True)
             for name in changed}
    was = {name: files[name][0] if name in files else ("-", "-") for name in changed}
    refronted = reprogrammed or bool(removed) or any(fresh[name].outline[0] != was[name][0] for name in changed)
    relinked = reprogrammed or any(fresh[name].outline[1] != was[name][1] for name in changed)
    count = 1 + len(listed)
    in_model_before = {name for name, entry in files.items() if entry[1]}
    in_model, shared_fronts, store = in_model_before, ledger["shared_fronts"], None
    if refronted:
        store = open_store(root, engine)
        fronted = _fronts(root, store, read, reader, fresh, programme, programme_doc, count)
        in_model = {doc.path for doc in documents(fronted[0])}
    unreadable = frozenset(set(listed) - in_model)
    options = replace(options, unreadable=unreadable)
    if refronted:
        shared_fronts = tuple(fronted[1]) + tuple(checks.fronts(fronted[0], options))
    shared_links, outlines = ledger["shared_links"], None
    if relinked or assets_changed or in_model != in_model_before or unreadable != ledger["unreadable"]:
        outlines = read_link_outlines(root, engine)
        if outlines is None:
            return None
        for name in (*changed, *removed):
            outlines.pop(name, None)
            if name in fresh and fresh[name].meta is not None:
                outlines[name] = link_outline_of(fresh[name])
        if not in_model <= set(outlines):
            return None
        outlined = Curriculum(root=str(root), programme=programme, programme_doc=programme_doc,
                              plans=MappingProxyType({name: Plan(None, LinkOutline(name, *outlines[name]))
                                                      for name in in_model}),
                              handouts=MappingProxyType({}), contact_notes=MappingProxyType({}), chapters=(),
                              files=count, assets=read.assets[0])
        shared_links = tuple(checks.links(outlined, options))
    # the per-file rules: on every changed file in the model, and on any
    # unchanged one that joined it (its duplicate gone, say)
    checking = {name: fresh[name] for name in changed if name in in_model}
    for name in in_model - in_model_before - set(fresh):
        kept = unpacked(store.file(name, now[name]))
        checking[name] = kept or load_file(root, name, META_OF[name.split("/", 1)[0]], None, reader)
    made: dict[str, list[Finding]] = {}
    part, _ = placed(root, programme, programme_doc, [(name, item.meta, item.doc) for name, item in checking.items()],
                      read.assets[0], count)
    for finding in checks.per_file(part, options):
        made.setdefault(finding.path, []).append(finding)
    after = {}
    for name in listed:
        if name in fresh:
            outline, loading = fresh[name].outline, tuple(fresh[name].findings)
        else:
            outline, loading = files[name][0], files[name][2]
        checked = tuple(made.get(name, ())) if name in checking else files[name][3] if name in in_model else ()
        after[name] = (outline, name in in_model, loading, checked)
    found = [*shared, *shared_fronts, *shared_links,
             *(f for _, _, loading, checked in after.values() for f in (*loading, *checked))]
    overrides = programme.rules.severity if programme else {}
    findings = tuple(sort_findings(apply_overrides(found, overrides)))
    summary = summary_of(findings, count)
    if outlines is not None:
        keep_link_outlines(root, engine, outlines)
    keep_ledger(root, {**ledger, "states": list(read.states), "files": after, "shared": tuple(shared),
                       "shared_links": shared_links, "shared_fronts": shared_fronts, "unreadable": unreadable,
                       "count": count, "assets": read.assets[0], "programme": (programme, programme_doc)})
    keep_last_run(root, run_key(engine, read.states, options.today), findings, summary)
    return findings, summary


def _is_content(name: str) -> bool:
    return name.split("/", 1)[0] in META_OF  # not programme.yml or the asset list


def _fronts(root: Path, store, read: Inputs, reader, fresh: dict[str, LoadedFile], programme, programme_doc,
            count: int) -> tuple[Curriculum, list[Finding]]:
    """The curriculum as the rules comparing front matter see it: every
    content file's front (from the validation cache, or as just read), none
    of their bodies; and the findings of placing them in the model."""
    typed = []
    for name, state in read.states:
        if not _is_content(name):
            continue
        loaded = fresh.get(name)
        if loaded is None:
            if state.startswith("!"):
                continue  # could not be read, then and now: never in the model
            kept = store.file(name, state)
            loaded = front_of(kept) if kept is not None else None
            if loaded is None:  # parsed by an earlier answer from the ledger, which keeps nothing in the cache
                loaded = load_file(root, name, META_OF[name.split("/", 1)[0]], None, reader)
        if loaded.meta is not None:
            typed.append((name, loaded.meta, loaded.doc))
    return placed(root, programme, programme_doc, typed, read.assets[0], count)


def placed(root: Path, programme, programme_doc, typed: list, assets: frozenset[str],
            count: int) -> tuple[Curriculum, list[Finding]]:
    """A curriculum of programme.yml and these typed files ((path, meta,
    document), in load order), placed as `load` places them; and the
    findings of placing them."""
    plans, handouts, notes, chapters, placing = place(typed)
    cur = Curriculum(root=str(root), programme=programme, programme_doc=programme_doc,
                     plans=MappingProxyType(plans), handouts=MappingProxyType(handouts),
                     contact_notes=MappingProxyType(notes), chapters=tuple(chapters), files=count, assets=assets)
    return cur, placing
