"""CUR401–404: timing of contacts and activities (rules/timing.py)."""

from rule_cases import case, rule_case_tests

W1, W2 = "sessions/week-1.md", "sessions/week-2.md"


CASES = [
    case("CUR401", {"week_1": ("duration: 60", "duration: 70")}, [(W1, 7, 1)], name="sum"),
    case("CUR402", {"programme": ("max: 120}", "max: 80}")}, [(W2, 7, 1)],
         good={"programme": ("max: 120}", "max: 90}")}, name="over-max"),
    case("CUR402", {"programme": ("{min: 60, max: 120}", "{min: 61, max: 120}")}, [(W1, 7, 1)],
         name="under-min"),
    case("CUR403", {"week_1": [("    minutes: 20", "    minutes: 0"), ("duration: 60", "duration: 40")]},
         [(W1, 18, 5)], good={"week_1": [("    minutes: 20", "    minutes: 1"), ("duration: 60", "duration: 41")]},
         name="zero"),
    case("CUR403", {"week_1": [("    minutes: 20", "    minutes: -5"), ("duration: 60", "duration: 35")]},
         [(W1, 18, 5)], name="negative"),
    # The minimal curriculum itself has a 60-minute activity.
    case("CUR404", {}, [(W2, 19, 5)],
         good={"programme": ("  review_months: 12", "  review_months: 12\n  activity_max_minutes: 60")},
         name="long-activity"),
]


test_rule_reports_the_defect, test_rule_accepts_the_near_miss = rule_case_tests(CASES)


def test_duration_mismatch_shows_the_sum(make, findings):
    [found] = findings(make(week_1=("duration: 60", "duration: 70")), "CUR401")
    assert found.message == "duration is 70 but the activities add up to 60 (20 + 40)"
    assert found.hint == "set duration: 60, or change the activity minutes"


def test_long_activity_is_a_warning(minimal, findings):
    [found] = findings(minimal, "CUR404")
    assert found.severity.value == "warning"
    assert found.message == "activity 'cook-curry' runs 60 minutes (over 45)"
