"""Validate a local edition: its own rules, then every rule of the programme
run again on the curriculum as the edition adapts it.

A finding that the core curriculum does not have is the edition's doing: it
is moved to where the edition causes it (the edition's activity file and
line when the text came from there, else the adaptation of that contact in
edition.yml), and says where in the adapted curriculum it arose.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from ..adapt import Adapted, adapt
from ..findings import Finding, Span, apply_overrides, sort_findings
from ..model import Curriculum, Edition
from ..source.editions import load_edition
from .rules.editions import edition_findings
from .validate import Options, Report, check, unreadable, validate

# Reported by the edition's own rules, at the activity file's line (CUR259):
# in an adapted plan only an edition's activity can bring a new one.
OWN_RULES = {"CUR201"}
_QUOTED = re.compile(r"'([a-z0-9]+(?:-[a-z0-9]+)*)'")


def _key(found: Finding) -> tuple:
    return found.code, found.path, found.message


def _adaptation_span(edition: Edition, cur: Curriculum, found: Finding) -> Span:
    """The adaptation most likely to cause a finding: of the finding's contact, one
    naming an activity the message names; for programme-wide findings, a drop or
    replace of an activity covering what the message names."""
    named = set(_QUOTED.findall(found.message))
    contact = next((c for c, plan in cur.plans.items() if plan.doc.path == found.path), None)
    best = None
    for index, change in enumerate(edition.meta.adaptations):
        if contact is not None and change.contact != contact:
            continue
        if contact is None:
            if change.change == "add" or change.contact not in cur.plans:
                continue
            removed = next((a for a in cur.plans[change.contact].meta.activities if a.id == change.activity), None)
            if removed is None or not named & {*removed.themes, *removed.threads, *removed.messages}:
                continue
        if best is None or named & {change.activity, change.after}:
            best = index
    if best is not None:
        return edition.doc.span("adaptations", best)
    return edition.doc.span("adaptations") if ("adaptations",) in edition.doc.spans else edition.doc.span("title")


def relocate(found: Finding, edition: Edition, adapted: Adapted, core: Curriculum) -> Finding:
    """A finding of the adapted curriculum, at the edition's file and line."""
    source, line = adapted.origins.of(found.path, found.line)
    if source.startswith(edition.folder + "/"):
        return replace(found, path=source, line=line)
    place = f"{found.path}:{found.line}" if found.line else found.path
    listing = core.handouts.get(edition.meta.services_handout or "")
    if listing is not None and found.path == listing.doc.path:  # the services section the edition adds
        span = edition.doc.span("services")
    else:
        span = _adaptation_span(edition, core, found)
    return replace(found, path=span.path, line=span.line, column=span.column,
                   message=f"{found.message} (at {place}, as this edition changes it)")


def recheck(core: Curriculum, edition: Edition, core_findings: list[Finding], options: Options) -> tuple[Adapted, list[Finding]]:
    """The adapted curriculum, and the findings it has that the core has not."""
    adapted = adapt(core, edition)
    before = Counter(_key(f) for f in core_findings)
    new = []
    changed = set(adapted.origins.pieces)  # the plans the edition changes
    for found in check(adapted.curriculum, options):
        if found.code in OWN_RULES and found.path in changed:
            continue
        if before[_key(found)]:
            before[_key(found)] -= 1
            continue
        new.append(relocate(found, edition, adapted, core))
    return adapted, new


def check_edition(core: Report, ident: str, options: Options | None = None,
                  core_checks: list[Finding] | None = None) -> tuple[Curriculum, list[Finding]]:
    """The edition's own findings (its files, its rules, every rule of the programme
    on the curriculum as it adapts it), and that adapted curriculum (the core's,
    when the edition cannot be read). core_checks: check() of the core, when known."""
    cur = core.curriculum
    edition, found = load_edition(Path(cur.root), ident)
    if edition is None or cur.programme is None:
        return cur, found
    found += edition_findings(cur, edition)
    options = replace(options or Options(), unreadable=unreadable(cur))
    adapted, new = recheck(cur, edition, check(cur, options) if core_checks is None else core_checks, options)
    found += new
    return adapted.curriculum, sort_findings(apply_overrides(found, cur.programme.rules.severity))


def validate_edition(root: Path | str, ident: str, options: Options | None = None,
                     core: Report | None = None) -> Report:
    """The core's findings then the edition's; the report's curriculum is the adapted one."""
    core = core or validate(root, options)
    adapted, found = check_edition(core, ident, options)
    return Report(adapted, (*core.findings, *found))


def validate_editions(root: Path | str, idents: list[str], options: Options | None = None) -> Report:
    """The core's findings once, then each edition's own."""
    core = validate(root, options)
    found = list(core.findings)
    core_checks = check(core.curriculum, replace(options or Options(), unreadable=unreadable(core.curriculum))) if idents else []
    for ident in idents:
        found += check_edition(core, ident, options, core_checks)[1]
    return Report(core.curriculum, tuple(found))
