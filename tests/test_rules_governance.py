"""CUR801–802: review dates (rules/governance.py)."""

import datetime as dt

import pytest
from rule_cases import case, rule_case_tests

from curriculum.check.validate import Options, check
from curriculum.source.load import load

P, H = "programme.yml", "handouts/shopping-list.md"
TODAY = dt.date.today().isoformat()


def reviewed(day):
    """The handout with `reviewed: <day>` on line 7."""
    return ("summary: A list to take to the shop.", f"summary: A list to take to the shop.\nreviewed: {day}")


def plan_reviewed(day):
    return ("duration:", f"reviewed: {day}\nduration:")


CASES = [
    case("CUR801", {"handout": reviewed("2020-01-01")}, [(H, 7, 1)], good={"handout": reviewed(TODAY)},
         name="overdue"),
    case("CUR801", {"handout": reviewed("2999-01-01")}, [(H, 7, 1)], name="future"),
    case("CUR801", {"week_1": plan_reviewed("2020-01-01")}, [("sessions/week-1.md", 7, 1)], name="plan"),
    # The minimal curriculum records no review at all.
    case("CUR802", {}, [(P, None, None)],
         good={"handout": reviewed(TODAY), "week_1": plan_reviewed(TODAY), "week_2": plan_reviewed(TODAY)},
         name="never-reviewed"),
]


test_rule_reports_the_defect, test_rule_accepts_the_near_miss = rule_case_tests(CASES)


@pytest.mark.parametrize("today, overdue", [
    (dt.date(2025, 3, 15), False),  # exactly review_months (12) later
    (dt.date(2025, 3, 16), True),
])
def test_review_is_due_after_review_months(make, today, overdue):
    cur, _ = load(make(handout=reviewed("2024-03-15")))
    found = [f for f in check(cur, Options(today=today)) if f.code == "CUR801"]
    assert bool(found) is overdue


def test_quoted_review_date_is_read_as_a_date(make, where, findings):
    root = make(handout=reviewed('"2020-01-01"'))
    assert where(root, "CUR801") == [(H, 7, 1)]
    assert [f.message for f in findings(root, "CUR802")] == ["2 plans and 0 handouts have never been reviewed"]


def test_impossible_review_date_is_a_yaml_error(make, where):
    assert where(make(handout=reviewed("2024-02-30")), "CUR104") == [(H, 7, 11)]


@pytest.mark.parametrize("day, months", [("9999-12-01", "12"), ("2020-01-01", "100000000")])
def test_review_dates_near_the_end_of_the_calendar_do_not_crash(make, where, day, months):
    root = make(handout=reviewed(day), programme=("review_months: 12", f"review_months: {months}"))
    expected = [(H, 7, 1)] if day.startswith("9999") else []  # a date in the future
    assert where(root, "CUR801") == expected
