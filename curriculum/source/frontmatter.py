"""The one front-matter reader for the validator, the site and the PDFs.

MkDocs and python-frontmatter disagree on edge cases and MkDocs publishes
unparsable front matter as page text, so we split files ourselves, strictly:
UTF-8, optional BOM, `---` alone on the first line, `---` alone to close.
CRLF and lone CR are normalised to LF first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FENCE = "---"
_YAML_LINE = re.compile(r"^(?:[A-Za-z_][\w-]*\s*:(?:\s|$)|\s+\S|-\s|#)")
_KEY_LINE = re.compile(r"^[A-Za-z_][\w-]*\s*:(?:\s|$)")


@dataclass(frozen=True)
class Split:
    """A file cut in two. Line numbers are 1-based lines of the file."""

    front: str | None  # YAML text, None when the file has no front matter
    front_line: int  # file line of the YAML's first line
    body: str
    body_line: int  # file line of the body's first line
    problem: str | None = None  # "missing" | "unclosed" | "not-first-line" | "dots"
    problem_line: int = 1


def decode(data: bytes) -> str:
    """Strict UTF-8 without BOM, LF line endings. Raises UnicodeDecodeError."""
    text = data.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> Split:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is not None and first > 0 and lines[first].rstrip() == FENCE:
            return Split(None, 1, text, 1, "not-first-line", first + 1)
        return Split(None, 1, text, 1, "missing", 1)
    for index in range(1, len(lines)):
        stripped = lines[index].rstrip()
        if stripped == FENCE:
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1:])
            return Split(front, 2, body, index + 2)
        if stripped == "...":
            return Split(None, 1, text, 1, "dots", index + 1)
    return Split(None, 1, text, 1, "unclosed", 1)


def line_of_offset(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def extra_block(body: str) -> int | None:
    """0-based body line of a second front-matter block opening the body.

    `---`, YAML `key: value` lines, `---` after the real front matter would be
    rendered as a rule and a heading, publishing the keys as page text.
    """
    lines = body.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].rstrip() != FENCE:
        return None
    keys = 0
    for line in lines[first + 1:]:
        if line.rstrip() == FENCE:
            return first if keys else None
        if not line.strip():
            continue
        if not _YAML_LINE.match(line):
            return None
        keys += bool(_KEY_LINE.match(line))
    return None
