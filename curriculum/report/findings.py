"""Findings as text, JSON or GitHub annotations (pure: strings out)."""

from __future__ import annotations

import json
from collections.abc import Callable

from ..findings import Finding, Severity


def _where(f: Finding) -> str:
    return ":".join(str(part) for part in (f.path, f.line, f.column) if part is not None)


def _one_line(text: str) -> str:
    """Author text in a message may hold line breaks; text output keeps one
    finding per line (and one hint line under it)."""
    return " ".join(text.splitlines())


def as_text(findings: list[Finding], summary: dict) -> str:
    lines = []
    for f in findings:
        lines.append(f"{_one_line(_where(f))}: {f.code} [{f.severity.value}] {_one_line(f.message)} ({f.name})")
        if f.hint:
            lines.append(f"    hint: {_one_line(f.hint)}")
    lines.append(
        f"{summary['files']} files checked: {summary['errors']} errors, {summary['warnings']} warnings"
        + (f", {summary['info']} notes" if summary.get("info") else "")
    )
    return "\n".join(lines) + "\n"


def as_json(findings: list[Finding], summary: dict) -> str:
    return json.dumps({"findings": [f.as_dict() for f in findings], "summary": summary},
                      ensure_ascii=False, indent=2) + "\n"


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(findings: list[Finding], summary: dict) -> str:
    lines = []
    for f in findings:
        props = [f"file={_escape_property(f.path)}"]
        if f.line is not None:
            props.append(f"line={f.line}")
        if f.column is not None:
            props.append(f"col={f.column}")
        props.append(f"title={_escape_property(f.code)}")
        message = f.message + (f" (hint: {f.hint})" if f.hint else "")
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


FORMATS: dict[str, Callable[[list[Finding], dict], str]] = {
    "text": as_text,
    "json": as_json,
    "github": as_github,
}
