"""Documentation of every finding code, generated from the rule registry."""

from __future__ import annotations

from ..check import rules as _rules  # noqa: F401  (registers every rule)
from ..findings import FAMILIES, REGISTRY


def rules_text() -> str:
    lines = [f"{r.code}  {r.name:<28} {r.severity.value:<8} {r.doc.splitlines()[0] if r.doc else ''}"
             for r in (REGISTRY[c] for c in sorted(REGISTRY))]
    return "\n".join(lines) + "\n"


def rules_markdown() -> str:
    out = ["# Finding codes", "",
           "Every finding `curriculum validate` can report. Codes are stable; one family per hundred.",
           "Severity can be changed per rule in `programme.yml` under `rules.severity`",
           "(for example `plain-word: info` or `CUR404: ignore`).", ""]
    family = None
    for code in sorted(REGISTRY):
        rule = REGISTRY[code]
        if rule.family != family:
            family = rule.family
            out += [f"## {code[:4]}xx {family}", ""]
        reported = " Reported while reading a file." if rule.check is None else ""
        out += [f"### {code} {rule.name}", "", f"Default severity: **{rule.severity.value}**.{reported}", ""]
        out += [_doc_markdown(rule.doc), ""]
    return "\n".join(out)


def _doc_markdown(doc: str) -> str:
    lines = []
    for line in doc.splitlines():
        stripped = line.strip()
        if stripped.startswith(("Bad:", "Good:", "Why:")):
            label, _, rest = stripped.partition(":")
            if lines and lines[-1]:
                lines.append("")
            lines.append(f"**{label}:**{rest}")
        else:
            lines.append(stripped)
    return "\n".join(lines)


__all__ = ["rules_text", "rules_markdown", "FAMILIES"]
