"""Parse and check files in worker processes before a full validation.

A validation whose cache lacks many files (the first run after a clone or
an upgrade) or their per-file findings under programme.yml's settings (a
setting changed) spends nearly all its time parsing those files and running
the per-file rules on them, one file at a time. Both are per-file work, so
worker processes share it: each parses and checks a part of the files, as
`load_file` and the per-file rules would in this process, and hands back
the cache entries and findings. These go into the validation store as this
run's own, and the run then goes on as a run with a warm
cache: what it reports is what a run with one reports (the tests hold every
rule case to that).

Workers are forked, so they start without importing anything and read the
files this process has already read. Fewer files than MIN_FILES, one core,
no fork (not Linux or macOS), other threads running (the preview server)
or `CURRICULUM_VALIDATE_WORKERS=1`: nothing is started. A worker that
fails or dies costs only time: this process then parses and checks what
is missing itself.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable

from . import markdown_scan, readability
from .findings import Finding
from .ledger import placed, settings_digest
from .load import (META_OF, PROGRAMME_FILE, SOURCE_DIRS, Inputs, load_file, packed, programme_entry,
                   read_hashed, unpacked)
from .model import Document
from .rules.links import documents

MIN_FILES = 200  # below this (at about 1 ms a file), starting workers costs more than it saves
_JOB: tuple | None = None  # what the forked workers read: set in the parent just before they start


def worker_count() -> int:
    """`CURRICULUM_VALIDATE_WORKERS`, else the cores this process may use."""
    chosen = os.environ.get("CURRICULUM_VALIDATE_WORKERS", "").strip()
    if chosen.isdigit():
        return int(chosen)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def prime(root: Path, store, read: Inputs, check_part: Callable) -> int:
    """Fill the store with the files of `read` it lacks (as loaded, and their
    per-file findings under programme.yml's settings), made in worker
    processes when there are enough of them; `check_part(curriculum)` gives
    the per-file findings of a curriculum. Returns how many files the
    workers parsed or checked (0 when none were started)."""
    count = worker_count()
    if count < 2 or "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 0  # forking a process with other threads (`serve`) could copy a lock one of them holds
    programme, programme_doc = _programme_of(root, store, read)
    context = settings_digest(programme, programme_doc)
    lacking = [rel for folder in SOURCE_DIRS for rel in read.listed[folder]
               if read.reads.get(rel, (None,))[0] is not None and not store.holds(rel, read.reads[rel][2], context)]
    if len(lacking) < MIN_FILES:
        return 0
    # the workers inherit the kept syllable counts and a hyphenator, rather than each making its own
    readability.take_earlier(hyphenator=any(store.peek(rel, read.reads[rel][2]) is None for rel in lacking))
    global _JOB
    _JOB = (root, read.reads, store, programme, programme_doc, read.assets[0], check_part)
    parts = [lacking[start::count * 4] for start in range(count * 4)]  # interleaved: similar files spread out
    try:
        with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork")) as pool:
            done = list(pool.map(_parse_and_check, parts))
    except Exception:  # noqa: BLE001  a worker that failed or died: this process does the work itself
        return 0
    finally:
        _JOB = None
    for results, words in done:  # kept as this run's own: its load and checks take them from the store
        for rel, digest, entry, found in results:
            if entry is not None:
                store.keep_file(rel, digest, entry)
            if found is not None:
                store.keep_findings(rel, digest, context, found)
        readability.learn(words)
    return len(lacking)


def _programme_of(root: Path, store, read: Inputs):
    """programme.yml typed and its document, as `load_programme` will take
    them (from the store, or parsed now and put there)."""
    # read again when the ledger's answer took it (and then found a full run was needed)
    data, _, digest = read.reads.get(PROGRAMME_FILE) or read_hashed(root, PROGRAMME_FILE)
    if data is None:
        return None, Document(path=PROGRAMME_FILE, body="", body_line=1)
    programme, doc, _ = programme_entry(data, digest, store)
    return programme, doc


def _parse_and_check(part: list[str]) -> tuple[list[tuple], list[tuple[str, int]]]:
    """In a worker: each file of the part as the store keeps it (None when
    the store holds it already), and its per-file findings (None for a file
    the part's curriculum does not hold: untyped, or a second file with an
    id); and the words counted anew."""
    root, reads, store, programme, programme_doc, assets, check_part = _JOB
    known = len(readability.counted()[0])
    made, typed = [], []
    for rel in part:
        data, problems, digest = reads[rel]
        entry = store.peek(rel, digest)
        if entry is None:
            loaded = load_file(root, rel, META_OF[rel.split("/", 1)[0]], None,
                               lambda _root, _rel: (data, problems, digest), outlined=True)
            made.append((rel, digest, packed(loaded)))
        else:
            loaded = unpacked(entry)
            if loaded.scan is not None:  # as load_file does: the rules take the kept scan
                markdown_scan.remember(loaded.doc.body, loaded.doc.body_line, loaded.scan)
            made.append((rel, digest, None))
        if loaded.meta is not None:
            typed.append((rel, loaded.meta, loaded.doc))
    cur, _ = placed(root, programme, programme_doc, typed, assets, 1 + len(part))
    found: dict[str, list[Finding]] = {doc.path: [] for doc in documents(cur)}
    for finding in check_part(cur):
        found[finding.path].append(finding)
    results = [(rel, digest, entry, tuple(found[rel]) if rel in found else None) for rel, digest, entry in made]
    return results, readability.counted_since(known)
