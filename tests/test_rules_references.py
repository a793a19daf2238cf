"""CUR2xx: references between files, and body structure (rules/references.py)."""

from rule_cases import case, rule_case_tests

P, W1, W2 = "programme.yml", "sessions/week-1.md", "sessions/week-2.md"
H, N = "handouts/shopping-list.md", "facilitator_notes/week-1.md"

SECOND_HANDOUT = """---
id: shopping-list
title: Another list
audience: parents
---

Take it with you.
"""


CASES = [
    case("CUR201", {"week_1": ("lead: peer", "lead: peers")}, [(W1, 19, 5)], name="role"),
    case("CUR201", {"week_1": ("handouts: [shopping-list]", "handouts: [shopping-lists]")}, [(W1, 14, 12)],
         name="handout"),
    case("CUR201", {"handout": ("themes: [shopping]", "themes: [shoping]")}, [(H, 5, 10)], name="handout-theme"),
    case("CUR201", {"week_2": ("threads: [confidence]", "threads: [confidenc]")}, [(W2, 23, 15)], name="thread"),
    case("CUR201", {"week_2": ("messages: [food-safety]", "messages: [food-safty]")}, [(W2, 24, 16)],
         name="message"),
    case("CUR201", {"programme": ("phase: learning, timing: \"Week 2\"", "phase: learnin, timing: \"Week 2\"")},
         [(P, 19, 31)], name="contact-phase"),
    case("CUR201", {"notes": ("contact: week-1", "contact: week-9")}, [(N, 2, 1)], name="notes-contact"),
    case("CUR202", {"week_2": None}, [(P, 19, 5)], name="contact-without-plan"),
    case("CUR203", {"programme": ('  - {id: week-2, kind: group, phase: learning, timing: "Week 2"}\n', "")},
         [(W2, 2, 1)], name="plan-without-contact"),
    case("CUR204", {"week_1": ("kind: group", "kind: home-visit")}, [(W1, 4, 1)], name="kind"),
    case("CUR204", {"week_1": ("kind: group", "kind: home-visit"),
                    "programme": ('  - {id: week-1, kind: group, phase: learning, timing: "Week 1"}\n',
                                  '  - {id: week-1, kind: group, phase: learning, timing: "Week 1"}\n' * 2)},
         [(W1, 4, 1)], name="contact-listed-twice-reported-once"),
    case("CUR205", {"handouts/shopping-more.md": SECOND_HANDOUT}, [("handouts/shopping-more.md", 2, 1)],
         name="duplicate-handout-id"),
    case("CUR206", {"week_1": ("## Welcome {#welcome}", "## Getting started {#start}")}, [(W1, 16, 5)],
         good={"week_1": ("## Welcome {#welcome}", "## Welcome")}, name="no-section"),
    case("CUR206", {"week_1": ("## Welcome {#welcome}", "### Welcome {#welcome}")}, [(W1, 33, 1)],
         name="section-not-level-2"),
    case("CUR206", {"week_1": ("## Welcome {#welcome}", "## Welcome {#welcom}")}, [(W1, 33, 1)],
         name="near-id"),
    case("CUR206", {"week_1": ("## Welcome {#welcome}", "## Welcome {#hello}")}, [(W1, 33, 1)],
         name="same-title"),
    case("CUR207", {"week_1": ('timing: "Week 1"', 'timing: "Week one"')}, [(W1, 6, 1)],
         good={"week_1": ('timing: "Week 1"\n', "")}, name="timing"),
    case("CUR208", {"facilitator_notes/week-one-again.md": "---\ncontact: week-1\n---\n\nMore notes.\n"},
         [("facilitator_notes/week-one-again.md", 2, 1)], name="two-notes"),
    case("CUR209", {"week_1": ("  - id: plan-meals", "  - id: welcome")}, [(W1, 23, 5)], name="activity"),
    case("CUR209", {"programme": ('  - {id: peer, title: "Peer supporter"}',
                                  '  - {id: peer, title: "Peer supporter"}\n  - {id: cook, title: "Second cook"}')},
         [(P, 8, 6)], name="role"),
    case("CUR210", {"programme": lambda t: t + "  severity:\n    CUR999: ignore\n    plain-wrod: info\n"},
         [(P, 27, 5), (P, 28, 5)],
         good={"programme": lambda t: t + "  severity:\n    CUR404: ignore\n    plain-word: info\n"},
         name="unknown-severity-key"),
    case("CUR211", {"handout": ("\nWrite what", "\n# Your shopping list\n\nWrite what")}, [(H, 11, 1)],
         good={"handout": ("\nWrite what", "\n## Your shopping list\n\nWrite what")}, name="h1"),
    case("CUR212", {"facilitator_notes/week-2.md": "---\ntitle: Notes for week 2\n---\n\nBring pans.\n"},
         [("facilitator_notes/week-2.md", 1, 1)],
         good={"facilitator_notes/week-two.md": "---\ntitle: Notes for week 2\n---\n\nBring pans.\n"},
         name="named-after-contact"),
    case("CUR213", {"programme": lambda t: t + "  notes_for_every_contact: true\n"}, [(P, 19, 5)],
         good={"programme": lambda t: t + "  notes_for_every_contact: true\n",
               "facilitator_notes/week-2.md": "---\ncontact: week-2\n---\n\nBring pans.\n"},
         name="contact-without-notes"),
]


test_rule_reports_the_defect, test_rule_accepts_the_near_miss = rule_case_tests(CASES)


def test_unknown_reference_suggests_the_closest_id(make, findings):
    [found] = findings(make(week_1=("lead: peer", "lead: peers")), "CUR201")
    assert found.message == "unknown role 'peers'"
    assert found.hint == "did you mean 'peer'?"


def test_unknown_reference_without_a_close_match_lists_what_exists(make, findings):
    [found] = findings(make(week_1=("lead: peer", "lead: chef")), "CUR201")
    assert found.hint == "known: cook, peer"


def test_missing_plan_hint_names_the_file_to_create(make, findings):
    [found] = findings(make(week_2=None), "CUR202")
    assert "sessions/week-2.md" in found.hint


def test_duplicate_id_names_the_first_file(make, findings):
    [found] = findings(make(**{"handouts/shopping-more.md": SECOND_HANDOUT}), "CUR205")
    assert found.message == "handout id 'shopping-list' is also used by handouts/shopping-list.md"


def test_duplicate_programme_id_is_reported_once_per_extra_use(make, where):
    three = '  - {id: peer, title: "Peer supporter"}\n  - {id: peer, title: "Peer two"}\n  - {id: peer, title: "Peer 3"}'
    root = make(programme=('  - {id: peer, title: "Peer supporter"}', three))
    assert where(root, "CUR209") == [(P, 8, 6), (P, 9, 6)]


def test_unknown_severity_key_suggests_the_closest_code_or_name(make, findings):
    root = make(programme=lambda t: t + "  severity:\n    CUR4O4: ignore\n    plain-wrod: info\n")
    first, second = findings(root, "CUR210")
    assert first.message == "`rules.severity` names 'CUR4O4', which is not a rule code or name"
    assert first.hint == "did you mean 'CUR404'?"
    assert second.hint == "did you mean 'plain-word'?"


def test_notes_named_after_a_contact_suggest_the_contact_key(make, findings):
    [found] = findings(make(**{"facilitator_notes/week-2.md": "---\ntitle: Notes\n---\n\nBring pans.\n"}), "CUR212")
    assert "contact: week-2" in found.hint


def test_missing_section_says_what_heading_it_found(make, findings):
    [found] = findings(make(week_1=("## Welcome {#welcome}", "## Welcome {#welcom}")), "CUR206")
    assert found.message == ("activity 'welcome' (line 16) has no `## ... {#welcome}` section; "
                             "this heading is `## Welcome {#welcom}`")
    assert found.hint == "make it `## Welcome {#welcome}`"
