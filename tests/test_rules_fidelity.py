"""CUR405–407: fidelity to the model (rules/fidelity.py)."""

from rule_cases import case, rule_case_tests

W1 = "sessions/week-1.md"


CASES = [
    case("CUR405", {"week_1": ("lead: peer", "lead: cook")}, [(W1, 15, 1)],
         good={"week_1": ("lead: peer", "lead: cook"),
               "programme": ("co_facilitation: true", "co_facilitation: false")},
         name="one-role-leads-all"),
    case("CUR406", {"week_1": ("core: true", "core: false")}, [(W1, 15, 1)], name="no-core"),
    case("CUR407", {"week_1": ("outcomes:\n  - Write a shopping list that fits a budget.\n", "outcomes: []\n")},
         [(W1, 10, 1)], name="empty-outcomes"),
    case("CUR407", {"week_1": ("aims:\n  - Plan three cheap meals for the week.\n", "")}, [(W1, 2, 1)],
         name="no-aims-key"),
]


test_rule_reports_the_defect, test_rule_accepts_the_near_miss = rule_case_tests(CASES)


def test_role_leads_nothing_names_the_role(make, findings):
    [found] = findings(make(week_1=("lead: peer", "lead: cook")), "CUR405")
    assert found.message == "the Peer supporter (peer) leads no activity of this group"
    assert found.hint == "set `lead: peer` on at least one activity"


def test_home_visit_needs_no_co_facilitation(make, where):
    root = make(week_1=[("lead: peer", "lead: cook"), ("kind: group", "kind: home-visit")],
                programme=("{id: week-1, kind: group", "{id: week-1, kind: home-visit"))
    assert where(root, "CUR405") == []


def test_plan_without_activities_has_no_core_activity(make, where):
    no_activities = lambda text: text[: text.index("activities:")] + "activities: []\n---\n\nNothing yet.\n"  # noqa: E731
    root = make(week_2=no_activities)
    assert where(root, "CUR406") == [("sessions/week-2.md", 2, 1)]
