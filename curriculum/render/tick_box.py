"""`[ ]` in author Markdown becomes an empty box to tick, `[x]` a ticked one,
on the site and in the PDFs alike (a form such as a session record is filled
in on paper). The box is drawn by the styles: the print font has no
ballot-box glyph. Code spans and escaped brackets (`\\[ ]`) stay as written,
and a link `[x](...)`, a reference `[x][ref]` or a definition is never a box.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor

TICK_BOX = r"\[([ xX])\](?![(\[:])( ?)"
PRIORITY = 175  # after code spans (190) and escapes (180), before references and links (170, 160)
CLASS = "tick-box"


class _TickBox(InlineProcessor):
    def handleMatch(self, match, data):
        element = etree.Element("span")
        element.set("class", CLASS if match.group(1) == " " else f"{CLASS} ticked")
        if match.group(2):  # a box stays on the line of the word it ticks
            element.tail = "\u00a0"
        return element, match.start(0), match.end(0)


class TickBoxExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.inlinePatterns.register(_TickBox(TICK_BOX, md), "curriculum-tick-box", PRIORITY)


def makeExtension(**kwargs) -> TickBoxExtension:  # noqa: N802 - Python-Markdown's name
    return TickBoxExtension(**kwargs)
