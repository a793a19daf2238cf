"""CUR501–504: what may reach parents, and which handouts are used."""

from __future__ import annotations

import re
from typing import Iterator

from .. import markdown_scan
from ..findings import Finding, Span, rule
from ..model import Curriculum, Handout

_BLOCK = re.compile(r"^\s*(?:!!!|\?\?\?\+?|///)\s*([\w-]+)")
_SAFEGUARDING = re.compile(
    r"\b(safeguarding|child protection|children's social care referral|section 47|MASH|disclosure)\b", re.I)
FACILITATOR_FOLDERS = ("facilitator_notes/", "sessions/")


def parent_handouts(cur: Curriculum) -> list[Handout]:
    return [h for h in cur.handouts.values() if h.for_parents]


def facilitator_blocks(body: str, types) -> list[tuple[int, str]]:
    """(0-based body line, type) of every facilitator-only block."""
    wanted = set(types)
    found = []
    for index, line in enumerate(body.split("\n")):
        match = _BLOCK.match(line)
        if match and match.group(1).lower() in wanted:
            found.append((index, match.group(1)))
    return found


@rule("CUR501", "facilitator-block-in-handout")
def facilitator_block_in_handout(cur: Curriculum, options) -> Iterator[Finding]:
    """A parents handout may not hold a facilitator-only block
    (`!!! facilitator`, `!!! safeguarding`, or any type listed in
    `rules.facilitator_blocks`).

    Why: a parent must never be handed a safeguarding prompt or notes meant
    for the professionals.

    Bad: `!!! facilitator "If a parent discloses abuse"` in handouts/safer-sleep.md.
    Good: move the block into the plan or the contact's facilitator notes.
    """
    if cur.programme is None:
        return
    for handout in parent_handouts(cur):
        for index, kind in facilitator_blocks(handout.doc.body, cur.programme.rules.facilitator_blocks):
            yield facilitator_block_in_handout.at(handout.doc.line(index),
                                                  f"facilitator-only block '!!! {kind}' in a parents handout",
                                                  "move it to the plan or to facilitator_notes/, or set audience: facilitators")


@rule("CUR502", "facilitator-link-in-handout")
def facilitator_link_in_handout(cur: Curriculum, options) -> Iterator[Finding]:
    """A parents handout may not link into plans or facilitator notes.

    Bad: `[what we tell facilitators](../facilitator_notes/safeguarding.md)`.
    Good: link to another parents handout, or name the service in words.
    """
    for handout in parent_handouts(cur):
        for ref in markdown_scan.references(handout.doc.body, handout.doc.body_line):
            target = ref.target.split("#")[0]
            if any(folder in target for folder in FACILITATOR_FOLDERS) or "facilitator" in target.lower():
                yield facilitator_link_in_handout.at(Span(handout.doc.path, ref.line, 1),
                                                     f"link to facilitator material '{ref.target}' in a parents handout",
                                                     "remove the link; parents cannot see facilitator pages")


@rule("CUR503", "handout-unused", "warning")
def handout_unused(cur: Curriculum, options) -> Iterator[Finding]:
    """A handout that no contact names in its `handouts:` list.

    Why: it is built but never given out; usually a missing reference or a
    typo in a plan.

    Bad: handouts/safer-sleep.md, and no plan lists `safer-sleep`.
    Good: `handouts: [safer-sleep]` in the plans that give it.
    """
    if any(path.startswith("sessions/") for path in options.unreadable):
        return  # the plan that could not be read may give it out
    used = {h for plan in cur.plans.values() for h in plan.meta.handouts}
    for handout in cur.handouts.values():
        if handout.id not in used:
            yield handout_unused.at(handout.doc.span("id"), f"no contact gives out handout '{handout.id}'",
                                    "add it to the `handouts:` list of the contacts that use it")


@rule("CUR504", "safeguarding-in-handout")
def safeguarding_in_handout(cur: Curriculum, options) -> Iterator[Finding]:
    """A parents handout may not carry safeguarding procedure
    (safeguarding, child protection, disclosure, referrals).

    Why: that guidance is for professionals; in a parent's hands it can
    alarm, or warn someone who is harming a child.

    Bad: "If a parent discloses abuse, follow safeguarding procedures."
    Good: in a parents handout, say where parents themselves can get help:
    "If you feel afraid at home, you can talk to your midwife alone."
    """
    for handout in parent_handouts(cur):
        for index, line in enumerate(handout.doc.body.split("\n")):
            match = _SAFEGUARDING.search(line)
            if match:
                yield safeguarding_in_handout.at(
                    Span(handout.doc.path, handout.doc.body_line + index, match.start() + 1),
                    f"safeguarding procedure ('{match.group(0)}') in a parents handout",
                    "keep procedures in plans and notes; tell parents where they can get help instead")
