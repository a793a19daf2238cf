"""The site in every language (issue 20, item 3), read from the built
files under both generators: a site per language under <lang>/, the
language switch on every page linking the same page, `lang` and `dir` on
every page, the source text with a notice where nothing is translated, and
search per language."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
from language_sites import (
    AR_TEXT,
    AR_UNTRANSLATED,
    PL_TEXT,
    PL_UNREVIEWED,
    PL_UNTRANSLATED,
    build_translated,
)
from site_support import html_files, page

LANGS = {"": ("en-GB", "ltr"), "pl/": ("pl", "ltr"), "ar/": ("ar", "rtl")}


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site(request, tmp_path_factory) -> Path:
    return build_translated(tmp_path_factory.mktemp(f"languages-{request.param}"), request.param)


def text_of(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def edition_of(rel: str) -> str:
    return next((folder for folder in ("pl/", "ar/") if rel.startswith(folder)), "")


def test_every_language_has_every_page(site):
    main = {p.relative_to(site).as_posix() for p in html_files(site) if not edition_of(p.relative_to(site).as_posix())}
    for folder in ("pl/", "ar/"):
        pages = {p.relative_to(site / folder).as_posix() for p in html_files(site / folder)}
        assert main - {"404.html"} <= pages


def test_lang_and_dir_on_every_page(site):
    for path in html_files(site):
        rel = path.relative_to(site).as_posix()
        lang, direction = LANGS[edition_of(rel)]
        opening = re.search(r"<html\b[^>]*>", text_of(site, rel)).group(0)
        assert f'lang="{lang}"' in opening and f'dir="{direction}"' in opening, rel


def test_the_switch_on_every_page_links_the_same_page_in_each_language(site):
    for path in html_files(site):
        rel = path.relative_to(site).as_posix()
        if rel.endswith("404.html"):
            continue
        here = edition_of(rel)
        same = rel.removeprefix(here)
        nav = re.search(r'<nav class="cur-languages".*?</nav>', text_of(site, rel), re.S)
        assert nav, rel
        links = dict(re.findall(r'href="([^"]+)" hreflang="([^"]+)"', nav.group(0)))
        assert sorted(links.values()) == sorted(lang for folder, (lang, _) in LANGS.items() if folder != here), rel
        for href in links:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), href))
            assert target.removeprefix(edition_of(target)) == same and (site / target).is_file(), (rel, href)


def test_a_translated_page_shows_the_translation_and_its_review_notice(site):
    polish = page(site, "pl/handouts/shopping-list.html").text
    assert PL_TEXT in polish and "Twoja lista zakupów" in polish
    assert PL_UNREVIEWED in polish and PL_UNTRANSLATED not in polish
    assert "Write what you need" not in polish
    assert AR_TEXT in page(site, "ar/handouts/shopping-list.html").text


def test_an_untranslated_page_shows_the_source_under_a_notice(site):
    polish = page(site, "pl/sessions/week-1.html").text
    assert PL_UNTRANSLATED in polish
    assert "Everyone says one meal they like to cook." in polish
    arabic = text_of(site, "ar/sessions/week-1.html")
    assert AR_UNTRANSLATED in arabic
    assert arabic.index(AR_UNTRANSLATED) < arabic.index("Everyone says one meal")


def test_numbers_in_groups_keep_their_order_in_arabic_pages(site):
    assert "0808\u00a02000\u00a0247" in text_of(site, "ar/handouts/shopping-list.html")
    assert "0808 2000 247" in text_of(site, "pl/handouts/shopping-list.html")


def _search_text(folder: Path) -> str:
    for name in ("search/search_index.json", "search.json"):  # MkDocs, Zensical
        if (folder / name).is_file():
            return json.dumps(json.loads((folder / name).read_text(encoding="utf-8")), ensure_ascii=False)
    raise AssertionError(f"no search index in {folder}")


def test_each_language_searches_its_own_pages(site):
    english, polish, arabic = _search_text(site), _search_text(site / "pl"), _search_text(site / "ar")
    assert PL_TEXT in polish and PL_TEXT not in english and PL_TEXT not in arabic
    assert AR_TEXT in arabic and AR_TEXT not in english
    assert "Write what you need before you go." in english


def test_a_site_without_translations_has_no_switch(minimal_site):
    assert "cur-languages" not in text_of(minimal_site, "handouts/shopping-list.html")
    assert not (minimal_site / "pl").exists()


def test_a_stale_translation_says_so_in_its_language_and_the_source_language(tmp_path):
    """The English changed after the Polish was made: the Polish page says it may
    be out of date (the language's words, then ours in the source's language)."""
    from language_sites import translated_curriculum
    from site_support import build

    from curriculum.render.labels import STALE_NOTICE

    root = translated_curriculum(tmp_path / "repo")
    (root / "translations/pl/language.yml").write_text(
        "name: Polski\nstale_notice: To tłumaczenie może być nieaktualne.\n", "utf-8")
    handout = root / "handouts/shopping-list.md"
    handout.write_text(handout.read_text("utf-8").replace("you spend less.", "you spend less money."), "utf-8")
    site = build(root, tmp_path / "site", pdfs=False)
    polish = text_of(site, "pl/handouts/shopping-list.html")
    assert "To tłumaczenie może być nieaktualne." in polish
    assert f'<p class="cur-stale" role="note" lang="en-GB" dir="ltr">{STALE_NOTICE}</p>' in polish
    assert polish.index("nieaktualne") < polish.index(PL_TEXT)


def test_a_current_translation_has_no_stale_notice(site):
    assert "cur-stale" not in text_of(site, "pl/handouts/shopping-list.html")


def test_each_language_shows_its_weekly_texts_with_its_notices(site):
    """The texts page of each language: the translated texts in place of the
    English, a text not translated in English marked as such, and the
    unreviewed and (Arabic, whose texts.yml is older than the English) the
    stale notice, in the language."""
    from language_sites import AR_SMS, AR_STALE, PL_SMS

    english = page(site, "texts.html").text
    assert "Take your list to the shop." in english and PL_SMS["hello"] not in english
    assert "cur-unreviewed" not in text_of(site, "texts.html")
    polish_html = text_of(site, "pl/texts.html")
    polish = page(site, "pl/texts.html").text
    assert PL_SMS["hello"] in polish and "Hello from the programme." not in polish
    assert PL_UNREVIEWED in polish and PL_UNTRANSLATED not in polish and "cur-stale" not in polish_html
    assert re.search(r'<p class="cur-texts__text cur-texts__text--untranslated" lang="en-GB" dir="ltr">'
                     r"Take your list to the shop\.</p>\s*<p[^>]*>Not translated yet: sent in English\.</p>", polish_html)
    assert "at most 3 SMS parts" in polish
    arabic_html = text_of(site, "ar/texts.html")
    assert all(words in arabic_html for words in AR_SMS.values())
    assert "Take your list" not in arabic_html and "cur-texts__text--untranslated" not in arabic_html
    assert AR_STALE in arabic_html and arabic_html.index(AR_STALE) < arabic_html.index(AR_SMS["hello"])
    assert re.search(r'<html\b[^>]*\bdir="rtl"', arabic_html)
    assert re.search(r'<h2 id="week-minus-10" dir="auto">30 weeks of pregnancy</h2>', arabic_html)
