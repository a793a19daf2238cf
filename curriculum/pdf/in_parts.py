"""A document laid out in parts (the facilitator manual), in the parent.

1. Cut its HTML into parts that do not depend on one another
   (`Renderer.parts`): the front (cover and contents), the overview, each
   contact, the handouts part, each guide chapter. A part is cached by a
   hash of its HTML, its stylesheet, the toolchain and the images it
   shows: unchanged parts are reused from the previous build.
2. The parts render in the worker pool beside every other document, each
   in its own bounded worker, so no worker holds the whole document.
3. Once their page counts are known: the front again, its contents now
   with page numbers, and the page furniture ("Page 3 of 241").
4. compose.join makes them one tagged PDF.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import cache
from .confine import VIRTUAL
from .documents import Spec

PARTS_DIR = "pdf/.parts"  # inside the site folder: the parts of the last build, for the next
FRONT, FURNITURE = "front", "furniture"
GUESS = 999  # a page number as wide as most, for the front's first layout


@dataclass
class InParts:
    spec: Spec
    digest: str  # the document's input hash (its manifest entry)
    toolchain: str
    previous: Path | None
    names: tuple[str, ...]
    keys: dict[str, str]  # part name -> key (its file name in PARTS_DIR)
    data: dict[str, bytes] = field(default_factory=dict)  # part name -> its PDF, reused or rendered
    images: dict = field(default_factory=dict)
    reads: set[str] = field(default_factory=set)  # files the rendered parts read
    front: tuple[str, bytes] | None = None  # the front with its page numbers: key, PDF

    def output_of(self, name: str) -> str:
        return f"{self.spec.output}#{name}"


def part_key(toolchain: str, html: str, stylesheet: str, images: list[bytes]) -> str:
    digest = hashlib.sha256()
    for piece in (toolchain.encode(), html.encode(), stylesheet.encode(), *images):
        digest.update(hashlib.sha256(piece).digest())
    return digest.hexdigest()[:40]


def _image_hashes(root: Path, html: str, images: dict) -> list[bytes]:
    """The hashes of the repository images a part shows, so that a changed
    image renders its part again."""
    repo = f"{VIRTUAL}repo/"
    return [(cache.file_sha256(root / url[len(repo):]) or "missing").encode()
            for url in sorted(images) if url in html and url.startswith(repo)]


def plan(renderer, spec: Spec, digest: str, toolchain: str, previous: Path | None, job) -> tuple[InParts, list]:
    """The parts of spec, those the previous build has already, and jobs
    (`job(output, html, stylesheet, tagged=True)` makes one) for the rest.
    The front is laid out first with a guessed page number everywhere, to
    know how many pages it takes."""
    parts = renderer.parts(spec, guess=GUESS)
    keys = {name: part_key(toolchain, html, parts.stylesheet, _image_hashes(renderer.root, html, parts.images))
            for name, html in zip(parts.names, parts.html)}
    found = InParts(spec, digest, toolchain, previous, parts.names, keys, images=parts.images)
    jobs = []
    for name, html in zip(parts.names, parts.html):
        data = _previous_part(previous, keys[name])
        if data is not None:
            found.data[name] = data
        else:
            jobs.append(job(found.output_of(name), html, parts.stylesheet))
    return found, jobs


def _previous_part(previous: Path | None, key: str) -> bytes | None:
    if previous is None:
        return None
    path = previous / PARTS_DIR / f"{key}.pdf"
    try:
        return None if path.is_symlink() else path.read_bytes()
    except OSError:
        return None


def take(found: InParts, result) -> None:
    """A rendered part's result (either phase), kept under its name."""
    name = result.output.rsplit("#", 1)[1]
    if name == FRONT and found.front is not None:
        found.front = (found.front[0], result.pdf)
    else:
        found.data[name] = result.pdf
    found.reads.update(result.log.read)


def numbers(found: InParts) -> tuple[dict[str, int], list[bool]]:
    """Each anchor's page number, and whether each page shows its number
    (the front's pages do not)."""
    from .compose import laid, page_numbers

    laid_parts = [laid(found.data[name]) for name in found.names]
    total = sum(part.pages for part in laid_parts)
    return page_numbers(laid_parts), [index >= laid_parts[0].pages for index in range(total)]


def finish_jobs(renderer, found: InParts, job) -> list:
    """Once every part is laid out: the front with its page numbers, and the
    page furniture."""
    anchors, numbered = numbers(found)
    front = renderer.parts(found.spec, anchors, only=FRONT)
    key = part_key(found.toolchain, front.html[0], front.stylesheet, [])
    cached = _previous_part(found.previous, key)
    found.front = (key, cached)
    html, stylesheet = renderer.furniture(found.spec, numbered)
    jobs = [job(found.output_of(FURNITURE), html, stylesheet, tagged=False)]
    if cached is None:
        jobs.append(job(found.output_of(FRONT), front.html[0], front.stylesheet))
    return jobs


def compose(found: InParts) -> tuple[bytes, int, list[str]]:
    """The joined PDF, its page count and what could not be joined as it
    was. A front whose numbers made it longer or shorter than its guess
    would shift every number: that is a problem, never a silent error."""
    from .compose import join, laid

    key, front = found.front
    problems = []
    if laid(front).pages != laid(found.data[FRONT]).pages:
        problems.append("the contents took a different number of pages once numbered")
    data, joined = join([front, *(found.data[name] for name in found.names[1:])], found.data[FURNITURE])
    return data, laid(data).pages, problems + joined


def keep(found: InParts, site_dir: Path) -> dict[str, str]:
    """Write every part into the new site's PARTS_DIR, for the next build;
    key -> sha256 of the part."""
    folder = site_dir / PARTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    kept = {}
    pieces = [(found.keys[name], found.data[name]) for name in found.names] + [found.front]
    for key, data in pieces:
        (folder / f"{key}.pdf").write_bytes(data)
        kept[key] = hashlib.sha256(data).hexdigest()
    return kept


def link_parts(previous: Path, site_dir: Path, parts: dict[str, str]) -> bool:
    """Carry a reused document's parts into the new site; False when one is
    missing or not the file recorded."""
    folder = site_dir / PARTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for key, sha in parts.items():
        source = previous / PARTS_DIR / f"{key}.pdf"
        if cache.file_sha256(source) != sha:
            return False
        try:
            os.link(source, folder / f"{key}.pdf")
        except OSError:
            shutil.copyfile(source, folder / f"{key}.pdf")
    return True
