"""Documentation of every finding code, generated from the rule registry."""

from __future__ import annotations

import re

from ..check import rules as _rules  # noqa: F401  (registers every rule)
from ..findings import FAMILIES, REGISTRY


def first_sentence(doc: str) -> str:
    """The first sentence of a rule's description, whole (never cut)."""
    paragraph = " ".join(doc.strip().split("\n\n")[0].split())
    match = re.search(r"[.!?](?=\s+[A-Z`(\"]|$)", paragraph)
    return paragraph[:match.end()] if match else paragraph


def rules_text() -> str:
    lines = [f"{r.code}  {r.name:<28} {r.severity.value:<8} {first_sentence(r.doc) if r.doc else ''}"
             for r in (REGISTRY[c] for c in sorted(REGISTRY))]
    return "\n".join(lines) + "\n"


def find_rule(key: str):
    """The rule with this code (any case) or name, or None."""
    wanted = key.strip()
    for rule in REGISTRY.values():
        if rule.code.lower() == wanted.lower() or rule.name == wanted.lower():
            return rule
    return None


def rule_text(rule) -> str:
    """One rule in full: what, why, bad, good, and how to change its severity."""
    reported = "reported while reading a file" if rule.check is None else "reported by `curriculum validate`"
    body = "\n".join(line.strip() for line in (rule.doc or "").strip().splitlines())
    return (f"{rule.code} {rule.name}\n"
            f"{rule.family}; default severity: {rule.severity.value}; {reported}.\n\n"
            f"{body}\n\n"
            "To change how it is reported, in programme.yml:\n\n"
            "  rules:\n"
            "    severity:\n"
            f"      {rule.code}: warning   # or error, info, ignore; the name {rule.name} works too\n")


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


__all__ = ["rules_text", "rules_markdown", "rule_text", "find_rule", "first_sentence", "FAMILIES"]
