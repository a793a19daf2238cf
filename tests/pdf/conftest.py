"""Fixtures for the PDF tests: builds made once per session.

- `bundled`: every PDF of the bundled Baby Steps curriculum (the slow one);
- `tainted`: the minimal curriculum with a parents handout carrying
  facilitator-only blocks, raw HTML, template syntax and an image, built
  twice from scratch (to compare bytes) without validation: the PDF side is
  the second defence and must hold on its own.

Helpers read PDFs back with pypdf and poppler (pdftotext, pdffonts). Test
modules reach everything here through fixtures: tests/ is not a package.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from curriculum.pdf import build_pdfs
from curriculum.source.load import load

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
MINIMAL = TESTS / "fixtures" / "minimal"

SECRETS = ("SECRET-FACILITATOR-TEXT", "SECRET-SAFEGUARDING-TEXT", "Secret facilitator guidance")
TAINT = """

![A basket of vegetables](../images/basket.png)

Template text stays text: {{ 7*7 }} and `{{ ''.__class__ }}`. Raw <b>bold</b> and <script>alert(1)</script>.

!!! facilitator "Secret facilitator guidance"
    SECRET-FACILITATOR-TEXT: never for parents.

??? safeguarding "Another block"
    SECRET-SAFEGUARDING-TEXT: never for parents.

## Keep going { onclick="alert(1)" style="color: red" }

The end.
"""


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\x0b\x3d\x5c" * 2 + b"\x00" + b"\xff\xff\xff" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def copy_minimal(target: Path) -> Path:
    shutil.copytree(MINIMAL, target)
    return target


def taint(root: Path) -> Path:
    """Add the tainted text and its image to the minimal handout."""
    (root / "images").mkdir(exist_ok=True)
    (root / "images" / "basket.png").write_bytes(tiny_png())
    handout = root / "handouts" / "shopping-list.md"
    handout.write_text(handout.read_text(encoding="utf-8") + TAINT, encoding="utf-8")
    return root


@dataclass
class Built:
    root: Path
    site: Path
    written: list[str]
    messages: list[str]

    def pdf(self, output: str) -> Path:
        return self.site / output


def build(root: Path, site: Path, previous: Path | None = None) -> Built:
    cur, _ = load(root)
    messages: list[str] = []
    written = build_pdfs(cur, site, previous=previous, progress=messages.append)
    return Built(root, site, written, messages)


@pytest.fixture(scope="session")
def bundled(tmp_path_factory) -> Built:
    return build(REPO, tmp_path_factory.mktemp("bundled") / "site")


@pytest.fixture(scope="session")
def tainted_root(tmp_path_factory) -> Path:
    return taint(copy_minimal(tmp_path_factory.mktemp("tainted") / "repo"))


@pytest.fixture(scope="session")
def tainted(tainted_root, tmp_path_factory) -> Built:
    return build(tainted_root, tmp_path_factory.mktemp("tainted-a") / "site")


@pytest.fixture(scope="session")
def tainted_again(tainted_root, tmp_path_factory) -> Built:
    return build(tainted_root, tmp_path_factory.mktemp("tainted-b") / "site")


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    command = ["pdftotext", "-enc", "UTF-8"]
    if first:
        command += ["-f", str(first)]
    if last:
        command += ["-l", str(last)]
    return subprocess.run([*command, str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_fonts(path: Path) -> list[dict]:
    """pdffonts rows: name and the emb column."""
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    lines = out.splitlines()
    header = lines[0]
    emb = header.index("emb")
    return [{"name": line.split()[0], "emb": line[emb:emb + 3].strip()} for line in lines[2:] if line.strip()]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The bundled curriculum (read only)."""
    return REPO


@pytest.fixture(scope="session")
def minimal_root() -> Path:
    """The minimal fixture curriculum (read only)."""
    return MINIMAL


@pytest.fixture
def png() -> bytes:
    """A tiny valid PNG image."""
    return tiny_png()


@pytest.fixture
def text_of():
    """text_of(path, first=None, last=None) -> pdftotext's text."""
    return pdf_text


@pytest.fixture(scope="session")
def pdf_reader():
    """Session-scoped twin of text_of, for module fixtures."""
    return pdf_text


@pytest.fixture
def fonts_of():
    return pdf_fonts


@pytest.fixture
def minimal_pdfs(tmp_path):
    """minimal_pdfs(handout_tail) -> Built: the minimal curriculum with text
    added to its parents handout, every PDF built (no validation)."""

    def run(handout_tail: str) -> Built:
        root = copy_minimal(tmp_path / "repo")
        handout = root / "handouts" / "shopping-list.md"
        handout.write_text(handout.read_text(encoding="utf-8") + handout_tail, encoding="utf-8")
        return build(root, tmp_path / "site")

    return run
