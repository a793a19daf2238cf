"""Translations on a real git history made here: a stale translation is
reported after an edit to its source, `curriculum translations` lists
current, stale and missing files, and `curriculum translations diff` shows
what changed since the translated version (issue 20, items 1 and 2)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from git_history import git, needs_git

from curriculum.check.validate import validate
from curriculum.cli import main
from curriculum.source.translations import source_hash

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
HANDOUT = "handouts/shopping-list.md"
TRANSLATION = "translations/pl/handouts/shopping-list.md"



def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def translate(root: Path) -> None:
    """A Polish translation of the handout as it is now."""
    made_from = source_hash((root / HANDOUT).read_bytes())
    path = root / TRANSLATION
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"""---
id: shopping-list
title: Twoja lista zakupów
audience: parents
themes: [shopping]
summary: Lista do zabrania do sklepu.
translated_from: {made_from}
---

Zapisz, czego potrzebujesz, zanim wyjdziesz. To pomaga wydać mniej.
""", "utf-8")
    (root / "translations/pl/language.yml").write_text("name: Polski\nenglish_name: Polish\n", "utf-8")


def edit_source(root: Path) -> None:
    path = root / HANDOUT
    text = path.read_text("utf-8")
    path.write_text(text.replace("- Plan three meals.", "- Plan four meals, and one to freeze."), "utf-8")


@pytest.fixture
def history(tmp_path) -> Path:
    """Commit 1: the minimal curriculum. Commit 2: its Polish translation
    of the handout. Commit 3: the English handout edited."""
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    git(root, "init", "-q")
    commit(root, "start")
    translate(root)
    commit(root, "translate")
    edit_source(root)
    commit(root, "change the advice")
    return root


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_a_current_translation_gives_no_warning(tmp_path):
    root = tmp_path / "c"
    shutil.copytree(MINIMAL, root)
    translate(root)
    assert [f.code for f in validate(root).findings if f.code.startswith(("CUR15", "CUR25", "CUR85"))] == ["CUR851"]


@needs_git
def test_an_edit_to_the_source_makes_the_translation_stale(history):
    stale = [f for f in validate(history).findings if f.code == "CUR850"]
    assert [(f.path, f.line, f.column, f.severity.value) for f in stale] == [(TRANSLATION, 7, 1, "warning")]
    assert HANDOUT in stale[0].message and TRANSLATION in stale[0].message
    assert "curriculum translations diff pl handouts/shopping-list.md" in stale[0].hint
    assert source_hash((history / HANDOUT).read_bytes()) in stale[0].hint


@needs_git
def test_status_lists_current_stale_and_missing(history):
    result = run("translations", str(history))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "pl (Polski): 0 current, 1 stale, 4 missing"
    assert any(line.startswith("  stale    handouts/shopping-list.md") and "translations diff pl" in line for line in lines)
    assert "  missing  sessions/week-1.md" in "\n".join(lines)
    data = json.loads(run("translations", str(history), "--format", "json").output)
    files = {row["path"]: row for row in data["languages"][0]["files"]}
    assert files[HANDOUT]["status"] == "stale" and files[HANDOUT]["translation"] == TRANSLATION
    assert files["sessions/week-2.md"]["status"] == "missing"
    assert data["languages"][0]["counts"] == {"current": 0, "stale": 1, "missing": 4}


@needs_git
def test_diff_shows_what_changed_since_the_translation(history):
    result = run("translations", "diff", "pl", HANDOUT, "--root", str(history))
    assert result.exit_code == 0, result.output
    assert "-- Plan three meals.\n" in result.output
    assert "+- Plan four meals, and one to freeze.\n" in result.output
    assert result.output.startswith(f"--- {HANDOUT} as translated (")


@needs_git
def test_diff_finds_the_version_across_crlf_and_later_commits(history):
    """The hash reads CRLF as LF; a later unrelated commit does not hide the version."""
    path = history / HANDOUT
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    commit(history, "windows line ends")
    result = run("translations", "diff", "pl", TRANSLATION, "--root", str(history))
    assert result.exit_code == 0, result.output
    assert "+- Plan four meals, and one to freeze.\n" in result.output


def test_diff_without_history_says_so(tmp_path):
    root = tmp_path / "no-git"
    shutil.copytree(MINIMAL, root)
    translate(root)
    edit_source(root)
    result = run("translations", "diff", "pl", HANDOUT, "--root", str(root))
    assert result.exit_code == 3
    assert "not a git repository" in result.output and "Without git history" in result.output


def test_diff_of_an_unchanged_source_says_so(tmp_path):
    root = tmp_path / "same"
    shutil.copytree(MINIMAL, root)
    translate(root)
    result = run("translations", "diff", "pl", HANDOUT, "--root", str(root))
    assert result.exit_code == 0
    assert "has not changed since" in result.output


@pytest.mark.parametrize("args, message", [
    (["diff", "ar", HANDOUT], "no language 'ar'"),
    (["diff", "pl", "handouts/nothing.md"], "there is no translations/pl/handouts/nothing.md"),
    (["diff", "pl"], "usage: curriculum translations diff"),
])
def test_diff_usage_problems_exit_2(tmp_path, args, message):
    root = tmp_path / "u"
    shutil.copytree(MINIMAL, root)
    translate(root)
    result = run("translations", *args, "--root", str(root))
    assert result.exit_code == 2
    assert message in result.output


def test_no_translations_says_how_to_add_one(minimal):
    result = run("translations", str(minimal))
    assert result.exit_code == 0
    assert "No translations" in result.output


def test_numbers_in_groups_are_isolated_left_to_right():
    from curriculum.render.bidi import isolate_numbers

    assert isolate_numbers("الرقم هو **0808 2000 247**.") == "الرقم هو **0808\u00a02000\u00a0247**."
    assert isolate_numbers("بالرقم 111 إذا") == "بالرقم 111 إذا"  # one group: nothing to keep in order
    assert isolate_numbers(isolate_numbers("116 123")) == "116\u00a0123"


# --- translations/<lang>/texts.yml: the weekly texts ---------------------------

TEXTS = """\
- id: hello
  when: {weeks_pregnant: 30}
  text: "Hello from the programme. We are glad you are here."
- id: shop
  when: {weeks_pregnant: 31}
  text: "Take your list to the shop. It helps you spend less."
- id: cook
  when: {weeks_pregnant: 32}
  text: "Cook one meal from your list this week."
"""
PL_TEXTS = "translations/pl/texts.yml"


def translate_texts(root: Path) -> None:
    """Polish for two of the three texts, as texts.yml is now."""
    made_from = source_hash((root / "texts.yml").read_bytes())
    (root / PL_TEXTS).parent.mkdir(parents=True, exist_ok=True)
    (root / PL_TEXTS).write_text(f"""translated_from: {made_from}
texts:
  - id: hello
    text: "Dzień dobry od zespołu. Cieszymy się, że jesteś z nami."
  - id: shop
    text: "Weź listę do sklepu. To pomaga wydać mniej."
""", "utf-8")
    (root / "translations/pl/language.yml").write_text("name: Polski\nenglish_name: Polish\n", "utf-8")


@pytest.fixture
def texts_history(tmp_path) -> Path:
    """Commit 1: the minimal curriculum with texts.yml. Commit 2: its Polish
    translation. Commit 3: an English text changed."""
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    (root / "texts.yml").write_text(TEXTS, "utf-8")
    git(root, "init", "-q")
    commit(root, "start")
    translate_texts(root)
    commit(root, "translate the texts")
    path = root / "texts.yml"
    path.write_text(path.read_text("utf-8").replace("spend less.", "spend less. Take a bag too."), "utf-8")
    commit(root, "change a text")
    return root


def test_status_lists_texts_yml_and_each_text_not_translated(tmp_path):
    root = tmp_path / "c"
    shutil.copytree(MINIMAL, root)
    (root / "texts.yml").write_text(TEXTS, "utf-8")
    (root / "translations/ar").mkdir(parents=True)
    translate_texts(root)
    result = run("translations", str(root))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "  current  texts.yml  (not yet reviewed)" in lines
    assert lines[lines.index("  current  texts.yml  (not yet reviewed)") + 1:][:2] == [
        "    1 text not translated (sent in English):", "    missing  text cook"]
    assert any(line.startswith("  missing  texts.yml  (hash ") and line.endswith(", 3 texts)") for line in lines)
    data = json.loads(run("translations", str(root), "--format", "json").output)
    rows = {language["tag"]: {row["path"]: row for row in language["files"]} for language in data["languages"]}
    assert rows["pl"]["texts.yml"]["status"] == "current" and rows["pl"]["texts.yml"]["untranslated"] == ["cook"]
    assert rows["ar"]["texts.yml"]["status"] == "missing"
    assert rows["ar"]["texts.yml"]["untranslated"] == ["hello", "shop", "cook"]
    assert [f.code for f in validate(root).findings if f.path == PL_TEXTS] == ["CUR851"]


@needs_git
def test_an_edit_to_texts_yml_makes_its_translation_stale_and_diff_shows_it(texts_history):
    stale = [f for f in validate(texts_history).findings if f.code == "CUR850"]
    assert [(f.path, f.line, f.column) for f in stale] == [(PL_TEXTS, 1, 1)]
    assert "curriculum translations diff pl texts.yml" in stale[0].hint
    assert any(line.startswith("  stale    texts.yml") for line in run("translations", str(texts_history)).output.splitlines())
    result = run("translations", "diff", "pl", "texts.yml", "--root", str(texts_history))
    assert result.exit_code == 0, result.output
    assert '-  text: "Take your list to the shop. It helps you spend less."\n' in result.output
    assert '+  text: "Take your list to the shop. It helps you spend less. Take a bag too."\n' in result.output
