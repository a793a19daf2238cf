"""What changed between two versions of a curriculum, for facilitators
(`curriculum changes OLD [NEW]`; pure: two loaded curricula in, a report out).

Meaning, not a text diff: the typed models are compared, so reordering YAML
keys changes nothing, and bodies are compared word by word, so reflowing a
paragraph changes nothing either.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import asdict, dataclass, field

from ..model import Curriculum
from ..render.labels import clock, lead_label

_WORD = re.compile(r"\S+")
_URGENT = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*(warning|danger)\b.*?(?=^\S|\Z)", re.M | re.S | re.I)


@dataclass
class ContactChanges:
    id: str
    title: str
    status: str = "changed"  # added | removed | changed
    changes: list[str] = field(default_factory=list)


@dataclass
class HandoutChanges:
    id: str
    title: str
    status: str = "changed"  # added | removed | changed
    words_changed: int = 0
    changes: list[str] = field(default_factory=list)


@dataclass
class Changes:
    old: str
    new: str
    contacts: list[ContactChanges] = field(default_factory=list)
    handouts: list[HandoutChanges] = field(default_factory=list)
    programme: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.contacts or self.handouts or self.programme)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def words_changed(old: str, new: str) -> int:
    """Words added plus words removed, as a reader would count them."""
    matcher = difflib.SequenceMatcher(None, words(old), words(new), autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def urgent_boxes(body: str) -> list[list[str]]:
    """The words of each warning or danger box: the advice that must not move unnoticed."""
    return [words(match.group(0)) for match in _URGENT.finditer(body)]


def compare(old: Curriculum, new: Curriculum, old_name: str, new_name: str) -> Changes:
    found = Changes(old_name, new_name)
    found.programme = programme_changes(old, new)
    found.contacts = contact_changes(old, new)
    found.handouts = handout_changes(old, new)
    return found


def _roles(cur: Curriculum) -> dict[str, str]:
    return {role.id: role.title for role in cur.programme.roles} if cur.programme else {}


def _starts(plan) -> dict[str, int]:
    starts, at = {}, 0
    for activity in plan.meta.activities:
        starts[activity.id] = at
        at += activity.minutes
    return starts


def activity_changes(old_plan, new_plan, roles: dict[str, str]) -> list[str]:
    before = {a.id: a for a in old_plan.meta.activities}
    after = {a.id: a for a in new_plan.meta.activities}
    starts = _starts(new_plan)
    out = [f"activity added: {a.title} ({a.minutes} minutes, from {clock(starts[a.id])})"
           for a in new_plan.meta.activities if a.id not in before]
    out += [f"activity removed: {a.title}" for a in old_plan.meta.activities if a.id not in after]
    for activity in new_plan.meta.activities:
        was = before.get(activity.id)
        if was is not None:
            out += _one_activity(was, activity, roles)
    kept_before = [a for a in before if a in after]
    kept_after = [a for a in after if a in before]
    if kept_before != kept_after:
        out.append("activities in a new order: " + ", ".join(after[a].title for a in kept_after))
    return out


def _one_activity(was, now, roles: dict[str, str]) -> list[str]:
    out = []
    if was.title != now.title:
        out.append(f"activity renamed: {was.title} is now {now.title}")
    if was.minutes != now.minutes:
        out.append(f"{now.title}: {was.minutes} minutes, now {now.minutes}")
    if was.lead != now.lead:
        out.append(f"{now.title}: led by {lead_label(now, roles)} (was {lead_label(was, roles)})")
    if was.core != now.core:
        out.append(f"{now.title}: now {'core' if now.core else 'flexible'}")
    for kind in ("themes", "threads", "messages"):
        added = [x for x in getattr(now, kind) if x not in getattr(was, kind)]
        gone = [x for x in getattr(was, kind) if x not in getattr(now, kind)]
        if added or gone:
            parts = ([f"adds {', '.join(added)}"] if added else []) + ([f"drops {', '.join(gone)}"] if gone else [])
            out.append(f"{now.title}: {kind} {'; '.join(parts)}")
    return out


def contact_changes(old: Curriculum, new: Curriculum) -> list[ContactChanges]:
    roles = _roles(new)
    out = []
    for contact_id in [*new.plans, *(c for c in old.plans if c not in new.plans)]:
        was, now = old.plans.get(contact_id), new.plans.get(contact_id)
        if was is None:
            out.append(ContactChanges(contact_id, now.meta.title, "added"))
            continue
        if now is None:
            out.append(ContactChanges(contact_id, was.meta.title, "removed"))
            continue
        changes = _plan_changes(was, now, roles)
        if changes:
            out.append(ContactChanges(contact_id, now.meta.title, "changed", changes))
    return out


def _plan_changes(was, now, roles: dict[str, str]) -> list[str]:
    out = []
    if was.meta.title != now.meta.title:
        out.append(f"title: {was.meta.title} is now {now.meta.title}")
    if was.meta.duration != now.meta.duration:
        out.append(f"length: {was.meta.duration} minutes, now {now.meta.duration}")
    out += activity_changes(was, now, roles)
    added = [h for h in now.meta.handouts if h not in was.meta.handouts]
    gone = [h for h in was.meta.handouts if h not in now.meta.handouts]
    out += [f"handout given: {h}" for h in added] + [f"handout no longer given: {h}" for h in gone]
    for key in ("aims", "outcomes", "materials"):
        if getattr(was.meta, key) != getattr(now.meta, key):
            out.append(f"{key} changed")
    changed = words_changed(was.doc.body, now.doc.body)
    if changed:
        out.append(f"plan text: {changed} words changed")
    return out


def handout_changes(old: Curriculum, new: Curriculum) -> list[HandoutChanges]:
    out = []
    for handout_id in sorted({*old.handouts, *new.handouts}):
        was, now = old.handouts.get(handout_id), new.handouts.get(handout_id)
        if was is None:
            out.append(HandoutChanges(handout_id, now.meta.title, "added", len(words(now.doc.body))))
            continue
        if now is None:
            out.append(HandoutChanges(handout_id, was.meta.title, "removed", len(words(was.doc.body))))
            continue
        changes = []
        if was.meta.title != now.meta.title:
            changes.append(f"title: {was.meta.title} is now {now.meta.title}")
        if was.meta.audience != now.meta.audience:
            changes.append(f"now for {now.meta.audience}")
        if urgent_boxes(was.doc.body) != urgent_boxes(now.doc.body):
            changes.append("urgent advice (a warning box) changed: check what parents are told to do")
        changed = words_changed(was.doc.body, now.doc.body)
        if changes or changed:
            out.append(HandoutChanges(handout_id, now.meta.title, "changed", changed, changes))
    return out


def programme_changes(old: Curriculum, new: Curriculum) -> list[str]:
    if old.programme is None or new.programme is None:
        return [] if old.programme is new.programme else ["programme.yml could not be read in one of the versions"]
    out = []
    for key, label in (("themes", "theme"), ("threads", "thread"), ("key_messages", "key message"),
                       ("roles", "role"), ("phases", "phase")):
        before = {item.id: item for item in getattr(old.programme, key)}
        after = {item.id: item for item in getattr(new.programme, key)}
        out += [f"{label} added: {after[i].title}" for i in after if i not in before]
        out += [f"{label} removed: {before[i].title}" for i in before if i not in after]
        out += [f"{label} changed: {after[i].title}" for i in after if i in before and before[i] != after[i]]
    before_contacts = [c.id for c in old.programme.contacts]
    after_contacts = [c.id for c in new.programme.contacts]
    if before_contacts != after_contacts:
        out.append("the contacts are now: " + ", ".join(after_contacts))
    if old.programme.rules != new.programme.rules:
        before_rules = old.programme.rules.model_dump()
        after_rules = new.programme.rules.model_dump()
        out += [f"rule {key}: {before_rules[key]!r} is now {after_rules[key]!r}"
                for key in after_rules if before_rules.get(key) != after_rules[key]]
    return out


# --- formats -----------------------------------------------------------------


def as_text(found: Changes) -> str:
    lines = [f"Changes from {found.old} to {found.new}"]
    if found.empty:
        return lines[0] + ": nothing that changes what facilitators deliver.\n"
    if found.programme:
        lines += ["", "Programme:"] + [f"  - {line}" for line in found.programme]
    for contact in found.contacts:
        lines += ["", f"{contact.title} ({contact.id}): {contact.status}"]
        lines += [f"  - {line}" for line in contact.changes]
    for handout in found.handouts:
        what = f"{handout.words_changed} words changed" if handout.status == "changed" else \
            f"{handout.words_changed} words"
        lines += ["", f"Handout {handout.title} ({handout.id}): {handout.status}, {what}"]
        lines += [f"  - {line}" for line in handout.changes]
    return "\n".join(lines) + "\n"


def as_markdown(found: Changes) -> str:
    out = [f"# What changed from {found.old} to {found.new}", ""]
    if found.empty:
        return "\n".join(out + ["Nothing that changes what facilitators deliver.", ""])
    if found.programme:
        out += ["## Programme", ""] + [f"- {line}" for line in found.programme] + [""]
    if found.contacts:
        out += ["## Contacts", ""]
        for contact in found.contacts:
            out += [f"### {contact.title} ({contact.status})", ""] + [f"- {line}" for line in contact.changes] + [""]
    if found.handouts:
        out += ["## Handouts", ""]
        for handout in found.handouts:
            extra = "; ".join(handout.changes)
            out.append(f"- **{handout.title}** ({handout.status}, {handout.words_changed} words)"
                       + (f": {extra}" if extra else ""))
        out.append("")
    return "\n".join(out)


def as_json(found: Changes) -> str:
    return json.dumps(asdict(found), indent=2, ensure_ascii=False) + "\n"


FORMATS = {"text": as_text, "markdown": as_markdown, "json": as_json}
