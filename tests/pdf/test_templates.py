"""Customising the PDFs: the repository's overrides/pdf/ wins over the
package's templates and styles; a typo in an override fails loudly."""

from __future__ import annotations

import shutil

import pytest
from pypdf import PdfReader

from curriculum.build import BuildError
from curriculum.pdf import build_pdfs
from curriculum.pdf.documents import specs
from curriculum.pdf.render import Renderer
from curriculum.source.load import load


@pytest.fixture
def repo(tmp_path, minimal_root):
    root = tmp_path / "repo"
    shutil.copytree(minimal_root, root)
    return root


def test_an_override_template_wins(repo, tmp_path, text_of):
    folder = repo / "overrides" / "pdf"
    folder.mkdir(parents=True)
    (folder / "handout.html").write_text(
        '{% extends "base.html" %}{% block body %}<p>OUR OWN LAYOUT</p>'
        '{% include "partials/handout.html" %}{% endblock %}', encoding="utf-8")
    cur, _ = load(repo)
    build_pdfs(cur, tmp_path / "site")
    text = text_of(tmp_path / "site" / "pdf/handouts/shopping-list.pdf")
    assert "OUR OWN LAYOUT" in text and "Your shopping list" in text


def test_extra_css_comes_last(repo):
    folder = repo / "overrides" / "pdf" / "styles"
    folder.mkdir(parents=True)
    (folder / "extra.css").write_text(":root { --brand: #123456; } /* EXTRA */", encoding="utf-8")
    cur, _ = load(repo)
    css = Renderer(cur).page(specs(cur)[0]).stylesheet
    assert css.index("/* EXTRA */") > css.index("--brand: #0b3d5c")


def test_an_override_linking_out_of_the_repository_is_ignored(repo, tmp_path):
    folder = repo / "overrides" / "pdf"
    folder.mkdir(parents=True)
    outside = tmp_path / "outside.html"
    outside.write_text("STOLEN {{ 1 }}", encoding="utf-8")
    (folder / "handout.html").symlink_to(outside)
    cur, _ = load(repo)
    html = Renderer(cur).page(specs(cur)[0]).html[0]
    assert "STOLEN" not in html and "Your shopping list" in html


def test_a_typo_in_an_override_fails_the_build_naming_it(repo, tmp_path):
    folder = repo / "overrides" / "pdf"
    folder.mkdir(parents=True)
    (folder / "handout.html").write_text('{% extends "base.html" %}{% block body %}{{ section.titel }}{% endblock %}',
                                         encoding="utf-8")
    cur, _ = load(repo)
    with pytest.raises(BuildError, match=r"pdf/handouts/shopping-list\.pdf: template error: .*titel"):
        build_pdfs(cur, tmp_path / "site")


def test_reviewed_date_in_the_footer_and_as_creation_date(repo, tmp_path, text_of, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    handout = repo / "handouts" / "shopping-list.md"
    handout.write_text(handout.read_text(encoding="utf-8").replace("audience: parents",
                                                                   "audience: parents\nreviewed: 2025-03-01"),
                       encoding="utf-8")
    cur, _ = load(repo)
    build_pdfs(cur, tmp_path / "site")
    path = tmp_path / "site" / "pdf/handouts/shopping-list.pdf"
    assert "reviewed 1 March 2025" in text_of(path)
    created = PdfReader(path).metadata.creation_date
    assert (created.year, created.month, created.day) == (2025, 3, 1)


def test_weasyprint_notes_on_override_css_reach_the_progress(repo, tmp_path):
    folder = repo / "overrides" / "pdf" / "styles"
    folder.mkdir(parents=True)
    (folder / "extra.css").write_text("h1 { colr: red; }\n", encoding="utf-8")
    cur, _ = load(repo)
    messages: list[str] = []
    build_pdfs(cur, tmp_path / "site", progress=messages.append)
    assert any(m.startswith("PDF note: pdf/handouts/shopping-list.pdf: ") and "colr" in m for m in messages)


def test_the_workbook_cover_line_follows_the_kinds_of_contact(repo):
    from curriculum.pdf.documents import WORKBOOK
    from curriculum.pdf.render import cover_line

    assert cover_line({"group", "home-visit"}) == "Your handouts from the groups and visits, in one place."
    assert cover_line({"home-visit"}) == "Your handouts from the visits, in one place."
    assert cover_line(set()) == "Your handouts, in one place."
    cur, _ = load(repo)  # two group sessions, no home visit
    html = Renderer(cur).page(next(s for s in specs(cur) if s.kind == WORKBOOK)).html[0]
    cover = html[html.index('<section class="cover workbook-cover"'):html.index("</section>")]
    assert "Your handouts from the groups, in one place." in cover
    assert cur.programme.summary not in cover


def test_a_break_shows_as_a_break_on_the_card_and_in_the_manual(repo, tmp_path, text_of):
    """A break (`break: true`, no lead, no section) is a row of the agenda
    that says no one leads it and marks it a break."""
    from curriculum import outputs

    plan = repo / "sessions" / "week-2.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("duration: 90", "duration: 100").replace(
        "  - id: share-meal", "  - {id: tea-break, title: Tea break, minutes: 10, break: true}\n  - id: share-meal"),
        encoding="utf-8")
    cur, _ = load(repo)
    build_pdfs(cur, tmp_path / "site")
    for pdf in (outputs.card_pdf("week-2"), outputs.manual_pdf()):
        rows = text_of(tmp_path / "site" / pdf).split("Tea break", 1)[1][:200]
        assert "No one: a break" in rows and "Break" in rows, rows


def test_the_parent_notice_is_on_every_parents_pdf_and_the_workbook_cover(repo, tmp_path, text_of):
    """programme.yml `parent_notice`: small print on each parents' handout and
    the workbook's cover; never on a facilitators' document."""
    from curriculum import outputs

    programme = repo / "programme.yml"
    notice = "Written for this course. Not from the Example Trust."
    programme.write_text(programme.read_text(encoding="utf-8") + f"parent_notice: {notice}\n", encoding="utf-8")
    cur, _ = load(repo)
    build_pdfs(cur, tmp_path / "site")

    def flat(pdf, first=None, last=None):
        return " ".join(text_of(tmp_path / "site" / pdf, first, last).split())

    assert notice in flat(outputs.handout_pdf("shopping-list"))
    assert notice in flat(outputs.pack_pdf("week-1"))
    assert notice in flat(outputs.workbook_pdf(), 1, 1)
    assert notice not in flat(outputs.card_pdf("week-1")) and notice not in flat(outputs.manual_pdf())

