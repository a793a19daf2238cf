"""The facilitator manual is laid out in parts and joined (pdf/in_parts.py,
pdf/compose.py): a reader, a screen reader and the cache see one manual,
the same as WeasyPrint makes of the whole document at once."""

from __future__ import annotations

import re
import shutil

import pikepdf
import pytest

from curriculum import outputs
from curriculum.pdf import build_pdfs, policy_for
from curriculum.pdf.compose import join
from curriculum.pdf.documents import specs
from curriculum.pdf.in_parts import PARTS_DIR
from curriculum.pdf.job import Job
from curriculum.pdf.render import Renderer
from curriculum.source.load import load

BASE = "file:///curriculum/repo/"
MANUAL_PDF = outputs.manual_pdf()


def whole(root, output: str) -> bytes:
    """A document as WeasyPrint lays it out in one piece."""
    from curriculum.pdf import write

    cur, _ = load(root)
    spec = next(spec for spec in specs(cur) if spec.output == output)
    page = Renderer(cur).page(spec)
    result = write.render(Job(spec.output, page.html, BASE, policy_for(root), b"whole", 300, False, 0,
                              page.stylesheet))
    assert result.error is None, result.error
    return result.pdf


def reading(path_or_bytes) -> dict:
    """What a reader reaches: pages, named destinations (the page of each),
    links (page, target), the outline (depth, title, page)."""
    source = path_or_bytes if isinstance(path_or_bytes, (bytes, bytearray)) else path_or_bytes.read_bytes()
    import io

    with pikepdf.Pdf.open(io.BytesIO(source)) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        names = pdf.Root.Names.Dests.Names
        dests = {str(names[i]): pages[names[i + 1][0].objgen] for i in range(0, len(names), 2)}
        links = sorted((index, str(annotation.get("/Dest", "")), str(annotation.get("/A", {}).get("/URI", "")))
                       for index, page in enumerate(pdf.pages) for annotation in page.obj.get("/Annots", []))

        def walk(items, depth=0):
            found = []
            for item in items:
                found.append((depth, item.title, pages[item.destination[0].objgen]))
                found += walk(item.children, depth + 1)
            return found

        with pdf.open_outline() as outline:
            bookmarks = walk(outline.root)
        return {"pages": len(pdf.pages), "dests": dests, "links": links, "outline": bookmarks,
                "lang": str(pdf.Root.Lang), "title": str(pdf.docinfo.Title)}


IN_PARTS = (MANUAL_PDF, outputs.workbook_pdf(), outputs.pack_pdf("week-1"), outputs.handout_pdf("shopping-list"))


@pytest.mark.parametrize("output", IN_PARTS)
def test_a_document_in_parts_reads_as_the_document_laid_out_whole(tainted, output):
    alone = whole(tainted.root, output)
    joined = reading(tainted.pdf(output))
    assert joined == reading(alone)
    assert joined["outline"] and joined["dests"]
    assert not [link for link in joined["links"] if link[2]]  # every internal link points at its anchor
    path = tainted.site.parent / "whole.pdf"
    path.write_bytes(alone)
    assert laid_out_text(tainted.pdf(output)) == laid_out_text(path)


def laid_out_text(path) -> list[str]:
    """Each page's lines as pdftotext lays them out, the dots of a contents
    line's leader aside (one more or less where the number is not yet known)."""
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [re.sub(r"\.{3,}\s*", " … ", line).strip() for line in text.splitlines()]


def test_a_handout_is_laid_out_once_for_its_own_pdf_its_pack_and_the_workbook(tainted):
    handout = [m for m in tainted.messages if "(part h-shopping-list:" in m]
    assert len(handout) == 1 and "pdf/handouts/shopping-list.pdf" in handout[0]
    joined = {m.split(" ", 3)[2] for m in tainted.messages if m.startswith("PDF joined ")}
    assert {outputs.handout_pdf("shopping-list"), outputs.pack_pdf("week-1"), outputs.workbook_pdf()} <= joined


def test_the_parts_are_kept_for_the_next_build_and_named_in_the_manifest(tainted):
    import json

    manifest = json.loads((tainted.site / "pdf" / "manifest.json").read_text())
    parts = manifest["documents"][MANUAL_PDF]["parts"]
    assert len(parts) >= 4  # front, overview, the contacts, the chapters
    for key in parts:
        assert (tainted.site / PARTS_DIR / f"{key}.pdf").is_file()
    assert MANUAL_PDF in tainted.written and not [w for w in tainted.written if ".parts" in w]


def test_every_page_but_the_front_says_its_number_once(tainted, text_of):
    path = tainted.pdf(MANUAL_PDF)
    total = reading(path)["pages"]
    contents = text_of(path, 2, 2)
    assert "Page " not in text_of(path, 1, 1) and "Page " not in contents
    for number in range(3, total + 1):
        assert re.findall(r"Page \d+ of \d+", text_of(path, number, number)) == [f"Page {number} of {total}"]


def test_the_contents_give_the_page_each_part_starts_on(tainted, text_of):
    path = tainted.pdf(MANUAL_PDF)
    dests = reading(path)["dests"]
    contents = " ".join(text_of(path, 2, 2).split())
    cur, _ = load(tainted.root)
    for plan in (p for _, p in cur.contacts_in_order() if p is not None):
        found = re.search(re.escape(plan.meta.title) + r"[ .]*?(\d+)", contents)
        assert found, (plan.meta.title, contents)
        assert int(found.group(1)) == dests[f"s-{plan.id}"] + 1


@pytest.mark.parametrize("output", IN_PARTS)
def test_the_structure_tree_runs_through_every_part(tainted, output):
    with pikepdf.Pdf.open(tainted.pdf(output)) as pdf:
        assert pdf.Root.MarkInfo.Marked and str(pdf.Root.Lang) == "en-GB"
        root = pdf.Root.StructTreeRoot
        nums = root.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        assert int(root.ParentTreeNextKey) > max(parents)
        pages = {page.objgen for page in pdf.pages}
        document = root.K[0]
        kinds = set()
        for page in pdf.pages:
            assert int(page.obj.StructParents) in parents  # its marked content is in the tree
            for annotation in page.obj.get("/Annots", []):
                element = parents[int(annotation.StructParent)]
                assert str(element.S) == "/Link"
        for kid in document.K:
            assert kid.P.objgen == document.objgen
            kinds.add(str(kid.S))
            if "/Pg" in kid:
                assert kid.Pg.objgen in pages
        assert "/H1" in kinds or "/Sect" in kinds or "/Div" in kinds


@pytest.mark.parametrize("output", IN_PARTS)
def test_the_page_furniture_is_an_artifact(tainted, output):
    with pikepdf.Pdf.open(tainted.pdf(output)) as pdf:
        for page in pdf.pages:
            content = page.obj.Contents
            last = (content[-1] if isinstance(content, pikepdf.Array) else content).read_bytes()
            assert re.search(rb"/Artifact BMC q /Furniture\d+ Do Q EMC", last)


def plan_edit(root, old: str, new: str) -> None:
    plan = root / "sessions" / "week-1.md"
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new), encoding="utf-8")


def parts_rendered(messages) -> set[str]:
    return {m.split("(part ", 1)[1].split(":", 1)[0] for m in messages if MANUAL_PDF in m and "(part " in m}


def test_a_plan_edit_lays_out_again_only_its_part_of_the_manual(tainted_root, tainted, tmp_path, text_of):
    root = tmp_path / "repo"
    shutil.copytree(tainted_root, root)
    plan_edit(root, "Everyone says one meal they like to cook.", "Everyone says one meal they love to cook.")
    messages: list[str] = []
    cur, _ = load(root)
    build_pdfs(cur, tmp_path / "site", previous=tainted.site, progress=messages.append)
    assert parts_rendered(messages) == {"s-week-1"}  # the furniture of as many pages is the last build's
    assert "one meal they love to cook" in " ".join(text_of(tmp_path / "site" / MANUAL_PDF).split())
    assert reading(tmp_path / "site" / MANUAL_PDF)["pages"] == reading(tainted.pdf(MANUAL_PDF))["pages"]


def test_an_override_of_the_manual_that_names_no_parts_is_laid_out_whole(tainted_root, tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(tainted_root, root)
    from curriculum.pdf.cache import PACKAGE

    # The package's own template, as an area's copy made before it had parts.
    source = (PACKAGE / "templates" / "manual.html").read_text(encoding="utf-8")
    source = re.sub(r"\{% if (?:handouts and )?show\([^)]*\) %\}", "{% if true %}", source)
    source = source.replace("{% if handouts and true %}", "{% if handouts %}")
    assert not re.search(r"\{%[^%]*show\(", source)
    (root / "overrides" / "pdf").mkdir(parents=True, exist_ok=True)
    (root / "overrides" / "pdf" / "manual.html").write_text(source, encoding="utf-8")
    messages: list[str] = []
    cur, _ = load(root)
    build_pdfs(cur, tmp_path / "site", progress=messages.append)
    assert not parts_rendered(messages)
    import json

    manifest = json.loads((tmp_path / "site" / "pdf" / "manifest.json").read_text())
    assert manifest["documents"][MANUAL_PDF]["parts"] == {}
    assert reading(tmp_path / "site" / MANUAL_PDF)["pages"] >= 3


def test_join_names_a_link_to_no_anchor_and_furniture_that_does_not_fit(tainted):
    from curriculum.pdf.compose import MARKER

    with pikepdf.Pdf.open(tainted.pdf(MANUAL_PDF)) as pdf:
        annotation = next(a for page in pdf.pages for a in page.obj.get("/Annots", []))
        del annotation["/Dest"]
        annotation.A = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(MARKER + "nowhere"))
        import io

        buffer = io.BytesIO()
        pdf.save(buffer)
        broken = buffer.getvalue()
        one_page = io.BytesIO()
        single = pikepdf.Pdf.new()
        single.add_blank_page()
        single.save(one_page)
    joined = join([broken], one_page.getvalue())
    assert any("no anchor #nowhere" in note for note in joined.notes)  # dropped, as in one document
    assert any("page furniture has 1 pages for" in problem for problem in joined.problems)
    assert joined.data.startswith(b"%PDF")
