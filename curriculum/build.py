"""`curriculum build`: validate, then write the site and every PDF atomically.

Everything is written into a fresh staging folder beside the output folder
and swapped in only when all of it succeeded, so a failed or interrupted
build leaves the previous output exactly as it was (MkDocs alone empties
site_dir first). Sources are only ever read.
"""

from __future__ import annotations

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
    report: Report
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


def build(root: Path | str, out: Path | str | None = None, *, options: Options | None = None,
          progress: Callable[[str], None] | None = None, pdfs: bool = True) -> BuildResult:
    root = find_root(Path(root))
    out = check_output(root, Path(out) if out else root / "build")
    report = validate(root, options)
    result = BuildResult(report, out)
    if not report.ok:
        return result
    from .pipeline import write_everything  # late: keeps validate-only runs light

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        (staging / MARKER).write_text("made by `curriculum build`; safe to delete\n", encoding="utf-8")
        result.documents, result.up_to_date = write_everything(
            report.curriculum, staging, previous=out if out.exists() else None, progress=progress, pdfs=pdfs)
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    result.built = True
    return result
