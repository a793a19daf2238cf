"""Load, run every rule, apply severity overrides: the `validate` command's core."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import rules as _rules  # noqa: F401  (registers every rule)
from .findings import REGISTRY, Finding, Severity, apply_overrides, sort_findings
from .load import load
from .model import Curriculum


@dataclass(frozen=True)
class Options:
    today: dt.date = field(default_factory=dt.date.today)


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
        return {"errors": self.errors, "warnings": self.warnings,
                "info": self.count(Severity.INFO), "files": self.curriculum.files}


def check(cur: Curriculum, options: Options | None = None) -> list[Finding]:
    """Run every registered rule over a loaded curriculum."""
    options = options or Options()
    found: list[Finding] = []
    for code in sorted(REGISTRY):
        rule = REGISTRY[code]
        if rule.check is not None:
            found.extend(rule(cur, options))
    return found


def validate(root: Path | str, options: Options | None = None) -> Report:
    cur, found = load(root)
    found += check(cur, options)
    overrides = cur.programme.rules.severity if cur.programme else {}
    return Report(cur, tuple(sort_findings(apply_overrides(found, overrides))))
