"""The theme, thread and key-message matrix (curriculum/coverage.py) and its
renderings (curriculum/coverage_report.py)."""

import csv
import io
import json

import pytest

from curriculum.check import coverage
from curriculum.report.coverage import FORMATS, as_csv, as_markdown, as_text
from curriculum.source.load import load

TWO_PHASES = [('  - {id: learning, title: "Learning"}',
               '  - {id: learning, title: "Learning"}\n  - {id: later, title: "Later"}')]


def matrix(root):
    cur, _ = load(root)
    return coverage.build(cur)


def rows(cov):
    return {(row.kind, row.id): row for row in cov.rows}


def test_columns_are_contacts_in_delivery_order(minimal):
    cov = matrix(minimal)
    assert [(c.id, c.title, c.kind, c.phase, c.timing) for c in cov.columns] == [
        ("week-1", "Planning and shopping", "group", "learning", "Week 1"),
        ("week-2", "Cooking together", "group", "learning", "Week 2")]
    assert cov.phases == (("learning", "Learning"),)


def test_cells_name_the_covering_activities(minimal):
    by_id = rows(matrix(minimal))
    assert by_id["theme", "shopping"].cells == {"week-1": ("welcome", "plan-meals"), "week-2": ()}
    assert by_id["theme", "cooking"].cells == {"week-1": ("plan-meals",), "week-2": ("cook-curry", "share-meal")}
    assert by_id["message", "food-safety"].cells == {"week-1": ("plan-meals",), "week-2": ("cook-curry",)}
    assert [row.count for row in matrix(minimal).rows] == [1, 2, 2, 2]


def test_requirements_read_as_the_rules(minimal):
    by_id = rows(matrix(minimal))
    assert by_id["theme", "cooking"].requirement == "at least 2 contacts; each of Learning"
    assert by_id["thread", "confidence"].requirement == "every group contact"
    assert by_id["message", "food-safety"].requirement == "each of Learning"
    assert all(row.ok for row in by_id.values())


def test_rows_name_the_rules_that_check_them(minimal):
    by_id = rows(matrix(minimal))
    assert by_id["theme", "cooking"].rules == ("CUR301", "CUR302", "CUR305")
    assert by_id["thread", "confidence"].rules == ("CUR303", "CUR305")
    assert by_id["message", "food-safety"].rules == ("CUR304",)


def test_an_optional_theme_is_checked_by_no_rule(make):
    by_id = rows(matrix(make(programme=("min_contacts: 1, phases: [learning]", "min_contacts: 0"))))
    assert (by_id["theme", "shopping"].requirement, by_id["theme", "shopping"].rules) == ("optional", ())
    assert by_id["theme", "shopping"].status == "ok (optional: no rule)"


def test_problems_say_what_is_missing(make):
    cov = matrix(make(programme=TWO_PHASES + [("min_contacts: 2, phases: [learning]",
                                               "min_contacts: 3, phases: [learning, later]")],
                      week_2=[("threads: [confidence]", "threads: []")] * 2))
    by_id = rows(cov)
    assert by_id["theme", "cooking"].problems == ("covered by 2 of the 3 contacts required", "not covered in phase 'Later'")
    assert by_id["thread", "confidence"].problems == ("missing from group contacts: week-2",)
    assert not by_id["theme", "cooking"].ok
    assert [f.code for f in by_id["theme", "cooking"].failures] == ["CUR301", "CUR302"]
    assert by_id["theme", "cooking"].status == ("FAILS CUR301: covered by 2 of the 3 contacts required; "
                                                "CUR302: not covered in phase 'Later'")


def test_a_contact_without_a_plan_is_an_empty_column(make):
    by_id = rows(matrix(make(week_2=None)))
    assert by_id["theme", "cooking"].cells["week-2"] == ()
    assert by_id["theme", "cooking"].count == 1


def test_no_programme_no_matrix(make):
    cov = matrix(make(programme="title: [\n"))
    assert (cov.columns, cov.rows, cov.phases) == ((), (), ())


def test_as_dict_is_json_ready(minimal):
    data = json.loads(FORMATS["json"](matrix(minimal)))
    assert data["rows"][0] == {"kind": "theme", "id": "shopping", "title": "Shopping wisely", "count": 1,
                               "requirement": "at least 1 contacts; each of Learning",
                               "rules": ["CUR301", "CUR302", "CUR305"], "ok": True,
                               "status": "ok (CUR301, CUR302, CUR305)", "problems": [], "failures": [],
                               "cells": {"week-1": ["welcome", "plan-meals"], "week-2": []}}


def test_text_table_marks_cells_and_failures(make):
    out = as_text(matrix(make(programme=("min_contacts: 2", "min_contacts: 3"))))
    line = next(line for line in out.splitlines() if line.startswith("│ theme: cooking"))
    assert line.count("✓") == 2
    assert line.split("│")[-2].strip() == "FAILS CUR301"
    # a status that would run past 100 columns starts a line of its own
    assert ("  theme: cooking: at least 3 contacts; each of Learning:\n"
            "      FAILS CUR301: covered by 2 of the 3 contacts required\n") in out
    assert "  theme: shopping: at least 1 contacts; each of Learning: ok (CUR301, CUR302, CUR305)" in out


def test_text_header_spans_each_phase(make):
    out = as_text(matrix(make(programme=TWO_PHASES + [("phase: learning, timing: \"Week 2\"",
                                                       "phase: later, timing: \"Week 2\"")],
                              week_2=("phase: learning", "phase: later"))))
    top, bottom = out.splitlines()[2:4]
    assert top.split("│")[1:-1] == ["                      ", " Learning ", " Later ", "   ", "        "]
    assert [cell.strip() for cell in bottom.split("│")[1:-1]] == ["item", "1", "2", "n", "status"]
    assert "    2  week-2 (group, Later, Week 2)" in out


def test_text_table_of_the_bundled_curriculum_fits_100_columns():
    from pathlib import Path
    out = as_text(matrix(Path(__file__).resolve().parents[1]))
    assert "┌" in out and max(len(line) for line in out.splitlines()) <= 100


def test_csv_has_a_phase_row_and_coded_failures(make):
    cov = matrix(make(programme=("min_contacts: 2", "min_contacts: 3")))
    lines = list(csv.reader(io.StringIO(as_csv(cov))))
    assert len(lines) == 2 + len(cov.rows)
    assert lines[0][-5:] == ["count", "requirement", "rules", "ok", "problems"]
    assert lines[1] == ["phase", "", "", "Learning", "Learning", "", "", "", "", ""]
    assert lines[3][-3:] == ["CUR301 CUR302 CUR305", "no", "CUR301: covered by 2 of the 3 contacts required"]


def test_markdown_labels_contacts_with_their_phase(minimal):
    cov = matrix(minimal)
    lines = as_markdown(cov).splitlines()
    assert len(lines) == 2 + len(cov.rows)
    assert lines[0] == "| Item | Learning: week-1 | Learning: week-2 | Count | Rule |"
    assert lines[2].endswith("| 1 | at least 1 contacts; each of Learning: ok (CUR301, CUR302, CUR305) |")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_a_failing_matrix(make, fmt):
    cov = matrix(make(week_1=("    messages: [food-safety]\n", ""), week_2=("    messages: [food-safety]\n", "")))
    assert "CUR304: not given in phase 'Learning'" in FORMATS[fmt](cov)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_names_the_rules_of_a_passing_row(minimal, fmt):
    out = FORMATS[fmt](matrix(minimal))
    assert "CUR303" in out and "CUR304" in out


COVERAGE_CODES = ("CUR301", "CUR302", "CUR303", "CUR304", "CUR305")
NO_SHOPPING = [("themes: [shopping]", "themes: [cooking]"), ("themes: [shopping, cooking]", "themes: [cooking]")]
NO_THREAD = [("threads: [confidence]", "threads: []")] * 2
NO_MESSAGE = ("    messages: [food-safety]\n", "")
SHOPPING_MIN_0 = ("min_contacts: 1, phases: [learning]", "min_contacts: 0, phases: [learning]")
MESSAGE_ANY_PHASE = ('ready-to-eat food", phases: [learning]}', 'ready-to-eat food"}')


def test_matrix_and_coverage_rules_agree(make, where):
    root = make(programme=("min_contacts: 2", "min_contacts: 3"))
    failing = [row.id for row in matrix(root).rows if not row.ok]
    assert failing == ["cooking"]
    assert where(root, "CUR301") == [("programme.yml", 12, 6)]
    # min_contacts 0 does not excuse the phases a theme lists
    root = make(programme=SHOPPING_MIN_0, week_1=NO_SHOPPING)
    assert [(row.id, row.status) for row in matrix(root).rows if not row.ok] == [
        ("shopping", "FAILS CUR305: no activity covers it")]
    assert where(root, "CUR305") == [("programme.yml", 11, 6)]


# (edits, {(kind, id): [failing codes]}): what the matrix says fails, and so
# what the rules report
EDGE_CASES = {
    "theme-min-0-phases-uncovered": ({"programme": SHOPPING_MIN_0, "week_1": NO_SHOPPING},
                                     {("theme", "shopping"): ["CUR305"]}),
    "theme-min-0-phases-covered": ({"programme": SHOPPING_MIN_0}, {}),
    "theme-min-0-one-phase-missed": (
        {"programme": TWO_PHASES + [("min_contacts: 1, phases: [learning]", "min_contacts: 0, phases: [learning, later]")]},
        {("theme", "shopping"): ["CUR302"]}),
    "theme-min-0-no-phases-uncovered": ({"programme": ("min_contacts: 1, phases: [learning]", "min_contacts: 0"),
                                         "week_1": NO_SHOPPING}, {}),
    "theme-min-1-uncovered": ({"week_1": NO_SHOPPING}, {("theme", "shopping"): ["CUR305"]}),
    "theme-too-few-and-phase-missed": (
        {"programme": TWO_PHASES + [("min_contacts: 2, phases: [learning]", "min_contacts: 3, phases: [learning, later]")]},
        {("theme", "cooking"): ["CUR301", "CUR302"]}),
    "thread-uncovered": ({"week_1": NO_THREAD, "week_2": NO_THREAD}, {("thread", "confidence"): ["CUR303", "CUR305"]}),
    "thread-uncovered-not-every-group": (
        {"week_1": NO_THREAD, "week_2": NO_THREAD,
         "programme": ("threads_in_every_group: true", "threads_in_every_group: false")},
        {("thread", "confidence"): ["CUR305"]}),
    "thread-missed-by-one-group": ({"week_2": NO_THREAD}, {("thread", "confidence"): ["CUR303"]}),
    "message-phases-never-given": ({"week_1": NO_MESSAGE, "week_2": NO_MESSAGE}, {("message", "food-safety"): ["CUR304"]}),
    "message-no-phases-never-given": ({"programme": MESSAGE_ANY_PHASE, "week_1": NO_MESSAGE, "week_2": NO_MESSAGE},
                                      {("message", "food-safety"): ["CUR305"]}),
    "message-no-phases-given": ({"programme": MESSAGE_ANY_PHASE}, {}),
}


@pytest.mark.parametrize("edits, failing", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_matrix_and_coverage_rules_agree_on_edge_cases(make, findings, edits, failing):
    root = make(**edits)
    cov = matrix(root)
    assert {(row.kind, row.id): [f.code for f in row.failures] for row in cov.rows if not row.ok} == failing
    # one finding per failure, or per phase or contact it names
    expected = sorted(f.code for row in cov.rows for f in row.failures for _ in (f.subjects or [None]))
    assert sorted(f.code for code in COVERAGE_CODES for f in findings(root, code)) == expected
