"""CUR501–505: what may reach parents, which handouts are used, and the
types of blocks (a misspelt facilitator block would reach parents)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from ...findings import Finding, Span, rule
from ...model import Curriculum, Handout
from ._util import did_you_mean
from .links import scheme

_BLOCK = re.compile(r"^\s*(?:!!!|\?\?\?\+?|///)\s*([\w-]+)")
# MASH (a multi-agency safeguarding hub) only in capitals: "mash the banana"
# belongs in a weaning handout.
_SAFEGUARDING = re.compile(
    r"\b(safeguarding|child protection|children's social care referral|section 47|(?-i:MASH)|disclosure)\b", re.I)
# every match contains one of these, lowered: a cheap test before the regex
_SAFEGUARDING_WORDS = ("safeguarding", "child protection", "children's social care referral", "section 47", "mash",
                       "disclosure")
FACILITATOR_FOLDERS = ("facilitator_notes/", "sessions/")


def parent_handouts(cur: Curriculum) -> list[Handout]:
    return [h for h in cur.handouts.values() if h.for_parents]


PRINTED_KEYS = ("title", "summary")  # front matter printed on a parents handout


def printed_front_matter(handout: Handout) -> list[tuple[str, str]]:
    """(key, text) of the front matter a parents handout prints with its body."""
    return [(key, text) for key in PRINTED_KEYS if (text := getattr(handout.meta, key, None))]


def facilitator_blocks(body: str, types) -> list[tuple[int, str]]:
    """(0-based body line, type) of every facilitator-only block."""
    wanted = set(types)
    found = []
    if "!!!" not in body and "???" not in body and "///" not in body:
        return found  # no block at all: most handouts
    for index, line in enumerate(body.split("\n")):
        match = _BLOCK.match(line)
        if match and match.group(1).lower() in wanted:
            found.append((index, match.group(1)))
    return found


@rule("CUR501", "facilitator-block-in-handout")
def facilitator_block_in_handout(cur: Curriculum, options) -> Iterator[Finding]:
    """A parents handout may not hold a facilitator-only block
    (`!!! facilitator`, `!!! safeguarding`, or any type listed in
    `rules.facilitator_blocks`), in its body or in the `title` and `summary`
    printed with it.

    Why: a parent must never be handed a safeguarding prompt or notes meant
    for the professionals.

    Bad: `!!! facilitator "If a parent discloses abuse"` in handouts/safer-sleep.md.
    Good: move the block into the plan or the contact's facilitator notes.
    """
    if cur.programme is None:
        return
    types = cur.programme.rules.facilitator_blocks
    hint = "move it to the plan or to facilitator_notes/, or set audience: facilitators"
    for handout in parent_handouts(cur):
        for key, text in printed_front_matter(handout):
            for _, kind in facilitator_blocks(text, types)[:1]:
                yield facilitator_block_in_handout.at(handout.doc.span(key),
                                                      f"facilitator-only block '!!! {kind}' in the `{key}` of a parents handout",
                                                      hint)
        for index, kind in facilitator_blocks(handout.doc.body, types):
            yield facilitator_block_in_handout.at(handout.doc.line(index),
                                                  f"facilitator-only block '!!! {kind}' in a parents handout", hint)


# The block types the site's theme and the print styles know (Material's).
KNOWN_BLOCKS = ("note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success",
                "check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure", "fail",
                "missing", "danger", "error", "bug", "example", "quote", "cite")
_BLOCK_TYPE = re.compile(r"^(\s*)(!!!|\?\?\?\+?)\s*([\w-]+)")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def block_types(body: str) -> Iterator[tuple[int, int, str]]:
    """(0-based line, 1-based column, type) of every `!!!` and `???` block
    outside fenced code."""
    if "!!!" not in body and "???" not in body:
        return
    fence = ""
    for index, line in enumerate(body.split("\n")):
        opened = _FENCE.match(line)
        if opened:
            marker = opened.group(1)
            if not fence:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = ""
            continue
        match = None if fence else _BLOCK_TYPE.match(line)
        if match:
            yield index, match.start(3) + 1, match.group(3)


@rule("CUR505", "unknown-block-type")
def unknown_block_type(cur: Curriculum, options) -> Iterator[Finding]:
    """A block (`!!! type` or `??? type`) must be of a type the site and the
    print know: note, tip, info, warning, danger, example, question, quote
    and the others of the Material theme, or one of `rules.facilitator_blocks`.

    Why: a misspelt facilitator block (`!!! facilitater`) is neither hidden
    nor flagged: it would print in a parents handout and the workbook.

    Bad: `!!! faciliator "If a parent is upset"`.
    Good: `!!! facilitator "If a parent is upset"`, or `!!! tip` for parents.
    """
    if cur.programme is None:
        return
    facilitator = [kind.lower() for kind in cur.programme.rules.facilitator_blocks]
    known = set(KNOWN_BLOCKS) | set(facilitator)
    for doc in _documents(cur):
        for index, column, kind in block_types(doc.body):
            if kind.lower() not in known:
                line = doc.line(index)
                yield unknown_block_type.at(Span(line.path, line.line, column),
                                            f"unknown block type '{kind}': it would be shown to everyone, "
                                            "parents included", did_you_mean(kind.lower(), [*facilitator, *KNOWN_BLOCKS]))


def _documents(cur: Curriculum):
    yield from (plan.doc for plan in cur.plans.values())
    yield from (handout.doc for handout in cur.handouts.values())
    yield from (note.doc for note in cur.contact_notes.values())
    yield from (note.doc for note in cur.chapters)


def facilitator_target(source: str, target: str) -> bool:
    """Whether a link in `source` leads into plans or facilitator notes: a
    relative or site-root link (`/sessions/...`; the site mirrors the
    sources) that resolves into `sessions/` or `facilitator_notes/`, as a
    Markdown file or as the site's page of it. A link with a scheme or a host
    (`https://...`, `//host/...`) is never one, whatever its words."""
    target = target.strip().replace("\\", "/")  # browsers read a backslash as a slash
    if not target or target.startswith(("#", "//")) or scheme(target):
        return False
    path = unquote(urlsplit(target).path)
    if path.startswith("/"):
        joined = posixpath.normpath(path.lstrip("/") or ".")
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    return any(joined.startswith(folder) or joined + "/" == folder for folder in FACILITATOR_FOLDERS)


@rule("CUR502", "facilitator-link-in-handout")
def facilitator_link_in_handout(cur: Curriculum, options) -> Iterator[Finding]:
    """A parents handout may not link into plans or facilitator notes: an
    internal link that resolves into `sessions/` or `facilitator_notes/`
    (the Markdown file or the site's page of it). External links are not
    facilitator material, whatever their address says.

    Bad: `[what we tell facilitators](../facilitator_notes/safeguarding.md)`.
    Good: link to another parents handout, or name the service in words.
    """
    for handout in parent_handouts(cur):
        for ref in handout.doc.scan.references:
            if facilitator_target(handout.doc.path, ref.target):
                yield facilitator_link_in_handout.at(Span(handout.doc.path, ref.line, ref.column),
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
    (safeguarding, child protection, disclosure, referrals), in its body or
    in the `title` and `summary` printed with it.

    Why: that guidance is for professionals; in a parent's hands it can
    alarm, or warn someone who is harming a child.

    Bad: "If a parent discloses abuse, follow safeguarding procedures."
    Good: in a parents handout, say where parents themselves can get help:
    "If you feel afraid at home, you can talk to your midwife alone."
    """
    hint = "keep procedures in plans and notes; tell parents where they can get help instead"
    for handout in parent_handouts(cur):
        for key, text in printed_front_matter(handout):
            match = _SAFEGUARDING.search(text)
            if match:
                yield safeguarding_in_handout.at(
                    handout.doc.span(key),
                    f"safeguarding procedure ('{match.group(0)}') in the `{key}` of a parents handout", hint)
        lowered = handout.doc.body.lower()
        if not any(word in lowered for word in _SAFEGUARDING_WORDS):
            continue  # most handouts: a few substring tests of the whole body
        for index, line in enumerate(handout.doc.body.split("\n")):
            match = _SAFEGUARDING.search(line)
            if match:
                yield safeguarding_in_handout.at(
                    Span(handout.doc.path, handout.doc.body_line + index, match.start() + 1),
                    f"safeguarding procedure ('{match.group(0)}') in a parents handout", hint)
