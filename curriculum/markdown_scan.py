"""Source-line facts about Markdown bodies, from markdown-it-py tokens.

Rendering is Python-Markdown's job (as in MkDocs); this module only finds
headings, links, images and nesting with the lines they stand on. Anchors
follow Python-Markdown's toc slugify and attr_list `{#id}`, kept in
agreement by tests.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt

from .model import Heading

_ATTR_ID = re.compile(r"\s*\{\s*#([^\s}]+)[^}]*\}\s*$")
_ATTR_ANY = re.compile(r"\s*\{:?[^}]*\}\s*$")


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": 64}).enable("table")
    return md


def slugify(text: str) -> str:
    """Python-Markdown's toc.slugify with the '-' separator."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def heading_parts(raw: str) -> tuple[str, str | None]:
    """Heading text without a trailing attribute list, and its explicit id."""
    match = _ATTR_ID.search(raw)
    if match:
        return raw[: match.start()].strip(), match.group(1)
    return _ATTR_ANY.sub("", raw).strip(), None


def _plain(inline) -> str:
    return "".join(
        child.content for child in (inline.children or []) if child.type in ("text", "code_inline")
    )


def headings(body: str, body_line: int, tokens=None) -> tuple[Heading, ...]:
    tokens = tokens if tokens is not None else parser().parse(body)
    found, used = [], set()
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        text, anchor = heading_parts(inline.content)
        if anchor is None:
            anchor = base = slugify(heading_parts(_plain(inline))[0]) or "_"
            n = 1
            while anchor in used:  # Python-Markdown's unique(): slug_1, slug_2
                anchor = f"{base}_{n}"
                n += 1
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


def references(body: str, body_line: int, tokens=None) -> list[Reference]:
    tokens = tokens if tokens is not None else parser().parse(body)
    found = []
    for token in tokens:
        if token.type != "inline":
            continue
        line = body_line + (token.map[0] if token.map else 0)
        children = token.children or []
        for index, child in enumerate(children):
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
