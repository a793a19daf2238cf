"""The facilitator manual is the whole site as one PDF: read back, it has
the activities under each theme, thread and key message, and a Handouts part
with every handout's front matter (never its body)."""

from __future__ import annotations

import re

from pypdf import PdfReader

MANUAL = "pdf/facilitator-manual.pdf"


def flat(text: str) -> str:
    """Whitespace collapsed, list bullets dropped."""
    return " ".join(text.replace("\u2022", " ").split())


def part(text: str, start: str, end: str) -> str:
    """The text from the heading `start` (after the contents page) to `end`."""
    begin = text.index(start, text.index("Programme overview", text.index("Programme overview") + 1))
    return text[begin:text.index(end, begin + len(start))]


def test_the_handouts_part_lists_front_matter_not_text(tainted, text_of):
    text = flat(text_of(tainted.pdf(MANUAL)))
    handouts = text[text.rindex("Every handout, with what it is for"):]
    assert "full text of every parent handout is in the parent workbook and in each handout's own PDF" in handouts
    entry = handouts[handouts.index("Your shopping list"):]
    assert "A list to take to the shop." in entry  # summary
    assert "For Parents" in entry
    assert "Themes Shopping wisely" in entry
    assert "Given at 1. Planning and shopping" in entry
    assert "Reviewed Not yet reviewed" in entry
    assert "Sources A public food-budget guide" in entry
    # The body is in the handout's PDF, the pack and the workbook: not here.
    assert "Look in the cupboard" in flat(text_of(tainted.pdf("pdf/handouts/shopping-list.pdf")))
    assert "Look in the cupboard" not in text and "Before you go" not in text


def test_the_contents_page_names_the_new_parts(tainted, text_of):
    contents = flat(text_of(tainted.pdf(MANUAL), 2, 2))
    pages = len(PdfReader(tainted.pdf(MANUAL)).pages)
    for entry in ("Programme overview", "Themes", "Relational threads", "Key messages", "Handouts"):
        found = re.search(re.escape(entry) + r" [. ]*?(\d+)", contents)
        assert found, (entry, contents)
        assert 3 <= int(found.group(1)) <= pages


def test_each_theme_thread_and_message_lists_its_activities(tainted, text_of):
    text = flat(text_of(tainted.pdf(MANUAL)))
    themes = part(text, "Themes", "Relational threads")
    # Shopping wisely: both activities of contact 1; cooking together: one of 1, one of 2.
    shopping = themes[themes.index("Shopping wisely"):themes.index("Cooking together")]
    assert "1. Planning and shopping: Welcome; Plan three meals" in shopping
    assert "Handouts: Your shopping list" in shopping
    cooking = themes[themes.index("Cooking together"):]
    assert "1. Planning and shopping: Plan three meals" in cooking and "2. " in cooking
    threads = part(text, "Relational threads", "Key messages")
    assert "Confidence in the kitchen" in threads and "1. Planning and shopping: Welcome; Plan three meals" in threads
    messages = part(text, "Key messages", "Cooking on a Budget · draft")
    assert "Keep raw meat apart from ready-to-eat food 1. Planning and shopping: Plan three meals" in messages


def test_each_activity_in_the_manual_says_when_how_long_and_who_leads(tainted, text_of):
    """As on the site: under each activity's heading, its start, minutes,
    lead and core or flexible, so no one turns back to the agenda."""
    text = flat(text_of(tainted.pdf(MANUAL)))
    assert "Welcome 0:00 · 20 minutes · led by Peer supporter · core" in text
    assert "Plan three meals 0:20 · 40 minutes · led by Community cook · flexible" in text
