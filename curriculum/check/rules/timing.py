"""CUR401–404, CUR409: timing of contacts and activities, and breaks."""

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


def _stretches(activities):
    """Each run of activities between breaks: (first index, last index, minutes)."""
    first, total = None, 0
    for i, activity in enumerate(activities):
        if activity.is_break:
            if first is not None:
                yield first, i - 1, total
            first, total = None, 0
            continue
        first = i if first is None else first
        total += activity.minutes
    if first is not None:
        yield first, len(activities) - 1, total


def _first_over(activities, first: int, limit: int) -> int:
    """The activity, from `first` on, that ends later than `limit` minutes in."""
    run, i = 0, first
    while i < len(activities) - 1 and run + activities[i].minutes <= limit:
        run += activities[i].minutes
        i += 1
    return i


@rule("CUR409", "no-break")
def no_break(cur: Curriculum, options) -> Iterator[Finding]:
    """With `rules.break_after_minutes: N`, no group contact runs longer than
    N minutes without a break: an activity with `break: true`.

    It counts the minutes between breaks (and from the start and to the end),
    so a group longer than N minutes needs at least one break, placed so that
    neither side of it runs over N. Home visits are not checked.

    Why: parents late in pregnancy or with a new baby need to stretch, feed,
    change a nappy and use the toilet; a plan with no timed break either
    overruns or loses an activity to the break people take anyway.

    Bad: `break_after_minutes: 90` and a 120-minute group with no break.
    Good: a 15-minute activity with `break: true` after about an hour
    (`- {id: break, title: Break, minutes: 15, break: true}`).
    """
    if cur.programme is None or cur.programme.rules.break_after_minutes is None:
        return
    limit = cur.programme.rules.break_after_minutes
    for plan in cur.plans.values():
        if plan.meta.kind != "group":
            continue
        activities = plan.meta.activities
        for first, last, total in _stretches(activities):
            if total <= limit:
                continue
            i = _first_over(activities, first, limit)
            yield no_break.at(plan.doc.span("activities", i, "id"),
                              f"activities '{activities[first].id}' to '{activities[last].id}' run {total} minutes "
                              f"without a break (over {limit})",
                              f"add an activity with `break: true` (it needs no lead) before '{activities[i].id}' "
                              f"or earlier, or shorten the activities")
