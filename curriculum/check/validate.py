"""Load, run every rule, apply severity overrides: the `validate` command's core.

Validation is a pure function of the sources: every run reads every file
once and runs every rule; nothing is kept between runs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..findings import REGISTRY, Finding, Severity, apply_overrides, sort_findings
from ..model import Curriculum
from ..source.load import SOURCE_DIRS, markdown_files
from ..source.translations import load_all
from . import rules as _rules  # noqa: F401  (registers every rule)
from .rules.links import documents


@dataclass(frozen=True)
class Options:
    today: dt.date = field(default_factory=dt.date.today)
    # Content files that exist but could not be read or typed. Their own
    # errors are reported; rules stay quiet where they would only repeat them
    # ("contact has no plan", coverage, "unknown handout"). Set by validate().
    unreadable: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Report:
    curriculum: Curriculum
    findings: tuple[Finding, ...]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def summary(self) -> dict:
        counts = Counter(f.severity for f in self.findings)
        return {"errors": counts[Severity.ERROR], "warnings": counts[Severity.WARNING],
                "info": counts[Severity.INFO], "files": self.curriculum.files}


def check(cur: Curriculum, options: Options | None = None) -> list[Finding]:
    """Run every registered rule over a loaded curriculum, in code order."""
    options = options or Options()
    return [finding for code in sorted(REGISTRY) if REGISTRY[code].check is not None
            for finding in REGISTRY[code](cur, options)]


def unreadable(cur: Curriculum) -> frozenset[str]:
    """Content files on disk that did not make it into the model."""
    loaded = {doc.path for doc in documents(cur)}
    present = cur.present
    if present is None:
        root = Path(cur.root)
        present = {rel for folder in SOURCE_DIRS for rel in markdown_files(root, folder)}
    return frozenset(present - loaded)


def validate(root: Path | str, options: Options | None = None) -> Report:
    """Load and check the curriculum at root: every finding, with programme.yml's
    severity overrides applied, sorted by file and line."""
    cur, found = load_all(root)
    options = replace(options or Options(), unreadable=unreadable(cur))
    found += check(cur, options)
    overrides = cur.programme.rules.severity if cur.programme else {}
    return Report(cur, tuple(sort_findings(apply_overrides(found, overrides))))
