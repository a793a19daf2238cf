"""The command line (curriculum/cli.py) through click's test runner."""

import csv
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from curriculum import __version__
from curriculum.cli import main
from curriculum.findings import REGISTRY


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, [str(arg) for arg in args], catch_exceptions=False)

    return invoke


def test_validate_clean_curriculum_exits_0(run, minimal):
    result = run("validate", minimal)
    assert result.exit_code == 0
    assert "sessions/week-2.md:19:5: CUR404 [warning] activity 'cook-curry' runs 60 minutes (over 45)" in result.output
    assert result.output.endswith("6 files checked: 0 errors, 1 warnings, 1 notes\n")


def test_validate_with_errors_exits_1(run, make):
    result = run("validate", make(week_1=("duration: 60", "duration: 70")))
    assert result.exit_code == 1
    assert "sessions/week-1.md:7:1: CUR401 [error]" in result.output


def test_validate_defaults_to_the_current_folder(run, minimal, monkeypatch):
    monkeypatch.chdir(minimal)
    assert run("validate").exit_code == 0


@pytest.mark.parametrize("args", [("validate",), ("coverage",), ("validate", "--format", "json")])
def test_folder_without_programme_exits_2(run, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2
    assert "has no programme.yml: not a curriculum folder" in result.output
    assert "Traceback" not in result.output


def test_missing_root_folder_exits_2(run, tmp_path):
    assert run("validate", tmp_path / "nowhere").exit_code == 2


@pytest.mark.parametrize("command", ["validate", "coverage"])
def test_unknown_format_exits_2(run, minimal, command):
    result = run(command, minimal, "--format", "xml")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.output


def test_validate_json(run, make):
    result = run("validate", make(week_1=("duration: 60", "duration: 70")), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["summary"] == {"errors": 1, "warnings": 1, "info": 1, "files": 6}
    [mismatch] = [f for f in data["findings"] if f["code"] == "CUR401"]
    assert (mismatch["path"], mismatch["line"], mismatch["column"], mismatch["severity"]) == (
        "sessions/week-1.md", 7, 1, "error")


def test_validate_github(run, make):
    result = run("validate", make(week_1=("duration: 60", "duration: 70")), "--format", "github")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "::notice file=programme.yml,title=CUR802::2 plans and 1 handouts have never been reviewed"
        " (hint: add `reviewed: YYYY-MM-DD` after a qualified review)",
        "::error file=sessions/week-1.md,line=7,col=1,title=CUR401::duration is 70 but the activities add up to 60"
        " (20 + 40) (hint: set duration: 60, or change the activity minutes)",
        "::warning file=sessions/week-2.md,line=19,col=5,title=CUR404::activity 'cook-curry' runs 60 minutes (over 45)"
        " (hint: split it, or change the method halfway through)",
    ]


def test_severity_overrides_change_the_exit_status(run, make):
    broken = make(week_1=("duration: 60", "duration: 70"),
                  programme=("  review_months: 12", "  review_months: 12\n  severity: {duration-mismatch: warning}"))
    assert run("validate", broken).exit_code == 0


def test_coverage_text(run, minimal):
    result = run("coverage", minimal)
    assert result.exit_code == 0
    assert "Coverage: contacts in delivery order" in result.output
    assert "theme: shopping" in result.output and "thread: confidence" in result.output
    assert "message: food-safety" in result.output


def test_coverage_json(run, minimal):
    result = run("coverage", minimal, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [c["id"] for c in data["contacts"]] == ["week-1", "week-2"]
    assert [(r["kind"], r["id"], r["count"], r["ok"]) for r in data["rows"]] == [
        ("theme", "shopping", 1, True), ("theme", "cooking", 2, True),
        ("thread", "confidence", 2, True), ("message", "food-safety", 2, True)]


def test_coverage_csv(run, minimal):
    result = run("coverage", minimal, "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["kind", "id", "title", "week-1", "week-2", "count", "requirement", "rules", "ok", "problems"]
    assert rows[1] == ["phase", "", "", "Learning", "Learning", "", "", "", "", ""]
    assert rows[2] == ["theme", "shopping", "Shopping wisely", "welcome plan-meals", "", "1",
                       "at least 1 contacts; each of Learning", "CUR301 CUR302 CUR305", "yes", ""]


def test_coverage_markdown(run, minimal):
    result = run("coverage", minimal, "--format", "markdown")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "| Item | Learning: week-1 | Learning: week-2 | Count | Rule |"
    assert lines[1] == "|---|---|---|---|---|"
    assert lines[2].startswith("| theme: Shopping wisely | ✓ |   | 1 |")


def test_coverage_with_a_broken_programme_exits_2(run, make):
    result = run("coverage", make(programme=("title: Cooking on a Budget", "title: [")))
    assert result.exit_code == 2
    assert "run `curriculum validate` first" in result.output


def test_schema_prints_json_schema_for_every_file_kind(run):
    result = run("schema")
    assert result.exit_code == 0
    schemas = json.loads(result.output)
    assert set(schemas) == {"programme", "plan", "handout", "note", "texts"}
    assert all(s["$schema"] == "https://json-schema.org/draft/2020-12/schema" for s in schemas.values())


def test_plan_schema_has_the_plan_properties(run):
    schema = json.loads(run("schema", "plan").output)
    assert {"id", "title", "kind", "phase", "duration", "aims", "outcomes", "handouts", "activities"} <= set(
        schema["properties"])
    assert {"id", "title", "kind", "phase", "duration"} <= set(schema["required"])
    assert schema["additionalProperties"] is False
    assert schema["properties"]["id"]["pattern"] == "^[a-z0-9]+(-[a-z0-9]+)*$"


def test_texts_schema_is_a_list_of_texts(run):
    schema = json.loads(run("schema", "texts").output)
    assert schema["type"] == "array"
    text = schema["$defs"]["WeeklyText"]
    assert set(text["required"]) == {"id", "when", "text"} and text["additionalProperties"] is False
    assert {"weeks_pregnant", "weeks_after_birth", "before", "after", "days"} == set(schema["$defs"]["TextWhen"]["properties"])


def test_rules_lists_every_code(run):
    result = run("rules")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.splitlines()]
    assert listed == sorted(REGISTRY)
    assert "CUR401  duration-mismatch            error    A plan's `duration` equals the sum" in result.output


def test_rules_markdown_documents_every_code(run):
    out = run("rules", "--format", "markdown").output
    assert all(f"### {code} {rule.name}" in out for code, rule in REGISTRY.items())
    assert "**Bad:**" in out and "**Good:**" in out


def test_version(run):
    assert run("--version").output.strip() == f"curriculum, version {__version__}"


BROKEN = Path(__file__).parent / "fixtures" / "broken"
GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("fmt, golden", [("text", "broken.txt"), ("json", "broken.json"),
                                         ("github", "broken.github.txt")])
def test_validate_reports_every_defect_of_the_broken_fixture(run, fmt, golden):
    """tests/fixtures/broken: the minimal curriculum with a defect in most files.
    Regenerate with CURRICULUM_UPDATE_GOLDEN=1 after a deliberate change."""
    result = run("validate", BROKEN, "--format", fmt)
    assert result.exit_code == 1
    path = GOLDEN / golden
    if os.environ.get("CURRICULUM_UPDATE_GOLDEN"):
        path.write_bytes(result.output.encode("utf-8"))
    assert result.output == path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_installed_command_prints_everything_before_it_ends(make, fmt, tmp_path):
    """`validate` ends its process at once after printing (see cli._end):
    every finding still reaches a pipe, and the exit status is kept."""
    import subprocess
    import sys

    root = make(week_1=("duration: 60", "duration: 70"))
    for command in ([sys.executable, "-m", "curriculum"], [str(Path(sys.executable).with_name("curriculum"))]):
        done = subprocess.run([*command, "validate", str(root), "--format", fmt], capture_output=True, text=True)
        assert done.returncode == 1, done.stderr
        within = CliRunner().invoke(main, ["validate", str(root), "--format", fmt])
        assert done.stdout == within.output and within.exit_code == 1
        if fmt == "json":
            assert json.loads(done.stdout)["summary"]["errors"] >= 1


def test_the_installed_command_ends_quietly_when_its_reader_goes(make):
    import subprocess
    import sys

    root = make(week_1=("duration: 60", "duration: 70"))
    reader = subprocess.Popen([sys.executable, "-m", "curriculum", "validate", str(root)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    reader.stdout.close()  # like `| head -0`
    _, err = reader.communicate(timeout=60)
    assert reader.returncode == 1 and b"Traceback" not in err


def test_rules_code_explains_one_rule_in_full(run):
    out = run("rules", "CUR401").output
    assert out.startswith("CUR401 duration-mismatch\n")
    assert "Why: the agenda's start times" in out and "Bad: `duration: 120`" in out and "Good:" in out
    assert "severity:\n      CUR401: warning" in out  # how to silence or soften it
    assert run("rules", "duration-mismatch").output == out  # by name too


def test_rules_code_that_does_not_exist_suggests_one(run):
    result = run("rules", "CUR4O1")
    assert result.exit_code == 2 and "did you mean 'CUR401'?" in result.output


def test_rules_never_cut_a_description_mid_sentence(run):
    for line, (code, rule) in zip(run("rules").output.splitlines(), sorted(REGISTRY.items())):
        description = line.split(None, 3)[3]
        assert description.endswith((".", "?", "!")) and rule.doc.split()[0] in description, (code, description)


def test_init_makes_a_curriculum_that_validates_and_says_it_is_not_a_repository(run, tmp_path):
    from curriculum.check.validate import validate

    target = tmp_path / "dads-together"
    result = run("init", str(target), "--title", "Dads Together")
    assert result.exit_code == 0, result.output
    assert "run `git init` there" in result.output and not (target / ".git").exists()
    report = validate(target)
    assert report.errors == 0 and report.curriculum.programme.title == "Dads Together"
