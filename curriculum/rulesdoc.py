"""Documentation of every finding code, generated from the rule registry."""

from __future__ import annotations

from . import rules as _rules  # noqa: F401  (registers every rule)
from .findings import FAMILIES, REGISTRY


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
        out += [f"### {code} {rule.name}", "", f"Default severity: **{rule.severity.value}**. {_scope(rule)}", ""]
        out += [_doc_markdown(rule.doc), ""]
    return "\n".join(out)


def _scope(rule) -> str:
    if rule.check is None:
        return "Reported while reading a file."
    if rule.per_file:
        return "Reads one file (and programme.yml): its findings are kept between runs until the file changes."
    if rule.reads_links:
        return ("Compares files' headings, links and images: checked again whenever those of any file change, "
                "or a file is added or removed.")
    return ("Compares files' front matter: checked again whenever any file's front matter changes, "
            "or a file is added or removed.")


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
