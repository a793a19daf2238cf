"""`curriculum build`: validate, then write the site and every PDF atomically.

Everything is written into a fresh staging folder beside the output folder
and swapped in only when all of it succeeded, so a failed or interrupted
build leaves the previous output exactly as it was (MkDocs alone empties
site_dir first). Sources are only ever read.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .load import find_root
from .validate import Options, Report, validate

SOURCE_FOLDERS = ("sessions", "handouts", "facilitator_notes", "overrides")
MARKER = ".curriculum-build"


class BuildError(Exception):
    """The build could not finish; the previous output is untouched."""


class UnsafeOutput(BuildError):
    """--out names a folder the build must never replace."""


@dataclass
class BuildResult:
    report: Report | None  # None when the output was already up to date
    out: Path
    built: bool = False
    documents: list[str] = field(default_factory=list)
    up_to_date: bool = False


def check_output(root: Path, out: Path) -> Path:
    """Refuse an output folder that is ROOT, holds ROOT, lies in a source
    folder, or is an existing folder that a build did not make."""
    root = root.resolve()
    if out.is_symlink():
        raise UnsafeOutput(f"--out {out} is a symbolic link; give a real folder")
    out = Path(os.path.normpath(os.path.abspath(out)))
    out = out.parent.resolve() / out.name  # resolve links above, not the folder itself
    if out == root:
        raise UnsafeOutput(f"--out {out} is the curriculum folder itself; choose a folder such as {root / 'build'}")
    if root.is_relative_to(out):
        raise UnsafeOutput(f"--out {out} contains the curriculum folder; the build would replace it")
    for folder in SOURCE_FOLDERS:
        if out.is_relative_to(root / folder):
            raise UnsafeOutput(f"--out {out} lies inside the source folder '{folder}/'; choose a folder such as {root / 'build'}")
    if out.exists():
        if not out.is_dir():
            raise UnsafeOutput(f"--out {out} is a file, not a folder")
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise UnsafeOutput(f"--out {out} is a folder this tool did not create and is not empty; "
                               "choose an empty or new folder")
    return out


def recover(out: Path) -> None:
    """Tidy up after a build that was killed: put back a previous output caught
    between the two renames of swap_in, and remove abandoned staging folders."""
    parent = out.parent
    if not parent.is_dir():
        return
    olds = sorted(parent.glob(f".{out.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if olds and not out.exists():
        os.rename(olds.pop(), out)
    for leftover in olds + list(parent.glob(f".{out.name}.new-*")):
        shutil.rmtree(leftover, ignore_errors=True)


def swap_in(staging: Path, out: Path) -> None:
    """Replace out with staging using renames in the same parent folder."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.rmdir(old)
        os.rename(out, old)
    try:
        os.rename(staging, out)
    except OSError:
        if old is not None:
            os.rename(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


INPUT_FOLDERS = ("sessions", "handouts", "facilitator_notes", "overrides", "images", "assets")
INPUT_FILES = ("programme.yml", "mkdocs.yml")


def inputs_digest(root: Path, pdfs: bool) -> str:
    """A hash of everything a build reads: the sources, the site config, and
    the package's own code, templates and styles."""
    digest = hashlib.sha256(f"pdfs={pdfs}".encode())
    package = Path(__file__).resolve().parent
    files = [(f"pkg/{p.relative_to(package).as_posix()}", p) for p in package.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts]
    for name in INPUT_FILES:
        files.append((name, root / name))
    for folder in INPUT_FOLDERS:
        base = root / folder
        if base.is_dir():
            files += [(p.relative_to(root).as_posix(), p) for p in base.rglob("*") if p.is_file() or p.is_symlink()]
    for name, path in sorted(files):
        digest.update(name.encode() + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()


def _stamp(out: Path) -> dict:
    try:
        return json.loads((out / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def build(root: Path | str, out: Path | str | None = None, *, options: Options | None = None,
          progress: Callable[[str], None] | None = None, pdfs: bool = True, force: bool = False) -> BuildResult:
    root = find_root(Path(root))
    out = check_output(root, Path(out) if out else root / "build")
    recover(out)
    digest = inputs_digest(root, pdfs)
    previous = _stamp(out)
    if not force and previous.get("inputs") == digest:
        # Nothing the build reads has changed: the output already is what a
        # build would write. Neither MkDocs nor WeasyPrint is imported.
        return BuildResult(None, out, built=True, documents=previous.get("documents", []), up_to_date=True)
    report = validate(root, options)
    result = BuildResult(report, out)
    if not report.ok:
        return result
    from .pipeline import write_everything  # late: keeps validate-only runs light

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        result.documents, _ = write_everything(
            report.curriculum, staging, previous=out if out.exists() else None, progress=progress, pdfs=pdfs)
        stamp = {"note": "made by `curriculum build`; safe to delete", "inputs": digest,
                 "documents": result.documents}
        (staging / MARKER).write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    result.built = True
    return result
