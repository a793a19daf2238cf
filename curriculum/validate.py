"""Load, run every rule, apply severity overrides: the `validate` command's core."""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from . import markdown_scan, readability
from . import rules as _rules  # noqa: F401  (registers every rule)
from .findings import REGISTRY, Finding, Severity, apply_overrides, sort_findings
from .ledger import Checks, answer_edit, ledger_of, settings_digest, summary_of
from .load import SOURCE_DIRS, Inputs, find_root, inputs, load, markdown_files
from .model import Curriculum
from .prime import prime
from .rules.links import documents
from .validation_cache import (Store, engine_key, keep_last_run, keep_ledger, keep_link_outlines, keep_syllables,
                               last_run, open_store, read_syllables, run_key, save)


@dataclass(frozen=True)
class Options:
    today: dt.date = field(default_factory=dt.date.today)
    # Content files that exist but could not be read or typed. Their own
    # errors are reported; rules stay quiet where they would only repeat them
    # ("contact has no plan", coverage, "unknown handout"). Set by validate().
    unreadable: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Report:
    curriculum: Curriculum
    findings: tuple[Finding, ...]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def summary(self) -> dict:
        return summary_of(self.findings, self.curriculum.files)


def check(cur: Curriculum, options: Options | None = None, store: Store | None = None,
          apart: dict[str, list[Finding]] | None = None) -> list[Finding]:
    """Run every registered rule over a loaded curriculum. With a store, the
    per-file rules run only on files whose findings it does not hold. With
    `apart`, the findings of the rules comparing files are also added to
    apart["links"] or apart["fronts"], by what they read (the ledger keeps
    them apart)."""
    options = options or Options()
    found: list[Finding] = []
    with markdown_scan.cached():
        found += per_file_findings(cur, options, store)
        for code in sorted(REGISTRY):
            rule = REGISTRY[code]
            if rule.check is not None and not rule.per_file:
                made = list(rule(cur, options))
                found += made
                if apart is not None:
                    apart.setdefault("links" if rule.reads_links else "fronts", []).extend(made)
    return found


def _comparing(reads_links: bool):
    def run(cur: Curriculum, options: Options) -> list[Finding]:
        return [finding for code in sorted(REGISTRY)
                if REGISTRY[code].check and not REGISTRY[code].per_file and REGISTRY[code].reads_links == reads_links
                for finding in REGISTRY[code](cur, options)]
    return run


link_rules = _comparing(True)  # the rules comparing files' links, over every file of a curriculum
front_rules = _comparing(False)  # the rules comparing what front matter gives


def per_file_findings(cur: Curriculum, options: Options, store: Store | None = None) -> list[Finding]:
    rules = [REGISTRY[code] for code in sorted(REGISTRY) if REGISTRY[code].check and REGISTRY[code].per_file]
    context = settings_digest(cur.programme, cur.programme_doc)  # per-file rules read programme.yml's settings too
    found: list[Finding] = []
    fresh = []
    for doc in documents(cur):
        kept = store.file_findings(doc.path, doc.digest, context) if store is not None else None
        if kept is None:
            fresh.append(doc)
        else:
            found.extend(kept)
    if not fresh:
        return found
    part = only(cur, {doc.path for doc in fresh})
    made = [finding for rule in rules for finding in rule(part, options)]
    if store is not None:
        by_path: dict[str, list[Finding]] = {}
        for finding in made:
            by_path.setdefault(finding.path, []).append(finding)
        for doc in fresh:
            store.keep_findings(doc.path, doc.digest, context, tuple(by_path.get(doc.path, ())))
    return found + made


def only(cur: Curriculum, paths: set[str]) -> Curriculum:
    """The curriculum with only the content files at paths (programme.yml kept)."""
    if len(paths) == len(documents(cur)):
        return cur
    return replace(
        cur,
        plans=MappingProxyType({k: v for k, v in cur.plans.items() if v.doc.path in paths}),
        handouts=MappingProxyType({k: v for k, v in cur.handouts.items() if v.doc.path in paths}),
        contact_notes=MappingProxyType({k: v for k, v in cur.contact_notes.items() if v.doc.path in paths}),
        chapters=tuple(note for note in cur.chapters if note.doc.path in paths),
    )


def unreadable(cur: Curriculum) -> frozenset[str]:
    """Content files on disk that did not make it into the model."""
    loaded = {doc.path for doc in documents(cur)}
    present = cur.present
    if present is None:
        root = Path(cur.root)
        present = {rel for folder in SOURCE_DIRS for rel in markdown_files(root, folder)}
    return frozenset(present - loaded)


@contextmanager
def syllables_kept(root: Path, engine: str):
    """Readability takes the syllable counts kept for root (when a word it
    does not know comes), and the words it counted anew are kept after."""
    kept: list[tuple[int, bool]] = []  # (words the kept counts held, whether a hyphenator came), once read

    def earlier():
        counts, hyphenator = read_syllables(root, engine)
        kept.append((len(counts), hyphenator is not None))
        return counts, hyphenator

    readability.count_from(earlier)
    _, before, _ = readability.counted()
    try:
        yield
    finally:
        readability.count_from(None)
        counts, after, hyphenator = readability.counted()
        lacking = kept and (len(counts) > kept[0][0] or (hyphenator is not None and not kept[0][1]))
        if after > before or lacking:  # new words, or words (or the hyphenator) the kept file lacks
            keep_syllables(root, engine, counts, hyphenator)


@contextmanager
def collector_paused():
    """Validation makes a few hundred thousand long-lived objects and little
    cyclic garbage; the cyclic collector would walk the live ones again and
    again (a third of a run with a warm cache). Reference counting still
    frees everything else; the collector resumes afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def validate(root: Path | str, options: Options | None = None, *, cache: bool = True,
             read: Inputs | None = None) -> Report:
    """Load and check the curriculum at root. With cache (the default), what
    earlier runs learnt of unchanged files is reused and this run's is kept
    (see validation_cache). With `read`, the files `inputs` just read."""
    with collector_paused():
        store = open_store(Path(root)) if cache else None
        if store is not None and read is None:
            read = inputs(root)  # what load will read, which the workers read too
        resolved = find_root(Path(root))
        counting = syllables_kept(resolved, store.engine) if store is not None else nullcontext()
        with markdown_scan.cached(), counting:
            if store is not None:  # files the cache lacks, made in worker processes when there are many
                prime(resolved, store, read, lambda part: per_file_findings(part, options or Options()))
            cur, found = load(root, store, read)
            options = replace(options or Options(), unreadable=unreadable(cur))
            apart: dict[str, list[Finding]] | None = {} if store is not None else None
            found += check(cur, options, store, apart)
        if store is not None:
            save(store)
            ledger = ledger_of(store, cur, found, apart, options.unreadable, options.today)
    overrides = cur.programme.rules.severity if cur.programme else {}
    report = Report(cur, tuple(sort_findings(apply_overrides(found, overrides))))
    if store is not None:
        if ledger is not None:
            keep_link_outlines(Path(cur.root), store.engine, ledger[1])
            keep_ledger(Path(cur.root), ledger[0])
        keep_last_run(Path(cur.root), run_key(store.engine, store.inputs, options.today), report.findings,
                      report.summary())
    return report


def findings_and_summary(root: Path | str, options: Options | None = None, *,
                         cache: bool = True) -> tuple[tuple[Finding, ...], dict]:
    """What the validate command prints: the findings and the summary. With
    the cache, a run whose inputs equal the last run's (every file's bytes,
    the asset list, the date, this engine) takes the last run's answer from
    its record without loading or checking anything; a run in which
    programme.yml's settings are unchanged is answered from the ledger of
    the last full run, loading only what changed (see ledger.py); any other run is a
    `validate`."""
    options = options or Options()
    if cache:
        resolved = find_root(Path(root))
        read = inputs(resolved)
        engine = engine_key()
        kept = last_run(resolved, run_key(engine, read.states, options.today))
        if kept is not None:
            return kept
        with collector_paused(), markdown_scan.cached(), syllables_kept(resolved, engine):
            kept = answer_edit(resolved, read, options, engine, Checks(per_file_findings, link_rules, front_rules))
        if kept is not None:
            return kept
        report = validate(resolved, options, cache=True, read=read)
        return report.findings, report.summary()
    report = validate(root, options, cache=False)
    return report.findings, report.summary()
