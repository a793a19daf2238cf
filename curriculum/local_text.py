"""Where `[[local:ID]]` stands in a Markdown body (pure; a leaf module).

`[[local:ID]]` is a value each local edition fills in (a phone number, a
venue). The validator needs every use outside code, with its line and
column, and every malformed one (`[[local:]]`, `[[local:Triage Line]]`, a
missing `]]`); the renderer (render/local.py) turns the well-formed ones into
a blank or the edition's value. Text inside fenced code and code spans is
shown as written, never filled in.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .model import SLUG_PATTERN

OPEN = "[[local:"
# What the renderer fills in: a slug between `[[local:` and `]]`, outside code.
PATTERN = r"\[\[local:([a-z0-9]+(?:-[a-z0-9]+)*)\]\]"
_ANY = re.compile(r"\[\[local:([^\[\]\n]{0,200}?)\]\]")
_SLUG = re.compile(SLUG_PATTERN)
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).){1,2000}?\1")


class Use(NamedTuple):
    ident: str  # the ID as written (may be malformed)
    line: int  # file line
    column: int  # file column of `[[`
    ok: bool  # a well-formed `[[local:slug]]`
    closed: bool = True  # False: no `]]` after it on the line


def _blank_code(line: str) -> str:
    """The line with every code span turned into spaces (columns kept)."""
    if "`" not in line:
        return line
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def uses(body: str, body_line: int = 1) -> list[Use]:
    """Every `[[local:` of the body outside fenced code and code spans."""
    if OPEN not in body:
        return []
    found: list[Use] = []
    fence = ""
    for index, raw in enumerate(body.split("\n")):
        opened = _FENCE.match(raw)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
            continue
        if OPEN in raw:
            found += _in_line(_blank_code(raw), body_line + index)
    return found


def _in_line(line: str, line_no: int) -> list[Use]:
    found = []
    at = line.find(OPEN)
    while at >= 0:
        match = _ANY.match(line, at)
        if match:
            ident = match.group(1)
            found.append(Use(ident, line_no, at + 1, bool(_SLUG.match(ident))))
            at = line.find(OPEN, match.end())
        else:
            found.append(Use(line[at + len(OPEN):].split("]", 1)[0][:40], line_no, at + 1, False, closed=False))
            at = line.find(OPEN, at + len(OPEN))
    return found
