"""The site's "What changed" page: the same comparison as `curriculum
changes`, from the last release tag (v<version>) to the version built, on a
real git history made here."""

from __future__ import annotations

from pathlib import Path

import pytest
from git_history import git, needs_git
from site_support import MINIMAL, build, copy_curriculum, page

from curriculum.build import build as full_build

pytestmark = needs_git




def release(root: Path, version: str, tag: bool = True) -> None:
    programme = root / "programme.yml"
    text = programme.read_text("utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("version:")]
    programme.write_text("\n".join([*lines, f'version: "{version}"']) + "\n", "utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", f"version {version}")
    if tag:
        git(root, "tag", f"v{version}")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def repo(tmp_path) -> Path:
    """v1.0 tagged; then an activity retimed and a handout reworded, as 1.1."""
    root = copy_curriculum(MINIMAL, tmp_path / "repo")
    git(root, "init", "-q")
    release(root, "1.0")
    return root


def changes_page(root: Path, site: Path):
    build(root, site, pdfs=False)
    return page(site, "changes.html")


def test_the_page_compares_with_the_last_release_tag(repo, tmp_path):
    edit(repo / "sessions" / "week-1.md", "    title: Welcome\n", "    title: Welcome and check-in\n")
    edit(repo / "handouts" / "shopping-list.md", "you spend less.", "you spend less and waste less food at home.")
    release(repo, "1.1")
    shown = changes_page(repo, tmp_path / "site")
    assert "compared with the last release, v1.0" in shown.text
    assert "version 1.1" in shown.text
    assert "activity renamed: Welcome is now Welcome and check-in" in shown.text
    assert "Your shopping list changed : 7 words changed" in shown.text
    assert ("a", "href", "sessions/week-1.html") in shown.refs
    assert ("a", "href", "handouts/shopping-list.html") in shown.refs


def test_an_untagged_draft_compares_with_the_newest_release(repo, tmp_path):
    release(repo, "1.1")
    edit(repo / "sessions" / "week-1.md", "    title: Welcome\n", "    title: Hello\n")
    release(repo, "1.2", tag=False)
    shown = changes_page(repo, tmp_path / "site")
    assert "compared with the last release, v1.1" in shown.text
    assert "Welcome is now Hello" in shown.text


def test_a_release_with_nothing_new_for_facilitators_says_so(repo, tmp_path):
    release(repo, "1.1")
    shown = changes_page(repo, tmp_path / "site")
    assert "Nothing that changes what facilitators deliver." in shown.text


def test_the_first_release_and_a_copy_without_git_say_there_is_nothing_to_compare(repo, tmp_path):
    assert "This is the first release: there is no earlier one to compare with." in changes_page(repo, tmp_path / "first").text
    plain = copy_curriculum(MINIMAL, tmp_path / "plain")
    assert "This is the first release: there is no earlier one to compare with." in changes_page(plain, tmp_path / "plain-site").text


def test_a_removed_handout_is_named_without_a_link(repo, tmp_path):
    (repo / "handouts" / "shopping-list.md").unlink()
    edit(repo / "sessions" / "week-1.md", "handouts: [shopping-list]", "handouts: []")
    edit(repo / "sessions" / "week-1.md", "See the [shopping list](../handouts/shopping-list.md).", "")
    release(repo, "1.1")
    shown = changes_page(repo, tmp_path / "site")
    assert "Your shopping list removed : 29 words" in shown.text
    assert "handout no longer given: shopping-list" in shown.text
    assert not any(value.endswith("shopping-list.html") for _, _, value in shown.refs)


def test_a_new_release_tag_makes_the_next_build_rebuild(repo, tmp_path):
    out = tmp_path / "out"
    assert full_build(repo, out, pdfs=False).built
    assert full_build(repo, out, pdfs=False).up_to_date
    git(repo, "tag", "v0.9", "HEAD")
    assert not full_build(repo, out, pdfs=False).up_to_date


EDITION = """title: Cooking in Townsville
area: Townsville (a fictional area)
adaptations:
  - {contact: week-1, activity: market-walk, change: add, after: plan-meals, file: market-walk.md,
     reason: "The market is next door to the venue."}
"""
WALK = """---
id: market-walk
title: A walk round the market
minutes: 10
lead: peer
core: false
themes: [shopping]
threads: [confidence]
---

## A walk round the market {#market-walk}

Walk round the market together and compare prices.
"""


def test_an_edition_is_compared_with_the_same_edition_of_the_last_release(repo, tmp_path):
    from curriculum.build import build as build_curriculum

    folder = repo / "editions" / "town"
    folder.mkdir(parents=True)
    (folder / "edition.yml").write_text(EDITION, "utf-8")
    (folder / "market-walk.md").write_text(WALK, "utf-8")
    release(repo, "1.1")
    edit(repo / "sessions" / "week-1.md", "    title: Welcome\n", "    title: Hello\n")
    release(repo, "1.2", tag=False)
    result = build_curriculum(repo, tmp_path / "out", pdfs=False, edition="town")
    assert result.built, [f.message for f in result.report.findings if f.severity.value == "error"]
    shown = page(result.out / "site", "changes.html")
    assert "compared with the last release, v1.1" in shown.text
    assert "Welcome is now Hello" in shown.text
    assert "market" not in shown.text.lower()  # the edition's own activity is no change
