"""The pages of the site: exact on the minimal fixture, robust on Baby Steps."""

from __future__ import annotations

import re

import pytest
from site_support import MINIMAL, REPO, html_files, page

from curriculum.check.validate import validate
from curriculum.render.labels import clock, duration
from curriculum.site import pages

MINIMAL_PAGES = {
    "index.html", "glance.html", "changes.html", "coverage.html", "404.html",
    "sessions/week-1.html", "sessions/week-2.html",
    "handouts/index.html", "handouts/shopping-list.html",
    "facilitator_notes/index.html", "facilitator_notes/welcome.html",
    "themes/index.html", "themes/shopping.html", "themes/cooking.html",
    "threads/confidence.html", "messages/food-safety.html",
    "records/index.html", "records/register.html", "records/fidelity/week-1.html", "records/fidelity/week-2.html",
}


def _rows(html: str) -> list[tuple[str, str, str]]:
    """(start, minutes, activity) of each agenda row."""
    body = html.split('class="cur-table cur-agenda', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'data-label="Start">([^<]*)</td>\s*<td[^>]*data-label="Minutes">([^<]*)</td>\s*'
                      r'<th scope="row" data-label="Activity">(?:<a href="#[^"]*">)?([^<]*)(?:</a>)?</th>', body)


def test_minimal_page_set(minimal_site):
    built = {path.relative_to(minimal_site).as_posix() for path in html_files(minimal_site)}
    assert built == MINIMAL_PAGES


def test_minimal_builds_without_overrides(minimal_site):
    assert not (MINIMAL / "overrides").exists()
    css = (minimal_site / "assets" / "curriculum" / "curriculum.css").read_text(encoding="utf-8")
    assert "Atkinson Hyperlegible" in css
    fonts = {p.name for p in (minimal_site / "assets" / "curriculum" / "fonts").iterdir()}
    assert "AtkinsonHyperlegible-Regular.ttf" in fonts and "OFL.txt" in fonts


def test_agenda_minutes_and_start_offsets(minimal_site):
    one = (minimal_site / "sessions" / "week-1.html").read_text(encoding="utf-8")
    two = (minimal_site / "sessions" / "week-2.html").read_text(encoding="utf-8")
    assert _rows(one) == [("0:00", "20", "Welcome"), ("0:20", "40", "Plan three meals")]
    assert _rows(two) == [("0:00", "60", "Cook a curry"), ("1:00", "30", "Share the meal")]
    assert 'data-label="Ends">1:30</td>' in two and "Total 1 hour 30 minutes" in two


def test_contact_page_order_and_parts(minimal_site, read):
    html = (minimal_site / "sessions" / "week-1.html").read_text(encoding="utf-8")
    order = ['class="cur-panel"', 'id="plan-overview"', 'id="plan-agenda"', 'id="plan-materials"',
             'id="plan-handouts"', 'id="welcome"', 'id="plan-meals"', 'id="facilitator-notes"',
             'id="preparation"', 'id="sources-and-review"']
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)
    text = read(minimal_site, "sessions/week-1.html").text
    for words in ("Group session", "Week 1", "1 hour", "Community cook", "Peer supporter", "Core", "Flexible",
                  "Plan three cheap meals for the week.", "Write a shopping list that fits a budget.",
                  "Bring leaflets from two supermarkets."):
        assert words in text
    assert '<input type="checkbox" id="material-1"><label for="material-1">Supermarket leaflets</label>' in html
    # the contact's notes: shown here, headings one level down
    assert '<h3 id="preparation">' in html


def test_contact_links_handouts_and_their_pdfs(minimal_site):
    html = (minimal_site / "sessions" / "week-1.html").read_text(encoding="utf-8")
    assert 'href="../handouts/shopping-list.html"' in html
    assert 'href="../pdf/handouts/shopping-list.pdf"' in html
    assert 'href="../pdf/cards/week-1.pdf"' in html and 'href="../pdf/packs/week-1.pdf"' in html
    # the author's relative link from the plan body resolves to the handout page
    assert '<a href="../handouts/shopping-list.html">shopping list</a>' in html


def test_pdf_links_match_the_pdf_package(minimal_site):
    cur = validate(MINIMAL).curriculum
    linked = set()
    for path in html_files(minimal_site):
        for _, _, value in page(minimal_site, path.relative_to(minimal_site).as_posix()).refs:
            if value.endswith(".pdf"):
                linked.add(re.sub(r"^(\.\./)+", "", value))
    assert linked and linked <= set(pages.linked_pdfs(cur))
    assert {"pdf/facilitator-manual.pdf", "pdf/parent-workbook.pdf", "pdf/handouts/shopping-list.pdf"} <= linked


def test_no_pdf_links_without_pdfs(build_copy):
    _, site = build_copy(pdfs=False)
    for path in html_files(site):
        assert ".pdf" not in path.read_text(encoding="utf-8")


def test_facilitator_blocks_are_marked(minimal_site):
    html = (minimal_site / "sessions" / "week-1.html").read_text(encoding="utf-8")
    assert '<div class="admonition facilitator cur-facilitator-only">' in html
    assert '<span class="cur-badge">Facilitators only</span>' in html


def test_handout_page_shows_sources_and_review(minimal_site, read):
    text = read(minimal_site, "handouts/shopping-list.html").text
    assert "A public food-budget guide" in text
    assert "Not yet reviewed" in text
    assert "Planning and shopping" in text  # the contact that gives it


def test_handout_review_date(build_copy, read):
    _, site = build_copy(handout=("summary: A list to take to the shop.",
                                  "summary: A list to take to the shop.\nreviewed: 2026-03-01"))
    assert "1 March 2026" in read(site, "handouts/shopping-list.html").text


def test_coverage_ticks_link_to_activities(minimal_site):
    html = (minimal_site / "coverage.html").read_text(encoding="utf-8")
    assert 'class="cur-tick" href="sessions/week-1.html#welcome"' in html
    assert 'class="cur-tick" href="sessions/week-2.html#cook-curry"' in html
    assert 'href="themes/shopping.html">Shopping wisely</a>' in html


def test_home_page(minimal_site, read):
    html = (minimal_site / "index.html").read_text(encoding="utf-8")
    text = read(minimal_site, "index.html").text
    assert "A four-week course for families who want to cook simple, cheap meals together." in text
    assert 'class="cur-timeline"' in html
    assert html.index('href="sessions/week-1.html"') < html.index('href="sessions/week-2.html"')
    assert "cur-notice" not in html  # no notice: none shown


def test_notice_is_prominent_on_home(bundled_site):
    html = (bundled_site / "index.html").read_text(encoding="utf-8")
    assert '<aside class="cur-notice"' in html
    assert html.index('class="cur-notice"') < html.index('class="cur-timeline"')
    assert "not endorsed by the NSPCC" in html


def test_guide_in_order_and_theme_pages(minimal_site, read):
    assert "Welcome to the course" in read(minimal_site, "facilitator_notes/index.html").text
    theme = read(minimal_site, "themes/shopping.html").text
    assert "Welcome" in theme and "Plan three meals" in theme and "Your shopping list" in theme
    cooking = (minimal_site / "themes" / "cooking.html").read_text(encoding="utf-8")
    assert 'href="../sessions/week-2.html#cook-curry"' in cooking


def test_bundled_page_set(bundled_site):
    cur = validate(REPO).curriculum
    built = {path.relative_to(bundled_site).as_posix() for path in html_files(bundled_site)}
    expected = {f"sessions/{c}.html" for c in cur.plans} | {f"handouts/{h}.html" for h in cur.handouts}
    expected |= {f"facilitator_notes/{n.slug}.html" for n in cur.chapters}
    expected |= {"index.html", "glance.html", "coverage.html", "handouts/index.html", "facilitator_notes/index.html",
                 "themes/index.html"}
    expected |= {f"themes/{t.id}.html" for t in cur.programme.themes}
    assert expected <= built
    assert "sessions/antenatal-6.html" in built
    # contact notes appear on their contact page, not as pages of their own
    assert not any(f"facilitator_notes/{c}.html" in built for c in cur.contact_notes)


def test_bundled_agenda_matches_the_plan(bundled_site):
    plan = validate(REPO).curriculum.plans["antenatal-6"]
    rows = _rows((bundled_site / "sessions" / "antenatal-6.html").read_text(encoding="utf-8"))
    start, expected = 0, []
    for activity in plan.meta.activities:
        expected.append((clock(start), str(activity.minutes), activity.title))
        start += activity.minutes
    assert [(s, m, re.sub(r"&#39;|&amp;", lambda x: {"&#39;": "'", "&amp;": "&"}[x.group()], a))
            for s, m, a in rows] == expected


def test_front_matter_never_reaches_a_page(bundled_site, minimal_site):
    cur = validate(REPO).curriculum
    for site in (bundled_site, minimal_site):
        for path in html_files(site):
            html = path.read_text(encoding="utf-8")
            assert not re.search(r"^(id|kind|phase|duration|activities|audience|contact|order|handouts):",
                                 html, re.M), path
            assert "\n---\n" not in html
    # nor into the search index: no YAML key of a plan or handout
    index = (bundled_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "audience: parents" not in index and "activities:" not in index and "lead: health" not in index
    assert cur.plans  # the bundled curriculum has plans


def test_navigation_is_pruned(bundled_site):
    """navigation.prune: a page carries its own section of the nav, not every page."""
    html = (bundled_site / "handouts" / "safer-sleep.html").read_text(encoding="utf-8")
    assert "navigation.prune" in html
    assert 'href="../facilitator_notes/safeguarding.html"' not in html.split('data-md-type="navigation"', 1)[1].split(
        "</nav>", 1)[0]


def test_contact_toc_lists_generated_sections(minimal_site):
    html = (minimal_site / "sessions" / "week-1.html").read_text(encoding="utf-8")
    toc = html.split('data-md-type="toc"', 1)[1].split("</nav>", 1)[0]
    for anchor in ("plan-overview", "plan-agenda", "plan-materials", "plan-handouts", "welcome", "facilitator-notes",
                   "sources-and-review"):
        assert f'href="#{anchor}"' in toc


def test_long_nav_sections_are_split_into_nested_sections():
    from curriculum.site.pages import chunked

    entries = [{f"Handout {n:04d}": f"handouts/h{n}.md"} for n in range(2500)]
    nav = chunked(entries, limit=40)
    assert len(nav) <= 40
    leaves = []

    def walk(items, depth):
        assert len(items) <= 40
        for item in items:
            (title, value), = item.items()
            if isinstance(value, list):
                walk(value, depth + 1)
            else:
                leaves.append(value)

    walk(nav, 0)
    assert leaves == [value for entry in entries for value in entry.values()]
    assert chunked(entries[:40], limit=40) == entries[:40]
    first_group = next(iter(nav[0]))
    assert first_group == "Handout 0000 – Handout 1599"


def test_each_activity_says_when_how_long_and_who_leads(minimal_site):
    """A facilitator mid-session reads the start, minutes, lead and core or
    flexible under the activity's heading, without scrolling to the agenda."""
    cur = validate(MINIMAL).curriculum
    plan = cur.plans["week-1"]
    html = (minimal_site / "sessions" / "week-1.html").read_text("utf-8")
    roles = {role.id: role.title for role in cur.programme.roles}
    start = 0
    for activity in plan.meta.activities:
        heading = re.search(rf'<h2 id="{activity.id}">.*?</h2>\s*<p class="cur-activity-meta">([^<]*)</p>', html, re.S)
        assert heading, activity.id
        expected = f"{clock(start)} · {duration(activity.minutes)} · led by {roles[activity.lead]} · "
        assert heading.group(1).startswith(expected) and heading.group(1).endswith("core" if activity.core else "flexible")
        start += activity.minutes


def test_a_break_is_shown_as_a_break_with_no_lead(build_copy):
    """A break (`break: true`) with no section: its agenda row says no one
    leads it and marks it a break, and links nowhere (the PDFs: tests/pdf/test_templates.py)."""
    root, site = build_copy(week_2=[("duration: 90", "duration: 100"),
                                    ("  - id: share-meal", "  - {id: tea-break, title: Tea break, minutes: 10, break: true}\n"
                                                           "  - id: share-meal")])
    html = (site / "sessions" / "week-2.html").read_text(encoding="utf-8")
    assert _rows(html) == [("0:00", "60", "Cook a curry"), ("1:00", "10", "Tea break"), ("1:10", "30", "Share the meal")]
    row = html.split('class="cur-agenda__break"', 1)[1].split("</tr>", 1)[0]
    assert 'data-label="Lead">No one: a break</td>' in row and "cur-flag--break" in row and "href" not in row
    assert 'href="#tea-break"' not in html


def test_a_drawing_sits_beside_its_text_with_alt_text(bundled_site):
    """`![...](...){ .picture-right }`: the bundled safer sleep drawing is
    published, described in words, and floated by the site's stylesheet."""
    html = (bundled_site / "handouts" / "safer-sleep.html").read_text(encoding="utf-8")
    [img] = re.findall(r"<img [^>]*>", html.split('id="on-their-back-in-a-clear-cot"', 1)[1])[:1]
    assert 'class="picture-right"' in img and 'alt="Drawing of a cot seen from above.' in img
    src = re.search(r'src="\.\./([^"]+)"', img).group(1)
    assert (bundled_site / src).is_file()
    css = (bundled_site / "assets" / "curriculum" / "curriculum.css").read_text(encoding="utf-8")
    assert "img.picture-right { float: right;" in css


@pytest.mark.parametrize(("handout", "section", "alt"), [
    ("safer-sleep", "not-too-hot", "Drawing of a baby asleep on their back, with an adult's hand laid flat"),
    ("when-your-baby-cries", "ways-to-soothe", "Drawing of an adult holding a baby upright against their chest."),
])
def test_the_other_drawings_sit_in_their_sections_with_alt_text(bundled_site, handout, section, alt):
    """The overheating check and the crying baby held close (issue 17, item
    20): published as PNGs, described in words, beside the section they show."""
    html = (bundled_site / "handouts" / f"{handout}.html").read_text(encoding="utf-8")
    section_html = html.split(f'id="{section}"', 1)[1].split("<h2", 1)[0]
    [img] = re.findall(r"<img [^>]*>", section_html)
    assert 'class="picture-right"' in img and f'alt="{alt}' in img
    src = re.search(r'src="\.\./([^"]+\.png)"', img).group(1)
    assert (bundled_site / src).is_file()
