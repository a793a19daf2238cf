"""Findings and the rule registry.

A rule is a small function of the loaded curriculum that yields findings. It is
registered with a stable code (one family per hundred) and a kebab-case name;
its docstring (what, why, bad example, good example) becomes its docs entry.
Problems found while loading are registered the same way, without a check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


FAMILIES = {
    1: "Schema and parsing",
    2: "References and structure",
    3: "Coverage",
    4: "Timing and fidelity",
    5: "Audience and readability",
    6: "Links and media",
    7: "Security and limits",
    8: "Governance",
}


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int | None
    column: int | None
    code: str
    name: str = field(compare=False)
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    hint: str = field(default="", compare=False)

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.column or 0, self.code, self.message, self.hint)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class Span:
    """Where something stands in a file: 1-based line and column."""

    path: str
    line: int | None = None
    column: int | None = None


@dataclass
class Rule:
    code: str
    name: str
    severity: Severity
    doc: str
    check: Callable[..., Iterable[Finding]] | None = None

    @property
    def family(self) -> str:
        return FAMILIES[int(self.code[3])]

    def at(self, where: Span, message: str, hint: str = "", severity: Severity | None = None) -> Finding:
        return Finding(
            path=where.path,
            line=where.line,
            column=where.column,
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=message,
            hint=hint,
        )

    def __call__(self, *args, **kwargs) -> Iterator[Finding]:
        assert self.check is not None, f"{self.code} is reported while loading"
        yield from self.check(*args, **kwargs)


REGISTRY: dict[str, Rule] = {}


def _register(rule_: Rule) -> Rule:
    if rule_.code in REGISTRY:
        raise ValueError(f"rule code {rule_.code} registered twice")
    REGISTRY[rule_.code] = rule_
    return rule_


def declare(code: str, name: str, severity: str = "error", doc: str = "") -> Rule:
    """A finding reported while loading (no check function of its own)."""
    return _register(Rule(code, name, Severity(severity), doc.strip()))


def rule(code: str, name: str, severity: str = "error") -> Callable[[Callable], Rule]:
    """Register a check: `@rule("CUR401", "duration-mismatch")`."""

    def wrap(check: Callable[..., Iterable[Finding]]) -> Rule:
        return _register(Rule(code, name, Severity(severity), (check.__doc__ or "").strip(), check))

    return wrap


def apply_overrides(findings: Iterable[Finding], overrides: dict[str, str]) -> list[Finding]:
    """Per-rule severity from programme.yml `rules.severity` (code or name -> level)."""
    out = []
    for found in findings:
        level = overrides.get(found.code) or overrides.get(found.name)
        if level == "ignore":
            continue
        out.append(replace(found, severity=Severity(level)) if level else found)
    return out


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)
