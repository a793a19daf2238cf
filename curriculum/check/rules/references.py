"""CUR2xx: references between files, and body structure."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator

from ...findings import REGISTRY, Finding, Span, rule
from ...model import Curriculum
from ._util import did_you_mean


def _programme_references(programme, pdoc):
    """(kind, id, document, location) of each phase programme.yml names."""
    for i, theme in enumerate(programme.themes):
        for j, phase in enumerate(theme.phases):
            yield "phase", phase, pdoc, ("themes", i, "phases", j)
    for i, message in enumerate(programme.key_messages):
        for j, phase in enumerate(message.phases):
            yield "phase", phase, pdoc, ("key_messages", i, "phases", j)
    for i, ref in enumerate(programme.contacts):
        yield "phase", ref.phase, pdoc, ("contacts", i, "phase")


def _plan_references(plan):
    """(kind, id, document, location) of each handout, role, theme, thread
    and key message a plan names."""
    doc, meta = plan.doc, plan.meta
    for j, handout in enumerate(meta.handouts):
        yield "handout", handout, doc, ("handouts", j)
    for i, activity in enumerate(meta.activities):
        if activity.lead is not None:
            yield "role", activity.lead, doc, ("activities", i, "lead")
        for field, kind in (("themes", "theme"), ("threads", "thread"), ("messages", "key message")):
            for j, value in enumerate(getattr(activity, field)):
                yield kind, value, doc, ("activities", i, field, j)


def _references(cur: Curriculum):
    """Every reference to check, in the order they are reported."""
    yield from _programme_references(cur.programme, cur.programme_doc)
    for plan in cur.plans.values():
        yield from _plan_references(plan)
    for handout in cur.handouts.values():
        for j, theme in enumerate(handout.meta.themes):
            yield "theme", theme, handout.doc, ("themes", j)


def _notes_for_unknown_contacts(cur: Curriculum) -> Iterator[Finding]:
    contact_ids = [c.id for c in cur.programme.contacts]
    contact_set = set(contact_ids)
    for contact_id, note in cur.contact_notes.items():
        if contact_id not in contact_set:
            yield unknown_reference.at(note.doc.span("contact"), f"notes for unknown contact '{contact_id}'",
                                       did_you_mean(contact_id, contact_ids))


@rule("CUR201", "unknown-reference")
def unknown_reference(cur: Curriculum, options) -> Iterator[Finding]:
    """Everything a plan, handout or programme.yml names must exist.

    Why: a typo in a theme or handout id silently drops coverage or a handout
    from a session pack.

    Bad: `handouts: [safer-slep]`, `lead: midwife` when the roles are
    `health` and `family`.
    Good: `handouts: [safer-sleep]`, `lead: health`.
    """
    programme = cur.programme
    if programme is None:
        return
    known = {
        "role": [r.id for r in programme.roles],
        "phase": [p.id for p in programme.phases],
        "theme": [t.id for t in programme.themes],
        "thread": [t.id for t in programme.threads],
        "key message": [m.id for m in programme.key_messages],
        "handout": list(cur.handouts),
    }
    known_sets = {kind: set(ids) for kind, ids in known.items()}
    for kind, value, doc, loc in _references(cur):
        # the position is looked up only for a finding: most references are fine
        if value in known_sets[kind]:
            continue
        if kind == "handout" and f"handouts/{value}.md" in options.unreadable:
            continue  # the handout's own errors are reported in its file
        yield unknown_reference.at(doc.span(*loc), f"unknown {kind} '{value}'", did_you_mean(value, known[kind]))
    yield from _notes_for_unknown_contacts(cur)


@rule("CUR202", "contact-without-plan")
def contact_without_plan(cur: Curriculum, options) -> Iterator[Finding]:
    """Every contact in programme.yml has a plan `sessions/<id>.md`.

    Bad: `contacts:` lists `postnatal-3` but there is no sessions/postnatal-3.md.
    Good: add sessions/postnatal-3.md (`curriculum new session postnatal-3`).
    """
    if cur.programme is None:
        return
    for i, ref in enumerate(cur.programme.contacts):
        if ref.id not in cur.plans and f"sessions/{ref.id}.md" not in options.unreadable:
            yield contact_without_plan.at(cur.programme_doc.span("contacts", i), f"contact '{ref.id}' has no plan",
                                          f"create sessions/{ref.id}.md (curriculum new session {ref.id})")


@rule("CUR203", "plan-without-contact")
def plan_without_contact(cur: Curriculum, options) -> Iterator[Finding]:
    """Every plan belongs to a contact listed in programme.yml.

    Why: an unlisted plan is never delivered, built into the sequence or
    checked for coverage.

    Bad: sessions/extra-session.md with no `extra-session` in `contacts:`.
    Good: add `- {id: extra-session, kind: group, phase: postnatal}` to contacts.
    """
    if cur.programme is None:
        return
    listed = {ref.id for ref in cur.programme.contacts}
    for plan in cur.plans.values():
        if plan.id not in listed:
            yield plan_without_contact.at(plan.doc.span("id"), f"plan '{plan.id}' is not a contact in programme.yml",
                                          "add it to `contacts:` in programme.yml, or delete the file")


def _first_of_each(contacts):
    """A contact listed twice in programme.yml (CUR209) is compared with its
    plan once, as it first stands."""
    seen = set()
    for ref in contacts:
        if ref.id not in seen:
            seen.add(ref.id)
            yield ref


@rule("CUR204", "plan-mismatch")
def plan_mismatch(cur: Curriculum, options) -> Iterator[Finding]:
    """A plan's `kind` and `phase` agree with its contact in programme.yml.

    Bad: programme.yml says `kind: home-visit`, the plan says `kind: group`.
    Good: the same kind and phase in both.
    """
    if cur.programme is None:
        return
    for ref in _first_of_each(cur.programme.contacts):
        plan = cur.plans.get(ref.id)
        if plan is None:
            continue
        for key in ("kind", "phase"):
            ours, theirs = getattr(plan.meta, key), getattr(ref, key)
            if ours != theirs:
                yield plan_mismatch.at(plan.doc.span(key), f"{key} is '{ours}' but programme.yml says '{theirs}'",
                                       f"set {key}: {theirs} (or change programme.yml)")


@rule("CUR206", "activity-section-missing")
def activity_section_missing(cur: Curriculum, options) -> Iterator[Finding]:
    """Every activity has a `## Title {#activity-id}` section in the plan body.
    A break (`break: true`) may have one, and needs none.

    Why: the agenda links to each activity, and facilitators need its
    instructions.

    Bad: an activity `id: welcome` and no heading anchored `welcome`.
    Good: `## Welcome and check-in {#welcome}`.
    """
    for plan in cur.plans.values():
        anchors = {h.anchor for h in plan.doc.headings if h.level == 2}
        for i, activity in enumerate(plan.meta.activities):
            if activity.id not in anchors and not activity.is_break:
                yield _section_missing(plan, i, activity)


def _near_heading(plan, activity):
    """The heading the author probably meant for this activity: its id at
    another level, a near id, or the activity's title."""
    headings = plan.doc.headings
    for heading in headings:
        if heading.anchor == activity.id:
            return heading
    close = difflib.get_close_matches(activity.id, [h.anchor for h in headings if h.level == 2], n=1, cutoff=0.75)
    titled = [h for h in headings if h.text.strip().lower() == activity.title.strip().lower()]
    return next((h for h in headings if close and h.anchor == close[0]), titled[0] if titled else None)


def _section_missing(plan, i: int, activity) -> Finding:
    span = plan.doc.span("activities", i, "id")
    wanted = f"## {activity.title} {{#{activity.id}}}"
    heading = _near_heading(plan, activity)
    if heading is None:
        return activity_section_missing.at(span, f"activity '{activity.id}' has no `## ... {{#{activity.id}}}` section in the body",
                                           f"add a heading: {wanted}")
    found = f"{'#' * heading.level} {heading.text} {{#{heading.anchor}}}"
    return activity_section_missing.at(Span(plan.doc.path, heading.line, 1),
                                       f"activity '{activity.id}' (line {span.line}) has no `## ... {{#{activity.id}}}` section; "
                                       f"this heading is `{found}`", f"make it `## {heading.text} {{#{activity.id}}}`")


@rule("CUR207", "timing-differs", "warning")
def timing_differs(cur: Curriculum, options) -> Iterator[Finding]:
    """A plan's `timing` matches the contact's timing in programme.yml.

    Bad: programme.yml says "About 30 weeks", the plan says "About 32 weeks".
    Good: the same text in both (or leave `timing` out of the plan).
    """
    if cur.programme is None:
        return
    for ref in _first_of_each(cur.programme.contacts):
        plan = cur.plans.get(ref.id)
        if plan and plan.meta.timing and ref.timing and plan.meta.timing != ref.timing:
            yield timing_differs.at(plan.doc.span("timing"),
                                    f"timing '{plan.meta.timing}' differs from programme.yml ('{ref.timing}')",
                                    "make them the same, or remove timing from the plan")


@rule("CUR209", "duplicate-in-programme")
def duplicate_in_programme(cur: Curriculum, options) -> Iterator[Finding]:
    """Ids in programme.yml and activity ids within a plan are unique.

    Bad: two themes with `id: birth`; two activities `id: welcome` in one plan.
    Good: distinct ids.
    """
    programme = cur.programme
    if programme is not None:
        for key in ("roles", "phases", "themes", "threads", "key_messages", "contacts"):
            counts = Counter(item.id for item in getattr(programme, key))
            for i, item in enumerate(getattr(programme, key)):
                if counts[item.id] > 1:
                    counts[item.id] = 0  # report each duplicate once, at its second use
                    continue
                if counts[item.id] == 0:
                    yield duplicate_in_programme.at(cur.programme_doc.span(key, i, "id"),
                                                    f"{key} id '{item.id}' is used twice", "give each its own id")
    for plan in cur.plans.values():
        seen = set()
        for i, activity in enumerate(plan.meta.activities):
            if activity.id in seen:
                yield duplicate_in_programme.at(plan.doc.span("activities", i, "id"),
                                                f"activity id '{activity.id}' is used twice in this plan",
                                                "give each activity its own id")
            seen.add(activity.id)


def _rule_hint(key: str) -> str:
    known = [*REGISTRY, *(r.name for r in REGISTRY.values())]
    close = difflib.get_close_matches(key, known, n=1) or difflib.get_close_matches(key.upper(), known, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return "use a code such as CUR404 or a name such as activity-too-long (`curriculum rules` lists them all)"


@rule("CUR210", "unknown-rule")
def unknown_rule(cur: Curriculum, options) -> Iterator[Finding]:
    """Every key under `rules.severity` in programme.yml is a rule's code or name.

    Why: a misspelt code or name changes nothing, silently: the rule keeps
    its usual severity.

    Bad: `severity: {CUR999: ignore, plain-wrod: info}`.
    Good: `severity: {CUR404: ignore, plain-word: info}`.
    """
    if cur.programme is None:
        return
    names = {r.name for r in REGISTRY.values()}
    for key in cur.programme.rules.severity:
        if key not in REGISTRY and key not in names:
            yield unknown_rule.at(cur.programme_doc.span("rules", "severity", key),
                                  f"`rules.severity` names '{key}', which is not a rule code or name", _rule_hint(key))


@rule("CUR211", "title-in-handout")
def title_in_handout(cur: Curriculum, options) -> Iterator[Finding]:
    """A handout's body has no `# ` title: the page and the PDF already print
    the `title:` of its front matter as the one top heading.

    Why: two top headings confuse screen readers and the PDF's outline.

    Bad: `# Safer sleep` as the first line of the body.
    Good: start with the text, and use `## ` for sections.
    """
    for handout in cur.handouts.values():
        for heading in handout.doc.headings:
            if heading.level == 1:
                yield title_in_handout.at(Span(handout.doc.path, heading.line, 1),
                                          f"'# {heading.text}' is a second title: the handout's `title:` is already printed above it",
                                          "delete this line (change `title:` if you want another title), or make it a section with `## `")


@rule("CUR212", "notes-without-contact", "warning")
def notes_without_contact(cur: Curriculum, options) -> Iterator[Finding]:
    """A notes file named after a contact (facilitator_notes/<contact-id>.md)
    says so with `contact: <contact-id>`.

    Why: without `contact:` the file becomes a chapter of the facilitator
    guide instead of that contact's notes.

    Bad: facilitator_notes/antenatal-1.md with only `title: Notes`.
    Good: `contact: antenatal-1` in its front matter.
    """
    if cur.programme is None:
        return
    contacts = {ref.id for ref in cur.programme.contacts}
    for note in cur.chapters:
        if note.slug in contacts and note.slug not in cur.contact_notes:
            yield notes_without_contact.at(
                note.doc.span(), f"this file is named after contact '{note.slug}' but has no `contact:` key, "
                                 "so it is published as a guide chapter, not as that contact's notes",
                f"add `contact: {note.slug}` to its front matter (or rename the file if it is a chapter)")


@rule("CUR213", "contact-without-notes")
def contact_without_notes(cur: Curriculum, options) -> Iterator[Finding]:
    """With `rules.notes_for_every_contact`, every contact with a plan has a
    facilitator notes file.

    Bad: sessions/postnatal-2.md and no notes file with `contact: postnatal-2`.
    Good: facilitator_notes/postnatal-2.md starting `contact: postnatal-2`.
    """
    if cur.programme is None or not cur.programme.rules.notes_for_every_contact:
        return
    for ref in _first_of_each(cur.programme.contacts):
        i = cur.programme.contacts.index(ref)
        if ref.id in cur.plans and ref.id not in cur.contact_notes:
            yield contact_without_notes.at(cur.programme_doc.span("contacts", i),
                                           f"contact '{ref.id}' has no facilitator notes",
                                           f"create facilitator_notes/{ref.id}.md with `contact: {ref.id}` in its front matter")
