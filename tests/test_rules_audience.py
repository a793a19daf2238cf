"""CUR501–504: what may reach parents, and which handouts are used (rules/audience.py)."""

from rule_cases import case, rule_case_tests

H = "handouts/shopping-list.md"
FOR_STAFF = ("audience: parents", "audience: facilitators")


def appended(text):
    """The handout with a blank line and `text` after its last line (line 17): `text` starts on line 19."""
    return lambda body: body + "\n" + text


def for_staff(edit):
    """The same edit, in a handout for facilitators."""
    return lambda body: edit(body).replace(*FOR_STAFF)


BLOCK = appended('!!! facilitator "If a parent is upset"\n    Talk to them privately after the session.\n')

CASES = [
    case("CUR501", {"handout": BLOCK}, [(H, 19, 1)], good={"handout": for_staff(BLOCK)}, name="facilitator-block"),
    case("CUR501", {"handout": appended('??? safeguarding "Concerns"\n    Call the duty team.\n')}, [(H, 19, 1)],
         name="collapsible-safeguarding-block"),
    case("CUR502", {"handout": appended("See [the notes](../facilitator_notes/week-1.md).\n")}, [(H, 19, 1)],
         good={"handout": appended("See [the next handout](shopping-list.md#before-you-go).\n")},
         name="link-to-notes"),
    case("CUR502", {"handout": appended("See [the plan](../sessions/week-1.md).\n")}, [(H, 19, 1)],
         name="link-to-plan"),
    case("CUR503", {"week_1": ("handouts: [shopping-list]", "handouts: []")}, [(H, 2, 1)], name="unused"),
    case("CUR504", {"handout": appended("Follow child protection procedures.\n")}, [(H, 19, 8)],
         good={"handout": for_staff(appended("Follow child protection procedures.\n"))}, name="procedure-words"),
]


test_rule_reports_the_defect, test_rule_accepts_the_near_miss = rule_case_tests(CASES)


def test_facilitator_block_types_come_from_programme(make, where):
    rules = ("  review_months: 12", "  review_months: 12\n  facilitator_blocks: [staff-only]")
    custom = appended('!!! staff-only "Not for parents"\n    Private.\n')
    assert where(make(programme=rules, handout=custom), "CUR501") == [(H, 19, 1)]
    assert where(make(programme=rules, handout=BLOCK), "CUR501") == []


def test_plans_may_hold_facilitator_blocks(minimal, where):
    assert "!!! facilitator" in (minimal / "sessions/week-1.md").read_text()
    assert where(minimal, "CUR501") == []
