"""The hand-off to the site generator: a page we finished, passed through as it is.

Every page of the generated docs tree is HTML that `render.py` made (our
templates around author Markdown already converted by our one safe
converter). Both generators (MkDocs and Zensical) read pages with
Python-Markdown, so the generated configuration lists this one extension
and nothing else: it takes the whole page as raw HTML, untouched, and gives
the generator the page's table of contents (its h2 headings with ids), which
is all the theme needs to draw around it.

No generator API is imported here: only Python-Markdown's.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

# Runs before every other preprocessor (whitespace normalisation is 30): tabs
# in <pre> blocks and every other byte of the page stay as written.
PRIORITY = 100
AFTER_WHITESPACE = 29
PAGE_WORD = "curriculum-finished-page-5f1d0c"  # alone on the only line left once the page is stored
TOC_LEVEL = 2  # the theme's right-hand contents: the page's sections


class _Headings(HTMLParser):
    """(level, id, inner HTML) of each heading at TOC_LEVEL that has an id;
    the permalink inside it (class headerlink) left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[tuple[int, str, str]] = []
        self._current: tuple[int, str, list[str]] | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if self._current is None:
            if tag == f"h{TOC_LEVEL}" and values.get("id"):
                self._current = (TOC_LEVEL, values["id"], [])
            return
        if tag == "a" and "headerlink" in (values.get("class") or "").split():
            self._skip += 1
        elif not self._skip:
            self._current[2].append(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        if self._current is None:
            return
        if tag == f"h{TOC_LEVEL}":
            level, anchor, parts = self._current
            self.found.append((level, anchor, "".join(parts).strip()))
            self._current = None
        elif tag == "a" and self._skip:
            self._skip -= 1
        elif not self._skip:
            self._current[2].append(f"</{tag}>")

    def handle_data(self, data):
        if self._current is not None and not self._skip:
            self._current[2].append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")


_TAG = re.compile(r"<[^>]+>")


def toc_tokens(page_html: str) -> list[dict]:
    """The page's contents in the shape Python-Markdown's toc extension gives
    (MkDocs and Zensical both read `md.toc_tokens`)."""
    parser = _Headings()
    parser.feed(page_html)
    parser.close()
    tokens = []
    for level, anchor, inner in parser.found:
        text = html.unescape(_TAG.sub("", inner)).strip()
        tokens.append({"level": level, "id": anchor, "name": html.escape(text, quote=False), "html": inner,
                       "data-toc-label": "", "children": []})
    return tokens


class _PassThrough(Preprocessor):
    """Takes the whole page into the raw-HTML store, leaving a plain word in
    its place (the store's own placeholder would not survive whitespace
    normalisation, which removes its marker characters)."""

    def run(self, lines: list[str]) -> list[str]:
        page = "\n".join(lines).strip()
        self.md.curriculum_toc_tokens = toc_tokens(page)
        if not page:
            return []
        # A block-level first tag keeps the placeholder from being wrapped in <p>.
        if not self.md.is_block_level(_first_tag(page)):
            page = f"<div>{page}</div>"
        self.md.htmlStash.store(page)
        return [PAGE_WORD]


class _Contents(Postprocessor):
    """Sets the page's contents last: a generator may add Python-Markdown's
    toc extension itself (MkDocs does), which finds no heading in the tree."""

    def run(self, text: str) -> str:
        self.md.toc_tokens = getattr(self.md, "curriculum_toc_tokens", [])
        return text


class _Placeholder(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return [self.md.htmlStash.get_placeholder(0) if line == PAGE_WORD else line for line in lines]


def _first_tag(page: str) -> str:
    match = re.match(r"<\s*([A-Za-z][A-Za-z0-9-]*)", page)
    return match.group(1).lower() if match else ""


class FinishedPage(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        self.md = md
        md.toc_tokens = []
        md.preprocessors.register(_PassThrough(md), "curriculum-finished-page", PRIORITY)
        md.preprocessors.register(_Placeholder(md), "curriculum-finished-page-placeholder", AFTER_WHITESPACE)
        md.postprocessors.register(_Contents(md), "curriculum-finished-page-contents", 0)
        md.registerExtension(self)

    def reset(self) -> None:
        self.md.toc_tokens = []
        self.md.curriculum_toc_tokens = []


def makeExtension(**kwargs) -> FinishedPage:  # noqa: N802 - the name Python-Markdown looks for
    return FinishedPage(**kwargs)
