"""The site and the PDFs are made at the same time: PDFs in worker processes,
the site in this one; they meet in the site folder only when both are done."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from curriculum import build as build_module
from curriculum.build import BuildError
from curriculum.site import assemble
from curriculum.source.load import load

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"


@pytest.fixture
def cur(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    loaded, _ = load(root)
    return loaded


@pytest.fixture
def staging(tmp_path) -> Path:
    folder = tmp_path / "scratch" / ".build.new-test"
    folder.mkdir(parents=True)
    return folder


def test_the_site_is_built_while_the_pdfs_render(cur, staging, monkeypatch):
    seen = {}

    def fake_site(cur, site_dir, **options):
        # The PDFs are rendering in another thread while this runs; the site
        # folder is still the empty one MkDocs wants.
        seen["threads"] = {thread.name for thread in threading.enumerate()}
        seen["empty"] = not any(Path(site_dir).iterdir())
        (Path(site_dir) / "index.html").write_text("site")

    monkeypatch.setattr(assemble, "build_site", fake_site)
    written = build_module.write_site_and_pdfs(cur, staging, None)
    assert "curriculum-pdfs" in seen["threads"] and seen["empty"]
    assert (staging / "index.html").read_text() == "site"
    assert written and all((staging / path).read_bytes().startswith(b"%PDF-") for path in written)
    assert (staging / "pdf" / "manifest.json").is_file()
    assert sorted(p.name for p in staging.parent.iterdir()) == [staging.name]  # the PDFs' folder is gone


def test_a_failed_site_build_stops_the_pdfs_and_leaves_nothing(cur, staging, monkeypatch):
    def failing_site(cur, site_dir, **options):
        raise BuildError("the site could not be built: a broken override")

    monkeypatch.setattr(assemble, "build_site", failing_site)
    with pytest.raises(BuildError, match="broken override"):
        build_module.write_site_and_pdfs(cur, staging, None)
    assert sorted(p.name for p in staging.parent.iterdir()) == [staging.name]
    assert not any(staging.iterdir())


def test_a_pdf_failure_is_reported_after_the_site(cur, staging, monkeypatch):
    from curriculum import pdf

    class Broken:
        def render(self, stop):
            raise BuildError("PDFs not built:\n  pdf/x.pdf: rendering ran out of memory")

    monkeypatch.setattr(assemble, "build_site", lambda cur, site_dir, **options: None)
    monkeypatch.setattr(pdf, "prepare_pdfs", lambda *args, **kwargs: Broken())
    with pytest.raises(BuildError, match="ran out of memory"):
        build_module.write_site_and_pdfs(cur, staging, None)
    assert sorted(p.name for p in staging.parent.iterdir()) == [staging.name]


def test_moving_the_pdfs_in_never_overwrites_the_site(tmp_path):
    source, target = tmp_path / "pdfs", tmp_path / "site"
    (source / "pdf" / "cards").mkdir(parents=True)
    (source / "pdf" / "cards" / "a.pdf").write_bytes(b"%PDF-a")
    (target / "pdf").mkdir(parents=True)
    (target / "pdf" / "readme.txt").write_text("the site's")
    build_module.move_into(source, target)
    assert (target / "pdf" / "cards" / "a.pdf").read_bytes() == b"%PDF-a"
    assert (target / "pdf" / "readme.txt").read_text() == "the site's"
    (source / "pdf").mkdir(exist_ok=True)
    (source / "pdf" / "readme.txt").write_text("the PDFs'")
    with pytest.raises(BuildError, match="both write readme.txt"):
        build_module.move_into(source, target)
    assert (target / "pdf" / "readme.txt").read_text() == "the site's"
