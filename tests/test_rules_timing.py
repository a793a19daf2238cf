"""CUR401–404, CUR409: timing of contacts and activities, and breaks (rules/timing.py)."""

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
    # week-2 runs 60 + 30 minutes with no break: over 60 at its second activity; exactly 90 is not over 90.
    case("CUR409", {"programme": ("  review_months: 12", "  review_months: 12\n  break_after_minutes: 60")},
         [(W2, 25, 5)],
         good={"programme": ("  review_months: 12", "  review_months: 12\n  break_after_minutes: 90")},
         name="no-break"),
    # A break between the two activities: each stretch is then within the limit.
    case("CUR409", {"programme": ("  review_months: 12", "  review_months: 12\n  break_after_minutes: 60"),
                    "week_2": ("duration: 90", "duration: 85")},
         [(W2, 25, 5)],
         good={"programme": ("  review_months: 12", "  review_months: 12\n  break_after_minutes: 60"),
               "week_2": [("duration: 90", "duration: 100"),
                          ("  - id: share-meal", "  - {id: tea-break, title: Tea break, minutes: 10, break: true}\n"
                                                 "  - id: share-meal")]},
         name="break-between"),
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


BREAK = "  - {id: tea-break, title: Tea break, minutes: 10, break: true}\n  - id: share-meal"


def test_a_break_needs_no_lead_themes_or_section(make):
    """A break in the middle of a group: every rule still passes, and the
    duration counts its minutes."""
    from curriculum.check.validate import validate

    before = {(f.code, f.message) for f in validate(make()).findings}
    after = {(f.code, f.message) for f in validate(make(week_2=[("duration: 90", "duration: 100"),
                                                                 ("  - id: share-meal", BREAK)])).findings}
    assert after == before


def test_a_break_counts_towards_the_duration(make, where):
    root = make(week_2=("  - id: share-meal", BREAK))
    assert where(root, "CUR401") == [(W2, 7, 1)]


def test_no_break_names_the_stretch_and_where_to_break(make, findings):
    root = make(programme=("  review_months: 12", "  review_months: 12\n  break_after_minutes: 60"))
    [found] = findings(root, "CUR409")
    assert found.message == "activities 'cook-curry' to 'share-meal' run 90 minutes without a break (over 60)"
    assert found.hint.startswith("add an activity with `break: true` (it needs no lead) before 'share-meal'")


def test_home_visits_need_no_break(make, where):
    root = make(programme=[("  review_months: 12", "  review_months: 12\n  break_after_minutes: 30"),
                           ("{id: week-2, kind: group", "{id: week-2, kind: home-visit")],
                week_2=("kind: group", "kind: home-visit"))
    assert where(root, "CUR409") == [(W1, 23, 5)]
