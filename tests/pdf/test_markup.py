"""Markdown to print HTML: author text stays data, parents never get
facilitator-only blocks, addresses are left for the fetcher to judge."""

from __future__ import annotations

import pytest

from curriculum.pdf.markup import MAX_DEPTH, Context, Unprintable, image_lines, to_html

ROOT = "file:///repo/"
BLOCKED = ("facilitator", "safeguarding")


def html(body: str, **options) -> str:
    ctx = Context(options.pop("path", "handouts/a.md"), options.pop("prefix", "h-a"), ROOT, **options)
    return to_html(body, ctx)[0]


def test_raw_html_is_shown_as_text():
    out = html("Hello <b>bold</b> <script>alert(1)</script>\n\n<div onclick=x>block</div>\n")
    assert "<script" not in out and "<b>" not in out and "<div" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;div onclick=x&gt;block&lt;/div&gt;" in out


def test_template_syntax_is_never_evaluated():
    out = html("Sum {{ 7*7 }} and `{{ ''.__class__ }}` and {% raw %}")
    assert "{{ 7*7 }}" in out and "{% raw %}" in out
    assert "{{ &#x27;&#x27;.__class__ }}" in out or "{{ ''.__class__ }}" in out
    assert "49" not in out and "<class" not in out


def test_template_syntax_is_not_read_as_markdown_either():
    out = html("Try {{ ''.__class__ }}, then *this*{% endif %} and {{ 2*3*4 }}.")
    assert "<strong>class</strong>" not in out and "class__" in out
    assert "{% endif %}" in out and "<em>this</em>" in out
    assert "{{ 2*3*4 }}" in out


@pytest.mark.parametrize("opener", ['!!! facilitator "Secret"', '??? safeguarding "Secret"', '???+ Facilitator "Secret"'])
def test_facilitator_blocks_are_removed_for_parents(opener):
    body = f"Before.\n\n{opener}\n    HIDDEN text.\n\nAfter.\n"
    parents = html(body, parents=True, blocked=BLOCKED)
    assert "HIDDEN" not in parents and "Secret" not in parents
    assert "Before." in parents and "After." in parents
    facilitators = html(body, parents=False, blocked=BLOCKED)
    assert "HIDDEN" in facilitators


def test_a_block_that_cannot_be_removed_refuses_the_document():
    body = "Line one.\n\n/// facilitator | Secret\nHIDDEN\n///\n"
    with pytest.raises(Unprintable) as caught:
        to_html(body, Context("handouts/a.md", "h-a", ROOT, parents=True, blocked=BLOCKED), first_line=10)
    assert caught.value.path == "handouts/a.md" and caught.value.line == 12
    assert "handouts/a.md:12" in str(caught.value)


def test_other_admonitions_stay():
    out = html('!!! tip "A tip"\n    Kept.\n', parents=True, blocked=BLOCKED)
    assert "Kept." in out and 'class="admonition tip' in out


def test_attributes_come_from_an_allow_list():
    out = html('## Title { #t onclick="alert(1)" style="color:red" rel="attachment" }\n\n'
               '[x](https://example.org){ rel=attachment onmouseover=y }\n')
    assert "onclick" not in out and "style" not in out and "rel=" not in out and "onmouseover" not in out
    assert 'id="h-a-t"' in out


def test_table_alignment_becomes_a_class():
    out = html("| a | b |\n|:--|--:|\n| 1 | 2 |\n")
    assert 'class="align-right"' in out and "style" not in out


def test_ids_are_prefixed_and_anchors_follow():
    out = html("## Getting help\n\nSee [below](#getting-help).\n", prefix="h-x")
    assert 'id="h-x-getting-help"' in out and 'href="#h-x-getting-help"' in out


def test_links_to_sources_in_the_same_pdf_point_inside_it():
    sections = {"handouts/b.md": "h-b"}
    out = html("[B](b.md) and [B help](b.md#help) and [C](c.md) and [web](https://nhs.uk) "
               "and [mail](mailto:a@b.c) and [bad](file:///etc/passwd) and [js](javascript:alert(1))",
               sections=sections)
    assert 'href="#h-b"' in out and 'href="#h-b-help"' in out
    assert 'href="https://nhs.uk"' in out and 'href="mailto:a@b.c"' in out
    assert "c.md" not in out and "file:" not in out and "javascript" not in out
    assert '<span class="ref">C</span>' in out


def test_images_become_absolute_urls_for_the_fetcher():
    out = html("![A cot](../images/cot.png)\n\n![x](file:///etc/passwd)\n\n![y](../../../etc/hostname)\n")
    assert 'src="file:///repo/images/cot.png"' in out
    assert 'src="file:///etc/passwd"' in out  # the fetcher refuses it
    assert 'src="file:///etc/hostname"' in out
    assert 'alt="A cot"' in out


def test_image_lines_name_the_source_line():
    body = "Text.\n\n![passwd](file:///etc/passwd)\n\n![net](http://127.0.0.1:9/x.png)\n"
    lines = image_lines(body, 7, "handouts/a.md", ROOT)
    assert lines == {"file:///etc/passwd": 9, "http://127.0.0.1:9/x.png": 11}


def test_headings_shift_down():
    out = html("## Two\n\n### Three\n", shift=1)
    assert "<h3" in out and "<h4" in out and "<h2" not in out


def test_nesting_is_limited():
    body = "".join("    " * level + "!!! note\n" for level in range(MAX_DEPTH + 5)) + "    " * (MAX_DEPTH + 5) + "deep\n"
    with pytest.raises(Unprintable, match="nested"):
        to_html(body, Context("handouts/a.md", "h-a", ROOT))


def test_nested_lists_read_as_on_the_site():
    out = html("1. Sort:\n   - Pillows\n   - Duvet\n2. Next\n")
    assert out.count("<li>") == 4 and "<ul" in out


def test_tick_boxes_print_as_boxes_outside_code():
    out = html("Given: [ ] safer sleep [x] crying `[ ]` \\[ ] [x](https://a.org) [x][r]\n\n"
               "[r]: https://b.org\n\n| Activity | Done |\n|---|---|\n| Welcome | [ ] |\n")
    assert out.count('<span class="tick-box"></span>') == 2  # in the text and in the table
    assert out.count('<span class="tick-box ticked"></span>') == 1
    assert '<span class="tick-box"></span>\u00a0safer sleep' in out  # the box stays with its word
    assert "<code>[ ]</code>" in out
    assert " [ ] " in out  # escaped: as written
    assert '<a href="https://a.org">x</a>' in out and '<a href="https://b.org">x</a>' in out
    assert '<td class="tick-cell"><span class="tick-box"></span></td>' in out


def test_short_lists_tables_and_boxes_are_kept_together_long_ones_are_not():
    short = "\n".join(f"- item {n}" for n in range(8))
    long = "\n".join(f"- item {n}" for n in range(9))
    wordy = "\n".join(f"- {'word ' * 40}" for n in range(4))
    out = html(f"Call if:\n\n{short}\n\nThen.\n\n{long}\n\nAnd.\n\n{wordy}\n")
    lists = out.split("<ul")[1:]
    assert [part.startswith(' class="keep"') for part in lists] == [True, False, False]
    assert '<p class="lead-in">Call if:</p>' in out and "<p>Then.</p>" in out
    box = html('!!! warning "Call 999 if"\n    - a fit\n    - floppy\n')
    assert 'class="admonition warning keep"' in box
    long_box = html('!!! note "Long"\n    ' + "word " * 300 + "\n")
    assert 'class="admonition note"' in long_box
    rows = "\n".join("| a | b |" for _ in range(11))
    assert '<table class="keep">' in html(f"| A | B |\n|---|---|\n{rows}\n")
    assert '<table>' in html(f"| A | B |\n|---|---|\n{rows}\n| a | b |\n")
