"""CUR301–305: coverage of themes, threads and key messages (rules/coverage.py)."""

from rule_cases import case, rule_case_tests

P, W1, W2 = "programme.yml", "sessions/week-1.md", "sessions/week-2.md"

TWO_PHASES = [('  - {id: learning, title: "Learning"}',
               '  - {id: learning, title: "Learning"}\n  - {id: later, title: "Later"}')]


CASES = [
    case("CUR301", {"programme": ("min_contacts: 2", "min_contacts: 3")}, [(P, 12, 6)], name="too-few"),
    case("CUR302", {"programme": TWO_PHASES + [("phases: [learning]}", "phases: [learning, later]}")]},
         [(P, 12, 6)], good={"programme": TWO_PHASES}, name="missing-phase"),
    case("CUR303", {"week_2": [("threads: [confidence]", "threads: []")] * 2}, [(W2, 16, 1)],
         good={"week_2": [("threads: [confidence]", "threads: []")] * 2,
               "programme": ("threads_in_every_group: true", "threads_in_every_group: false")},
         name="thread-missing"),
    case("CUR304", {"week_1": ("    messages: [food-safety]\n", ""), "week_2": ("    messages: [food-safety]\n", "")},
         [(P, 16, 6)], name="message-missing"),
    case("CUR305", {"week_1": [("themes: [shopping]", "themes: [cooking]"),
                               ("themes: [shopping, cooking]", "themes: [cooking]")]},
         [(P, 11, 6)],
         good={"week_1": [("themes: [shopping]", "themes: [cooking]"),
                          ("themes: [shopping, cooking]", "themes: [cooking]")],
               "programme": ("min_contacts: 1, phases: [learning]", "min_contacts: 0")},
         name="theme-never-covered"),
    case("CUR305", {"week_1": [("themes: [shopping]", "themes: [cooking]"),
                               ("themes: [shopping, cooking]", "themes: [cooking]")],
                    "programme": ("min_contacts: 1, phases: [learning]", "min_contacts: 0, phases: [learning]")},
         [(P, 11, 6)],
         good={"week_1": [("themes: [shopping]", "themes: [cooking]"),
                          ("themes: [shopping, cooking]", "themes: [cooking]")],
               "programme": ("min_contacts: 1, phases: [learning]", "min_contacts: 0")},
         name="min-0-theme-with-phases-never-covered"),
    case("CUR302", {"programme": TWO_PHASES + [("min_contacts: 1, phases: [learning]",
                                                "min_contacts: 0, phases: [learning, later]")]},
         [(P, 12, 6)],
         good={"programme": TWO_PHASES + [("min_contacts: 1, phases: [learning]", "min_contacts: 0, phases: [learning]")]},
         name="min-0-theme-missing-phase"),
    case("CUR305", {"programme": ('ready-to-eat food", phases: [learning]}', 'ready-to-eat food"}'),
                    "week_1": ("    messages: [food-safety]\n", ""), "week_2": ("    messages: [food-safety]\n", "")},
         [(P, 16, 6)], good={"programme": ('ready-to-eat food", phases: [learning]}', 'ready-to-eat food"}')},
         name="message-without-phases-never-given"),
    case("CUR305", {"week_1": [("threads: [confidence]", "threads: []")] * 2,
                    "week_2": [("threads: [confidence]", "threads: []")] * 2},
         [(P, 14, 6)], name="thread-never-covered"),
]


test_rule_reports_the_defect, test_rule_accepts_the_near_miss = rule_case_tests(CASES)


def test_too_few_contacts_names_counts_and_candidates(make, findings):
    [found] = findings(make(programme=("min_contacts: 2", "min_contacts: 3")), "CUR301")
    assert found.message == "theme 'cooking' is covered by 2 contacts; 3 required"
    assert found.hint == "contacts that could carry it: week-1, week-2"


def test_never_covered_is_not_also_too_few(make, where):
    root = make(week_1=[("themes: [shopping]", "themes: [cooking]"), ("themes: [shopping, cooking]", "themes: [cooking]")])
    assert where(root, "CUR305") == [(P, 11, 6)]
    assert where(root, "CUR301") == []
    assert where(root, "CUR302") == []


def test_min_0_theme_with_phases_is_never_covered_once(make, findings, where):
    root = make(programme=("min_contacts: 1, phases: [learning]", "min_contacts: 0, phases: [learning]"),
                week_1=[("themes: [shopping]", "themes: [cooking]"), ("themes: [shopping, cooking]", "themes: [cooking]")])
    [found] = findings(root, "CUR305")
    assert found.message == "no activity covers theme 'shopping'"
    assert where(root, "CUR301") == where(root, "CUR302") == []


def test_never_given_message_names_it(make, findings):
    root = make(programme=('ready-to-eat food", phases: [learning]}', 'ready-to-eat food"}'),
                week_1=("    messages: [food-safety]\n", ""), week_2=("    messages: [food-safety]\n", ""))
    [found] = findings(root, "CUR305")
    assert found.message == "no activity gives key message 'food-safety'"


def test_thread_missing_names_group_and_thread(make, findings):
    [found] = findings(make(week_2=[("threads: [confidence]", "threads: []")] * 2), "CUR303")
    assert found.message == "no activity of group 'week-2' touches thread 'confidence'"


def test_home_visits_need_not_touch_every_thread(make, where):
    root = make(week_2=[("threads: [confidence]", "threads: []")] * 2 + [("kind: group", "kind: home-visit")],
                programme=('{id: week-2, kind: group', '{id: week-2, kind: home-visit'))
    assert where(root, "CUR303") == []


def test_a_phase_typo_is_reported_once_not_as_uncovered_coverage(make, where):
    root = make(programme=("phases: [learning]}\n  - {id: cooking", "phases: [learnin]}\n  - {id: cooking"))
    assert where(root, "CUR201") == [("programme.yml", 11, 72)]
    assert where(root, "CUR302") == []
