"""CUR250–259, CUR420 and CUR422: local editions (`editions/<id>/edition.yml`).

`local_malformed` is a rule of every curriculum. The others are a local
edition's own: `edition_findings(cur, edition)` runs them with the core
curriculum and the edition (check/editions.py adds every rule of the
programme, run again on the curriculum as the edition adapts it).
"""

from __future__ import annotations

from collections.abc import Iterator

from ... import local_text
from ...findings import Finding, Span, declare, rule
from ...model import Adaptation, Curriculum, Edition, Plan
from ...source.editions import activity_file  # noqa: F401  (CUR250, reported while loading)
from ._util import did_you_mean
from .links import documents


@rule("CUR258", "local-malformed")
def local_malformed(cur: Curriculum, options) -> Iterator[Finding]:
    """`[[local:ID]]` is written with a lowercase id and closed with `]]`.

    Why: each local edition fills `[[local:ID]]` with its own value (a phone
    number, a venue); a malformed one is never filled in, and parents would
    read the brackets.

    Bad: `[[local:]]`, `[[local:Maternity Triage]]`, `[[local:venue]`.
    Good: `[[local:maternity-triage]]` (inside a code span it is shown as written).
    """
    for doc in documents(cur):
        for use in local_text.uses(doc.body, doc.body_line):
            if not use.ok:
                what = "is not closed with `]]`" if not use.closed else f"has the id '{use.ident}', not a lowercase slug"
                yield local_malformed.at(Span(doc.path, use.line, use.column), f"`[[local:` {what}",
                                         "write [[local:an-id]]: lowercase letters, digits and hyphens, then ]]")


unknown_contact = declare("CUR251", "edition-unknown-contact", doc="""
An adaptation names a contact of the programme that has a plan.

Bad: `contact: antenatal-9` in a programme of six antenatal sessions.
Good: `contact: antenatal-4`.
""")

unknown_activity = declare("CUR252", "edition-unknown-activity", doc="""
A drop or replace names an activity the contact has; an add names an
activity id the contact does not have yet (the id of the added file's
activity), and `after:` names one it has.

Why: a change to an activity that is not there changes nothing, and the
area would believe it had.

Bad: `activity: sleep-in-late-pregnancy` when the plan calls it `sleep-late-pregnancy`.
Good: the activity's `id` as the plan writes it.
""")

add_without_place = declare("CUR253", "edition-change-incomplete", doc="""
An `add` has a `file:` and an `after:`; a `replace` has a `file:`; the
file's activity has the id the adaptation names (for an add).

Why: without `after:` there is no place in the session for the new
activity; without `file:` there is nothing to deliver.

Bad: `{contact: antenatal-4, activity: local-walk, change: add, file: local-walk.md}`.
Good: the same with `after: stress-and-breathing`.
""")

section_missing = declare("CUR254", "edition-activity-section-missing", doc="""
An edition's activity file has a `## Title {#id}` section for its activity.

Why: facilitators deliver from the section; the agenda links to it.

Bad: an activity file with front matter and no `##` heading.
Good: `## A walk in the park {#local-walk}` and the instructions below it.
""")

local_unfilled = declare("CUR256", "local-unfilled", doc="""
Every `[[local:ID]]` the curriculum (or the edition's activity files) uses
has a value in the edition's `local:`.

Why: an edition's parents would otherwise see a blank where their own
maternity triage number or venue should be.

Bad: a handout uses `[[local:maternity-triage]]` and edition.yml has no
`maternity-triage:` under `local:`.
Good: `local: {maternity-triage: "Riverside maternity triage: 01234 567 890"}`.
""")

local_unused = declare("CUR257", "local-unused", "warning", doc="""
A value in an edition's `local:` is used somewhere as `[[local:ID]]`.

Why: a value nothing uses is often a misspelt id, and the blank it was
meant for stays empty.

Bad: `local: {maternity-triag: ...}` when the files write `[[local:maternity-triage]]`.
Good: the same id in both places.
""")

unknown_reference = declare("CUR259", "edition-unknown-reference", doc="""
What an edition names exists in the programme: the role, themes, threads
and key messages of its activities, the themes of its services, and the
parents handout that lists its services (`services_handout:`).

Bad: `lead: midwife` when the roles are `health` and `family`.
Good: `lead: health`.
""")

core_changed = declare("CUR420", "core-activity-changed", doc="""
A local edition may drop or replace only flexible activities (`core: false`).

Why: core activities are what makes the programme work; an area that drops
one is no longer delivering the programme (flexibility within a fidelity
framework).

Bad: `{contact: antenatal-4, activity: safer-sleep, change: drop}` when
`safer-sleep` is `core: true`.
Good: drop or replace a flexible activity, or deliver the core one as written.
""")

no_reason = declare("CUR422", "adaptation-without-reason", doc="""
Every adaptation says why, in `reason:`.

Why: the adaptations page, sent to the licence holder, lists each change
with its reason; a change without one cannot be reviewed.

Bad: `{contact: antenatal-4, activity: local-walk, change: drop}`.
Good: the same with `reason: "The local sleep clinic covers this"`.
""")


def _plan_activity_ids(plan: Plan) -> list[str]:
    return [a.id for a in plan.meta.activities]


def _change_findings(cur: Curriculum, edition: Edition, index: int, change: Adaptation,
                     ids: dict[str, list[str]]) -> Iterator[Finding]:
    """One adaptation, against the contact's activities as the earlier ones left them (ids)."""
    doc = edition.doc
    if not change.reason.strip():
        yield no_reason.at(doc.span("adaptations", index), f"the {change.change} of '{change.activity}' gives no reason",
                           'add reason: "..." saying why this area makes the change')
    plan = cur.plans.get(change.contact)
    if plan is None:
        yield unknown_contact.at(doc.span("adaptations", index, "contact"), f"no contact '{change.contact}' with a plan",
                                 did_you_mean(change.contact, cur.plans))
        return
    have = ids.setdefault(change.contact, _plan_activity_ids(plan))
    if change.change == "add":
        yield from _add_findings(edition, index, change, have)
        return
    if change.activity not in have:
        yield unknown_activity.at(doc.span("adaptations", index, "activity"),
                                  f"contact '{change.contact}' has no activity '{change.activity}'", did_you_mean(change.activity, have))
        return
    core = next((a for a in plan.meta.activities if a.id == change.activity and a.core), None)
    if core is not None:
        yield core_changed.at(doc.span("adaptations", index, "change"),
                              f"'{change.activity}' is a core activity of {change.contact}: an edition may not {change.change} it",
                              "deliver it as written; drop or replace only activities with core: false")
    have.remove(change.activity)
    if change.change == "replace":
        if change.file is None:
            yield add_without_place.at(doc.span("adaptations", index), f"the replace of '{change.activity}' has no file:",
                                       "add file: <name>.md, the activity that replaces it, in the edition's folder")
        elif change.file in edition.activities:
            have.append(edition.activities[change.file].activity.id)


def _add_findings(edition: Edition, index: int, change: Adaptation, have: list[str]) -> Iterator[Finding]:
    doc = edition.doc
    if change.after is None:
        yield add_without_place.at(doc.span("adaptations", index), f"the add of '{change.activity}' has no after:",
                                   "add after: <activity id>, the activity it follows")
    elif change.after not in have:
        yield unknown_activity.at(doc.span("adaptations", index, "after"),
                                  f"contact '{change.contact}' has no activity '{change.after}' to add after",
                                  did_you_mean(change.after, have))
    if change.file is None:
        yield add_without_place.at(doc.span("adaptations", index), f"the add of '{change.activity}' has no file:",
                                   "add file: <name>.md, holding the activity, in the edition's folder")
        return
    brought = edition.activities.get(change.file)
    if brought is None:
        return  # CUR250, or the file's own front-matter findings
    if brought.activity.id != change.activity:
        yield add_without_place.at(doc.span("adaptations", index, "activity"),
                                   f"{change.file} holds the activity '{brought.activity.id}', not '{change.activity}'",
                                   f"write activity: {brought.activity.id}, or change the id in {change.file}")
    elif change.activity in have:
        yield unknown_activity.at(doc.span("adaptations", index, "activity"),
                                  f"contact '{change.contact}' already has an activity '{change.activity}'",
                                  "give the added activity an id of its own")
    else:
        have.append(change.activity)


def _activity_file_findings(cur: Curriculum, edition: Edition) -> Iterator[Finding]:
    programme = cur.programme
    known = {"lead": {r.id for r in programme.roles}, "themes": {t.id for t in programme.themes},
             "threads": {t.id for t in programme.threads}, "messages": {m.id for m in programme.key_messages}}
    for name, brought in edition.activities.items():
        activity, doc = brought.activity, brought.doc
        if activity.id not in doc.anchors():
            yield section_missing.at(Span(doc.path, doc.body_line, 1), f"no `## ` section for the activity '{activity.id}'",
                                     f"add a section: ## {activity.title} {{#{activity.id}}}")
        for key, ids in known.items():
            values = [activity.lead] if key == "lead" else list(getattr(activity, key))
            for position, value in enumerate(values):
                if value not in ids:
                    where = doc.span(key) if key == "lead" else doc.span(key, position)
                    yield unknown_reference.at(where, f"unknown {key.rstrip('s')} '{value}' in {name}", did_you_mean(value, ids))


def _service_findings(cur: Curriculum, edition: Edition) -> Iterator[Finding]:
    themes = {t.id for t in cur.programme.themes}
    for index, service in enumerate(edition.meta.services):
        for position, theme in enumerate(service.themes):
            if theme not in themes:
                yield unknown_reference.at(edition.doc.span("services", index, "themes", position),
                                           f"unknown theme '{theme}' for the service '{service.name}'", did_you_mean(theme, themes))
    chosen = edition.meta.services_handout
    handout = cur.handouts.get(chosen) if chosen else None
    if chosen and (handout is None or not handout.for_parents):
        parents = [h.id for h in cur.handouts.values() if h.for_parents]
        yield unknown_reference.at(edition.doc.span("services_handout"), f"no parents handout '{chosen}' to list the services in",
                                   did_you_mean(chosen, parents))


def _local_findings(cur: Curriculum, edition: Edition) -> Iterator[Finding]:
    docs = [*documents(cur), *(brought.doc for brought in edition.activities.values())]
    first: dict[str, str] = {}
    for doc in docs:
        for use in local_text.uses(doc.body, doc.body_line):
            if use.ok:
                first.setdefault(use.ident, f"{doc.path}:{use.line}")
    values = edition.meta.local
    where = edition.doc.span("local") if ("local",) in edition.doc.spans else edition.doc.span("title")
    for ident, place in sorted(first.items()):
        if ident not in values:
            yield local_unfilled.at(where, f"[[local:{ident}]] (first used at {place}) has no value in this edition",
                                    f'add under local: {ident}: "..."')
    for ident in values:
        if ident not in first:
            yield local_unused.at(edition.doc.span("local", ident), f"no file uses [[local:{ident}]]",
                                  did_you_mean(ident, first) if first else "remove it, or use it in a file")


def edition_findings(cur: Curriculum, edition: Edition) -> list[Finding]:
    """The edition's own rules, over the core curriculum it adapts."""
    if cur.programme is None:
        return []
    found: list[Finding] = []
    ids: dict[str, list[str]] = {}
    for index, change in enumerate(edition.meta.adaptations):
        found += _change_findings(cur, edition, index, change, ids)
    found += _activity_file_findings(cur, edition)
    found += _service_findings(cur, edition)
    found += _local_findings(cur, edition)
    return found
