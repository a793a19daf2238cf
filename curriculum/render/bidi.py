"""Numbers in right-to-left text (shared by the site and the PDFs).

In an Arabic paragraph the Unicode bidi algorithm lays out a number written
in groups, "0808 2000 247", as "247 2000 0808" read left to right: the
spaces between the groups take the paragraph's direction. A telephone
number read in the wrong order is worse than none, so in right-to-left
text the spaces inside such a number become no-break spaces: a no-break
space between two digits is a number separator to the bidi algorithm (rule
W4), so the whole number is one left-to-right run, kept in the order
written (and never broken across lines). An invisible isolate (U+2066)
would say the same to a browser, but WeasyPrint 70 ignores it inside an
inline element such as `**bold**`.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
_GROUPED = re.compile(r"(?<![\w.,])\d+(?:[ \u00a0]\d+)+(?![\w])")


def isolate_numbers(text: str) -> str:
    """Each number of two or more space-separated groups kept left to right."""
    if not any(ch.isdigit() for ch in text):
        return text
    return _GROUPED.sub(lambda m: m.group(0).replace(" ", NBSP), text)
