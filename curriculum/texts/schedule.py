"""One family's weekly texts, dated (pure).

Texts by weeks of pregnancy count back from the due date (40 weeks);
texts by weeks after the birth count on from the birth, taken to be the
due date until a birth date is given; a reminder before a contact falls
`days` before (or after) that contact's `week:` and moves with it. Once the baby is
born, pregnancy texts dated on or after the birth are not sent, nor
texts after the birth dated before it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Curriculum, WeeklyText
from . import weeks

DEFAULT_TIME = dt.time(10, 0)


@dataclass(frozen=True)
class Send:
    """One text on one date."""

    date: dt.date
    time: dt.time
    text: WeeklyText
    place: weeks.Place
    when: str  # "29 weeks of pregnancy", "2 days before Our growing baby"


@dataclass(frozen=True)
class Skip:
    """A text not sent to this family, and why."""

    date: dt.date
    text: WeeklyText
    reason: str


@dataclass(frozen=True)
class Schedule:
    title: str  # the programme's
    due: dt.date
    birth: dt.date | None
    time: dt.time
    sends: tuple[Send, ...]
    skipped: tuple[Skip, ...]


def when_words(cur: Curriculum, text: WeeklyText, place: weeks.Place, named: bool = True) -> str:
    """When a text is sent, in words: "29 weeks of pregnancy", "the day
    before Our growing baby" (without the contact's title unless named)."""
    contact = weeks.when_contact(text.when)
    if contact is None:
        return weeks.place_label(place)
    plan = cur.plans.get(contact)
    name = f" {plan.meta.title if plan else contact}" if named else ""
    days = text.when.days
    side = "before" if text.when.before is not None else "after"
    return f"{'the day' if days == 1 else f'{days} days'} {side}{name}" if days else f"the day of{name}"


def date_of(place: weeks.Place, due: dt.date, birth: dt.date | None) -> dt.date:
    anchor = due if place.anchor == weeks.DUE else (birth or due)
    return anchor + dt.timedelta(days=place.days)


def _skip_reason(place: weeks.Place, date: dt.date, birth: dt.date | None) -> str:
    if birth is None:
        return ""
    if place.anchor == weeks.DUE and date >= birth:
        return "a pregnancy text dated on or after the birth"
    if place.anchor == weeks.BIRTH and date < birth:
        return "dated before the birth"
    return ""


def schedule(cur: Curriculum, due: dt.date, birth: dt.date | None = None, time: dt.time = DEFAULT_TIME) -> Schedule:
    """Every text of texts.yml with its date for a family with this due date
    (and birth date, once known), by date then file order. Texts whose
    `when` cannot be dated (validation reports them) are left out."""
    contacts = weeks.contact_places(cur)
    sends, skipped = [], []
    for order, text in enumerate(cur.texts.items if cur.texts else ()):
        place = weeks.text_place(text, contacts)
        if place is None:
            continue
        date = date_of(place, due, birth)
        reason = _skip_reason(place, date, birth)
        if reason:
            skipped.append((date, order, Skip(date, text, reason)))
        else:
            sends.append((date, order, Send(date, time, text, place, when_words(cur, text, place))))
    title = cur.programme.title if cur.programme else ""
    return Schedule(title, due, birth, time, tuple(s for *_, s in sorted(sends, key=lambda s: s[:2])),
                    tuple(s for *_, s in sorted(skipped, key=lambda s: s[:2])))
