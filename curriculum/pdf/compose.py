"""One tagged PDF from PDFs laid out in parts (pikepdf; in the parent).

The manual, the handouts, the packs and the workbook are laid out part by
part (in_parts.py: a worker each, each part once, cached by its HTML), and
the parts joined here into the one PDF a reader prints:

- the pages, in order;
- the structure tree: each part's elements under one Document element, the
  parent tree renumbered (`/StructParents` of pages, `/StructParent` of
  link annotations);
- the named destinations of every part, so links and the outline work
  across parts; a link a worker could not resolve in its own part
  (`MARKER` + anchor, see write.py) is pointed at the anchor here;
- the outlines (bookmarks), part after part;
- the catalog of the first part: `/Lang`, metadata, `/MarkInfo`, title;
- the page furniture that runs through the whole document ("Page 3 of
  241"): a second, untagged PDF of the same page count whose pages are
  drawn over the parts' pages as artifacts.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf, String

from .job import MARKER


@dataclass(frozen=True)
class Laid:
    """What the join needs to know of a part: its pages and where its anchors are."""

    pages: int
    anchors: dict[str, int]  # anchor -> page index in the part


def laid(data: bytes) -> Laid:
    with Pdf.open(io.BytesIO(data)) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        anchors = {}
        for name, target in _named_destinations(pdf):
            if isinstance(target, Array) and len(target) and target[0].objgen in pages:
                anchors.setdefault(name, pages[target[0].objgen])
        return Laid(len(pdf.pages), anchors)


def page_numbers(parts: list[Laid], start: int = 1) -> dict[str, int]:
    """Each anchor's page number in the joined document."""
    numbers, offset = {}, start
    for part in parts:
        for anchor, index in part.anchors.items():
            numbers.setdefault(anchor, offset + index)
        offset += part.pages
    return numbers


@dataclass(frozen=True)
class Joined:
    data: bytes
    pages: int
    notes: list[str]  # links to no anchor, dropped as WeasyPrint drops them in one document
    problems: list[str]  # what makes the PDF wrong: furniture that does not fit its pages


def join(parts: list[bytes], furniture: bytes | None = None) -> Joined:
    """The parts as one PDF, with the furniture's pages drawn over theirs."""
    with Pdf.open(io.BytesIO(parts[0])) as out:
        tree = _Tree(out)
        for data in parts[1:]:
            with Pdf.open(io.BytesIO(data)) as part:
                first = len(out.pages)
                out.pages.extend(part.pages)
                tree.add(part, out.pages[first:])
                _add_destinations(out, part)
                _add_outlines(out, part)
        tree.close()
        _sort_destinations(out)
        notes = _resolve_links(out)
        problems = _draw_furniture(out, furniture) if furniture is not None else []
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 compress_streams=True)
        return Joined(buffer.getvalue(), len(out.pages), notes, problems)


def _copy(out: Pdf, obj):
    """obj of another PDF, copied into out (direct arrays and dictionaries
    hold references too; qpdf copies each foreign object once)."""
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        return out.copy_foreign(obj)
    if isinstance(obj, Array):
        return Array([_copy(out, item) for item in obj])
    if isinstance(obj, Dictionary):
        return Dictionary({key: _copy(out, value) for key, value in obj.items()})
    return obj


def _pairs(array) -> list[tuple]:
    return [(array[index], array[index + 1]) for index in range(0, len(array) - 1, 2)]


class _Tree:
    """The joined structure tree: one Document element, one parent tree."""

    def __init__(self, out: Pdf):
        self.out = out
        self.root = out.Root.StructTreeRoot
        self.document = self.root.K[0] if isinstance(self.root.K, Array) else self.root.K
        self.nums = self.root.ParentTree.Nums
        self.next = self._next_key(self.root)

    @staticmethod
    def _next_key(root) -> int:
        if "/ParentTreeNextKey" in root:
            return int(root.ParentTreeNextKey)
        return max((int(key) for key, _ in _pairs(root.ParentTree.Nums)), default=-1) + 1

    def add(self, part: Pdf, pages) -> None:
        root = part.Root.StructTreeRoot
        offset = self.next
        for page in pages:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        for key, value in _pairs(root.ParentTree.Nums):
            self.nums.append(int(key) + offset)
            self.nums.append(_copy(self.out, value))
        self.next = offset + self._next_key(root)
        document = root.K[0] if isinstance(root.K, Array) else root.K
        for kid in document.K:
            copied = _copy(self.out, kid)
            if isinstance(copied, Dictionary):
                copied.P = self.document
            self.document.K.append(copied)

    def close(self) -> None:
        self.root.ParentTreeNextKey = self.next


def _named_destinations(pdf: Pdf) -> list[tuple[str, object]]:
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return []
    return [(str(name), target) for name, target in _pairs(names.Dests.get("/Names", Array()))]


def _add_destinations(out: Pdf, part: Pdf) -> None:
    found = _named_destinations(part)
    if not found:
        return
    if "/Names" not in out.Root:
        out.Root.Names = Dictionary()
    if "/Dests" not in out.Root.Names:
        out.Root.Names.Dests = Dictionary(Names=Array())
    names = out.Root.Names.Dests.Names
    for name, target in found:
        names.append(String(name))
        names.append(_copy(out, target))


def _sort_destinations(out: Pdf) -> None:
    """A name tree is sorted; the first of a name is the one WeasyPrint keeps."""
    found = _named_destinations(out)
    if not found:
        return
    kept: dict[str, object] = {}
    for name, target in found:
        kept.setdefault(name, target)
    out.Root.Names.Dests.Names = Array([item for name in sorted(kept) for item in (String(name), kept[name])])


def _add_outlines(out: Pdf, part: Pdf) -> None:
    source = part.Root.get("/Outlines")
    if source is None or "/First" not in source:
        return
    if "/Outlines" not in out.Root:
        out.Root.Outlines = out.make_indirect(Dictionary(Type=Name.Outlines, Count=0))
    outlines = out.Root.Outlines
    first, last = out.copy_foreign(source.First), out.copy_foreign(source.Last)
    item = first
    while True:
        item.Parent = outlines
        if item.objgen == last.objgen or "/Next" not in item:
            break
        item = item.Next
    if "/Last" in outlines:
        outlines.Last.Next = first
        first.Prev = outlines.Last
    else:
        outlines.First = first
    outlines.Last = last
    outlines.Count = int(outlines.get("/Count", 0)) + int(source.get("/Count", 0))


def _resolve_links(out: Pdf) -> list[str]:
    """Point each link a part left for another part at its anchor."""
    known = {name for name, _ in _named_destinations(out)}
    unresolved = []
    for number, page in enumerate(out.pages, 1):
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if not uri.startswith(MARKER):
                continue
            anchor = uri[len(MARKER):]
            del annotation["/A"]
            annotation.Contents = String(anchor)
            if anchor in known:
                annotation.Dest = String(anchor)
            else:  # as WeasyPrint does in one document: no target, no link
                unresolved.append(f"page {number}: no anchor #{anchor} for a link")
    return unresolved


def _draw_furniture(out: Pdf, furniture: bytes) -> list[str]:
    """Draw page i of furniture over page i of out, as an artifact (page
    furniture is not content: a screen reader skips it)."""
    with Pdf.open(io.BytesIO(furniture)) as stamp:
        if len(stamp.pages) != len(out.pages):
            return [f"page furniture has {len(stamp.pages)} pages for {len(out.pages)}"]
        for number, (page, drawn) in enumerate(zip(out.pages, stamp.pages), 1):
            form = out.copy_foreign(drawn.as_form_xobject())
            # Named by page, not at random (same sources, same bytes); a
            # part's pages share one resource dictionary.
            name = page.add_resource(form, Name.XObject, name=Name(f"/Furniture{number}"))
            page.contents_add(b"q\n", prepend=True)
            page.contents_add(b"\nQ\n/Artifact BMC q " + str(name).encode() + b" Do Q EMC\n", prepend=False)
    return []
