"""Plain-English measures for parent handouts (pure, offline).

Flesch–Kincaid grade is computed here from sentence and word counts, with
syllables counted by textstat 0.7.4 (pyphen dictionaries, no network). We do
our own sentence splitting because textstat drops sentences of one or two
words, and because a handout's headings and list items are read as separate
sentences even when they carry no full stop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[\"'‘“(]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")
_BLOCK_TAGS = {"paragraph_open", "heading_open", "th_open", "td_open"}


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int  # 1-based line in the Markdown given
    words: int
    syllables: int


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    import textstat  # imported late: only readability checks need it

    return max(1, textstat.syllable_count(word.lower()))


def _inline_text(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            continue
    return "".join(parts)


_ADMONITION = re.compile(r'^(\s*)(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*(?:\s+"([^"]*)")?\s*$')


def unwrap_admonitions(markdown: str) -> str:
    """Admonition bodies are indented 4 spaces, which CommonMark reads as code;
    turn each box into its title (a heading: a sentence of its own) and plain
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


def sentences(markdown: str, first_line: int = 1) -> list[Sentence]:
    """Split Markdown into sentences; each block is at least one sentence."""
    tokens = _parser().parse(unwrap_admonitions(markdown))
    found: list[Sentence] = []
    for index, token in enumerate(tokens):
        if token.type != "inline" or index == 0:
            continue
        if tokens[index - 1].type not in _BLOCK_TAGS:
            continue
        text = " ".join(_inline_text(token).split())
        # Admonition titles and attribute lists are markup, not prose.
        text = re.sub(r"\{[#.][^}]*\}\s*$", "", text).strip()
        line = first_line + (token.map[0] if token.map else 0)
        for part in _SENTENCE_END.split(text):
            words = _WORD.findall(part)
            if not words:
                continue
            found.append(
                Sentence(part.strip(), line, len(words), sum(syllables(w) for w in words))
            )
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
