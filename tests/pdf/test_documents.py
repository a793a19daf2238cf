"""Which PDFs a curriculum has and what each is made of (pure)."""

from __future__ import annotations

from curriculum import outputs
from curriculum.pdf.documents import (
    CARD,
    EVALUATION,
    FIDELITY,
    MANUAL,
    PACK,
    REGISTER,
    WORKBOOK,
    specs,
    workbook_order,
)
from curriculum.source.load import load


def test_every_document_has_its_outputs_path(repo_root):
    cur, _ = load(repo_root)
    found = {spec.output: spec for spec in specs(cur)}
    contacts = [ref.id for ref, plan in cur.contacts_in_order() if plan]
    expected = {outputs.handout_pdf(h) for h in cur.handouts}
    expected |= {outputs.pack_pdf(c) for c in contacts} | {outputs.card_pdf(c) for c in contacts}
    expected |= {outputs.workbook_pdf(), outputs.manual_pdf()}
    expected |= {outputs.fidelity_pdf(c) for c in contacts} | {outputs.register_pdf(), outputs.evaluation_pdf()}
    assert set(found) == expected
    assert found[outputs.register_pdf()].kind == REGISTER and found[outputs.evaluation_pdf()].kind == EVALUATION
    assert found[outputs.workbook_pdf()].kind == WORKBOOK and found[outputs.manual_pdf()].kind == MANUAL


def test_audiences(repo_root):
    cur, _ = load(repo_root)
    for spec in specs(cur):
        if spec.kind in (PACK, WORKBOOK):
            assert spec.parents
        elif spec.kind in (CARD, MANUAL, FIDELITY, REGISTER, EVALUATION):
            assert not spec.parents
        else:
            assert spec.parents == cur.handouts[spec.subject].for_parents


def test_workbook_follows_delivery_order_once_each(repo_root):
    cur, _ = load(repo_root)
    order = [h.id for h in workbook_order(cur)]
    assert len(order) == len(set(order))
    contacts = [ref.id for ref, _ in cur.contacts_in_order()]

    def first_use(handout: str) -> int:
        users = cur.handout_users(handout)
        return contacts.index(users[0]) if users else len(contacts)

    firsts = [first_use(h) for h in order]
    assert firsts == sorted(firsts)
    assert all(cur.handouts[h].for_parents for h in order)
    assert {h for h in cur.handouts if cur.handouts[h].for_parents} == set(order)


def test_editing_a_body_touches_only_what_prints_it(minimal_root):
    cur, _ = load(minimal_root)
    by_output = {spec.output: spec for spec in specs(cur)}
    handout = "handouts/shopping-list.md"
    printing = {o for o, s in by_output.items() if any(d.path == handout for d in s.sources)}
    assert printing == {outputs.handout_pdf("shopping-list"), outputs.pack_pdf("week-1"), outputs.workbook_pdf()}
    plan = "sessions/week-1.md"
    printing = {o for o, s in by_output.items() if any(d.path == plan for d in s.sources)}
    assert printing == {outputs.card_pdf("week-1"), outputs.manual_pdf()}
