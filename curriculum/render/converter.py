"""The one Markdown converter author text goes through, for the site and the
PDFs: the same extensions (policy.EXTENSIONS), raw HTML shown as text, never
rendered (CUR713), and nested lists read as CommonMark reads them (lists.py).
The site and the PDFs each add their own tree pass for links and blocks."""

from __future__ import annotations

import markdown
from markdown.preprocessors import Preprocessor

from .lists import indent_lists
from .local import LocalValues
from .policy import EXTENSIONS


class _IndentLists(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return indent_lists("\n".join(lines)).split("\n")


class AuthorText(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # After tabs become spaces (30), before fenced code is set aside (25).
        md.preprocessors.register(_IndentLists(md), "curriculum-indent-lists", 27)


def converter(*extensions: markdown.Extension, permalink: bool = False, local=None) -> markdown.Markdown:
    """A Markdown instance for author text; permalink: a link after each
    heading (the site has them, print does not); local: a local edition's
    values for `[[local:ID]]` (None: a blank to fill in)."""
    toc = {"permalink": permalink, "permalink_title": "Link to this section", "toc_depth": 2}
    return markdown.Markdown(extensions=[*EXTENSIONS, AuthorText(), LocalValues(local), *extensions],
                             extension_configs={"toc": toc}, output_format="html")
