"""The site generators (MkDocs, Zensical), plain `mkdocs build`, and serving."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from site_support import MINIMAL, REPO, build, copy_curriculum, html_files

from curriculum.check.validate import validate
from curriculum.errors import BuildError
from curriculum.report.releases import since_last_release
from curriculum.site.assemble import build_site, site_pages
from curriculum.site.render import render_pages

GENERATORS = ["mkdocs", "zensical"]


@pytest.mark.parametrize("generator", GENERATORS)
def test_the_generator_only_draws_the_theme_around_finished_pages(tmp_path, generator):
    """Every page we render reaches the site byte for byte, under either generator."""
    cur = validate(MINIMAL).curriculum
    site = build(MINIMAL, tmp_path / "site", pdfs=False, generator=generator)
    for page in render_pages(cur, site_pages(cur, frozenset(), since_last_release(cur))):
        html = (site / page.src.replace(".md", ".html")).read_text("utf-8")
        assert page.html in html, page.src
        assert html.count("<h1") == 1, page.src  # the theme adds no second title


@pytest.mark.parametrize("generator", GENERATORS)
def test_each_page_has_its_sections_as_contents(minimal_site, tmp_path, generator, read):
    site = minimal_site if generator == "mkdocs" else build(MINIMAL, tmp_path / "site", generator=generator)
    html = (site / "sessions" / "week-1.html").read_text("utf-8")
    for anchor in ("plan-overview", "plan-agenda", "sources-and-review"):
        assert f'href="#{anchor}"' in html.split("<article", 1)[0] + html.split("</article>", 1)[-1], anchor


def test_both_generators_make_the_same_pages(tmp_path, minimal_site):
    zensical = build(MINIMAL, tmp_path / "zensical")
    pages = {p.relative_to(minimal_site).as_posix() for p in html_files(minimal_site)}
    assert pages - {"404.html"} <= {p.relative_to(zensical).as_posix() for p in html_files(zensical)}
    assert sorted(p.relative_to(minimal_site).as_posix() for p in (minimal_site / "assets" / "curriculum").rglob("*")) \
        == sorted(p.relative_to(zensical).as_posix() for p in (zensical / "assets" / "curriculum").rglob("*"))


def test_an_unknown_generator_is_refused_clearly(tmp_path):
    with pytest.raises(BuildError, match="unknown site generator 'hugo'"):
        build_site(validate(MINIMAL).curriculum, tmp_path / "site", generator="hugo")
    assert not (tmp_path / "site").exists()


# --- plain `mkdocs build` in a curriculum repository ------------------------------


def mkdocs_build(root: Path, **overrides) -> None:
    """What `mkdocs build --strict` does, through MkDocs' API."""
    from mkdocs.commands.build import build as run
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), strict=True, **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        run(config)
    finally:
        config.plugins.on_shutdown()


@pytest.mark.parametrize("site_dir", ["build/site", "sessions", ".", ".."])
def test_plain_mkdocs_build_says_what_to_run_and_touches_nothing(tmp_path, site_dir, caplog):
    """The signpost plugin stops MkDocs before it empties or writes anything
    (a site_dir holding the sources MkDocs refuses by itself)."""
    from mkdocs.exceptions import Abort

    root = copy_curriculum(REPO, tmp_path / "repo")
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    with pytest.raises(Abort):
        mkdocs_build(root, site_dir=str(root / site_dir))
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == before
    if site_dir == "build/site":
        assert "run `curriculum build` to build the site and PDFs" in caplog.text


def test_only_the_site_package_imports_a_generator():
    offenders = []
    for path in (REPO / "curriculum").rglob("*.py"):
        if "site" in path.relative_to(REPO / "curriculum").parts[:1]:
            continue
        text = path.read_text("utf-8")
        if any(f"{word} {name}" in text for word in ("import", "from") for name in ("mkdocs", "material", "zensical")):
            offenders.append(path.name)
    assert offenders == []


def test_building_twice_in_one_process_is_independent(tmp_path, minimal_site):
    root = copy_curriculum(MINIMAL, tmp_path / "repo")
    (root / "programme.yml").write_text((root / "programme.yml").read_text("utf-8").replace(
        "title: Cooking on a Budget", "title: Cooking Together"), "utf-8")
    site = tmp_path / "site"
    build_site(validate(root).curriculum, site)
    assert "Cooking Together" in (site / "index.html").read_text("utf-8")
    assert "Cooking Together" not in (minimal_site / "index.html").read_text("utf-8")
    assert len(html_files(site)) == len(html_files(minimal_site))
    shutil.rmtree(site)


def test_a_build_leaves_no_generated_tree_behind(tmp_path):
    build(MINIMAL, tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# --- serving ---------------------------------------------------------------------


def test_serving_shows_findings_and_links_previous_pdfs(tmp_path):
    """While serving, errors are shown on the pages (not fatal) and PDFs come
    from the last `curriculum build` (never rendered)."""
    from curriculum.site.serve import generate

    root = copy_curriculum(MINIMAL, tmp_path / "repo")
    previous = root / "build" / "site" / "pdf" / "handouts"
    previous.mkdir(parents=True)
    (previous / "shopping-list.pdf").write_bytes(b"%PDF-1.7 previous")
    plan = root / "sessions" / "week-2.md"
    plan.write_text(plan.read_text("utf-8").replace("duration: 90", "duration: 95"), "utf-8")
    tree = tmp_path / "tree"
    tree.mkdir()
    problems = generate(root, tree)
    assert any("validation error" in p for p in problems)
    home = (tree / "docs" / "index.md").read_text("utf-8")
    assert "cur-findings--errors" in home and "sessions/week-2.md" in home
    assert (tree / "docs" / "pdf" / "handouts" / "shopping-list.pdf").read_bytes() == b"%PDF-1.7 previous"
    assert 'href="../pdf/handouts/shopping-list.pdf"' in (tree / "docs" / "handouts" / "shopping-list.md").read_text()
    assert "pdf/cards/week-1.pdf" not in (tree / "docs" / "sessions" / "week-1.md").read_text("utf-8")  # none yet


def test_serving_an_unreadable_programme_shows_the_problems(tmp_path):
    from curriculum.site.serve import generate

    root = copy_curriculum(MINIMAL, tmp_path / "repo")
    (root / "programme.yml").write_text("title: [unclosed\n", "utf-8")
    tree = tmp_path / "tree"
    tree.mkdir()
    generate(root, tree)
    home = (tree / "docs" / "index.md").read_text("utf-8")
    assert "The curriculum cannot be shown" in home and "programme.yml" in home


def test_serving_writes_the_tree_again_when_a_source_changes(tmp_path):
    from curriculum.site.serve import Watcher, generate

    root = copy_curriculum(MINIMAL, tmp_path / "repo")
    tree = tmp_path / "tree"
    tree.mkdir()
    generate(root, tree)
    page = tree / "docs" / "sessions" / "week-1.md"
    untouched = tree / "docs" / "sessions" / "week-2.md"
    stamp = untouched.stat().st_mtime_ns
    watcher = Watcher(root, tree)
    watcher.thread.start()
    try:
        plan = root / "sessions" / "week-1.md"
        plan.write_text(plan.read_text("utf-8").replace("title: Planning and shopping", "title: Planning ahead"), "utf-8")
        deadline = time.monotonic() + 30
        while "Planning ahead" not in page.read_text("utf-8") and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        watcher.stop.set()
        watcher.thread.join()
    assert "Planning ahead" in page.read_text("utf-8")
    assert untouched.stat().st_mtime_ns == stamp  # only what changed is written: the generator rebuilds less


def test_serve_refuses_hooks(tmp_path):
    from curriculum.site.serve import serve

    root = copy_curriculum(MINIMAL, tmp_path / "repo")
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8") + "hooks: [x.py]\n", "utf-8")
    with pytest.raises(BuildError, match="hooks"):
        serve(root, "127.0.0.1:8124")


@pytest.mark.parametrize("generator", GENERATORS)
def test_every_word_on_the_home_page_comes_from_the_curriculum(tmp_path, generator, read):
    """A programme titled as its site gets one title, and the guide's card
    names its own chapters, not another programme's."""
    site = build(MINIMAL, tmp_path / "site", generator=generator)
    html = (site / "index.html").read_text("utf-8")
    title = re.search(r"<title>([^<]*)</title>", html).group(1)
    assert title in ("Cooking on a Budget", "Home - Cooking on a Budget")  # Zensical names the home page "Home"
    card = read(site, "index.html").text
    assert "Welcome to the course." in card and "safeguarding" not in card.lower()


@pytest.mark.parametrize("generator", GENERATORS)
def test_every_page_says_which_version_it_belongs_to(tmp_path, generator, read):
    """Title, version and release date, or "draft" (FORMAT.md section 12)."""
    root = copy_curriculum(MINIMAL, tmp_path / "repo")
    programme = root / "programme.yml"
    programme.write_text(programme.read_text("utf-8").replace("title: Cooking on a Budget",
                                                              "title: Cooking on a Budget\nversion: 2.1\nreleased: 2026-03-01"),
                         "utf-8")
    site = build(root, tmp_path / "site", generator=generator)
    for path in html_files(site):
        if path.name != "404.html":
            assert "Cooking on a Budget · version 2.1 · 1 March 2026" in read(site, path.relative_to(site).as_posix()).text
    draft = build(MINIMAL, tmp_path / "draft", generator=generator)
    assert "Cooking on a Budget · draft" in read(draft, "index.html").text
