"""The cache: an unchanged PDF is reused from the previous build without
importing WeasyPrint; a change re-renders exactly what shows it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap

import pytest

from curriculum.pdf import build_pdfs
from curriculum.source.load import load


def rendered(messages: list[str]) -> set[str]:
    """Documents WeasyPrint laid out something for (a part is named after
    the first document that wanted it: handouts come first)."""
    return {m.split("] ", 1)[1].split(" (", 1)[0] for m in messages if m.startswith("PDF [")}


def made(messages: list[str]) -> set[str]:
    """Documents written anew: laid out, or joined from their parts."""
    joined = {m.split(" ", 3)[2] for m in messages if m.startswith("PDF joined ")}
    return joined | {output for output in rendered(messages) if "#" not in output}


def run(root, site, previous=None) -> tuple[list[str], list[str]]:
    cur, _ = load(root)
    messages: list[str] = []
    written = build_pdfs(cur, site, previous=previous, progress=messages.append)
    return written, messages


@pytest.mark.slow
def test_a_rebuild_with_nothing_changed_reuses_every_pdf_without_weasyprint(bundled, tmp_path):
    script = textwrap.dedent(f"""
        import json, sys
        from pathlib import Path
        from curriculum.source.load import load
        from curriculum.pdf import build_pdfs
        cur, _ = load({str(bundled.root)!r})
        messages = []
        written = build_pdfs(cur, Path({str(tmp_path / 'site')!r}), previous=Path({str(bundled.site)!r}),
                             progress=messages.append)
        print(json.dumps({{"written": written, "messages": messages,
                          "imported": sorted(m for m in ("weasyprint", "markdown", "jinja2") if m in sys.modules)}}))
    """)
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True, timeout=120)
    report = json.loads(out.stdout)
    assert "weasyprint" not in report["imported"]
    assert report["imported"] == []  # nor Markdown nor Jinja: nothing to render
    assert report["written"] == bundled.written
    assert f"{len(bundled.written)} unchanged, 0 to render" in report["messages"][0]
    for output in bundled.written:
        assert (tmp_path / "site" / output).read_bytes() == bundled.pdf(output).read_bytes()
    manifest = json.loads((tmp_path / "site" / "pdf" / "manifest.json").read_text())
    assert manifest == json.loads((bundled.site / "pdf" / "manifest.json").read_text())


@pytest.fixture
def copy(tainted_root, tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(tainted_root, root)
    return root


def test_a_handout_edit_re_renders_only_what_prints_it(copy, tainted, tmp_path, text_of):
    handout = copy / "handouts" / "shopping-list.md"
    handout.write_text(handout.read_text(encoding="utf-8").replace("Plan three meals.", "Plan four meals."),
                       encoding="utf-8")
    written, messages = run(copy, tmp_path / "site", previous=tainted.site)
    assert written == tainted.written
    # Laid out once (pdf/in_parts.py); its pack and the workbook are joined from it.
    assert rendered(messages) == {"pdf/handouts/shopping-list.pdf"}
    assert made(messages) == {"pdf/handouts/shopping-list.pdf", "pdf/packs/week-1.pdf", "pdf/parent-workbook.pdf"}
    for printed in ("pdf/handouts/shopping-list.pdf", "pdf/packs/week-1.pdf", "pdf/parent-workbook.pdf"):
        assert "Plan four meals." in " ".join(text_of(tmp_path / "site" / printed).split())
    for reused in ("pdf/facilitator-manual.pdf", "pdf/cards/week-1.pdf"):  # docs/benchmarks.md says so
        assert (tmp_path / "site" / reused).read_bytes() == tainted.pdf(reused).read_bytes()


@pytest.mark.parametrize("old, new, shown", [
    ("summary: A list to take to the shop.", "summary: A list for the shop.", "A list for the shop."),
    ('  - "A public food-budget guide"', '  - "A public food-budget guide"\n  - "Another guide"',
     "A public food-budget guide • Another guide"),
    ("audience: parents", "audience: parents\nreviewed: 2025-03-01", "Reviewed 1 March 2025"),
    ("themes: [shopping]", "themes: [shopping, cooking]", "Themes Shopping wisely; Cooking together"),
], ids=["summary", "sources", "reviewed", "themes"])
def test_a_handout_front_matter_edit_reaches_the_manual_not_the_card(copy, tainted, tmp_path, text_of,
                                                                     old, new, shown):
    handout = copy / "handouts" / "shopping-list.md"
    text = handout.read_text(encoding="utf-8")
    assert old in text
    handout.write_text(text.replace(old, new), encoding="utf-8")
    _, messages = run(copy, tmp_path / "site", previous=tainted.site)
    assert made(messages) == {"pdf/handouts/shopping-list.pdf", "pdf/packs/week-1.pdf", "pdf/parent-workbook.pdf",
                              "pdf/facilitator-manual.pdf"}
    assert rendered(messages) <= made(messages)
    manual = " ".join(text_of(tmp_path / "site" / "pdf/facilitator-manual.pdf").split())
    assert shown in manual
    assert shown not in " ".join(text_of(tainted.pdf("pdf/facilitator-manual.pdf")).split())


def test_a_handout_title_edit_reaches_the_card_and_manual(copy, tainted, tmp_path):
    handout = copy / "handouts" / "shopping-list.md"
    handout.write_text(handout.read_text(encoding="utf-8").replace("title: Your shopping list", "title: My list"),
                       encoding="utf-8")
    _, messages = run(copy, tmp_path / "site", previous=tainted.site)
    assert made(messages) == {"pdf/handouts/shopping-list.pdf", "pdf/packs/week-1.pdf", "pdf/parent-workbook.pdf",
                              "pdf/cards/week-1.pdf", "pdf/facilitator-manual.pdf"}


def test_an_image_edit_re_renders_the_documents_that_show_it(copy, tainted, tmp_path):
    image = copy / "images" / "basket.png"
    image.write_bytes(image.read_bytes())  # touched, same bytes: nothing to do
    _, messages = run(copy, tmp_path / "same", previous=tainted.site)
    assert rendered(messages) == set()
    image.write_bytes(image.read_bytes() + b"\0")  # new bytes (after IEND: still a valid PNG)
    _, messages = run(copy, tmp_path / "site", previous=tainted.site)
    assert rendered(messages) == {"pdf/handouts/shopping-list.pdf"}  # the part that shows it, once
    assert made(messages) == {"pdf/handouts/shopping-list.pdf", "pdf/packs/week-1.pdf", "pdf/parent-workbook.pdf"}


def test_a_template_override_re_renders_everything(copy, tainted, tmp_path):
    styles = copy / "overrides" / "pdf" / "styles"
    styles.mkdir(parents=True)
    (styles / "extra.css").write_text(":root { --brand: #202020; }\n", encoding="utf-8")
    _, messages = run(copy, tmp_path / "site", previous=tainted.site)
    assert rendered(messages) == set(tainted.written)


def test_a_tampered_previous_pdf_is_not_reused(copy, tainted, tmp_path):
    previous = tmp_path / "previous"
    shutil.copytree(tainted.site, previous)
    target = previous / "pdf/handouts/shopping-list.pdf"
    target.write_bytes(target.read_bytes() + b"%tampered\n")
    _, messages = run(copy, tmp_path / "site", previous=previous)
    assert made(messages) == {"pdf/handouts/shopping-list.pdf"}
    assert (tmp_path / "site" / "pdf/handouts/shopping-list.pdf").read_bytes() == \
        tainted.pdf("pdf/handouts/shopping-list.pdf").read_bytes()


def test_a_tampered_previous_part_is_laid_out_again(copy, tainted, tmp_path):
    from curriculum.pdf.in_parts import PARTS_DIR

    previous = tmp_path / "previous"
    shutil.copytree(tainted.site, previous)
    for part in (previous / PARTS_DIR).iterdir():
        part.write_bytes(part.read_bytes() + b"%tampered\n")
    handout = copy / "handouts" / "shopping-list.md"
    handout.write_text(handout.read_text(encoding="utf-8").replace("Plan three meals.", "Plan four meals."),
                       encoding="utf-8")
    _, messages = run(copy, tmp_path / "site", previous=previous)
    # The workbook's other parts and the pack's cover are not the files the manifest names: laid out again.
    assert {"pdf/handouts/shopping-list.pdf", "pdf/packs/week-1.pdf", "pdf/parent-workbook.pdf"} <= rendered(messages)
    assert not [p for p in (tmp_path / "site" / PARTS_DIR).iterdir() if p.read_bytes().endswith(b"%tampered\n")]


@pytest.mark.parametrize("manifest", [b"", b"{not json", b"[]", b'{"format": 1, "documents": {"x": 3}}'])
def test_a_broken_manifest_means_a_full_render(copy, tainted, tmp_path, manifest):
    previous = tmp_path / "previous"
    shutil.copytree(tainted.site, previous)
    (previous / "pdf" / "manifest.json").write_bytes(manifest)
    _, messages = run(copy, tmp_path / "site", previous=previous)
    assert rendered(messages) == set(tainted.written)
