"""Local editions: loading, applying, `[[local:ID]]`, and the commands that check them."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from curriculum.adapt import adapt, markdown_text
from curriculum.check.editions import validate_edition, validate_editions
from curriculum.cli import main
from curriculum.local_text import uses
from curriculum.render.converter import converter
from curriculum.source.editions import edition_ids, load_edition
from curriculum.source.load import load

REPO = Path(__file__).resolve().parent.parent

EDITION = """\
title: Cooking in Townsend
area: Townsend
local:
  venue: "Townsend Hall <b>&amp;</b> *Market*"
services_handout: shopping-list
services:
  - {name: "Townsend <Food> Bank", phone: "01632 960 300", url: "https://food.example.org", about: "Free *food*.", themes: [shopping]}
adaptations:
  - {contact: week-1, activity: market-visit, change: add, after: welcome, file: market-visit.md, reason: "Next door."}
  - {contact: week-2, activity: share-meal, change: drop, reason: "Families take the meal home."}
"""

ACTIVITY = """\
---
id: market-visit
title: A walk round the market
minutes: 10
lead: peer
themes: [shopping]
threads: [confidence]
---

## A walk round the market {#market-visit}

Walk to [[local:venue]] and compare three prices.
"""


@pytest.fixture
def town(make):
    return make(**{"editions/town/edition.yml": EDITION, "editions/town/market-visit.md": ACTIVITY,
                   "handout": ("Write what you need", "We meet at [[local:venue]]. Write what you need")})


# --- [[local:ID]] --------------------------------------------------------------


def test_uses_skip_code_and_report_malformed():
    body = "Call [[local:triage]] or `[[local:in-code]]`.\n```\n[[local:fenced]]\n```\n[[local:Bad]] [[local:open\n"
    found = uses(body, 10)
    assert [(u.ident, u.line, u.column, u.ok) for u in found] == [
        ("triage", 10, 6, True), ("Bad", 14, 1, False), ("open", 14, 15, False)]


def test_core_build_shows_a_blank_naming_what_goes_there():
    html = converter().convert("Call [[local:maternity-triage]] now, not `[[local:maternity-triage]]`.")
    assert '<span class="cur-local-blank" title="Filled in locally: maternity triage">maternity triage</span>' in html
    assert "<code>[[local:maternity-triage]]</code>" in html


def test_edition_value_is_escaped_text_never_markup():
    value = "<script>alert(1)</script> *bold* [link](javascript:x) {{ config }}"
    html = converter(local={"venue": value}).convert("Meet at [[local:venue]].")
    assert "<script>" not in html and "<em>" not in html and "<a " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *bold* [link](javascript:x) {{ config }}" in html


def test_markdown_text_shows_exactly_the_text():
    for text in ("Tom & Jerry <b>", "*a* _b_ `c` [d](e) #f !g", "1. not a list", "line\nbreak"):
        html = converter().convert(markdown_text(text))
        assert "<em>" not in html and "<a" not in html and "<code>" not in html and "<ol>" not in html
    assert converter().convert(markdown_text("Tom & Jerry <b>")) == "<p>Tom &amp; Jerry &lt;b&gt;</p>"


# --- loading and applying ------------------------------------------------------------


def test_edition_is_typed_with_its_activity_files(town):
    edition, found = load_edition(town, "town")
    assert found == []
    assert edition.meta.title == "Cooking in Townsend"
    assert edition.activities["market-visit.md"].activity.minutes == 10


def test_yaml_problems_are_findings_at_the_line(make):
    root = make(**{"editions/town/edition.yml": "title: T\nlocal:\n  venue: a\n  venue: b\nbogus: 1\n"})
    edition, found = load_edition(root, "town")
    assert edition is None
    assert [(f.code, f.path, f.line) for f in found] == [("CUR105", "editions/town/edition.yml", 4)]
    edition, found = load_edition(make(**{"editions/town/edition.yml": "title: T\nbogus: 1\n"}), "town")
    assert [(f.code, f.line) for f in found] == [("CUR111", 2)]


def test_adapt_drops_adds_and_retimes(town):
    cur, _ = load(town)
    edition, _ = load_edition(town, "town")
    adapted = adapt(cur, edition)
    new = adapted.curriculum
    week_1, week_2 = new.plans["week-1"], new.plans["week-2"]
    assert [a.id for a in week_1.meta.activities] == ["welcome", "market-visit", "plan-meals"]
    assert week_1.meta.duration == 70
    assert [a.id for a in week_2.meta.activities] == ["cook-curry"] and week_2.meta.duration == 60
    headings = [h.anchor for h in week_1.doc.headings]
    assert headings == ["welcome", "market-visit", "plan-meals"]
    assert "share-meal" not in {h.anchor for h in week_2.doc.headings}
    assert new.programme.title == "Cooking in Townsend" and new.edition.id == "town"
    assert cur.plans["week-1"].meta.duration == 60  # the core is untouched
    line = next(i for i, text in enumerate(week_1.doc.body.split("\n")) if "compare three prices" in text)
    assert adapted.origins.of("sessions/week-1.md", week_1.doc.body_line + line) == ("editions/town/market-visit.md", 12)


def test_services_section_is_added_escaped(town):
    cur, _ = load(town)
    edition, _ = load_edition(town, "town")
    body = adapt(cur, edition).curriculum.handouts["shopping-list"].doc.body
    html = converter().convert(body)
    assert "<h2" in html and "Local services: Townsend" in html
    assert "Townsend &lt;Food&gt; Bank" in html and "<em>food</em>" not in html
    assert '<a class="cur-url" href="https://food.example.org">food.example.org</a>' in html


def test_rechecked_rules_point_at_the_edition(town):
    report = validate_edition(town, "town")
    [found] = [f for f in report.findings if f.code == "CUR405"]
    assert (found.path, found.line) == ("editions/town/edition.yml", 10)
    assert "(at sessions/week-2.md:" in found.message and "as this edition changes it" in found.message


# --- the bundled examples -------------------------------------------------------------


def test_bundled_editions_validate_clean():
    ids = edition_ids(REPO)
    assert len(ids) >= 2
    report = validate_editions(REPO, ids)
    assert [f for f in report.findings if f.severity.value != "info"] == []
    for ident in ids:
        edition, _ = load_edition(REPO, ident)
        assert len(edition.meta.services) >= 5 and edition.meta.local
        changes = {a.change for a in edition.meta.adaptations}
        assert {"drop", "add"} <= changes and all(a.reason.strip() for a in edition.meta.adaptations)


# --- commands --------------------------------------------------------------------------


def invoke(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def test_validate_edition_reports_its_findings(town):
    result = invoke("validate", town, "--edition", "town", "--format", "json")
    assert result.exit_code == 1
    codes = {(f["code"], f["path"]) for f in json.loads(result.output)["findings"]}
    assert ("CUR405", "editions/town/edition.yml") in codes
    assert invoke("validate", town).exit_code == 0  # the core alone is clean


def test_validate_all_editions_github(town):
    result = invoke("validate", town, "--all-editions", "--format", "github")
    assert result.exit_code == 1
    assert "::error file=editions/town/edition.yml,line=10" in result.output


def test_unknown_edition_is_a_usage_problem(town):
    result = invoke("validate", town, "--edition", "nowhere")
    assert result.exit_code == 2 and "the editions are: town" in result.output
    assert invoke("validate", town, "--edition", "town", "--all-editions").exit_code == 2


# --- what the PDF cache keys on ---------------------------------------------------------


def test_a_changed_value_renders_again_only_the_pdfs_that_print_it(town):
    from dataclasses import replace

    from curriculum.pdf.cache import input_hash
    from curriculum.pdf.documents import specs

    cur, _ = load(town)
    edition, _ = load_edition(town, "town")
    moved = replace(edition, meta=edition.meta.model_copy(update={"local": {"venue": "The Old School"}}))
    keys = [{spec.output: input_hash(spec, "tools") for spec in specs(adapt(cur, e).curriculum)} for e in (edition, moved)]
    changed = {output for output in keys[0] if keys[0][output] != keys[1][output]}
    # The venue is printed by the shopping list (so its pack and the workbook) and week 1's added activity.
    assert changed == {"pdf/handouts/shopping-list.pdf", "pdf/packs/week-1.pdf", "pdf/cards/week-1.pdf",
                       "pdf/parent-workbook.pdf", "pdf/facilitator-manual.pdf"}
    core = {spec.output: input_hash(spec, "tools") for spec in specs(cur)}
    assert all(core[output] != keys[0][output] for output in core)  # every edition PDF carries its title


def test_an_edition_folder_name_must_be_a_slug(make):
    root = make(**{"editions/East Moor/edition.yml": "title: East Moor\n"})
    report = validate_editions(root, edition_ids(root))
    assert [(f.code, f.path, f.line) for f in report.findings if f.code == "CUR112"] == [
        ("CUR112", "editions/East Moor/edition.yml", 1)]


def test_build_refuses_an_edition_that_is_not_there(town):
    from curriculum.build import build
    from curriculum.errors import BuildError

    with pytest.raises(BuildError, match="no local edition '../town'"):
        build(town, edition="../town", pdfs=False)
    assert not (town / "build").exists()
