"""Property-based tests: whatever text or bytes an author (or an attacker)
puts in a file, the loader and validator return findings or a model; they
never raise. Examples are modest in number so the suite stays fast; set
CURRICULUM_FUZZ_EXAMPLES=5000 for a longer hunt."""

import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curriculum.check.validate import Report, validate
from curriculum.findings import REGISTRY
from curriculum.source import frontmatter, yamlsafe
from curriculum.source.load import load

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"

EXAMPLES = int(os.environ.get("CURRICULUM_FUZZ_EXAMPLES", "150"))
FAST = settings(max_examples=EXAMPLES, deadline=None, database=None)
WHOLE = settings(max_examples=max(1, EXAMPLES * 2 // 3), deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow])

PLAN_KEYS = ["id", "title", "kind", "phase", "timing", "duration", "aims", "outcomes", "materials", "handouts",
             "activities", "sources", "reviewed", "minutes", "lead", "core", "themes", "threads", "messages",
             "audience", "summary", "contact", "order"]
YAML_TOKENS = ["id", "title", "minutes", "activities", ":", ": ", "- ", "  ", "    ", "\t", "\n", "\n", "\n",
               "[", "]", "{", "}", ",", "'", '"', "&a ", "*a", "<<: ", "!!python/name:os.system ", "!ENV ", "? ",
               "|", ">", "#", "---", "...", "no", "yes", "on", "1.10", "0777", "1:2:3", "2024-02-30", "2024-01-01",
               "~", "null", "9" * 30, "week-1", "../x", "é", "日本", "\u2028", "\x85", "\ufeff", "%", "@", "`"]
MD_TOKENS = ["#", "## ", "### Title {#id}", "{ onclick=x }", "{: .c #d }", "*", "_", "-", "- ", "1. ", "> ", "    ",
             "\t", "\n", "\n\n", "[", "]", "(", ")", "![", "](", "](#", "](../", "file:///etc/passwd",
             "javascript:", "http://127.0.0.1:9/x.png", "<script>", "</script>", "<img src=x onerror=y>", "<!--",
             "-->", "|", "| a | b |\n|---|---|\n", "`", "```\n", "!!! facilitator \"T\"\n    ", "??? note\n",
             "///", "{{ ''.__class__ }}", "&amp;", "&#x0;", "\\", "---\n", "safeguarding", "commence", "word ",
             "Sentence. ", "é", "\u0000", "\r", "\r\n"]

yamlish = st.lists(st.sampled_from(YAML_TOKENS) | st.text(max_size=8), max_size=60).map("".join)
markdown = st.lists(st.sampled_from(MD_TOKENS) | st.text(max_size=8), max_size=80).map("".join)
scalars = st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=20) \
    | st.dates() | st.sampled_from(["week-1", "cook", "peer", "shopping", "learning", "group", "parents", "Week 1"])
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.sampled_from(PLAN_KEYS) | st.text(max_size=6), inner, max_size=4),
                      max_leaves=20)
mappings = st.dictionaries(st.sampled_from(PLAN_KEYS) | st.text(max_size=10), values, max_size=12)


def dumped(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """One copy of the minimal curriculum, rewritten by every example."""
    root = tmp_path_factory.mktemp("properties") / "curriculum"
    shutil.copytree(MINIMAL, root)
    return root


def validate_with(root: Path, **files) -> Report:
    for rel, content in files.items():
        path = root / rel
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    try:
        return validate(root)
    finally:
        for rel in files:
            (root / rel).write_bytes((MINIMAL / rel).read_bytes())


# --- the pure parts ----------------------------------------------------------------


@FAST
@given(st.text())
def test_split_never_raises(text):
    part = frontmatter.split(text)
    if part.problem is None:
        assert part.front is not None and part.body_line == part.front_line + part.front.count("\n") + 2
    else:
        assert part.front is None and part.body == text


@FAST
@given(st.binary())
def test_decode_raises_only_unicode_errors(data):
    try:
        text = frontmatter.decode(data)
    except UnicodeDecodeError:
        return
    assert "\r" not in text and not text.startswith("\ufeff")


@FAST
@given(st.text() | yamlish, st.integers(1, 50))
def test_yaml_load_never_raises(text, first_line):
    doc = yamlsafe.load(text, first_line)
    for problem in doc.problems:
        assert problem.line >= first_line and problem.column >= 1
    for line, column in doc.spans.values():
        assert line >= first_line and column >= 1


@FAST
@given(mappings)
def test_yaml_load_agrees_with_safe_load_on_plain_yaml(data):
    text = dumped(data)
    doc = yamlsafe.load(text)
    assert doc.problems == []
    assert doc.data == yaml.safe_load(text)


# --- the whole validator --------------------------------------------------------------


@WHOLE
@given(yamlish, markdown)
def test_validate_survives_any_plan(scratch, front, body):
    report = validate_with(scratch, **{"sessions/week-1.md": f"---\n{front}\n---\n{body}"})
    assert isinstance(report, Report)
    assert all(f.path and f.code in REGISTRY for f in report.findings)


@WHOLE
@given(mappings, markdown)
def test_validate_survives_any_typed_front_matter(scratch, data, body):
    report = validate_with(scratch, **{"sessions/week-1.md": f"---\n{dumped(data)}---\n{body}",
                                       "handouts/shopping-list.md": f"---\n{dumped(data)}---\n{body}"})
    assert isinstance(report, Report)
    for found in report.findings:
        assert found.line is None or found.line >= 1


@WHOLE
@given(markdown)
def test_validate_survives_any_handout_body(scratch, body):
    head = (MINIMAL / "handouts/shopping-list.md").read_text().split("---\n\n")[0]
    assert isinstance(validate_with(scratch, **{"handouts/shopping-list.md": f"{head}---\n{body}"}), Report)


@WHOLE
@given(st.binary(max_size=300))
def test_validate_survives_any_bytes(scratch, data):
    assert isinstance(validate_with(scratch, **{"sessions/week-2.md": data, "facilitator_notes/welcome.md": data}),
                      Report)


@WHOLE
@given(mappings | yamlish)
def test_load_survives_any_programme(scratch, programme):
    text = programme if isinstance(programme, str) else dumped(programme)
    (scratch / "programme.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load(scratch)
        assert isinstance(validate(scratch), Report)
    finally:
        (scratch / "programme.yml").write_bytes((MINIMAL / "programme.yml").read_bytes())


PROGRAMME = yaml.safe_load((MINIMAL / "programme.yml").read_text())


@WHOLE
@given(st.dictionaries(st.sampled_from(["roles", "phases", "themes", "threads", "key_messages", "contacts"]),
                       st.lists(st.fixed_dictionaries(
                           {"id": st.sampled_from(["week-1", "week-2", "learning", "cook", "x"]),
                            "title": st.text(min_size=1, max_size=5)},
                           optional={"kind": st.sampled_from(["group", "home-visit"]),
                                     "phase": st.sampled_from(["learning", "later"]),
                                     "phases": st.lists(st.sampled_from(["learning", "later"]), max_size=2),
                                     "min_contacts": st.integers(0, 3)}), max_size=4), max_size=3))
def test_validate_survives_any_programme_lists(scratch, lists):
    text = dumped({**PROGRAMME, **lists})
    (scratch / "programme.yml").write_text(text, encoding="utf-8")
    try:
        assert isinstance(validate(scratch), Report)
    finally:
        (scratch / "programme.yml").write_bytes((MINIMAL / "programme.yml").read_bytes())


WEEK_1 = yaml.safe_load(frontmatter.split((MINIMAL / "sessions/week-1.md").read_text()).front)
slugs = st.sampled_from(["welcome", "plan-meals", "week-1", "cook", "peer", "shopping", "cooking", "confidence",
                         "food-safety", "learning", "x", "shopping-list"])
activities = st.lists(st.fixed_dictionaries(
    {"id": slugs, "title": st.text(min_size=1, max_size=10), "minutes": st.integers(-100, 500), "lead": slugs},
    optional={"core": st.booleans(), "themes": st.lists(slugs, max_size=3), "threads": st.lists(slugs, max_size=2),
              "messages": st.lists(slugs, max_size=2)}), max_size=5)
plan_changes = st.fixed_dictionaries({}, optional={
    "kind": st.sampled_from(["group", "home-visit"]), "phase": slugs, "duration": st.integers(-10, 1000),
    "handouts": st.lists(slugs, max_size=3), "activities": activities, "aims": st.lists(st.text(min_size=1), max_size=2),
    "outcomes": st.lists(st.text(min_size=1), max_size=2), "timing": st.text(max_size=10),
    "reviewed": st.dates(), "sources": st.lists(st.text(min_size=1, max_size=10), max_size=2)})


@WHOLE
@given(plan_changes, st.lists(slugs, max_size=4), markdown)
def test_validate_survives_valid_but_odd_plans(scratch, changes, sections, body):
    """Front matter that loads, so every rule runs over odd but well-typed data."""
    headings = "".join(f"## {name} {{#{name}}}\n\n" for name in sections)
    report = validate_with(scratch, **{"sessions/week-1.md": f"---\n{dumped({**WEEK_1, **changes})}---\n{headings}{body}"})
    assert isinstance(report, Report)
    assert all(f.line is None or f.line >= 1 for f in report.findings)


big_ints = st.integers(-10, 10) | st.integers(0, 10**12)
rules = st.fixed_dictionaries({}, optional={
    "co_facilitation": st.booleans(), "threads_in_every_group": st.booleans(),
    "group_minutes": st.fixed_dictionaries({"min": big_ints, "max": big_ints}),
    "home_visit_minutes": st.fixed_dictionaries({"min": big_ints, "max": big_ints}),
    "handout_max_grade": st.floats(-100, 100) | big_ints, "review_months": big_ints,
    "activity_max_minutes": big_ints, "facilitator_blocks": st.lists(slugs, max_size=3),
    "severity": st.dictionaries(st.sampled_from(["CUR404", "CUR802", "plain-word", "CUR999", "x"]),
                                st.sampled_from(["error", "warning", "info", "ignore"]), max_size=3)})


@WHOLE
@given(rules, st.dates())
def test_validate_survives_any_programme_rules(scratch, rules_block, reviewed):
    (scratch / "programme.yml").write_text(dumped({**PROGRAMME, "rules": rules_block}), encoding="utf-8")
    handout = (MINIMAL / "handouts/shopping-list.md").read_text().replace("audience:", f"reviewed: {reviewed}\naudience:")
    try:
        assert isinstance(validate_with(scratch, **{"handouts/shopping-list.md": handout}), Report)
    finally:
        (scratch / "programme.yml").write_bytes((MINIMAL / "programme.yml").read_bytes())
