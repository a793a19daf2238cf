"""Source-line facts about Markdown (curriculum/markdown_scan.py), kept in
agreement with Python-Markdown, which renders the site as MkDocs does."""

import re

import markdown
import pytest

from curriculum import markdown_scan
from curriculum.markdown_scan import Reference, headings, nesting, raw_html, references, scan

SAMPLE = """# Title

## Welcome

## Hello {#welcome}

## Welcome and check-in

## Welcome and check-in

## Café & crèche — what's on?

## Use `code` here

## Emphasis *inside* a heading

## A [link](x.md) in a heading

## Attributes { .big #sized }

## Colon form {: #coloned .x }

## Only a class { .note }

## No space{#not-an-id}

## Braces {in the text}

## {#only-braces}

## 1. Numbered start

## Trailing hashes ##

## Über straße

## Step_1

## Step_1

## ???

## !!!

Setext heading
--------------

### Ünïcödé 日本語

#### Smart — “quotes”
"""


def python_markdown_ids(text):
    html = markdown.Markdown(extensions=["toc", "attr_list"]).convert(text)
    return [re.search(r'\bid="([^"]*)"', tag).group(1) for tag in re.findall(r"<h[1-6][^>]*>", html)]


def test_anchors_agree_with_python_markdown_toc_and_attr_list():
    ours = [heading.anchor for heading in headings(SAMPLE, 1)]
    assert ours == python_markdown_ids(SAMPLE)
    assert len(ours) == 25


@pytest.mark.parametrize("text", [
    "## A\n\n## A\n\n## A_1\n",
    "## Later id first\n\n## Other {#later-id-first}\n",
    "## \n\n## x\n",
])
def test_anchor_edge_cases_agree_with_python_markdown(text):
    assert [h.anchor for h in headings(text, 1)] == python_markdown_ids(text)


def test_heading_text_level_and_file_line():
    found = headings("Intro\n\n## Cook a curry {#cook-curry}\n\nText\n\nSetext\n---\n", body_line=10)
    assert [(h.level, h.text, h.anchor, h.line) for h in found] == [
        (2, "Cook a curry", "cook-curry", 12), (2, "Setext", "setext", 16)]


def test_references_with_their_lines_and_columns():
    body = ("Line one\nand [a link](x.md) on two\\\nthen [b](y.md \"title\") on three.\n\n"
            "| a | b |\n|---|---|\n| [c](z.md) | d |\n| e | ![alt text](g.png) |\n\n- ![](h.png)\n")
    assert references(body, 5) == [
        Reference("link", "x.md", "a link", 6, 5),
        Reference("link", "y.md", "b", 7, 6),
        Reference("link", "z.md", "c", 11, 3),
        Reference("image", "g.png", "alt text", 12, 7),
        Reference("image", "h.png", "", 14, 3),
    ]


@pytest.mark.parametrize("target", ["file:///etc/passwd", "javascript:alert(1)", "vbscript:x", "data:text/html,x"])
def test_unsafe_links_are_kept_for_the_rules_to_see(target):
    assert [ref.target for ref in references(f"[x]({target}) ![y]({target})\n", 1)] == [target, target]


def test_references_in_code_are_not_references():
    assert references("`[x](y.md)`\n\n    [x](y.md)\n\n```\n![a](b.png)\n```\n", 1) == []


@pytest.mark.parametrize("body, limit, expected", [
    ("text\n", None, (0, 1)),
    ("- a\n  - b\n    - c\n", None, (3, 3)),
    ("> > > quoted\n", None, (3, 1)),
    ("- a\n  - b\n    - c\n      - d\n", 2, (4, 3)),  # the first line past the limit
    ("- a\n\n  more of a\n  - b\n", None, (2, 4)),  # continuation lines keep the list open
    ("- a\n  - b\n\nparagraph\n- c\n", None, (2, 2)),  # a paragraph at the margin closes it
])
def test_nesting(body, limit, expected):
    assert nesting(body, 1, limit) == expected


def test_very_deep_lists_are_measured_in_full():
    assert nesting("".join("  " * level + "- x\n" for level in range(400)), 1)[0] == 400


def test_nesting_in_code_is_not_nesting():
    assert nesting("```\n" + "".join("  " * level + "- x\n" for level in range(20)) + "```\n", 1)[0] == 0


def test_raw_html_by_line_outside_code():
    body = "<b>bold</b> text\n\n`<i>code</i>`\n\n```\n<script>x</script>\n```\n\n<https://nhs.uk> is a link\n"
    assert raw_html(body, 10) == [(10, "<b></b>")]


def test_a_document_is_scanned_once_however_many_rules_read_it():
    from curriculum.model import Document

    doc = Document("handouts/a.md", "## A\n\nSee [b](b.md).\n", 5)
    assert doc.scan is doc.scan
    assert doc.scan == scan(doc.body, 5)
    assert [(h.anchor, h.line) for h in doc.headings] == [("a", 5)]
    assert [(r.target, r.line) for r in doc.scan.references] == [("b.md", 7)]


@pytest.mark.parametrize("text", ["Welcome and check-in", "Café & crèche — what's on?", "  Spaces  and\ttabs ",
                                  "Ünïcödé only", "日本語", "Week 1: 26–30 weeks", "A_b-c--d", "", "ﬁne ligature",
                                  "Emoji 👶 here", "ALL CAPS!"])
def test_slugs_are_python_markdowns(text):
    from markdown.extensions.toc import slugify

    assert markdown_scan.slugify(text) == slugify(text, "-")


def test_slugs_are_python_markdowns_for_any_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from markdown.extensions.toc import slugify

    @settings(max_examples=300, deadline=None)
    @given(st.text(max_size=40))
    def agrees(text):
        assert markdown_scan.slugify(text) == slugify(text, "-")

    agrees()
