"""The delivery records PDFs read back: a one-page fidelity checklist per
contact, the landscape attendance and dose register, the evaluation
schedule; from the bundled curriculum and from a minimal copy with an
evaluation."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from evaluation_fixture import EVALUATION_YAML
from pypdf import PdfReader

from curriculum.pdf import build_pdfs
from curriculum.pdf.documents import EVALUATION, FIDELITY, REGISTER, contact_plans, specs
from curriculum.pdf.render import Renderer
from curriculum.source.load import load

pytestmark = pytest.mark.slow

A4_LANDSCAPE = (841.89, 595.28)


def words(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def raw_text(path) -> str:
    """pdftotext in the order the text was drawn (a wrapped table cell stays whole)."""
    return words(subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True,
                                capture_output=True, text=True).stdout)


@pytest.fixture(scope="module")
def cur(repo_root):
    return load(repo_root)[0]


@pytest.fixture(scope="module")
def small(minimal_root, tmp_path_factory):
    """The minimal curriculum with a dose and an evaluation, every PDF built."""
    root = tmp_path_factory.mktemp("records") / "repo"
    shutil.copytree(minimal_root, root)
    programme = root / "programme.yml"
    text = programme.read_text(encoding="utf-8").replace("review_months: 12", "review_months: 12\n  dose_min_contacts: 1")
    programme.write_text(text + EVALUATION_YAML, encoding="utf-8")
    cur, _ = load(root)
    site = root.parent / "site"
    written = build_pdfs(cur, site)
    return cur, site, written


def test_every_contact_has_a_one_page_fidelity_checklist(bundled, cur, text_of):
    plans = contact_plans(cur)
    longest = max(plans, key=lambda p: (len(p.meta.activities), sum(len(a.messages) for a in p.meta.activities)))
    assert len(longest.meta.activities) >= 8
    for plan in plans:
        path = bundled.pdf(f"pdf/fidelity/{plan.id}.pdf")
        assert len(PdfReader(path).pages) == 1, plan.id
        text = raw_text(path)
        assert words(plan.meta.title) in text and "Fidelity checklist" in text
        for activity in plan.meta.activities:  # every activity to tick; a break has nothing to tick
            assert (words(activity.title) in text) != activity.is_break, (plan.id, activity.title)
        for role in cur.programme.roles:  # both roles, in the lead column and the sign-off
            assert role.title.split(" (")[0] in text, (plan.id, role.id)
        for heading in ("Key messages given", "Adaptations: what changed and why", "Sign-off by both facilitators",
                        "Name", "Signature", "Date", "Done", "Adapted"):
            assert heading in text, (plan.id, heading)
    assert not any("fidelity" in message and "does not fit" in message for message in bundled.messages)


def test_checklist_has_a_tick_box_for_each_activity_and_message(cur):
    renderer = Renderer(cur)
    for spec in specs(cur):
        if spec.kind != FIDELITY:
            continue
        plan = cur.plans[spec.subject]
        html = renderer.page(spec).html[0]
        messages = {m for a in plan.meta.activities for m in a.messages}
        timepoints = [t for t in cur.programme.evaluation.timepoints if t.contact == plan.id]
        assert html.count('class="tick-box"') == 2 * sum(not a.is_break for a in plan.meta.activities)
        assert html.count("<li>") == len(messages) + len(timepoints), plan.id


def test_key_messages_and_questionnaires_on_the_checklists(bundled, cur, text_of):
    titles = {m.id: m.title for m in cur.programme.key_messages}
    for plan in contact_plans(cur):
        text = raw_text(bundled.pdf(f"pdf/fidelity/{plan.id}.pdf"))
        for message in {m for a in plan.meta.activities for m in a.messages}:
            assert words(titles[message]) in text, (plan.id, message)
        offered = [t for t in cur.programme.evaluation.timepoints if t.contact == plan.id]
        assert ("Questionnaires offered" in text) == bool(offered), plan.id


def test_register_is_one_landscape_page_with_the_dose(bundled, cur, text_of):
    path = bundled.pdf("pdf/attendance-register.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == (round(A4_LANDSCAPE[0], 1),
                                                                        round(A4_LANDSCAPE[1], 1))
    text = raw_text(path)
    assert "A family has received the programme when they attended at least 7 of the 11 contacts." in text
    assert "Before the birth" in text and "After the birth" in text and "7 or more" in text and "Total" in text
    for plan in contact_plans(cur):
        assert words(plan.meta.title) in text, plan.id
    assert reader.metadata.title == f"Attendance and dose register – {cur.programme.title}"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_evaluation_schedule_names_measures_never_their_items(bundled, cur, text_of):
    path = bundled.pdf("pdf/evaluation-schedule.pdf")
    text = raw_text(path)
    for heading in ("Evaluation schedule", "Before the first questionnaire: consent",
                    "Each time: privacy and data protection"):
        assert heading in text
    assert "Taking part is voluntary." in " ".join(text.split())
    evaluation = cur.programme.evaluation
    for timepoint in evaluation.timepoints:
        assert words(cur.plans[timepoint.contact].meta.title) in text
    for measure in evaluation.measures:
        assert words(measure.title) in text and words(measure.completed_by) in text
        if measure.restricted:
            assert words(measure.source) in text
    restricted = [m for m in evaluation.measures if m.restricted]
    assert {m.id for m in restricted} >= {"epds"}
    assert text.count("Its questions are never printed here or shown on the site") == len(restricted)


def test_a_measure_has_no_place_for_its_items(make, where):
    """An author cannot put a questionnaire's items in programme.yml: a
    measure has no such key, so nothing can print them."""
    item = "programme.yml"
    root = make(programme=lambda text: text + EVALUATION_YAML.replace(
        "      restricted: true\n", "      restricted: true\n      items: [\"first question\"]\n"))
    assert where(root, "CUR111") == [(item, 33, 7)]


def test_small_programme_records(small, text_of):
    cur, site, written = small
    assert {"pdf/fidelity/week-1.pdf", "pdf/fidelity/week-2.pdf", "pdf/attendance-register.pdf",
            "pdf/evaluation-schedule.pdf"} <= set(written)
    register = raw_text(site / "pdf/attendance-register.pdf")
    assert "A family has received the programme when they attended at least 1 of the 2 contacts." in register
    assert "Group 1" in register and "Group 2" in register and "Learning" in register
    schedule = raw_text(site / "pdf/evaluation-schedule.pdf")
    assert schedule.index("Start") < schedule.index("End of the course")
    assert "Where to get it: Ask the course lead for the licensed copy." in schedule
    assert "Given at: Start, End of the course." in schedule and "Given at: Start." in schedule
    week_1 = raw_text(site / "pdf/fidelity/week-1.pdf")
    assert "Questionnaires offered" in week_1 and "Community cook" in week_1 and "Peer supporter" in week_1
    manual = raw_text(site / "pdf/facilitator-manual.pdf")
    assert ("Evaluation questionnaires at this contact (see the evaluation schedule): Start: Cooking confidence "
            "scale (each parent); Wellbeing scale (the cook).") in manual
    for output in ("pdf/fidelity/week-1.pdf", "pdf/attendance-register.pdf", "pdf/evaluation-schedule.pdf"):
        root = PdfReader(site / output).trailer["/Root"]
        assert root["/Lang"] == "en-GB" and "/StructTreeRoot" in root, output
    kinds = {spec.output: spec.kind for spec in specs(cur)}
    assert kinds["pdf/attendance-register.pdf"] == REGISTER and kinds["pdf/evaluation-schedule.pdf"] == EVALUATION
