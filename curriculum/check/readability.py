"""Plain-English measures for parent handouts (pure, offline).

Flesch–Kincaid grade is computed here from sentence and word counts, with
syllables counted from pyphen's en_US hyphenation dictionary (offline), as
textstat 0.7.4 counts them: textstat itself is not imported, because its
import costs more than validating a changed handout (it loads
pkg_resources), and its later releases download NLTK data at run time.
`tests/test_readability.py` checks the counts against textstat 0.7.4. We do
our own sentence splitting because textstat drops sentences of one or two
words, and because a handout's headings, list items and table cells are
read as separate sentences even when they carry no full stop.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..markdown_scan import plain_inline

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[\"'‘“(]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int  # 1-based line in the Markdown given
    words: int
    syllables: int


_PUNCTUATION = re.compile(r"[^\w\s]")


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen  # imported late: only readability checks need it

    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=1 << 16)  # a curriculum's words are few and repeat often
def syllables(word: str) -> int:
    """Syllables of a word: one more than its hyphenation points (textstat
    0.7.4's count, which removes all punctuation first), at least one."""
    parts = _PUNCTUATION.sub("", word.lower()).split()
    return max(1, sum(len(_hyphenator().positions(part)) + 1 for part in parts))


_ADMONITION = re.compile(r'^(\s*)(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*(?:\s+"([^"]*)")?\s*$')


def unwrap_admonitions(markdown: str) -> str:
    """Admonition bodies are indented 4 spaces; turn each box into its title (a heading: a sentence of its own) and plain
    paragraphs, keeping line numbers. Boxes may nest, and may sit in a list."""
    out = []
    bodies: list[int] = []  # body indent of each open box, innermost last
    for line in markdown.split("\n"):
        if not line.strip():
            out.append(line)
            continue
        indent = len(line) - len(line.lstrip(" "))
        while bodies and indent < bodies[-1]:
            bodies.pop()
        plain = line[4 * len(bodies):]
        match = _ADMONITION.match(plain)
        if match:
            title = match.group(2)
            out.append(f"{match.group(1)}###### {title}" if title and title.strip() else "")
            bodies.append(indent + 4)
            continue
        out.append(plain)
    return "\n".join(out)


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_RULE_LINE = re.compile(r"^\s*(=+|-{3,}|\*{3,}|_{3,})\s*$")
_BLOCK_START = re.compile(r"^\s*(#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s|>)")
_MARKER = re.compile(r"^(#{1,6}\s+|[-*+]\s+|\d{1,9}[.)]\s+|(?:>\s?)+)")
_ATTRS = re.compile(r"\s*\{[#.:][^}]*\}\s*$")


def _fence_after(line: str, fence: str | None) -> tuple[str | None, bool]:
    """The fence character open after this line, and whether the line is
    code or a fence (either ends a paragraph and is never read)."""
    fenced = _FENCE.match(line)
    if fence is None:
        return (fenced.group(1)[0], True) if fenced else (None, False)
    if fenced and fenced.group(1)[0] == fence:
        return None, True
    return fence, True


def _read_line(line: str) -> tuple[bool, Sequence[str], str | None]:
    """A line outside code: whether it ends the paragraph before it, the
    blocks it is on its own (table cells, a heading), and the text it adds
    to a paragraph (None: none)."""
    stripped = line.strip()
    if not stripped or _TABLE_RULE.match(line) or _RULE_LINE.match(line):
        return True, [], None
    if stripped.startswith("|"):
        return True, stripped.strip("|").split("|"), None
    if _BLOCK_START.match(line):
        stripped = _MARKER.sub("", stripped)
        if line.lstrip().startswith("#"):
            return True, [stripped], None  # a heading is a sentence of its own
        return True, [], stripped
    return False, [], stripped


_CODE = (True, (), None)


def blocks(markdown: str, first_line: int = 1):
    """(line, inline Markdown) of each paragraph, heading, list item and table
    cell, found line by line (a full Markdown parse of every handout would
    cost more than the rest of validation)."""
    current: list[str] = []
    start = first_line
    fence = None
    for index, line in enumerate(unwrap_admonitions(markdown).split("\n")):
        line_no = first_line + index
        fence, code = _fence_after(line, fence)
        ends, own, text = _CODE if code else _read_line(line)
        if ends and current:
            yield start, " ".join(current)
            current = []
        for block in own:
            yield line_no, block
        if text is not None:
            if not current:
                start = line_no
            current.append(text)
    if current:
        yield start, " ".join(current)


def sentences(markdown: str, first_line: int = 1) -> list[Sentence]:
    """Split Markdown into sentences; each block is at least one sentence."""
    found: list[Sentence] = []
    for line, inline in blocks(markdown, first_line):
        # the substring tests skip most blocks' regex work (a third of the time)
        text = " ".join(plain_inline(_ATTRS.sub("", inline) if "{" in inline else inline).split())
        ends = "." in text or "!" in text or "?" in text
        for part in _SENTENCE_END.split(text) if ends else (text,):
            words = _WORD.findall(part)
            if words:
                found.append(Sentence(part.strip(), line, len(words), sum(map(syllables, words))))
    return found


def flesch_kincaid_grade(found: list[Sentence]) -> float:
    words = sum(s.words for s in found)
    if not found or not words:
        return 0.0
    syll = sum(s.syllables for s in found)
    return round(0.39 * words / len(found) + 11.8 * syll / words - 15.59, 1)


def hardest(found: list[Sentence], count: int = 3) -> list[Sentence]:
    """The sentences that raise the grade most: long and full of long words."""
    return sorted(found, key=lambda s: (s.words + 2 * (s.syllables - s.words)), reverse=True)[:count]
