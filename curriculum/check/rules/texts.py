"""CUR230–234, CUR330, CUR530–533: the weekly texts (texts.yml).

A text names a real week or contact, fits one SMS, and reads as plainly as
a parents handout; `rules.texts_every_week` asks for a text in every week
from the first contact to the last. The codes sit in the families their
checks belong to (references, coverage, readability), in a range of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...findings import Finding, Span, rule
from ...model import Curriculum, Week, WeeklyText
from ...texts import sms, weeks
from .. import readability
from ._util import did_you_mean
from .plain_english import _PLAIN, BASE, PLAIN_WORDS

_LINK = re.compile(r"(?:https?://|www\.)\S+", re.I)
GRADE_MIN_WORDS = 10  # a reading grade of fewer words says little


def _texts(cur: Curriculum) -> Iterator[tuple[WeeklyText, Span]]:
    """Every typed text, with where its `text:` stands."""
    if cur.texts is not None:
        for number, text in enumerate(cur.texts.items):
            yield text, cur.texts.span(number, "text")


def _when_at(cur: Curriculum, text: WeeklyText, *key) -> Span:
    """Where a key of a text's `when` stands (ids are unique in cur.texts)."""
    number = next(n for n, item in enumerate(cur.texts.items) if item.id == text.id)
    return cur.texts.span(number, "when", *key)


def _contact_weeks(cur: Curriculum) -> Iterator[tuple[int, Week]]:
    """(index in programme.yml's contacts, week) of contacts with a `week:`."""
    if cur.programme is not None:
        for index, ref in enumerate(cur.programme.contacts):
            if ref.week is not None:
                yield index, ref.week


def _week_problem(week: Week) -> tuple[str, str] | None:
    """(key, what is wrong) with a week that names one out of range."""
    if week.weeks_pregnant is not None and week.weeks_pregnant not in weeks.PREGNANT_WEEKS:
        first, last = weeks.PREGNANT_WEEKS[0], weeks.PREGNANT_WEEKS[-1]
        return "weeks_pregnant", f"weeks_pregnant: {week.weeks_pregnant} is not a week of pregnancy ({first} to {last})"
    if week.weeks_after_birth is not None and week.weeks_after_birth not in weeks.AFTER_BIRTH_WEEKS:
        last = weeks.AFTER_BIRTH_WEEKS[-1]
        return "weeks_after_birth", (f"weeks_after_birth: {week.weeks_after_birth} is not a week after the birth "
                                     f"(0 to {last})")
    return None


_WHEN_HINT = ("write one of: {weeks_pregnant: 29}, {weeks_after_birth: 3}, "
              "{before: <contact id>, days: 1} or {after: <contact id>, days: 3}")


@rule("CUR230", "text-when")
def text_when(cur: Curriculum, options) -> Iterator[Finding]:
    """A text's `when` is exactly one of `{weeks_pregnant: N}`,
    `{weeks_after_birth: N}`, `{before: <contact>, days: N}` or
    `{after: <contact>, days: N}`; a contact's `week:` in programme.yml is
    exactly one of the first two.

    Why: a text with two answers to "when?" (or none) cannot be put on a
    family's calendar; the schedule would have to guess.

    Bad: `when: {weeks_pregnant: 29, before: antenatal-1}` or `when: {before: antenatal-1}`.
    Good: `when: {before: antenatal-1, days: 2}`.
    """
    for text, _ in _texts(cur):
        if weeks.when_form(text.when) is None:
            yield text_when.at(_when_at(cur, text), f"text '{text.id}': `when` must name one week or one contact",
                               _WHEN_HINT)
    for index, week in _contact_weeks(cur):
        if weeks.week_form(week) is None:
            yield text_when.at(cur.programme_doc.span("contacts", index, "week"),
                               f"contact '{cur.programme.contacts[index].id}': `week` must name one week",
                               "write {weeks_pregnant: 30} or {weeks_after_birth: 6}")


@rule("CUR231", "text-week-out-of-range")
def text_week_out_of_range(cur: Curriculum, options) -> Iterator[Finding]:
    """A week names a real week: 4 to 42 weeks of pregnancy, 0 to 104 weeks
    after the birth, and a reminder at most 28 days before its contact
    or after it (in texts.yml `when` and a contact's `week:`).

    Why: `weeks_pregnant: 92` (a typo for 29) would be sent long after the
    birth, or never; a family would miss the text.

    Bad: `when: {weeks_pregnant: 92}`.
    Good: `when: {weeks_pregnant: 29}`.
    """
    for text, _ in _texts(cur):
        problem = _week_problem(text.when)
        if problem:
            yield text_week_out_of_range.at(_when_at(cur, text, problem[0]), f"text '{text.id}': {problem[1]}",
                                            "count weeks of pregnancy from 0 to 40 (the due date)")
        elif text.when.days is not None and text.when.days > weeks.MAX_DAYS_BEFORE:
            yield text_week_out_of_range.at(_when_at(cur, text, "days"),
                                            f"text '{text.id}': days: {text.when.days} is more than "
                                            f"{weeks.MAX_DAYS_BEFORE} days from the contact",
                                            "use a week (weeks_pregnant or weeks_after_birth) for a text so far away")
    for index, week in _contact_weeks(cur):
        problem = _week_problem(week)
        if problem:
            yield text_week_out_of_range.at(cur.programme_doc.span("contacts", index, "week", problem[0]),
                                            f"contact '{cur.programme.contacts[index].id}': {problem[1]}",
                                            "count weeks of pregnancy from 0 to 40 (the due date)")


@rule("CUR232", "text-unknown-contact")
def text_unknown_contact(cur: Curriculum, options) -> Iterator[Finding]:
    """`before:` or `after:` names a contact listed in programme.yml.

    Why: a reminder for a contact that does not exist (or was renamed) would
    never be sent, and nobody would notice.

    Bad: `when: {before: antenatal-one, days: 2}`.
    Good: `when: {before: antenatal-1, days: 2}`.
    """
    if cur.programme is None:
        return
    known = [ref.id for ref in cur.programme.contacts]
    for text, _ in _texts(cur):
        contact = weeks.when_contact(text.when)
        if contact is not None and contact not in known:
            key = "before" if text.when.before is not None else "after"
            yield text_unknown_contact.at(_when_at(cur, text, key),
                                          f"text '{text.id}': no contact '{contact}' in programme.yml",
                                          did_you_mean(contact, known))


@rule("CUR233", "contact-without-week")
def contact_without_week(cur: Curriculum, options) -> Iterator[Finding]:
    """A contact that a text is sent before or after has a `week:` in
    programme.yml.

    Why: a contact's `timing` ("26–30 weeks of pregnancy") is written for
    people; the schedule needs one week to count the reminder back from,
    and never guesses it from the words.

    Bad: `- {id: antenatal-1, kind: group, phase: antenatal, timing: "About 29 weeks of pregnancy"}`
    with a text `when: {before: antenatal-1, days: 2}`.
    Good: the same contact with `week: {weeks_pregnant: 29}`.
    """
    if cur.programme is None:
        return
    refs = {ref.id: (index, ref) for index, ref in enumerate(cur.programme.contacts)}
    placed = weeks.contact_places(cur)
    reported = set()
    for text, _ in _texts(cur):
        contact = weeks.when_contact(text.when)
        if contact in refs and contact not in placed and contact not in reported and refs[contact][1].week is None:
            reported.add(contact)
            index, ref = refs[contact]
            suggestion = weeks.week_from_timing(ref.timing)
            yield contact_without_week.at(cur.programme_doc.span("contacts", index),
                                          f"contact '{contact}' has no `week:`, so text '{text.id}' cannot be dated",
                                          f"add {suggestion} (from its timing)" if suggestion else
                                          "add week: {weeks_pregnant: N} or week: {weeks_after_birth: N}")


@rule("CUR234", "text-unknown-theme")
def text_unknown_theme(cur: Curriculum, options) -> Iterator[Finding]:
    """A text's `themes` are themes of programme.yml.

    Bad: `themes: [unborn-babby]`.
    Good: `themes: [unborn-baby]`.
    """
    if cur.programme is None:
        return
    known = [theme.id for theme in cur.programme.themes]
    for number, text in enumerate(cur.texts.items if cur.texts else ()):
        for position, theme in enumerate(text.themes):
            if theme not in known:
                yield text_unknown_theme.at(cur.texts.span(number, "themes", position),
                                            f"text '{text.id}': unknown theme '{theme}'", did_you_mean(theme, known))


def _ranges(numbers: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return runs


def missing_weeks_text(missing: list[int]) -> str:
    """Weeks of the timeline in words, consecutive ones as a range:
    `30–32 weeks of pregnancy, 4 weeks after the birth`."""
    parts = []
    for run in _ranges(missing):
        first, last = run[0], run[-1]
        if first == last:
            parts.append(weeks.week_label(first))
        elif last < 0:
            parts.append(f"{weeks.TERM_WEEKS + first}–{weeks.TERM_WEEKS + last} weeks of pregnancy")
        elif first > 0:
            parts.append(f"{first}–{last} weeks after the birth")
        else:
            parts.append(f"{weeks.week_label(first)} to {weeks.week_label(last)}")
    return ", ".join(parts)


@rule("CUR330", "texts-every-week")
def texts_every_week(cur: Curriculum, options) -> Iterator[Finding]:
    """With `rules.texts_every_week: true`, every week from the first contact
    to the last (by the contacts' `week:`) has at least one text in
    texts.yml; reminders count in the week they are sent. The finding lists
    the weeks without one.

    Why: the texts carry the programme between sessions; a gap of a week
    or two is when families drift away.

    Bad: texts for 29 and 31 weeks of pregnancy, none for 30.
    Good: a text for each week, or `texts_every_week: false`.
    """
    if cur.programme is None or not cur.programme.rules.texts_every_week:
        return
    rule_at = cur.programme_doc.span("rules", "texts_every_week")
    contacts = weeks.contact_places(cur)
    if cur.texts is None or not contacts:
        yield texts_every_week.at(rule_at, "texts_every_week is true but " +
                                  ("there is no texts.yml" if cur.texts is None else "no contact has a `week:`"),
                                  "add texts.yml" if cur.texts is None else "give the contacts a `week:` in programme.yml")
        return
    first, last = min(p.week for p in contacts.values()), max(p.week for p in contacts.values())
    sent = {place.week for text in cur.texts.items if (place := weeks.text_place(text, contacts)) is not None}
    missing = [week for week in range(first, last + 1) if week not in sent]
    if missing:
        yield texts_every_week.at(Span(cur.texts.doc.path, 1, 1),
                                  f"{len(missing)} week{'s' if len(missing) != 1 else ''} without a text: "
                                  f"{missing_weeks_text(missing)}",
                                  "add a text for each of these weeks, or set texts_every_week: false")


@rule("CUR530", "text-too-long-for-sms")
def text_too_long_for_sms(cur: Curriculum, options) -> Iterator[Finding]:
    """A text fits one SMS: 160 characters of the GSM 03.38 alphabet, where
    `€ [ ] { } ^ ~ \\ |` take two each; or only 70 if any character is
    outside that alphabet (a curly apostrophe ’, a long dash –, an emoji:
    the phone then sends UCS-2). A link counts at its full length. The
    finding names the character that forced the switch.

    Why: a longer text is split into two or three messages, which cost more,
    can arrive out of order, and some phones show as separate texts.

    Bad: "We’re thinking of you..." (a curly apostrophe: the limit drops to 70).
    Good: "We're thinking of you..." (a straight apostrophe: 160).
    """
    for text, where in _texts(cur):
        length = sms.measure(text.text)
        if length.fits:
            continue
        links = _LINK.findall(text.text)
        counted = f" (the link counts at its full length, {sum(len(link) for link in links)} characters)" if links else ""
        if length.encoding == "GSM":
            yield text_too_long_for_sms.at(where, f"text '{text.id}' takes {length.slots} characters of one SMS's "
                                                  f"{length.limit}{counted}",
                                           f"cut {length.slots - length.limit} characters; "
                                           "€ [ ] { } ^ ~ \\ | count as two")
            continue
        yield text_too_long_for_sms.at(
            where, f"text '{text.id}' is {length.slots} characters, but {sms.describe(length.switch)} at character "
                   f"{length.switch_at + 1} is not in the GSM alphabet, so the whole text is sent as UCS-2 and one "
                   f"SMS holds only {length.limit}{counted}",
            f"{sms.replacement_hint(length.switch)} (and check the text for others like it)")


def _grade_limit(cur: Curriculum) -> float | None:
    return cur.programme.rules.handout_max_grade if cur.programme else None


@rule("CUR531", "text-reading-grade")
def text_reading_grade(cur: Curriculum, options) -> Iterator[Finding]:
    """A text of 10 words or more reads at or below `rules.handout_max_grade`
    (Flesch–Kincaid grade), the limit for parents handouts. (A grade from a
    few words says little: "Group tomorrow." would be grade 8.8.)

    Bad: "Commencing regular communication with your unborn infant facilitates attachment."
    Good: "Your baby can hear you now. Talk to your bump today."
    """
    limit = _grade_limit(cur)
    if limit is None:
        return
    for text, where in _texts(cur):
        found = readability.sentences(text.text, where.line or 1)
        grade = readability.flesch_kincaid_grade(found)
        if sum(sentence.words for sentence in found) >= GRADE_MIN_WORDS and grade > limit:
            yield text_reading_grade.at(where, f"text '{text.id}' reads at grade {grade}, over {limit:g}",
                                        "use short sentences and everyday words")


@rule("CUR532", "text-sentence-too-long")
def text_sentence_too_long(cur: Curriculum, options) -> Iterator[Finding]:
    """No sentence of a text is longer than `rules.sentence_max_words`
    words, the limit for parents handouts.

    Bad: one sentence of 30 words saying what, when and who to call.
    Good: three short sentences.
    """
    if cur.programme is None or cur.programme.rules.sentence_max_words is None:
        return
    limit = cur.programme.rules.sentence_max_words
    for text, where in _texts(cur):
        for sentence in readability.sentences(text.text, where.line or 1):
            if sentence.words > limit:
                yield text_sentence_too_long.at(where, f"text '{text.id}' has a sentence of {sentence.words} words "
                                                       f"(the limit is {limit})", "split it into two short sentences")


@rule("CUR533", "text-plain-word", "warning")
def text_plain_word(cur: Curriculum, options) -> Iterator[Finding]:
    """A long word in a text that has a plain alternative (the list of
    `plain-word`, CUR511).

    Bad: "Remember to purchase nappies."
    Good: "Remember to buy nappies."
    """
    for text, where in _texts(cur):
        for match in _PLAIN.finditer(text.text):
            word = match.group(0)
            base = BASE[word.lower()]
            yield text_plain_word.at(where, f"text '{text.id}': '{word}' has a plainer alternative",
                                     f"try: {PLAIN_WORDS[base]}")
