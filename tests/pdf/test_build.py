"""Every PDF of the bundled curriculum, read back: A4, title and language,
PDF/UA and a structure tree, fonts embedded, the right text in the right
documents and nothing for facilitators in a parents document."""

from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader

from curriculum.load import load
from curriculum.pdf.documents import CARD, HANDOUT, MANUAL, PACK, WORKBOOK, contact_plans, plan_handouts, specs

pytestmark = pytest.mark.slow

A4 = (595.28, 841.89)


def words(text: str) -> str:
    """Text with whitespace collapsed and hyphens dropped, for matching
    across line breaks (pdftotext joins 'co-' + 'parent' as 'coparent')."""
    return " ".join(text.replace("\u00ad", "").replace("-", "").split())


@pytest.fixture(scope="module")
def cur(repo_root):
    return load(repo_root)[0]


@pytest.fixture(scope="module")
def texts(bundled, pdf_reader):
    return {output: words(pdf_reader(bundled.pdf(output))) for output in bundled.written}


def test_every_document_is_written(bundled, cur):
    assert bundled.written == sorted(spec.output for spec in specs(cur))
    for output in bundled.written:
        assert bundled.pdf(output).read_bytes().startswith(b"%PDF-1.7")


def test_pages_are_a4_with_title_language_tags_and_pdfua(bundled, cur):
    for spec in specs(cur):
        reader = PdfReader(bundled.pdf(spec.output))
        for page in reader.pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert (round(width, 1), round(height, 1)) == (round(A4[0], 1), round(A4[1], 1)), spec.output
        root = reader.trailer["/Root"]
        assert reader.metadata.title == spec.title
        assert root["/Lang"] == cur.programme.language
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
        xmp = root["/Metadata"].get_object().get_data()
        assert b'pdfuaid:part="1"' in xmp, spec.output


def test_fonts_are_embedded_and_legible(bundled, fonts_of):
    for output in bundled.written:
        rows = fonts_of(bundled.pdf(output))
        assert rows and all(row["emb"] == "yes" for row in rows), output
        assert any("AtkinsonHyperlegible" in row["name"] or "Atkinson" in row["name"] for row in rows), output


def test_titles_and_body_text_are_present(cur, texts):
    for spec in specs(cur):
        text = texts[spec.output]
        if spec.kind == HANDOUT:
            handout = cur.handouts[spec.subject]
            assert words(handout.meta.title) in text
            first = next(h for h in handout.doc.headings if h.level == 2) if handout.doc.headings else None
            if first:
                assert words(first.text) in text, spec.output
        elif spec.kind in (PACK, CARD):
            assert words(cur.plans[spec.subject].meta.title) in text
        elif spec.kind == WORKBOOK:
            assert "Parent workbook" in text and "Contents" in text
        elif spec.kind == MANUAL:
            assert "Facilitator manual" in text and "Contents" in text


def test_packs_hold_their_handouts_in_plan_order(cur, texts):
    for plan in contact_plans(cur):
        text = texts[f"pdf/packs/{plan.id}.pdf"]
        assert "Date" in text
        body = text[text.index("In this pack"):] if "In this pack" in text else text
        positions = []
        for handout in plan_handouts(cur, plan, parents_only=True):
            title = words(handout.meta.title)
            # After the cover's list, each handout's own title starts its pages.
            positions.append(body.index(title, body.index(title) + len(title)))
        assert positions == sorted(positions), plan.id


def test_cards_are_one_page_with_agenda_materials_and_core(bundled, cur, texts):
    for plan in contact_plans(cur):
        output = f"pdf/cards/{plan.id}.pdf"
        assert len(PdfReader(bundled.pdf(output)).pages) == 1, output
        text = texts[output]
        for activity in plan.meta.activities:
            assert words(activity.title) in text, (output, activity.title)
        for item in plan.meta.materials:
            assert words(item) in text, (output, item)
        assert "Core" in text and "0:00" in text
        if any(not a.core for a in plan.meta.activities):
            assert "Flexible" in text


def test_workbook_has_every_parents_handout(cur, texts):
    text = texts["pdf/parent-workbook.pdf"]
    for handout in cur.handouts.values():
        if handout.for_parents:
            assert words(handout.meta.title) in text
        else:
            assert words(handout.meta.title) not in text


def test_manual_has_every_plan_note_and_chapter(bundled, cur, texts, text_of):
    text = texts["pdf/facilitator-manual.pdf"]
    for plan in contact_plans(cur):
        assert words(plan.meta.title) in text
    for chapter in cur.chapters:
        assert words(chapter.title) in text
    assert "Facilitator notes" in text and "Programme overview" in text
    pages = len(PdfReader(bundled.pdf("pdf/facilitator-manual.pdf")).pages)
    assert f"Page 5 of {pages}" in text
    # Running headers: the programme and the contact's title top the pages of a plan.
    first = contact_plans(cur)[0]
    for number in range(4, 12):
        page = words(text_of(bundled.pdf("pdf/facilitator-manual.pdf"), number, number))
        if page.startswith(cur.programme.title) and words(first.meta.title) in page[:200]:
            break
    else:
        pytest.fail("no page of the first contact carries the running header")


def test_no_facilitator_text_or_sources_in_parents_documents(cur, texts):
    parents = [spec for spec in specs(cur) if spec.parents]
    blocked_titles = set()
    for doc in [p.doc for p in cur.plans.values()] + [n.doc for n in cur.contact_notes.values()]:
        blocked_titles.update(re.findall(r'^\s*!!!\s+(?:facilitator|safeguarding)\s+"([^"]+)"', doc.body, re.M))
    for spec in parents:
        text = texts[spec.output]
        assert "Facilitators only" not in text and "Safeguarding:" not in text, spec.output
        assert "Sources" not in text, spec.output
        for title in blocked_titles:
            assert words(title) not in text, (spec.output, title)
        for handout in cur.handouts.values():
            for source in handout.meta.sources:
                assert words(source) not in text, (spec.output, source)


def test_facilitators_see_sources_and_blocks(cur, texts):
    record = [h for h in cur.handouts.values() if not h.for_parents and h.meta.sources]
    for handout in record:
        assert words(handout.meta.sources[0]) in texts[f"pdf/handouts/{handout.id}.pdf"]
    assert "Facilitators only" in texts["pdf/facilitator-manual.pdf"]


def test_footer_carries_programme_version_and_review_date(cur, texts):
    for handout in cur.handouts.values():
        text = texts[f"pdf/handouts/{handout.id}.pdf"]
        assert re.search(re.escape(cur.programme.title) + r" · version [0-9a-f]{8}", text)
        assert "Page 1 of" in text
        if handout.meta.reviewed:
            assert "reviewed" in text


def test_manifest_records_only_allowed_reads(bundled):
    manifest = json.loads((bundled.site / "pdf" / "manifest.json").read_text())
    assert set(manifest["documents"]) == set(bundled.written)
    for output, entry in manifest["documents"].items():
        assert entry["read"], output
        assert all(label.startswith(("repo:", "font:", "package:")) for label in entry["read"]), output
