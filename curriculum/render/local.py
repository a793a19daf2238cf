"""`[[local:ID]]` in author text: a local edition's value, or a blank to fill in.

One inline pattern for the site and the PDFs. With an edition's values, the
value becomes the text of a `<span class="cur-local">`: element text, so the
serializer escapes it like any author text (never HTML, never a template).
Without (the core build), a visible blank naming what goes there: on the site a
dashed box, in print a line to write on with the words small beneath it. Code spans and fenced code run first, so a `[[local:x]]`
written inside code is shown as written.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Mapping

import markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from ..local_text import PATTERN

LOCAL_CLASS = "cur-local"
BLANK_CLASS = "cur-local-blank"
# After code spans (190) and backslash escapes (180), before links (160) read `[`.
PRIORITY = 175


def label(ident: str) -> str:
    """`maternity-triage` -> `maternity triage`: what the blank asks for."""
    return ident.replace("-", " ")


class _Local(InlineProcessor):
    def __init__(self, values: Mapping[str, str] | None):
        super().__init__(PATTERN)
        self.values = values

    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's name)
        ident = m.group(1)
        if self.values is not None and ident in self.values:
            element = etree.Element("span", {"class": LOCAL_CLASS})
            # AtomicString: no later pattern reads the value as Markdown.
            element.text = AtomicString(" ".join(str(self.values[ident]).split()))
            return element, m.start(0), m.end(0)
        # The words say what goes there; the styles draw a box (site) or a line to write on (print).
        element = etree.Element("span", {"class": BLANK_CLASS, "title": f"Filled in locally: {label(ident)}"})
        element.text = AtomicString(label(ident))
        return element, m.start(0), m.end(0)


class LocalValues(markdown.Extension):
    """values: the edition's `local:` (None in the core build)."""

    def __init__(self, values: Mapping[str, str] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.values = values

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        md.inlinePatterns.register(_Local(self.values), "curriculum-local", PRIORITY)
