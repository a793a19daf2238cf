"""CUR220–224: the evaluation in programme.yml (measures and timepoints).

These are references and structure (family 2): what a timepoint names
must exist, every measure is used, ids are unique, and a licensed measure
says where its copy comes from.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ...findings import Finding, rule
from ...model import Curriculum
from ._util import did_you_mean


def _evaluation(cur: Curriculum):
    programme = cur.programme
    return programme.evaluation if programme is not None else None


@rule("CUR220", "unknown-measure")
def unknown_measure(cur: Curriculum, options) -> Iterator[Finding]:
    """Every measure a timepoint lists is defined under `evaluation.measures`.

    Why: a typo drops a questionnaire from the schedule and from the plan
    of the contact where it should be given.

    Bad: `timepoints: [{id: start, contact: antenatal-home-visit, measures: [edps]}]`
    with a measure `id: epds`.
    Good: `measures: [epds]`.
    """
    evaluation = _evaluation(cur)
    if evaluation is None:
        return
    known = [m.id for m in evaluation.measures]
    for i, timepoint in enumerate(evaluation.timepoints):
        for j, measure in enumerate(timepoint.measures):
            if measure not in known:
                yield unknown_measure.at(cur.programme_doc.span("evaluation", "timepoints", i, "measures", j),
                                         f"timepoint '{timepoint.id}' lists unknown measure '{measure}'",
                                         did_you_mean(measure, known) if known else
                                         "define it under `evaluation.measures` first")


@rule("CUR221", "timepoint-contact-unknown")
def timepoint_contact_unknown(cur: Curriculum, options) -> Iterator[Finding]:
    """A timepoint's `contact` is one of the programme's `contacts`.

    Why: the questionnaires are given at a contact; a timepoint at a contact
    that does not exist is never shown in any plan, so it is never given.

    Bad: `contact: antenatal-7` in a programme with six antenatal groups.
    Good: `contact: antenatal-6`.
    """
    evaluation = _evaluation(cur)
    if evaluation is None:
        return
    contacts = [ref.id for ref in cur.programme.contacts]
    for i, timepoint in enumerate(evaluation.timepoints):
        if timepoint.contact not in contacts:
            yield timepoint_contact_unknown.at(cur.programme_doc.span("evaluation", "timepoints", i, "contact"),
                                               f"timepoint '{timepoint.id}' is at unknown contact "
                                               f"'{timepoint.contact}'", did_you_mean(timepoint.contact, contacts))


@rule("CUR222", "measure-never-used", "warning")
def measure_never_used(cur: Curriculum, options) -> Iterator[Finding]:
    """Every measure is given at one timepoint at least.

    Why: a measure no timepoint lists appears on no schedule and is never
    collected; either it is left over or a timepoint forgot it.

    Bad: a measure `id: feedback` that no timepoint's `measures` names.
    Good: `measures: [epds, feedback]` at the end timepoint, or remove it.
    """
    evaluation = _evaluation(cur)
    if evaluation is None:
        return
    used = {measure for timepoint in evaluation.timepoints for measure in timepoint.measures}
    for i, measure in enumerate(evaluation.measures):
        if measure.id not in used:
            yield measure_never_used.at(cur.programme_doc.span("evaluation", "measures", i, "id"),
                                        f"measure '{measure.id}' is not given at any timepoint",
                                        "add it to a timepoint's `measures`, or remove it")


def _repeats(ids, span) -> Iterator[tuple[object, str]]:
    """(span, id) of each second and later use of an id."""
    seen: Counter = Counter()
    for index, ident in enumerate(ids):
        seen[ident] += 1
        if seen[ident] > 1:
            yield span(index), ident


@rule("CUR223", "duplicate-in-evaluation")
def duplicate_in_evaluation(cur: Curriculum, options) -> Iterator[Finding]:
    """Measure ids and timepoint ids are unique, and a timepoint lists each
    measure once.

    Bad: two measures `id: epds`; `measures: [epds, epds]`.
    Good: distinct ids, each measure once per timepoint.
    """
    evaluation = _evaluation(cur)
    if evaluation is None:
        return
    doc = cur.programme_doc
    for key, items in (("measures", evaluation.measures), ("timepoints", evaluation.timepoints)):
        for where, ident in _repeats([item.id for item in items], lambda i, k=key: doc.span("evaluation", k, i, "id")):
            yield duplicate_in_evaluation.at(where, f"evaluation {key} id '{ident}' is used twice",
                                             "give each its own id")
    for i, timepoint in enumerate(evaluation.timepoints):
        for where, ident in _repeats(timepoint.measures,
                                     lambda j, i=i: doc.span("evaluation", "timepoints", i, "measures", j)):
            yield duplicate_in_evaluation.at(where, f"timepoint '{timepoint.id}' lists measure '{ident}' twice",
                                             "list each measure once")


@rule("CUR224", "licensed-copy-unsaid", "warning")
def licensed_copy_unsaid(cur: Curriculum, options) -> Iterator[Finding]:
    """A `restricted: true` measure says in `source` where to get the
    licensed copy.

    Why: the site and the PDFs never print a restricted measure's items, so
    a facilitator needs to know where the copy their service may use is kept.

    Bad: `{id: epds, title: "...", completed_by: each parent, restricted: true}`.
    Good: the same with `source: "Your perinatal mental health lead holds the licensed copy"`.
    """
    evaluation = _evaluation(cur)
    if evaluation is None:
        return
    for i, measure in enumerate(evaluation.measures):
        if measure.restricted and not measure.source.strip():
            yield licensed_copy_unsaid.at(cur.programme_doc.span("evaluation", "measures", i, "restricted"),
                                          f"restricted measure '{measure.id}' does not say where to get the "
                                          "licensed copy", "add `source:` naming who holds it or where to get it")
