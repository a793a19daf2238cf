"""A local edition applied to the core curriculum (pure).

`adapt(cur, edition)` returns the curriculum as the area delivers it: the
edition's title; in each contact it changes, the activities dropped,
replaced or added (and their `## ` sections with them, the duration the sum
of the minutes); the edition's services as a section of the handout it
names; and the edition itself (its `local:` values fill `[[local:ID]]` when
the site and the PDFs render). The same rules, site and PDF code then read
it as they read the core. Adaptations that cannot apply (an unknown contact
or activity) are skipped here: the edition's rules report them.

`Origins` maps a line of an adapted plan back to the file and line it came
from, so a finding on the adapted curriculum can name the edition's file.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from . import local_text
from .model import Activity, Adaptation, Applied, Curriculum, Document, Edition, Handout, Note, Plan, Service

_MARKDOWN_PUNCTUATION = "\\`*_{}[]()#+-.!|<>~="
_WEB = re.compile(r"^https?://[A-Za-z0-9.-]+(?:/[A-Za-z0-9._~/%-]*)?$")


@dataclass(frozen=True)
class Piece:
    """A stretch of an adapted plan's body: its text and where it came from."""

    anchor: str | None  # the activity whose section it is (None: text outside any activity section)
    text: str
    path: str
    line: int  # file line of its first line


@dataclass
class Origins:
    """Adapted plan path -> [(adapted first line, line count, source path, source first line)]."""

    pieces: dict[str, list[tuple[int, int, str, int]]] = field(default_factory=dict)

    def of(self, path: str, line: int | None) -> tuple[str, int | None]:
        for start, count, source, first in self.pieces.get(path, ()):
            if line is not None and start <= line < start + count:
                return source, first + (line - start)
        return path, line


@dataclass(frozen=True)
class Adapted:
    curriculum: Curriculum
    origins: Origins


def sections(doc: Document) -> list[Piece]:
    """A body cut at its level-2 (and higher) headings; each piece keeps the anchor of its heading."""
    lines = doc.body.split("\n")
    cuts = [(h.line - doc.body_line, h.anchor) for h in doc.headings if h.level <= 2]
    pieces, at, anchor = [], 0, None
    for index, next_anchor in cuts:
        if index > at or (index == at and anchor is not None):
            pieces.append(Piece(anchor, "\n".join(lines[at:index]), doc.path, doc.body_line + at))
        at, anchor = index, next_anchor
    pieces.append(Piece(anchor, "\n".join(lines[at:]), doc.path, doc.body_line + at))
    return [piece for piece in pieces if piece.text or piece.anchor]


def _file_piece(doc: Document, anchor: str) -> Piece:
    text = doc.body.strip("\n")
    skipped = len(doc.body) - len(doc.body.lstrip("\n"))
    return Piece(anchor, text + "\n", doc.path, doc.body_line + skipped)


def _index(activities: list[Activity], ident: str | None) -> int | None:
    return next((i for i, a in enumerate(activities) if a.id == ident), None)


def _piece_index(pieces: list[Piece], anchor: str | None) -> int | None:
    return next((i for i, p in enumerate(pieces) if p.anchor == anchor), None)


def _apply(change: Adaptation, edition: Edition, activities: list, pieces: list) -> None:
    """One adaptation applied to a plan's activities and body pieces, in place."""
    found = _index(activities, change.activity)
    brought = edition.activities.get(change.file) if change.file else None
    if change.change in ("drop", "replace") and found is not None:
        at = _piece_index(pieces, change.activity)
        del activities[found]
        if at is not None:
            del pieces[at]
        if change.change == "replace" and brought is not None:
            activities.insert(found, brought.activity)
            pieces.insert(at if at is not None else len(pieces), _file_piece(brought.doc, brought.activity.id))
    elif change.change == "add" and brought is not None and found is None:
        after = _index(activities, change.after)
        if after is None:
            return
        activities.insert(after + 1, brought.activity)
        at = _piece_index(pieces, change.after)
        pieces.insert(len(pieces) if at is None else at + 1, _file_piece(brought.doc, brought.activity.id))


def adapt_plan(plan: Plan, changes: list[Adaptation], edition: Edition) -> tuple[Plan, list[tuple]]:
    """The plan with the edition's changes, and where each stretch of its new body came from."""
    original = list(plan.meta.activities)
    activities, pieces = list(original), sections(plan.doc)
    for change in changes:
        _apply(change, edition, activities, pieces)
    body, pieces_at, line = [], [], plan.doc.body_line
    for piece in pieces:
        text = piece.text if piece.text.endswith("\n") else piece.text + "\n"
        count = text.count("\n")
        pieces_at.append((line, count, piece.path, piece.line))
        body.append(text)
        line += count
    spans = dict(plan.doc.spans)
    for key in [k for k in spans if len(k) > 1 and k[0] == "activities"]:
        del spans[key]
    for new_index, activity in enumerate(activities):  # keep the lines of the activities the core wrote
        old = next((i for i, a in enumerate(original) if a is activity), None)
        for key, where in plan.doc.spans.items():
            if old is not None and len(key) > 1 and key[:2] == ("activities", old):
                spans[("activities", new_index, *key[2:])] = where
    meta = plan.meta.model_copy(update={"activities": tuple(activities),
                                        "duration": sum(a.minutes for a in activities)})
    text = "".join(body)
    digest = hashlib.sha256(json.dumps([plan.doc.digest, meta.model_dump(mode="json"), text]).encode()).hexdigest()
    doc = replace(plan.doc, body=text, spans=MappingProxyType(spans), digest=digest)
    return Plan(meta, doc), pieces_at


def markdown_text(text: str) -> str:
    """Plain text as Markdown that shows exactly that text: every character
    Markdown or HTML could read as markup is escaped, line breaks become spaces."""
    out = []
    for char in " ".join(str(text).split()):
        if char == "&":
            out.append("&amp;")
        elif char in _MARKDOWN_PUNCTUATION:
            out.append("&lt;" if char == "<" else "&gt;" if char == ">" else "\\" + char)
        else:
            out.append(char)
    return "".join(out)


def _service_line(service: Service) -> str:
    """One service as a list item: its name, what it does, its phone number and website."""
    parts = [f"**{markdown_text(service.name.rstrip('.'))}**"]
    if service.about:
        parts.append(markdown_text(service.about.strip().rstrip(".")))
    if service.phone:
        parts.append(f"Phone: {markdown_text(service.phone.rstrip('.'))}")
    if _WEB.match(service.url):
        # The address shown is the link's words: print does not add it again (class cur-url).
        parts.append(f"Website: [{markdown_text(service.url.split('://', 1)[1].rstrip('/'))}]({service.url}){{: .cur-url }}")
    elif service.url:
        parts.append(f"Website: {markdown_text(service.url.rstrip('.'))}")
    return "- " + ". ".join(parts) + "."


def services_section(edition: Edition) -> str:
    """The services as a Markdown section for parents (every value escaped)."""
    where = edition.meta.area or edition.meta.title
    lines = [f"## Local services: {markdown_text(where)}", ""]
    lines += [_service_line(service) for service in edition.meta.services]
    return "\n".join(lines) + "\n"


def _with_services(handout: Handout, edition: Edition) -> Handout:
    section = services_section(edition)
    body = handout.doc.body.rstrip("\n") + "\n\n" + section
    digest = hashlib.sha256(json.dumps([handout.doc.digest, section]).encode()).hexdigest()
    return Handout(handout.meta, replace(handout.doc, body=body, digest=digest))


def _by_contact(edition: Edition) -> dict[str, list[Adaptation]]:
    found: dict[str, list[Adaptation]] = {}
    for change in edition.meta.adaptations:
        found.setdefault(change.contact, []).append(change)
    return found


def _salted(doc: Document, *parts: str) -> Document:
    return replace(doc, digest=hashlib.sha256("\0".join((doc.digest, *parts)).encode()).hexdigest())


def _with_values(doc: Document, values: Mapping[str, str]) -> Document:
    """The document, its digest joined with the edition's values it uses: the PDF
    cache keys each PDF on its sources' digests, so a PDF is rendered again only
    when a value it prints changes."""
    used = sorted({use.ident for use in local_text.uses(doc.body, doc.body_line) if use.ok})
    return _salted(doc, json.dumps({ident: values.get(ident) for ident in used})) if used else doc


def _filled(cur: Curriculum, plans: dict[str, Plan], handouts: dict[str, Handout], values: Mapping[str, str]) -> dict:
    """Plans, handouts, notes and chapters with the digests of the values they use."""
    return {
        "plans": MappingProxyType({k: Plan(p.meta, _with_values(p.doc, values)) for k, p in plans.items()}),
        "handouts": MappingProxyType({k: Handout(h.meta, _with_values(h.doc, values)) for k, h in handouts.items()}),
        "contact_notes": MappingProxyType({k: Note(n.meta, _with_values(n.doc, values))
                                           for k, n in cur.contact_notes.items()}),
        "chapters": tuple(Note(n.meta, _with_values(n.doc, values)) for n in cur.chapters),
    }


def _applied(cur: Curriculum, edition: Edition, change: Adaptation) -> Applied | None:
    """What one adaptation did, in words for the adaptations page; None when it could not apply."""
    plan = cur.plans.get(change.contact)
    if plan is None:
        return None
    old = next((a for a in plan.meta.activities if a.id == change.activity), None)
    brought = edition.activities.get(change.file) if change.file else None
    if change.change == "drop":
        return Applied(plan.id, plan.meta.title, "drop", old.id, old.title, old.minutes, change.reason) if old else None
    if brought is None:
        return None
    new = brought.activity
    return Applied(plan.id, plan.meta.title, change.change, new.id, new.title, new.minutes, change.reason,
                   before=old.title if old and change.change == "replace" else "")


def adapt(cur: Curriculum, edition: Edition) -> Adapted:
    """The curriculum as the edition's area delivers it."""
    plans: dict[str, Plan] = dict(cur.plans)
    origins = Origins()
    for contact, changes in _by_contact(edition).items():
        if contact in plans:
            plans[contact], origins.pieces[plans[contact].doc.path] = adapt_plan(plans[contact], changes, edition)
    applied = tuple(found for change in edition.meta.adaptations if (found := _applied(cur, edition, change)))
    durations = tuple((c, cur.plans[c].meta.duration, plans[c].meta.duration) for c in _by_contact(edition) if c in plans)
    edition = replace(edition, applied=applied, durations=durations)
    handouts: dict[str, Handout] = dict(cur.handouts)
    chosen = edition.meta.services_handout
    if chosen in cur.handouts and edition.meta.services:
        handouts[chosen] = _with_services(cur.handouts[chosen], edition)
    programme = cur.programme.model_copy(update={"title": edition.meta.title}) if cur.programme else None
    # Every PDF prints the programme's title and lists programme.yml among its sources.
    programme_doc = _salted(cur.programme_doc, "title", edition.meta.title)
    adapted = replace(cur, programme=programme, programme_doc=programme_doc, edition=edition,
                      **_filled(cur, plans, handouts, edition.meta.local))
    return Adapted(adapted, origins)
