"""CUR301–305: coverage of themes, threads and key messages."""

from __future__ import annotations

from typing import Iterator

from .. import coverage as matrix
from ..findings import Finding, rule
from ..model import Curriculum


def _incomplete(cur: Curriculum, options) -> bool:
    """No programme, or a plan that could not be read: its own errors are
    reported, and coverage counted without it would only repeat them."""
    return cur.programme is None or any(path.startswith("sessions/") for path in options.unreadable)


_LAST: list = [None, None]  # (curriculum, its coverage): five rules read the same matrix


def _rows(cur: Curriculum, kind: str):
    if _LAST[0] is not cur:
        _LAST[:] = [cur, matrix.build(cur)]
    return [row for row in _LAST[1].rows if row.kind == kind]


def _index(cur: Curriculum, key: str, ident: str):
    items = getattr(cur.programme, key)
    position = next(i for i, item in enumerate(items) if item.id == ident)
    return cur.programme_doc.span(key, position, "id")


def _candidates(cur: Curriculum, phases: list[str]) -> str:
    names = [ref.id for ref in cur.programme.contacts if not phases or ref.phase in phases]
    return "contacts that could carry it: " + ", ".join(names) if names else "add a contact first"


@rule("CUR301", "theme-too-few-contacts")
def theme_too_few_contacts(cur: Curriculum, options) -> Iterator[Finding]:
    """Each theme is covered by at least `min_contacts` contacts.

    Bad: `min_contacts: 3` and only two plans list the theme.
    Good: a third contact with an activity that lists it in `themes:`.
    """
    if _incomplete(cur, options):
        return
    for theme, row in zip(cur.programme.themes, _rows(cur, "theme")):
        if 0 < row.count < theme.min_contacts:
            yield theme_too_few_contacts.at(_index(cur, "themes", theme.id),
                                            f"theme '{theme.id}' is covered by {row.count} contacts; {theme.min_contacts} required",
                                            _candidates(cur, theme.phases))


@rule("CUR302", "theme-missing-in-phase")
def theme_missing_in_phase(cur: Curriculum, options) -> Iterator[Finding]:
    """Each theme is covered at least once in every phase it lists.

    Bad: `phases: [antenatal, postnatal]` and only antenatal plans cover it.
    Good: an activity of a postnatal contact lists the theme.
    """
    if _incomplete(cur, options):
        return
    phase_of = {ref.id: ref.phase for ref in cur.programme.contacts}
    for theme, row in zip(cur.programme.themes, _rows(cur, "theme")):
        if not row.count:
            continue
        for phase in theme.phases:
            if not any(acts for cid, acts in row.cells.items() if phase_of[cid] == phase):
                yield theme_missing_in_phase.at(_index(cur, "themes", theme.id),
                                                f"theme '{theme.id}' is not covered in phase '{phase}'",
                                                _candidates(cur, [phase]))


@rule("CUR303", "thread-missing-in-group")
def thread_missing_in_group(cur: Curriculum, options) -> Iterator[Finding]:
    """With `rules.threads_in_every_group`, every group contact touches every
    relational thread.

    Why: the threads (the parent–infant relationship, the couple, wellbeing,
    connection) are woven through every session, not taught once.

    Bad: a group plan where no activity lists `threads: [couple]`.
    Good: the activity where parents talk in pairs lists `couple`.
    """
    if _incomplete(cur, options) or not cur.programme.rules.threads_in_every_group:
        return
    for plan in cur.plans.values():
        if plan.meta.kind != "group":
            continue
        touched = {t for a in plan.meta.activities for t in a.threads}
        for thread in cur.programme.threads:
            if thread.id not in touched:
                yield thread_missing_in_group.at(plan.doc.span("activities"),
                                                 f"no activity of group '{plan.id}' touches thread '{thread.id}'",
                                                 f"add `{thread.id}` to the `threads:` of the activity that carries it")


@rule("CUR304", "message-missing-in-phase")
def message_missing_in_phase(cur: Curriculum, options) -> Iterator[Finding]:
    """Each key message is given at least once in every phase it lists.

    Why: safety messages such as safer sleep must reach parents before and
    after the birth.

    Bad: `safer-sleep` with `phases: [antenatal, postnatal]`, given only antenatally.
    Good: a postnatal activity with `messages: [safer-sleep]`.
    """
    if _incomplete(cur, options):
        return
    phase_of = {ref.id: ref.phase for ref in cur.programme.contacts}
    for message, row in zip(cur.programme.key_messages, _rows(cur, "message")):
        for phase in message.phases:
            if not any(acts for cid, acts in row.cells.items() if phase_of[cid] == phase):
                yield message_missing_in_phase.at(_index(cur, "key_messages", message.id),
                                                  f"key message '{message.id}' is not given in phase '{phase}'",
                                                  _candidates(cur, [phase]))


@rule("CUR305", "never-covered")
def never_covered(cur: Curriculum, options) -> Iterator[Finding]:
    """A theme or thread that no activity covers at all.

    Bad: a theme `support` that no activity lists.
    Good: list it in the `themes:` of the activities that carry it.
    """
    if _incomplete(cur, options):
        return
    for kind, key in (("theme", "themes"), ("thread", "threads")):
        items = getattr(cur.programme, key)
        for item, row in zip(items, _rows(cur, kind)):
            if not row.count and (kind == "thread" or item.min_contacts > 0):
                yield never_covered.at(_index(cur, key, item.id), f"no activity covers {kind} '{item.id}'",
                                       _candidates(cur, getattr(item, "phases", [])))
