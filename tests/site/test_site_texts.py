"""The Weekly texts page: built from the minimal fixture plus weeks and a
texts.yml, read back from the built site."""

from __future__ import annotations

import re

PROGRAMME = [('timing: "Week 1"}', 'timing: "Week 1", week: {weeks_pregnant: 30}}'),
             ('timing: "Week 2"}', 'timing: "Week 2", week: {weeks_after_birth: 6}}')]
TEXTS = """\
- id: born-1
  when: {weeks_after_birth: 1}
  text: "One week old. Well done, both of you."
- id: p30
  when: {weeks_pregnant: 30}
  text: "Plan three meals for the week & write a <list>."
  themes: [shopping]
- id: before-week-1
  when: {before: week-1, days: 1}
  text: "See you at the group tomorrow."
- id: after-week-2
  when: {after: week-2, days: 3}
  text: "Cook the curry again this week? Tell us how it went."
"""


def test_texts_page_by_week(build_copy, read):
    _, site = build_copy(pdfs=False, programme=PROGRAMME, **{"texts.yml": TEXTS})
    html = (site / "texts.html").read_text(encoding="utf-8")
    page = read(site, "texts.html")
    headings = re.findall(r'<h2 id="(week-[a-z0-9-]+)"[^>]*>([^<]*)<', html)
    # the reminder is sent the day before the group, at 29 weeks and 6 days: in week 29
    assert [title for _, title in headings] == [
        "29 weeks of pregnancy", "30 weeks of pregnancy", "1 week after the birth", "6 weeks after the birth"]
    assert "The 4 text messages" in page.text
    assert html.index('id="before-week-1"') < html.index('id="p30"') < html.index('id="born-1"')
    # texts are shown as text, never as markup
    assert "Plan three meals for the week &amp; write a &lt;list&gt;." in html
    # a reminder links its contact; a text its themes
    assert re.search(r'The day before <a href="sessions/week-1.html">', html)
    assert re.search(r'3 days after <a href="sessions/week-2.html">', html)
    assert 'href="themes/shopping.html"' in html
    assert "47 of 160 characters (GSM)" in page.text
    assert {"p30", "born-1", "before-week-1", "after-week-2"} <= page.ids
    # in the navigation of every page
    assert 'href="texts.html"' in (site / "index.html").read_text(encoding="utf-8")


def test_texts_page_week_of_a_reminder(build_copy, read):
    texts = '- {id: r, when: {before: week-1, days: 1}, text: "See you tomorrow."}\n'
    _, site = build_copy(pdfs=False, programme=PROGRAMME, **{"texts.yml": texts})
    assert re.findall(r'<h2 id="week-minus-11"[^>]*>([^<]*)<', (site / "texts.html").read_text(encoding="utf-8")) == [
        "29 weeks of pregnancy"]


def test_no_texts_page_without_texts_yml(minimal_site):
    assert not (minimal_site / "texts.html").exists()
    assert 'href="texts.html"' not in (minimal_site / "index.html").read_text(encoding="utf-8")


def test_bundled_texts_page(bundled_site, read):
    text = read(bundled_site, "texts.html").text
    assert "26 weeks of pregnancy" in text and "10 weeks after the birth" in text
    assert "The day before Our growing baby" in text



def test_bundled_texts_page_in_polish_and_arabic(bundled_site, read):
    """Every bundled text is translated: each language's page shows all 34 in
    its words, none in English, under its not-yet-reviewed notice."""
    from site_support import REPO

    from curriculum.source.translations import load_all

    cur, _ = load_all(REPO)
    english = [text.text for text in cur.texts.items]
    assert len(english) == 34
    for tag in ("pl", "ar"):
        language = cur.translations[tag]
        words = language.files["texts.yml"].meta.by_id()
        page = read(bundled_site, f"{tag}/texts.html").text
        assert language.meta.unreviewed_notice in page
        assert set(words) == {text.id for text in cur.texts.items}
        assert all(text in page for text in words.values())
        assert not any(text in page for text in english)
        assert "Not translated yet" not in page
