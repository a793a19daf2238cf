"""Text that looks like a template stays exactly as the author wrote it.

`{{ ... }}` and `{% ... %}` in author Markdown are never evaluated (author
text is only ever data, never a Jinja template), and they are not read as
Markdown either: without this, `{{ ''.__class__ }}` would be published as
`{{ ''.<strong>class</strong> }}`. An author who writes template syntax, say
to show it in a training note, sees it printed literally on the site and in
the PDFs. Code spans keep precedence, as they are literal already.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

# Bounded and on one line: a stray `{{` never makes the pattern scan far.
TEMPLATE_TEXT = r"\{\{[^\n]{0,500}?\}\}|\{%[^\n]{0,500}?%\}"
PRIORITY = 185  # after code spans (190), before escapes (180) and emphasis


class _Literal(InlineProcessor):
    def handleMatch(self, m: re.Match, data: str):
        # An element of its own, not bare text: bare text right after `*em*`
        # would be read by attr_list as an attribute list `{% ... %}`.
        span = etree.Element("span", {"class": "template-text"})
        span.text = AtomicString(m.group(0))
        return span, m.start(0), m.end(0)


class TemplateTextExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.inlinePatterns.register(_Literal(TEMPLATE_TEXT, md), "curriculum-template-text", PRIORITY)


def makeExtension(**kwargs) -> TemplateTextExtension:  # noqa: N802 - Python-Markdown's name
    return TemplateTextExtension(**kwargs)
