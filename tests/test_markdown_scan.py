"""Source-line facts about Markdown (curriculum/markdown_scan.py), kept in
agreement with Python-Markdown, which renders the site as MkDocs does."""

import re

import markdown
import pytest

from curriculum import markdown_scan
from curriculum.markdown_scan import Reference, headings, max_nesting, parse, references

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


def test_references_with_their_lines():
    body = ("Line one\nand [a link](x.md) on two\\\nthen [b](y.md \"title\") on three.\n\n"
            "| a | b |\n|---|---|\n| [c](z.md) | d |\n| e | ![alt text](g.png) |\n\n- ![](h.png)\n")
    assert references(body, 5) == [
        Reference("link", "x.md", "a link", 6),
        Reference("link", "y.md", "b", 7),
        Reference("link", "z.md", "c", 11),
        Reference("image", "g.png", "alt text", 12),
        Reference("image", "h.png", "", 14),
    ]


@pytest.mark.parametrize("target", ["file:///etc/passwd", "javascript:alert(1)", "vbscript:x", "data:text/html,x"])
def test_unsafe_links_are_kept_for_the_rules_to_see(target):
    assert [ref.target for ref in references(f"[x]({target}) ![y]({target})\n", 1)] == [target, target]


def test_references_in_code_are_not_references():
    assert references("`[x](y.md)`\n\n    [x](y.md)\n\n```\n![a](b.png)\n```\n", 1) == []


@pytest.mark.parametrize("body, limit, expected", [
    ("text\n", None, (0, 0)),
    ("- a\n  - b\n    - c\n", None, (3, 2)),
    ("> > > quoted\n", None, (3, 0)),
    ("- a\n  - b\n    - c\n      - d\n", 2, (4, 2)),  # the first line past the limit
])
def test_max_nesting(body, limit, expected):
    assert max_nesting(parse(body), limit) == expected


def test_parser_caps_nesting_and_says_so():
    tokens = parse("".join("  " * level + "- x\n" for level in range(400)))
    assert max_nesting(tokens)[0] == 32
    assert markdown_scan.nesting_capped(tokens)
    assert not markdown_scan.nesting_capped(parse("- a\n  - b\n"))


def test_parse_is_shared_inside_cached_and_fresh_outside():
    body = "## A\n\ntext\n"
    assert parse(body) is not parse(body)
    with markdown_scan.cached():
        first = parse(body)
        assert parse(body) is first
        with markdown_scan.cached():
            assert parse(body) is first
    assert parse(body) is not first
