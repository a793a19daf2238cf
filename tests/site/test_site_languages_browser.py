"""The language switch and the fallback notice in a real headless Chromium
(issue 20, item 3): light and dark, phone and laptop, both generators."""

from __future__ import annotations

import pytest
from language_sites import AR_TEXT, PL_UNTRANSLATED, build_translated
from site_support import VIEWPORTS, serve_directory

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def served(request, tmp_path_factory):
    site = build_translated(tmp_path_factory.mktemp(f"languages-browser-{request.param}"), request.param)
    with serve_directory(site) as base:
        yield base


def _open(browser, url: str, viewport: dict, scheme: str):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.goto(url, wait_until="networkidle")
    return context, page, problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", sorted(VIEWPORTS))
def test_switching_language_keeps_the_page(browser, served, device, scheme):
    """From the Arabic handout (right to left) to the English one and on to
    the Polish one, by the switch at the top of the page."""
    context, page, problems = _open(browser, served + "ar/handouts/shopping-list.html", VIEWPORTS[device], scheme)
    try:
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        assert page.get_by_text(AR_TEXT).is_visible()
        switch = page.locator("nav.cur-languages")
        assert switch.is_visible()
        switch.get_by_role("link", name="English").click()
        page.wait_for_load_state("networkidle")
        assert page.url == served + "handouts/shopping-list.html"
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["en-GB", "ltr"]
        page.locator("nav.cur-languages").get_by_role("link", name="Polski").click()
        page.wait_for_load_state("networkidle")
        assert page.url == served + "pl/handouts/shopping-list.html"
        assert page.evaluate("document.documentElement.lang") == "pl"
        assert problems == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", sorted(VIEWPORTS))
def test_an_untranslated_page_shows_its_notice(browser, served, device, scheme):
    context, page, problems = _open(browser, served + "pl/sessions/week-1.html", VIEWPORTS[device], scheme)
    try:
        notice = page.locator("p.cur-untranslated")
        assert notice.is_visible()
        assert notice.inner_text().strip() == PL_UNTRANSLATED
        assert page.get_by_text("Everyone says one meal they like to cook.").is_visible()
        # the notice stands out from the page in either scheme
        colours = page.evaluate("""() => {
            const n = getComputedStyle(document.querySelector('p.cur-untranslated'));
            return [n.borderInlineStartWidth, n.fontWeight];
        }""")
        assert colours[0] != "0px" and colours[1] == "700"
        assert problems == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("rel", ["ar/handouts/shopping-list.html", "pl/sessions/week-1.html", "ar/texts.html"])
def test_language_pages_are_accessible(browser, served, rel, scheme):
    """axe-core finds no serious or critical problem in the content of a
    right-to-left page or of a page with the fallback notice (the switch,
    the notices). Only the content: the minimal fixture keeps the theme's
    default palette, whose navigation the bundled site's tests check."""
    from axe_playwright_python.sync_playwright import Axe

    context, page, problems = _open(browser, served + rel, VIEWPORTS["laptop"], scheme)
    try:
        results = Axe().run(page, context=".md-content")
        serious = [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
                   for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", sorted(VIEWPORTS))
def test_the_arabic_weekly_texts_read_right_to_left(browser, served, device, scheme):
    """Each Arabic text is laid out right to left (it starts at the right
    edge of its box), under the language's notices; the English weeks around
    them still read left to right."""
    from language_sites import AR_SMS, AR_STALE

    context, page, problems = _open(browser, served + "ar/texts.html", VIEWPORTS[device], scheme)
    try:
        text = page.locator("p.cur-texts__text", has_text=AR_SMS["hello"])
        assert text.is_visible()
        assert text.evaluate("e => getComputedStyle(e).direction") == "rtl"
        # the text's last line ends at the left: its first line starts at the right edge of its box
        assert text.evaluate("""e => {
            const range = document.createRange(); range.selectNodeContents(e);
            const first = range.getClientRects()[0], box = e.getBoundingClientRect();
            return Math.abs(box.right - parseFloat(getComputedStyle(e).paddingRight) - first.right) < 2;
        }""")
        assert page.locator("p.cur-stale", has_text=AR_STALE).is_visible()
        heading = page.locator("h2", has_text="weeks of pregnancy").first
        assert heading.evaluate("e => getComputedStyle(e).direction") == "ltr"
        assert heading.inner_text().startswith("30 weeks")
        assert problems == []
    finally:
        context.close()
