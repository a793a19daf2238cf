"""Findings and the rule registry (curriculum/findings.py), and the meta-test:
every registered code is exercised by at least one test expectation."""

import importlib.util
from pathlib import Path

import pytest
import yaml

import curriculum.check.rules  # noqa: F401  (registers every rule)
from curriculum.findings import REGISTRY, Finding, Severity, Span, apply_overrides, sort_findings

TESTS = Path(__file__).parent
RULES = Path(curriculum.check.rules.__file__).parent


def _module(path: Path):
    spec = importlib.util.spec_from_file_location(f"_meta_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def expected_codes() -> dict[str, set[str]]:
    """code -> where a test expects it: the rule tables, the loader table, the corpus."""
    found: dict[str, set[str]] = {}
    for path in sorted(TESTS.glob("test_rules_*.py")):
        for param in _module(path).CASES:
            found.setdefault(param.values[0], set()).add(path.name)
    for param in _module(TESTS / "test_load.py").LOADER_CASES:
        found.setdefault(param.values[1], set()).add("test_load.py")
    for expected in sorted((TESTS / "corpus").glob("*/expected.yml")):
        code = yaml.safe_load(expected.read_text())["expect"]["code"]
        if code:
            found.setdefault(code, set()).add(f"corpus/{expected.parent.name}")
    return found


def test_every_registered_code_has_a_test():
    untested = sorted(set(REGISTRY) - set(expected_codes()))
    assert untested == [], f"codes no test expects: {untested}"


def test_tests_expect_only_registered_codes():
    assert sorted(set(expected_codes()) - set(REGISTRY)) == []


def test_every_rule_module_has_its_test_module():
    families = {path.stem for path in RULES.glob("*.py") if not path.stem.startswith("_")}
    assert sorted(f for f in families if not (TESTS / f"test_rules_{f}.py").exists()) == []


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_every_rule_is_documented_with_bad_and_good_examples(code):
    rule = REGISTRY[code]
    assert "Bad" in rule.doc and "Good" in rule.doc, f"{code} {rule.name} needs 'Bad:' and 'Good:' examples"
    assert rule.name == rule.name.lower() and " " not in rule.name


def test_codes_are_one_family_per_hundred():
    assert all(code.startswith("CUR") and len(code) == 6 and code[3] in "12345678" for code in REGISTRY)
    assert len({rule.name for rule in REGISTRY.values()}) == len(REGISTRY)


def finding(path="a.md", line=1, column=1, code="CUR401", severity=Severity.ERROR, message="m"):
    return Finding(path, line, column, code, REGISTRY[code].name, severity, message, "hint")


def test_findings_sort_by_path_line_column_code():
    found = [finding("b.md", 1), finding("a.md", 9), finding("a.md", None), finding("a.md", 9, 2),
             finding("a.md", 9, 1, "CUR110")]
    assert [(f.path, f.line, f.column, f.code) for f in sort_findings(found)] == [
        ("a.md", None, 1, "CUR401"), ("a.md", 9, 1, "CUR110"), ("a.md", 9, 1, "CUR401"),
        ("a.md", 9, 2, "CUR401"), ("b.md", 1, 1, "CUR401")]


def test_finding_as_dict_has_the_format_md_keys():
    assert finding().as_dict() == {"code": "CUR401", "name": "duration-mismatch", "severity": "error",
                                   "path": "a.md", "line": 1, "column": 1, "message": "m", "hint": "hint"}


def test_rule_at_builds_a_finding_with_the_rule_severity():
    made = REGISTRY["CUR404"].at(Span("x.md", 3, 5), "long", "split it")
    assert made == Finding("x.md", 3, 5, "CUR404", "activity-too-long", Severity.WARNING, "long", "split it")
    assert made.severity is Severity.WARNING


def test_overrides_by_code_or_name():
    found = [finding(code="CUR404", severity=Severity.WARNING), finding(code="CUR401"), finding(code="CUR605")]
    out = apply_overrides(found, {"CUR404": "error", "duration-mismatch": "ignore", "CUR605": "info"})
    assert [(f.code, f.severity) for f in out] == [("CUR404", Severity.ERROR), ("CUR605", Severity.INFO)]


def test_declared_rules_cannot_be_run():
    with pytest.raises(AssertionError):
        list(REGISTRY["CUR101"]())
