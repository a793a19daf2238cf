"""CUR301–305: coverage of themes, threads and key messages."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, rule
from ...model import Curriculum
from .. import coverage as matrix


def _incomplete(cur: Curriculum, options) -> bool:
    """No programme, or a plan that could not be read: its own errors are
    reported, and coverage counted without it would only repeat them."""
    return cur.programme is None or any(path.startswith("sessions/") for path in options.unreadable)


_LAST: list = [None, None]  # (curriculum, its coverage): five rules read the same matrix


def _rows(cur: Curriculum, kind: str):
    if _LAST[0] is not cur:
        _LAST[:] = [cur, matrix.build(cur)]
    items = {"theme": cur.programme.themes, "thread": cur.programme.threads, "message": cur.programme.key_messages}[kind]
    return zip(items, [row for row in _LAST[1].rows if row.kind == kind])


def _failures(cur: Curriculum, options, kind: str, code: str):
    """(programme item, its row, failure) of every failure of the matrix that
    this rule reports: the rule and the `coverage` command agree by design."""
    if _incomplete(cur, options):
        return
    for item, row in _rows(cur, kind):
        for failure in row.failures:
            if failure.code == code:
                yield item, row, failure


def _known_phases(cur: Curriculum, phases) -> list[str]:
    """The phases that exist: a misspelt one is CUR201's finding, and no
    contact could ever cover it."""
    known = {phase.id for phase in cur.programme.phases}
    return [phase for phase in phases if phase in known]


def _index(cur: Curriculum, key: str, ident: str):
    items = getattr(cur.programme, key)
    position = next(i for i, item in enumerate(items) if item.id == ident)
    return cur.programme_doc.span(key, position, "id")


def _candidates(cur: Curriculum, phases: list[str]) -> str:
    phases = _known_phases(cur, phases)
    names = [ref.id for ref in cur.programme.contacts if not phases or ref.phase in phases]
    return "contacts that could carry it: " + ", ".join(names) if names else "add a contact first"


@rule("CUR301", "theme-too-few-contacts")
def theme_too_few_contacts(cur: Curriculum, options) -> Iterator[Finding]:
    """Each theme is covered by at least `min_contacts` contacts.

    A theme that no contact covers is CUR305's.

    Bad: `min_contacts: 3` and only two plans list the theme.
    Good: a third contact with an activity that lists it in `themes:`.
    """
    for theme, row, _ in _failures(cur, options, "theme", "CUR301"):
        yield theme_too_few_contacts.at(_index(cur, "themes", theme.id),
                                        f"theme '{theme.id}' is covered by {row.count} contacts; {theme.min_contacts} required",
                                        _candidates(cur, theme.phases))


@rule("CUR302", "theme-missing-in-phase")
def theme_missing_in_phase(cur: Curriculum, options) -> Iterator[Finding]:
    """Each theme is covered at least once in every phase it lists, whatever
    its `min_contacts` (even 0).

    A theme that no contact covers is CUR305's.

    Bad: `phases: [antenatal, postnatal]` and only antenatal plans cover it.
    Good: an activity of a postnatal contact lists the theme.
    """
    for theme, _, failure in _failures(cur, options, "theme", "CUR302"):
        for phase in _known_phases(cur, failure.subjects):
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
    for thread, _, failure in _failures(cur, options, "thread", "CUR303"):
        for contact in failure.subjects:
            yield thread_missing_in_group.at(cur.plans[contact].doc.span("activities"),
                                             f"no activity of group '{contact}' touches thread '{thread.id}'",
                                             f"add `{thread.id}` to the `threads:` of the activity that carries it")


@rule("CUR304", "message-missing-in-phase")
def message_missing_in_phase(cur: Curriculum, options) -> Iterator[Finding]:
    """Each key message is given at least once in every phase it lists.

    Why: safety messages such as safer sleep must reach parents before and
    after the birth.

    Bad: `safer-sleep` with `phases: [antenatal, postnatal]`, given only antenatally.
    Good: a postnatal activity with `messages: [safer-sleep]`.
    """
    for message, _, failure in _failures(cur, options, "message", "CUR304"):
        for phase in _known_phases(cur, failure.subjects):
            yield message_missing_in_phase.at(_index(cur, "key_messages", message.id),
                                              f"key message '{message.id}' is not given in phase '{phase}'",
                                              _candidates(cur, [phase]))


@rule("CUR305", "never-covered")
def never_covered(cur: Curriculum, options) -> Iterator[Finding]:
    """A theme, thread or key message that no activity covers at all.

    This counts for every thread, for a key message that lists no phases
    (one that does is CUR304's), and for a theme with `min_contacts` above
    0 or any `phases` (reported once here, not again as CUR301 or CUR302).
    A theme with `min_contacts: 0` and no phases is optional.

    Bad: a theme `support` that no activity lists.
    Good: list it in the `themes:` of the activities that carry it.
    """
    for kind, key, what in (("theme", "themes", "covers theme"), ("thread", "threads", "covers thread"),
                            ("message", "key_messages", "gives key message")):
        for item, _, _ in _failures(cur, options, kind, "CUR305"):
            yield never_covered.at(_index(cur, key, item.id), f"no activity {what} '{item.id}'",
                                   _candidates(cur, getattr(item, "phases", [])))
