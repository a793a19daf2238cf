"""What crosses the process boundary: a render job and its result (plain data)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .confine import Log, Policy

MARKER = "curriculum-part:"  # a link to an anchor in another part, as a part's worker leaves it (compose.py)


@dataclass(frozen=True)
class Job:
    output: str  # path inside the site folder, names the document in messages
    variants: tuple[str, ...]  # HTML, then tighter layouts for a one-page document
    base_url: str  # file URL of the repository, ending in /
    policy: Policy
    identifier: bytes  # PDF file identifier: derived from the inputs, so stable
    seconds: float  # wall-clock bound of this render
    one_page: bool = False
    memory_bytes: int = 0  # address-space bound of this render when above the worker's (a large document)
    stylesheet: str = ""  # CSS applied after the HTML's own; parsed once per worker (write._parsed)
    strict_glyphs: bool = False  # a character no shipped font has is an error, not a warning (translations)
    part: bool = False  # one part of a document (compose.py): a link to another part is kept, marked
    tagged: bool = True  # False for page furniture drawn over a tagged document's pages (compose.py)


@dataclass
class Result:
    output: str
    pdf: bytes | None = None
    pages: int = 0
    fit: int = 0  # which variant was written
    log: Log = field(default_factory=Log)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    # Characters printed in a font other than the bundled one -> that font's family.
    foreign_glyphs: dict[str, str] = field(default_factory=dict)
