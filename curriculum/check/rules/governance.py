"""CUR8xx: review dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ...findings import Finding, Span, rule
from ...model import Curriculum


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    if year > dt.MAXYEAR:  # `reviewed: 9999-12-01` or a huge review_months: never due
        return dt.date.max
    return dt.date(year, month, min(day.day, 28))


def reviewable(cur: Curriculum):
    yield from cur.plans.values()
    yield from cur.handouts.values()


@rule("CUR801", "review-overdue", "warning")
def review_overdue(cur: Curriculum, options) -> Iterator[Finding]:
    """A plan or handout whose `reviewed` date is older than
    `rules.review_months`.

    Why: clinical guidance changes (safer sleep, vaccinations); content must
    be re-checked by a qualified reviewer.

    Bad: `reviewed: 2019-05-01` with `review_months: 24`.
    Good: a review within the last 24 months, with its date recorded.
    """
    if cur.programme is None or not cur.programme.rules.review_months:
        return
    months = cur.programme.rules.review_months
    for item in reviewable(cur):
        reviewed = item.meta.reviewed
        if reviewed and _add_months(reviewed, months) < options.today:
            yield review_overdue.at(item.doc.span("reviewed"), f"last reviewed {reviewed.isoformat()}, over {months} months ago",
                                    "ask a qualified reviewer to check it, then update `reviewed:`")
        elif reviewed and reviewed > options.today:
            yield review_overdue.at(item.doc.span("reviewed"), f"reviewed date {reviewed.isoformat()} is in the future",
                                    "record the date the review happened")


@rule("CUR802", "never-reviewed", "info")
def never_reviewed(cur: Curriculum, options) -> Iterator[Finding]:
    """A count of plans and handouts with no `reviewed` date.

    Why: a manager can see at a glance how much content awaits clinical review.

    Bad: nothing wrong yet; a reminder.
    Good: `reviewed: 2026-03-01` once a qualified reviewer has checked it.
    """
    plans = [p.id for p in cur.plans.values() if p.meta.reviewed is None]
    handouts = [h.id for h in cur.handouts.values() if h.meta.reviewed is None]
    if plans or handouts:
        yield never_reviewed.at(Span(cur.programme_doc.path, None, None),
                                f"{len(plans)} plans and {len(handouts)} handouts have never been reviewed",
                                "add `reviewed: YYYY-MM-DD` after a qualified review")
