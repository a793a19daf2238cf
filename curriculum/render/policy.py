"""What author Markdown may become in HTML: one allow-list for the site and
the PDFs, so an attribute list such as `{ onclick=... }` or `{ style=... }`
adds nothing to either."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

# The Python-Markdown extensions author text is rendered with, on the site and in PDFs.
EXTENSIONS = ["admonition", "attr_list", "tables", "toc", "def_list", "pymdownx.details", "pymdownx.superfences",
              "curriculum.render.template_text",  # `{{ ... }}` printed as written
              "curriculum.render.tick_box"]  # `[ ]` a box to tick

GLOBAL_ATTRS = {"id", "class", "title", "lang", "dir"}
TAG_ATTRS = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "type"},
    "details": {"open"},
}
_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$")
_CLASS = re.compile(r"^[A-Za-z0-9_-]+$")


def allowed_attributes(tag: str, attributes: Mapping[str, str],
                       align: Callable[[str], tuple[str, str]]) -> dict[str, str]:
    """The attributes an element keeps. A table cell's alignment (the only
    style Markdown itself writes) becomes whatever `align` returns for
    'left', 'right' or 'center'; class names are plain words only."""
    kept: dict[str, str] = {}
    for name, value in attributes.items():
        name = name.lower()
        if name == "style" and tag in ("th", "td"):
            match = _ALIGN.match(value)
            if match:
                key, text = align(match.group(1))
                kept[key] = text
            continue
        if name in GLOBAL_ATTRS or name in TAG_ATTRS.get(tag, ()):
            kept[name] = value
    if "class" in kept:
        kept["class"] = " ".join(c for c in kept["class"].split() if _CLASS.match(c))
    return kept
