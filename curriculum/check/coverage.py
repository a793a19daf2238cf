"""The theme, thread and key-message matrix (pure).

A contact covers an item when one of its activities lists it. Rows are
themes, threads and key messages; columns are contacts in delivery order.
Each row carries the requirement it is held to, the rule codes that check
it, and each failure with the code of the rule that reports it: the coverage
rules (rules/coverage.py) report exactly these failures, so the rules and the
`coverage` command tell the same story.

Which rule checks what:

    CUR301  a theme that is covered, by fewer than `min_contacts` contacts
    CUR302  a theme that is covered, but not in a phase it lists
    CUR303  a thread missing from a group contact (rules.threads_in_every_group)
    CUR304  a key message not given in a phase it lists
    CUR305  an item that nothing covers at all: a thread, a key message that
            lists no phases, or a theme that asks for contacts or phases
            (instead of CUR301 and CUR302, which would only repeat it)

A theme with `min_contacts: 0` and no phases is optional: no rule checks it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Curriculum


@dataclass(frozen=True)
class Column:
    id: str
    title: str
    kind: str
    phase: str
    timing: str


@dataclass(frozen=True)
class Failure:
    code: str  # the rule that reports it
    message: str  # in the matrix's words (phase titles)
    # what the rule reports one finding for: phase ids (CUR302, CUR304) or
    # contact ids (CUR303); empty for one finding about the item itself
    subjects: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    kind: str  # theme | thread | message
    id: str
    title: str
    requirement: str
    # contact id -> ids of the activities that cover this item there
    cells: dict[str, tuple[str, ...]] = field(default_factory=dict)
    failures: tuple[Failure, ...] = ()
    rules: tuple[str, ...] = ()  # the codes that check this row

    @property
    def count(self) -> int:
        return sum(1 for activities in self.cells.values() if activities)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(failure.message for failure in self.failures)

    @property
    def status(self) -> str:
        """`ok (CUR301, CUR302)` or `FAILS CUR302: not covered in phase 'Later'`."""
        if self.ok:
            return f"ok ({', '.join(self.rules)})" if self.rules else "ok (optional: no rule)"
        return "FAILS " + "; ".join(f"{f.code}: {f.message}" for f in self.failures)


@dataclass(frozen=True)
class Coverage:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    phases: tuple[tuple[str, str], ...]  # (id, title) in programme order

    def as_dict(self) -> dict:
        return {
            "phases": [{"id": ident, "title": title} for ident, title in self.phases],
            "contacts": [vars(column) for column in self.columns],
            "rows": [
                {"kind": row.kind, "id": row.id, "title": row.title, "count": row.count,
                 "requirement": row.requirement, "rules": list(row.rules), "ok": row.ok,
                 "status": row.status, "problems": list(row.problems),
                 "failures": [{"code": f.code, "message": f.message} for f in row.failures],
                 "cells": {key: list(value) for key, value in row.cells.items()}}
                for row in self.rows
            ],
        }


def _coverers(cur: Curriculum, attributes: tuple[str, ...]) -> list[dict[str, dict[str, list[str]]]]:
    """For each attribute: item id -> contact id -> the ids of its activities
    that cover the item, in one pass over every activity (asking per item
    would be items x activities)."""
    found: list[dict[str, dict[str, list[str]]]] = [{} for _ in attributes]
    seen = set()
    for ref, plan in cur.contacts_in_order():
        if plan is None or ref.id in seen:  # a contact listed twice is counted once
            continue
        seen.add(ref.id)
        for activity in plan.meta.activities:
            for by_item, attribute in zip(found, attributes):
                for item_id in dict.fromkeys(getattr(activity, attribute)):
                    by_item.setdefault(item_id, {}).setdefault(ref.id, []).append(activity.id)
    return found


def _covering(cur: Curriculum, coverers: dict, item_id: str) -> dict[str, tuple[str, ...]]:
    by_contact = coverers.get(item_id, {})
    return {ref.id: tuple(by_contact.get(ref.id, ())) for ref in cur.programme.contacts}


def _missing_phases(cells: dict, phases: list[str], phase_of: dict[str, str]) -> list[str]:
    return [phase for phase in phases if not any(cells[c] for c in cells if phase_of[c] == phase)]


def _each_of(titles: dict[str, str], phases: list[str]) -> str:
    return "each of " + ", ".join(titles.get(p, p) for p in phases)


def _theme_row(theme, cells: dict, titles: dict[str, str], phase_of: dict[str, str]) -> Row:
    count = sum(1 for v in cells.values() if v)
    required = theme.min_contacts > 0 or bool(theme.phases)
    rules = (["CUR301"] if theme.min_contacts > 0 else []) + (["CUR302"] if theme.phases else [])
    rules += ["CUR305"] if required else []
    failures = []
    if required and not count:
        failures.append(Failure("CUR305", "no activity covers it"))
    else:
        if count < theme.min_contacts:
            failures.append(Failure("CUR301", f"covered by {count} of the {theme.min_contacts} contacts required"))
        for phase in _missing_phases(cells, theme.phases, phase_of):
            failures.append(Failure("CUR302", f"not covered in phase '{titles.get(phase, phase)}'", (phase,)))
    need = ([f"at least {theme.min_contacts} contacts"] if theme.min_contacts > 0 else []) + (
        [_each_of(titles, theme.phases)] if theme.phases else [])
    return Row("theme", theme.id, theme.title, "; ".join(need) or "optional", cells,
               tuple(failures), tuple(rules))


def _thread_row(thread, cells: dict, groups: list[str], every_group: bool) -> Row:
    failures = []
    if every_group:
        missing = [c for c in groups if not cells[c]]
        if missing:
            failures.append(Failure("CUR303", "missing from group contacts: " + ", ".join(missing), tuple(missing)))
    if not any(cells.values()):
        failures.append(Failure("CUR305", "no activity covers it"))
    return Row("thread", thread.id, thread.title, "every group contact" if every_group else "at least one contact",
               cells, tuple(failures), ("CUR303", "CUR305") if every_group else ("CUR305",))


def _message_row(message, cells: dict, titles: dict[str, str], phase_of: dict[str, str]) -> Row:
    if message.phases:
        failures = [Failure("CUR304", f"not given in phase '{titles.get(p, p)}'", (p,))
                    for p in _missing_phases(cells, message.phases, phase_of)]
        rules, need = ("CUR304",), _each_of(titles, message.phases)
    else:
        failures = [] if any(cells.values()) else [Failure("CUR305", "no activity gives it")]
        rules, need = ("CUR305",), "at least once"
    return Row("message", message.id, message.title, need, cells, tuple(failures), rules)


def build(cur: Curriculum) -> Coverage:
    programme = cur.programme
    if programme is None:
        return Coverage((), (), ())
    columns = tuple(
        Column(ref.id, plan.meta.title if plan else ref.id, ref.kind, ref.phase, ref.timing)
        for ref, plan in cur.contacts_in_order()
    )
    phase_of = {column.id: column.phase for column in columns}
    titles = {phase.id: phase.title for phase in programme.phases}
    covering_themes, covering_threads, covering_messages = _coverers(cur, ("themes", "threads", "messages"))
    rows = [_theme_row(theme, _covering(cur, covering_themes, theme.id), titles, phase_of)
            for theme in programme.themes]
    # a group contact is one whose plan says so (CUR204 reports a plan that
    # disagrees with programme.yml); a contact without a plan has no activities
    groups = [ref.id for ref, plan in cur.contacts_in_order() if plan is not None and plan.meta.kind == "group"]
    every_group = programme.rules.threads_in_every_group
    rows += [_thread_row(thread, _covering(cur, covering_threads, thread.id), groups, every_group)
             for thread in programme.threads]
    rows += [_message_row(message, _covering(cur, covering_messages, message.id), titles, phase_of)
             for message in programme.key_messages]
    return Coverage(columns, tuple(rows), tuple((p.id, p.title) for p in programme.phases))
