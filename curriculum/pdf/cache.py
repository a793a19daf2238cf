"""The PDF cache: a manifest mapping each PDF to a hash of its inputs.

Like mkdocs-material's social plugin: a PDF is rendered again only when
the hash changes. The hash covers the document's source files (their
bytes), the toolchain (this package's code, templates and styles, the
`overrides/pdf/` files, the font files, the versions of the rendering
libraries, SOURCE_DATE_EPOCH) and, recorded after rendering, every
repository file the renderer actually read (images). An unchanged PDF is
hard-linked or copied from the previous build's site folder.

This module must stay light: a rebuild with nothing changed imports
neither WeasyPrint nor Markdown nor Jinja.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from .. import __version__
from .documents import Spec
from .script_fonts import SCRIPT_FONTS

MANIFEST = "pdf/manifest.json"
FORMAT = 1
MAX_MANIFEST_BYTES = 5_000_000
LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "tinyhtml5", "fonttools",
             "markdown", "pymdown-extensions", "jinja2", "fontpkg-atkinson-hyperlegible",
             "fontpkg-noto-sans-arabic", "pikepdf")
PACKAGE = Path(__file__).resolve().parent
CODE = PACKAGE.parent  # the whole curriculum package: the PDFs use its converter, labels and coverage too
OVERRIDES = "overrides/pdf"

try:
    from fontpkg_atkinson_hyperlegible import FAMILY as FONT_FAMILY
    from fontpkg_atkinson_hyperlegible import ROOT as _FONT_ROOT
    FONT_DIR: Path | None = Path(_FONT_ROOT).resolve() / "files"
except ImportError:  # pragma: no cover - a declared dependency
    FONT_FAMILY, FONT_DIR = "Atkinson Hyperlegible", None


@dataclass
class Entry:
    hash: str  # of the inputs
    sha256: str  # of the PDF written
    pages: int = 0
    deps: dict[str, str] = field(default_factory=dict)  # repository file read -> sha256 of its bytes
    read: list[str] = field(default_factory=list)  # every file the render read: repo:, font:, package:
    parts: dict[str, str] = field(default_factory=dict)  # a document laid out in parts: part key -> sha256


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def package_files() -> list[Path]:
    """Every file of the curriculum package (code, templates, styles, assets):
    what a build's output depends on besides the sources and the libraries."""
    return sorted(p for p in CODE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def toolchain_files(root: Path) -> list[Path]:
    """Files besides the sources that shape every PDF: the package's files,
    the overrides and the fonts."""
    found = package_files()
    overrides = root / OVERRIDES
    if overrides.is_dir():
        base = root.resolve()
        for path in overrides.rglob("*"):
            if path.is_file() and not path.is_symlink() and path.resolve().is_relative_to(base):
                found.append(path)
    if FONT_DIR is not None:
        found += FONT_DIR.glob("*.ttf")
    for font in SCRIPT_FONTS:
        found += font.files()
    return sorted(found)


def toolchain_hash(root: Path) -> str:
    digest = hashlib.sha256()
    digest.update(f"curriculum {__version__}\nformat {FORMAT}\n".encode())
    for name in LIBRARIES:
        digest.update(f"{name} {_version(name)}\n".encode())
    digest.update(f"SOURCE_DATE_EPOCH {os.environ.get('SOURCE_DATE_EPOCH', '')}\n".encode())
    for path in toolchain_files(root):
        label = path.relative_to(CODE) if path.is_relative_to(CODE) else path.name
        digest.update(f"{label}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def input_hash(spec: Spec, toolchain: str) -> str:
    digest = hashlib.sha256()
    digest.update(f"{toolchain}\n{spec.kind}\n{spec.output}\n{spec.subject}\n{spec.parents}\n".encode())
    for doc in sorted(spec.sources, key=lambda d: d.path):
        digest.update(f"{doc.path}\0{doc.digest}\n".encode())
    for fact in spec.facts:
        digest.update(f"{fact}\n".encode())
    return digest.hexdigest()


def file_sha256(path: Path) -> str | None:
    """sha256 of a regular file reached without symbolic links, else None."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def dependency_hashes(root: Path, labels) -> dict[str, str]:
    """sha256 of each repository file a render read (labels `repo:PATH`)."""
    found = {}
    for label in sorted(set(labels)):
        if label.startswith("repo:"):
            found[label] = file_sha256(root / label[5:]) or "missing"
    return found


def load(site_dir: Path | None) -> dict[str, Entry]:
    """The manifest of a previous build; empty when absent or not ours."""
    if site_dir is None:
        return {}
    path = site_dir / MANIFEST
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode) or os.lstat(path).st_size > MAX_MANIFEST_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("documents"), dict):
        return {}
    entries = {}
    for output, raw in data["documents"].items():
        try:
            entry = Entry(str(raw["hash"]), str(raw["sha256"]), int(raw.get("pages", 0)),
                          {str(k): str(v) for k, v in dict(raw.get("deps", {})).items()},
                          [str(label) for label in list(raw.get("read", []))],
                          {str(k): str(v) for k, v in dict(raw.get("parts", {})).items()})
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
        entries[str(output)] = entry
    return entries


def save(site_dir: Path, toolchain: str, entries: dict[str, Entry]) -> str:
    path = site_dir / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"format": FORMAT, "toolchain": toolchain,
            "documents": {output: asdict(entries[output]) for output in sorted(entries)}}
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return MANIFEST


def reuse(previous: Path, site_dir: Path, output: str, wanted: str, entry: Entry | None, root: Path) -> bool:
    """Link or copy output from the previous site folder when its inputs are
    unchanged and the file is the one the manifest describes."""
    if entry is None or entry.hash != wanted:
        return False
    if dependency_hashes(root, entry.deps) != entry.deps:
        return False
    source = previous / output
    if file_sha256(source) != entry.sha256:
        return False
    target = site_dir / output
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
    return True
