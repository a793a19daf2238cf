"""Numbers in right-to-left text (shared by the site and the PDFs).

In an Arabic paragraph the Unicode bidi algorithm lays out a number written
in groups, "0808 2000 247", as "247 2000 0808" read left to right: the
spaces between the groups take the paragraph's direction. A telephone
number read in the wrong order is worse than none, so in right-to-left
text every number of several groups is wrapped in a left-to-right isolate
(U+2066 ... U+2069, invisible), which keeps its groups in the order written.
"""

from __future__ import annotations

import re

LRI, PDI = "\u2066", "\u2069"
_GROUPED = re.compile(r"(?<![\w\u2066])\d+(?:[ \u00a0]\d+)+(?![\w\u2069])")


def isolate_numbers(text: str) -> str:
    """Each number of two or more space-separated groups kept left to right."""
    if not any(ch.isdigit() for ch in text):
        return text
    return _GROUPED.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)
