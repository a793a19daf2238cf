"""CUR7xx: limits and unsafe content, checked before anything renders (rules/security.py, load.py)."""

import os
from pathlib import Path

import pytest
from rule_cases import case, rule_case_tests

W1, H, G = "sessions/week-1.md", "handouts/shopping-list.md", "facilitator_notes/welcome.md"


def appended(text):
    """Text after a blank line at the end of a file: line 19 of the handout, line 10 of the guide chapter."""
    return lambda body: body + "\n" + text


def padded_to(size):
    """The file padded with short paragraphs to exactly `size` bytes."""

    def edit(text):
        need = size - len(text.encode())
        line = "Chop the onions.\n\n"
        return text + line * (need // len(line)) + "x" * (need % len(line))

    return edit


def nested_list(levels):
    return "".join("  " * level + "- step\n" for level in range(levels))


def table(rows):
    return "| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * (rows - 2)


CASES = [
    case("CUR701", {"week_1": padded_to(1_000_001)}, [(W1, None, None)], good={"week_1": padded_to(1_000_000)},
         name="over-1mb"),
    case("CUR702", {"guide": appended("x" * 5001 + "\n")}, [(G, 10, 1)], good={"guide": appended("x" * 5000 + "\n")},
         name="long-line"),
    case("CUR703", {"guide": appended(nested_list(11))}, [(G, 20, 1)], good={"guide": appended(nested_list(10))},
         name="nested-list"),
    case("CUR703", {"guide": appended(">" * 11 + " deep\n")}, [(G, 10, 1)], good={"guide": appended(">" * 10 + " deep\n")},
         name="nested-quote"),
    case("CUR704", {"guide": appended(table(301))}, [(G, 10, 1)], good={"guide": appended(table(300))},
         name="long-table"),
    case("CUR705", {"sessions/evil.md": Path("/etc/passwd")}, [("sessions/evil.md", None, None)],
         good={"handouts/alias.md": Path("shopping-list.md")}, name="symlink-out"),
    case("CUR706", {"guide": appended("A note. " + "[" * 2500 + "\n\nNext paragraph.\n")}, [(G, 10, 1)],
         good={"guide": appended("See [the plan](week-1.md). " * 120 + "\\[" * 1500 + "\n")}, name="unclosed-brackets"),
    case("CUR706", {"guide": appended(("[a](" * 400 + "\n") * 4)}, [(G, 10, 1)],
         good={"guide": appended(("[a](b) " * 400 + "\n") * 4)}, name="unclosed-link-addresses"),
    case("CUR710", {"handout": appended("<script>alert(1)</script>\n")}, [(H, 19, 1)], name="script"),
    case("CUR710", {"handout": appended("Watch <iframe src=x></iframe> now.\n")}, [(H, 19, 1)], name="iframe"),
    case("CUR711", {"handout": appended("<img src=x onerror=alert(1)>\n")}, [(H, 19, 1)], name="onerror"),
    case("CUR711", {"handout": appended('## Title { onclick="alert(1)" }\n')}, [(H, 19, 1)],
         good={"handout": appended("## Title {#title}\n")}, name="attr-list"),
    case("CUR712", {"handout": appended("[click](javascript:alert(1))\n")}, [(H, 19, 1)],
         good={"handout": appended("[NHS 111](https://111.nhs.uk/)\n")}, name="javascript-link"),
    case("CUR712", {"handout": appended('<a href="javascript:alert(1)">x</a>\n')}, [(H, 19, 1)],
         name="javascript-in-html"),
    case("CUR713", {"handout": appended("Read <b>this</b> first.\n")}, [(H, 19, 1)],
         good={"handout": appended("Read **this** first.\n\n`<!-- shown as code -->`\n")}, name="raw-html"),
    case("CUR714", {"handout": appended("See ![a](<![b]> now.\n")}, [(H, 19, 10)],
         good={"handout": appended("See &lt;![b] and < ![b] now.\n")}, name="marked-section"),
]


test_rule_reports_the_defect, test_rule_accepts_the_near_miss = rule_case_tests(CASES)


def test_dangerous_html_is_not_also_reported_as_plain_raw_html(make, where):
    root = make(handout=appended("Watch <iframe src=x></iframe> now.\n"))
    assert where(root, "CUR713") == []


def test_html_on_a_later_line_of_a_paragraph_points_at_that_line(make, where):
    root = make(handout=appended("A first line\nthen <script>alert(1)</script> here.\n"))
    assert where(root, "CUR710") == [(H, 20, 1)]


def test_html_in_code_is_only_text(make, where):
    root = make(handout=appended("`<script>alert(1)</script>`\n\n```\n<img src=x onerror=alert(1)>\n```\n"))
    assert where(root, "CUR710") == where(root, "CUR711") == where(root, "CUR713") == []


def test_deep_list_reports_the_first_line_past_the_limit(make, findings):
    [found] = findings(make(guide=appended(nested_list(400))), "CUR703")
    assert (found.line, found.message) == (20, "lists or quotes nested 400 deep (limit 10)")


def test_symlink_to_a_sibling_folder_is_outside(make, tmp_path, where):
    sibling = tmp_path / "curriculum-1-evil"
    sibling.mkdir()
    (sibling / "x.md").write_text("---\nid: x\n---\n")
    root = make(**{"handouts/x.md": sibling / "x.md"})
    assert root.name == "curriculum-1"
    assert where(root, "CUR705") == [("handouts/x.md", None, None)]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_named_md_is_refused_without_blocking(minimal, where):
    os.mkfifo(minimal / "handouts" / "pipe.md")
    assert where(minimal, "CUR705") == [("handouts/pipe.md", None, None)]


def test_twenty_megabyte_plan_is_refused_unread(make, findings):
    root = make(week_1=lambda text: text + "x\n" * 10_000_000)
    size = (root / W1).stat().st_size
    [found] = findings(root, "CUR701")
    assert found.message == f"file is {size:,} bytes; the limit is 1,000,000"


@pytest.mark.parametrize("links, path, message", [
    ({"sessions/dangling.md": Path("missing.md")}, "sessions/dangling.md", "cannot read file: No such file or directory"),
    ({"sessions/loop-a.md": Path("loop-b.md"), "sessions/loop-b.md": Path("loop-a.md")}, "sessions/loop-a.md",
     "cannot read file: Symlink loop"),
    ({"images/evil.png": Path("/etc/passwd")}, "images/evil.png",
     "symbolic link pointing outside the repository (or dangling)"),
    ({"assets": Path("/etc")}, "assets", "folder links outside the repository"),
])
def test_broken_and_outward_links_are_findings_not_crashes(make, findings, links, path, message):
    [found] = [f for f in findings(make(**links), "CUR705") if f.path == path]
    assert found.message.startswith(message)
    assert (found.line, found.column) == (None, None)


def test_a_source_folder_linked_from_outside_is_refused(make, tmp_path, where):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text("---\nid: secret\ntitle: S\naudience: parents\n---\nSecret.\n")
    root = make(**{"handouts/shopping-list.md": None})
    (root / "handouts").rmdir()
    (root / "handouts").symlink_to(outside)
    assert where(root, "CUR705") == [("handouts", None, None), ("handouts/secret.md", None, None)]


def test_a_folder_named_md_is_not_read(make, where):
    root = make()
    (root / "handouts" / "folder.md").mkdir()
    assert where(root, "CUR705") == [("handouts/folder.md", None, None)]


def test_html_comments_are_reported_because_they_show_as_text(make, findings):
    [found] = findings(make(handout=appended("<!-- a note to editors -->\n")), "CUR713")
    assert "<!-- a note to editors -->" in found.message
