"""Documents laid out in parts, each part once (in the parent).

WeasyPrint holds the layout of every page of a document at once and lays
out again whatever it is given. So the facilitator manual, the handouts,
the packs and the parent workbook are made of parts instead:

1. `Renderer.parts` cuts a document's HTML into parts that do not depend
   on one another: a front (a cover, contents), then one part per
   contact, chapter or handout. A handout's part is the same HTML in its
   own PDF, in its pack and in the workbook.
2. A part is known by a key: a hash of its HTML, its stylesheet, the
   toolchain and the bytes of the images it shows. Each key is laid out
   once per build, in its own bounded worker beside every other document,
   or reused from the previous build (`PARTS_DIR`).
3. Once every part's pages are known: the fronts whose contents print
   page numbers (first laid out with guessed numbers, beside the parts, to
   know their length; again should the real numbers change it), and each
   document's page furniture ("Page 3 of 241"), also shared by key.
4. compose.join makes each document one tagged PDF.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import cache
from .confine import VIRTUAL
from .documents import Spec

PARTS_DIR = "pdf/.parts"  # inside the site folder: the parts of the last build, for the next
FRONT, FURNITURE = "front", "furniture"
MEASURE = "front-measure"  # a numbered front with guessed numbers: how many pages it takes
GUESS = 999  # a page number as wide as most


@dataclass
class InParts:
    """One document laid out in parts."""

    spec: Spec
    digest: str  # the document's input hash (its manifest entry)
    names: tuple[str, ...]  # its parts in order; FRONT first when it has one
    numbered_front: bool  # its front prints page numbers: laid out again once they are known
    images: dict  # URL -> (source path, line), for messages
    keys: dict[str, str] = field(default_factory=dict)  # part name (or FURNITURE) -> key
    data: dict[str, bytes] = field(default_factory=dict)  # part name (or FURNITURE) -> its PDF
    front_pages: int = 0  # pages its numbered front is taken to have: its numbers count them
    reads: set[str] = field(default_factory=set)  # files the rendered parts read

    def output_of(self, name: str) -> str:
        return f"{self.spec.output}#{name}"


def part_key(toolchain: str, html: str, stylesheet: str, images: list[bytes] = ()) -> str:
    digest = hashlib.sha256()
    for piece in (toolchain.encode(), html.encode(), stylesheet.encode(), *images):
        digest.update(hashlib.sha256(piece).digest())
    return digest.hexdigest()[:40]


def _image_hashes(root: Path, html: str, images: dict) -> list[bytes]:
    """The hashes of the repository images a part shows, so that a changed
    image lays its part out again."""
    repo = f"{VIRTUAL}repo/"
    return [(cache.file_sha256(root / url[len(repo):]) or "missing").encode()
            for url in sorted(images) if url in html and url.startswith(repo)]


def image_reads(found: InParts) -> set[str]:
    """The repository images a document shows, as a render's log names them
    (`repo:PATH`): its manifest entry watches them even when every part was
    reused, so a changed image is never missed."""
    repo = f"{VIRTUAL}repo/"
    return {f"repo:{url[len(repo):]}" for url in found.images if url.startswith(repo)}


def trusted_parts(entries: dict) -> dict[str, str]:
    """The parts the previous build's manifest vouches for: key -> sha256."""
    return {key: sha for entry in entries.values() for key, sha in entry.parts.items()}


def _previous_part(previous: Path | None, key: str, trusted: dict[str, str]) -> bytes | None:
    """A part of the previous build, if its manifest names it and the file
    is the one it names (never a file someone put there)."""
    if previous is None or key not in trusted:
        return None
    path = previous / PARTS_DIR / f"{key}.pdf"
    try:
        data = None if path.is_symlink() else path.read_bytes()
    except OSError:
        return None
    return data if data is not None and hashlib.sha256(data).hexdigest() == trusted[key] else None


class Planner:
    """Every document of a build laid out in parts, each part once.

    `job(output, html, stylesheet, tagged=True)` makes the render job of
    one part; its output names the first document that wanted the part."""

    def __init__(self, renderer, toolchain: str, previous: Path | None, job: Callable,
                 trusted: dict[str, str] | None = None):
        self.renderer, self.toolchain, self.previous, self.job = renderer, toolchain, previous, job
        self.trusted = trusted or {}  # key -> sha256 of the previous build's parts
        self.documents: list[InParts] = []
        self.wanting: dict[str, list[tuple[InParts, str]]] = {}  # key -> (document, part name)
        self.known: dict[str, bytes] = {}  # key -> PDF, once laid out or reused
        self.by_output: dict[str, str] = {}  # a job's output -> its key
        self.pending: list = []
        self.measured: dict = {}  # key -> compose.Laid
        self.glyphs: dict[str, dict[str, str]] = {}  # key -> characters printed in a machine font

    # --- planning -----------------------------------------------------------------

    def add(self, spec: Spec, digest: str) -> InParts:
        """Plan a document's parts. A front that prints page numbers is laid
        out now with a guessed number in every entry, only to know how many
        pages it takes; finish() lays it out with the real ones."""
        parts = self.renderer.parts(spec, guess=GUESS)
        found = InParts(spec, digest, parts.names, parts.numbered_front, parts.images)
        self.documents.append(found)
        for name, html in zip(parts.names, parts.html):
            key = part_key(self.toolchain, html, parts.stylesheet,
                           _image_hashes(self.renderer.root, html, parts.images))
            if name == FRONT and parts.numbered_front:
                name = MEASURE
            self._want(found, name, key, html, parts.stylesheet)
        return found

    def _want(self, found: InParts, name: str, key: str, html: str, stylesheet: str, tagged: bool = True) -> None:
        found.keys[name] = key
        self.wanting.setdefault(key, []).append((found, name))
        if key in self.known:
            found.data[name] = self.known[key]
            return
        if len(self.wanting[key]) > 1:
            return  # laid out once, for the first document that wanted it
        data = _previous_part(self.previous, key, self.trusted)
        if data is not None:
            self._have(key, data)
            return
        output = found.output_of(name)
        self.by_output[output] = key
        self.pending.append(self.job(output, html, stylesheet, tagged=tagged))

    def _have(self, key: str, data: bytes, reads=()) -> None:
        self.known[key] = data
        for found, name in self.wanting.get(key, []):
            if found.keys.get(name) == key:
                found.data[name] = data
                found.reads.update(reads)

    def jobs(self) -> list:
        """The jobs planned since the last call."""
        pending, self.pending = self.pending, []
        return pending

    def take(self, result) -> None:
        """A laid-out part: for every document that wants it."""
        key = self.by_output[result.output]
        self.glyphs[key] = result.foreign_glyphs
        self._have(key, result.pdf, result.log.read)

    def foreign_glyphs(self, found: InParts) -> dict[str, str]:
        """Characters the bundled font lacks in the parts laid out this
        build (write.foreign_glyphs), for the document's warning."""
        glyphs: dict[str, str] = {}
        for key in found.keys.values():
            glyphs.update(self.glyphs.get(key, {}))
        return dict(sorted(glyphs.items()))

    # --- once every part is laid out ---------------------------------------------------

    def _laid(self, found: InParts, name: str):
        from .compose import laid

        key = found.keys[name]
        if key not in self.measured:
            self.measured[key] = laid(found.data[name])
        return self.measured[key]

    def finish(self, documents: list[InParts] | None = None) -> None:
        """Plan the fronts that print page numbers, and every document's page
        furniture, once the other parts are laid out. A numbered front is
        taken to have as many pages as with guessed numbers; `unsettled`
        finds those that did not, to be planned again."""
        from .compose import Laid, page_numbers

        for found in self.documents if documents is None else documents:
            rest = [self._laid(found, name) for name in found.names if not (name == FRONT and found.numbered_front)]
            if found.numbered_front:
                found.front_pages = found.front_pages or self._laid(found, MEASURE).pages
                front = self.renderer.parts(found.spec, page_numbers([Laid(found.front_pages, {}), *rest]),
                                            only=FRONT)
                self._want(found, FRONT, part_key(self.toolchain, front.html[0], front.stylesheet),
                           front.html[0], front.stylesheet)
                unnumbered = found.front_pages
            else:
                unnumbered = rest[0].pages if found.names[0] == FRONT else 0
            total = unnumbered * found.numbered_front + sum(piece.pages for piece in rest)
            numbered = [index >= unnumbered for index in range(total)]
            html, stylesheet = self.renderer.furniture(found.spec, numbered)
            self._want(found, FURNITURE, part_key(self.toolchain, html, stylesheet), html, stylesheet, tagged=False)

    def unsettled(self) -> list[InParts]:
        """Documents whose numbered front took another number of pages than
        it was taken to have: their numbers are wrong. Each is given its
        front's pages, to be finished again."""
        found = []
        for document in self.documents:
            if document.numbered_front and FRONT in document.data:
                pages = self._laid(document, FRONT).pages
                if pages != document.front_pages:
                    document.front_pages = pages
                    found.append(document)
        return found


def compose(found: InParts):
    """The document joined from its parts (a compose.Joined)."""
    from .compose import join

    return join([found.data[name] for name in found.names], found.data[FURNITURE])


def keep(found: InParts, site_dir: Path, planner: Planner) -> dict[str, str]:
    """Write the document's parts into the new site's PARTS_DIR, for the
    next build; key -> sha256 of the part."""
    folder = site_dir / PARTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    keys = set(found.keys.values())
    kept = {}
    for key in sorted(keys):
        data = planner.known[key]
        target = folder / f"{key}.pdf"
        if not target.exists():
            target.write_bytes(data)
        kept[key] = hashlib.sha256(data).hexdigest()
    return kept


def link_parts(previous: Path, site_dir: Path, parts: dict[str, str]) -> bool:
    """Carry a reused document's parts into the new site; False when one is
    missing or not the file recorded."""
    folder = site_dir / PARTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for key, sha in parts.items():
        source, target = previous / PARTS_DIR / f"{key}.pdf", folder / f"{key}.pdf"
        if target.exists():
            continue
        if cache.file_sha256(source) != sha:
            return False
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
    return True
