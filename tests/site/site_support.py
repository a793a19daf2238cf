"""Helpers for the site tests: building, reading and serving sites.

(A module of its own, imported by name: tests/site has no __init__.py, as a
package named `site` would shadow the standard library's.)
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from curriculum.check.validate import validate

REPO = Path(__file__).resolve().parents[2]
MINIMAL = REPO / "tests" / "fixtures" / "minimal"
CHROMIUM = os.environ.get("CURRICULUM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
VIEWPORTS = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
COPIED = ("programme.yml", "mkdocs.yml", "sessions", "handouts", "facilitator_notes", "overrides", "images", "assets",
          "translations")


def copy_curriculum(source: Path, target: Path) -> Path:
    """The curriculum's own files only (never build/ or the project's code)."""
    target.mkdir(parents=True)
    for name in COPIED:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name)
        elif path.is_file():
            shutil.copy2(path, target / name)
    return target


def build(root: Path, site: Path, pdfs: bool = True, generator: str = "mkdocs") -> Path:
    """The site of the curriculum at root, built into site; with pdfs, its
    pages link every PDF a full build writes (not written here)."""
    from curriculum.pdf.documents import specs
    from curriculum.site.assemble import build_site

    report = validate(root)
    errors = [f"{f.path}:{f.line}: {f.code} {f.message}" for f in report.findings if f.severity.value == "error"]
    assert not errors, "the curriculum does not validate:\n" + "\n".join(errors)
    linked = frozenset(spec.output for spec in specs(report.curriculum)) if pdfs else frozenset()
    build_site(report.curriculum, site, linked_pdfs=linked, generator=generator)
    return site


# --- reading built pages -------------------------------------------------------


class Page(HTMLParser):
    """The links, ids and text of one HTML file."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict]] = []
        self.text_parts: list[str] = []
        self._skip = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            if attrs.get(key) is not None:
                self.refs.append((tag, key, attrs[key]))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.text_parts))


@functools.lru_cache(maxsize=512)
def _parse(path: str, mtime: float) -> Page:
    return Page(Path(path).read_text(encoding="utf-8"))


def page(site: Path, rel: str) -> Page:
    path = site / rel
    return _parse(str(path), path.stat().st_mtime)


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# --- serving a site over http ------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve_directory(folder: Path) -> Iterator[str]:
    """http://127.0.0.1:PORT/ serving folder, on a free port, in a thread."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
