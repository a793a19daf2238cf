"""Local editions (check/rules/editions.py, check/editions.py): each rule at
file and line, and every rule of the programme re-checked on the edition as
adapted, reported where the edition causes it."""

import pytest
from rule_cases import case, rule_case_tests

from curriculum.check.editions import validate_editions
from curriculum.source.editions import edition_ids

ED = "editions/town/edition.yml"
ACT = "editions/town/market-visit.md"

EDITION = """\
title: Cooking in Townsend
area: Townsend
local:
  venue: "Townsend Hall, 1 Example Road"
services_handout: shopping-list
services:
  - {name: "Townsend Food Bank", phone: "01632 960 300", themes: [shopping]}
adaptations:
  - contact: week-1
    activity: market-visit
    change: add
    after: welcome
    file: market-visit.md
    reason: "The market is next door to the hall."
"""

ACTIVITY = """\
---
id: market-visit
title: A walk round the market
minutes: 10
lead: cook
core: false
themes: [shopping]
threads: [confidence]
---

## A walk round the market {#market-visit}

Walk to the market together and compare three prices.
"""

USES_VENUE = ("Write what you need", "We meet at [[local:venue]]. Write what you need")


def town(edition=None, activity=None, **edits):
    """Edits making the minimal curriculum hold one valid edition, `town`, with more edits."""
    base = {ED: EDITION, ACT: ACTIVITY, "handout": USES_VENUE}
    if edition is not None:
        base[ED] = edition if isinstance(edition, str) else _replaced(EDITION, edition)
    if activity is not None:
        base[ACT] = activity if isinstance(activity, str) else _replaced(ACTIVITY, activity)
    base.update(edits)
    return base


def _replaced(text, pairs):
    for old, new in [pairs] if isinstance(pairs, tuple) else pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def every_edition(root, code):
    report = validate_editions(root, edition_ids(root))
    return [(f.path, f.line, f.column) for f in report.findings if f.code == code]


@pytest.fixture
def where():
    """Findings of the core and of every edition, as `curriculum validate --all-editions` gives them."""
    return every_edition


DROP_SHARE = """  - {contact: week-2, activity: share-meal, change: drop, reason: "Families take the meal home."}\n"""
DROP_PLAN = """  - {contact: week-1, activity: plan-meals, change: drop, reason: "Planning is done at home."}\n"""

CASES = [
    case("CUR250", town(edition=("file: market-visit.md", "file: ../market-visit.md")), [(ED, 13, 5)],
         good=town(), name="file-outside-the-folder"),
    case("CUR250", town(edition=("file: market-visit.md", "file: market.md")), [(ED, 13, 5)],
         good=town(), name="file-missing"),
    case("CUR251", town(edition=("contact: week-1", "contact: week-9")), [(ED, 9, 5)],
         good=town(), name="unknown-contact"),
    case("CUR252", town(edition=("after: welcome", "after: welcom")), [(ED, 12, 5)],
         good=town(), name="after-unknown-activity"),
    case("CUR252", town(edition=EDITION + DROP_SHARE.replace("share-meal", "share-meals")), [(ED, 15, 23)],
         good=town(), name="drop-unknown-activity"),
    case("CUR253", town(edition=("    after: welcome\n", "")), [(ED, 9, 5)],
         good=town(), name="add-without-after"),
    case("CUR253", town(edition=("activity: market-visit", "activity: market-walk")), [(ED, 10, 5)],
         good=town(), name="file-holds-another-activity"),
    case("CUR254", town(activity=("## A walk round the market {#market-visit}", "## A walk round the market")),
         [(ACT, 10, 1)], good=town(), name="activity-without-section"),
    case("CUR256", town(handout=("Write what you need", "Call [[local:food-bank]]. Write what you need")),
         [(ED, 3, 1)], good=town(), name="local-unfilled"),
    case("CUR257", town(handout=("Write", "Write")), [(ED, 4, 3)],
         good=town(), name="local-unused"),
    case("CUR258", {"handout": ("Write what you need", "Call [[local:Food Bank]] or [[local:]] or [[local:x]\n\nWrite")},
         [("handouts/shopping-list.md", 11, 6), ("handouts/shopping-list.md", 11, 29),
          ("handouts/shopping-list.md", 11, 43)],
         good={"handout": ("Write what you need", "Call [[local:food-bank]], not `[[local:Food Bank]]`. Write")},
         name="local-malformed"),
    case("CUR259", town(activity=("lead: cook", "lead: chef")), [(ACT, 5, 1)], good=town(), name="unknown-lead"),
    case("CUR259", town(edition=("themes: [shopping]", "themes: [shoping]")), [(ED, 7, 67)],
         good=town(), name="service-theme"),
    case("CUR420", town(edition=EDITION + DROP_SHARE.replace("share-meal", "cook-curry")), [(ED, 15, 45)],
         good=town(), name="drop-core"),
    case("CUR422", town(edition=('    reason: "The market is next door to the hall."\n', "")), [(ED, 9, 5)],
         good=town(), name="no-reason"),
    # Every rule of programme.yml, re-checked on the edition as adapted, at the edition's line.
    case("CUR405", town(edition=EDITION + DROP_SHARE), [(ED, 15, 5)], good=town(), name="recheck-co-facilitation"),
    case("CUR402", town(activity=("minutes: 10", "minutes: 70")), [(ED, 9, 5)],
         good=town(activity=("minutes: 10", "minutes: 60")), name="recheck-duration"),
    case("CUR301", town(edition=EDITION + DROP_PLAN), [(ED, 15, 5)], good=town(), name="recheck-coverage"),
    case("CUR713", town(activity=("compare three prices.", "compare three prices <b>now</b>.")), [(ACT, 13, 1)],
         good=town(), name="recheck-body-of-activity-file"),
]


test_rule_reports_the_defect, test_rule_accepts_the_near_miss = rule_case_tests(CASES)


def test_a_finding_in_the_services_section_points_at_the_services(make):
    long_about = "This is a very long description " + "that goes on and on " * 12 + "without a stop."
    root = make(**town(edition=('{name: "Townsend Food Bank", ', f'{{name: "Townsend Food Bank", about: "{long_about}", ')))
    found = [f for f in validate_editions(root, edition_ids(root)).findings if f.code == "CUR512"]
    assert [(f.path, f.line) for f in found] == [(ED, 6)]
    assert "(at handouts/shopping-list.md:" in found[0].message
