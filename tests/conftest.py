"""Shared helpers for the engine tests.

Small curricula are built in `tmp_path` from `tests/fixtures/minimal` (a valid
four-file programme, "Cooking on a Budget") with edits applied:

    root = make_curriculum(tmp_path, week_1=("duration: 60", "duration: 70"))

An edit is keyed by a file's path relative to the curriculum root, or by one
of the short names in ALIASES (`week_1` is `sessions/week-1.md`). Its value:

    "text"            the file's whole new content (str, written as UTF-8)
    b"bytes"          the file's whole new content, byte for byte
    None              delete the file
    (old, new)        replace the first `old` with `new` (`old` must be there)
    [(old, new), ...] several replacements, in order
    callable          text -> new text (str or bytes), e.g. lambda t: t + "..."
    Path("/target")   make the file a symbolic link to target

Tests reach the helpers through fixtures (`make`, `where`), never by
importing this module: tests/site and tests/pdf have conftest modules too.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from curriculum.check.validate import validate
from curriculum.findings import Finding

TESTS = Path(__file__).parent
MINIMAL = TESTS / "fixtures" / "minimal"

ALIASES = {
    "programme": "programme.yml",
    "week_1": "sessions/week-1.md",
    "week_2": "sessions/week-2.md",
    "handout": "handouts/shopping-list.md",
    "notes": "facilitator_notes/week-1.md",
    "guide": "facilitator_notes/welcome.md",
}


def apply_edit(path: Path, edit) -> None:
    if edit is None:
        path.unlink()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(edit, Path):
        if path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(edit)
        return
    if isinstance(edit, tuple):
        edit = [edit]
    if isinstance(edit, list):
        text = path.read_text(encoding="utf-8")
        for old, new in edit:
            assert old in text, f"{path.name} has no {old!r} to replace"
            text = text.replace(old, new, 1)
        edit = text
    elif callable(edit):
        edit = edit(path.read_text(encoding="utf-8") if path.exists() else "")
    path.write_bytes(edit if isinstance(edit, bytes) else edit.encode("utf-8"))


def make_curriculum(tmp_path: Path, **edits) -> Path:
    """A fresh copy of the minimal curriculum under tmp_path, with edits applied."""
    number = 1
    while (tmp_path / f"curriculum-{number}").exists():
        number += 1
    root = tmp_path / f"curriculum-{number}"
    shutil.copytree(MINIMAL, root)
    for key, edit in edits.items():
        apply_edit(root / ALIASES.get(key, key), edit)
    return root


def located(root: Path, code: str) -> list[tuple[str, int | None, int | None]]:
    """(path, line, column) of every finding with this code, in report order."""
    return [(f.path, f.line, f.column) for f in validate(root).findings if f.code == code]


def with_code(root: Path, code: str) -> list[Finding]:
    return [f for f in validate(root).findings if f.code == code]


@pytest.fixture
def make(tmp_path) -> Callable[..., Path]:
    """make(**edits) -> the root of a new edited copy of the minimal curriculum."""

    def build(**edits) -> Path:
        return make_curriculum(tmp_path, **edits)

    return build


@pytest.fixture
def where() -> Callable[[Path, str], list]:
    """where(root, code) -> [(path, line, column), ...] of that code's findings."""
    return located


@pytest.fixture
def findings() -> Callable[[Path, str], list[Finding]]:
    """findings(root, code) -> the findings with that code."""
    return with_code


@pytest.fixture
def minimal(make) -> Path:
    """An unedited copy of the minimal curriculum (safe to modify)."""
    return make()
