"""CUR150–152, CUR260–261, CUR520–521, CUR850–851: translations
(translations/<lang>/, FORMAT.md section 9).

A translation is checked against its source: the source must exist, the
front matter must agree with it on everything that is not words (ids,
activities and their minutes and leads, themes, handouts), and the source
must not have changed since (`translated_from`). A translated parents
handout is held to the same audience rule as its source, and to a reading
measure that works in its language (LIX).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ...findings import Finding, Span, rule
from ...model import Curriculum, Language, Translation
from ...source.load import TEXTS_FILE
from ...source.translations import HASH_PATTERN, TRANSLATIONS_DIR, is_tag
from .. import lix
from ._util import did_you_mean
from .audience import PRINTED_KEYS, facilitator_blocks

# Front matter in words: a translation translates these; everything else
# must be as in the source (by model field name; "activities.title" is the
# title of each activity).
TRANSLATED_FIELDS = frozenset({"title", "summary", "timing", "aims", "outcomes", "materials", "sources",
                               "reviewed", "activities.title"})
DEFAULT_MAX_LIX = 45


def translations(cur: Curriculum) -> Iterator[tuple[Language, Translation]]:
    for language in cur.translations.values():
        for translation in language.files.values():
            yield language, translation


def _hash_hint(translation: Translation) -> str:
    if translation.source_hash is None:
        return "add `translated_from:` with the hash `curriculum translations` prints for the source"
    return (f"once the text matches {translation.source} as it is now, write: translated_from: {translation.source_hash}"
            " (`curriculum translations` prints it)")


@rule("CUR150", "translated-from-missing")
def translated_from_missing(cur: Curriculum, options) -> Iterator[Finding]:
    """A translation's front matter must say which version of the source it
    translates: `translated_from:`, the first 12 hex digits of the sha256 of
    the source file (its bytes, CRLF made LF) when it was translated.

    Why: without it nobody can tell that the English advice has changed
    since, and a family could be left reading the old advice.

    Bad: translations/pl/handouts/safer-sleep.md with no `translated_from:`.
    Good: `translated_from: 3f2a9c1d0b7e` (`curriculum translations` prints
    the hash of each source).
    """
    for _, translation in translations(cur):
        if translation.source_hash is not None and translation.translated_from is None:
            yield translated_from_missing.at(Span(translation.doc.path, 1, 1),
                                             f"no `translated_from:`: which version of {translation.source} does this translate?",
                                             _hash_hint(translation))


@rule("CUR151", "translated-from-malformed")
def translated_from_malformed(cur: Curriculum, options) -> Iterator[Finding]:
    """`translated_from:` must be 12 lowercase hex digits (0-9, a-f): the
    start of the source file's sha256.

    Bad: `translated_from: 2026-03-01` or `translated_from: v2`.
    Good: `translated_from: "3f2a9c1d0b7e"` (quote it if it is all digits).
    """
    for _, translation in translations(cur):
        value = translation.translated_from
        if value is None or (isinstance(value, str) and HASH_PATTERN.match(value)):
            continue
        yield translated_from_malformed.at(translation.doc.span("translated_from"),
                                           f"translated_from is {str(value)[:40]!r}, not 12 hex digits",
                                           _hash_hint(translation))


@rule("CUR152", "language-tag")
def language_tag(cur: Curriculum, options) -> Iterator[Finding]:
    """Each folder of `translations/` is named by a BCP 47 language tag:
    `pl`, `ar`, `ur`, `ro`, `bn`, `pa`, or with a region or script,
    `pt-BR`, `pa-Arab`.

    Why: the tag becomes the pages' `lang`, the PDFs' `/Lang` and the
    site's language folder; screen readers choose their voice from it.

    Bad: translations/Polish/, translations/pl_PL/.
    Good: translations/pl/.
    """
    for tag in cur.translations:
        if not is_tag(tag):
            yield language_tag.at(Span(f"{TRANSLATIONS_DIR}/{tag}", None, None),
                                  f"'{tag}' is not a language tag",
                                  "name the folder by its BCP 47 tag, e.g. pl, ar, ur, ro, bn or pt-BR")


def _sources(cur: Curriculum) -> set[str]:
    return set(cur.present) if cur.present is not None else {doc for doc in _loaded(cur)}


def _loaded(cur: Curriculum) -> Iterator[str]:
    yield from (plan.doc.path for plan in cur.plans.values())
    yield from (handout.doc.path for handout in cur.handouts.values())
    yield from (note.doc.path for note in (*cur.contact_notes.values(), *cur.chapters))


@rule("CUR260", "translation-without-source")
def translation_without_source(cur: Curriculum, options) -> Iterator[Finding]:
    """`translations/<lang>/<path>` translates the file at `<path>`, which
    must exist: a plan in sessions/, a handout in handouts/, a note in
    facilitator_notes/, or texts.yml.

    Why: a translation of a renamed or deleted file is never published and
    never checked: its advice is orphaned.

    Bad: translations/pl/handouts/safe-sleep.md when the handout is
    handouts/safer-sleep.md.
    Good: translations/pl/handouts/safer-sleep.md.
    """
    sources = _sources(cur)
    for _, translation in translations(cur):
        if translation.source_hash is None and translation.source == TEXTS_FILE:
            yield translation_without_source.at(Span(translation.doc.path, 1, 1),
                                                f"there is no {TEXTS_FILE} for this to translate",
                                                f"add the weekly texts in {TEXTS_FILE} first, or delete this file")
        elif translation.source_hash is None:
            same_folder = [path for path in sources if posixpath.dirname(path) == posixpath.dirname(translation.source)]
            yield translation_without_source.at(
                Span(translation.doc.path, 1, 1), f"there is no {translation.source} for this to translate",
                f"rename it after its source ({did_you_mean(translation.source, sorted(same_folder))}), or delete it")


def _source_meta(cur: Curriculum, translation: Translation):
    folder = translation.source.split("/", 1)[0]
    for item in {"sessions": cur.plans, "handouts": cur.handouts}.get(folder, {}).values():
        if item.doc.path == translation.source:
            return item.meta
    for note in (*cur.contact_notes.values(), *cur.chapters):
        if note.doc.path == translation.source:
            return note.meta
    return None


def _structure(meta) -> dict:
    """The front matter that is not words, by key (activities by position)."""
    data = meta.model_dump()
    out = {key: value for key, value in data.items() if key not in TRANSLATED_FIELDS}
    if "activities" in out:
        out["activities"] = [{key: value for key, value in activity.items() if f"activities.{key}" not in TRANSLATED_FIELDS}
                             for activity in out["activities"]]
    return out


def _shown(value) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
    return f"[{text}]" if isinstance(value, (list, tuple)) else repr(value)


def _differences(source: dict, translated: dict) -> Iterator[tuple[tuple, str]]:
    """(front-matter location, what differs) of each key that differs."""
    for key in source:
        mine, theirs = translated.get(key), source[key]
        if mine == theirs:
            continue
        if key == "activities" and len(mine) == len(theirs):
            for index, (a, b) in enumerate(zip(mine, theirs)):
                for inner in b:
                    if a.get(inner) != b[inner]:
                        yield ((key, index, inner),
                               f"activity {index + 1} has {inner} {_shown(a.get(inner))} here but {_shown(b[inner])} in the source")
        elif key == "activities":
            yield (key,), (f"activities {_shown([a['id'] for a in mine])} here but "
                           f"{_shown([a['id'] for a in theirs])} in the source")
        else:
            yield (key,), f"{key} is {_shown(mine)} here but {_shown(theirs)} in the source"


@rule("CUR261", "translation-differs")
def translation_differs(cur: Curriculum, options) -> Iterator[Finding]:
    """A translation's front matter repeats its source's, translating only
    the words (`title`, `summary`, `timing`, `aims`, `outcomes`,
    `materials`, `sources` and each activity's `title`). Everything else,
    the id, the audience, the activities with their ids, minutes and leads,
    the themes, threads and messages, the handouts, must be as in the
    source.

    Why: the site and the PDFs of a language are laid out from its
    translations; a theme or handout that differs would give families in
    that language a different programme.

    Bad: `themes: [sleep]` in translations/pl/handouts/safer-sleep.md when
    the source has `themes: [sleep, baby-care]`.
    Good: `themes: [sleep, baby-care]`, as in the source.
    """
    for _, translation in translations(cur):
        source = _source_meta(cur, translation)
        if source is None or translation.meta is None or type(source) is not type(translation.meta):
            continue
        for loc, message in _differences(_structure(source), _structure(translation.meta)):
            yield translation_differs.at(translation.doc.span(*loc), f"{message} ({translation.source})",
                                         f"copy it from {translation.source}: only the words are translated")


@rule("CUR520", "facilitator-block-in-translation")
def facilitator_block_in_translation(cur: Curriculum, options) -> Iterator[Finding]:
    """A translated parents handout may not hold a facilitator-only block
    (`!!! facilitator`, `!!! safeguarding`, or any type listed in
    `rules.facilitator_blocks`), in its body or in its `title` and
    `summary`, exactly as its source may not (CUR501).

    Why: a translation is printed and published for parents like its source.

    Bad: `!!! safeguarding` in translations/ar/handouts/safer-sleep.md.
    Good: keep such blocks in the plans and facilitator notes.
    """
    if cur.programme is None:
        return
    types = cur.programme.rules.facilitator_blocks
    hint = "move it to the plan or to the facilitator notes: parents are given this handout"
    for _, translation in translations(cur):
        if getattr(translation.meta, "audience", None) != "parents":
            continue
        for key in PRINTED_KEYS:
            for _, kind in facilitator_blocks(getattr(translation.meta, key, "") or "", types)[:1]:
                yield facilitator_block_in_translation.at(
                    translation.doc.span(key), f"facilitator-only block '!!! {kind}' in the `{key}` of a parents handout", hint)
        for index, kind in facilitator_blocks(translation.doc.body, types):
            yield facilitator_block_in_translation.at(translation.doc.line(index),
                                                      f"facilitator-only block '!!! {kind}' in a parents handout", hint)


@rule("CUR521", "translation-reading-level", "warning")
def translation_reading_level(cur: Curriculum, options) -> Iterator[Finding]:
    """A translated parents handout reads at or below its language's LIX
    limit (`max_lix` in translations/<lang>/language.yml; 45 unless set).
    LIX = words per sentence + the percentage of words longer than six
    letters; it works in any language, where the Flesch–Kincaid grade of
    CUR510 counts English syllables. Under 30 is very easy, 30–40 easy,
    40–50 standard, over 50 hard. The message names the three hardest
    sentences.

    Why: a translation can be much harder to read than its plain English
    source (long, formal sentences are a common habit of translation).

    Bad: a Polish handout of 30-word sentences of long formal words (LIX 60).
    Good: short sentences and everyday words, as in the English (LIX under 45).
    """
    for language, translation in translations(cur):
        if getattr(translation.meta, "audience", None) != "parents":
            continue
        limit = language.meta.max_lix or DEFAULT_MAX_LIX
        found = lix.sentences(translation.doc.body, translation.doc.body_line)
        score = lix.lix(found)
        if score > limit:
            hard = lix.hardest(found)
            listed = "; ".join(f"line {s.line}: \"{s.text[:80]}\"" for s in hard)
            yield translation_reading_level.at(
                Span(translation.doc.path, hard[0].line, 1),
                f"LIX {score:g} is over {limit} for {language.meta.english_name or language.tag}. Hardest sentences: {listed}",
                "use shorter sentences and everyday words, as the source does")


@rule("CUR850", "translation-stale", "warning")
def translation_stale(cur: Curriculum, options) -> Iterator[Finding]:
    """A translation whose source has changed since it was translated: its
    `translated_from:` is not the hash of the source as it is now.

    Why: the danger of a translation is that it silently keeps old clinical
    advice after the English changes. The warning names both files and the
    command that shows what changed.

    Bad: handouts/safer-sleep.md edited after translations/pl/handouts/safer-sleep.md
    was translated, and the translation left as it was.
    Good: run `curriculum translations diff pl handouts/safer-sleep.md`,
    bring the translation up to date, then set `translated_from:` to the
    hash it prints.
    """
    for language, translation in translations(cur):
        value, now = translation.translated_from, translation.source_hash
        if now is None or not isinstance(value, str) or not HASH_PATTERN.match(value) or value == now:
            continue
        yield translation_stale.at(
            translation.doc.span("translated_from"),
            f"{translation.source} has changed since {translation.doc.path} was translated "
            f"(translated from {value}, the source is now {now})",
            f"see what changed: curriculum translations diff {language.tag} {translation.source}; "
            f"update the translation, then set translated_from: {now}")


@rule("CUR851", "translation-not-reviewed", "info")
def translation_not_reviewed(cur: Curriculum, options) -> Iterator[Finding]:
    """A translated parents handout, or a language's texts.yml, that no
    clinician who speaks the language has checked yet: it has no
    `reviewed:` date. The site and the
    PDFs show the language's `unreviewed_notice` on it until it has.

    Why: a translation of clinical advice can be fluent and wrong; a
    native-speaking midwife, health visitor or doctor checks it against the
    English before it is given to families as reviewed.

    Bad: a translation with no `reviewed:` given to families without a word.
    Good: `reviewed: 2027-01-15` and `reviewed_by: "midwife, Polish native speaker"`
    once checked (docs/translations.md, the review step).
    """
    for language, translation in translations(cur):
        for_parents = getattr(translation.meta, "audience", None) == "parents" or translation.source == TEXTS_FILE
        if translation.reviewed is None and for_parents:
            yield translation_not_reviewed.at(
                Span(translation.doc.path, 1, 1),
                f"not yet checked by a clinician who speaks {language.meta.english_name or language.tag}",
                "once checked, add `reviewed: YYYY-MM-DD` and `reviewed_by:` (docs/translations.md)")
