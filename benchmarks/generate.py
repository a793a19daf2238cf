"""Synthetic curricula for the benchmarks: the bundled programme copied N times.

Size S is the bundled programme (11 contacts, 25 handouts); M is 10 copies,
L is 100. Each copy renames its contacts and handouts (`-r2`, `-r3`, ...),
keeps every reference consistent, and adds the parts the bundled text has
few of (a table, an image with alt text, an admonition), so the pages are
realistic for MkDocs and WeasyPrint. The result validates without errors.
"""

from __future__ import annotations

import re
import shutil
import struct
import sys
import zlib
from pathlib import Path

import yaml

SIZES = {"S": 1, "M": 10, "L": 100}
EXTRA_PLAN = """

## Room plan at a glance

| Time | What happens | Who leads |
|---|---|---|
| Start | Welcome and check-in | Family support practitioner |
| Middle | Main activity in pairs | Health professional |
| End | Closing round | Both |

![A simple room plan with chairs in a circle](../images/room-plan.png)

!!! tip "Keep it simple"
    Set out the chairs before parents arrive, and keep a quiet corner free.
"""
EXTRA_HANDOUT = """

## At a glance

| When | What to do |
|---|---|
| Today | Read this with someone you trust |
| This week | Try one idea |

![A parent and baby smiling at each other](../images/room-plan.png)
"""


def png(width: int = 240, height: int = 120) -> bytes:
    """A small real PNG (a soft gradient) without any imaging library."""
    rows = b"".join(b"\x00" + bytes((200, 220 - y % 60, 240, 255) * width) for y in range(height))
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _suffix(ident: str, copy: int) -> str:
    return ident if copy == 1 else f"{ident}-r{copy}"


def _rename_key(front: str, key: str, mapping: dict[str, str]) -> str:
    """`key: old-id` lines of front matter with the id renamed."""
    return re.sub(rf"^{key}: (\S+)$", lambda m: f"{key}: {mapping.get(m.group(1), m.group(1))}", front, flags=re.M)


def _rename_front(text: str, mapping: dict[str, str], keys=("id", "contact"), copy: int = 1) -> str:
    front, body = text[4:].split("\n---\n", 1)
    if copy > 1:  # every copy's body differs, as real files would
        body = f"\nThis version is for local area {copy}.\n{body}"
    for key in keys:
        front = _rename_key(front, key, mapping)
    front = re.sub(r"^handouts: \[(.*)\]$",
                   lambda m: "handouts: [" + ", ".join(mapping.get(h.strip(), h.strip()) for h in m.group(1).split(",") if h.strip()) + "]",
                   front, flags=re.M)
    return f"---\n{front}\n---\n{body}"


def _start(source: Path, dest: Path) -> None:
    """An empty destination with its folders, the image and the site's look."""
    if dest.exists():
        shutil.rmtree(dest)
    for folder in ("sessions", "handouts", "facilitator_notes", "images"):
        (dest / folder).mkdir(parents=True)
    (dest / "images" / "room-plan.png").write_bytes(png())
    for name in ("mkdocs.yml", "texts.yml"):  # the texts name the first copy's contacts, whose ids are kept
        if (source / name).exists():
            shutil.copy(source / name, dest / name)
    for image in sorted((source / "images").glob("*.png")):  # the drawings the handouts show
        shutil.copy(image, dest / "images" / image.name)
    if (source / "overrides").is_dir():
        shutil.copytree(source / "overrides", dest / "overrides")


def _copy_plans(source: Path, dest: Path, contact_ids: list[str], mapping: dict[str, str], copy: int) -> None:
    """One copy of each contact's plan and, where there are some, its notes."""
    for ident in contact_ids:
        text = (source / "sessions" / f"{ident}.md").read_text(encoding="utf-8")
        (dest / "sessions" / f"{mapping[ident]}.md").write_text(_rename_front(text, mapping, copy=copy) + EXTRA_PLAN, encoding="utf-8")
        notes = source / "facilitator_notes" / f"{ident}.md"
        if notes.exists():
            (dest / "facilitator_notes" / f"{mapping[ident]}.md").write_text(
                _rename_front(notes.read_text(encoding="utf-8"), mapping, copy=copy), encoding="utf-8")


def _copy_handouts(source: Path, dest: Path, handout_ids: list[str], mapping: dict[str, str], copy: int) -> None:
    for ident in handout_ids:
        text = (source / "handouts" / f"{ident}.md").read_text(encoding="utf-8")
        extra = EXTRA_HANDOUT if "audience: parents" in text else ""
        (dest / "handouts" / f"{mapping[ident]}.md").write_text(_rename_front(text, mapping, copy=copy) + extra, encoding="utf-8")


def _copy_chapters(source: Path, dest: Path) -> None:
    """The manual's chapters that belong to no contact, once each."""
    for chapter in (source / "facilitator_notes").glob("*.md"):
        if not (dest / "facilitator_notes" / chapter.name).exists() and "\ncontact:" not in chapter.read_text(encoding="utf-8"):
            shutil.copy(chapter, dest / "facilitator_notes" / chapter.name)


def _write_programme(dest: Path, programme_text: str, contacts: list[dict]) -> None:
    # Replace only the contacts list; keep every other line of programme.yml as written.
    head, _, rest = programme_text.partition("\ncontacts:\n")
    tail = rest[rest.index("\nrules:"):] if "\nrules:" in rest else ""
    lines = "\n".join(f"  - {{id: {c['id']}, kind: {c['kind']}, phase: {c['phase']}, timing: \"{c['timing']}\"{_week(c)}}}"
                      for c in contacts)
    (dest / "programme.yml").write_text(f"{head}\ncontacts:\n{lines}{tail}", encoding="utf-8")


def _week(contact: dict) -> str:
    """A contact's `week:` as written, for the weekly texts."""
    week = contact.get("week")
    return ", week: {" + ", ".join(f"{key}: {value}" for key, value in week.items()) + "}" if week else ""


def generate(source: Path, dest: Path, copies: int) -> Path:
    _start(source, dest)
    programme_text = (source / "programme.yml").read_text(encoding="utf-8")
    programme = yaml.safe_load(programme_text)
    contact_ids = [c["id"] for c in programme["contacts"]]
    handout_ids = [p.stem for p in sorted((source / "handouts").glob("*.md"))]
    contacts = []
    for copy in range(1, copies + 1):
        mapping = {i: _suffix(i, copy) for i in contact_ids + handout_ids}
        for contact in programme["contacts"]:
            contacts.append({**contact, "id": mapping[contact["id"]]})
        _copy_plans(source, dest, contact_ids, mapping, copy)
        _copy_handouts(source, dest, handout_ids, mapping, copy)
    _copy_chapters(source, dest)
    _write_programme(dest, programme_text, contacts)
    return dest


if __name__ == "__main__":
    size = sys.argv[1] if len(sys.argv) > 1 else "S"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else f"build/bench/{size}")
    generate(Path(__file__).resolve().parents[1], out, SIZES[size])
    print(out)
