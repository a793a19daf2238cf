"""The site in every language of translations/ (issue 20, FORMAT.md section 9).

Each language is a site of its own, built by the same generator into
`<site>/<lang>/` from the curriculum with its translations put in place of
their sources (a page with no translation shows the source text under the
language's `untranslated_notice`), and the theme's language set, so each
has its own search index. Every page of every language, the source
language's included, gets a language switch linking the same page in the
other languages, and `lang` and `dir` on its `<html>`.
"""

from __future__ import annotations

import html
import posixpath
import re
import shutil
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from .. import outputs
from ..model import Curriculum, Handout, Language, Note, Plan, Texts
from ..render.bidi import isolate_numbers
from ..render.labels import translation_notices
from ..source.load import TEXTS_FILE
from ..texts.schedule import translated_words
from .pages import TEXTS, site_url
from .render import RenderedPage

# The source language's own name in the switch, by primary subtag (the tag itself otherwise).
NAMES = {"en": "English", "cy": "Cymraeg", "ga": "Gaeilge", "gd": "Gàidhlig", "fr": "Français", "de": "Deutsch",
         "es": "Español", "pl": "Polski", "ar": "العربية", "ur": "اردو", "ro": "Română", "bn": "বাংলা"}
_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
_ATTR = re.compile(r'\s(lang|dir)="[^"]*"', re.I)


@dataclass(frozen=True)
class Edition:
    """One language of the site: its tag, its name, its direction, and where it lives."""

    tag: str
    name: str
    direction: str
    folder: str  # "" for the source language, else "<tag>/"


def editions(cur: Curriculum) -> list[Edition]:
    source = cur.programme.language if cur.programme else "en"
    found = [Edition(source, NAMES.get(source.split("-")[0].lower(), source), "ltr", "")]
    found += [Edition(lang.tag, lang.name, lang.direction, f"{lang.tag}/") for lang in cur.translations.values()]
    return found


def translated(cur: Curriculum, language: Language) -> tuple[Curriculum, dict[str, bool]]:
    """The curriculum as the language's site shows it: each translation (of
    a source that exists) in place of its source, under the source's path,
    so links between pages work as in the source; and the source paths that
    are translated, each with whether a clinician has reviewed it."""
    plans, handouts = dict(cur.plans), dict(cur.handouts)
    notes, chapters = dict(cur.contact_notes), list(cur.chapters)
    done: dict[str, bool] = {}
    for source, translation in language.files.items():
        if translation.meta is None or translation.source_hash is None:
            continue
        body = isolate_numbers(translation.doc.body) if language.direction == "rtl" else translation.doc.body
        doc = replace(translation.doc, path=source, body=body)
        placed = _place(source, translation.meta, doc, plans, handouts, notes, chapters)
        if placed:
            done[source] = translation.reviewed is not None
    texts = _translated_texts(cur, language, done)
    return replace(cur, plans=MappingProxyType(plans), handouts=MappingProxyType(handouts),
                   contact_notes=MappingProxyType(notes), chapters=tuple(chapters), texts=texts), done


def _translated_texts(cur: Curriculum, language: Language, done: dict[str, bool]) -> Texts | None:
    """texts.yml with the language's words in place of each text it
    translates (the others kept, and named in `untranslated`); the texts
    page is then marked translated in done, with whether it is reviewed."""
    translation = language.files.get(TEXTS_FILE)
    words = translated_words(cur, language.tag)
    if cur.texts is None or translation is None or not words:
        return cur.texts
    items = tuple(text.model_copy(update={"text": words[text.id]}) if text.id in words else text
                  for text in cur.texts.items)
    done[TEXTS] = translation.reviewed is not None
    return replace(cur.texts, items=items, untranslated=frozenset(t.id for t in cur.texts.items if t.id not in words),
                   language=language.tag)


def _place(source, meta, doc, plans, handouts, notes, chapters) -> bool:
    for table, kind in ((plans, Plan), (handouts, Handout), (notes, Note)):
        for key, item in table.items():
            if item.doc.path == source:
                table[key] = kind(meta, doc)
                return True
    for index, note in enumerate(chapters):
        if note.doc.path == source:
            chapters[index] = Note(meta, doc)
            return True
    return False


def switch(here: Edition, every: list[Edition], src: str) -> str:
    """The language switch of the page `src` in edition `here`: a link to
    the same page in each other language."""
    page = site_url(src)
    links = []
    for other in every:
        if other == here:
            links.append(f'<li><span aria-current="true" lang="{other.tag}" dir="{other.direction}">'
                         f"{html.escape(other.name)}</span></li>")
            continue
        target = posixpath.relpath(other.folder + page, posixpath.dirname(here.folder + page) or ".")
        links.append(f'<li><a href="{html.escape(target)}" hreflang="{other.tag}" lang="{other.tag}" '
                     f'dir="{other.direction}">{html.escape(other.name)}</a></li>')
    return (f'<nav class="cur-languages" aria-label="Language">'
            f'<ul>{"".join(links)}</ul></nav>\n')


def decorate(pages: list[RenderedPage], here: Edition, every: list[Edition], language: Language | None = None,
             done: dict[str, bool] | None = None, pdfs: frozenset[str] = frozenset()) -> list[RenderedPage]:
    """Each page with the language switch, and in a translation's site the
    notice on a page not translated, or translated and out of date or not yet
    reviewed, and the link to a translated handout's PDF (when the build
    writes it: pdfs)."""
    if len(every) < 2:
        return pages
    found = []
    for page in pages:
        top = switch(here, every, page.src)
        if language is not None:
            top += _notice(page.src, language, done or {}, here, pdfs, every[0])
        found.append(replace(page, html=top + page.html))
    return found


def _notice(src: str, language: Language, done: dict[str, bool], here: Edition, pdfs: frozenset[str],
            source: Edition) -> str:
    meta = language.meta
    if src not in done:
        text = meta.untranslated_notice or "This page is not translated yet: it is shown in the source language."
        return f'<p class="cur-untranslated" role="note">{html.escape(text)}</p>\n'
    out = ""
    translation = language.files.get(TEXTS_FILE if src == TEXTS else src)
    if translation is not None:
        for kind, text, source_language in translation_notices(translation, meta):
            where = f' lang="{source.tag}" dir="{source.direction}"' if source_language else ""
            out += f'<p class="cur-{kind}" role="note"{where}>{html.escape(text)}</p>\n'
    if src.startswith("handouts/"):
        pdf = outputs.translated_handout_pdf(language.tag, src.removeprefix("handouts/").removesuffix(".md"))
        if pdf not in pdfs:
            return out
        target = posixpath.relpath(pdf, posixpath.dirname(here.folder + site_url(src)))
        out += f'<p class="cur-translated-pdf"><a href="{html.escape(target)}">PDF</a></p>\n'
    return out


def look_for(look: dict, edition: Edition) -> dict:
    """The repository's look, with the theme's language (its labels, its
    direction, its search) set to the edition's."""
    theme = dict(look.get("theme") or {})
    theme["language"] = edition.tag
    out = {**look, "theme": theme}
    out["plugins"] = [_search_in(entry, edition.tag) for entry in (look.get("plugins") or [])]
    return out


# Languages the theme's search (lunr) stems; any other searches without stemming.
SEARCH_LANGUAGES = {"ar", "da", "de", "du", "es", "fi", "fr", "hi", "hu", "hy", "it", "ja", "kn", "ko", "nl", "no",
                    "pt", "ro", "ru", "sa", "sv", "ta", "te", "th", "tr", "vi", "zh"}


def _search_in(entry, tag: str):
    name = next(iter(entry)) if isinstance(entry, dict) else str(entry)
    if name.removeprefix("material/") != "search":
        return entry
    options = dict(entry[name] or {}) if isinstance(entry, dict) else {}
    primary = tag.split("-")[0].lower()
    options["lang"] = [primary] if primary in SEARCH_LANGUAGES else ["en"]
    return {name: options}


def set_lang(text: str, tag: str, direction: str) -> str:
    """The page's `<html>` with `lang` and `dir` set."""
    match = _HTML_TAG.search(text)
    if match is None:
        return text
    tag_html = _ATTR.sub("", match.group(0))
    tag_html = tag_html[:5] + f' lang="{tag}" dir="{direction}"' + tag_html[5:]
    return text[:match.start()] + tag_html + text[match.end():]


def mark_pages(folder: Path, edition: Edition, skip: tuple[str, ...] = ()) -> None:
    """`lang` and `dir` on every page of a built site (not in the folders skipped)."""
    for path in folder.rglob("*.html"):
        rel = path.relative_to(folder).as_posix()
        if rel.startswith(skip):
            continue
        path.write_text(set_lang(path.read_text(encoding="utf-8"), edition.tag, edition.direction), encoding="utf-8")


def drop_404(folder: Path) -> None:
    """A language's site has no 404 page of its own (the server shows the root one)."""
    page = folder / "404.html"
    if page.exists():
        page.unlink()


def move(built: Path, target: Path) -> None:
    shutil.move(str(built), str(target))
