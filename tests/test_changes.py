"""`curriculum changes OLD [NEW]`: what changed for facilitators, on a real
git history made here (meaning, not a text diff)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from git_history import git, needs_git

from curriculum.cli import main

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"

pytestmark = needs_git



def commit(root: Path, tag: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", tag)
    git(root, "tag", tag)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def history(tmp_path) -> Path:
    """v1: the minimal curriculum. v2: only cosmetic edits (YAML keys
    reordered, a paragraph reflowed). v3: real changes."""
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    git(root, "init", "-q")
    commit(root, "v1")
    plan, handout = root / "sessions" / "week-1.md", root / "handouts" / "shopping-list.md"
    edit(plan, "    minutes: 20\n    lead: peer\n", "    lead: peer\n    minutes: 20\n")
    edit(handout, "Write what you need before you go. It helps you spend less.",
         "Write what you need\nbefore you go. It helps\nyou spend less.")
    commit(root, "v2")
    edit(plan, "    minutes: 40\n    lead: cook\n    core: false", "    minutes: 30\n    lead: peer\n    core: true")
    edit(plan, "    title: Welcome\n", "    title: Welcome and check-in\n")
    edit(plan, "duration: 60", "duration: 60\n")  # the plan no longer adds up: changes reports it anyway
    edit(plan, "  - id: plan-meals", "  - id: budget\n    title: Set a budget\n    minutes: 10\n    lead: cook\n"
                                     "    themes: [shopping]\n  - id: plan-meals")
    edit(handout, "you spend less.", "you spend less and waste less food at home.")
    (root / "handouts" / "storing-food.md").write_text(
        "---\nid: storing-food\ntitle: Storing food safely\naudience: parents\nthemes: [cooking]\n"
        "summary: Keep food fresh.\n---\n\nKeep raw meat at the bottom of the fridge.\n", "utf-8")
    commit(root, "v3")
    return root


def changes(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["changes", *args, "--root", str(root)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_reordered_keys_and_a_reflowed_paragraph_are_no_change(history):
    assert changes(history, "v1", "v2") == "Changes from v1 to v2: nothing that changes what facilitators deliver.\n"


def test_added_renamed_retimed_and_reworded_are_reported(history):
    out = changes(history, "v2", "v3")
    assert "Planning and shopping (week-1): changed" in out
    assert "activity added: Set a budget (10 minutes, from 0:20)" in out
    assert "activity renamed: Welcome is now Welcome and check-in" in out
    assert "Plan three meals: 40 minutes, now 30" in out
    assert "Plan three meals: led by Peer supporter (was Community cook)" in out
    assert "Plan three meals: now core" in out
    assert "Handout Your shopping list (shopping-list): changed, 7 words changed" in out  # "less." became seven words
    assert "Handout Storing food safely (storing-food): added" in out


def test_removed_and_the_work_tree(history):
    (history / "handouts" / "storing-food.md").unlink()
    edit(history / "sessions" / "week-1.md", "  - id: budget\n    title: Set a budget\n    minutes: 10\n"
                                             "    lead: cook\n    themes: [shopping]\n", "")
    out = changes(history, "v3")
    assert "Changes from v3 to the work tree" in out
    assert "activity removed: Set a budget" in out and "Handout Storing food safely (storing-food): removed" in out


def test_an_urgent_box_that_changes_is_called_out(history):
    handout = history / "handouts" / "shopping-list.md"
    handout.write_text(handout.read_text("utf-8") + '\n!!! warning "Call 999 if"\n    someone cannot breathe.\n', "utf-8")
    commit(history, "v4")
    edit(handout, "someone cannot breathe.", "someone is choking.")
    out = changes(history, "v4")
    assert "urgent advice (a warning box) changed" in out


def test_json_and_markdown(history):
    found = json.loads(changes(history, "v2", "v3", "--format", "json"))
    [contact] = found["contacts"]
    assert contact["id"] == "week-1" and any("Set a budget" in line for line in contact["changes"])
    assert {h["id"]: h["status"] for h in found["handouts"]} == {"shopping-list": "changed", "storing-food": "added"}
    markdown = changes(history, "v2", "v3", "--format", "markdown")
    assert markdown.startswith("# What changed from v2 to v3") and "### Planning and shopping (changed)" in markdown


def test_a_revision_that_is_not_one_is_a_clear_error(history):
    result = CliRunner().invoke(main, ["changes", "v9", "--root", str(history)])
    assert result.exit_code == 2 and "'v9' is not a commit, tag or branch of this repository" in result.output
    result = CliRunner().invoke(main, ["changes", "--upload-pack=x", "--root", str(history)])
    assert result.exit_code == 2
