"""Which PDFs a curriculum has, and what each is made of (pure).

A `Spec` names one PDF: its kind, where it lives in the site
(`curriculum.outputs`), its title, whether parents read it, and the source
files whose bytes decide its content. The cache hashes those sources; the
renderer reads them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .. import outputs
from ..model import Curriculum, Document, Handout, Plan

HANDOUT, PACK, WORKBOOK, CARD, MANUAL = "handout", "pack", "workbook", "card", "manual"
FIDELITY, REGISTER, EVALUATION = "fidelity", "register", "evaluation"  # delivery records (render/records.py)
ADAPTATIONS = "adaptations"  # a local edition's changes (only in an edition's build)


@dataclass(frozen=True)
class Spec:
    kind: str
    output: str  # path inside the site folder
    title: str
    subject: str  # handout or contact id; "" for the workbook and the manual
    parents: bool  # read by parents: no facilitator-only text, no sources
    sources: tuple[Document, ...]  # files whose content it prints
    facts: tuple[str, ...] = ()  # what else it shows of other files (their titles, their order)
    lang: str = ""  # a translation's language tag; "" for the source language

    @property
    def one_page(self) -> bool:
        return self.kind in (CARD, FIDELITY, REGISTER)


def contact_plans(cur: Curriculum) -> list[Plan]:
    """Plans in delivery order (contacts without a plan are skipped)."""
    return [plan for _, plan in cur.contacts_in_order() if plan is not None]


def plan_handouts(cur: Curriculum, plan: Plan, parents_only: bool = False) -> list[Handout]:
    found = [cur.handouts[h] for h in plan.meta.handouts if h in cur.handouts]
    return [h for h in found if h.for_parents] if parents_only else found


def workbook_order(cur: Curriculum) -> list[Handout]:
    """Every parents handout once, where it is first given; unused ones last."""
    return cur.handouts_in_order(parents_only=True)


def _handout_facts(handout: Handout) -> str:
    """What the manual shows of a handout: its front matter, never its body."""
    meta = handout.meta
    return json.dumps(["handout", meta.id, meta.title, meta.audience, meta.summary, list(meta.themes),
                       list(meta.sources), meta.reviewed.isoformat() if meta.reviewed else None],
                      ensure_ascii=False)


def _contact_facts(plan: Plan, handouts: list[Handout]) -> str:
    meta = plan.meta
    return "\0".join(("contact", meta.id, meta.title, meta.kind, meta.phase, meta.timing, *(h.id for h in handouts)))


def _titles(handouts) -> tuple[str, ...]:
    return tuple(f"handout\0{h.id}\0{h.meta.title}" for h in handouts)


def handout_spec(cur: Curriculum, handout: Handout) -> Spec:
    """A handout's own PDF."""
    return Spec(HANDOUT, outputs.handout_pdf(handout.id), f"{handout.meta.title} – {cur.programme.title}",
                handout.id, handout.for_parents, (cur.programme_doc, handout.doc))


def specs(cur: Curriculum) -> list[Spec]:
    """Every PDF of the curriculum, in a stable order.

    A document lists as sources only the files it prints; of other files it
    lists the facts it shows (a plan's title on a pack's cover, a handout's
    title on a card, every handout's front matter in the manual's Handouts
    part), so editing a plan's body never re-renders the packs or the
    workbook, and editing a handout's body never re-renders the manual or
    the cards.
    """
    if cur.programme is None:
        return []
    name = cur.programme.title
    programme = cur.programme_doc
    found: list[Spec] = []
    for handout in sorted(cur.handouts.values(), key=lambda h: h.id):
        found.append(handout_spec(cur, handout))
    plans = contact_plans(cur)
    for plan in plans:
        handouts = plan_handouts(cur, plan, parents_only=True)
        found.append(Spec(PACK, outputs.pack_pdf(plan.id), f"{plan.meta.title}: handouts – {name}", plan.id, True,
                          (programme, *(h.doc for h in handouts)), (_contact_facts(plan, handouts),)))
    for plan in plans:
        found.append(Spec(CARD, outputs.card_pdf(plan.id), f"{plan.meta.title}: session at a glance – {name}",
                          plan.id, False, (programme, plan.doc), _titles(plan_handouts(cur, plan))))
    workbook = workbook_order(cur)
    found.append(Spec(WORKBOOK, outputs.workbook_pdf(), f"Parent workbook – {name}", "", True,
                      (programme, *(h.doc for h in workbook)),
                      tuple(_contact_facts(p, plan_handouts(cur, p, parents_only=True)) for p in plans)))
    notes = [cur.contact_notes[p.id].doc for p in plans if p.id in cur.contact_notes]
    found.append(Spec(MANUAL, outputs.manual_pdf(), f"Facilitator manual – {name}", "", False,
                      (programme, *(p.doc for p in plans), *notes, *(c.doc for c in cur.chapters)),
                      tuple(_handout_facts(h) for h in cur.handouts_in_order())))
    found += record_specs(cur)
    if cur.edition is not None:
        found.append(adaptations_spec(cur))
    return found + translated_specs(cur)


def translated_specs(cur: Curriculum) -> list[Spec]:
    """A PDF of every translated parents handout, in its language, beside
    the source's: pdf/<lang>/handouts/<id>.pdf. Its facts are what the
    language says on it (notices, direction), so editing language.yml
    re-renders them."""
    if cur.programme is None:
        return []
    found = []
    for language in cur.translations.values():
        facts = (json.dumps([language.tag, language.direction, language.meta.model_dump(mode="json")],
                            ensure_ascii=False, sort_keys=True),)
        for translation in language.files.values():
            meta = translation.meta
            if (translation.source_hash is None or not translation.source.startswith("handouts/")
                    or getattr(meta, "audience", None) != "parents" or meta.id not in cur.handouts):
                continue
            found.append(Spec(HANDOUT, outputs.translated_handout_pdf(language.tag, meta.id),
                              f"{meta.title} – {cur.programme.title}", meta.id, True,
                              (cur.programme_doc, translation.doc), facts, lang=language.tag))
    return found


def _checklist_facts(plan: Plan) -> str:
    """What a fidelity checklist shows of a plan: its front matter's facts, never its body."""
    meta = plan.meta
    return json.dumps(["checklist", meta.id, meta.title, meta.kind, meta.phase, meta.timing, meta.duration,
                       [[a.title, a.minutes, a.lead, a.core, list(a.messages)] for a in meta.activities]],
                      ensure_ascii=False)


def record_specs(cur: Curriculum) -> list[Spec]:
    """The delivery records: a fidelity checklist per contact, the attendance
    and dose register, and the evaluation schedule when programme.yml has an
    evaluation. Each prints programme.yml and the titles of plans."""
    name = cur.programme.title
    programme = cur.programme_doc
    plans = contact_plans(cur)
    found = [Spec(FIDELITY, outputs.fidelity_pdf(plan.id), f"{plan.meta.title}: fidelity checklist – {name}",
                  plan.id, False, (programme,), (_checklist_facts(plan),)) for plan in plans]
    titles = tuple(f"contact\0{plan.id}\0{plan.meta.title}" for plan in plans)
    found.append(Spec(REGISTER, outputs.register_pdf(), f"Attendance and dose register – {name}", "", False,
                      (programme,), titles))
    evaluation = cur.programme.evaluation
    if evaluation is not None and (evaluation.measures or evaluation.timepoints):
        found.append(Spec(EVALUATION, outputs.evaluation_pdf(), f"Evaluation schedule – {name}", "", False,
                          (programme,), titles))
    return found


def adaptations_spec(cur: Curriculum) -> Spec:
    """A local edition's adaptations, each with its reason: the PDF an area sends to the licence holder."""
    edition = cur.edition
    facts = json.dumps([edition.meta.area, [list(a.__dict__.values()) for a in edition.applied],
                        [list(d) for d in edition.durations]], ensure_ascii=False)
    return Spec(ADAPTATIONS, outputs.adaptations_pdf(), f"Local adaptations – {cur.programme.title}", "", False,
                (cur.programme_doc,), (facts,))
