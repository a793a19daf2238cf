"""Safe YAML with source positions (curriculum/yamlsafe.py)."""

import datetime as dt
import time

import pytest

from curriculum.source import yamlsafe

ALIAS_BOMB = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
        "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]",
        "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]",
    ]
)


def problems(text, first_line=1):
    return [(p.kind, p.line, p.column) for p in yamlsafe.load(text, first_line).problems]


def test_values_and_the_position_of_every_key_and_item():
    doc = yamlsafe.load("id: a\nthemes: [x, y]\nactivities:\n  - id: b\n    minutes: 5\n", first_line=2)
    assert doc.data == {"id": "a", "themes": ["x", "y"], "activities": [{"id": "b", "minutes": 5}]}
    assert doc.spans == {
        ("id",): (2, 1),
        ("themes",): (3, 1), ("themes", 0): (3, 10), ("themes", 1): (3, 13),
        ("activities",): (4, 1), ("activities", 0): (5, 5),
        ("activities", 0, "id"): (5, 5), ("activities", 0, "minutes"): (6, 5),
    }
    assert doc.problems == []


def test_empty_text_is_no_data_and_no_problem():
    doc = yamlsafe.load("")
    assert (doc.data, doc.problems) == (None, [])


@pytest.mark.parametrize("text, raw, value", [
    ("title: no", "no", False),
    ("title: On", "On", True),
    ("title: 1.10", "1.10", 1.1),
    ("title: 0777", "0777", 511),
    ("title: 1:2:3", "1:2:3", 3723),
    ("title: 2024-01-01", "2024-01-01", dt.date(2024, 1, 1)),
    ("title: 12", "12", 12),
])
def test_yaml_11_typing_is_recorded_with_the_source_text(text, raw, value):
    doc = yamlsafe.load(text)
    assert doc.data == {"title": value}
    assert doc.coerced == {("title",): raw}


@pytest.mark.parametrize("text", ['title: "no"', "title: 'no'", "title: !!str no", "title: ~", "title: plain words",
                                  "title: |\n  no\n"])
def test_quoted_and_text_values_are_not_coerced(text):
    assert yamlsafe.load(text).coerced == {}


def test_duplicate_key_names_the_first_line():
    doc = yamlsafe.load("a: 1\nb:\n  c: 1\n  c: 2\n", first_line=5)
    [problem] = doc.problems
    assert (problem.kind, problem.line, problem.column) == ("duplicate-key", 8, 3)
    assert problem.message == "key 'c' appears twice (first on line 7)"
    assert doc.data == {"a": 1, "b": {"c": 1}}  # the first is kept, never silently the last


@pytest.mark.parametrize("text, where", [
    ("a: &x 1\nb: 2\n", (1, 4)),
    ("a: 1\nb: *x\n", (2, 4)),  # an undefined alias is refused as an alias, before composing
    ("base: &b {x: 1}\nother:\n  <<: *b\n", (1, 7)),
])
def test_anchors_and_aliases_are_refused(text, where):
    assert problems(text) == [("alias", *where)]
    assert yamlsafe.load(text).data is None


def test_alias_bomb_is_refused_fast():
    started = time.perf_counter()
    doc = yamlsafe.load(ALIAS_BOMB, first_line=2)
    assert time.perf_counter() - started < 0.5
    assert [(p.kind, p.line, p.column) for p in doc.problems] == [("alias", 2, 4)]
    assert doc.data is None


@pytest.mark.parametrize("text, where", [
    ("a:\n\tb: 1\n", (2, 1)),
    ("a:\n  \tb: 1\n", (2, 3)),
    ("a: 1\n\t\n", (2, 1)),  # libyaml refuses a tab-only line too
])
def test_tabs_in_indentation_are_refused(text, where):
    assert problems(text) == [("tab", *where)]


def test_a_tab_inside_a_value_is_fine():
    doc = yamlsafe.load("title: a\tb\n")
    assert (doc.data, doc.problems) == ({"title": "a\tb"}, [])


@pytest.mark.parametrize("text, where, words", [
    ("title: Birth: what\n", (1, 13), "line 1 has a second `: ` inside a value"),
    ("a: [1, 2\n", (1, 4), "the list opened with `[` on line 1 is not closed with `]`"),  # where the bracket opened
    ("a: {b: 1\n", (1, 4), "the mapping opened with `{` on line 1 is not closed with `}`"),
    ('x: 1\na: "unclosed\n', (2, 4), "the quote opened on line 2 is never closed"),  # where the quote opened
    ("a: 1\n b: 2\n", (2, 3), "line 2 has a second `: ` inside a value"),
    ("a: 1\njust words\nb: 2\n", (2, 1), "line 2 has no `: ` after its key"),  # the line without a colon
    ("a:\n  - x\n - y\n", (3, 2), "the list item on line 3 is indented differently from the one above"),
    ("a:\n  - x\n  b: 1\n", (3, 3), "line 3 is indented differently from the line above"),
    ("a:\n  b: 1\n  - x\n", (3, 3), "the list item on line 3 is indented differently from the one above"),
    ("a: 1\n---\nb: 2\n", (2, 1), "single document"),
])
def test_syntax_errors_point_at_the_line(text, where, words):
    [problem] = yamlsafe.load(text).problems
    assert (problem.kind, problem.line, problem.column) == ("syntax", *where)
    assert words in problem.message


def test_syntax_error_lines_are_file_lines():
    assert problems("id: a\ntitle: Birth: what\n", first_line=2) == [("syntax", 3, 13)]


def test_colon_hint_shows_quoting():
    [problem] = yamlsafe.load("title: Birth: what\n").problems
    assert problem.hint == 'a value holding ": " must be quoted, e.g. title: "Birth: what to expect"'


@pytest.mark.parametrize("text, where", [
    ("reviewed: 2024-02-30\n", (1, 11)),  # ValueError from the date constructor
    ("duration: " + "9" * 5000 + "\n", (1, 11)),  # ValueError: too many digits
])
def test_values_python_cannot_build_are_problems_not_exceptions(text, where):
    assert problems(text) == [("syntax", *where)]


def test_deep_flow_nesting_is_a_problem_not_a_recursion_error():
    assert problems("x: " + "[" * 5000 + "]" * 5000 + "\n")[0][0] == "syntax"


def test_nesting_deeper_than_the_limit_is_refused():
    depth = yamlsafe.MAX_DEPTH + 5
    assert [kind for kind, *_ in problems("x: " + "[" * depth + "]" * depth)] == ["depth"]
    assert problems("x: " + "[" * 10 + "]" * 10) == []


@pytest.mark.parametrize("text, tag", [
    ("duration: !!python/object/apply:os.system ['echo hacked']\n", "!!python/object/apply:os.system"),
    ("title: !!python/name:os.system\n", "!!python/name:os.system"),
    ("title: !ENV HOME\n", "!ENV"),
    ("themes: !!set {a, b}\n", "!!set"),
    ("data: !!binary aGVsbG8=\n", "!!binary"),
])
def test_tags_beyond_plain_yaml_are_refused(text, tag):
    [problem] = yamlsafe.load(text).problems
    assert (problem.kind, problem.line) == ("syntax", 1)
    assert problem.message == f"YAML tag '{tag}' is not allowed"


def test_python_tags_never_run(tmp_path):
    marker = tmp_path / "ran"
    yamlsafe.load(f"a: !!python/object/apply:os.system ['touch {marker}']\n")
    assert not marker.exists()


def test_complex_keys_are_refused():
    assert problems("? [a, b]\n: c\n") == [("syntax", 1, 3)]


def test_a_document_that_is_a_list_keeps_item_positions():
    doc = yamlsafe.load("- 1\n- 2\n")
    assert (doc.data, doc.spans) == ([1, 2], {(0,): (1, 3), (1,): (2, 3)})


def test_unicode_line_separators_do_not_shift_lines():
    # YAML breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR; files do not.
    doc = yamlsafe.load('a: "x\u2028y"\nb: "\x85"\nc: 3\n', first_line=2)
    assert doc.spans == {("a",): (2, 1), ("b",): (3, 1), ("c",): (4, 1)}
    assert problems("a: 1\nd: \u00e9\u2029x\ne: 3\n", first_line=2) == [("syntax", 3, 6)]
