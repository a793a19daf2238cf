"""CUR401–404: timing of contacts and activities."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, rule
from ...model import Curriculum


@rule("CUR401", "duration-mismatch")
def duration_mismatch(cur: Curriculum, options) -> Iterator[Finding]:
    """A plan's `duration` equals the sum of its activities' `minutes`.

    Why: the agenda's start times and the room booking rest on it.

    Bad: `duration: 120` with activities of 20, 30, 30 and 30 minutes.
    Good: `duration: 110`, or add the missing 10 minutes to an activity.
    """
    for plan in cur.plans.values():
        total = sum(a.minutes for a in plan.meta.activities)
        if plan.meta.activities and total != plan.meta.duration:
            parts = " + ".join(str(a.minutes) for a in plan.meta.activities)
            yield duration_mismatch.at(plan.doc.span("duration"),
                                       f"duration is {plan.meta.duration} but the activities add up to {total} ({parts})",
                                       f"set duration: {total}, or change the activity minutes")


@rule("CUR402", "duration-out-of-range")
def duration_out_of_range(cur: Curriculum, options) -> Iterator[Finding]:
    """A contact's duration lies inside the programme's range for its kind
    (`rules.group_minutes`, `rules.home_visit_minutes`).

    Bad: a group session of 200 minutes when the range is 90–150.
    Good: 120 minutes.
    """
    if cur.programme is None:
        return
    rules = cur.programme.rules
    for plan in cur.plans.values():
        bounds = rules.group_minutes if plan.meta.kind == "group" else rules.home_visit_minutes
        if bounds and not bounds.min <= plan.meta.duration <= bounds.max:
            yield duration_out_of_range.at(plan.doc.span("duration"),
                                           f"a {plan.meta.kind} of {plan.meta.duration} minutes is outside {bounds.min}–{bounds.max}",
                                           f"plan between {bounds.min} and {bounds.max} minutes")


@rule("CUR403", "minutes-not-positive")
def minutes_not_positive(cur: Curriculum, options) -> Iterator[Finding]:
    """Every activity lasts at least one minute.

    Bad: `minutes: 0` or `minutes: -5`.
    Good: `minutes: 10`.
    """
    for plan in cur.plans.values():
        for i, activity in enumerate(plan.meta.activities):
            if activity.minutes <= 0:
                yield minutes_not_positive.at(plan.doc.span("activities", i, "minutes"),
                                              f"activity '{activity.id}' has {activity.minutes} minutes",
                                              "give it a positive number of minutes, or remove it")


@rule("CUR404", "activity-too-long", "warning")
def activity_too_long(cur: Curriculum, options) -> Iterator[Finding]:
    """An activity longer than `rules.activity_max_minutes` (default 45) is
    long for a group of new parents, who need breaks and changes of pace.

    Bad: one 60-minute talk.
    Good: two activities of 30 minutes with a change of method between them.
    """
    if cur.programme is None:
        return
    limit = cur.programme.rules.activity_max_minutes
    for plan in cur.plans.values():
        for i, activity in enumerate(plan.meta.activities):
            if activity.minutes > limit:
                yield activity_too_long.at(plan.doc.span("activities", i, "minutes"),
                                           f"activity '{activity.id}' runs {activity.minutes} minutes (over {limit})",
                                           "split it, or change the method halfway through")
