"""The site's Markdown extension, on its own (no MkDocs)."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt
from site_support import REPO

from curriculum.render.converter import converter
from curriculum.render.lists import indent_lists
from curriculum.site.markdown import PageParts, SafeMarkdown, assemble
from curriculum.source.frontmatter import decode, split


def render(text: str, parts: PageParts | None = None, **options) -> str:
    ext = SafeMarkdown(**options)
    ext.parts = parts
    return converter(ext, permalink=True).convert(text)


def depths(html: str) -> list[int]:
    """The nesting depth of each list item, in order."""
    out, depth = [], 0
    for close, tag in re.findall(r"<(/?)(ul|ol|li)\b", html):
        if tag != "li":
            depth += -1 if close else 1
        elif not close:
            out.append(depth)
    return out


@pytest.mark.parametrize("text, expected", [
    ("1. one\n2. two:\n   - a\n   - b\n3. three\n", [1, 1, 2, 2, 1]),  # 3 spaces under "1. "
    ("- one\n  - a\n    - deep\n- two\n", [1, 2, 3, 1]),  # 2 spaces under "- "
    ("5. five\n    - a\n    - b\n6. six\n", [1, 2, 2, 1]),  # 4 spaces still nest
    ("- one\n\n  more of one\n\n- two\n", [1, 1]),
])
def test_nested_lists_follow_commonmark(text, expected):
    assert depths(render(text)) == expected
    assert depths(MarkdownIt("commonmark").render(text)) == expected


def test_lists_inside_admonitions_nest_too():
    html = render('!!! note "Steps"\n    1. one\n       - a\n    2. two\n')
    assert depths(html) == [1, 2, 1]


def test_code_is_left_alone():
    fenced = "- item\n\n  ```\n  - not a list\n    - nor this\n  ```\n"
    assert "- not a list\n  - nor this" in render(fenced)
    indented = "Text.\n\n    - code, not a list\n      - still code\n"
    assert indent_lists(indented) == indented
    assert "<pre><code>- code, not a list\n  - still code" in render(indented)


def test_a_thematic_break_is_not_a_list():
    assert indent_lists("- a\n\n- - -\n") == "- a\n\n- - -\n"


def test_every_bundled_document_nests_lists_as_commonmark_does():
    """The validator reads Markdown with markdown-it (CommonMark); the site
    must see the same lists (admonitions aside: markdown-it has none)."""
    block = re.compile(r"(?m)^(!!!|\?\?\?).*\n((    .*|)\n)*")
    commonmark = MarkdownIt("commonmark").enable("table")
    for folder in ("sessions", "handouts", "facilitator_notes"):
        for path in sorted((REPO / folder).glob("*.md")):
            part = split(decode(path.read_bytes()))
            body = block.sub("", part.body)
            assert depths(render(body)) == depths(commonmark.render(body)), path.name


def test_raw_html_and_comments_are_text():
    html = render("<div>x</div>\n\nA <span onclick=1>y</span> <!-- hidden? -->\n")
    assert "<div>" not in html and "&lt;div&gt;x&lt;/div&gt;" in html
    assert "&lt;span onclick=1&gt;" in html and "&lt;!-- hidden? --&gt;" in html


def test_links_are_rebased_from_each_part():
    parts = PageParts("sessions/week-1.md", ("sessions/week-1.md", "facilitator_notes/week-1.md"), "t0k")
    text = assemble([("[a](../handouts/x.md) [self](#top)", "", ""),
                     ("[guide](welcome.md#why) [own](week-1.md#prep) [other](week-2.md) [h](../handouts/x.md)",
                      "Facilitator notes", "facilitator-notes")], "t0k")
    html = render(text, parts, link_map={"facilitator_notes/week-1.md": "sessions/week-1.md#facilitator-notes",
                                         "facilitator_notes/week-2.md": "sessions/week-2.md#facilitator-notes"})
    assert 'href="../handouts/x.html">a<' in html and 'href="#top"' in html
    assert 'href="../facilitator_notes/welcome.html#why"' in html  # a guide chapter, from the notes' folder
    assert 'href="#prep"' in html  # the notes themselves are on this page
    assert 'href="week-2.html#facilitator-notes"' in html  # another contact's notes are on its page
    assert html.count('href="../handouts/x.html"') == 2
    assert "data-curriculum-segment" not in html
    assert '<h2 id="facilitator-notes">' in html and parts.found == {1}


def test_a_forged_segment_marker_does_nothing():
    parts = PageParts("sessions/a.md", ("sessions/a.md",), "secret")
    html = render('## Fake {data-curriculum-segment="guess-1"}\n\n[x](b.md)\n', parts)
    assert 'href="b.html"' in html and parts.found == set()


def test_facilitator_blocks_get_a_badge():
    html = render('!!! facilitator "Privately"\n    Text.\n\n??? safeguarding "Risk"\n    Text.\n\n!!! note\n    Text.\n',
                  facilitator_blocks=("facilitator", "safeguarding"), badge="For facilitators")
    assert html.count("cur-facilitator-only") == 2 and html.count('<span class="cur-badge">For facilitators</span>') == 2
    assert '<div class="admonition note">' in html


def test_unsafe_addresses_are_dropped():
    html = render("[a](javascript:alert(1)) [b](vbscript:x) [c](data:text/html,x) [d](https://nhs.uk) [e](mailto:a@b.c)"
                  "\n\n![remote](https://example.org/i.png)\n")
    assert "javascript:" not in html and "vbscript:" not in html and "data:text" not in html
    assert 'href="https://nhs.uk"' in html and 'href="mailto:a@b.c"' in html
    assert "example.org" not in html and "[remote]" in html


def test_a_table_scrolls_in_a_box_a_keyboard_reaches_and_empty_headers_have_words():
    html = render("## Attendance\n\n| | Number |\n|---|---|\n| Parents | |\n\nAfter.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n")
    boxes = re.findall(r'<div ([^>]*)>\s*<table>', html)
    assert len(boxes) == 2
    for box in boxes:
        assert 'class="cur-scroll"' in box and 'role="region"' in box and 'tabindex="0"' in box
    assert 'aria-label="Table: Attendance"' in boxes[0]
    assert '<th><span class="cur-sr-only">Column 1</span></th>' in html
    assert "<p>After.</p>" in html  # the text after a table stays where it was
