"""The build's output folder: which folders a build may replace, where it
stages its work, how it swaps the new site in, and the stamp of what built it.

The build owns one folder, OUT/site (default ROOT/build/site), and a stamp
beside it; other things in OUT (screenshots, benchmark results) are left
alone. Everything is written into a fresh staging folder beside OUT (a
hidden `.build.new-*` next to `build/`) and swapped in with renames only when
all of it succeeded, so a failed or killed build leaves OUT byte for byte as
it was. Sources are only ever read.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from .errors import UnsafeOutput
from .source.load import INPUT_DIRS, INPUT_FILES, OVERRIDES_DIR, SOURCE_DIRS

SOURCE_FOLDERS = (*SOURCE_DIRS, OVERRIDES_DIR)  # a build never writes inside these
SITE = "site"
MARKER = ".curriculum-build.json"  # beside the site: what built it, from which inputs
SITE_ASSETS = "assets/curriculum"  # in every site a curriculum build writes


def check_output(root: Path, out: Path) -> Path:
    """Refuse an output folder that is ROOT, holds ROOT, lies in a source
    folder or is a link, and one whose `site` folder a build did not make."""
    root = root.resolve()
    if out.is_symlink():
        raise UnsafeOutput(f"--out {out} is a symbolic link; give a real folder")
    out = Path(os.path.normpath(os.path.abspath(out)))
    out = out.parent.resolve() / out.name  # resolve links above, not the folder itself
    if out == root:
        raise UnsafeOutput(f"--out {out} is the curriculum folder itself; choose a folder such as {root / 'build'}")
    if root.is_relative_to(out / SITE):
        raise UnsafeOutput(f"--out {out} would replace a folder holding the curriculum")
    for folder in SOURCE_FOLDERS:
        if out.is_relative_to(root / folder):
            raise UnsafeOutput(f"--out {out} lies inside the source folder '{folder}/'; choose a folder such as {root / 'build'}")
    if out.exists() and not out.is_dir():
        raise UnsafeOutput(f"--out {out} is a file, not a folder")
    site = out / SITE
    if site.is_symlink() or (site.exists() and not site.is_dir()):
        raise UnsafeOutput(f"{site} is not a real folder; remove it or choose another --out")
    # Ours: stamped by `curriculum build`, or holding the assets every curriculum site has.
    made_by_us = (out / MARKER).exists() or (site / SITE_ASSETS).is_dir()
    if site.is_dir() and any(site.iterdir()) and not made_by_us:
        raise UnsafeOutput(f"{site} exists and was not made by `curriculum build`; "
                           "choose another --out, or remove that folder")
    return out


def scratch_folder(out: Path) -> tuple[Path, str]:
    """Where a build stages its work, and the name prefix of its folders: beside
    OUT, on the same file system (renames must not cross devices); inside
    OUT only where that cannot be (OUT a mount point, its parent read-only)."""
    parent = out.parent
    try:
        if parent.stat().st_dev == out.stat().st_dev and os.access(parent, os.W_OK):
            return parent, f".{out.name}"
    except OSError:
        pass
    return out, f".{SITE}"


def _leftovers(out: Path, kind: str) -> list[Path]:
    folder, prefix = scratch_folder(out)
    found = {*folder.glob(f"{prefix}.{kind}-*"), *out.glob(f".{SITE}.{kind}-*")}
    return sorted((p for p in found if p.is_dir() and not p.is_symlink()), key=lambda p: p.stat().st_mtime)


def recover(out: Path) -> None:
    """Tidy up after a build that was killed: put back a previous site caught
    between the two renames of swap_in, and remove abandoned staging folders."""
    if not out.is_dir():
        return
    olds = _leftovers(out, "old")
    if olds and not (out / SITE).exists():
        os.rename(olds.pop(), out / SITE)
    for leftover in olds + _leftovers(out, "new"):
        shutil.rmtree(leftover, ignore_errors=True)
    for stamp in out.glob(".stamp-*"):
        stamp.unlink(missing_ok=True)


def follow_umask(folder: Path) -> None:
    """Give folder and everything in it the modes the user's umask gives new
    files: temporary folders and files are made private (0700, 0600), and a
    site copied to a web server with `cp -a` or `rsync -a` must stay readable."""
    mask = os.umask(0)
    os.umask(mask)
    for path in [folder, *folder.rglob("*")]:
        if path.is_symlink():
            continue
        os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~mask)


def swap_in(staging: Path, site: Path) -> None:
    """Replace site with staging: two renames, the previous site set aside in
    the staging folder's own folder until the new one is in place."""
    old = None
    if site.exists():
        old = Path(tempfile.mkdtemp(prefix=staging.name.split(".new-")[0] + ".old-", dir=staging.parent))
        os.rmdir(old)
        os.rename(site, old)
    try:
        os.rename(staging, site)
    except OSError:
        if old is not None:
            os.rename(old, site)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_stamp(out: Path, stamp: dict) -> None:
    handle, temporary = tempfile.mkstemp(prefix=".stamp-", dir=out)
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(json.dumps(stamp, indent=1) + "\n")
    os.replace(temporary, out / MARKER)


def inputs_digest(root: Path, pdfs: bool, generator: str = "mkdocs") -> str:
    """A hash of everything a build reads: the sources, the site config, and
    the package's own code, templates and styles."""
    from importlib import metadata

    from .pdf.cache import toolchain_hash  # cheap: imports no renderer
    from .source.git import tags_fingerprint

    digest = hashlib.sha256(f"pdfs={pdfs} generator={generator}".encode())
    # An upgrade of MkDocs, its theme, WeasyPrint or the fonts changes the output too.
    digest.update(toolchain_hash(root).encode())
    digest.update(tags_fingerprint(root).encode())  # "What changed" compares with the last release tag
    for name in ("mkdocs", "mkdocs-material", "zensical"):
        try:
            digest.update(f"{name} {metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} missing".encode())
    files = []  # the package's own files are in the toolchain hash
    for name in INPUT_FILES:
        files.append((name, root / name))
    for folder in INPUT_DIRS:
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


def read_stamp(out: Path) -> dict:
    try:
        return json.loads((out / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def new_staging(out: Path) -> Path:
    """A fresh staging folder for a build into out (see scratch_folder)."""
    out.mkdir(parents=True, exist_ok=True)
    folder, prefix = scratch_folder(out)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}.new-", dir=folder))
