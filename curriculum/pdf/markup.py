"""Author Markdown to print HTML (pure).

Python-Markdown renders, as MkDocs does, with the site's extensions. Then
one tree pass makes the result safe to print:

- raw HTML is never rendered: it is shown as text, as on the site (CUR713);
- facilitator-only blocks are removed from parents documents, and a block
  marker that did not turn into a removable block refuses the document;
- ids are prefixed per section so a workbook of twenty handouts has no
  duplicate anchors, and headings can be shifted down a level;
- links to other sources in the same PDF point at that section; other
  repository links become plain text (a PDF cannot follow them); web and
  mail links stay;
- image addresses become absolute `file:` URLs, left for the confined
  fetcher to allow or refuse;
- attributes are kept only from an allow-list (no `style`, `on*`, `rel`);
- the element tree is depth-limited;
- a tick box written `[ ]` (or `[x]`) outside code prints as a box to tick,
  and short lists, tables and boxes, and a paragraph that leads into a list
  (`...:`), are marked so that the print styles keep them on one page.
  The marks are class names only; they change no words.

Author text is never compiled as a template: the HTML is passed to Jinja as
Markup.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin

from markdown.treeprocessors import Treeprocessor

from .. import markdown_scan
from ..check.rules.audience import facilitator_blocks
from ..check.rules.links import resolve, scheme
from ..render.converter import converter  # one converter for site and PDFs
from ..render.policy import allowed_attributes

KEPT_SCHEMES = {"http", "https", "mailto", "tel"}
MAX_DEPTH = 60
# What the print styles keep on one page (class `keep`): short enough that
# moving it to the next page leaves a small gap, never a blank page.
KEEP_LIST_ITEMS = 8
KEEP_TABLE_ROWS = 12
KEEP_CHARACTERS = {"list": 700, "table": 1500, "box": 900}



class Unprintable(Exception):
    """A source that must not be printed; carries the source path and line."""

    def __init__(self, path: str, line: int | None, message: str):
        super().__init__(message)
        self.path, self.line, self.message = path, line, message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Context:
    """How one source file is rendered into one PDF."""

    path: str  # repository path of the source, e.g. handouts/safer-sleep.md
    prefix: str  # id prefix of its section in the PDF
    root_url: str  # file URL of the repository, ending in /
    parents: bool = False  # a parents document: facilitator blocks removed
    blocked: tuple[str, ...] = ()  # facilitator-only block types
    shift: int = 0  # heading levels to add (## becomes ### with 1)
    sections: Mapping[str, str] = field(default_factory=dict)  # repository path -> prefix in this PDF
    # h2 id -> a line printed under that heading (an activity's start, minutes, lead, core or flexible)
    under_headings: Mapping[str, str] = field(default_factory=dict)
    local: Mapping[str, str] | None = None  # a local edition's values for `[[local:ID]]` (None: blanks)


@dataclass
class Stats:
    removed: int = 0  # facilitator blocks removed
    depth: int = 0
    images: list[str] = field(default_factory=list)  # absolute URLs




def to_html(body: str, ctx: Context, first_line: int = 1) -> tuple[str, Stats]:
    """HTML of a Markdown body, made safe for print; raises Unprintable."""
    md = converter(local=ctx.local)
    stats = Stats()
    md.treeprocessors.register(_PrintTree(md, ctx, stats), "curriculum-print", 1)
    html = md.convert(body)
    if stats.depth > MAX_DEPTH:
        raise Unprintable(ctx.path, None, f"content nested {stats.depth} elements deep (limit {MAX_DEPTH})")
    if ctx.parents and ctx.blocked:
        found = facilitator_blocks(body, ctx.blocked)
        if len(found) > stats.removed:
            index, kind = found[stats.removed]
            raise Unprintable(ctx.path, first_line + index,
                              f"facilitator-only block '{kind}' that could not be removed from a parents document")
    return html, stats


class _PrintTree(Treeprocessor):
    def __init__(self, md, ctx: Context, stats: Stats):
        super().__init__(md)
        self.ctx, self.stats = ctx, stats
        self.doc_url = urljoin(ctx.root_url, ctx.path)

    def run(self, root: etree.Element) -> None:
        if self.ctx.parents and self.ctx.blocked:
            self._remove_blocks(root)
        self.stats.depth = _depth(root)
        if self.stats.depth > MAX_DEPTH:
            return
        _add_lines_under_headings(root, self.ctx.under_headings)
        for element in root.iter():
            self._element(element)
        _mark_for_print(root)

    def _remove_blocks(self, root: etree.Element) -> None:
        blocked = {kind.lower() for kind in self.ctx.blocked}
        for parent in list(root.iter()):
            for child in list(parent):
                classes = {c.lower() for c in (child.get("class") or "").split()}
                is_block = child.tag == "details" or (child.tag == "div" and "admonition" in classes)
                if is_block and classes & blocked:
                    parent.remove(child)
                    self.stats.removed += 1

    def _element(self, element: etree.Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        kept = allowed_attributes(tag, element.attrib, align=lambda side: ("class", f"align-{side}"))
        if "id" in kept:
            kept["id"] = f"{self.ctx.prefix}-{kept['id']}"
        element.attrib.clear()
        element.attrib.update(kept)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self.ctx.shift:
            element.tag = f"h{min(6, int(tag[1]) + self.ctx.shift)}"
        elif tag == "a":
            self._link(element)
        elif tag == "img":
            self._image(element)

    def _link(self, element: etree.Element) -> None:
        href = (element.get("href") or "").strip()
        kind = scheme(href)
        if kind in KEPT_SCHEMES:
            return
        target = None
        if not kind:
            if href.startswith("#"):
                target = f"#{self.ctx.prefix}-{href[1:]}" if href[1:] else f"#{self.ctx.prefix}"
            else:
                path, anchor = resolve(self.ctx.path, href)
                prefix = self.ctx.sections.get(path) if path else None
                if prefix:
                    target = f"#{prefix}-{anchor}" if anchor else f"#{prefix}"
        if target:
            element.set("href", target)
        else:  # not in this PDF: keep the words, drop the address
            element.attrib.pop("href", None)
            element.tag = "span"
            element.set("class", "ref")

    def _image(self, element: etree.Element) -> None:
        src = (element.get("src") or "").strip()
        url = src if scheme(src) else urljoin(self.doc_url, src)
        element.set("src", url)
        element.set("alt", element.get("alt") or "")
        self.stats.images.append(url)


def _add_lines_under_headings(root: etree.Element, lines: Mapping[str, str]) -> None:
    for index in reversed(range(len(root))):
        heading = root[index]
        if heading.tag == "h2" and heading.get("id") in lines:
            line = etree.Element("p", {"class": "activity-meta"})
            line.text = lines[heading.get("id")]
            root.insert(index + 1, line)


def _add_class(element: etree.Element, name: str) -> None:
    element.set("class", " ".join(filter(None, ((element.get("class") or "").strip(), name))))


def _text_length(element: etree.Element) -> int:
    return len(" ".join("".join(element.itertext()).split()))


def _keep(element: etree.Element) -> bool:
    """A list, table or box short enough to keep on one page."""
    tag, classes = element.tag, (element.get("class") or "").split()
    if tag in ("ul", "ol"):
        return (sum(1 for child in element if child.tag == "li") <= KEEP_LIST_ITEMS
                and _text_length(element) <= KEEP_CHARACTERS["list"])
    if tag == "table":
        return (sum(1 for row in element.iter("tr")) <= KEEP_TABLE_ROWS
                and _text_length(element) <= KEEP_CHARACTERS["table"])
    if tag == "details" or (tag == "div" and "admonition" in classes):
        return _text_length(element) <= KEEP_CHARACTERS["box"] and not any(True for _ in element.iter("table"))
    return False


def _mark_for_print(root: etree.Element) -> None:
    """Class names for the print styles (page.css): `keep` on short lists,
    tables and boxes; `lead-in` on a paragraph ending in a colon that a list
    follows; `tick-cell` on a table cell holding only tick boxes."""
    for element in root.iter():
        if _keep(element):
            _add_class(element, "keep")
        if element.tag in ("td", "th") and len(element) and all(
                "tick-box" in (child.get("class") or "") and not (child.tail or "").strip() for child in element) \
                and not (element.text or "").strip():
            _add_class(element, "tick-cell")
        children = list(element)
        for paragraph, following in zip(children, children[1:]):
            if paragraph.tag == "p" and following.tag in ("ul", "ol") \
                    and "".join(paragraph.itertext()).rstrip().endswith(":"):
                _add_class(paragraph, "lead-in")


def _depth(root: etree.Element) -> int:
    deepest, stack = 0, [(root, 0)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth <= MAX_DEPTH:
            stack.extend((child, depth + 1) for child in element)
    return deepest


def image_lines(body: str, body_line: int, path: str, root_url: str) -> dict[str, int]:
    """Absolute URL -> file line of every image of a body, to name the line
    of a refused resource."""
    doc_url = urljoin(root_url, path)
    lines = {}
    for ref in markdown_scan.references(body, body_line):
        if ref.kind == "image":
            url = ref.target if scheme(ref.target) else urljoin(doc_url, ref.target.strip())
            lines.setdefault(url, ref.line)
    return lines

