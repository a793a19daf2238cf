"""CUR1xx: reading files, front matter, YAML and the schema (rules/parsing.py,
reported by load.py). Loader details are in test_load.py."""

from rule_cases import case, rule_case_tests

W1 = "sessions/week-1.md"


CASES = [
    case("CUR101", {"week_1": lambda text: text.encode().replace(b"Everyone says", b"Everyone \xa3 says")},
         [(W1, 35, 10)], good={"week_1": lambda text: text.replace("Everyone says", "Everyone £ says")},
         name="latin-1"),
    case("CUR102", {"week_1": lambda text: "\n" + text}, [(W1, 2, 1)], name="blank-line-first"),
    case("CUR102", {"week_1": "## Welcome {#welcome}\n\nNo front matter.\n"}, [(W1, 1, 1)], name="none"),
    case("CUR103", {"week_1": ("---\n\n## Welcome", "\n## Welcome")}, [(W1, 1, 1)], name="unclosed"),
    case("CUR103", {"week_1": ("---\n\n## Welcome", "...\n\n## Welcome")}, [(W1, 31, 1)], name="dots"),
    case("CUR104", {"week_1": ("title: Planning and shopping", "title: Planning: shopping")}, [(W1, 3, 16)],
         good={"week_1": ("title: Planning and shopping", 'title: "Planning: shopping"')}, name="colon"),
    case("CUR105", {"week_1": ("duration: 60", "duration: 60\nduration: 60")}, [(W1, 8, 1)], name="duplicate"),
    case("CUR106", {"week_1": ("handouts: [shopping-list]", "handouts: &h [shopping-list]")}, [(W1, 14, 11)],
         name="anchor"),
    case("CUR107", {"week_1": ("    minutes: 20", "\tminutes: 20")}, [(W1, 18, 1)], name="tab"),
    case("CUR108", {"week_1": ("title: Planning and shopping", "title: no")}, [(W1, 3, 1)],
         good={"week_1": ("title: Planning and shopping", 'title: "no"')}, name="no"),
    case("CUR109", {"week_1": ("duration: 60\n", "")}, [(W1, 1, 1)], name="duration"),
    case("CUR110", {"week_1": ("    minutes: 20", "    minutes: twenty")}, [(W1, 18, 5)], name="minutes"),
    case("CUR111", {"week_1": ("    minutes: 20", "    minuts: 20")}, [(W1, 18, 5)], name="typo"),
    case("CUR112", {"week_1": ("id: week-1", "id: Week 1")}, [(W1, 2, 1)], name="capitals"),
    case("CUR113", {"week_1": "---\n- a list\n---\n\nBody.\n"}, [(W1, 1, 1)], name="list"),
    case("CUR114", {"week_1": ("id: week-1", "id: week-3")}, [(W1, 2, 1)], name="mismatch"),
    case("CUR115", {"week_1": ("---\n\n## Welcome", "---\n---\ntitle: Again\n---\n\n## Welcome")}, [(W1, 32, 1)],
         good={"week_1": ("---\n\n## Welcome", "---\n\n---\n\nA rule, then text: fine.\n\n## Welcome")},
         name="second-block"),
    case("CUR116", {"sessions/drafts/week-3.md": "---\nid: week-3\n---\n", "handouts/old/list.md": "Old.\n"},
         [("handouts/old/list.md", None, None), ("sessions/drafts/week-3.md", None, None)],
         good={"sessions/drafts/notes.txt": "Not Markdown.\n", "sessions/.drafts/week-3.md": "Hidden.\n"},
         name="in-a-subfolder"),
]


test_rule_reports_the_defect, test_rule_accepts_the_near_miss = rule_case_tests(CASES)


def test_a_file_in_a_subfolder_says_where_to_move_it(make, findings):
    [found] = findings(make(**{"sessions/drafts/week-3.md": "---\nid: week-3\n---\n"}), "CUR116")
    assert found.message == "this file is not read: only files directly in sessions/ are"
    assert found.hint == "move it to sessions/week-3.md if it belongs in the curriculum, or out of sessions/ if not"
