"""Build orchestration: output folder safety and atomic swaps.

The writer is replaced by a fake here so these tests are about build.py
alone; tests/site and tests/pdf build for real.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from curriculum import build as build_module
from curriculum import output

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"


@pytest.fixture
def repo(tmp_path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    return root


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def fake_writer(content: str):
    def write(cur, site_dir, previous_site, progress=None, pdfs=True, generator="mkdocs", versioned=False):
        (site_dir / "index.html").write_text(content, encoding="utf-8")
        return ["pdf/x.pdf"]
    return write


@pytest.mark.parametrize("out", [".", "sessions/..", "sessions", "sessions/out", "handouts/x", "facilitator_notes", "overrides/o"])
def test_refuses_output_at_or_around_sources(repo, out):
    with pytest.raises(build_module.UnsafeOutput):
        output.check_output(repo, repo / out)


def test_refuses_a_site_folder_it_did_not_make(repo, tmp_path):
    other = tmp_path / "documents"
    (other / "site").mkdir(parents=True)
    (other / "site" / "letter.txt").write_text("keep me")
    with pytest.raises(build_module.UnsafeOutput, match="not made by"):
        build_module.build(repo, other)
    assert (other / "site" / "letter.txt").read_text() == "keep me"


def test_other_things_in_the_output_folder_are_left_alone(repo, monkeypatch):
    monkeypatch.setattr(build_module, "write_site_and_pdfs", fake_writer("x"))
    (repo / "build" / "screenshots").mkdir(parents=True)
    (repo / "build" / "screenshots" / "home.png").write_bytes(b"png")
    build_module.build(repo)
    build_module.build(repo, force=True)
    assert (repo / "build" / "screenshots" / "home.png").read_bytes() == b"png"
    assert (repo / "build" / "site" / "index.html").read_text() == "x"


def test_refuses_symlinked_output(repo, tmp_path):
    (tmp_path / "real").mkdir()
    (repo / "link").symlink_to(tmp_path / "real")
    with pytest.raises(build_module.UnsafeOutput, match="symbolic link"):
        output.check_output(repo, repo / "link")


def test_accepts_new_empty_or_previous_build_folder(repo, tmp_path):
    assert output.check_output(repo, tmp_path / "new") == (tmp_path / "new")
    (tmp_path / "empty").mkdir()
    output.check_output(repo, tmp_path / "empty")
    (tmp_path / "previous").mkdir()
    (tmp_path / "previous" / output.MARKER).write_text("{}")
    (tmp_path / "previous" / "site").mkdir()
    (tmp_path / "previous" / "site" / "index.html").write_text("")
    output.check_output(repo, tmp_path / "previous")


def test_successful_build_swaps_in_and_leaves_no_staging(repo, monkeypatch):
    monkeypatch.setattr(build_module, "write_site_and_pdfs", fake_writer("one"))
    result = build_module.build(repo)
    assert result.built and (repo / "build" / "site" / "index.html").read_text() == "one"
    monkeypatch.setattr(build_module, "write_site_and_pdfs", fake_writer("two"))
    build_module.build(repo, force=True)
    assert (repo / "build" / "site" / "index.html").read_text() == "two"
    assert sorted(p.name for p in repo.iterdir() if p.name.startswith(".build")) == []


def test_failed_build_leaves_previous_output_byte_for_byte(repo, monkeypatch):
    monkeypatch.setattr(build_module, "write_site_and_pdfs", fake_writer("good"))
    build_module.build(repo)
    before = tree_digest(repo / "build")

    def explode(cur, site_dir, previous_site, progress=None, pdfs=True, generator="mkdocs", versioned=False):
        (site_dir / "half.html").write_text("half")
        raise build_module.BuildError("renderer crashed")

    monkeypatch.setattr(build_module, "write_site_and_pdfs", explode)
    with pytest.raises(build_module.BuildError):
        build_module.build(repo, force=True)
    assert tree_digest(repo / "build") == before
    assert not [p for p in (repo / "build").iterdir() if p.name.startswith(".site.")]


def test_validation_errors_write_nothing(repo, monkeypatch):
    monkeypatch.setattr(build_module, "write_site_and_pdfs", fake_writer("never"))
    plan = repo / "sessions" / "week-1.md"
    plan.write_text(plan.read_text().replace("duration: 60", "duration: 61"))
    result = build_module.build(repo)
    assert not result.built and result.report.errors
    assert not (repo / "build").exists()


def test_build_never_writes_sources(repo, monkeypatch):
    monkeypatch.setattr(build_module, "write_site_and_pdfs", fake_writer("x"))
    before = tree_digest(repo)
    build_module.build(repo)
    after = {k: v for k, v in tree_digest(repo).items() if not k.startswith("build/")}
    assert after == before


def test_unchanged_inputs_skip_the_build(repo, monkeypatch):
    monkeypatch.setattr(build_module, "write_site_and_pdfs", fake_writer("first"))
    build_module.build(repo)
    monkeypatch.setattr(build_module, "write_site_and_pdfs", fake_writer("second"))
    result = build_module.build(repo)
    assert result.up_to_date and (repo / "build" / "site" / "index.html").read_text() == "first"
    handout = repo / "handouts" / "shopping-list.md"
    handout.write_text(handout.read_text() + "\nOne more line.\n")
    result = build_module.build(repo)
    assert not result.up_to_date and (repo / "build" / "site" / "index.html").read_text() == "second"


def test_a_build_killed_between_the_renames_is_recovered(repo, monkeypatch):
    monkeypatch.setattr(build_module, "write_site_and_pdfs", fake_writer("kept"))
    build_module.build(repo)
    before = tree_digest(repo / "build")
    # What a kill between `rename(site, old)` and `rename(staging, site)` leaves:
    (repo / "build" / "site").rename(repo / "build" / ".site.old-abc")
    (repo / "build" / ".site.new-def").mkdir()
    output.recover(repo / "build")
    assert tree_digest(repo / "build") == before
    assert not [p for p in (repo / "build").iterdir() if p.name.startswith(".site.")]


def test_a_site_holding_the_curriculum_assets_is_ours(repo, monkeypatch):
    """An earlier build whose stamp was lost (copied without hidden files)."""
    monkeypatch.setattr(build_module, "write_site_and_pdfs", fake_writer("rebuilt"))
    (repo / "build" / "site" / "assets" / "curriculum").mkdir(parents=True)
    (repo / "build" / "site" / "index.html").write_text("an earlier build")
    assert build_module.build(repo).built
    assert (repo / "build" / "site" / "index.html").read_text() == "rebuilt"
