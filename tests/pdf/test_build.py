"""Every PDF of the bundled curriculum, read back: A4, title and language,
PDF/UA and a structure tree, fonts embedded, the right text in the right
documents and nothing for facilitators in a parents document."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from curriculum.pdf import build_pdfs
from curriculum.pdf.documents import (
    CARD,
    HANDOUT,
    MANUAL,
    PACK,
    REGISTER,
    WORKBOOK,
    contact_plans,
    plan_handouts,
    specs,
)
from curriculum.source.load import load

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
        size = A4[::-1] if spec.kind == REGISTER else A4  # the register is landscape A4
        for page in reader.pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert (round(width, 1), round(height, 1)) == (round(size[0], 1), round(size[1], 1)), spec.output
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


MARGIN = re.compile(r"^(Page \d+ of \d+|.* · (version \S+ · )?(draft|\d+ \w+ \d{4})( · reviewed .*)?|Session at a glance)$")


def small_text_visitor(top: float, found: list[tuple[float, str]]):
    """A pypdf text visitor for a page `top` points high that adds to `found`
    the text under 12 pt that is not a running header or footer."""

    def visit(text, cm, tm, font, size):
        text = text.strip()
        if not text:
            return
        points = size * math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        in_margin = y < 50 or y > top - 60
        if points < 11.95 and not (points >= 10 and (in_margin or MARGIN.match(text))):
            found.append((round(points, 1), text))

    return visit


def small_text(path, pages=None) -> list[tuple[float, str]]:
    """Text under 12 pt that is not a running header or footer (those sit
    in the page margins, at 10 pt or more)."""
    reader = PdfReader(path)
    found = []
    for number in pages or range(len(reader.pages)):
        page = reader.pages[number]
        page.extract_text(visitor_text=small_text_visitor(float(page.mediabox.height), found))
    return found


def test_card_content_is_at_least_12_pt_with_the_core_legend(bundled, cur, texts):
    for plan in contact_plans(cur):
        output = f"pdf/cards/{plan.id}.pdf"
        assert small_text(bundled.pdf(output)) == [], output
        assert "Core keep as planned: it is core to the programme." in texts[output], output
        agenda, legend = texts[output].index("Agenda"), texts[output].index("keep as planned")
        assert agenda < legend < texts[output].index("Materials"), output


def test_manual_content_is_at_least_12_pt(bundled, text_of):
    path = bundled.pdf("pdf/facilitator-manual.pdf")
    total = len(PdfReader(path).pages)
    handouts = next(n for n in range(total - 1, 0, -1)
                    if "Every handout, with what it is for" in text_of(path, n + 1, n + 1))
    sample = [*range(1, 16), handouts, handouts + 1, total - 1]  # overview, first contact, handouts, guide
    assert small_text(path, sample) == []


def pages_holding(path, text_of, *phrases) -> list[set[int]]:
    """For each phrase, the pages (from 1) whose text holds it."""
    pages = [words(text_of(path, n, n)) for n in range(1, len(PdfReader(path).pages) + 1)]
    return [{n for n, page in enumerate(pages, 1) if words(phrase) in page} for phrase in phrases]


def test_short_lists_and_boxes_are_not_split_across_pages(bundled, text_of):
    crying = bundled.pdf("pdf/handouts/when-your-baby-cries.pdf")
    box = pages_holding(crying, text_of, "Call 999 straight away if your baby", "has a fit",
                        "has a rash that does not fade when you press a glass on it")
    assert len(box[0]) == 1 and box[0] == box[1] == box[2], box
    icon = pages_holding(crying, text_of, "Some areas use the word ICON to help you remember them",
                         "Infant crying is normal.", "Never shake a baby.")
    assert len(icon[0]) == 1 and icon[0] == icon[1] == icon[2], icon
    record = bundled.pdf("pdf/handouts/session-record.pdf")
    attendance = pages_holding(record, text_of, "Attendance", "Families expected", "Apologies or no contact")
    assert len(attendance[1]) == 1 and attendance[0] == attendance[1] == attendance[2], attendance


def test_the_session_record_is_a_form_with_tick_boxes(bundled, cur, text_of):
    from curriculum.pdf.render import Renderer

    handout = cur.handouts["session-record"]
    text = " ".join(text_of(bundled.pdf("pdf/handouts/session-record.pdf")).split())
    assert "[ ]" not in text and "one-page" not in text
    assert "Delivered as planned" in text and "Key messages given (tick)" in text
    spec = next(s for s in specs(cur) if s.subject == "session-record" and s.kind == HANDOUT)
    html = Renderer(cur).page(spec).html[0]
    assert html.count('class="tick-box"') == handout.doc.body.count("[ ]") > 20


def test_workbook_cover_is_plain_for_parents(bundled, cur, text_of):
    cover = words(text_of(bundled.pdf("pdf/parent-workbook.pdf"), 1, 1))
    assert "Parent workbook" in cover and "My name" in cover
    assert "Your handouts from the groups and visits, in one place." in cover
    assert words(cur.programme.summary)[:40] not in cover  # the staff summary is for the manual


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
    for number in range(4, 40):  # after the overview, however long
        page = words(text_of(bundled.pdf("pdf/facilitator-manual.pdf"), number, number))
        if page.startswith(cur.programme.title) and words(first.meta.title) in page[:200]:
            break
    else:
        pytest.fail("no page of the first contact carries the running header")


def test_manual_lists_every_handout_and_the_activities_of_each_theme(cur, texts):
    text = texts["pdf/facilitator-manual.pdf"].replace("•", "")
    text = " ".join(text.split())
    part = text[text.rindex("Every handout, with what it is for"):]
    assert "full text of every parent handout is in the parent workbook" in part
    for handout in cur.handouts.values():
        entry = part[part.index(words(handout.meta.title)):]
        assert words(handout.meta.summary) in words(entry[:2000]), handout.id
        for source in handout.meta.sources:
            assert words(source) in words(entry[:3000]), (handout.id, source)
        if not handout.meta.reviewed:
            assert "Reviewed Not yet reviewed" in entry[:3000], handout.id
    # Under each theme: every contact covering it, with its activities' titles.
    plans = contact_plans(cur)
    themes = text[text.index("Themes", text.index("Facilitator roles")):text.index("Relational threads",
                                                                                   text.index("Facilitator roles"))]
    for number, theme in enumerate(cur.programme.themes):
        block = themes[themes.index(theme.title):]
        if number + 1 < len(cur.programme.themes):
            block = block[:block.index(cur.programme.themes[number + 1].title)]
        for index, plan in enumerate(plans, 1):
            covering = [a.title for a in plan.meta.activities if theme.id in a.themes]
            if covering:
                assert words(f"{index}. {plan.meta.title}: {'; '.join(covering)}") in words(block), (theme.id, plan.id)


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
    """Title, version and "draft" (the bundled programme is not released):
    words a parent or trainer can read, never a hash."""
    assert cur.programme.version and not cur.programme.released
    for handout in cur.handouts.values():
        text = texts[f"pdf/handouts/{handout.id}.pdf"]
        assert f"{cur.programme.title} · version {cur.programme.version} · draft" in text
        assert not re.search(r"version [0-9a-f]{8}", text)
        assert "Page 1 of" in text
        if handout.meta.reviewed:
            assert "reviewed" in text


def test_manifest_records_only_allowed_reads(bundled):
    manifest = json.loads((bundled.site / "pdf" / "manifest.json").read_text())
    assert set(manifest["documents"]) == set(bundled.written)
    for output, entry in manifest["documents"].items():
        assert entry["read"], output
        assert all(label.startswith(("repo:", "font:", "package:")) for label in entry["read"]), output


def test_every_glyph_comes_from_the_bundled_fonts(bundled, fonts_of):
    """Output must not depend on the build machine's fonts: nested bullets
    had come from its DejaVu Sans (147 times in the manual)."""
    for output in bundled.written:
        fonts = {row["name"].split("+")[-1] for row in fonts_of(bundled.pdf(output))}
        assert fonts and all(name.startswith("Atkinson-Hyperlegible") for name in fonts), (output, fonts)
    assert not any("the bundled font has no" in message for message in bundled.messages)


def test_a_character_the_bundled_font_lacks_is_a_warning_naming_it(minimal_pdfs):
    built = minimal_pdfs("\nFollow the arrows → to the till.\n")
    warned = [m for m in built.messages if m.startswith("PDF warning: pdf/handouts/shopping-list.pdf")]
    assert warned and "'→' (U+2192)" in warned[0] and "Use another character" in warned[0]


def test_no_parents_pdf_ends_on_a_nearly_empty_page(bundled, cur, text_of):
    """A last page holding only an emergency line (16 words) was easy to
    lose or never turn to: urgent advice goes in a box on page 1, and every
    parents' document ends on a page with real content on it."""
    parents = [spec.output for spec in specs(cur) if spec.parents]
    assert len(parents) > 20
    for output in parents:
        last = len(PdfReader(bundled.pdf(output)).pages)
        text = text_of(bundled.pdf(output), last, last)
        notice = " ".join(cur.programme.parent_notice.split())  # small print, not content
        lines = [line for line in text.splitlines() if line.strip() and not re.match(r"Page \d+ of \d+$", line.strip())
                 and f"{cur.programme.title} · " not in line and " ".join(line.split()) not in notice]
        assert len(lines) >= 5 and len(" ".join(lines).split()) >= 40, (output, last, lines)


def test_every_parents_handout_fits_on_two_sides(bundled, cur):
    """A parent gets three or four handouts a session: each one fits on the
    two sides of one A4 sheet at its print size (issue 17)."""
    handouts = [spec.output for spec in specs(cur) if spec.kind == HANDOUT and spec.parents]
    assert len(handouts) > 20
    too_long = {output: len(PdfReader(bundled.pdf(output)).pages) for output in handouts}
    assert {output: pages for output, pages in too_long.items() if pages > 2} == {}


def test_every_parents_handout_gives_999_on_its_first_page(bundled, cur, text_of):
    """Urgent advice comes first, in a box: a handout that tells parents to
    call 999 at all says so on page 1 (not a phone number that holds 999)."""
    def calls_999(*pages) -> bool:
        return re.search(r"[Cc]all 999\b", " ".join(text_of(bundled.pdf(spec.output), *pages).split())) is not None

    for spec in specs(cur):
        if spec.kind == HANDOUT and spec.parents and calls_999():
            assert calls_999(1, 1), spec.output


def test_urgent_advice_is_on_the_first_page(bundled, cur, text_of):
    for output in ("pdf/handouts/safer-sleep.pdf", "pdf/handouts/signs-of-labour.pdf",
                   "pdf/handouts/coping-in-labour.pdf", "pdf/handouts/your-mood-matters.pdf",
                   "pdf/handouts/who-is-there-for-you.pdf"):
        assert "999" in text_of(bundled.pdf(output), 1, 1), output


def test_the_safer_sleep_drawing_is_on_page_one_beside_its_text(bundled, text_of):
    """A line drawing where a picture says it better than words (issue 17):
    printed on the first page, with the section it shows."""
    path = bundled.pdf("pdf/handouts/safer-sleep.pdf")
    assert drawn_images(path, 1) == 1
    assert "On their back, in a clear cot" in text_of(path, 1, 1)



def drawn_images(path, page: int) -> int:
    """How many images one page draws, by pdfimages: pypdf lists every image
    of the document on each page, as WeasyPrint shares their resources."""
    listing = subprocess.run(["pdfimages", "-list", "-f", str(page), "-l", str(page), str(path)],
                             check=True, capture_output=True, text=True).stdout
    return len(listing.splitlines()) - 2  # two header rows


@pytest.mark.parametrize(("output", "heading"), [
    ("pdf/handouts/safer-sleep.pdf", "Not too hot"),
    ("pdf/handouts/when-your-baby-cries.pdf", "Ways to soothe"),
])
def test_a_bundled_drawing_prints_on_the_page_of_the_section_it_shows(bundled, text_of, output, heading):
    """The overheating check and the crying baby held close (issue 17, item 20)."""
    path = bundled.pdf(output)
    pages = len(PdfReader(path).pages)
    [page] = [n for n in range(1, pages + 1) if heading in " ".join(text_of(path, n, n).split())]
    assert drawn_images(path, page) == 1, (output, page)


def test_a_heading_goes_over_the_page_with_its_drawing(tmp_path, minimal_root, png, text_of):
    """A drawing that did not fit at the foot of a page went over alone,
    leaving its heading behind (the Polish crying handout): each page now
    draws as many drawings as it has headings of parts with one."""
    root = tmp_path / "repo"
    shutil.copytree(minimal_root, root)
    (root / "images").mkdir()
    (root / "images" / "drawing.png").write_bytes(png)
    parts = "".join(f"\n## Zebra {n}\n\n![A drawing of part {n}](../images/drawing.png){{ .picture-right }}\n\n"
                    f"A short line of text beside it.\n" for n in range(1, 13))
    handout = root / "handouts" / "shopping-list.md"
    handout.write_text(handout.read_text(encoding="utf-8") + parts, encoding="utf-8")
    build_pdfs(load(root)[0], tmp_path / "site")
    path = tmp_path / "site" / "pdf" / "handouts" / "shopping-list.pdf"
    pages = len(PdfReader(path).pages)
    assert pages >= 3
    for page in range(1, pages + 1):
        headings = re.findall(r"Zebra \d+", text_of(path, page, page))
        assert drawn_images(path, page) == len(headings), (page, headings)
