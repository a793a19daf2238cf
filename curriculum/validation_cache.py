"""What validation learnt about each file, kept between runs.

Two things are kept, each under the sha256 of a file's bytes: the file as
loaded (its split, front matter with positions, typed metadata, Markdown
scan and loading findings), and the findings of the per-file rules (which
also depend on programme.yml, so its digest is part of their key). A file
whose bytes are unchanged is neither parsed nor checked again. A record of
the last run (a digest of all its inputs and what it found) answers a run
whose inputs are the same without loading anything; the ledger of the last
full run (ledger.py) and its link outlines answer one in which programme.yml
is unchanged, loading only what changed; the syllable counts of every word
readability met spare a later run pyphen's dictionary. Any change to this
package's code, Python or the parsing libraries starts the cache afresh.

The cache is a pickle, and unpickling runs code, so it is never kept in or
read from the repository (a clone could carry a crafted one): it lives in
the user's cache folder (`$CURRICULUM_CACHE_DIR`, else
`$XDG_CACHE_HOME/curriculum`, else `~/.cache/curriculum`; a folder per
repository, its entries spread over 16 shard files so that an edit rewrites
one of them, beside the record), created private (0700), and a file there is read only when it
is a regular file owned by this user that no one else may write. A cache that cannot be read, written
or trusted is ignored: validation is then as slow as without one, never
wrong.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import stat
import sys
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT = 3  # 2: LoadedFile.outline, the ledger; 3: outlines in two parts, link outlines
PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    chosen = os.environ.get("CURRICULUM_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "curriculum"


def engine_key() -> str:
    """Everything besides a file's bytes that decides what validation says
    of it: this package's code, Python, and the libraries that parse and
    count (reading them costs a few milliseconds)."""
    import pydantic
    import yaml

    digest = hashlib.sha256(f"{FORMAT} {sys.version} {pydantic.VERSION} {yaml.__version__}".encode())
    digest.update(_library_versions().encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _library_versions() -> str:
    from importlib import metadata

    found = []
    for name in ("pyphen",):  # readability: syllable counts
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return " ".join(found)


SHARDS = 16  # a one-file edit rewrites one sixteenth of the cache, not all of it


def shard_of(rel: str) -> int:
    return zlib.crc32(rel.encode("utf-8")) % SHARDS


@dataclass
class Shard:
    """The kept entries of the files that hash to one shard, and those this
    run used or made (only those are written back, so deleted and edited
    files drop out)."""

    files: dict[tuple[str, str], Any] = field(default_factory=dict)
    findings: dict[tuple[str, str, str], tuple] = field(default_factory=dict)
    used_files: dict[tuple[str, str], Any] = field(default_factory=dict)
    used_findings: dict[tuple[str, str, str], tuple] = field(default_factory=dict)
    made: int = 0  # entries computed this run

    @property
    def changed(self) -> bool:
        return bool(self.made) or len(self.used_files) != len(self.files) or \
            len(self.used_findings) != len(self.findings)


@dataclass
class Store:
    folder: Path | None
    engine: str
    shards: list[Shard] = field(default_factory=lambda: [Shard() for _ in range(SHARDS)])
    inputs: list[tuple[str, str]] = field(default_factory=list)  # what load read, as load.inputs gives it
    # this run's content files as loaded, and the findings of the per-file
    # rules on each (for the ledger: what each file adds to the answer)
    files_seen: dict[str, Any] = field(default_factory=dict)
    findings_seen: dict[str, tuple] = field(default_factory=dict)

    def note_input(self, name: str, state: str) -> None:
        self.inputs.append((name, state))

    def note_file(self, rel: str, loaded) -> None:
        self.files_seen[rel] = loaded

    def file(self, rel: str, digest: str):
        """The file as kept by an earlier run, or earlier in this one (by
        worker processes, see prime.py)."""
        shard, key = self.shards[shard_of(rel)], (rel, digest)
        found = shard.files.get(key)
        if found is None:
            return shard.used_files.get(key)
        shard.used_files[key] = found
        return found

    def keep_file(self, rel: str, digest: str, loaded) -> None:
        shard = self.shards[shard_of(rel)]
        shard.used_files[(rel, digest)] = loaded
        shard.made += 1

    def file_findings(self, rel: str, digest: str, context: str) -> tuple | None:
        shard, key = self.shards[shard_of(rel)], (rel, digest, context)
        found = shard.findings.get(key)
        if found is None:
            found = shard.used_findings.get(key)
        if found is not None:
            shard.used_findings[key] = found
            self.findings_seen[rel] = found
        return found

    def holds(self, rel: str, digest: str, context: str) -> bool:
        """Whether the store holds this file as loaded and its per-file
        findings under these settings (without marking either used)."""
        shard = self.shards[shard_of(rel)]
        return self.peek(rel, digest) is not None and (
            (rel, digest, context) in shard.findings or (rel, digest, context) in shard.used_findings)

    def peek(self, rel: str, digest: str):
        """The file as kept, without marking it used (for worker processes)."""
        shard = self.shards[shard_of(rel)]
        found = shard.files.get((rel, digest))
        return found if found is not None else shard.used_files.get((rel, digest))

    def keep_findings(self, rel: str, digest: str, context: str, found: tuple) -> None:
        shard = self.shards[shard_of(rel)]
        shard.used_findings[(rel, digest, context)] = found
        shard.made += 1
        self.findings_seen[rel] = found


# --- the record of the last run ------------------------------------------------
# A run whose inputs equal the last run's (every file's digest or why it
# could not be read, the list of assets, the date, this engine) finds what
# that run found: the record holds its findings and summary, so such a run
# neither unpickles the shards nor runs a rule.

RECORD_FILE = "last-run.pickle"


def run_key(engine: str, inputs: list[tuple[str, str]], today) -> str:
    digest = hashlib.sha256(f"{FORMAT}\n{engine}\n{today.isoformat()}\n".encode())
    for name, state in inputs:
        digest.update(f"{name}\0{state}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def last_run(root: Path, key: str) -> tuple[tuple, dict] | None:
    """The findings and summary of the last run, when its key is this one."""
    kept = _read_trusted(cache_folder(root) / RECORD_FILE)
    if isinstance(kept, dict) and kept.get("format") == FORMAT and kept.get("key") == key:
        findings, summary = kept.get("findings"), kept.get("summary")
        if isinstance(findings, tuple) and isinstance(summary, dict):
            return findings, summary
    return None


def keep_last_run(root: Path, key: str, findings: tuple, summary: dict) -> None:
    _write(cache_folder(root) / RECORD_FILE, {"format": FORMAT, "key": key, "findings": findings,
                                              "summary": summary})


# --- the ledger of the last full run ------------------------------------------
# What each content file added to the last full run's answer (see ledger.py):
# read only when the record misses, so a run with nothing changed never pays
# for it.

LEDGER_FILE = "ledger.pickle"


def read_ledger(root: Path) -> dict | None:
    kept = _read_trusted(cache_folder(root) / LEDGER_FILE)
    return kept if isinstance(kept, dict) and kept.get("format") == FORMAT else None


def keep_ledger(root: Path, ledger: dict) -> None:
    _write(cache_folder(root) / LEDGER_FILE, {**ledger, "format": FORMAT})


# The outlines of every file's links (headings, links, images), for the
# rules comparing links to run again when only some file's links changed;
# apart from the ledger, which an edit to prose reads without them.
LINKS_FILE = "links.pickle"


def read_link_outlines(root: Path, engine: str) -> dict | None:
    outlines = _kept(root, LINKS_FILE, engine).get("outlines")
    return outlines if isinstance(outlines, dict) else None


def keep_link_outlines(root: Path, engine: str, outlines: dict) -> None:
    _keep(root, LINKS_FILE, engine, outlines=outlines)


# --- syllable counts -------------------------------------------------------------
# Every word's syllables as readability counted them, and its hyphenator
# (pyphen's dictionary parsed: unpickling it takes a tenth of the time), so
# that checking an edited handout need not parse the dictionary again.

SYLLABLES_FILE = "syllables.pickle"


def read_syllables(root: Path, engine: str) -> tuple[dict[str, int], Any]:
    """(counts, hyphenator or None) kept for root by this engine; ({}, None) otherwise."""
    kept = _kept(root, SYLLABLES_FILE, engine)
    counts, hyphenator = kept.get("counts"), kept.get("hyphenator")
    if isinstance(counts, dict) and (hyphenator is None or _is_hyphenator(hyphenator)):
        return counts, hyphenator
    return {}, None


def _is_hyphenator(value) -> bool:
    import pyphen

    return isinstance(value, pyphen.Pyphen)


def keep_syllables(root: Path, engine: str, counts: dict[str, int], hyphenator) -> None:
    _keep(root, SYLLABLES_FILE, engine, counts=counts, hyphenator=hyphenator)


def _kept(root: Path, name: str, engine: str) -> dict:
    """What this engine kept in the cache file `name` for root; {} when it
    is missing, damaged, untrusted, or another engine's."""
    kept = _read_trusted(cache_folder(root) / name)
    ours = isinstance(kept, dict) and kept.get("format") == FORMAT and kept.get("engine") == engine
    return kept if ours else {}


def _keep(root: Path, name: str, engine: str, **fields) -> None:
    _write(cache_folder(root) / name, {"format": FORMAT, "engine": engine, **fields})


def cache_folder(root: Path) -> Path:
    name = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:24]
    return cache_dir() / f"validate-{name}"


def shard_file(folder: Path, number: int) -> Path:
    return folder / f"{number:02d}.pickle"


def open_store(root: Path, engine: str | None = None) -> Store:
    """The kept entries for this repository; a shard that is missing,
    damaged, untrusted or from another engine starts empty."""
    store = Store(cache_folder(root), engine or engine_key())
    for number, shard in enumerate(store.shards):
        kept = _read_trusted(shard_file(store.folder, number))
        if isinstance(kept, dict) and kept.get("format") == FORMAT and kept.get("engine") == store.engine:
            files, findings = kept.get("files"), kept.get("findings")
            if isinstance(files, dict) and isinstance(findings, dict):
                shard.files, shard.findings = files, findings
    return store


def _read_trusted(path: Path):
    """Unpickle path only when it is a regular file of ours that no one else
    may write; None otherwise, or when it is damaged."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if not stat.S_ISREG(info.st_mode) or not mine or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return None
        with os.fdopen(handle, "rb") as stream:
            handle = None
            return _unpickle(stream)
    except Exception:  # a damaged or foreign cache is ignored, never fatal
        return None
    finally:
        if handle is not None:
            os.close(handle)


def _unpickle(stream):
    # Unpickling makes hundreds of thousands of objects, none of them garbage;
    # the cyclic collector would walk them all again and again (4x the time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(stream)
    finally:
        if enabled:
            gc.enable()


def save(store: Store) -> None:
    """Write each shard this run changed, atomically; quietly skip when the
    cache folder cannot be written."""
    if store.folder is None:
        return
    for number, shard in enumerate(store.shards):
        if shard.changed:
            data = {"format": FORMAT, "engine": store.engine, "files": shard.used_files,
                    "findings": shard.used_findings}
            if not _write(shard_file(store.folder, number), data):
                return


def _write(path: Path, data: dict) -> bool:
    # Atomic: a reader sees the old file or the new one, never half of one.
    try:
        path.parent.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # the cache folder: private
        path.parent.mkdir(mode=0o700, exist_ok=True)  # this repository's
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".shard-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(data, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, pickle.PicklingError):
        return False
    return True
