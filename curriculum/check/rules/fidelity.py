"""CUR405–407: fidelity to the model (co-facilitation, core content, aims)."""

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
