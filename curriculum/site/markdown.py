"""Author Markdown as the site renders it: a Python-Markdown extension.

Each page's author text is rendered with the extensions the PDFs use
(render/converter.py) plus `SafeMarkdown`, which makes author text safe to publish:

- raw HTML is never rendered: the `html_block` preprocessor and the `html`
  inline pattern are removed, so `<script>` is shown as text (CUR713);
- attributes come from an allow-list, so an attribute list such as
  `{ onclick=... }` or `{ style=... }` adds nothing; link addresses other than
  relative paths, http(s), mailto and tel are dropped; an image from the web
  is replaced by its alt text (a page never asks a third party for anything);
- a page made of several sources (a plan, then its contact's notes) is one
  Markdown text whose later parts start at a marked heading; relative links
  are rebased from each part's own source file to the page, links to a
  contact's notes lead to its contact page, and the later parts' headings
  move one level down;
- every table scrolls sideways in a box of its own that a keyboard can reach
  (`tabindex="0"`, `role="region"`, named after the heading before it), and
  an empty header cell gets words for screen readers;
- facilitator-only blocks (`!!! facilitator`, `!!! safeguarding`, the types
  listed in the programme's `rules.facilitator_blocks`) get the class
  `cur-facilitator-only` and a visible badge.

Nothing here imports a site generator. Author text is only ever data: never a template.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

import markdown
from markdown.treeprocessors import Treeprocessor

from ..check.rules.links import resolve, scheme
from ..render.policy import allowed_attributes
from .pages import relative_url, site_url

SEGMENT_ATTR = "data-curriculum-segment"
KEPT_SCHEMES = {"http", "https", "mailto", "tel"}
FACILITATOR_CLASS = "cur-facilitator-only"
TABLE_WRAP_CLASS = "cur-scroll"

_HEADINGS = {f"h{n}" for n in range(1, 7)}


@dataclass
class PageParts:
    """What the extension needs to know about the page being rendered."""

    src: str  # the page's path in the site, e.g. sessions/antenatal-2.md
    sources: tuple[str, ...]  # repository file of each part, in order
    token: str = ""  # marks this build's segment headings
    found: set[int] = field(default_factory=set)  # parts whose heading was seen
    problems: list[str] = field(default_factory=list)
    # heading id -> a line shown under that h2 of the first part (an activity's
    # start, minutes, lead and core or flexible: no scrolling back to the agenda)
    under_headings: dict[str, str] = field(default_factory=dict)


def assemble(parts: list[tuple[str, str, str]], token: str) -> str:
    """One Markdown text from (markdown, heading, anchor) parts.

    It starts with a blank line: MkDocs reads a leading `---` block or
    `key: value` lines as page meta-data, and author text must never be read
    as anything but Markdown.
    """
    out = ["\n"]
    for index, (text, heading, anchor) in enumerate(parts):
        if index:
            out.append(f'\n\n## {heading} {{#{anchor} {SEGMENT_ATTR}="{token}-{index}"}}\n\n')
        out.append(text)
        if not text.endswith("\n"):
            out.append("\n")
    return "".join(out)


class SafeMarkdown(markdown.Extension):
    """Registered once per build; `parts` is set before each page renders."""

    def __init__(self, link_map: dict[str, str] | None = None, facilitator_blocks=(), badge: str = "Facilitators only",
                 **kwargs):
        super().__init__(**kwargs)
        self.link_map = dict(link_map or {})
        self.facilitator_blocks = {kind.lower() for kind in facilitator_blocks}
        self.badge = badge
        self.parts: PageParts | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After attr_list (8) has applied `{...}`, before toc (5) reads headings
        # writes the contents.
        md.treeprocessors.register(_SafeTree(md, self), "curriculum-safe", 7)
        md.registerExtension(self)


class _SafeTree(Treeprocessor):
    def __init__(self, md, ext: SafeMarkdown):
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        parts = self.ext.parts or PageParts("", ())
        part = 0
        for top in list(root):
            marker = top.attrib.pop(SEGMENT_ATTR, None)
            if marker is not None and parts.token and marker.startswith(parts.token + "-"):
                index = marker[len(parts.token) + 1:]
                if index.isdigit() and int(index) < len(parts.sources):
                    part = int(index)
                    parts.found.add(part)
                    self._clean(top, parts, part, shift=False)
                    continue
            for element in top.iter():
                self._clean(element, parts, part, shift=part > 0)
            if part == 0 and top.tag == "h2" and top.get("id") in parts.under_headings:
                line = etree.Element("p", {"class": "cur-activity-meta"})
                line.text = parts.under_headings[top.get("id")]
                root.insert(list(root).index(top) + 1, line)
        _wrap_tables(root)

    # one element ----------------------------------------------------------------

    def _clean(self, element: etree.Element, parts: PageParts, part: int, shift: bool) -> None:
        if not isinstance(element.tag, str):
            return
        tag = element.tag
        kept = allowed_attributes(tag, element.attrib, align=lambda side: ("style", f"text-align: {side}"))
        element.attrib.clear()
        element.attrib.update(kept)
        if shift and tag in _HEADINGS:
            element.tag = f"h{min(6, int(tag[1]) + 1)}"
        elif tag == "a":
            self._link(element, parts, part)
        elif tag == "img":
            self._image(element, parts, part)
        elif tag in ("div", "details"):
            self._block(element)

    def _rebase(self, target: str, parts: PageParts, part: int) -> str | None:
        """A relative address written in part's source file, as seen from the
        page; None when it leaves the repository."""
        if target.startswith("#") or not parts.src:
            return target
        source = parts.sources[part] if part < len(parts.sources) else parts.src
        path, anchor = resolve(source, target)
        if path is None:
            return None
        mapped = self.ext.link_map.get(path)
        if mapped:
            path, _, fallback = mapped.partition("#")
            anchor = anchor or fallback
        if path == parts.src:
            return f"#{anchor}" if anchor else posixpath.basename(site_url(path))
        return relative_url(path + (f"#{anchor}" if anchor else ""), parts.src)

    def _link(self, element: etree.Element, parts: PageParts, part: int) -> None:
        href = (element.get("href") or "").strip()
        kind = scheme(href)
        target = None
        if kind in KEPT_SCHEMES:
            target = href
        elif not kind and href:
            target = self._rebase(href, parts, part)
        if target is None:  # not a place a reader can go: keep the words
            element.attrib.pop("href", None)
            element.tag = "span"
        else:
            element.set("href", target)

    def _image(self, element: etree.Element, parts: PageParts, part: int) -> None:
        src = (element.get("src") or "").strip()
        target = None if scheme(src) else self._rebase(src, parts, part)
        if target is None:
            alt = element.get("alt") or ""
            parts.problems.append(f"image '{src[:80]}' is not a file of the repository: shown as its alt text")
            element.attrib.clear()
            element.tag = "span"
            element.set("class", "cur-image-removed")
            element.text = f"[{alt or 'image'}]"
        else:
            element.set("src", target)
            element.set("alt", element.get("alt") or "")

    def _block(self, element: etree.Element) -> None:
        classes = (element.get("class") or "").split()
        lowered = {c.lower() for c in classes}
        is_block = element.tag == "details" or "admonition" in lowered
        if not is_block or not (lowered & self.ext.facilitator_blocks):
            return
        element.set("class", " ".join(classes + [FACILITATOR_CLASS]))
        title = None
        for child in element:
            if child.tag == "summary" or (child.tag == "p" and "admonition-title" in (child.get("class") or "")):
                title = child
                break
        if title is not None and self.ext.badge:
            badge = etree.SubElement(title, "span", {"class": "cur-badge"})
            badge.text = self.ext.badge


def _wrap_tables(root: etree.Element) -> None:
    """Put each table in a box that scrolls on a narrow screen and that a
    keyboard can reach and a screen reader names: "Table: <the heading
    before it>". A header cell with no words gets "Column n", for screen
    readers only."""
    parents = {child: parent for parent in root.iter() for child in parent}
    heading, tables = "", []
    for element in root.iter():
        if element.tag in _HEADINGS:
            heading = " ".join("".join(element.itertext()).split())
        elif element.tag == "table":
            tables.append((element, heading))
    for number, (table, heading) in enumerate(tables, start=1):
        _name_empty_headers(table)
        parent = parents[table]
        label = f"Table: {heading}" if heading else f"Table {number}"
        wrap = etree.Element("div", {"class": TABLE_WRAP_CLASS, "role": "region", "aria-label": label,
                                     "tabindex": "0"})
        index = list(parent).index(table)
        parent.remove(table)
        wrap.append(table)
        wrap.tail, table.tail = table.tail, None
        parent.insert(index, wrap)


def _name_empty_headers(table: etree.Element) -> None:
    for row in table.iter("tr"):
        for column, cell in enumerate(row, start=1):
            if cell.tag == "th" and not "".join(cell.itertext()).strip() and not len(cell):
                hidden = etree.SubElement(cell, "span", {"class": "cur-sr-only"})
                hidden.text = f"Column {column}"
