"""One family's texts as `curriculum texts` prints them: text for a person,
CSV for a bulk-SMS upload, JSON, or an iCalendar (RFC 5545) file a
coordinator imports into a calendar (pure: a schedule in, a string out)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable

from ..texts import sms
from ..texts.schedule import Schedule


def _day(date) -> str:
    return f"{date:%a} {date.day} {date:%b %Y}"


def _untranslated(found: Schedule, send) -> bool:
    """A text sent in the source's language although another was asked for."""
    return found.language is not None and send.language != found.language


def as_text(found: Schedule) -> str:
    born = f", born {_day(found.birth)}" if found.birth else " (no birth date yet: the birth is taken as the due date)"
    language = f" in {found.language}" if found.language is not None else ""
    lines = [f"{found.title}: weekly texts{language} for a family due {_day(found.due)}{born}", ""]
    for send in found.sends:
        lines.append(f"{_day(send.date)}  {send.time:%H:%M}  {send.text.id}  ({send.when})")
        lines.append(f"    {send.text.text}")
        if _untranslated(found, send):
            lines.append(f"    (not translated into {found.language} yet: sent in {send.language})")
    if not found.sends:
        lines.append("No texts to send.")
    missing = sum(1 for send in found.sends if _untranslated(found, send))
    if missing:
        lines += ["", f"{missing} of {len(found.sends)} texts are not translated into {found.language} yet: "
                      f"they are sent in {found.source_language}."]
    if found.skipped:
        lines += ["", f"Not sent ({len(found.skipped)}):"]
        lines += [f"  {skip.text.id} ({_day(skip.date)}): {skip.reason}" for skip in found.skipped]
    return "\n".join(lines) + "\n"


def as_csv(found: Schedule) -> str:
    """date, time, text, id (and language, when a language was asked for):
    one row a text, RFC 4180 quoting and CRLF rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    language = ["language"] if found.language is not None else []
    writer.writerow(["date", "time", "text", "id", *language])
    for send in found.sends:
        writer.writerow([send.date.isoformat(), f"{send.time:%H:%M}", send.text.text, send.text.id,
                         *([send.language] if language else [])])
    return out.getvalue()


def as_json(found: Schedule) -> str:
    def length(text: str) -> dict:
        measured = sms.measure(text)
        found_length = {"encoding": measured.encoding, "characters": measured.slots, "limit": measured.limit}
        return found_length | ({"parts": sms.parts(text).parts} if found.language is not None else {})

    def language(send) -> dict:
        return {"language": send.language} if found.language is not None else {}

    data = {
        "programme": found.title,
        **({"language": found.language} if found.language is not None else {}),
        "due": found.due.isoformat(),
        "birth": found.birth.isoformat() if found.birth else None,
        "texts": [{"date": s.date.isoformat(), "time": f"{s.time:%H:%M}", "id": s.text.id, "when": s.when,
                   "text": s.text.text, "themes": list(s.text.themes), "sms": length(s.text.text), **language(s)}
                  for s in found.sends],
        "skipped": [{"date": s.date.isoformat(), "id": s.text.id, "reason": s.reason} for s in found.skipped],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- iCalendar ----------------------------------------------------------------


def ics_escape(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma, newline."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return re.sub(r"\r\n|\r|\n", "\\\\n", value)


def ics_fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545 3.1), never inside a
    UTF-8 character; continuation lines start with one space."""
    parts, current, size, limit = [], [], 0, 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # the leading space takes one octet
        current.append(ch)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _slug(title: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", title.lower())) or "curriculum"


def _language_param(found: Schedule, send) -> str:
    """`;LANGUAGE=pl` (RFC 5545 3.2.10) on a text's description when a language was asked for."""
    return f";LANGUAGE={send.language}" if found.language is not None else ""


def as_ics(found: Schedule) -> str:
    """One event a text, at its send time (floating local time: the
    coordinator's own clock), 15 minutes long. UID and DTSTAMP depend only on the schedule (the family's
    due date and the text id), so printing it twice gives the same file and
    importing it again updates the events rather than doubling them."""
    stamp = f"{found.due:%Y%m%d}T000000Z"
    programme = _slug(found.title)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//curriculum//{programme} weekly texts//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{ics_escape(f'{found.title} texts (due {found.due.isoformat()})')}"]
    for send in found.sends:
        start = f"{send.date:%Y%m%d}T{send.time:%H%M}00"
        lines += ["BEGIN:VEVENT", f"UID:{send.text.id}-due-{found.due:%Y%m%d}@{programme}.curriculum",
                  f"DTSTAMP:{stamp}", f"DTSTART:{start}", "DURATION:PT15M",
                  f"SUMMARY:{ics_escape(f'Send text: {send.text.id} ({send.when})')}",
                  f"DESCRIPTION{_language_param(found, send)}:{ics_escape(send.text.text)}", "TRANSP:TRANSPARENT",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) + "\r\n" for line in lines)


FORMATS: dict[str, Callable[[Schedule], str]] = {"text": as_text, "csv": as_csv, "json": as_json, "ics": as_ics}


EARLIEST_BIRTH_WEEKS = 22  # of pregnancy: an earlier birth date is taken for a typo
LATEST_BIRTH_WEEKS = 44


def birth_problem(due, birth) -> str:
    """Why a birth date cannot go with this due date ('' when it can)."""
    import datetime as dt

    if birth is None:
        return ""
    weeks = (birth - due).days / 7 + 40
    if weeks < EARLIEST_BIRTH_WEEKS or weeks > LATEST_BIRTH_WEEKS:
        first = due - dt.timedelta(weeks=40 - EARLIEST_BIRTH_WEEKS)
        last = due + dt.timedelta(weeks=LATEST_BIRTH_WEEKS - 40)
        return (f"a birth on {birth.isoformat()} is {weeks:.0f} weeks into a pregnancy due {due.isoformat()}; "
                f"give a date from {first.isoformat()} to {last.isoformat()} (check the year)")
    return ""
