"""The site in a real headless Chromium (Debian's, through Playwright).

Pages load with no console error, no failed request and no request to any
host but the local test server; axe-core finds no serious or critical
accessibility problem; the site works from file:// too. Screenshots go to
the folder named by CURRICULUM_SCREENSHOTS for review (a temporary folder
otherwise: nothing is written into the repository).

Needs /usr/bin/chromium (`apt-get install chromium`); never downloads a browser.
Skipped without it, unless CURRICULUM_REQUIRE_BROWSER is set (CI), where a
missing browser fails.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_support import REPO, VIEWPORTS, build, serve_directory

pytestmark = pytest.mark.browser

PAGES = {"home": "index.html", "contact": "sessions/antenatal-6.html", "coverage": "coverage.html",
         "changes": "changes.html",
         "handout": "handouts/safer-sleep.html", "form": "handouts/session-record.html",
         "chapter": "facilitator_notes/safeguarding.html", "not-found": "404.html",
         "fidelity": "records/fidelity/postnatal-home-visit.html", "evaluation": "records/evaluation.html",
         "register": "records/register.html"}
PAGES["texts"] = "texts.html"  # the weekly texts (issue 18)
# The device's colour scheme: Material shows "default" for light and "slate" for dark.
SCHEMES = ("light", "dark")


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    chosen = os.environ.get("CURRICULUM_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def generated_site(bundled_site, tmp_path_factory, request) -> Path:
    """The bundled curriculum's site, built with each generator."""
    if request.param == "mkdocs":
        return bundled_site
    return build(REPO, tmp_path_factory.mktemp(f"bundled-{request.param}") / "site", generator=request.param)


@pytest.fixture(scope="module")
def served(generated_site):
    with serve_directory(generated_site) as base:
        yield base


class Watch:
    """Everything a page did that a facilitator's browser would complain about."""

    def __init__(self, page, allowed_host: str | None):
        self.problems: list[str] = []
        self.allowed_host = allowed_host
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("requestfailed", lambda request: self.problems.append(f"failed: {request.url} {request.failure}"))
        page.on("request", self.request)

    def console(self, message) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if self.allowed_host is None:
            if parts.scheme != "file":
                self.problems.append(f"request off the file system: {request.url}")
        elif parts.hostname != self.allowed_host:
            self.problems.append(f"request to another host: {request.url}")


def _open(browser, url: str, viewport: dict, allowed_host: str | None, scheme: str = "light"):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    watch = Watch(page, allowed_host)
    page.goto(url, wait_until="networkidle")
    return context, page, watch


def _serious(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_loads_cleanly_and_is_accessible(browser, served, generated_site, name, scheme, screenshots):
    """Every kind of page, light and dark, laptop and phone: one axe run each."""
    generator = "zensical" if "bundled-zensical" in str(generated_site) else "mkdocs"
    for device, viewport in VIEWPORTS.items():
        context, page, watch = _open(browser, served + PAGES[name], viewport, "127.0.0.1", scheme)
        try:
            expected = "slate" if scheme == "dark" else "default"
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
            page.screenshot(path=str(screenshots / f"{name}-{device}-{scheme}-{generator}.png"), full_page=True)
            assert watch.problems == []
            # nothing makes the whole page scroll sideways (wide tables scroll in their own box)
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            assert _serious(page) == [], f"{device}, {scheme}"
        finally:
            context.close()


def test_agenda_shows_the_plan_minutes(browser, served):
    context, page, watch = _open(browser, served + PAGES["contact"], VIEWPORTS["laptop"], "127.0.0.1")
    try:
        minutes = page.locator("table.cur-agenda tbody td.cur-agenda__minutes").all_inner_texts()
        starts = page.locator("table.cur-agenda tbody td.cur-agenda__start").all_inner_texts()
        assert minutes == ["10", "30", "25", "10", "15", "15", "15"]
        assert starts == ["0:00", "0:10", "0:40", "1:05", "1:15", "1:30", "1:45"]
        assert page.locator("table.cur-agenda tfoot").inner_text().split()[:2] == ["2:00", "120"]
        assert page.locator(".cur-facilitator-only").count() > 0
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Atkinson Hyperlegible"')
        assert page.evaluate("document.fonts.check('16px \"Atkinson Hyperlegible\"')")
    finally:
        context.close()


SEARCH_WAIT_MS = 30_000


def search(page, words: str) -> int:
    """Type words into the theme's search box; return how many results it shows.
    Material has a box in the header; Zensical opens a dialog (in a shadow
    root, which Playwright's locators enter) from a button."""
    # Generous waits: two browsers and the tests share two cores in CI, and the
    # index loads from file:// through a worker.
    field = page.locator("input.md-search__input")
    if field.count():
        field.click()
        field.press_sequentially(words, delay=20)
        page.wait_for_selector(".md-search-result__item", timeout=SEARCH_WAIT_MS)
        return page.locator(".md-search-result__item").count()
    page.locator("button.md-search__button").click()
    field = page.locator("dialog input").first  # typing before the dialog is open would be lost
    field.wait_for(state="visible", timeout=SEARCH_WAIT_MS)
    field.press_sequentially(words, delay=20)
    count = page.get_by_text(re.compile(r"^\d+ results?$"))
    count.wait_for(timeout=SEARCH_WAIT_MS)
    return int(count.inner_text().split()[0])


def test_search_works(browser, served):
    context, page, watch = _open(browser, served + "index.html", VIEWPORTS["laptop"], "127.0.0.1")
    try:
        assert search(page, "moses basket") > 0
        assert watch.problems == []
    finally:
        context.close()


def test_site_works_from_the_file_system(browser, generated_site):
    """Venues without internet: open index.html from disk, search included."""
    url = (generated_site / "index.html").as_uri()
    context, page, watch = _open(browser, url, VIEWPORTS["laptop"], None)
    try:
        page.locator("a.cur-stop__title").first.click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("sessions/antenatal-home-visit.html")
        assert search(page, "safer sleep") > 0
        assert watch.problems == []
    finally:
        context.close()


# What each page prints (Ctrl+P), lower case: the words that must be on
# paper, and those its readers may not see there (navigation; on a handout for
# parents, the facilitators' facts and the sources box).
NAVIGATION = ["table of contents", "facilitator manual", "skip to content"]
PRINTED = {
    "handout": (["safer sleep for your baby", "for parents", "call 999"],
                NAVIGATION + ["given at", "reviewed", "themes", "sources and review", "never printed", "printable pdf"]),
    "contact": (["agenda", "facilitators", "materials", "welcome back and how we are doing", "sources and review"],
                NAVIGATION),
    "form": (["session record sheet", "details", "reviewed", "follow-ups"], NAVIGATION),
    "chapter": (["responding to a disclosure", "facilitators only"], NAVIGATION),
}


@pytest.mark.parametrize("name", sorted(PRINTED))
def test_printing_a_page_prints_only_what_its_readers_may_see(browser, served, generated_site, name, screenshots):
    from pypdf import PdfReader

    must, must_not = PRINTED[name]
    generator = "zensical" if "bundled-zensical" in str(generated_site) else "mkdocs"
    context, page, watch = _open(browser, served + PAGES[name], VIEWPORTS["laptop"], "127.0.0.1")
    try:
        pdf = screenshots / f"{name}-print-{generator}.pdf"
        page.pdf(path=str(pdf), format="A4")
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).lower().split())
        assert [words for words in must if words not in text] == []
        assert [words for words in must_not if re.search(rf"\b{words}\b", text)] == []
    finally:
        context.close()


def test_a_printed_form_has_room_to_write(browser, served):
    """The session record on A4 paper: every column with nothing printed in it
    is wide enough to write in (at least a quarter of the page)."""
    a4 = {"width": 794, "height": 1123}  # 210 mm at 96 px an inch
    context, page, watch = _open(browser, served + PAGES["form"], a4, "127.0.0.1")
    try:
        page.emulate_media(media="print")
        assert not page.locator(".md-sidebar--primary").is_visible()
        assert not page.locator(".md-header").is_visible()
        widths = page.locator("table:not([class]) thead th").evaluate_all("""cells => cells.map(th =>
            [th.textContent.trim(), th.getBoundingClientRect().width / th.closest('table').getBoundingClientRect().width])""")
        share = dict(widths)
        assert share["Details"] >= 0.3 and share["Activities led"] >= 0.25 and share["By when"] >= 0.25
    finally:
        context.close()


def test_a_printed_drawing_stays_beside_its_text(browser, served):
    """Printed from the browser, a handout's drawing is as small as in its
    PDF (at most 40 mm wide, beside its text), not a block pushed onto a
    page of its own."""
    a4 = {"width": 794, "height": 1123}
    context, page, watch = _open(browser, served + PAGES["handout"], a4, "127.0.0.1")
    try:
        page.emulate_media(media="print")
        boxes = page.locator("img.picture-right").evaluate_all("""images => images.map(img => {
            return [img.getBoundingClientRect().width, getComputedStyle(img).float]; })""")
        assert boxes, "the safer sleep handout has its drawings"
        assert all(width <= 40 / 25.4 * 96 + 1 and side == "right" for width, side in boxes), boxes
    finally:
        context.close()


def test_every_pdf_link_says_which_pdf_and_its_note_is_readable(browser, served):
    """A screen reader lists links by name: 25 links all called "PDF" are no
    use. The words under a PDF button are at least 12 px."""
    context, page, watch = _open(browser, served + "handouts/index.html", VIEWPORTS["phone"], "127.0.0.1")
    try:
        names = page.locator("a.cur-pdf").evaluate_all("links => links.map(a => a.textContent.trim())")
        assert len(names) > 10 and len(set(names)) == len(names)
        assert all(name.startswith("PDF of ") for name in names)
        page.goto(served + PAGES["contact"], wait_until="networkidle")
        sizes = page.locator(".cur-pdf__text small").evaluate_all(
            "notes => notes.map(n => parseFloat(getComputedStyle(n).fontSize))")
        assert sizes and min(sizes) >= 12
    finally:
        context.close()


def test_the_404_page_works_from_the_file_system(browser, generated_site):
    """Generators write the 404 page with root-absolute addresses: unstyled
    and broken when opened from disk. Ours are relative."""
    context, page, watch = _open(browser, (generated_site / "404.html").as_uri(), VIEWPORTS["laptop"], None)
    try:
        assert watch.problems == []
        loaded = page.evaluate("Array.from(document.styleSheets).filter(s => s.href).map(s => s.href)")
        assert any(href.endswith("assets/curriculum/curriculum.css") for href in loaded)
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Atkinson Hyperlegible"')
    finally:
        context.close()


def test_search_results_are_short_excerpts_around_the_match(browser, served):
    """A result showed its whole section (1,650 px for "Samaritans" on a
    phone, the match off screen): now the blocks holding the match only."""
    context, page, watch = _open(browser, served + "index.html", VIEWPORTS["phone"], "127.0.0.1")
    try:
        if not page.locator("input.md-search__input").count():
            pytest.skip("Zensical's search shows its own short excerpts")
        page.locator("label.md-header__button[for=__search]").first.click()
        assert search(page, "Samaritans") > 0
        page.wait_for_timeout(300)
        items = page.locator(".md-search-result__article").evaluate_all(
            "items => items.map(i => [i.getBoundingClientRect().height, i.innerText])")
        long = [(round(height), text[:60]) for height, text in items if height > 300]
        assert items and long == []
        assert sum("Samaritans" in text for _, text in items) >= 3
        assert watch.problems == []
    finally:
        context.close()


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_published_versions_have_a_version_selector(browser, tmp_path, generator, screenshots):
    """Two released versions published side by side (`curriculum publish`):
    each page offers the other version, and choosing it goes there."""
    import shutil

    from curriculum.publish import publish

    root, pages = tmp_path / "repo", tmp_path / "pages"
    shutil.copytree(REPO / "tests" / "fixtures" / "minimal", root)
    programme = (root / "programme.yml").read_text("utf-8")
    for version in ("1.0", "1.1"):
        (root / "programme.yml").write_text(f'version: "{version}"\nreleased: 2026-12-01\n{programme}', "utf-8")
        publish(root, pages, generator=generator)
    with serve_directory(pages) as base:
        context, page, watch = _open(browser, base + "1.0/glance.html", VIEWPORTS["laptop"], "127.0.0.1")
        try:
            page.wait_for_selector(".md-version__current", state="attached", timeout=10_000)
            assert page.inner_text(".md-version__current").strip() == "1.0"
            offered = page.eval_on_selector_all(".md-version__link", "links => links.map(a => a.textContent.trim())")
            assert offered == ["1.1", "1.0"]
            page.screenshot(path=str(screenshots / f"version-selector-{generator}.png"))
            page.focus(".md-version__current")  # the list opens on focus, as from the keyboard
            page.click(".md-version__link >> text=1.1")
            page.wait_for_url(re.compile(r"/1\.1/"), timeout=10_000)
            assert "version 1.1" in page.inner_text("body")
            assert watch.problems == []
        finally:
            context.close()
