"""CUR153, CUR262–263, CUR522: the weekly texts translated
(translations/<lang>/texts.yml, FORMAT.md sections 9 and 10).

The file as a whole is checked as every translation is (CUR150, CUR151,
CUR260, CUR850, CUR851 in `translations.py`); these rules check its texts:
each names a text of texts.yml once, is not empty, and is not sent in more
SMS parts than `rules.translated_text_max_segments`. A text of texts.yml
with no translation is sent in English; `curriculum translations` lists it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, rule
from ...model import Curriculum, Language, TranslatedText, TranslatedTexts, Translation
from ...source.load import TEXTS_FILE
from ...texts import sms
from ._util import did_you_mean

DEFAULT_MAX_SEGMENTS = 3


def translated_texts(cur: Curriculum) -> Iterator[tuple[Language, Translation, TranslatedTexts]]:
    """Each language's texts.yml (that could be read)."""
    for language in cur.translations.values():
        translation = language.files.get(TEXTS_FILE)
        if translation is not None and isinstance(translation.meta, TranslatedTexts):
            yield language, translation, translation.meta


def _entries(translation: Translation, texts: TranslatedTexts) -> Iterator[tuple[TranslatedText, int]]:
    """(text, its index in the file's `texts:` list)."""
    yield from zip(texts.items, texts.positions)


@rule("CUR153", "translated-text-empty")
def translated_text_empty(cur: Curriculum, options) -> Iterator[Finding]:
    """Each text of translations/<lang>/texts.yml has words: a `text:` that
    is missing, empty or only spaces is an error.

    Why: an empty text would be sent as an empty SMS, or not at all with
    nobody told; a text not translated yet is left out of the file (it is
    then sent in English, and `curriculum translations` lists it).

    Bad: `- {id: pregnant-27, text: ""}`.
    Good: the translated words, or no entry for pregnant-27 yet.
    """
    for _, translation, texts in translated_texts(cur):
        for item, index in _entries(translation, texts):
            if not item.text.strip():
                yield translated_text_empty.at(translation.doc.span("texts", index, "text"), f"text '{item.id}' has no words",
                                               f"translate the text '{item.id}' of {TEXTS_FILE}, or delete the entry "
                                               "until it is translated (it is then sent in English)")


@rule("CUR262", "translated-text-unknown")
def translated_text_unknown(cur: Curriculum, options) -> Iterator[Finding]:
    """Each text of translations/<lang>/texts.yml has the `id` of a text of
    texts.yml: it translates that text, and is sent when and as that text
    is (its `when` and `themes` are the English text's).

    Why: a translation of a renamed or deleted text is never sent; a family
    reading that language would silently get the English instead.

    Bad: `- id: pregnant-72` when texts.yml has `pregnant-27`.
    Good: `- id: pregnant-27`.
    """
    if cur.texts is None:
        return
    known = [text.id for text in cur.texts.items]
    for _, translation, texts in translated_texts(cur):
        for item, index in _entries(translation, texts):
            if item.id not in known:
                yield translated_text_unknown.at(translation.doc.span("texts", index, "id"),
                                                 f"no text '{item.id}' in {TEXTS_FILE} for this to translate",
                                                 did_you_mean(item.id, known))


@rule("CUR263", "translated-text-duplicate")
def translated_text_duplicate(cur: Curriculum, options) -> Iterator[Finding]:
    """A text of texts.yml is translated once in each language: two entries
    with the same `id` in translations/<lang>/texts.yml are an error (the
    first is sent).

    Why: two translations of one text may say different things; only one
    would ever be sent, and a reviewer could check the other.

    Bad: `- id: born-4` twice in translations/pl/texts.yml.
    Good: one `- id: born-4`, with the words agreed.
    """
    for _, translation, texts in translated_texts(cur):
        first: dict[str, int] = {}
        for item, index in _entries(translation, texts):
            if item.id not in first:
                first[item.id] = index
                continue
            line = translation.doc.span("texts", first[item.id], "id").line
            yield translated_text_duplicate.at(translation.doc.span("texts", index, "id"),
                                               f"text '{item.id}' is also translated on line {line}",
                                               "keep one translation of each text")


def max_segments(cur: Curriculum) -> int:
    return cur.programme.rules.translated_text_max_segments if cur.programme else DEFAULT_MAX_SEGMENTS


@rule("CUR522", "translated-text-too-long", "warning")
def translated_text_too_long(cur: Curriculum, options) -> Iterator[Finding]:
    """A translated text is sent in at most `rules.translated_text_max_segments`
    SMS parts (programme.yml; 3 unless set). Polish, Arabic and most other
    languages need characters outside the GSM 03.38 alphabet, so their texts
    are sent as UCS-2: 70 characters in one SMS, 67 a part once split (three
    parts hold 201). A text that needs only GSM characters takes 160, or 153
    a part. English texts keep their one-SMS limit (CUR530).

    Why: each part is charged as one SMS, so a text of three parts costs
    the area three texts for every family who gets it; parts can also
    arrive out of order on some phones.

    Bad: a Polish text of 230 characters (four parts).
    Good: the same advice in 190 characters (three parts), or fewer.
    """
    limit = max_segments(cur)
    for _, translation, texts in translated_texts(cur):
        for item, index in _entries(translation, texts):
            found = sms.parts(item.text)
            if found.parts <= limit:
                continue
            most = limit * (sms.UCS2_PART if found.encoding == "UCS-2" else sms.GSM_PART)
            yield translated_text_too_long.at(
                translation.doc.span("texts", index, "text"),
                f"text '{item.id}' is {found.length} characters ({found.encoding}), so it is sent in {found.parts} "
                f"SMS parts; the limit is {limit} (rules.translated_text_max_segments)",
                f"shorten it to {most} characters or fewer; each part is charged as one SMS")
