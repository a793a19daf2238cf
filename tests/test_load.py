"""The loader (curriculum/load.py): every problem a finding with its line,
never an exception; a typed, immutable model of what could be read."""

import hashlib
from pathlib import Path

import pydantic
import pytest

from curriculum.findings import Span
from curriculum.source.load import NotACurriculum, load

P, W1, H = "programme.yml", "sessions/week-1.md", "handouts/shopping-list.md"
N, G = "facilitator_notes/week-1.md", "facilitator_notes/welcome.md"


def codes_at(root):
    """(code, path, line, column) of every loader finding."""
    _, found = load(root)
    return [(f.code, f.path, f.line, f.column) for f in found]


# --- line endings and byte order mark -------------------------------------------


def crlf(text):
    return text.replace("\n", "\r\n")


def bom(text):
    return "\ufeff" + text


@pytest.mark.parametrize("convert", [crlf, bom, lambda text: bom(crlf(text))], ids=["crlf", "bom", "both"])
def test_crlf_and_bom_are_accepted_and_normalised(make, convert):
    plain, _ = load(make())
    edits = {key: convert for key in ("programme", "week_1", "week_2", "handout", "notes", "guide")}
    converted, found = load(make(**edits))
    assert found == []
    assert converted.programme == plain.programme
    for ident, plan in plain.plans.items():
        assert converted.plans[ident].meta == plan.meta
        assert converted.plans[ident].doc.body == plan.doc.body
        assert dict(converted.plans[ident].doc.spans) == dict(plan.doc.spans)
        assert converted.plans[ident].doc.headings == plan.doc.headings
    assert "\r" not in converted.handouts["shopping-list"].doc.body
    assert "\ufeff" not in converted.handouts["shopping-list"].doc.body


def test_crlf_file_validates_with_the_same_findings(make, where):
    assert where(make(week_2=crlf), "CUR404") == where(make(), "CUR404") == [("sessions/week-2.md", 19, 5)]


# --- one defect each: the code and where it is ----------------------------------

LOADER_CASES = [
    # (edits, code, path, line, column)
    pytest.param({"handout": ("title: Your shopping list", "title: Your shopping list\ntitle: Again")},
                 "CUR105", H, 4, 1, id="duplicate-key"),
    pytest.param({"programme": ("  co_facilitation: true", "  co_facilitation: true\n  co_facilitation: false")},
                 "CUR105", P, 22, 3, id="duplicate-key-programme"),
    pytest.param({"handout": ("  - \"A public", "\t- \"A public")}, "CUR107", H, 8, 1, id="tab"),
    pytest.param({"handout": ("---\n\nWrite what", "\nWrite what")}, "CUR103", H, 1, 1, id="unclosed"),
    pytest.param({"handout": lambda text: "\n\n" + text}, "CUR102", H, 3, 1, id="front-matter-on-line-3"),
    pytest.param({"handout": ("---\n\nWrite what", "...\n\nWrite what")}, "CUR103", H, 9, 1, id="dots-terminator"),
    pytest.param({"notes": lambda text: text.encode().replace(b"leaflets", b"leaf\xfflets")}, "CUR101", N, 8, 11,
                 id="not-utf8"),
    pytest.param({"handout": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, "CUR101", H, 3, 1, id="binary"),
    pytest.param({"handout": ""}, "CUR102", H, 1, 1, id="empty-file"),
    pytest.param({"handout": "---\n---\n\nText.\n"}, "CUR113", H, 1, 1, id="empty-front-matter"),
    pytest.param({"handout": ("themes: [shopping]", "themes: &t [shopping]\nalso: *t")}, "CUR106", H, 5, 9,
                 id="anchor"),
    pytest.param({"handout": ("title: Your shopping list", "title: no")}, "CUR108", H, 3, 1, id="title-no"),
    pytest.param({"handout": ("title: Your shopping list", "title: 1.10")}, "CUR108", H, 3, 1, id="title-1.10"),
    pytest.param({"handout": ("summary: A list to take to the shop.", "summary: 2024-01-01")}, "CUR108", H, 6, 1,
                 id="summary-date"),
    pytest.param({"week_1": ("  - Supermarket leaflets", "  - yes")}, "CUR108", W1, 13, 5, id="list-item-yes"),
    pytest.param({"programme": ("title: Cooking on a Budget", "title: Off")}, "CUR108", P, 2, 1, id="programme-off"),
    pytest.param({"handout": ("title: Your shopping list", "title: 12")}, "CUR110", H, 3, 1, id="number-title"),
    pytest.param({"week_1": ("    minutes: 20", '    minutes: "20"')}, "CUR110", W1, 18, 5, id="string-minutes"),
    pytest.param({"week_1": ("    core: true", "    core: maybe")}, "CUR110", W1, 20, 5, id="bool"),
    pytest.param({"week_1": ("handouts: [shopping-list]", "handouts: shopping-list")}, "CUR110", W1, 14, 1,
                 id="string-for-list"),
    pytest.param({"handout": ("audience: parents", "audience: everyone")}, "CUR110", H, 4, 1, id="literal"),
    pytest.param({"guide": ("order: 1", "order: first")}, "CUR110", G, 3, 1, id="note-order"),
    pytest.param({"programme": ("  group_minutes: {min: 60, max: 120}", "  group_minutes: {min: 60, max: lots}")},
                 "CUR110", P, 23, 28, id="programme-nested"),
    pytest.param({"handout": ("audience: parents\n", "")}, "CUR109", H, 1, 1, id="missing-audience"),
    pytest.param({"week_1": ("    lead: peer\n", "")}, "CUR109", W1, 16, 5, id="missing-in-activity"),
    pytest.param({"programme": ('  - {id: cook, title: "Community cook"}', "  - {id: cook}")}, "CUR109", P, 6, 5,
                 id="missing-in-programme"),
    pytest.param({"handout": ("summary:", "sumary:")}, "CUR111", H, 6, 1, id="unknown-key"),
    pytest.param({"programme": ("  co_facilitation: true", "  co_facilitaton: true")}, "CUR111", P, 21, 3,
                 id="unknown-rules-key"),
    pytest.param({"handout": ("id: shopping-list", "id: Shopping_List")}, "CUR112", H, 2, 1, id="bad-id"),
    pytest.param({"handout": ("id: shopping-list", "id: ../x")}, "CUR112", H, 2, 1, id="dotdot-id"),
    pytest.param({"week_1": ("handouts: [shopping-list]", "handouts: [../../etc/passwd]")}, "CUR112", W1, 14, 12,
                 id="dotdot-handout"),
    pytest.param({"programme": ("{id: week-2, kind", "{id: week 2, kind")}, "CUR112", P, 19, 6, id="programme-id"),
    pytest.param({"handout": ("id: shopping-list", "id: shopping")}, "CUR114", H, 2, 1, id="file-name"),
    pytest.param({"sessions/evil.md": Path("/etc/hostname")}, "CUR705", "sessions/evil.md", None, None,
                 id="symlink-out"),
    pytest.param({"handout": lambda text: text + "\n" + "word " * 250_000}, "CUR701", H, None, None, id="over-1mb"),
]


@pytest.mark.parametrize("edits, code, path, line, column", LOADER_CASES)
def test_each_defect_gives_its_code_and_position(make, edits, code, path, line, column):
    assert (code, path, line, column) in codes_at(make(**edits))


def test_unknown_key_says_did_you_mean(make):
    _, found = load(make(week_1=("    minutes: 20", "    minuts: 20")))
    unknown = [f for f in found if f.code == "CUR111"]
    assert [(f.message, f.hint) for f in unknown] == [("unknown key 'minuts' in activity 1 (welcome)", "did you mean 'minutes'?")]


def test_unknown_key_without_a_close_match_lists_the_keys(make):
    _, found = load(make(guide=("order: 1", "order: 1\nzzz: 1")))
    [unknown] = [f for f in found if f.code == "CUR111"]
    assert unknown.hint == "known keys: contact, title, order"


@pytest.mark.parametrize("value, reading", [
    ("no", "false"), ("1.10", "the number 1.1"), ("2024-01-01", "the date 2024-01-01"), ("0777", "the number 511"),
])
def test_coercion_message_shows_the_source_and_the_fix(make, value, reading):
    _, found = load(make(handout=("title: Your shopping list", f"title: {value}")))
    [coerced] = found
    assert coerced.message == f"'title: {value}' was read by YAML as {reading}, not as text"
    assert coerced.hint == f'put it in quotes: title: "{value}"'


def test_a_quoted_no_is_a_title(make):
    cur, found = load(make(handout=("title: Your shopping list", 'title: "no"')))
    assert found == []
    assert cur.handouts["shopping-list"].meta.title == "no"


def test_an_unquoted_review_date_is_a_date_not_a_coercion(make):
    cur, found = load(make(handout=("summary:", "reviewed: 2025-01-31\nsummary:")))
    assert found == []
    assert cur.handouts["shopping-list"].meta.reviewed.isoformat() == "2025-01-31"


def test_every_schema_problem_in_a_file_is_reported(make):
    edits = [("title: Your shopping list", "title: 12"), ("audience: parents", "audience: all"),
             ("summary:", "sumary:")]
    assert [(c, line) for c, _, line, _ in codes_at(make(handout=edits))] == [
        ("CUR110", 3), ("CUR110", 4), ("CUR111", 6)]


def test_wrong_type_message_names_the_value(make):
    _, found = load(make(week_1=("    minutes: 20", "    minutes: twenty")))
    [wrong] = found
    assert wrong.message == "activity 1 (welcome), 'minutes' should be a whole number (got 'twenty')"
    assert wrong.hint == "write a whole number, e.g. minutes: 20"


def test_a_file_that_fails_to_load_is_left_out_of_the_model(make):
    cur, _ = load(make(handout=("title: Your shopping list", "title: no")))
    assert "shopping-list" not in cur.handouts
    assert cur.files == 6


def test_duplicate_plan_ids_keep_the_first(make):
    copy = (Path(__file__).parent / "fixtures/minimal/sessions/week-1.md").read_text()
    cur, found = load(make(**{"sessions/week-one.md": copy}))
    assert [(f.code, f.path, f.line) for f in found] == [
        ("CUR205", "sessions/week-one.md", 2), ("CUR114", "sessions/week-one.md", 2)]
    assert cur.plans["week-1"].doc.path == W1


def test_symlink_inside_the_repository_is_read(make):
    cur, found = load(make(**{"facilitator_notes/alias.md": Path("welcome.md")}))
    assert found == []
    assert [note.doc.path for note in cur.chapters] == ["facilitator_notes/alias.md", G]


def test_a_folder_without_programme_is_not_a_curriculum(tmp_path):
    with pytest.raises(NotACurriculum):
        load(tmp_path)


def test_broken_programme_still_loads_the_files(make):
    cur, found = load(make(programme=("title: Cooking on a Budget", "title: Cooking: on a budget")))
    assert [(f.code, f.line, f.column) for f in found] == [("CUR104", 2, 15)]
    assert cur.programme is None
    assert sorted(cur.plans) == ["week-1", "week-2"]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "- a\n- b\n", "just words\n"])
def test_programme_that_is_not_a_mapping(make, text):
    assert codes_at(make(programme=text)) == [("CUR113", P, 1, 1)]


# --- the model -------------------------------------------------------------------


def test_the_model_of_the_minimal_curriculum(minimal):
    cur, found = load(minimal)
    assert found == []
    assert cur.programme.title == "Cooking on a Budget"
    assert list(cur.plans) == ["week-1", "week-2"]
    assert list(cur.handouts) == ["shopping-list"]
    assert list(cur.contact_notes) == ["week-1"]
    assert [note.title for note in cur.chapters] == ["Welcome to the course"]
    assert cur.files == 6
    assert cur.handout_users("shopping-list") == ["week-1"]
    assert [ref.id for ref, plan in cur.contacts_in_order()] == ["week-1", "week-2"]


def test_the_model_is_immutable(minimal):
    cur, _ = load(minimal)
    with pytest.raises(pydantic.ValidationError):
        cur.plans["week-1"].meta.duration = 10
    with pytest.raises(TypeError):
        cur.plans["other"] = None


def test_document_records_body_start_and_digest(minimal):
    cur, _ = load(minimal)
    doc = cur.plans["week-1"].doc
    assert doc.body_line == 32
    assert doc.body.split("\n")[1] == "## Welcome {#welcome}"
    assert doc.digest == hashlib.sha256((minimal / W1).read_bytes()).hexdigest()


def test_span_points_at_the_key_line(minimal):
    doc = load(minimal)[0].plans["week-1"].doc
    assert doc.span("duration") == Span(W1, 7, 1)
    assert doc.span("handouts", 0) == Span(W1, 14, 12)
    assert doc.span("activities", 1, "minutes") == Span(W1, 25, 5)
    assert doc.span("activities", 1, "themes", 1) == Span(W1, 28, 24)


def test_span_falls_back_to_the_nearest_parent(minimal):
    doc = load(minimal)[0].plans["week-1"].doc
    assert doc.span("activities", 1, "no-such-key") == Span(W1, 23, 5)
    assert doc.span("no-such-key") == Span(W1, 1, 1)


def test_programme_spans(minimal):
    pdoc = load(minimal)[0].programme_doc
    assert pdoc.span("contacts", 1, "id") == Span(P, 19, 6)
    assert pdoc.span("rules", "group_minutes", "max") == Span(P, 23, 28)


def test_document_line_maps_body_lines_to_file_lines(minimal):
    doc = load(minimal)[0].handouts["shopping-list"].doc
    assert doc.line(0) == Span(H, 10, 1)
    assert doc.body.split("\n")[3] == "## Before you go"
    assert doc.line(3).line == 13


def test_headings_carry_anchor_and_file_line(minimal):
    doc = load(minimal)[0].plans["week-2"].doc
    assert [(h.level, h.text, h.anchor, h.line) for h in doc.headings] == [
        (2, "Cook a curry", "cook-curry", 34), (2, "Share the meal", "share-meal", 41)]


def test_assets_are_the_other_files(make):
    cur, _ = load(make(**{"handouts/images/list.png": b"png", "images/logo.svg": b"<svg/>",
                          "handouts/.hidden/x.png": b"png"}))
    assert cur.assets == {"handouts/images/list.png", "images/logo.svg"}


def test_chapters_are_ordered_by_order_then_file(make):
    chapter = "---\ntitle: {title}\norder: {order}\n---\n\nText.\n"
    cur, _ = load(make(**{"facilitator_notes/a-late.md": chapter.format(title="Late", order=50),
                          "facilitator_notes/b-early.md": chapter.format(title="Early", order=0),
                          "facilitator_notes/c-default.md": "---\ntitle: Default\n---\n"}))
    assert [note.title for note in cur.chapters] == ["Early", "Welcome to the course", "Late", "Default"]


def test_only_markdown_files_are_content(make):
    cur, found = load(make(**{"sessions/notes.txt": "not a plan", "sessions/.draft.md": "---\nbroken"}))
    assert found == []
    assert cur.files == 6


def test_alias_bomb_in_a_plan_is_refused_fast(make):
    import time

    bomb = (Path(__file__).parent / "corpus/alias-bomb/sessions/week-1.md").read_text()
    root = make(week_1=bomb)
    started = time.perf_counter()
    cur, found = load(root)
    assert time.perf_counter() - started < 1.0
    assert [(f.code, f.path, f.line, f.column) for f in found] == [("CUR106", W1, 31, 4)]
    assert "week-1" not in cur.plans


def test_a_loaded_curriculum_cannot_be_changed_in_place():
    """Frozen models alone still allow `meta.aims.append(...)`: lists are tuples."""
    import pydantic

    from curriculum.source.load import load

    cur, _ = load(Path(__file__).parent / "fixtures" / "minimal")
    plan = next(iter(cur.plans.values()))
    assert isinstance(plan.meta.aims, tuple) and isinstance(plan.meta.activities, tuple)
    with pytest.raises(AttributeError):
        plan.meta.aims.append("changed")  # type: ignore[attr-defined]
    with pytest.raises(pydantic.ValidationError):
        plan.meta.title = "changed"
    assert isinstance(cur.programme.contacts, tuple) and isinstance(cur.programme.rules.facilitator_blocks, tuple)


def test_a_file_name_that_is_not_a_slug_is_not_offered_as_the_id(make):
    week_1 = (Path(__file__).parent / "fixtures/minimal/sessions/week-1.md").read_text()
    _, found = load(make(**{"sessions/week-1.md": None, "sessions/Week_One.md": week_1}))
    [mismatch] = [f for f in found if f.code == "CUR114"]
    assert mismatch.hint == ("rename the file to week-1.md, or rename it to week-one.md and set id: week-one "
                             "(ids and file names are lowercase, with hyphens)")


def test_a_mapping_where_a_list_is_wanted_shows_the_list(make):
    _, found = load(make(handout=('  - "A public food-budget guide"', '  guide: "A public food-budget guide"')))
    [wrong] = found
    assert wrong.message == "'sources' should be a list, not a mapping of keys"
    assert wrong.hint == 'write one item a line, each after "- ":\nsources:\n  - "..."'


def test_a_list_item_of_the_wrong_kind_names_its_list(make):
    _, found = load(make(handout=('  - "A public food-budget guide"', '  - guide: "A public food-budget guide"')))
    [wrong] = found
    assert wrong.message == "source 1 should be text (got {'guide': 'A public food-budget guide'})"
    assert wrong.hint == 'write it as text, in quotes if in doubt:\nsources:\n  - "..."'


def test_a_date_that_does_not_exist_says_what_a_date_looks_like(make):
    _, found = load(make(handout=("summary:", "reviewed: 2025-13-01\nsummary:")))
    [bad] = found
    assert bad.message == "'2025-13-01' is not a real date"
    assert bad.hint == "write the date as year-month-day, e.g. reviewed: 2026-03-01"


def test_positions_in_lists_are_counted_from_one_and_named(make):
    _, found = load(make(week_1=("    minutes: 40", "    minutes: forty")))
    [wrong] = found
    assert wrong.message == "activity 2 (plan-meals), 'minutes' should be a whole number (got 'forty')"


def test_a_missing_lead_says_a_break_needs_none(make):
    _, found = load(make(week_1=("    lead: peer\n", "")))
    [missing] = [f for f in found if f.code == "CUR109"]
    assert missing.message == "'lead' is required in activity 1 (welcome)"
    assert "`break: true`" in missing.hint
