"""CUR7xx: limits and unsafe content, checked before anything renders."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import markdown_scan
from ...findings import Finding, Span, rule
from ...model import Curriculum
from .links import documents as _sources
from .links import scheme


def documents(cur: Curriculum) -> list:
    """Every document these checks read: the sources and their translations
    (which the site and the PDFs render just the same)."""
    return _sources(cur) + [t.doc for language in cur.translations.values() for t in language.files.values()]

MAX_LINE_CHARS = 5000
MAX_NESTING = 10
MAX_TABLE_ROWS = 300
# Python-Markdown matches each `[` (and each `](`) by walking forward one
# character at a time to its partner, or to the end of the paragraph: about
# 0.7 µs a character here, so this many characters of walking is about 1.5 s.
MAX_BRACKET_WALK = 2_000_000

_DANGEROUS_TAG = re.compile(r"<\s*(script|iframe|object|embed|style|form|meta|base|link|frame|frameset|svg|math)\b", re.I)
_EVENT_ATTR = re.compile(r"\bon[a-z]+\s*=", re.I)
_ATTR_LIST = re.compile(r"\{[^{}]*\}")
_BRACKETS = re.compile(r"\\.|\](?=\()|[\[\]()]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_JS_URL = re.compile(r"\b(javascript|vbscript)\s*:|data\s*:\s*text/html", re.I)


@rule("CUR702", "line-too-long")
def line_too_long(cur: Curriculum, options) -> Iterator[Finding]:
    """A line may hold at most 5,000 characters.

    Why: an unbroken token runs off the printed page, and huge lines stall
    the Markdown parser.

    Bad: a whole handout pasted as one line.
    Good: one paragraph per line or less.
    """
    for doc in documents(cur):
        if len(doc.body) <= MAX_LINE_CHARS:
            continue  # no line can be too long: most files stop here
        for index, line in enumerate(doc.body.split("\n")):
            if len(line) > MAX_LINE_CHARS:
                yield line_too_long.at(doc.line(index), f"line of {len(line):,} characters (limit {MAX_LINE_CHARS:,})",
                                       "break it into paragraphs")


@rule("CUR703", "nesting-too-deep")
def nesting_too_deep(cur: Curriculum, options) -> Iterator[Finding]:
    """Lists and quotes may nest at most 10 levels deep.

    Why: deep nesting crashes Python-Markdown and WeasyPrint (RecursionError)
    and no reader can follow it.

    Bad: a list nested 80 levels.
    Good: at most two or three levels.
    """
    for doc in documents(cur):
        depth, where = markdown_scan.deepest(doc.scan.depths, doc.body_line, MAX_NESTING)
        if depth > MAX_NESTING:
            yield nesting_too_deep.at(Span(doc.path, where, 1), f"lists or quotes nested {depth} deep (limit {MAX_NESTING})",
                                      "flatten the structure")


@rule("CUR704", "table-too-long")
def table_too_long(cur: Curriculum, options) -> Iterator[Finding]:
    """A table may have at most 300 rows.

    Why: a 100,000-row table takes WeasyPrint minutes and gigabytes.

    Bad: a pasted spreadsheet.
    Good: a short table, or a separate file.
    """
    for doc in documents(cur):
        if doc.body.count("|") <= MAX_TABLE_ROWS:
            continue  # every table row starts with `|`: too few for a long table
        rows, start = 0, None
        for index, line in enumerate(doc.body.split("\n") + [""]):
            if line.lstrip().startswith("|"):
                start = index if rows == 0 else start
                rows += 1
                continue
            if rows > MAX_TABLE_ROWS:
                yield table_too_long.at(doc.line(start), f"table of {rows} rows (limit {MAX_TABLE_ROWS})",
                                        "shorten it or split it")
            rows = 0


def bracket_walk(paragraph: str) -> int:
    """How many characters Python-Markdown walks to match the brackets of one
    paragraph: from each `[` to its `]`, from each `](` to its `)`, or to the
    end where there is none. Linear: it visits only the brackets."""
    walk, squares, rounds = 0, [], []
    for match in _BRACKETS.finditer(paragraph):
        mark, at = match.group(0), match.start()
        if mark[0] == "\\":
            continue  # an escaped bracket is text
        if mark == "[":
            squares.append(at)
        elif mark == "]":
            if squares:
                walk += at - squares.pop()
                if paragraph.startswith("(", at + 1):  # a link's address follows
                    rounds.append([at + 1, 0])
        elif mark == "(" and rounds and rounds[-1][0] != at:
            rounds[-1][1] += 1
        elif mark == ")" and rounds:
            if rounds[-1][1]:
                rounds[-1][1] -= 1
            else:
                walk += at - rounds.pop()[0]
    end = len(paragraph)
    return walk + sum(end - at for at in squares) + sum(end - at for at, _ in rounds)


@rule("CUR706", "brackets-unclosed")
def brackets_unclosed(cur: Curriculum, options) -> Iterator[Finding]:
    """A paragraph may not hold so many unclosed `[` brackets that rendering
    it would stall.

    Why: the Markdown renderer matches every `[` by reading on to its `]`;
    with hundreds of unclosed ones in a long paragraph the work grows with
    the square of its length, and a page of them takes minutes to build.

    Bad: a line of 2,000 `[` characters, or a pasted list of `[1 [2 [3 ...`.
    Good: `[NHS 111](https://111.nhs.uk/)`, or `\\[` for a bracket shown as text.
    """
    for doc in documents(cur):
        body = doc.body
        if body.count("[") * len(body) <= MAX_BRACKET_WALK:
            continue  # cannot reach the limit: most files stop here
        worst, worst_at = 0, 0
        at = 0
        for gap in [*_PARAGRAPH_BREAK.finditer(body), None]:
            end = gap.start() if gap else len(body)
            walk = bracket_walk(body[at:end])
            if walk > worst:
                worst, worst_at = walk, at
            at = gap.end() if gap else end
        if worst > MAX_BRACKET_WALK:
            line = body.count("\n", 0, worst_at)
            opened = body[worst_at:].split("\n\n", 1)[0].count("[")
            yield brackets_unclosed.at(doc.line(line), f"this paragraph has {opened:,} `[` brackets, too many of them "
                                       "unclosed: rendering it would stall the build",
                                       "close each `[` with `]`, write `\\[` for a bracket shown as text, "
                                       "or split the paragraph")


def _html_tokens(doc):
    """(file line, html) of raw HTML outside code; the tags of one line are
    joined (`<b>x</b>` is one finding, not two)."""
    return doc.scan.html


@rule("CUR710", "dangerous-html")
def dangerous_html(cur: Curriculum, options) -> Iterator[Finding]:
    """Raw `<script>`, `<iframe>`, `<object>`, `<embed>`, `<style>`, `<form>`,
    `<base>`, `<svg>` and similar tags are refused.

    Why: they would run code in facilitators' browsers or pull in other
    sites' content.

    Bad: `<script>alert(1)</script>`.
    Good: plain Markdown.
    """
    for doc in documents(cur):
        for line, html in _html_tokens(doc):
            match = _DANGEROUS_TAG.search(html)
            if match:
                yield dangerous_html.at(Span(doc.path, line, 1), f"raw <{match.group(1).lower()}> is not allowed",
                                        "remove it; write the content in Markdown")


@rule("CUR711", "event-handler")
def event_handler(cur: Curriculum, options) -> Iterator[Finding]:
    """Event-handler attributes (`onclick=`, `onerror=` ...) are refused, in
    raw HTML and in attribute lists such as `{ onclick=... }`.

    Bad: `<img src=x onerror=alert(1)>` or `## Title { onclick="..." }`.
    Good: `## Title {#title}`.
    """
    for doc in documents(cur):
        if "=" not in doc.body or not _EVENT_ATTR.search(doc.body):
            continue  # a handler needs `=`, and what is found below lies inside the body
        for line, html in _html_tokens(doc):
            if _EVENT_ATTR.search(html):
                yield event_handler.at(Span(doc.path, line, 1), "event-handler attribute in raw HTML", "remove it")
        for index, text in enumerate(doc.body.split("\n")):
            for attrs in _ATTR_LIST.findall(text):
                if _EVENT_ATTR.search(attrs):
                    yield event_handler.at(doc.line(index), f"event-handler attribute in '{attrs[:60]}'", "remove it")


@rule("CUR712", "script-url")
def script_url(cur: Curriculum, options) -> Iterator[Finding]:
    """`javascript:`, `vbscript:` and `data:text/html` addresses are refused.

    Bad: `[click](javascript:alert(1))`.
    Good: `[NHS 111](https://111.nhs.uk/)`.
    """
    for doc in documents(cur):
        for ref in doc.scan.references:
            if scheme(ref.target) in ("javascript", "vbscript") or _JS_URL.search(ref.target):
                yield script_url.at(Span(doc.path, ref.line, ref.column), f"script address '{ref.target[:60]}'", "remove it")
        for line, html in _html_tokens(doc):
            if _JS_URL.search(html):
                yield script_url.at(Span(doc.path, line, 1), "script address in raw HTML", "remove it")


@rule("CUR713", "raw-html", "warning")
def raw_html(cur: Curriculum, options) -> Iterator[Finding]:
    """Raw HTML is not rendered: the site and PDFs show it as text.

    Why: escaping all raw HTML is the simplest way to keep author text from
    injecting markup; Markdown covers what a plan or handout needs.

    HTML comments (`<!-- ... -->`) are shown as text too: keep notes to
    editors in commit messages or facilitator notes.

    Bad: `<b>Important</b>`, `<!-- check this with the midwife -->`.
    Good: `**Important**`.
    """
    for doc in documents(cur):
        for line, html in _html_tokens(doc):
            if not _DANGEROUS_TAG.search(html):
                yield raw_html.at(Span(doc.path, line, 1), f"raw HTML '{html.strip()[:40]}' will be shown as text",
                                  "use Markdown instead")


_MARKED_SECTION = "<!["


@rule("CUR714", "marked-section")
def marked_section(cur: Curriculum, options) -> Iterator[Finding]:
    """The characters `<![` may not appear anywhere, not even in code.

    Why: MkDocs reads every page's source with Python's HTML parser to find
    anchors, and `<![` (an SGML marked section) followed by anything but
    one of a few SGML keywords makes that parser crash: the page cannot be
    built. Raw HTML is never rendered here, so nothing is lost.

    Bad: `![photo](<![x]>)` or `<![if]>`.
    Good: `&lt;![` in text, or `< ![` with a space.
    """
    for doc in documents(cur):
        if _MARKED_SECTION not in doc.body:
            continue
        for index, text in enumerate(doc.body.split("\n")):
            column = text.find(_MARKED_SECTION)
            if column >= 0:
                where = doc.line(index)
                yield marked_section.at(Span(where.path, where.line, column + 1), "`<![` would stop the page from building",
                                        "write `&lt;![` instead, or put a space after `<`")
