"""The bad-input corpus (issue 8): each case in tests/corpus/<case>/ is the
minimal curriculum with ONE defect, given as the files that differ from
tests/fixtures/minimal plus `expected.yml` (the finding's code, path, line
and column, and the exit status). Big and binary inputs are made at test
time (`generate:`), so the repository carries no 20 MB file.

Each case runs `python -m curriculum validate ROOT --format json` in a
subprocess with a wall-clock and a memory limit: exit status 1 (0 for the
Jinja case), the expected finding, and never a traceback.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

TESTS = Path(__file__).parent
CORPUS = TESTS / "corpus"
MINIMAL = TESTS / "fixtures" / "minimal"
TIMEOUT_S = 20
MEMORY_BYTES = 1_500_000_000

try:
    import resource
except ImportError:  # pragma: no cover - not on POSIX
    resource = None

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def _week_1(root: Path) -> Path:
    return root / "sessions" / "week-1.md"


def png_bytes(root: Path) -> None:
    (root / "handouts" / "shopping-list.md").write_bytes(PNG)


def latin_1(root: Path) -> None:
    path = _week_1(root)
    path.write_bytes(path.read_text().replace("Everyone says", "Everyone £ says").encode("latin-1"))


def twenty_megabytes(root: Path) -> None:
    with open(_week_1(root), "a", encoding="utf-8") as plan:
        paragraph = "Chop the onions and fry them slowly until they are soft and golden.\n\n"
        plan.write(paragraph * (20_000_000 // len(paragraph)))


def nested_lists(root: Path) -> None:
    with open(_week_1(root), "a", encoding="utf-8") as plan:
        plan.write("\n" + "".join("  " * level + "- step\n" for level in range(400)))


def unclosed_brackets(root: Path) -> None:
    with open(root / "handouts" / "shopping-list.md", "a", encoding="utf-8") as handout:
        handout.write("\n" + ("[" * 4000 + "\n") * 225)


def symlink_out(root: Path) -> None:
    (root / "sessions" / "evil.md").symlink_to("/etc/passwd")


GENERATORS = {"png-bytes": png_bytes, "latin-1": latin_1, "twenty-megabytes": twenty_megabytes,
              "nested-lists": nested_lists, "symlink-out": symlink_out,
              "unclosed-brackets": unclosed_brackets}
CASES = sorted(path.parent.name for path in CORPUS.glob("*/expected.yml"))


def build(case: str, tmp_path: Path) -> tuple[Path, dict]:
    source = CORPUS / case
    expected = yaml.safe_load((source / "expected.yml").read_text(encoding="utf-8"))
    root = tmp_path / case
    shutil.copytree(MINIMAL, root)
    for path in source.rglob("*"):
        if path.is_file() and path.name != "expected.yml":
            target = root / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    if expected.get("generate"):
        GENERATORS[expected["generate"]](root)
    return root, expected


def _limits() -> None:
    if resource is not None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def run_validate(root: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-m", "curriculum", "validate", str(root), "--format", "json"],
                          capture_output=True, text=True, timeout=TIMEOUT_S, cwd=cwd, env=env,
                          preexec_fn=_limits if resource is not None else None)


ISSUE_8 = {
    "invalid-yaml", "duplicate-keys", "string-for-minutes", "number-for-title", "no-read-as-false", "unquoted-date",
    "missing-front-matter", "extra-front-matter", "empty-file", "binary-file", "non-utf8", "twenty-megabyte-plan",
    "alias-bomb", "deeply-nested-lists", "symlink-outside", "dotdot-id", "handout-reference-etc-passwd",
    "image-file-url", "image-loopback-http", "raw-script", "onerror-attribute", "onclick-attribute-list",
    "facilitator-block-in-parent-handout", "jinja-expression",
}


def test_the_corpus_has_the_cases_issue_8_names():
    assert sorted(ISSUE_8 - set(CASES)) == []
    for case in CASES:
        expected = yaml.safe_load((CORPUS / case / "expected.yml").read_text(encoding="utf-8"))
        assert expected["defect"] and expected["exit"] in (0, 1)
        assert expected.get("generate") in (None, *GENERATORS)


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gives_its_finding_never_a_traceback(case, tmp_path):
    root, expected = build(case, tmp_path)
    result = run_validate(root, cwd=tmp_path)  # raises TimeoutExpired past TIMEOUT_S
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == expected["exit"], result.stdout + result.stderr
    report = json.loads(result.stdout)
    want = expected["expect"]
    if want["code"] is None:
        assert [f for f in report["findings"] if f["severity"] == "error"] == []
        return
    found = [f for f in report["findings"] if f["code"] == want["code"] and f["path"] == want["path"]]
    assert found, f"no {want['code']} for {want['path']} in {report['findings']}"
    keys = [key for key in ("line", "column") if key in want]
    assert [want[key] for key in keys] in [[f[key] for key in keys] for f in found]
    # One defect, one kind of error: no cascade of findings elsewhere.
    assert {(f["code"], f["path"]) for f in report["findings"] if f["severity"] == "error"} == {
        (want["code"], want["path"])}


def test_python_tag_runs_nothing(tmp_path):
    root, _ = build("python-tag", tmp_path)
    run_validate(root, cwd=tmp_path)
    assert not (tmp_path / "pwned").exists()
    assert not (root / "pwned").exists()


def test_jinja_expression_is_left_as_text(tmp_path):
    root, _ = build("jinja-expression", tmp_path)
    body = (root / "handouts" / "shopping-list.md").read_text()
    assert "{{ ''.__class__ }}" in body
    report = json.loads(run_validate(root, cwd=tmp_path).stdout)
    assert not any("__class__" in f["message"] or "<class" in f["message"] for f in report["findings"])
