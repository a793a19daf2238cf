"""Load, run every rule, apply severity overrides: the `validate` command's core."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import markdown_scan
from . import rules as _rules  # noqa: F401  (registers every rule)
from .findings import REGISTRY, Finding, Severity, apply_overrides, sort_findings
from .load import SOURCE_DIRS, load, markdown_files
from .model import Curriculum
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
        return {"errors": self.errors, "warnings": self.warnings,
                "info": self.count(Severity.INFO), "files": self.curriculum.files}


def check(cur: Curriculum, options: Options | None = None) -> list[Finding]:
    """Run every registered rule over a loaded curriculum."""
    options = options or Options()
    found: list[Finding] = []
    with markdown_scan.cached():
        for code in sorted(REGISTRY):
            rule = REGISTRY[code]
            if rule.check is not None:
                found.extend(rule(cur, options))
    return found


def unreadable(cur: Curriculum) -> frozenset[str]:
    """Content files on disk that did not make it into the model."""
    loaded = {doc.path for doc in documents(cur)}
    root = Path(cur.root)
    present = {rel for folder in SOURCE_DIRS for rel in markdown_files(root, folder)}
    return frozenset(present - loaded)


def validate(root: Path | str, options: Options | None = None) -> Report:
    with markdown_scan.cached():
        cur, found = load(root)
        options = replace(options or Options(), unreadable=unreadable(cur))
        found += check(cur, options)
    overrides = cur.programme.rules.severity if cur.programme else {}
    return Report(cur, tuple(sort_findings(apply_overrides(found, overrides))))
