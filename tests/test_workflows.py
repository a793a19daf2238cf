"""The release workflow and the pre-commit hook: valid YAML, commands and
options that exist, shell that parses, and the release steps run for real on
a git history made here (everything but GitHub's own `gh release` upload)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner
from git_history import GIT_ENV, git, needs_git

from curriculum.cli import main

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
HOOKS = REPO / ".pre-commit-hooks.yaml"
MINIMAL = REPO / "tests" / "fixtures" / "minimal"


def workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, dict) and data.get("jobs"), path
    return data


def steps(path: Path) -> list[dict]:
    return [step for job in workflow(path)["jobs"].values() for step in job["steps"]]


_CALL = re.compile(r"(?:^|[;&|(]|\bthen|\bdo)\s*curriculum\s+([^;&|>)\n]*)", re.M)


def curriculum_calls(script: str) -> list[list[str]]:
    """Every `curriculum ...` command in a shell script, its words split as the shell would."""
    return [shlex.split(match.group(1)) for match in _CALL.finditer(script.replace("\\\n", " "))]


def check_call(args: list[str]) -> None:
    """The command and its options exist, and the arguments parse."""
    name, rest = args[0], args[1:]
    command = main.get_command(click.Context(main), name)
    assert command is not None, f"`curriculum {name}` does not exist"
    command.make_context(name, list(rest))


def test_there_is_a_release_workflow_and_its_commands_are_found():
    assert REPO / ".github" / "workflows" / "release.yml" in WORKFLOWS
    found = [call[0] for step in steps(REPO / ".github" / "workflows" / "release.yml") if "run" in step
             for call in curriculum_calls(step["run"])]
    assert found == ["validate", "publish", "changes"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_workflow_is_valid_yaml_with_real_commands_and_shell_that_parses(path):
    runs = [step["run"] for step in steps(path) if "run" in step]
    assert runs, f"{path.name} runs nothing"
    for script in runs:
        subprocess.run(["bash", "-n"], input=script, text=True, check=True)
        for call in curriculum_calls(script):
            check_call(call)
        for used in re.findall(r"\b(scripts/[\w./-]+)", script):
            assert os.access(REPO / used, os.X_OK), f"{path.name} runs {used}, which is not an executable file"


def test_the_release_workflow_runs_on_release_tags_with_full_history():
    data = workflow(REPO / ".github" / "workflows" / "release.yml")
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers == {"push": {"tags": ["v*"]}}
    assert data["permissions"] == {"contents": "write"}
    checkout = next(s for s in steps(REPO / ".github" / "workflows" / "release.yml")
                    if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0


def test_the_pre_commit_hook_runs_validate_on_curriculum_files():
    hooks = yaml.safe_load(HOOKS.read_text("utf-8"))
    (hook,) = hooks
    assert hook["id"] == "curriculum-validate" and hook["language"] == "python" and hook["pass_filenames"] is False
    entry = shlex.split(hook["entry"])
    assert entry[0] == "curriculum" and 'curriculum = "curriculum.cli:entry"' in (REPO / "pyproject.toml").read_text()
    files = re.compile(hook["files"])
    for path in ("programme.yml", "sessions/antenatal-1.md", "handouts/safer-sleep.md", "facilitator_notes/x.md"):
        assert files.search(path), path
    for path in ("README.md", "curriculum/cli.py", "docs/handouts/x.md"):
        assert not files.search(path), path
    result = CliRunner().invoke(main, [*entry[1:], str(REPO)])  # as pre-commit runs it, in the repository
    assert result.exit_code == 0, result.output


# --- the release steps, run for real ------------------------------------------


def run_steps(path: Path, names: tuple[str, ...], cwd: Path, env: dict) -> None:
    chosen = {step["name"]: step["run"] for step in steps(path) if step.get("name") in names}
    assert set(chosen) == set(names)
    for name in names:
        done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", chosen[name]], cwd=cwd, env=env,
                              capture_output=True, text=True)
        assert done.returncode == 0, f"{name}:\n{done.stdout}\n{done.stderr}"


@needs_git
def test_two_releases_keep_both_versions_on_gh_pages_and_attach_every_pdf(tmp_path):
    origin, work = tmp_path / "origin.git", tmp_path / "work"
    subprocess.run(["git", "init", "-q", "--bare", str(origin)], check=True)
    shutil.copytree(MINIMAL, work)
    shutil.copytree(REPO / "scripts", work / "scripts")
    bin_dir = tmp_path / "bin"  # `curriculum` from this environment; `gh` records what it was asked
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{tmp_path}/gh-$GH_CALL"\n', "utf-8")
    gh.chmod(gh.stat().st_mode | stat.S_IEXEC)
    env = {**GIT_ENV, "PATH": f"{bin_dir}:{Path(sys.executable).parent}:{os.environ['PATH']}"}
    programme = (work / "programme.yml").read_text("utf-8")
    git(work, "init", "-q")
    git(work, "remote", "add", "origin", str(origin))
    names = ("Check out the published versions (gh-pages)", "Publish this version", "Push gh-pages",
             "Release notes and PDFs")
    for version, title in (("1.0", "Planning and shopping"), ("1.1", "Shopping on a budget")):
        (work / "programme.yml").write_text(f'version: "{version}"\nreleased: 2026-12-01\n{programme}', "utf-8")
        plan = work / "sessions" / "week-1.md"
        plan.write_text(plan.read_text("utf-8").replace("title: Planning and shopping", f"title: {title}", 1))
        git(work, "add", "-A")
        git(work, "commit", "-q", "-m", f"version {version}")
        git(work, "tag", f"v{version}")
        clone = tmp_path / f"runner-{version}"  # each run starts from a fresh checkout, as on GitHub
        subprocess.run(["git", "clone", "-q", str(work), str(clone)], check=True)
        git(clone, "remote", "set-url", "origin", str(origin))
        git(work, "push", "-q", "origin", "HEAD:main", "--tags")
        run_steps(REPO / ".github" / "workflows" / "release.yml", names, clone,
                  {**env, "TAG": f"v{version}", "GH_CALL": version})
    published = tmp_path / "published"
    subprocess.run(["git", "clone", "-q", "--branch", "gh-pages", str(origin), str(published)], check=True)
    assert (published / "1.0" / "index.html").is_file() and (published / "1.1" / "index.html").is_file()
    assert "Shopping on a budget" in (published / "latest" / "sessions" / "week-1.html").read_text("utf-8")
    assert '"version": "1.1"' in (published / "versions.json").read_text("utf-8")
    assert len(git(published, "log", "--oneline").splitlines()) == 3  # the empty start and one commit a release
    first, second = ((tmp_path / f"gh-{v}").read_text("utf-8").splitlines() for v in ("1.0", "1.1"))
    assert first[:4] == ["release", "create", "v1.0", "--title"]
    pdfs = sorted(p.relative_to(published / "1.1" / "pdf").as_posix().replace("/", "-")
                  for p in (published / "1.1" / "pdf").rglob("*.pdf"))
    assert pdfs and sorted(Path(a).name for a in second if a.endswith(".pdf")) == pdfs
    notes = (tmp_path / "runner-1.1" / "release-notes.md").read_text("utf-8")
    assert notes.startswith("# What changed from v1.0 to v1.1")
    assert "title: Planning and shopping is now Shopping on a budget" in notes
    assert (tmp_path / "runner-1.0" / "release-notes.md").read_text("utf-8") == "The first release.\n"
