"""Load, run every rule, apply severity overrides (curriculum/validate.py)."""

import pytest

from curriculum.check.validate import Report, validate
from curriculum.findings import Severity
from curriculum.source.load import NotACurriculum

SEVERITY = ("  review_months: 12", "  review_months: 12\n  severity: {overrides}")


def test_minimal_curriculum_has_only_its_known_findings(minimal):
    report = validate(minimal)
    assert [(f.code, f.path, f.line, f.column, f.severity) for f in report.findings] == [
        ("CUR802", "programme.yml", None, None, Severity.INFO),
        ("CUR404", "sessions/week-2.md", 19, 5, Severity.WARNING),
    ]
    assert report.ok
    assert report.summary() == {"errors": 0, "warnings": 1, "info": 1, "files": 6}


def test_errors_make_the_report_fail(make):
    report = validate(make(week_1=("duration: 60", "duration: 70")))
    assert isinstance(report, Report)
    assert (report.ok, report.errors, report.warnings) == (False, 1, 1)


def test_findings_come_sorted_by_path_and_line(make):
    report = validate(make(week_1=[("duration: 60", "duration: 70"), ("lead: peer", "lead: cook")],
                           handout=("summary:", "sumary:")))
    keys = [(f.path, f.line or 0, f.column or 0) for f in report.findings]
    assert keys == sorted(keys)


@pytest.mark.parametrize("overrides, expected", [
    ("{CUR404: ignore}", []),
    ("{activity-too-long: error}", [Severity.ERROR]),
    ("{CUR404: info}", [Severity.INFO]),
])
def test_programme_overrides_rule_severity(make, overrides, expected):
    report = validate(make(programme=(SEVERITY[0], SEVERITY[1].format(overrides=overrides))))
    assert [f.severity for f in report.findings if f.code == "CUR404"] == expected


def test_unknown_severity_level_is_a_schema_error(make, where):
    root = make(programme=(SEVERITY[0], SEVERITY[1].format(overrides="{CUR404: loud}")))
    assert where(root, "CUR110") == [("programme.yml", 26, 14)]


def test_no_programme_is_not_a_curriculum(tmp_path):
    with pytest.raises(NotACurriculum):
        validate(tmp_path)


def test_broken_programme_still_checks_the_files(make, where):
    root = make(programme=("title: Cooking on a Budget", "title: Cooking: on a budget"),
                week_1=("duration: 60", "duration: 70"))
    assert where(root, "CUR104") == [("programme.yml", 2, 15)]
    assert where(root, "CUR401") == [("sessions/week-1.md", 7, 1)]


def test_a_plan_that_cannot_be_read_reports_only_its_own_errors(make):
    report = validate(make(week_1=("duration: 60", "duration: sixty")))
    errors = [(f.code, f.path, f.line) for f in report.findings if f.severity is Severity.ERROR]
    assert errors == [("CUR110", "sessions/week-1.md", 7)]
    # no "contact has no plan: create sessions/week-1.md", no coverage or unused-handout echoes
    assert not {"CUR202", "CUR301", "CUR305", "CUR503"} & {f.code for f in report.findings}


def test_a_handout_that_cannot_be_read_is_not_also_unknown_or_a_broken_link(make):
    report = validate(make(handout=("title: Your shopping list", "title: no")))
    assert [(f.code, f.path) for f in report.findings if f.severity is Severity.ERROR] == [
        ("CUR108", "handouts/shopping-list.md")]


def test_unreadable_lists_files_on_disk_missing_from_the_model(make):
    from curriculum.check.validate import unreadable
    from curriculum.source.load import load

    cur, _ = load(make(week_1=("duration: 60", "duration: sixty"), notes=("contact: week-1", "contact: Week 1")))
    assert unreadable(cur) == {"sessions/week-1.md", "facilitator_notes/week-1.md"}
