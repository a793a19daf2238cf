"""CUR405–408: fidelity to the model (co-facilitation, core content, aims, dose)."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, rule
from ...model import Curriculum


@rule("CUR405", "role-leads-nothing")
def role_leads_nothing(cur: Curriculum, options) -> Iterator[Finding]:
    """With `rules.co_facilitation`, every role leads at least one activity of
    every group contact.

    Why: the model rests on two professionals sharing the group; a session
    led by one of them alone drifts from it.

    Bad: every activity of a group plan has `lead: health`.
    Good: at least one activity with `lead: family`.
    """
    if cur.programme is None or not cur.programme.rules.co_facilitation:
        return
    for plan in cur.plans.values():
        if plan.meta.kind != "group" or not plan.meta.activities:
            continue
        leads = {a.lead for a in plan.meta.activities if not a.is_break}
        for role in cur.programme.roles:
            if role.id not in leads:
                yield role_leads_nothing.at(plan.doc.span("activities"),
                                            f"the {role.title} ({role.id}) leads no activity of this group",
                                            f"set `lead: {role.id}` on at least one activity")


@rule("CUR406", "no-core-activity")
def no_core_activity(cur: Curriculum, options) -> Iterator[Finding]:
    """Every contact has at least one activity marked `core: true`.

    Why: core activities are what every local area must deliver; a contact
    with none has no fidelity floor.

    Bad: all activities `core: false`, or no activities at all.
    Good: the activity that gives the contact's key message is `core: true`.
    """
    for plan in cur.plans.values():
        if not any(a.core for a in plan.meta.activities):
            where = plan.doc.span("activities") if plan.meta.activities else plan.doc.span("id")
            yield no_core_activity.at(where, f"contact '{plan.id}' has no core activity",
                                      "mark the activities every area must deliver with `core: true`")


@rule("CUR407", "aims-or-outcomes-missing")
def aims_or_outcomes_missing(cur: Curriculum, options) -> Iterator[Finding]:
    """Every plan lists its `aims` and the `outcomes` for parents.

    Bad: no `outcomes:` key, or `outcomes: []`.
    Good: `outcomes: ["Name one way to soothe a crying baby."]`.
    """
    for plan in cur.plans.values():
        for key in ("aims", "outcomes"):
            if not getattr(plan.meta, key):
                yield aims_or_outcomes_missing.at(plan.doc.span(key) if (key,) in plan.doc.spans else plan.doc.span("id"),
                                                  f"plan '{plan.id}' has no {key}",
                                                  f"add `{key}:` with at least one item")


@rule("CUR408", "dose-out-of-range")
def dose_out_of_range(cur: Curriculum, options) -> Iterator[Finding]:
    """`rules.dose_min_contacts` is between 1 and the number of contacts.

    Why: the attendance register explains the dose at its foot ("a family
    has received the programme when they attended at least 7 of the 11
    contacts"); a dose of 0, or more than there are contacts, means nothing.

    Bad: `dose_min_contacts: 12` in a programme of 11 contacts.
    Good: `dose_min_contacts: 7`.
    """
    if cur.programme is None or cur.programme.rules.dose_min_contacts is None:
        return
    dose, count = cur.programme.rules.dose_min_contacts, len(cur.programme.contacts)
    if not 1 <= dose <= count:
        yield dose_out_of_range.at(cur.programme_doc.span("rules", "dose_min_contacts"),
                                   f"dose_min_contacts is {dose} but the programme has {count} contact"
                                   + ("s" if count != 1 else ""),
                                   f"set a number from 1 to {count}" if count else "list the contacts first")
