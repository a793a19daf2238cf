"""`curriculum translations`: per language and source file, whether its
translation is current, stale or missing; and `curriculum translations
diff`, what changed in a source since it was translated."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path

from ..model import Curriculum, Language, TranslatedTexts
from ..source.git import NotARevision, find_version
from ..source.load import TEXTS_FILE
from ..source.translations import HASH_PATTERN, TRANSLATIONS_DIR, file_hash, source_hash

CURRENT, STALE, MISSING = "current", "stale", "missing"


@dataclass(frozen=True)
class Row:
    path: str  # the source file
    status: str  # current, stale or missing
    translation: str | None  # its translation's path, when there is one
    translated_from: str | None
    source_hash: str | None
    reviewed: str | None
    untranslated: tuple[str, ...] = ()  # texts.yml: the ids of its texts this language does not translate

    def as_dict(self) -> dict:
        found = {"path": self.path, "status": self.status, "translation": self.translation,
                 "translated_from": self.translated_from, "source_hash": self.source_hash, "reviewed": self.reviewed}
        if self.path == TEXTS_FILE:
            found["untranslated"] = list(self.untranslated)
        return found


def source_files(cur: Curriculum) -> list[str]:
    """Every source file a language may translate, sorted."""
    texts = [TEXTS_FILE] if cur.texts is not None else []
    if cur.present is not None:
        return sorted([*cur.present, *texts])
    docs = [*(p.doc for p in cur.plans.values()), *(h.doc for h in cur.handouts.values()),
            *(n.doc for n in (*cur.contact_notes.values(), *cur.chapters))]
    return sorted([*(doc.path for doc in docs), *texts])


def untranslated_texts(cur: Curriculum, language: Language) -> tuple[str, ...]:
    """The ids of the texts of texts.yml that the language's texts.yml does
    not translate (all of them when it has none): each is sent in English."""
    translation = language.files.get(TEXTS_FILE)
    done = translation.meta.by_id() if translation is not None and isinstance(translation.meta, TranslatedTexts) else {}
    return tuple(text.id for text in (cur.texts.items if cur.texts else ()) if text.id not in done)


def rows(cur: Curriculum, language: Language) -> list[Row]:
    root = Path(cur.root)
    found = []
    for path in source_files(cur):
        now = file_hash(root, path)
        translation = language.files.get(path)
        untranslated = untranslated_texts(cur, language) if path == TEXTS_FILE else ()
        if translation is None:
            found.append(Row(path, MISSING, None, None, now, None, untranslated))
            continue
        written = translation.translated_from if isinstance(translation.translated_from, str) else None
        status = CURRENT if written is not None and written == now else STALE
        found.append(Row(path, status, translation.doc.path, written, now,
                         translation.reviewed.isoformat() if translation.reviewed else None, untranslated))
    return found


def status(cur: Curriculum) -> list[tuple[Language, list[Row]]]:
    return [(language, rows(cur, language)) for language in cur.translations.values()]


def as_json(found: list[tuple[Language, list[Row]]]) -> str:
    return json.dumps({"languages": [
        {"tag": language.tag, "name": language.name, "direction": language.direction,
         "counts": _counts(table), "files": [row.as_dict() for row in table]}
        for language, table in found]}, indent=2, ensure_ascii=False) + "\n"


def _counts(table: list[Row]) -> dict[str, int]:
    return {kind: sum(1 for row in table if row.status == kind) for kind in (CURRENT, STALE, MISSING)}


def as_text(found: list[tuple[Language, list[Row]]]) -> str:
    if not found:
        return f"No translations: add a folder {TRANSLATIONS_DIR}/<language tag>/ (docs/translations.md).\n"
    out = []
    for language, table in found:
        counts = _counts(table)
        out.append(f"{language.tag} ({language.name}): {counts[CURRENT]} current, {counts[STALE]} stale, "
                   f"{counts[MISSING]} missing")
        for row in table:
            line = f"  {row.status:<8} {row.path}"
            if row.status == STALE:
                line += (f"  (translated from {row.translated_from or 'an unknown version'}, now {row.source_hash}: "
                         f"curriculum translations diff {language.tag} {row.path})")
            elif row.status == MISSING:
                texts = f", {len(row.untranslated)} texts" if row.path == TEXTS_FILE else ""
                line += f"  (hash {row.source_hash}{texts})"
            elif row.reviewed is None:
                line += "  (not yet reviewed)"
            out.append(line)
            out += _untranslated_lines(row)
    return "\n".join(out) + "\n"


def _untranslated_lines(row: Row) -> list[str]:
    """Under texts.yml, when the language has it: each text not translated (sent in English)."""
    if row.path != TEXTS_FILE or not row.untranslated or row.status == MISSING:
        return []
    count = len(row.untranslated)
    return [f"    {count} text{'s' if count != 1 else ''} not translated (sent in English):",
            *(f"    missing  text {text_id}" for text_id in row.untranslated)]


FORMATS = {"text": as_text, "json": as_json}


class CannotDiff(Exception):
    """What changed cannot be shown; the message says why, plainly."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


USAGE, NO_HISTORY = 2, 3  # the exit codes of `curriculum translations diff` when it cannot show a diff


def _normalised(data: bytes) -> list[str]:
    return data.replace(b"\r\n", b"\n").decode("utf-8", "replace").splitlines(keepends=True)


def diff(cur: Curriculum, tag: str, path: str) -> str:
    """A unified diff of the source `path` from the version language `tag`
    translated (found in git history by its hash) to the file as it is now."""
    language = cur.translations.get(tag)
    if language is None:
        known = ", ".join(cur.translations) or "none"
        raise CannotDiff(f"no language '{tag}' in {TRANSLATIONS_DIR}/ (languages: {known})", USAGE)
    path = path.removeprefix(f"{TRANSLATIONS_DIR}/{tag}/")
    translation = language.files.get(path)
    if translation is None:
        raise CannotDiff(f"there is no {TRANSLATIONS_DIR}/{tag}/{path}: give the source's path, "
                         "e.g. handouts/safer-sleep.md", USAGE)
    wanted = translation.translated_from
    if not isinstance(wanted, str) or not HASH_PATTERN.match(wanted):
        raise CannotDiff(f"{translation.doc.path} has no valid `translated_from:`, so the version it was "
                         "translated from is not known", USAGE)
    root = Path(cur.root)
    now = (root / path).read_bytes()
    if source_hash(now) == wanted:
        return f"{path} has not changed since {translation.doc.path} was translated ({wanted}).\n"
    try:
        version = find_version(root, path, lambda data: source_hash(data) == wanted)
    except NotARevision as error:
        raise CannotDiff(f"cannot look in the history of {path}: {error}. Without git history the version "
                         f"{wanted} cannot be found; compare the translation with {path} by eye.", NO_HISTORY) from None
    if version is None:
        raise CannotDiff(f"no committed version of {path} has the hash {wanted}: it was never committed, or the "
                         f"history was rewritten. Compare {translation.doc.path} with {path} by eye.", NO_HISTORY)
    lines = difflib.unified_diff(_normalised(version.data), _normalised(now),
                                 f"{path} as translated ({wanted}, commit {version.commit[:10]} of {version.date})",
                                 f"{path} now ({source_hash(now)})")
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
