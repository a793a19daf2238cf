"""The only module that reads content files.

Every problem met while reading becomes a finding; nothing here raises for
bad content. `NotACurriculum` is raised only when there is no programme.yml.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, ValidationError

from ..findings import Finding, Span
from ..model import (
    SLUG_PATTERN,
    Curriculum,
    Document,
    Handout,
    HandoutMeta,
    Note,
    NoteMeta,
    Plan,
    PlanMeta,
    Programme,
    Texts,
    WeeklyText,
)
from . import frontmatter, yamlsafe
from . import problems as P

PROGRAMME_FILE = "programme.yml"
SITE_CONFIG_FILE = "mkdocs.yml"
SOURCE_DIRS = ("sessions", "handouts", "facilitator_notes")
ASSET_DIRS = (*SOURCE_DIRS, "assets", "images")
OVERRIDES_DIR = "overrides"
# Everything a build reads: the folders and files whose change means "build again".
INPUT_DIRS = (*SOURCE_DIRS, OVERRIDES_DIR, "images", "assets", "translations")
TEXTS_FILE = "texts.yml"  # optional: the weekly text messages
INPUT_FILES = (PROGRAMME_FILE, SITE_CONFIG_FILE, TEXTS_FILE)
MAX_FILE_BYTES = 1_000_000


class NotACurriculum(Exception):
    """ROOT holds no programme.yml."""


@dataclass
class Parsed:
    """One file read and split, before its front matter is typed."""

    doc: Document | None = None
    data: Any = None
    coerced: dict = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def find_root(start: Path) -> Path:
    root = Path(start)
    if not (root / PROGRAMME_FILE).is_file():
        raise NotACurriculum(f"{root} has no {PROGRAMME_FILE}: not a curriculum folder")
    return root.resolve()


# --- reading one file safely --------------------------------------------------


_LINKED_OUT = "copy the file into the repository instead of linking to it"


@lru_cache(maxsize=256)
def _folder_inside(folder: str, root: str) -> bool:
    """Whether a folder, links resolved, lies inside root (asked once per
    folder per load: resolving every file's path costs more than reading it)."""
    return Path(folder).resolve(strict=True).is_relative_to(root)


def read_bytes(root: Path, rel: str) -> tuple[bytes | None, list[Finding]]:
    """Read a regular file inside root; refuse links out (of the file or of a
    folder on its way), dangling links, devices, FIFOs and giants. (Plain
    string paths and os calls: this runs for every file of every run.)"""
    path = os.path.join(root, rel)
    where = Span(rel, None, None)
    try:
        info = os.lstat(path)
        linked = stat.S_ISLNK(info.st_mode)
        inside = (Path(path).resolve(strict=True).is_relative_to(root) if linked
                  else _folder_inside(os.path.dirname(path), str(root)))
        if not inside:
            message = ("symbolic link pointing outside the repository" if linked
                       else "in a linked folder outside the repository")
            return None, [P.unsafe_file.at(where, message, _LINKED_OUT)]
        if linked:
            info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None, [P.unsafe_file.at(where, "not a regular file (device, FIFO or folder)", "remove it")]
        if info.st_size > MAX_FILE_BYTES:
            return None, [P.file_too_large.at(where, f"file is {info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                                              "split it into smaller files")]
        data = _read_at_most(path, info.st_size, MAX_FILE_BYTES + 1)
    except (OSError, RuntimeError) as error:  # dangling link, link loop, unreadable
        reason = getattr(error, "strerror", None) or str(error)
        return None, [P.unsafe_file.at(where, f"cannot read file: {reason}", "check the file exists and is readable")]
    if len(data) > MAX_FILE_BYTES:
        return None, [P.file_too_large.at(where, f"file is over {MAX_FILE_BYTES:,} bytes", "split it into smaller files")]
    return data, []


def _read_at_most(path: str, expected: int, limit: int) -> bytes:
    """The file's bytes, at most limit of them (a file may grow after its
    size was read)."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        chunks, total, want = [], 0, min(expected + 1, limit)
        while total < limit:
            chunk = os.read(handle, want)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = min(limit - total, 1 << 16)
        return b"".join(chunks)
    finally:
        os.close(handle)


def decode(data: bytes, rel: str) -> tuple[str | None, list[Finding]]:
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return None, [P.file_encoding.at(Span(rel, line, 1), "binary data (a NUL byte) in a text file",
                                         "this is not a text file: remove it or rename it")]
    try:
        return frontmatter.decode(data), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [P.file_encoding.at(Span(rel, line, column), f"not UTF-8 text (byte 0x{data[error.start]:02x})",
                                         "save the file as UTF-8 in your editor")]


def yaml_findings(doc: yamlsafe.YamlDoc, rel: str) -> list[Finding]:
    rules = {"syntax": P.yaml_syntax, "duplicate-key": P.duplicate_key, "alias": P.yaml_alias,
             "tab": P.yaml_tab, "depth": P.yaml_syntax}
    return [rules[p.kind].at(Span(rel, p.line, p.column), p.message, p.hint) for p in doc.problems]


def parse_markdown(data: bytes, rel: str) -> Parsed:
    out = Parsed()
    text, problems = decode(data, rel)
    out.findings += problems
    if text is None:
        return out
    part = frontmatter.split(text)
    if part.problem:
        out.findings.append(_split_finding(part, rel))
        return out
    yaml_doc = yamlsafe.load(part.front, part.front_line)
    out.findings += yaml_findings(yaml_doc, rel)
    out.doc = Document(
        path=rel,
        body=part.body,
        body_line=part.body_line,
        spans=MappingProxyType(dict(yaml_doc.spans)),
        digest=hashlib.sha256(data).hexdigest(),
    )
    extra = frontmatter.extra_block(part.body)
    if extra is not None:
        out.findings.append(P.extra_front_matter.at(out.doc.line(extra), "a second front-matter block in the body",
                                                    "move these keys into the front matter at the top of the file"))
    if yaml_doc.problems:
        return out
    if not isinstance(yaml_doc.data, dict) or not yaml_doc.data:
        out.findings.append(P.not_a_mapping.at(Span(rel, 1, 1), "front matter is empty or not a mapping of keys",
                                               "write one `key: value` per line between the `---` lines"))
        return out
    out.data, out.coerced = yaml_doc.data, yaml_doc.coerced
    return out


def _split_finding(part: frontmatter.Split, rel: str) -> Finding:
    where = Span(rel, part.problem_line, 1)
    if part.problem == "not-first-line":
        return P.front_matter_missing.at(where, "front matter must start on the first line",
                                         "delete the blank lines above the first `---`")
    if part.problem == "dots":
        return P.front_matter_unclosed.at(where, "front matter closed with `...`", "close it with `---` instead")
    if part.problem == "unclosed":
        return P.front_matter_unclosed.at(where, "front matter is never closed",
                                          "add a line holding only `---` after the last key")
    return P.front_matter_missing.at(where, "no front matter: the file must start with a `---` line",
                                     "start the file with `---`, the YAML keys, then `---`")


@dataclass(frozen=True)
class LoadedFile:
    """One content file as the model will hold it."""

    doc: Document | None
    meta: Any  # the typed front matter, or None when it could not be typed
    findings: tuple[Finding, ...]


def load_file(root: Path, rel: str, model: type[BaseModel]) -> LoadedFile:
    """Read, parse and type one file."""
    data, found = read_bytes(root, rel)
    if data is None:
        return LoadedFile(None, None, tuple(found))
    parsed = parse_markdown(data, rel)
    findings, meta = list(parsed.findings), None
    if parsed.data is not None:
        meta, problems = typed(model, parsed.data, parsed.coerced, parsed.doc)
        findings += problems
    return LoadedFile(parsed.doc, meta, tuple(findings))


# --- typing front matter ------------------------------------------------------


def typed(model: type[BaseModel], data: dict, coerced: dict, doc: Document, prefix: tuple = ()) -> tuple[Any, list[Finding]]:
    try:
        meta = model.model_validate(data)
    except ValidationError as error:
        return None, schema_findings(error, model, coerced, doc, prefix, data)
    return meta, list(_leads_missing(meta, doc, data)) if isinstance(meta, PlanMeta) else []


def _leads_missing(meta: PlanMeta, doc: Document, data: dict):
    """Every activity but a break (`break: true`) names the role that leads it.
    Reported as the schema's own missing field, so an author sees one kind of
    finding for a missing key."""
    for i, activity in enumerate(meta.activities):
        if activity.lead is None and not activity.is_break:
            loc = ("activities", i, "lead")
            yield P.missing_field.at(doc.span(*loc), f"'lead' is required{_within(loc, data)}",
                                     "add `lead:` with a role id here, or `break: true` if this is a break")


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The pydantic model that owns the last key of loc."""
    import typing

    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field_info = getattr(current, "model_fields", {}).get(part)
        if field_info is None:
            return None
        annotation = field_info.annotation
        for candidate in (annotation, *typing.get_args(annotation)):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                current = candidate
                break
            inner = [a for a in typing.get_args(candidate) if isinstance(a, type) and issubclass(a, BaseModel)]
            if inner:
                current = inner[0]
                break
        else:
            return None
    return current if isinstance(current, type) else None


_SINGULAR = {"activities": "activity", "key_messages": "key message", "sources": "source"}


def _singular(key: str) -> str:
    if key in _SINGULAR:
        return _SINGULAR[key]
    word = key[:-3] + "y" if key.endswith("ies") else key.removesuffix("s")
    return word.replace("_", " ")


def _item_name(key: str, index: int, item) -> str:
    """`activity 2 (plan-meals)`: counted from 1, with the item's id when it has one."""
    ident = item.get("id") if isinstance(item, dict) else None
    return f"{_singular(key)} {index + 1}" + (f" ({ident})" if isinstance(ident, str) and ident else "")


def _named(loc: tuple, data) -> str:
    """Where a value stands, in the author's words: `activity 2 (plan-meals), 'minutes'`
    rather than `activities.1.minutes`."""
    parts, keys, value = [], [], data
    for part in loc:
        if isinstance(part, int):
            key = keys.pop() if keys else "item"
            if keys:
                parts.append(f"'{'.'.join(keys)}'")
            keys = []
            value = value[part] if isinstance(value, list) and part < len(value) else None
            parts.append(_item_name(key, part, value))
        else:
            keys.append(str(part))
            value = value.get(part) if isinstance(value, dict) else None
    if keys:
        parts.append(f"'{'.'.join(keys)}'")
    return ", ".join(parts) or "the front matter"


def _within(loc: tuple, data) -> str:
    return f" in {_named(loc[:-1], data)}" if loc[:-1] else ""


def schema_findings(error: ValidationError, model, coerced: dict, doc: Document, prefix: tuple = (),
                    data=None) -> list[Finding]:
    found = []
    for item in error.errors(include_url=False):
        loc = prefix + tuple(part for part in item["loc"] if not isinstance(part, str) or not part.startswith("function-"))
        found.append(_schema_finding(item, loc, model, coerced, doc, prefix, data))
    return found


def _schema_finding(item: dict, loc: tuple, model, coerced: dict, doc: Document, prefix: tuple, data) -> Finding:
    kind, where, named = item["type"], doc.span(*loc), _named(loc, data)
    if kind == "missing":
        return P.missing_field.at(where, f"'{loc[-1]}' is required{_within(loc, data)}", f"add `{loc[-1]}:` here")
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[len(prefix):])
        known = [info.alias or name for name, info in getattr(owner, "model_fields", {}).items()] if owner else []
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else (f"known keys: {', '.join(known)}" if known else "remove it")
        return P.unknown_key.at(where, f"unknown key '{loc[-1]}'{_within(loc, data)}", hint)
    if kind == "string_pattern_mismatch":
        return P.bad_id.at(where, f"{named} is {item['input']!r}, not a lowercase slug",
                           "use lowercase letters, digits and single hyphens, e.g. antenatal-2")
    if kind == "string_type" and loc in coerced and _coercion_trap(coerced[loc], item.get("input")):
        raw = coerced[loc]
        return P.coerced_value.at(where, f"'{loc[-1]}: {raw}' was read by YAML as {_as_yaml_read(item['input'])}, not as text",
                                  f'put it in quotes: {loc[-1]}: "{raw}"')
    return P.wrong_type.at(where, _wrong_type_message(kind, item, named), _type_hint(kind, loc))


_SHOULD_BE = (("int", "a whole number"), ("string", "text"), ("str_", "text"), ("list", "a list"), ("tuple", "a list"),
              ("bool", "true or false"), ("date", "a date (year-month-day)"))


def _wrong_type_message(kind: str, item: dict, named: str) -> str:
    value = item.get("input")
    if kind.startswith(("list", "tuple")) and isinstance(value, dict):
        return f"{named} should be a list, not a mapping of keys"
    wanted = next((words for prefix, words in _SHOULD_BE if kind.startswith(prefix) and kind.endswith("_type")), None)
    if wanted is None:
        wanted = item["msg"].lower().replace("tuple", "list").removeprefix("input ").removeprefix("should be ")
    return f"{named} should be {wanted} (got {_short(value)})"


def _coercion_trap(raw: str, value) -> bool:
    """YAML 1.1 changed what the author wrote: `no` -> False, `1.10` -> 1.1,
    an unquoted date. A plain `12` for a title is just a wrong type."""
    return isinstance(value, (bool, dt.date)) or str(value) != raw


def _as_yaml_read(value) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return f"the number {value!r}"


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _type_hint(kind: str, loc: tuple) -> str:
    key = next((part for part in reversed(loc) if isinstance(part, str)), "value")
    if isinstance(loc[-1], int) and kind.startswith(("string", "str_")):
        return f'write it as text, in quotes if in doubt:\n{key}:\n  - "..."'
    if kind.startswith(("list", "tuple")):
        return f'write one item a line, each after "- ":\n{key}:\n  - "..."'
    if kind.startswith("int"):
        return f"write a whole number, e.g. {key}: 20"
    if kind.startswith(("string", "str_")):
        return f'write text, in quotes if in doubt: {key}: "..."'
    if kind.startswith("bool"):
        return f"write true or false: {key}: true"
    if kind.startswith("date"):
        return f"write the date as year-month-day, e.g. {key}: 2026-03-01"
    if kind == "literal_error":
        return "use one of the values the message lists"
    return "see the source format in the docs"


# --- the whole curriculum -----------------------------------------------------

META_OF = {"sessions": PlanMeta, "handouts": HandoutMeta, "facilitator_notes": NoteMeta}  # by source folder


def markdown_files(root: Path, folder: str) -> list[str]:
    """The content files of one source folder, by relative path, sorted."""
    base = root / folder
    if not base.is_dir():
        return []
    return sorted(f"{folder}/{entry.name}" for entry in base.iterdir() if entry.name.endswith(".md") and not entry.name.startswith("."))


def _in_subfolders(root: Path) -> list[Finding]:
    """`.md` files below the source folders' subfolders: never read, so said."""
    found = []
    for folder in SOURCE_DIRS:
        base = root / folder
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            if dirpath == str(base):
                continue
            for name in sorted(filenames):
                if name.endswith(".md") and not name.startswith("."):
                    rel = Path(dirpath, name).relative_to(root).as_posix()
                    found.append(P.file_not_read.at(
                        Span(rel, None, None), f"this file is not read: only files directly in {folder}/ are",
                        f"move it to {folder}/{name} if it belongs in the curriculum, or out of {folder}/ if not"))
    return found


def _inside(root: Path, path: Path) -> bool:
    try:
        return path.resolve(strict=True).is_relative_to(root)
    except (OSError, RuntimeError):
        return False


def _assets(root: Path) -> tuple[frozenset[str], list[Finding]]:
    """Other repository files (images, PDFs); links out of it are findings, not assets."""
    found, problems = set(), []
    for folder in ASSET_DIRS:
        base = root / folder
        if not base.is_dir():
            continue
        if not _inside(root, base):
            problems.append(P.unsafe_file.at(Span(folder, None, None), "folder links outside the repository",
                                             "copy the files into the repository instead of linking to them"))
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if name.endswith(".md"):
                    continue
                rel = Path(dirpath, name).relative_to(root).as_posix()
                if _inside(root, root / rel):
                    found.add(rel)
                else:
                    problems.append(P.unsafe_file.at(Span(rel, None, None),
                                                     "symbolic link pointing outside the repository (or dangling)",
                                                     _LINKED_OUT))
    return frozenset(found), problems


def load_programme(root: Path) -> tuple[Programme | None, Document, list[Finding]]:
    """programme.yml typed, its document and its findings."""
    rel = PROGRAMME_FILE
    data, found = read_bytes(root, rel)
    if data is None:
        return None, Document(path=rel, body="", body_line=1), found
    digest = hashlib.sha256(data).hexdigest()
    text, problems = decode(data, rel)
    if text is None:
        return None, Document(path=rel, body="", body_line=1, digest=digest), problems
    yaml_doc = yamlsafe.load(text, 1)
    doc = Document(path=rel, body="", body_line=1, spans=MappingProxyType(dict(yaml_doc.spans)), digest=digest)
    found = yaml_findings(yaml_doc, rel)
    if found:
        return None, doc, found
    if not isinstance(yaml_doc.data, dict):
        return None, doc, [P.not_a_mapping.at(Span(rel, 1, 1), "programme.yml is empty or not a mapping",
                                              "start from `curriculum init` or the source format in the docs")]
    programme, found = typed(Programme, yaml_doc.data, yaml_doc.coerced, doc)
    return programme, doc, found


def load_texts(root: Path) -> tuple[Texts | None, list[Finding]]:
    """texts.yml typed (None when the repository has none), and its findings:
    each text is typed on its own, so one bad text does not hide the others;
    of two texts with one id the first is kept."""
    rel = TEXTS_FILE
    if not os.path.lexists(root / rel):
        return None, []
    data, found = read_bytes(root, rel)
    text, problems = decode(data, rel) if data is not None else (None, [])
    if text is None:
        return Texts((), Document(path=rel, body="", body_line=1)), found + problems
    yaml_doc = yamlsafe.load(text, 1)
    doc = Document(path=rel, body="", body_line=1, spans=MappingProxyType(dict(yaml_doc.spans)),
                   digest=hashlib.sha256(data).hexdigest())
    found = yaml_findings(yaml_doc, rel)
    if found:
        return Texts((), doc), found
    if yaml_doc.data is None:
        return Texts((), doc), []
    if not isinstance(yaml_doc.data, list):
        return Texts((), doc), [P.wrong_type.at(Span(rel, 1, 1), "texts.yml should be a list of texts, each starting with '- id:'",
                                                "see the texts.yml section of the source format in the docs")]
    items: dict[str, WeeklyText] = {}
    first_at: dict[str, int] = {}
    for index, item in enumerate(yaml_doc.data):
        try:
            typed_text = WeeklyText.model_validate(item)
        except ValidationError as error:
            found += schema_findings(error, WeeklyText, yaml_doc.coerced, doc, (index,), yaml_doc.data)
            continue
        if typed_text.id in items:
            first = doc.span(first_at[typed_text.id], "id").line
            found.append(P.duplicate_id.at(doc.span(index, "id"), f"text id '{typed_text.id}' is also used on line {first}",
                                           "give each text its own id"))
            continue
        items[typed_text.id], first_at[typed_text.id] = typed_text, index
    return Texts(tuple(items.values()), doc, tuple(first_at.values())), found


def load(root: Path | str) -> tuple[Curriculum, list[Finding]]:
    """The curriculum at root, and every problem met reading it. Each file
    is read once."""
    root = find_root(Path(root))
    _folder_inside.cache_clear()  # folders may have been relinked since the last load
    programme, programme_doc, findings = load_programme(root)
    files = 1
    typed_files: list[tuple[str, Any, Document]] = []  # (rel, typed front matter, document) in load order
    listed = {folder: markdown_files(root, folder) for folder in SOURCE_DIRS}
    for folder in SOURCE_DIRS:
        for rel in listed[folder]:
            files += 1
            loaded = load_file(root, rel, META_OF[folder])
            findings.extend(loaded.findings)
            if loaded.meta is not None:
                typed_files.append((rel, loaded.meta, loaded.doc))
    plans, handouts, contact_notes, chapters, placing = place(typed_files)
    findings += placing
    findings += _in_subfolders(root)
    assets, problems = _assets(root)
    findings += problems
    texts, problems = load_texts(root)
    findings += problems
    files += texts is not None
    curriculum = Curriculum(
        root=str(root),
        programme=programme,
        programme_doc=programme_doc,
        plans=MappingProxyType(plans),
        handouts=MappingProxyType(handouts),
        contact_notes=MappingProxyType(contact_notes),
        chapters=tuple(chapters),
        files=files,
        assets=assets,
        present=frozenset(rel for folder in SOURCE_DIRS for rel in listed[folder]),
        texts=texts,
    )
    return curriculum, findings


def place(typed_files: list[tuple[str, Any, Document]]) -> tuple[dict, dict, dict, list, list[Finding]]:
    """Content files with typed front matter, in load order, placed in the
    model (plans and handouts by id, the first of an id kept; notes by
    contact, guide chapters in order), and the findings of placing them: a
    duplicate id, an id that differs from the file name, a contact's second
    notes file."""
    plans: dict[str, Plan] = {}
    handouts: dict[str, Handout] = {}
    contact_notes: dict[str, Note] = {}
    chapters: list[Note] = []
    found: list[Finding] = []
    for rel, meta, doc in typed_files:
        folder = rel.split("/", 1)[0]
        if folder == "sessions":
            found.extend(_id_checks(meta.id, rel, doc, plans, "plan"))
            plans.setdefault(meta.id, Plan(meta, doc))
        elif folder == "handouts":
            found.extend(_id_checks(meta.id, rel, doc, handouts, "handout"))
            handouts.setdefault(meta.id, Handout(meta, doc))
        elif meta.contact is None:
            chapters.append(Note(meta, doc))
        elif meta.contact in contact_notes:
            first = contact_notes[meta.contact].doc.path
            found.append(P.duplicate_notes.at(doc.span("contact"), f"contact '{meta.contact}' already has notes in {first}",
                                              "merge the two files: a contact has at most one notes file"))
        else:
            contact_notes[meta.contact] = Note(meta, doc)
    chapters.sort(key=lambda note: (note.meta.order, note.doc.path))
    return plans, handouts, contact_notes, chapters, found


def _id_checks(ident: str, rel: str, doc: Document, seen: dict, what: str) -> list[Finding]:
    found = []
    if ident in seen:
        found.append(P.duplicate_id.at(doc.span("id"), f"{what} id '{ident}' is also used by {seen[ident].doc.path}",
                                       "give each file its own id"))
    stem = rel.rsplit("/", 1)[-1].removesuffix(".md")
    if stem != ident:
        found.append(P.file_name_mismatch.at(doc.span("id"), f"id '{ident}' differs from the file name '{stem}.md'",
                                             _rename_hint(ident, stem)))
    return found


def _rename_hint(ident: str, stem: str) -> str:
    if re.fullmatch(SLUG_PATTERN, stem):
        return f"rename the file to {ident}.md or set id: {stem}"
    slug = "-".join(re.findall(r"[a-z0-9]+", stem.lower()))
    if not slug or slug == ident:
        return f"rename the file to {ident}.md (ids and file names are lowercase, with hyphens)"
    return (f"rename the file to {ident}.md, or rename it to {slug}.md and set id: {slug} "
            "(ids and file names are lowercase, with hyphens)")
