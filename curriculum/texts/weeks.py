"""Where a text or a contact falls in a family's weeks (pure).

A place is counted in days from one of two anchors: the due date (40 weeks
of pregnancy) or the birth. `weeks_pregnant: 29` is 11 weeks before the due
date; `weeks_after_birth: 3` is 21 days after the birth; `before: <contact>,
days: 2` is two days before that contact's `week:` (`after:` two days
after it). Until a birth date is
known the birth is taken to be on the due date, so one timeline of weeks
runs through both anchors: week -11 is 29 weeks of pregnancy, week 0 the
week of the due date, week 3 three weeks after the birth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Curriculum, TextWhen, Week, WeeklyText

TERM_WEEKS = 40
DUE = "due"  # anchored on the due date (pregnancy)
BIRTH = "birth"  # anchored on the birth
# The weeks a text or a contact may name.
PREGNANT_WEEKS = range(4, 43)  # 4 to 42 weeks of pregnancy
AFTER_BIRTH_WEEKS = range(0, 105)  # the birth to two years
MAX_DAYS_BEFORE = 28


@dataclass(frozen=True, order=True)
class Place:
    days: int  # from the anchor
    anchor: str  # DUE or BIRTH

    @property
    def week(self) -> int:
        """The week on the one timeline (birth taken on the due date)."""
        return self.days // 7


def week_form(week: Week) -> str | None:
    """'weeks_pregnant' or 'weeks_after_birth' when exactly one is set."""
    keys = [key for key in ("weeks_pregnant", "weeks_after_birth") if getattr(week, key) is not None]
    return keys[0] if len(keys) == 1 else None


def week_place(week: Week | None) -> Place | None:
    """Where a week (a contact's `week:` or a text's) falls; None when it is
    not exactly one week in range."""
    if week is None:
        return None
    form = week_form(week)
    if form == "weeks_pregnant" and week.weeks_pregnant in PREGNANT_WEEKS:
        return Place((week.weeks_pregnant - TERM_WEEKS) * 7, DUE)
    if form == "weeks_after_birth" and week.weeks_after_birth in AFTER_BIRTH_WEEKS:
        return Place(week.weeks_after_birth * 7, BIRTH)
    return None


def when_form(when: TextWhen) -> str | None:
    """'weeks_pregnant', 'weeks_after_birth', 'before' or 'after' when `when`
    is exactly one of the four forms, else None."""
    if when.before is None and when.after is None and when.days is None:
        return week_form(when)
    weekless = when.weeks_pregnant is None and when.weeks_after_birth is None
    if not weekless or when.days is None or (when.before is None) == (when.after is None):
        return None
    return "before" if when.before is not None else "after"


def when_contact(when: TextWhen) -> str | None:
    """The contact a `when` counts from (`before:` or `after:`), if any."""
    return when.before if when.before is not None else when.after


def contact_places(cur: Curriculum) -> dict[str, Place]:
    """Contacts with a usable `week:`, by id."""
    if cur.programme is None:
        return {}
    return {ref.id: place for ref in cur.programme.contacts if (place := week_place(ref.week)) is not None}


def text_place(text: WeeklyText, contacts: dict[str, Place]) -> Place | None:
    """Where a text falls, or None when its `when` does not name a real week
    or contact (the rules say why)."""
    when = text.when
    form = when_form(when)
    if form not in ("before", "after"):
        return week_place(when) if form else None
    contact = contacts.get(when_contact(when))
    if contact is None or when.days > MAX_DAYS_BEFORE:
        return None
    return Place(contact.days + (when.days if form == "after" else -when.days), contact.anchor)


def week_label(week: int) -> str:
    """A week of the one timeline in words."""
    if week < 0:
        return f"{TERM_WEEKS + week} weeks of pregnancy"
    if week == 0:
        return "the week of the due date (40 weeks of pregnancy)"
    return f"{week} week{'s' if week != 1 else ''} after the birth"


def place_label(place: Place) -> str:
    """`29 weeks of pregnancy`, `3 weeks after the birth`, with the days over."""
    weeks, days = divmod(place.days, 7)
    extra = f" and {days} day{'s' if days != 1 else ''}" if days else ""
    if place.anchor == DUE:
        return f"{TERM_WEEKS + weeks} weeks{extra} of pregnancy"
    if place.days < 0:
        return f"{-place.days} days before the birth"
    return f"{weeks} week{'s' if weeks != 1 else ''}{extra} after the birth"


_TIMING = re.compile(r"(\d+)(?:\s*[–-]\s*\d+)?\s+weeks?\s+(of pregnancy|pregnant|after (?:the )?birth)", re.I)


def week_from_timing(timing: str) -> str | None:
    """A `week:` to suggest from a contact's timing text ("About 29 weeks of
    pregnancy", "2–6 weeks after the birth": its first number), for a hint
    only: the week itself is never guessed from free text."""
    match = _TIMING.search(timing)
    if not match:
        return None
    key = "weeks_pregnant" if "preg" in match.group(2).lower() else "weeks_after_birth"
    return f"week: {{{key}: {match.group(1)}}}"
