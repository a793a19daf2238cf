"""The theme, thread and key-message matrix (pure).

A contact covers an item when one of its activities lists it. Rows are
themes, threads and key messages; columns are contacts in delivery order.
Each row carries the requirement it is held to and whether it is met, so the
coverage rules and the `coverage` command tell the same story.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Curriculum


@dataclass(frozen=True)
class Column:
    id: str
    title: str
    kind: str
    phase: str
    timing: str


@dataclass(frozen=True)
class Row:
    kind: str  # theme | thread | message
    id: str
    title: str
    requirement: str
    # contact id -> ids of the activities that cover this item there
    cells: dict[str, tuple[str, ...]] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return sum(1 for activities in self.cells.values() if activities)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Coverage:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    phases: tuple[tuple[str, str], ...]  # (id, title) in programme order

    def as_dict(self) -> dict:
        return {
            "contacts": [vars(column) for column in self.columns],
            "rows": [
                {"kind": row.kind, "id": row.id, "title": row.title, "count": row.count,
                 "requirement": row.requirement, "ok": row.ok, "problems": list(row.problems),
                 "cells": {key: list(value) for key, value in row.cells.items()}}
                for row in self.rows
            ],
        }


def _covering(cur: Curriculum, attribute: str, item_id: str) -> dict[str, tuple[str, ...]]:
    cells = {}
    for ref, plan in cur.contacts_in_order():
        found = ()
        if plan is not None:
            found = tuple(a.id for a in plan.meta.activities if item_id in getattr(a, attribute))
        cells[ref.id] = found
    return cells


def _phase_titles(cur: Curriculum) -> dict[str, str]:
    return {phase.id: phase.title for phase in cur.programme.phases}


def _missing_phases(cells: dict, phases: list[str], phase_of: dict[str, str]) -> list[str]:
    return [phase for phase in phases if not any(cells[c] for c in cells if phase_of[c] == phase)]


def build(cur: Curriculum) -> Coverage:
    programme = cur.programme
    if programme is None:
        return Coverage((), (), ())
    columns = tuple(
        Column(ref.id, plan.meta.title if plan else ref.id, ref.kind, ref.phase, ref.timing)
        for ref, plan in cur.contacts_in_order()
    )
    phase_of = {column.id: column.phase for column in columns}
    titles = _phase_titles(cur)
    rows = []
    for theme in programme.themes:
        cells = _covering(cur, "themes", theme.id)
        problems = []
        count = sum(1 for v in cells.values() if v)
        if count < theme.min_contacts:
            problems.append(f"covered by {count} of the {theme.min_contacts} contacts required")
        for phase in _missing_phases(cells, theme.phases, phase_of):
            problems.append(f"not covered in phase '{titles.get(phase, phase)}'")
        need = [f"at least {theme.min_contacts} contacts"]
        if theme.phases:
            need.append("each of " + ", ".join(titles.get(p, p) for p in theme.phases))
        rows.append(Row("theme", theme.id, theme.title, "; ".join(need), cells, tuple(problems)))
    groups = [c.id for c in columns if c.kind == "group"]
    for thread in programme.threads:
        cells = _covering(cur, "threads", thread.id)
        problems = []
        if programme.rules.threads_in_every_group:
            missing = [c for c in groups if not cells[c] and cur.plans.get(c)]
            if missing:
                problems.append("missing from group contacts: " + ", ".join(missing))
            need = "every group contact"
        else:
            need = "at least one contact"
        if not any(cells.values()):
            problems.append("no activity covers it")
        rows.append(Row("thread", thread.id, thread.title, need, cells, tuple(problems)))
    for message in programme.key_messages:
        cells = _covering(cur, "messages", message.id)
        problems = [f"not given in phase '{titles.get(p, p)}'" for p in _missing_phases(cells, message.phases, phase_of)]
        if not message.phases and not any(cells.values()):
            problems.append("no activity gives it")
        need = ("each of " + ", ".join(titles.get(p, p) for p in message.phases)) if message.phases else "at least once"
        rows.append(Row("message", message.id, message.title, need, cells, tuple(problems)))
    return Coverage(columns, tuple(rows), tuple((p.id, p.title) for p in programme.phases))
