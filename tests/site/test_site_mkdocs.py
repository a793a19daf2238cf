"""The plugin under plain MkDocs (`mkdocs build`, `mkdocs serve`)."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest
from site_support import MINIMAL, REPO, copy_curriculum, html_files

from curriculum.site.build import build_site
from curriculum.validate import validate


def mkdocs_build(root: Path, **overrides) -> None:
    """What `mkdocs build --strict` does, through MkDocs' API."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), strict=True, **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def test_plain_mkdocs_build_makes_the_same_site(tmp_path):
    """In the repository root, `mkdocs build` writes build/site; its pages are
    those of `curriculum build` (PDFs aside, off here to keep the test fast)."""
    root = copy_curriculum(REPO, tmp_path / "repo")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - curriculum\n", "  - curriculum:\n      pdfs: false\n"),
                      "utf-8")
    mkdocs_build(root)
    plain = root / "build" / "site"
    ours = tmp_path / "ours"
    build_site(validate(root).curriculum, ours, pdfs=False)
    names = sorted(p.relative_to(ours).as_posix() for p in ours.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(plain).as_posix() for p in plain.rglob("*") if p.is_file())
    different = [n for n in names if n.endswith((".html", ".json", ".js", ".css")) and
                 not filecmp.cmp(ours / n, plain / n, shallow=False)]
    assert different == []
    assert not any(root.glob("curriculum-docs-*")) and sorted(p.name for p in (root / "sessions").iterdir()) == sorted(
        p.name for p in (REPO / "sessions").iterdir())


def test_validation_errors_fail_mkdocs_and_keep_the_old_site(tmp_path, caplog):
    from mkdocs.exceptions import Abort

    root = copy_curriculum(MINIMAL, tmp_path / "repo")
    (root / "docs").mkdir()  # MkDocs wants docs_dir to exist; the plugin never reads it
    mkdocs_build(root, site_dir=str(root / "build" / "site"))
    index = root / "build" / "site" / "index.html"
    before = index.read_bytes()
    plan = root / "sessions" / "week-1.md"
    plan.write_text(plan.read_text("utf-8").replace("duration: 60", "duration: sixty"), "utf-8")
    with pytest.raises(Abort):
        mkdocs_build(root, site_dir=str(root / "build" / "site"))
    assert "validation error(s); nothing was built" in caplog.text and "sessions/week-1.md" in caplog.text
    assert index.read_bytes() == before  # refused before MkDocs emptied site_dir


def test_unparsable_front_matter_is_never_published(tmp_path):
    from mkdocs.exceptions import Abort

    root = copy_curriculum(MINIMAL, tmp_path / "repo")
    (root / "docs").mkdir()
    handout = root / "handouts" / "shopping-list.md"
    handout.write_text(handout.read_text("utf-8").replace("themes: [shopping]", "themes: [shopping\nsecret: x"),
                       "utf-8")
    with pytest.raises(Abort):
        mkdocs_build(root, site_dir=str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("site_dir", ["sessions", ".", "..", "handouts/site"])
def test_mkdocs_never_empties_a_source_folder(tmp_path, site_dir):
    from mkdocs.exceptions import Abort, ConfigurationError

    root = copy_curriculum(MINIMAL, tmp_path / "repo")
    (root / "docs").mkdir()
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    with pytest.raises((Abort, ConfigurationError)):
        mkdocs_build(root, site_dir=str((root / site_dir)))
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == before


def test_mkdocs_never_empties_a_stranger_folder(tmp_path, caplog):
    from mkdocs.exceptions import Abort

    root = copy_curriculum(MINIMAL, tmp_path / "repo")
    (root / "docs").mkdir()
    stranger = tmp_path / "photos"
    stranger.mkdir()
    (stranger / "holiday.jpg").write_bytes(b"jpg")
    with pytest.raises(Abort):
        mkdocs_build(root, site_dir=str(stranger))
    assert "no curriculum build made" in caplog.text
    assert (stranger / "holiday.jpg").exists()


def test_serving_shows_findings_and_links_previous_pdfs(tmp_path):
    """While serving, errors are shown on the pages (not fatal) and PDFs come
    from the last `curriculum build` (never rendered)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from curriculum.site.plugin import Request, request

    root = copy_curriculum(MINIMAL, tmp_path / "repo")
    (root / "docs").mkdir()
    previous = root / "build" / "site" / "pdf" / "handouts"
    previous.mkdir(parents=True)
    (previous / "shopping-list.pdf").write_bytes(b"%PDF-1.7 previous")
    plan = root / "sessions" / "week-2.md"
    plan.write_text(plan.read_text("utf-8").replace("duration: 90", "duration: 95"), "utf-8")
    site = tmp_path / "served"
    with request(Request(serving=True, pdfs="previous")):
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
        build(config, serve_url="http://127.0.0.1:8000/")
    home = (site / "index.html").read_text("utf-8")
    assert "cur-findings--errors" in home and "sessions/week-2.md" in home
    assert (site / "pdf" / "handouts" / "shopping-list.pdf").read_bytes() == b"%PDF-1.7 previous"
    handout = (site / "handouts" / "shopping-list.html").read_text("utf-8")
    assert 'href="../pdf/handouts/shopping-list.pdf"' in handout
    assert "pdf/cards/week-1.pdf" not in (site / "sessions" / "week-1.html").read_text("utf-8")  # none yet
    assert "script-src 'self' 'unsafe-inline'" in home  # the preview server injects its live-reload script


def test_serving_an_unreadable_programme_shows_the_problems(tmp_path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from curriculum.site.plugin import Request, request

    root = copy_curriculum(MINIMAL, tmp_path / "repo")
    (root / "docs").mkdir()
    (root / "programme.yml").write_text("title: [unclosed\n", "utf-8")
    site = tmp_path / "served"
    with request(Request(serving=True, pdfs="previous")):
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(site)), serve_url="http://127.0.0.1:8000/")
    home = (site / "index.html").read_text("utf-8")
    assert "The curriculum cannot be shown" in home and "programme.yml" in home


def test_serve_watches_the_sources(monkeypatch, tmp_path):
    import mkdocs.commands.serve

    from curriculum.site.serve import serve

    root = copy_curriculum(MINIMAL, tmp_path / "repo")
    seen = {}
    monkeypatch.setattr(mkdocs.commands.serve, "serve", lambda **kwargs: seen.update(kwargs))
    serve(root, "127.0.0.1:8123")
    assert seen["dev_addr"] == "127.0.0.1:8123" and seen["livereload"]
    assert {Path(p).name for p in seen["watch"]} >= {"sessions", "handouts", "facilitator_notes", "programme.yml"}


def test_serve_refuses_hooks(tmp_path):
    import click

    from curriculum.site.serve import serve

    root = copy_curriculum(MINIMAL, tmp_path / "repo")
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8") + "hooks: [x.py]\n", "utf-8")
    with pytest.raises(click.ClickException, match="hooks"):
        serve(root, "127.0.0.1:8124")


def test_only_the_site_package_imports_mkdocs():
    offenders = []
    for path in (REPO / "curriculum").rglob("*.py"):
        if "site" in path.relative_to(REPO / "curriculum").parts[:1]:
            continue
        text = path.read_text("utf-8")
        if "import mkdocs" in text or "from mkdocs" in text or "import material" in text:
            offenders.append(path.name)
    assert offenders == []


def test_building_twice_in_one_process_is_independent(tmp_path, minimal_site):
    """MkDocs keeps one plugin instance per process: nothing leaks between builds."""
    root = copy_curriculum(MINIMAL, tmp_path / "repo")
    (root / "programme.yml").write_text((root / "programme.yml").read_text("utf-8").replace(
        "title: Cooking on a Budget", "title: Cooking Together"), "utf-8")
    site = tmp_path / "site"
    build_site(validate(root).curriculum, site)
    assert "Cooking Together" in (site / "index.html").read_text("utf-8")
    assert "Cooking Together" not in (minimal_site / "index.html").read_text("utf-8")
    assert len(html_files(site)) == len(html_files(minimal_site))
    shutil.rmtree(site)


@pytest.mark.slow
def test_serving_renders_pdfs_in_the_background_once(tmp_path):
    pytest.importorskip("weasyprint")
    from curriculum.site.preview import PdfPreview

    messages = []
    preview = PdfPreview(tmp_path / "no-previous-build", log=messages.append)
    try:
        cur = validate(MINIMAL).curriculum
        preview.refresh(cur)
        preview.wait(120)
        first = preview.source()
        assert (first / "pdf" / "handouts" / "shopping-list.pdf").read_bytes().startswith(b"%PDF")
        assert (preview.signal / "ready").read_text("utf-8") == first.name and messages == ["PDFs refreshed"]
        preview.refresh(cur)  # nothing changed: reused, no swap, no rebuild signal (no reload loop)
        preview.wait(120)
        assert preview.source() == first and messages == ["PDFs refreshed"]
    finally:
        preview.close()
    assert not preview.base.exists()


def test_a_site_without_search_or_offline_is_told_so_and_still_builds(tmp_path, caplog):
    import logging

    root = copy_curriculum(MINIMAL, tmp_path / "repo")  # its mkdocs.yml lists only the curriculum plugin
    (root / "docs").mkdir()
    with caplog.at_level(logging.INFO):
        mkdocs_build(root, site_dir=str(root / "build" / "site"))
    told = [r.getMessage() for r in caplog.records if "does not list" in r.getMessage()]
    assert any("`search`" in m for m in told) and any("`offline`" in m for m in told)
    assert all(r.levelno == logging.INFO for r in caplog.records if "does not list" in r.getMessage())
    assert (root / "build" / "site" / "index.html").is_file()
