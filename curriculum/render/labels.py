"""Words and numbers the site and the PDFs both print (pure)."""

from __future__ import annotations

import datetime as dt

KIND_LABELS = {"group": "Group session", "home-visit": "Home visit"}


def clock(minutes: int) -> str:
    """An offset from the start as h:mm: 0:00, 0:25, 1:05."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def duration(minutes: int) -> str:
    """90 -> '1 hour 30 minutes'; 45 -> '45 minutes'."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour" + ("s" if hours > 1 else ""))
    if rest or not hours:
        parts.append(f"{rest} minute" + ("s" if rest != 1 else ""))
    return " ".join(parts)


def long_date(day: dt.date | None, language: str = "en") -> str:
    """'4 December 2026' in English; the ISO date in other languages (month
    names would need a translation table); '' for no date."""
    if day is None:
        return ""
    if language.lower().startswith("en"):
        return f"{day.day} {day:%B %Y}"
    return day.isoformat()


def edition_label(programme, language: str = "en") -> str:
    """Which version of the programme a page or PDF shows: 'version 2.1 ·
    4 December 2026' once released, 'version 2.1 · draft' before, or 'draft'
    with no version (FORMAT.md section 12). Never a hash: a parent or a
    trainer must be able to read it."""
    parts = [f"version {programme.version}"] if programme.version else []
    parts.append(long_date(programme.released, language) if programme.released else "draft")
    return " · ".join(parts)


BREAK_LEAD = "No one: a break"  # what the agenda's lead column says for a break (`break: true`)


def activity_line(start: int, minutes: int, lead: str, core: bool, is_break: bool = False) -> str:
    """What a facilitator needs under an activity's heading, mid-session:
    '0:20 · 25 minutes · led by Health professional · core', or for a break
    '1:00 · 15 minutes · break'."""
    if is_break:
        return f"{clock(start)} · {duration(minutes)} · break"
    return f"{clock(start)} · {duration(minutes)} · led by {lead} · {'core' if core else 'flexible'}"


def lead_label(activity, roles: dict[str, str]) -> str:
    """Who leads an activity, as the agenda shows it: the role's title, or
    BREAK_LEAD for a break."""
    if activity.is_break or activity.lead is None:
        return BREAK_LEAD
    return roles.get(activity.lead, activity.lead)


def activity_lines(activities, roles: dict[str, str]) -> dict[str, str]:
    """Each activity's id -> its activity_line, in a plan's order of activities."""
    lines, start = {}, 0
    for activity in activities:
        lines[activity.id] = activity_line(start, activity.minutes, lead_label(activity, roles), activity.core,
                                           activity.is_break)
        start += activity.minutes
    return lines


# Printed on a translation whose source changed after it was translated, after
# the translation's own `stale_notice`: a reader must never take old advice for
# current advice, even where the language gives no words of its own for this.
STALE_NOTICE = ("This translation may be out of date: the original has changed since it was translated. "
                "Check the original version.")


def translation_notices(translation, meta) -> tuple[tuple[str, str, bool], ...]:
    """(kind, words, in the source's language) a translated page or PDF
    shows above its text: "stale" (the language's words, then ours) and
    "unreviewed"."""
    found = []
    if translation.stale:
        found += [("stale", meta.stale_notice, False)] if meta.stale_notice else []
        found.append(("stale", STALE_NOTICE, True))
    if translation.reviewed is None and meta.unreviewed_notice:
        found.append(("unreviewed", meta.unreviewed_notice, False))
    return tuple(found)
