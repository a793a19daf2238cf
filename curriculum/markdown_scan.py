"""Source-line facts about Markdown bodies, from markdown-it-py tokens.

Rendering is Python-Markdown's job (as in MkDocs); this module only finds
headings, links, images and nesting with the lines they stand on. Anchors
follow Python-Markdown's toc slugify and attr_list `{#id}`, kept in
agreement by tests.
"""

from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt

from .model import Heading

_ATTR_ANY = re.compile(r"[ \t]+\{:?([^}]*)\}\s*$")  # attr_list wants a space before `{`
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": 64}).enable("table")
    # markdown-it drops links it deems unsafe (`file:`, `javascript:`) and
    # leaves them as text, where no rule would see them; Python-Markdown
    # renders them. This parser only scans, never renders: keep every link.
    md.validateLink = lambda url: True
    return md


_TOKENS: ContextVar[dict | None] = ContextVar("markdown_scan_tokens", default=None)


@contextmanager
def cached():
    """Within this block each body is parsed once, however many rules read it
    (a 1 MB plan costs about half a second per parse)."""
    if _TOKENS.get() is not None:
        yield
        return
    reset = _TOKENS.set({})
    try:
        yield
    finally:
        _TOKENS.reset(reset)


def parse(body: str) -> list:
    """markdown-it tokens of a body (shared, read-only inside `cached()`)."""
    cache = _TOKENS.get()
    if cache is None:
        return parser().parse(body)
    tokens = cache.get(body)
    if tokens is None:
        tokens = cache[body] = parser().parse(body)
    return tokens


def slugify(text: str) -> str:
    """Python-Markdown's toc.slugify with the '-' separator."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


_ID_COUNT = re.compile(r"^(.*)_([0-9]+)$")


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


def _plain(inline) -> str:
    return "".join(
        child.content for child in (inline.children or []) if child.type in ("text", "code_inline")
    )


def headings(body: str, body_line: int, tokens=None) -> tuple[Heading, ...]:
    tokens = tokens if tokens is not None else parse(body)
    opened = [index for index, token in enumerate(tokens) if token.type == "heading_open"]
    # Python-Markdown's toc reserves every explicit `{#id}` before it slugs
    # the other headings, wherever in the page the explicit id stands.
    used = {heading_parts(tokens[index + 1].content)[1] for index in opened} - {None}
    found = []
    for index in opened:
        token = tokens[index]
        inline = tokens[index + 1]
        text, anchor = heading_parts(inline.content)
        if anchor is None:
            anchor = unique(slugify(heading_parts(_plain(inline))[0]), used)
        used.add(anchor)
        line = body_line + (token.map[0] if token.map else 0)
        found.append(Heading(int(token.tag[1]), text, anchor, line))
    return tuple(found)


@dataclass(frozen=True)
class Reference:
    kind: str  # link | image
    target: str
    text: str  # link text or alt text
    line: int  # file line


def inline_children(token, body_line: int):
    """(file line, child) for the children of an inline token: a paragraph's
    later lines follow its soft and hard breaks (and raw HTML spanning lines)."""
    line = body_line + (token.map[0] if token.map else 0)
    for child in token.children or []:
        yield line, child
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "html_inline":
            line += child.content.count("\n")


def references(body: str, body_line: int, tokens=None) -> list[Reference]:
    tokens = tokens if tokens is not None else parse(body)
    found = []
    for token in tokens:
        if token.type != "inline":
            continue
        children = token.children or []
        for index, (line, child) in enumerate(inline_children(token, body_line)):
            if child.type == "link_open":
                text = []
                for after in children[index + 1:]:
                    if after.type == "link_close":
                        break
                    text.append(after.content)
                found.append(Reference("link", child.attrGet("href") or "", "".join(text).strip(), line))
            elif child.type == "image":
                found.append(Reference("image", child.attrGet("src") or "", child.content.strip(), line))
    return found


def max_nesting(tokens, limit: int | None = None) -> tuple[int, int]:
    """Deepest block nesting (lists, quotes) and the body line (0-based) it
    occurs on; with `limit`, the line where nesting first goes past the limit
    (where the author should start flattening). The parser stops nesting at
    its own cap (`maxNesting`), so very deep input reports about that depth."""
    deepest, where, over = 0, 0, None
    depth = 0
    for token in tokens:
        if token.nesting == 1 and token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            depth += 1
            line = token.map[0] if token.map else 0
            if depth > deepest:
                deepest, where = depth, line
            if limit is not None and over is None and depth > limit:
                over = line
        elif token.nesting == -1 and token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            depth -= 1
    return deepest, (where if over is None else over)


def nesting_capped(tokens) -> bool:
    """True when the parser stopped nesting at its cap: the input is deeper still."""
    cap = parser().options.get("maxNesting", 100)
    return any(token.level >= cap - 1 for token in tokens)
