"""LIX, a reading measure that works across languages (pure, offline).

Flesch–Kincaid counts English syllables; LIX (Björnsson, 1968) needs only
sentences and word lengths, so it reads Polish, Romanian or Arabic alike:

    LIX = words / sentences + 100 × long words / words

where a long word has more than six letters. Below 30 is very easy, 30–40
easy (children's books, plain health leaflets), 40–50 standard, 50–60
difficult, over 60 very difficult. Languages differ: Polish and other
inflected languages run 5–10 points higher than English for the same
plainness, and Arabic joins articles and pronouns to words, so each
language's limit is its own (`max_lix` in translations/<lang>/language.yml,
docs/translations.md). Sentences are found as for Flesch–Kincaid (headings,
list items and table cells are sentences of their own), ending at `.`, `!`,
`?`, the Arabic question mark `؟` or `…`, whatever letter follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..markdown_scan import plain_inline
from .readability import blocks

_SENTENCE_END = re.compile(r"(?<=[.!?؟…])[\"'’”»)]*\s+")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")  # letters (any script), with inner apostrophes or hyphens
LONG = 6  # a long word has more letters than this


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int
    words: int
    long_words: int


def sentences(markdown: str, first_line: int = 1) -> list[Sentence]:
    found = []
    for line, inline in blocks(markdown, first_line):
        text = " ".join(plain_inline(inline).split())
        for part in _SENTENCE_END.split(text):
            words = _WORD.findall(part)
            if words:
                long_words = sum(1 for word in words if sum(ch.isalpha() for ch in word) > LONG)
                found.append(Sentence(part.strip(), line, len(words), long_words))
    return found


def lix(found: list[Sentence]) -> float:
    words = sum(s.words for s in found)
    if not found or not words:
        return 0.0
    return round(words / len(found) + 100 * sum(s.long_words for s in found) / words, 1)


def hardest(found: list[Sentence], count: int = 3) -> list[Sentence]:
    """The sentences that raise LIX most: long and full of long words."""
    return sorted(found, key=lambda s: s.words + 2 * s.long_words, reverse=True)[:count]
