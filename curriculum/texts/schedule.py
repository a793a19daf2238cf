"""One family's weekly texts, dated (pure).

Texts by weeks of pregnancy count back from the due date (40 weeks);
texts by weeks after the birth count on from the birth, taken to be the
due date until a birth date is given; a reminder before a contact falls
`days` before (or after) that contact's `week:` and moves with it. Once the baby is
born, pregnancy texts dated on or after the birth are not sent, nor
texts after the birth dated before it.

In a language of translations/ (`lang`), each text that language's
texts.yml translates is sent in its words; any other is sent in the
source's language, and its Send says so (`language`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Curriculum, TranslatedTexts, WeeklyText
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
    language: str = ""  # the language of `text.text` (a tag), when a language was asked for


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
    language: str | None = None  # the language asked for (None: the source's, as written)
    source_language: str = "en"  # the language of texts.yml


def translated_words(cur: Curriculum, lang: str) -> dict[str, str]:
    """The words of each text the language `lang` translates, by id (none
    when the language has no texts.yml, or it cannot be read)."""
    language = cur.translations.get(lang)
    for translation in language.files.values() if language else ():
        if isinstance(translation.meta, TranslatedTexts) and translation.source_hash is not None:
            return translation.meta.by_id()
    return {}


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


def _in_language(text: WeeklyText, words: dict[str, str], lang: str | None, source: str) -> tuple[WeeklyText, str]:
    if lang is None:
        return text, ""
    if text.id in words:
        return text.model_copy(update={"text": words[text.id]}), lang
    return text, source


def schedule(cur: Curriculum, due: dt.date, birth: dt.date | None = None, time: dt.time = DEFAULT_TIME,
             lang: str | None = None) -> Schedule:
    """Every text of texts.yml with its date for a family with this due date
    (and birth date, once known), by date then file order, in the language
    `lang` where it is translated (a tag of cur.translations; None: as
    written). Texts whose `when` cannot be dated (validation reports them)
    are left out."""
    contacts = weeks.contact_places(cur)
    source = cur.programme.language if cur.programme else "en"
    words = translated_words(cur, lang) if lang is not None else {}
    sends, skipped = [], []
    for order, written in enumerate(cur.texts.items if cur.texts else ()):
        text, language = _in_language(written, words, lang, source)
        place = weeks.text_place(text, contacts)
        if place is None:
            continue
        date = date_of(place, due, birth)
        reason = _skip_reason(place, date, birth)
        if reason:
            skipped.append((date, order, Skip(date, text, reason)))
        else:
            sends.append((date, order, Send(date, time, text, place, when_words(cur, text, place), language)))
    title = cur.programme.title if cur.programme else ""
    return Schedule(title, due, birth, time, tuple(s for *_, s in sorted(sends, key=lambda s: s[:2])),
                    tuple(s for *_, s in sorted(skipped, key=lambda s: s[:2])), lang, source)
