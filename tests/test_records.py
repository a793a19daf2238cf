"""The delivery records both the site and the PDFs show (render/records.py)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from curriculum.render import records
from curriculum.source.load import load

REPO = Path(__file__).resolve().parents[1]
EVALUATION = """evaluation:
  measures:
    - {id: confidence, title: "Cooking confidence scale", completed_by: each parent}
    - {id: wellbeing, title: "Wellbeing scale", completed_by: the cook, restricted: true, source: "The course lead"}
  timepoints:
    - {id: end, contact: week-2, measures: [confidence, wellbeing]}
    - {id: start, title: "At the start", contact: week-1, measures: [confidence, confidence, nothing]}
    - {id: lost, contact: week-9, measures: [wellbeing]}
"""


def test_register_columns_labels_and_dose(make):
    cur, _ = load(REPO)
    register = records.register(cur)
    assert [c.label for c in register.columns] == ["Home visit", *(f"Group {n}" for n in range(1, 7)),
                                                   "Home visit", "Group 1", "Group 2", "Group 3"]
    assert [c.number for c in register.columns] == list(range(1, 12))
    assert register.phases == (("Before the birth", 7), ("After the birth", 4))
    assert register.dose == 7
    assert register.dose_sentence == "A family has received the programme when they attended at least 7 of the 11 contacts."
    small, _ = load(make())
    assert records.register(small).dose_sentence == "Count the contacts each family attended, out of 2."
    assert records.dose_sentence(1, 1) == "A family has received the programme when they attended at least 1 of the 1 contact."


def test_register_csv(make):
    cur, _ = load(make())
    rows = list(csv.reader(io.StringIO(records.register_csv(cur), newline="")))
    assert rows[0] == ["family", "week-1", "week-2", "total"]
    assert rows[1:] == [["", "", "", ""]] * records.REGISTER_ROWS


def test_schedule_in_delivery_order_with_known_measures_once(make):
    cur, _ = load(make(programme=lambda text: text + EVALUATION))
    schedule = records.schedule(cur)
    assert [(g.id, g.title, g.number) for g in schedule] == [("start", "At the start", 1), ("end", "End", 2),
                                                             ("lost", "Lost", 0)]
    assert [m.id for m in schedule[0].measures] == ["confidence"]
    assert records.given_at(cur, "week-2") == (schedule[1],)
    assert records.given_line(schedule[1]) == "End: Cooking confidence scale (each parent); Wellbeing scale (the cook)"
    uses = records.measure_uses(cur)
    assert [g.id for g in uses["wellbeing"]] == ["end", "lost"]
    assert records.schedule(load(make())[0]) == ()


def test_checklist_from_the_plan(make):
    cur, _ = load(make())
    check = records.checklist(cur, cur.plans["week-1"])
    assert [(a.title, a.core, a.lead) for a in check.activities] == [("Welcome", True, "Peer supporter"),
                                                                      ("Plan three meals", False, "Community cook")]
    assert [(m.title, m.activities) for m in check.messages] == [("Keep raw meat apart from ready-to-eat food",
                                                                  ("Plan three meals",))]
    assert [(r.title, r.activities) for r in check.roles] == [("Community cook", ("Plan three meals",)),
                                                              ("Peer supporter", ("Welcome",))]
    assert check.evaluation == ()
