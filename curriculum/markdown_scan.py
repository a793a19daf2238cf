"""Source-line facts about Markdown bodies, in one pass over the lines.

Rendering is Python-Markdown's job (as in MkDocs); validation only needs to
know where headings, links, images, raw HTML and deep nesting stand. A full
Markdown parse costs more than all the rules together (a curriculum of 1,000
contacts took 25 s with markdown-it-py), so this scanner reads lines once,
skipping fenced and indented code and code spans, and follows
Python-Markdown where it matters: ATX and setext headings, `{#id}` attribute
lists, toc's slugify and `_1` suffixes, admonition bodies indented four
spaces. Tests compare its headings with Python-Markdown's output.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple


class Heading(NamedTuple):
    level: int
    text: str
    anchor: str
    line: int  # file line


_ATTR_ANY = re.compile(r"[ \t]+\{:?([^}]*)\}\s*$")  # attr_list wants a space before `{`
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
_ID_COUNT = re.compile(r"^(.*)_([0-9]+)$")
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
_ATX = re.compile(r"^(#{1,6})(?!#)(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
_BACKTICKS = re.compile(r"`+")
# Bounded repeats keep every pattern linear in the text: an unclosed `[` or
# `<` scans a bounded stretch, never to the end of the paragraph and back.
_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\\]|\\.|\[[^\[\]]{0,500}\]){0,1000})\]"
    r"\(\s*(<[^<>\n]{0,2000}>|(?:[^\s()]|\([^\s()]{0,500}\)){0,2000})(?:\s+(?:\"[^\"]{0,500}\"|'[^']{0,500}'))?\s*\)")
_REF_USE = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.)*)\]\[([^\]]*)\]")
_REF_DEF = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*<?([^\s>]+)>?")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]+)>", re.I)
_TAG = re.compile(r"<!--.*?(?:-->|$)|</?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)[^<>]*>?")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_QUOTE = re.compile(r"^\s{0,3}((?:>\s?)+)")
_ADMONITION = re.compile(r'^(\s*)(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*(?:\s+"[^"]*")?\s*$')
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")
# Emphasis delimiters a reader never sees: a run of * or _ that opens before a
# non-space or closes after one (`2*3` and `snake_case` keep theirs). Removing
# flanking runs, instead of pairing them, is one linear pass.
_EMPHASIS = re.compile(r"(?<![\w*])[*_]{1,3}(?=[^\s*_])|(?<=[^\s*_])[*_]{1,3}(?![\w*])")


class Reference(NamedTuple):
    kind: str  # link | image
    target: str
    text: str  # link text or alt text
    line: int  # file line
    column: int = 1  # file column of its `[`, `![` or `<`


@dataclass(frozen=True)
class Scan:
    headings: tuple[Heading, ...] = ()
    references: tuple[Reference, ...] = ()
    html: tuple[tuple[int, str], ...] = ()  # (file line, the raw HTML of that line)
    depths: tuple[tuple[int, int], ...] = ()  # (file line, nesting depth) of nested lines


_UNSLUGGED = re.compile(r"[^\w\s-]")
_SLUG_GAPS = re.compile(r"[-\s]+")


def slugify(text: str) -> str:
    """Python-Markdown's toc.slugify with the '-' separator."""
    # NFKD and the ASCII round trip change nothing in ASCII text (most headings)
    value = text if text.isascii() else unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _SLUG_GAPS.sub("-", _UNSLUGGED.sub("", value).strip().lower())


def unique(anchor: str, used: set[str]) -> str:
    """Python-Markdown's toc.unique(): `slug`, `slug_1`, `slug_2`; `_1` for ''."""
    while anchor in used or not anchor:
        match = _ID_COUNT.match(anchor)
        anchor = f"{match.group(1)}_{int(match.group(2)) + 1}" if match else f"{anchor}_1"
    return anchor


def heading_parts(raw: str) -> tuple[str, str | None]:
    """Heading text without a trailing attribute list, and its explicit id."""
    match = _ATTR_ANY.search(raw)
    if not match:
        return raw.strip(), None
    explicit = _ATTR_ID.search(match.group(1))
    return raw[: match.start()].strip(), explicit.group(1) if explicit else None


def code_spans(text: str, replace) -> str:
    """Each code span replaced by `replace(its content)`, in linear time.

    As in CommonMark, a run of n backticks opens a span that the next run of
    exactly n backticks closes; a run with no such partner is literal text.
    (A lazy regular expression rescans the rest of the text from every
    unmatched backtick.)
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    later: dict[int, list[int]] = {}  # run length -> indexes of runs of that length, last first
    for index in range(len(runs) - 1, -1, -1):
        later.setdefault(runs[index][1] - runs[index][0], []).append(index)
    out, at, index = [], 0, 0
    while index < len(runs):
        start, end = runs[index]
        same = later[end - start]
        while same and same[-1] <= index:
            same.pop()
        if not same:
            index += 1
            continue
        close = same.pop()
        out += [text[at:start], replace(text[end:runs[close][0]])]
        at, index = runs[close][1], close + 1
    out.append(text[at:])
    return "".join(out)


def plain_inline(text: str) -> str:
    """Inline Markdown reduced to the text a reader sees."""
    # Most prose has no markup at all: test cheaply before each substitution.
    if "`" in text:
        text = code_spans(text, lambda inner: inner.strip())
    if "[" in text:
        text = _LINK.sub(lambda m: "" if m.group(1) else m.group(2), text)
        text = _REF_USE.sub(lambda m: "" if m.group(1) else m.group(2), text)
    if "<" in text:
        text = _TAG.sub("", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub("", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return text


def _indent(line: str) -> int:
    body = line.lstrip(" \t")
    lead = len(line) - len(body)
    return lead + 3 * line[:lead].count("\t") if lead else 0


class _Found:
    """What a scan collects, by file line."""

    __slots__ = ("headings", "references", "uses", "definitions", "html", "depths")

    def __init__(self) -> None:
        self.headings: list[tuple[int, str, int]] = []  # (level, raw text, line)
        self.references: list[Reference] = []
        self.uses: list[tuple[str, str, str, int, int]] = []  # reference-style links: (kind, label, text, line, column)
        self.definitions: dict[str, str] = {}  # label -> target
        self.html: list[tuple[int, str]] = []
        self.depths: list[tuple[int, int]] = []


_FENCE_MARKS = ("```", "~~~")
_OPENS_NESTING = "-*+0123456789>"


def _fence_opened(raw_line: str) -> tuple[str, int] | None:
    """(character, length) of the fence a line opens, if it opens one."""
    fenced = _FENCE.match(raw_line)
    return (fenced.group(2)[0], len(fenced.group(2))) if fenced else None


def _fence_after(raw_line: str, stripped: str, fence: tuple[str, int]) -> tuple[str, int] | None:
    """A line inside a fence: None when it closes the fence, else the fence."""
    fenced = _FENCE.match(raw_line) if stripped[:3] in _FENCE_MARKS else None
    if fenced and fenced.group(2)[0] == fence[0] and len(fenced.group(2)) >= fence[1]:
        return None
    return fence


def _admonition_body(line: str, indent: int, admonition: int) -> tuple[str, int, int | None]:
    """A line after an admonition's title: (the line and its indent without
    the body's indent, the body's indent), or the line as it is and None
    when it ends the body."""
    if indent >= admonition:
        return (line[admonition:] if not line.startswith("\t") else line.lstrip("\t")), indent - admonition, admonition
    return line, indent, None


def _nesting(line: str, first: str, indent: int, lists: list[int], line_no: int, depths: list) -> bool:
    """Follow the open list items, record the line's depth when it is
    nested, and say whether the line is a list item or a quote."""
    item = _LIST_ITEM.match(line) if first in "-*+0123456789" else None
    if item:
        while lists and lists[-1] >= indent:
            lists.pop()
        lists.append(indent)
    elif indent == 0:
        lists.clear()
    quote = _QUOTE.match(line) if first == ">" else None
    depth = len(lists) + (quote.group(1).count(">") if quote else 0)
    if depth > 1:
        depths.append((line_no, depth))
    return bool(item or quote)


def _heading(line: str, first: str, previous: str, line_no: int, headings: list) -> bool:
    """Record the heading a line makes or finishes (ATX, or a setext
    underline of the previous line); whether it did."""
    setext = _SETEXT.match(line) if first in "=-" and previous else None
    if setext:
        headings.append((1 if setext.group(1)[0] == "=" else 2, previous, line_no - 1))
        return True
    atx = _ATX.match(line) if first == "#" else None
    if atx:
        headings.append((len(atx.group(1)), atx.group(2), line_no))
        return True
    return False


def _blanked(match: re.Match) -> str:
    return " " * len(match.group(0))


def _inline_links(visible: str, line_no: int, shift: int, found: _Found) -> str:
    """Record the inline links and images of a line and its reference-style
    uses; the line without its inline links (blanked, so columns hold).
    shift: the columns removed from the line's start (an admonition's indent)."""
    for link in _LINK.finditer(visible):
        target = link.group(3).strip()
        if target.startswith("<") and target.endswith(">"):
            target = target[1:-1]
        found.references.append(Reference("image" if link.group(1) else "link", target,
                                          plain_inline(link.group(2)).strip(), line_no, link.start() + shift + 1))
    rest = _LINK.sub(_blanked, visible)
    for use in _REF_USE.finditer(rest):
        label = (use.group(3) or use.group(2)).strip().lower()
        found.uses.append(("image" if use.group(1) else "link", label, plain_inline(use.group(2)).strip(), line_no,
                           use.start() + shift + 1))
    return rest


def _autolinks_and_html(rest: str, line_no: int, shift: int, found: _Found) -> None:
    for link in _AUTOLINK.finditer(rest):
        found.references.append(Reference("link", link.group(1), link.group(1), line_no, link.start() + shift + 1))
    tags = _TAG.findall(_AUTOLINK.sub(" ", rest))
    if tags:
        found.html.append((line_no, "".join(tags)))


def _links(line: str, first: str, line_no: int, shift: int, found: _Found) -> None:
    """A line holding `[` or `<`: its reference definition, or its links,
    images and raw HTML outside code spans."""
    if first == "[":
        definition = _REF_DEF.match(line)
        if definition:
            found.definitions[definition.group(1).strip().lower()] = definition.group(2)
            return
    visible = code_spans(line, lambda inner: " " * (len(inner) + 2)) if "`" in line else line
    rest = _inline_links(visible, line_no, shift, found) if "[" in visible else visible
    if "<" in rest:
        _autolinks_and_html(rest, line_no, shift, found)


def _defined_uses(found: _Found) -> list[Reference]:
    """The reference-style links and images whose label is defined."""
    return [Reference(kind, found.definitions[label], text, line_no, column)
            for kind, label, text, line_no, column in found.uses if label in found.definitions]


def scan(body: str, body_line: int = 1) -> Scan:
    # Every regular expression is guarded by a cheap test of the line: most
    # lines of prose hold no markup, and this loop runs over every line of a
    # curriculum (a million at 1,000 contacts). Each kind of line has its
    # helper, called only behind such a test.
    found = _Found()
    fence: tuple[str, int] | None = None
    admonition: int | None = None  # indent of the current admonition's body
    in_code = False  # an indented code block
    lists: list[int] = []  # indents of the open list items
    previous = ""  # text of the previous line when it could carry a setext underline
    blank_before = True

    for index, raw_line in enumerate(body.split("\n")):
        stripped = raw_line.strip()
        if fence is not None:
            fence = _fence_after(raw_line, stripped, fence)
            continue
        fence = _fence_opened(raw_line) if stripped[:3] in _FENCE_MARKS else None
        if fence is not None or not stripped:  # an opening fence or a blank line: nothing to underline
            previous, blank_before = "", fence is None
            continue
        line, first = raw_line, stripped[0]
        if first in "!?" and _ADMONITION.match(line):
            admonition = _indent(line) + 4
            previous, blank_before, in_code = "", False, False
            continue
        indent = _indent(line)
        if admonition is not None:
            line, indent, admonition = _admonition_body(line, indent, admonition)
        # an indented code block starts after a blank line outside a list, and goes on while indented
        in_code = indent >= 4 and (in_code or (blank_before and not lists))
        if in_code:
            continue
        blank_before = False
        line_no = body_line + index
        # outside lists, only a list item or a quote can be nested
        nested = _nesting(line, first, indent, lists, line_no, found.depths) if lists or first in _OPENS_NESTING else False
        if indent < 4 and first in "=-#" and _heading(line, first, previous, line_no, found.headings):
            previous = ""
        else:
            previous = "" if nested or first == "|" or indent >= 4 else stripped
        if "[" in line or "<" in line:
            _links(line, first, line_no, len(raw_line) - len(line), found)

    references = found.references + _defined_uses(found)
    references.sort(key=lambda ref: (ref.line, ref.column))
    return Scan(_anchored(found.headings), tuple(references), tuple(found.html), tuple(found.depths))


def _anchored(raw_headings) -> tuple[Heading, ...]:
    parts = [(level, heading_parts(raw.strip()), line) for level, raw, line in raw_headings]
    # Python-Markdown's toc reserves every explicit `{#id}` before it slugs
    # the other headings, wherever in the page the explicit id stands.
    used = {anchor for _, (_, anchor), _ in parts if anchor}
    found = []
    for level, (text, anchor), line in parts:
        if anchor is None:
            anchor = unique(slugify(plain_inline(text)), used)
        used.add(anchor)
        found.append(Heading(level, text, anchor, line))
    return tuple(found)


def headings(body: str, body_line: int = 1) -> tuple[Heading, ...]:
    return scan(body, body_line).headings


def references(body: str, body_line: int = 1) -> list[Reference]:
    return list(scan(body, body_line).references)


def raw_html(body: str, body_line: int = 1) -> list[tuple[int, str]]:
    """(file line, raw HTML on that line), outside code."""
    return list(scan(body, body_line).html)


def nesting(body: str, body_line: int = 1, limit: int | None = None) -> tuple[int, int]:
    """Deepest nesting of lists and quotes, and the file line to point at:
    with `limit`, the first line past the limit (where to start flattening),
    otherwise the deepest line."""
    return deepest(scan(body, body_line).depths, body_line, limit)


def deepest(depths: tuple[tuple[int, int], ...], body_line: int, limit: int | None = None) -> tuple[int, int]:
    """nesting() of a body already scanned, from its depths."""
    deepest_depth, where, over = 0, body_line, None
    for line, depth in depths:
        if depth > deepest_depth:
            deepest_depth, where = depth, line
        if limit is not None and over is None and depth > limit:
            over = line
    return deepest_depth, (where if over is None else over)
