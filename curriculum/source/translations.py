"""Reading translations/<lang>/ (FORMAT.md section 9).

`translations/<lang>/handouts/<id>.md` (also `sessions/`,
`facilitator_notes/`) is the translation of the file of the same path. Its
front matter repeats the source's, typed by the source's model, and adds
`translated_from` (the source's hash when it was translated), `reviewed`
(the day a clinician who speaks the language checked it) and `reviewed_by`.
`translations/<lang>/language.yml` names the language and holds the
notices the site and the PDFs show in it. `translations/<lang>/texts.yml`
translates the weekly texts: a mapping of the same keys and `texts:`, a
list of `{id, text}` (FORMAT.md section 10); its `meta` is TranslatedTexts.

Problems met reading are findings, as in `load.py`; the checks that need
the source (does it exist, does the front matter agree, is it stale) are
rules in `check/rules/translations.py`.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from ..findings import Finding, Span
from ..model import (
    Curriculum,
    Document,
    IsoDate,
    Language,
    LanguageMeta,
    Model,
    TranslatedText,
    TranslatedTexts,
    Translation,
)
from . import problems as P
from . import yamlsafe
from .load import (
    META_OF,
    SOURCE_DIRS,
    TEXTS_FILE,
    decode,
    load,
    parse_markdown,
    read_bytes,
    schema_findings,
    typed,
    yaml_findings,
)

TRANSLATIONS_DIR = "translations"
LANGUAGE_FILE = "language.yml"
# Keys a translation's front matter adds to its source's.
TRANSLATION_KEYS = ("translated_from", "reviewed", "reviewed_by")
HASH_LENGTH = 12
HASH_PATTERN = re.compile(r"^[0-9a-f]{12}$")
# A BCP 47 tag as folders use them: a language, then script, region or variant subtags.
TAG_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class TranslationKeys(Model):
    """The keys a translation adds to its source's front matter."""

    translated_from: Any = None  # as written: checked by CUR150 and CUR151
    reviewed: IsoDate | None = None
    reviewed_by: str = ""


def source_hash(data: bytes) -> str:
    """The first 12 hex digits of the sha256 of a file's bytes, CRLF made LF
    (so a checkout on Windows gives the same hash)."""
    return hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()[:HASH_LENGTH]


def file_hash(root: Path, rel: str) -> str | None:
    """The hash of a repository file now, or None when it cannot be read."""
    data, _ = read_bytes(root, rel)
    return None if data is None else source_hash(data)


def language_tags(root: Path) -> list[str]:
    """The folders of translations/, sorted (each one a language)."""
    base = root / TRANSLATIONS_DIR
    if not base.is_dir():
        return []
    return sorted(entry.name for entry in base.iterdir() if entry.is_dir() and not entry.name.startswith("."))


class TextsTranslationFile(Model):
    """translations/<lang>/texts.yml as a whole; each text is typed on its own."""

    translated_from: Any = None  # as written: checked by CUR150 and CUR151
    reviewed: IsoDate | None = None
    reviewed_by: str = ""
    texts: list[Any] = []


def translated_files(root: Path, tag: str) -> list[str]:
    """Every `.md` file under translations/<tag>/, and its texts.yml, by path
    relative to that folder."""
    base = root / TRANSLATIONS_DIR / tag
    found = [TEXTS_FILE] if os.path.lexists(base / TEXTS_FILE) else []
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(".md") and not name.startswith("."):
                found.append(Path(dirpath, name).relative_to(base).as_posix())
    return found


def _language_meta(root: Path, tag: str) -> tuple[LanguageMeta, Document, list[Finding]]:
    rel = f"{TRANSLATIONS_DIR}/{tag}/{LANGUAGE_FILE}"
    empty = Document(path=rel, body="", body_line=1)
    if not (root / rel).exists():
        return LanguageMeta(), empty, []
    data, found = read_bytes(root, rel)
    text = None
    if data is not None:
        text, problems = decode(data, rel)
        found += problems
    if text is None:
        return LanguageMeta(), empty, found
    yaml_doc = yamlsafe.load(text, 1)
    doc = Document(path=rel, body="", body_line=1, spans=MappingProxyType(dict(yaml_doc.spans)))
    found = yaml_findings(yaml_doc, rel)
    if found or yaml_doc.data is None:
        return LanguageMeta(), doc, found
    meta, found = typed(LanguageMeta, yaml_doc.data if isinstance(yaml_doc.data, dict) else {"name": yaml_doc.data},
                        yaml_doc.coerced, doc)
    return meta or LanguageMeta(), doc, found


def _translated_texts(data: list, coerced: dict, doc: Document, whole: dict) -> tuple[TranslatedTexts, list[Finding]]:
    """Each `{id, text}` of a translated texts.yml typed on its own, so one bad
    text does not hide the others."""
    items, positions, found = [], [], []
    for index, item in enumerate(data):
        try:
            items.append(TranslatedText.model_validate(item))
        except ValidationError as error:
            found += schema_findings(error, TranslatedText, coerced, doc, ("texts", index), whole)
            continue
        positions.append(index)
    return TranslatedTexts(tuple(items), tuple(positions)), found


def load_texts_translation(root: Path, tag: str) -> tuple[Translation | None, list[Finding]]:
    """translations/<tag>/texts.yml: the weekly texts in that language."""
    rel = f"{TRANSLATIONS_DIR}/{tag}/{TEXTS_FILE}"
    data, found = read_bytes(root, rel)
    text, problems = decode(data, rel) if data is not None else (None, [])
    if text is None:
        return None, found + problems
    yaml_doc = yamlsafe.load(text, 1)
    doc = Document(path=rel, body="", body_line=1, spans=MappingProxyType(dict(yaml_doc.spans)))
    found = yaml_findings(yaml_doc, rel)
    if found:
        return None, found
    if not isinstance(yaml_doc.data, dict):
        return None, [P.not_a_mapping.at(Span(rel, 1, 1), f"{rel} is empty or not a mapping",
                                         "write `translated_from:` and `texts:`, a list of `- id:` and `text:` "
                                         "(docs/translations.md)")]
    whole, found = typed(TextsTranslationFile, yaml_doc.data, yaml_doc.coerced, doc)
    if whole is None:
        return None, found
    meta, found = _translated_texts(whole.texts, yaml_doc.coerced, doc, yaml_doc.data)
    return Translation(lang=tag, source=TEXTS_FILE, doc=doc, meta=meta, translated_from=whole.translated_from,
                       reviewed=whole.reviewed, reviewed_by=whole.reviewed_by,
                       source_hash=file_hash(root, TEXTS_FILE) if (root / TEXTS_FILE).is_file() else None), found


def load_translation(root: Path, tag: str, source: str) -> tuple[Translation | None, list[Finding]]:
    """One translated file, typed by its source's model."""
    if source == TEXTS_FILE:
        return load_texts_translation(root, tag)
    rel = f"{TRANSLATIONS_DIR}/{tag}/{source}"
    data, found = read_bytes(root, rel)
    if data is None:
        return None, found
    parsed = parse_markdown(data, rel)
    found = list(parsed.findings)
    if parsed.doc is None:
        return None, found
    own = {key: parsed.data.pop(key) for key in TRANSLATION_KEYS if parsed.data and key in parsed.data}
    keys, problems = typed(TranslationKeys, own, parsed.coerced, parsed.doc)
    found += problems
    keys = keys or TranslationKeys()
    model = META_OF.get(source.split("/", 1)[0])
    meta = None
    if model is not None and parsed.data is not None:
        meta, problems = typed(model, parsed.data, parsed.coerced, parsed.doc)
        found += problems
    translation = Translation(
        lang=tag, source=source, doc=parsed.doc, meta=meta,
        translated_from=own.get("translated_from"),
        reviewed=keys.reviewed, reviewed_by=keys.reviewed_by,
        source_hash=file_hash(root, source) if _is_source(source) and (root / source).is_file() else None,
    )
    return translation, found


def _is_source(source: str) -> bool:
    folder, _, name = source.partition("/")
    return folder in SOURCE_DIRS and "/" not in name


def load_translations(root: Path) -> tuple[dict[str, Language], list[Finding]]:
    """Every language under translations/, by tag, and the findings of reading them."""
    languages: dict[str, Language] = {}
    found: list[Finding] = []
    for tag in language_tags(root):
        meta, doc, problems = _language_meta(root, tag)
        found += problems
        files = {}
        for source in translated_files(root, tag):
            translation, problems = load_translation(root, tag, source)
            found += problems
            if translation is not None:
                files[source] = translation
        languages[tag] = Language(tag=tag, meta=meta, doc=doc, files=MappingProxyType(files))
    return languages, found


def is_tag(tag: str) -> bool:
    return bool(TAG_PATTERN.match(tag))


def where(translation: Translation, key: str) -> Span:
    return translation.doc.span(key)


def load_all(root: Path | str) -> tuple[Curriculum, list[Finding]]:
    """`load.load` and the translations: the curriculum every command checks
    and builds."""
    cur, found = load(root)
    languages, problems = load_translations(Path(cur.root))
    if not languages:
        return cur, found
    return replace(cur, translations=MappingProxyType(languages)), found + problems
