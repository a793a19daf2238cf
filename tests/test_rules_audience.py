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


def summary(text):
    """The handout with `summary:` (line 6) replaced by `text`."""
    return lambda body: body.replace("summary: A list to take to the shop.", "summary: " + text)


STAFF_SUMMARY = summary("Safeguarding procedures for staff.")
BLOCK_SUMMARY = summary('"!!! facilitator Not for parents"')

CASES = [
    case("CUR501", {"handout": BLOCK}, [(H, 19, 1)], good={"handout": for_staff(BLOCK)}, name="facilitator-block"),
    case("CUR501", {"handout": appended('??? safeguarding "Concerns"\n    Call the duty team.\n')}, [(H, 19, 1)],
         name="collapsible-safeguarding-block"),
    case("CUR502", {"handout": appended("See [the notes](../facilitator_notes/week-1.md).\n")}, [(H, 19, 5)],
         good={"handout": appended("See [the next handout](shopping-list.md#before-you-go).\n")},
         name="link-to-notes"),
    case("CUR502", {"handout": appended("See [the plan](../sessions/week-1.md).\n")}, [(H, 19, 5)],
         name="link-to-plan"),
    case("CUR501", {"handout": BLOCK_SUMMARY}, [(H, 6, 1)], good={"handout": for_staff(BLOCK_SUMMARY)},
         name="block-in-summary"),
    case("CUR502", {"handout": appended("See [the plan page](../sessions/week-1.html).\n")}, [(H, 19, 5)],
         good={"handout": appended("See [the facilitator guide](https://example.org/facilitator-guide/sessions/).\n")},
         name="site-page-not-external-url"),
    case("CUR502", {"handout": appended("See [the guide](/facilitator_notes/welcome/).\n")}, [(H, 19, 5)],
         good={"handout": appended("Ask [your facilitator](mailto:facilitator@example.org).\n")},
         name="site-root-link-to-notes"),
    case("CUR503", {"week_1": ("handouts: [shopping-list]", "handouts: []")}, [(H, 2, 1)], name="unused"),
    case("CUR505", {"handout": appended('!!! facilitater "If a parent is upset"\n    Talk to them privately.\n')},
         [(H, 19, 5)], good={"handout": appended('!!! tip "Before you go"\n    Check the cupboard first.\n')},
         name="misspelt-facilitator-block"),
    case("CUR505", {"handout": appended('??? faciliator "Notes"\n    Not for parents.\n')}, [(H, 19, 5)],
         good={"handout": appended('```\n!!! notatype "shown as code"\n```\n')}, name="collapsible-and-code"),
    case("CUR505", {"week_1": lambda body: body + "\n!!! safegaurding\n    Call the duty team.\n"},
         [("sessions/week-1.md", 44, 5)], name="in-a-plan"),
    case("CUR504", {"handout": appended("Follow child protection procedures.\n")}, [(H, 19, 8)],
         good={"handout": for_staff(appended("Follow child protection procedures.\n"))}, name="procedure-words"),
    case("CUR504", {"handout": appended("Refer to the MASH the same day.\n")}, [(H, 19, 14)],
         good={"handout": appended("Mash some ripe banana with a fork.\n")}, name="mash-is-a-hub-not-a-verb"),
    case("CUR504", {"handout": STAFF_SUMMARY}, [(H, 6, 1)],
         good={"handout": summary("Where you can get help if you feel unsafe at home.")}, name="summary"),
    case("CUR504", {"handout": ("title: Your shopping list", "title: Child protection and your shopping")},
         [(H, 3, 1)], good={"handout": for_staff(lambda body: body.replace(
             "title: Your shopping list", "title: Child protection and your shopping"))}, name="title"),
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


def test_printed_front_matter_findings_name_the_key(make, findings):
    [found] = findings(make(handout=STAFF_SUMMARY), "CUR504")
    assert found.message == "safeguarding procedure ('Safeguarding') in the `summary` of a parents handout"
    assert found.severity.value == "error"
    [found] = findings(make(handout=BLOCK_SUMMARY), "CUR501")
    assert found.message == "facilitator-only block '!!! facilitator' in the `summary` of a parents handout"


def test_links_with_facilitator_in_their_words_are_not_facilitator_links(make, where):
    links = ("See [tips](https://www.nhs.uk/facilitator/sessions/tips).\n"
             "See [a handout](shopping-list.md#facilitator-notes).\n"
             "See [tips](//example.org/facilitator_notes/tips).\n")
    assert where(make(handout=appended(links)), "CUR502") == []
