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


def activity_line(start: int, minutes: int, lead: str, core: bool) -> str:
    """What a facilitator needs under an activity's heading, mid-session:
    '0:20 · 25 minutes · led by Health professional · core'."""
    return f"{clock(start)} · {duration(minutes)} · led by {lead} · {'core' if core else 'flexible'}"


def activity_lines(activities, roles: dict[str, str]) -> dict[str, str]:
    """Each activity's id -> its activity_line, in a plan's order of activities."""
    lines, start = {}, 0
    for activity in activities:
        lines[activity.id] = activity_line(start, activity.minutes, roles.get(activity.lead, activity.lead), activity.core)
        start += activity.minutes
    return lines
