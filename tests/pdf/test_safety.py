"""The PDF side as the second defence: built without validation from a
parents handout carrying facilitator-only blocks, raw HTML, template syntax,
an image and sources; and from one with addresses outside the repository."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from pypdf import PdfReader

from curriculum.build import BuildError
from curriculum.pdf import build_pdfs
from curriculum.source.load import load

PARENTS = ("pdf/handouts/shopping-list.pdf", "pdf/packs/week-1.pdf", "pdf/parent-workbook.pdf")


def flat(text: str) -> str:
    return " ".join(text.split())


def test_facilitator_blocks_never_reach_parents(tainted, text_of):
    for output in tainted.written:
        text = text_of(tainted.pdf(output))
        for secret in ("SECRET-FACILITATOR-TEXT", "SECRET-SAFEGUARDING-TEXT", "Secret facilitator guidance"):
            assert secret not in text, (output, secret)
    # The plan's own facilitator block is for facilitators: in the manual, never in a pack.
    assert "Money worries" in text_of(tainted.pdf("pdf/facilitator-manual.pdf"))
    for output in PARENTS:
        assert "Money worries" not in text_of(tainted.pdf(output))


def test_sources_never_reach_parents(tainted, text_of):
    for output in PARENTS:
        assert "food-budget guide" not in flat(text_of(tainted.pdf(output))), output


def test_author_text_is_data(tainted, text_of):
    text = flat(text_of(tainted.pdf("pdf/handouts/shopping-list.pdf")))
    assert "{{ 7*7 }}" in text
    assert "{{ ''.__class__ }}" in text
    joined = "".join(text.split())  # a line may break after the "/" of "</b>"
    assert "<b>bold</b>" in joined and "<script>alert(1)</script>" in joined
    assert "<class" not in text
    assert "Keep going" in text


def test_the_image_is_read_from_the_repository_with_its_alt_text(tainted):
    reader = PdfReader(tainted.pdf("pdf/handouts/shopping-list.pdf"))
    alts = []

    def walk(node, depth=0):
        node = node.get_object() if hasattr(node, "get_object") else node
        if depth > 60:
            return
        if isinstance(node, dict):
            if "/Alt" in node:
                alts.append(str(node["/Alt"]))
            kids = node.get("/K")
            if kids is not None:
                for kid in (kids if isinstance(kids, list) else [kids]):
                    walk(kid, depth + 1)
        elif isinstance(node, list):
            for kid in node:
                walk(kid, depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert "A basket of vegetables" in alts
    import json

    manifest = json.loads((tainted.site / "pdf" / "manifest.json").read_text())
    assert "repo:images/basket.png" in manifest["documents"]["pdf/handouts/shopping-list.pdf"]["deps"]


def test_same_sources_give_identical_bytes(tainted, tainted_again):
    assert tainted.written == tainted_again.written
    for output in tainted.written:
        assert tainted.pdf(output).read_bytes() == tainted_again.pdf(output).read_bytes(), output


def test_dates_come_from_source_date_epoch(tainted_root, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    cur, _ = load(tainted_root)
    build_pdfs(cur, tmp_path / "site")
    reader = PdfReader(tmp_path / "site" / "pdf/handouts/shopping-list.pdf")
    assert reader.metadata.creation_date.replace(tzinfo=dt.timezone.utc) == \
        dt.datetime.fromtimestamp(1700000000, dt.timezone.utc)


@pytest.fixture
def outside(tmp_path, minimal_root):
    root = tmp_path / "repo"
    shutil.copytree(minimal_root, root)
    handout = root / "handouts" / "shopping-list.md"
    text = handout.read_text(encoding="utf-8")
    handout.write_text(text + "\n![passwd](file:///etc/passwd)\n\n![net](http://127.0.0.1:9/x.png)\n", encoding="utf-8")
    line = text.count("\n") + 2
    return root, line


def test_addresses_outside_fail_the_build_naming_handout_and_line(outside, tmp_path):
    root, line = outside
    cur, _ = load(root)
    with pytest.raises(BuildError) as caught:
        build_pdfs(cur, tmp_path / "site")
    message = str(caught.value)
    assert f"pdf/handouts/shopping-list.pdf: handouts/shopping-list.md:{line}: refused 'file:///etc/passwd'" in message
    assert f"handouts/shopping-list.md:{line + 2}: refused 'http://127.0.0.1:9/x.png'" in message
    assert "network" in message


def test_a_block_that_cannot_be_removed_fails_the_build(tmp_path, minimal_root):
    root = tmp_path / "repo"
    shutil.copytree(minimal_root, root)
    handout = root / "handouts" / "shopping-list.md"
    handout.write_text(handout.read_text(encoding="utf-8") + "\n/// facilitator | Secret\nHIDDEN\n///\n",
                       encoding="utf-8")
    cur, _ = load(root)
    with pytest.raises(BuildError, match=r"handouts/shopping-list\.md:\d+: facilitator-only block"):
        build_pdfs(cur, tmp_path / "site")
