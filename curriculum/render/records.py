"""Delivery records the site and the PDFs both show (pure): each contact's
fidelity checklist, the attendance and dose register (and its CSV), and
the evaluation schedule. Everything comes from programme.yml and the plans'
front matter; a restricted measure is named with where to get its licensed
copy, never its items (the curriculum holds none).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..model import Curriculum, Measure, Plan
from .labels import KIND_LABELS, duration

REGISTER_ROWS = 12  # blank family rows on the register and in its CSV

# The evaluation schedule's consent and data-protection reminders, on its
# page and its PDF: generic wording, for any programme (id, heading, points).
# A service overrides the partial that prints them to use its own.
EVALUATION_REMINDERS = (
    ("consent", "Before the first questionnaire: consent", (
        "Explain, in everyday words, what you collect, why, who will see it and how long it is kept.",
        "Taking part is voluntary. A parent can skip any question or say no, and it makes no difference to "
        "their place or their care.",
        "Consent is given by each parent for themselves, and they can change their mind at any time.",
        "Use your service's information sheet and consent form, and an interpreter where needed (never a "
        "relative or partner).",
    )),
    ("privacy", "Each time: privacy and data protection", (
        "Each person completes their own questionnaire in private; offer to read the questions aloud.",
        "Use a participant code on forms, never a name; keep the list that links codes to names apart and "
        "locked away.",
        "Store paper forms locked, enter data only on your organisation's approved systems, and follow its "
        "retention schedule.",
        "If answers suggest someone is struggling or not safe, act on it the same day through your usual "
        "procedures: never leave it on the form.",
        "Report a lost form or data seen by the wrong person to your data protection lead straight away.",
    )),
)


def short_role(title: str) -> str:
    """'Health professional (midwife or health visitor)' -> 'Health professional'."""
    return title.split(" (")[0].strip() or title


# --- the evaluation schedule ---------------------------------------------------


@dataclass(frozen=True)
class Given:
    """One timepoint of the evaluation, at its contact, with its measures."""

    id: str
    title: str
    contact: str  # contact id
    number: int  # the contact's place in the delivery order (0: unknown contact)
    contact_title: str
    timing: str
    measures: tuple[Measure, ...]


def timepoint_title(timepoint) -> str:
    return timepoint.title or timepoint.id.replace("-", " ").capitalize()


def contact_title(cur: Curriculum, contact_id: str) -> str:
    plan = cur.plans.get(contact_id)
    return plan.meta.title if plan else contact_id.replace("-", " ").capitalize()


def schedule(cur: Curriculum) -> tuple[Given, ...]:
    """Every timepoint in delivery order (then as listed), with the measures
    it names that exist (validation reports the others)."""
    programme = cur.programme
    if programme is None or programme.evaluation is None:
        return ()
    measures = {m.id: m for m in programme.evaluation.measures}
    numbers = {ref.id: n for n, ref in enumerate(programme.contacts, 1)}
    timings = {ref.id: ref.timing for ref in programme.contacts}
    found = [Given(t.id, timepoint_title(t), t.contact, numbers.get(t.contact, 0), contact_title(cur, t.contact),
                   timings.get(t.contact, ""), tuple(dict.fromkeys(measures[m] for m in t.measures if m in measures)))
             for t in programme.evaluation.timepoints]
    return tuple(sorted(found, key=lambda given: given.number or len(numbers) + 1))


def given_at(cur: Curriculum, contact_id: str) -> tuple[Given, ...]:
    """The timepoints that fall at one contact (shown in its plan's agenda)."""
    return tuple(given for given in schedule(cur) if given.contact == contact_id)


def measure_uses(cur: Curriculum) -> dict[str, tuple[Given, ...]]:
    """Measure id -> the timepoints that give it."""
    uses: dict[str, list[Given]] = {}
    for given in schedule(cur):
        for measure in given.measures:
            uses.setdefault(measure.id, []).append(given)
    return {key: tuple(value) for key, value in uses.items()}


def measures(cur: Curriculum) -> tuple[Measure, ...]:
    programme = cur.programme
    return tuple(programme.evaluation.measures) if programme and programme.evaluation else ()


def given_line(given: Given) -> str:
    """'Start: Mood scale (each parent); Feedback form (each parent)'."""
    listed = "; ".join(f"{m.title} ({m.completed_by})" for m in given.measures)
    return f"{given.title}: {listed}" if listed else given.title


# --- the fidelity checklist ------------------------------------------------------


@dataclass(frozen=True)
class CheckItem:
    title: str
    minutes: int
    core: bool
    lead: str  # short role title
    messages: tuple[str, ...]  # key message titles this activity delivers


@dataclass(frozen=True)
class MessageGiven:
    title: str
    activities: tuple[str, ...]  # titles of the activities that give it


@dataclass(frozen=True)
class RoleLead:
    title: str  # short role title
    full_title: str
    activities: tuple[str, ...]  # titles of the activities it leads


@dataclass(frozen=True)
class Checklist:
    contact: str
    title: str
    kind: str
    phase: str
    timing: str
    duration: str
    activities: tuple[CheckItem, ...]
    messages: tuple[MessageGiven, ...]  # every key message the contact delivers, once each
    roles: tuple[RoleLead, ...]  # every role of the programme, in its order
    evaluation: tuple[Given, ...]


def checklist(cur: Curriculum, plan: Plan) -> Checklist:
    """A contact's fidelity checklist, from its plan's front matter."""
    programme = cur.programme
    roles = {role.id: role.title for role in programme.roles}
    titles = {m.id: m.title for m in programme.key_messages}
    phases = {phase.id: phase.title for phase in programme.phases}
    meta = plan.meta
    items = tuple(CheckItem(a.title, a.minutes, a.core, short_role(roles.get(a.lead, a.lead)),
                            tuple(titles.get(m, m) for m in a.messages))
                  for a in meta.activities if not a.is_break)  # a break has nothing to tick
    messages = tuple(MessageGiven(message, tuple(item.title for item in items if message in item.messages))
                     for message in dict.fromkeys(message for item in items for message in item.messages))
    leads = tuple(RoleLead(short_role(role.title), role.title,
                           tuple(a.title for a in meta.activities if a.lead == role.id)) for role in programme.roles)
    return Checklist(plan.id, meta.title, KIND_LABELS[meta.kind], phases.get(meta.phase, meta.phase), meta.timing,
                     duration(meta.duration), items, messages, leads, given_at(cur, plan.id))


# --- the attendance and dose register ------------------------------------------------


@dataclass(frozen=True)
class Column:
    id: str
    number: int
    label: str  # short: "Home visit", "Group 3"
    title: str
    phase: str


@dataclass(frozen=True)
class Register:
    columns: tuple[Column, ...]
    phases: tuple[tuple[str, int], ...]  # (phase title, number of columns), in order
    dose: int | None
    rows: int
    dose_sentence: str


def dose_sentence(dose: int | None, total: int) -> str:
    if not dose:
        return f"Count the contacts each family attended, out of {total}."
    return (f"A family has received the programme when they attended at least {dose} of the {total} "
            f"contact{'s' if total != 1 else ''}.")


def register(cur: Curriculum) -> Register:
    programme = cur.programme
    phases = {phase.id: phase.title for phase in programme.phases}
    kinds: dict[tuple[str, str], int] = {}
    for ref in programme.contacts:
        kinds[(ref.phase, ref.kind)] = kinds.get((ref.phase, ref.kind), 0) + 1
    counted: dict[tuple[str, str], int] = {}
    columns = []
    for number, ref in enumerate(programme.contacts, 1):
        key = (ref.phase, ref.kind)
        counted[key] = counted.get(key, 0) + 1
        base = "Group" if ref.kind == "group" else KIND_LABELS[ref.kind]
        label = f"{base} {counted[key]}" if kinds[key] > 1 or ref.kind == "group" else base
        columns.append(Column(ref.id, number, label, contact_title(cur, ref.id), phases.get(ref.phase, ref.phase)))
    spans: list[tuple[str, int]] = []
    for column in columns:
        if spans and spans[-1][0] == column.phase:
            spans[-1] = (column.phase, spans[-1][1] + 1)
        else:
            spans.append((column.phase, 1))
    dose = programme.rules.dose_min_contacts
    return Register(tuple(columns), tuple(spans), dose, REGISTER_ROWS, dose_sentence(dose, len(columns)))


def register_csv(cur: Curriculum) -> str:
    """The register to fill in on a computer: a header row (family, each
    contact id, total) and blank rows."""
    columns = register(cur).columns
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["family", *(column.id for column in columns), "total"])
    for _ in range(REGISTER_ROWS):
        writer.writerow([""] * (len(columns) + 2))
    return out.getvalue()
