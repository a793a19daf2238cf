"""Nested lists as authors write them, re-indented for Python-Markdown.

Shared by the site (curriculum.site.markdown) and the PDFs
(curriculum.pdf.markup), so both read a plan's nested lists the same way.
"""

from __future__ import annotations

import re

_ITEM = re.compile(r"^( *)([-*+]|\d{1,9}\.)( +|$)")
_BREAK = re.compile(r"^ {0,3}([-*_])( *\1){2,} *$")
_BLOCK_START = re.compile(r"^( *)(!!!|\?\?\?\+?) ")
_FENCE = re.compile(r"^ *(`{3,}|~{3,})")


def indent_lists(text: str) -> str:
    """Re-indent nested lists the way Python-Markdown reads them.

    Authors (and CommonMark, and so our validator) nest a list under an item
    by indenting it to the item's text: 2 spaces under `- `, 3 under `1. `.
    Python-Markdown needs 4 per level, and otherwise makes `   - Pillows`
    under `2. Sort the items:` into item 3. Each line that belongs to a list
    item is moved so that its indent, counted from the item's marker, is 4
    plus whatever it had beyond the item's text; fenced code moves with its
    item, and admonition bodies (4 spaces) hold lists of their own.
    """
    out: list[str] = []
    stack: list[tuple[int, int]] = []  # open containers: (content column, shift of their lines)
    fence: tuple[str, int] | None = None
    for line in text.split("\n"):
        if fence is not None:
            out.append(_shift(line, stack[-1][1] if stack else 0))
            stripped = line.strip()
            if stripped.startswith(fence[0] * fence[1]) and not stripped.strip(fence[0]):
                fence = None
            continue
        if not line.strip():
            out.append(line)
            continue
        indent = len(line) - len(line.lstrip(" "))
        while stack and indent < stack[-1][0]:
            stack.pop()
        base, shift = (stack[-1] if stack else (0, 0))
        item = _ITEM.match(line)
        if item and indent - base < 4 and not _BREAK.match(line):
            marker, gap = item.group(2), len(item.group(3))
            content = indent + len(marker) + (gap if 0 < gap <= 4 else 1)
            out.append(_shift(line, shift))
            stack.append((content, indent + shift + 4 - content))
            continue
        out.append(_shift(line, shift))
        if _BLOCK_START.match(line) and indent - base < 4:
            stack.append((indent + 4, shift))
        found = _FENCE.match(line)
        if found:
            fence = (found.group(1)[0], len(found.group(1)))
    return "\n".join(out)


def _shift(line: str, by: int) -> str:
    if by >= 0:
        return " " * by + line if line else line
    leading = len(line) - len(line.lstrip(" "))
    return line[min(-by, leading):]
