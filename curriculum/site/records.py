"""The delivery records pages of the site (pure), added to the pages of
`pages.build` by `assemble.site_pages`:

    records/index.md              what there is, with the PDFs and the CSV
    records/fidelity/<contact>.md one fidelity checklist per contact
    records/register.md           the attendance and dose register
    records/evaluation.md         the evaluation schedule (when programme.yml has one)

The records themselves (render/records.py) are the PDFs' too: the page and
the paper copy list the same activities, messages, contacts and measures.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import outputs
from ..model import Curriculum, Measure
from ..render import records
from .pages import (
    EVALUATION_PAGE,
    RECORDS_INDEX,
    REGISTER_PAGE,
    Link,
    PageSpec,
    Site,
    chunked,
    fidelity_page,
    plan_page,
)


@dataclass(frozen=True)
class RecordsView:
    checklists: tuple[Link, ...]  # one per contact with a plan: note = timing
    register: Link
    register_pdf: str
    register_csv: str
    evaluation: Link | None
    evaluation_pdf: str
    dose_sentence: str


@dataclass(frozen=True)
class FidelityView:
    check: records.Checklist
    plan: Link
    number: int
    of: int
    pdf: str


@dataclass(frozen=True)
class RegisterView:
    register: records.Register
    columns: tuple[tuple[records.Column, str], ...]  # (column, its contact page or "")
    pdf: str
    csv: str


@dataclass(frozen=True)
class EvaluationView:
    schedule: tuple[tuple[records.Given, str], ...]  # (timepoint, its contact page or "")
    measures: tuple[tuple[Measure, tuple[str, ...]], ...]  # (measure, titles of the timepoints giving it)
    pdf: str
    reminders: tuple = records.EVALUATION_REMINDERS  # (id, heading, points): consent and data protection


class _Records:
    def __init__(self, cur: Curriculum, pdfs: frozenset[str]):
        self.cur = cur
        self.pdfs = pdfs
        self.plans = [plan for _, plan in cur.contacts_in_order() if plan is not None]

    def pdf(self, path: str) -> str:
        return path if path in self.pdfs else ""

    def contact_page(self, contact_id: str) -> str:
        return plan_page(contact_id) if contact_id in self.cur.plans else ""

    def has_evaluation(self) -> bool:
        evaluation = self.cur.programme.evaluation
        return evaluation is not None and bool(evaluation.measures or evaluation.timepoints)

    def index(self) -> PageSpec:
        register = records.register(self.cur)
        checklists = tuple(Link(plan.meta.title, fidelity_page(plan.id), plan.meta.timing) for plan in self.plans)
        evaluation = Link("Evaluation schedule", EVALUATION_PAGE) if self.has_evaluation() else None
        view = RecordsView(checklists, Link("Attendance and dose register", REGISTER_PAGE),
                           self.pdf(outputs.register_pdf()), outputs.register_csv(), evaluation,
                           self.pdf(outputs.evaluation_pdf()), register.dose_sentence)
        return PageSpec(RECORDS_INDEX, "Delivery records", "curriculum/records.html", "records", view)

    def fidelity(self, number: int, plan) -> PageSpec:
        view = FidelityView(records.checklist(self.cur, plan), Link(plan.meta.title, plan_page(plan.id)), number,
                            len(self.plans), self.pdf(outputs.fidelity_pdf(plan.id)))
        return PageSpec(fidelity_page(plan.id), f"Fidelity checklist: {plan.meta.title}", "curriculum/fidelity.html",
                        "fidelity", view)

    def register(self) -> PageSpec:
        register = records.register(self.cur)
        view = RegisterView(register, tuple((column, self.contact_page(column.id)) for column in register.columns),
                            self.pdf(outputs.register_pdf()), outputs.register_csv())
        return PageSpec(REGISTER_PAGE, "Attendance and dose register", "curriculum/register.html", "register", view)

    def evaluation(self) -> PageSpec:
        uses = records.measure_uses(self.cur)
        view = EvaluationView(
            tuple((given, self.contact_page(given.contact)) for given in records.schedule(self.cur)),
            tuple((m, tuple(given.title for given in uses.get(m.id, ()))) for m in records.measures(self.cur)),
            self.pdf(outputs.evaluation_pdf()))
        return PageSpec(EVALUATION_PAGE, "Evaluation schedule", "curriculum/evaluation.html", "evaluation", view)

    def pages(self) -> list[PageSpec]:
        found = [self.index()]
        if self.has_evaluation():
            found.append(self.evaluation())
        found.append(self.register())
        found += [self.fidelity(number, plan) for number, plan in enumerate(self.plans, 1)]
        return found

    def nav(self) -> dict:
        entries: list = [RECORDS_INDEX]
        if self.has_evaluation():
            entries.append({"Evaluation schedule": EVALUATION_PAGE})
        entries.append({"Attendance and dose register": REGISTER_PAGE})
        entries.append({"Fidelity checklists": chunked([{plan.meta.title: fidelity_page(plan.id)} for plan in self.plans])})
        return {"Delivery records": entries}


def add_records(site: Site, cur: Curriculum) -> Site:
    """The site with the delivery records pages, their nav section and the
    register's CSV."""
    if cur.programme is None:
        return site
    built = _Records(cur, site.pdfs)
    return replace(site, pages=(*site.pages, *built.pages()), nav=[*site.nav, built.nav()],
                   downloads={**site.downloads, outputs.register_csv(): records.register_csv(cur)})
