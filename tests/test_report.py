"""Findings as text, JSON and GitHub annotations (curriculum/report.py),
compared with golden files made from one shared list of findings.

Regenerate the golden files after a deliberate change with
`CURRICULUM_UPDATE_GOLDEN=1 pytest tests/test_report.py`, and read the diff.
"""

import json
import os
from pathlib import Path

import pytest

from curriculum.findings import REGISTRY, Finding
from curriculum.report.findings import FORMATS, as_github, as_json, as_text

GOLDEN = Path(__file__).parent / "golden"


def _finding(code, path, line, column, message, hint="", severity=None):
    rule = REGISTRY[code]
    return Finding(path, line, column, code, rule.name, severity or rule.severity, message, hint)


FINDINGS = [
    _finding("CUR802", "programme.yml", None, None, "2 plans and 1 handouts have never been reviewed",
             "add `reviewed: YYYY-MM-DD` after a qualified review"),
    _finding("CUR108", "sessions/antenatal-2.md", 3, 1, "'title: no' was read by YAML as false, not as text",
             'put it in quotes: title: "no"'),
    _finding("CUR401", "sessions/antenatal-2.md", 14, 3,
             "duration is 100% of 120, but: the activities add up to 110 (20 + 30, 60)",
             "set duration: 110"),
    _finding("CUR404", "sessions/antenatal-2.md", 22, 5, "activity 'talk' runs 60 minutes (over 45)",
             "split it,\nor change the method halfway through"),
    _finding("CUR510", "handouts/sleep, safely: a guide.md", 12, 1,
             "reading grade 9.1 is over 6.\r\nHardest sentences: line 12: \"Commencing...\"",
             "use shorter sentences"),
    _finding("CUR605", "handouts/sleep.md", 7, 1, "external link https://www.nhs.uk/ (not checked)"),
    _finding("CUR705", "sessions/evil.md", None, None, "symbolic link pointing outside the repository"),
]
SUMMARY = {"errors": 4, "warnings": 1, "info": 2, "files": 42}


@pytest.mark.parametrize("fmt, golden", [("text", "findings.txt"), ("json", "findings.json"),
                                         ("github", "findings.github.txt")])
def test_format_matches_golden_file(fmt, golden):
    produced = FORMATS[fmt](FINDINGS, SUMMARY)
    path = GOLDEN / golden
    if os.environ.get("CURRICULUM_UPDATE_GOLDEN"):
        path.write_bytes(produced.encode("utf-8"))
    assert produced == path.read_bytes().decode("utf-8")


def test_json_is_the_format_md_object():
    data = json.loads(as_json(FINDINGS, SUMMARY))
    assert set(data) == {"findings", "summary"}
    required = {"code", "severity", "path", "line", "column", "message", "hint"}
    for item in data["findings"]:
        assert required <= set(item)
        assert item["severity"] in {"error", "warning", "info"}
        assert item["line"] is None or (isinstance(item["line"], int) and item["line"] >= 1)
    assert {"errors", "warnings", "files"} <= set(data["summary"])
    assert data["findings"][1] == {"code": "CUR108", "name": "coerced-value", "severity": "error",
                                   "path": "sessions/antenatal-2.md", "line": 3, "column": 1,
                                   "message": "'title: no' was read by YAML as false, not as text",
                                   "hint": 'put it in quotes: title: "no"'}
    assert data["findings"][0]["line"] is None


def test_json_keeps_non_ascii_text():
    found = [_finding("CUR201", "handouts/café.md", 2, 1, "unknown theme 'crèche'")]
    assert "café.md" in as_json(found, SUMMARY)


def test_github_escapes_data_and_properties():
    [line] = as_github([FINDINGS[4]], SUMMARY).splitlines()
    assert line == ("::error file=handouts/sleep%2C safely%3A a guide.md,line=12,col=1,title=CUR510::"
                    "reading grade 9.1 is over 6.%0D%0AHardest sentences: line 12: \"Commencing...\""
                    " (hint: use shorter sentences)")


def test_github_percent_comes_first_and_lines_stay_whole():
    out = as_github(FINDINGS, SUMMARY)
    assert "100%25 of 120, but: the" in out  # `:` and `,` stay in the message
    assert "split it,%0Aor change" in out
    assert len(out.splitlines()) == len(FINDINGS)


def test_github_levels_and_missing_lines():
    lines = as_github(FINDINGS, SUMMARY).splitlines()
    assert lines[0] == ("::notice file=programme.yml,title=CUR802::2 plans and 1 handouts have never been reviewed"
                        " (hint: add `reviewed: YYYY-MM-DD` after a qualified review)")
    assert lines[3].startswith("::warning file=sessions/antenatal-2.md,line=22,col=5,title=CUR404::")


def test_text_reads_path_line_column_code():
    lines = as_text(FINDINGS, SUMMARY).splitlines()
    assert lines[2] == "sessions/antenatal-2.md:3:1: CUR108 [error] 'title: no' was read by YAML as false, not as text (coerced-value)"
    assert lines[3] == '    hint: put it in quotes: title: "no"'
    assert lines[-1] == "42 files checked: 4 errors, 1 warnings, 2 notes"


@pytest.mark.parametrize("fmt, expected", [
    ("text", "3 files checked: 0 errors, 0 warnings\n"),
    ("json", '{\n  "findings": [],\n  "summary": {\n    "errors": 0,\n    "warnings": 0,\n    "files": 3\n  }\n}\n'),
    ("github", ""),
])
def test_no_findings(fmt, expected):
    assert FORMATS[fmt]([], {"errors": 0, "warnings": 0, "files": 3}) == expected


def test_text_keeps_one_finding_per_line_whatever_the_message_holds():
    out = as_text(FINDINGS, SUMMARY)
    assert "\r" not in out
    assert "    hint: split it, or change the method halfway through\n" in out
    assert len(out.splitlines()) == len(FINDINGS) + sum(1 for f in FINDINGS if f.hint) + 1
