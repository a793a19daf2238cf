"""The delivery records pages (site/records.py): built from the minimal
fixture, and from a copy of it with an evaluation and a dose."""

from __future__ import annotations

import csv
import io
import re

from evaluation_fixture import EVALUATION_YAML as EVALUATION

DOSE = ("review_months: 12", "review_months: 12\n  dose_min_contacts: 2")


def test_minimal_records_without_evaluation(minimal_site, read):
    index = read(minimal_site, "records/index.html")
    assert "Fidelity checklists" in index.text and "Attendance and dose register" in index.text
    assert "Evaluation" not in index.text and not (minimal_site / "records" / "evaluation.html").exists()
    assert {value for _, _, value in index.refs} >= {"fidelity/week-1.html", "fidelity/week-2.html", "register.html",
                                                      "attendance-register.csv", "../pdf/attendance-register.pdf"}
    # no dose set: the register asks for a count
    assert "Count the contacts each family attended, out of 2." in read(minimal_site, "records/register.html").text


def test_fidelity_page_lists_activities_messages_and_both_roles(minimal_site, read):
    page = read(minimal_site, "records/fidelity/week-1.html")
    text = page.text
    for words in ("Fidelity checklist: Planning and shopping", "Welcome", "Plan three meals", "Core", "Flexible",
                  "Keep raw meat apart from ready-to-eat food", "Community cook", "Peer supporter",
                  "Who led what, and sign-off", "Adaptations"):
        assert words in text, words
    html = (minimal_site / "records" / "fidelity" / "week-1.html").read_text(encoding="utf-8")
    assert html.count('class="tick-box"') == 2 * 2 + 1  # done and adapted for each activity, the key message
    assert ("a", "href", "../../pdf/fidelity/week-1.pdf") in page.refs
    assert ("a", "href", "../../sessions/week-1.html") in page.refs


def test_contact_page_links_its_checklist(minimal_site):
    html = (minimal_site / "sessions" / "week-1.html").read_text(encoding="utf-8")
    assert 'href="../records/fidelity/week-1.html"' in html and 'href="../pdf/fidelity/week-1.pdf"' in html
    assert "Evaluation questionnaires at this contact" not in html


def test_register_csv_has_a_header_and_blank_rows(minimal_site):
    data = (minimal_site / "records" / "attendance-register.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows[0] == ["family", "week-1", "week-2", "total"]
    assert len(rows) == 13 and all(row == ["", "", "", ""] for row in rows[1:])
    assert data.endswith(b"\r\n")


def test_nav_has_the_records(minimal_site):
    html = (minimal_site / "index.html").read_text(encoding="utf-8")
    assert "Delivery records" in html and 'href="records/index.html"' in html


def with_evaluation(text: str) -> str:
    """programme.yml with a dose and the evaluation above."""
    return text.replace(*DOSE) + EVALUATION


def test_evaluation_schedule_page(build_copy, read):
    _, site = build_copy(programme=with_evaluation)
    page = read(site, "records/evaluation.html")
    text = " ".join(page.text.split())
    for words in ("Start", "End of the course", "Cooking confidence scale", "Wellbeing scale", "each parent",
                  "the cook", "Licensed", "Where to get it: Ask the course lead for the licensed copy",
                  "Before the first questionnaire: consent", "Each time: privacy and data protection",
                  "Given at: Start, End of the course.", "Given at: Start.",
                  "Report a lost form or data seen by the wrong person to your data protection lead straight away."):
        assert words in text, words
    assert ("a", "href", "../sessions/week-1.html") in page.refs
    assert ("a", "href", "../pdf/evaluation-schedule.pdf") in page.refs
    assert text.index("Start") < text.index("End of the course")
    register = read(site, "records/register.html").text
    assert "A family has received the programme when they attended at least 2 of the 2 contacts." in register
    week_1 = re.sub(r"\s+([).;:,])", r"\1", read(site, "sessions/week-1.html").text)
    assert ("Evaluation questionnaires at this contact (see the evaluation schedule): Start: Cooking confidence "
            "scale (each parent); Wellbeing scale (the cook).") in week_1
    assert "Questionnaires at this contact" in read(site, "records/fidelity/week-1.html").text
    assert "Questionnaires at this contact" in read(site, "records/fidelity/week-2.html").text
    assert "Evaluation schedule" in read(site, "records/index.html").text


def test_no_record_pdf_links_without_pdfs(build_copy):
    _, site = build_copy(pdfs=False, programme=with_evaluation)
    pages = list((site / "records").rglob("*.html"))
    assert len(pages) == 5
    for path in pages:
        assert ".pdf" not in path.read_text(encoding="utf-8")
    assert (site / "records" / "attendance-register.csv").is_file()
