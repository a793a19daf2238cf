"""The GitHub Actions workflow for local editions (.github/workflows/editions.yml):
valid YAML, a matrix computed from `curriculum editions --format json`, pull
request annotations from `validate --format github`, and every `curriculum`
command it runs exists with the options it passes."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import click
import yaml
from click.testing import CliRunner

from curriculum.cli import main

REPO = Path(__file__).resolve().parent.parent
WORKFLOW = REPO / ".github" / "workflows" / "editions.yml"
EXPRESSION = re.compile(r"\$\{\{.*?\}\}")


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def run_lines() -> list[str]:
    lines = []
    for job in workflow()["jobs"].values():
        for step in job.get("steps", []):
            lines += [line.strip() for line in step.get("run", "").splitlines() if line.strip()]
    return lines


def curriculum_calls() -> list[list[str]]:
    """Every `curriculum ...` command line the workflow runs, up to a pipe, with
    `${{ ... }}` expressions read as a value (an edition id)."""
    calls = []
    for line in run_lines():
        for part in re.findall(r"(?:^|\$\(|&&|;)\s*(curriculum\s[^|)&;]*)", line):
            calls.append(shlex.split(EXPRESSION.sub("eastmoor", part))[1:])
    return calls


def test_workflow_is_valid_yaml_with_its_jobs():
    data = workflow()
    triggers = data[True] if True in data else data["on"]  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    assert set(data["jobs"]) == {"validate", "core", "edition", "publish"}


def test_matrix_comes_from_the_editions_command():
    jobs = workflow()["jobs"]
    list_step = next(s for s in jobs["validate"]["steps"] if s.get("id") == "list")
    assert "curriculum editions --format json" in list_step["run"] and "jq -c '.ids'" in list_step["run"]
    assert jobs["validate"]["outputs"]["editions"] == "${{ steps.list.outputs.editions }}"
    assert jobs["edition"]["strategy"]["matrix"]["edition"] == "${{ fromJSON(needs.validate.outputs.editions) }}"
    build = next(s for s in jobs["edition"]["steps"] if "curriculum build" in s.get("run", ""))
    assert '--edition "${{ matrix.edition }}"' in build["run"]


def test_pull_requests_are_annotated():
    assert "curriculum validate --all-editions --format github" in run_lines()


def test_publish_gathers_every_site():
    publish = workflow()["jobs"]["publish"]
    assert set(publish["needs"]) == {"core", "edition"}
    uses = [step.get("uses", "") for step in publish["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)


def test_every_curriculum_call_names_a_command_and_options_that_exist():
    calls = curriculum_calls()
    assert {call[0] for call in calls} == {"validate", "editions", "build"}
    for call in calls:
        command = main.commands[call[0]]
        options = {opt: param for param in command.params if isinstance(param, click.Option) for opt in param.opts}
        tokens = iter(call[1:])
        for token in tokens:
            if not token.startswith("--"):
                continue
            assert token in options, f"curriculum {call[0]} has no {token}"
            param = options[token]
            if not param.is_flag:
                value = next(tokens)
                if isinstance(param.type, click.Choice):
                    assert value in param.type.choices, f"{token} {value}"


def test_the_list_step_gives_the_matrix_what_it_reads():
    result = CliRunner().invoke(main, ["editions", str(REPO), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["ids"] == sorted(p.parent.name for p in (REPO / "editions").glob("*/edition.yml"))


def test_the_files_the_workflow_uses_exist():
    assert (REPO / "scripts" / "system-deps.sh").is_file() and (REPO / "pyproject.toml").is_file()
