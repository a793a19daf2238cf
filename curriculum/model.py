"""Typed models: pydantic at the edge (what YAML gave), frozen dataclasses for
the assembled curriculum that rules, coverage, the site and the PDFs read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from .findings import Span
from .markdown_scan import Heading, Scan, scan

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]


def _iso_date(value):
    # YAML gives a date for `2025-03-01` and a str for `"2025-03-01"`: accept both.
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return value
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def _number_as_text(value):
    # `version: 2.1` is a number in YAML; a version is read as text.
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


VersionText = Annotated[str, BeforeValidator(_number_as_text), StringConstraints(min_length=1, max_length=40)]

T = TypeVar("T")


def _list_as_tuple(value):
    # YAML gives lists; the models keep tuples, so a loaded curriculum cannot be
    # changed in place (frozen models alone still allow `plan.meta.aims.append`).
    return tuple(value) if isinstance(value, list) else value


Items = Annotated[tuple[T, ...], BeforeValidator(_list_as_tuple)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- programme.yml ---------------------------------------------------------


class Role(Model):
    id: Slug
    title: Text


class Phase(Model):
    id: Slug
    title: Text


class Theme(Model):
    id: Slug
    title: Text
    description: str = ""
    min_contacts: int = Field(default=1, ge=0)
    phases: Items[Slug] = ()


class Thread(Model):
    id: Slug
    title: Text
    description: str = ""


class KeyMessage(Model):
    id: Slug
    title: Text
    description: str = ""
    phases: Items[Slug] = ()


ContactKind = Literal["group", "home-visit"]


class Week(Model):
    """A week in a family's timeline: one of the two keys (texts.yml `when`
    and a contact's `week` use the same words)."""

    weeks_pregnant: int | None = None
    weeks_after_birth: int | None = None


class ContactRef(Model):
    id: Slug
    kind: ContactKind
    phase: Slug
    timing: str = ""
    # The week the contact usually falls in, for the weekly texts: timing is
    # free text for people ("26–30 weeks of pregnancy"); this is for dates.
    week: Week | None = None


class MinMax(Model):
    min: int = Field(ge=0)
    max: int = Field(ge=0)


Level = Literal["error", "warning", "info", "ignore"]


class Rules(Model):
    co_facilitation: bool = False
    threads_in_every_group: bool = False
    group_minutes: MinMax | None = None
    home_visit_minutes: MinMax | None = None
    handout_max_grade: float | None = None
    # Longest sentence in a parents handout, in words (the grade is an average: one long sentence hides in it).
    sentence_max_words: int | None = Field(default=25, ge=5)
    review_months: int | None = Field(default=None, ge=1)
    activity_max_minutes: int = Field(default=45, ge=1)
    # No stretch of a group contact longer than this many minutes without an activity with `break: true`.
    break_after_minutes: int | None = Field(default=None, ge=1)
    # Admonition types that are for facilitators only (never in parent handouts).
    facilitator_blocks: Items[Slug] = ("facilitator", "safeguarding")
    # Every contact with a plan has a facilitator notes file (`contact: <id>`).
    notes_for_every_contact: bool = False
    # A family has received the programme when they attended at least this many contacts (the register's dose).
    dose_min_contacts: int | None = None
    # Per-rule severity: {"CUR404": "ignore", "plain-word": "info"}.
    severity: dict[str, Level] = {}
    # texts.yml: every week from the first contact to the last has a text.
    texts_every_week: bool = False
    # A translated text may take this many SMS parts (each charged as one SMS); English texts fit one SMS.
    translated_text_max_segments: int = Field(default=3, ge=1)


class Measure(Model):
    """A questionnaire of the evaluation. A restricted one is licensed: named,
    with where to get the licensed copy (`source`), never its items."""

    id: Slug
    title: Text
    completed_by: Text  # who fills it in: "each parent", "mother", "facilitator"
    restricted: bool = False
    source: str = ""  # where a service gets the licensed copy (restricted measures)
    description: str = ""


class Timepoint(Model):
    id: Slug
    title: str = ""
    contact: Slug
    measures: Items[Slug]


class Evaluation(Model):
    measures: Items[Measure] = ()
    timepoints: Items[Timepoint] = ()


class Programme(Model):
    title: Text
    language: str = "en"
    summary: str = ""
    notice: str = ""
    roles: Items[Role]
    phases: Items[Phase]
    themes: Items[Theme]
    threads: Items[Thread] = ()
    key_messages: Items[KeyMessage] = ()
    contacts: Items[ContactRef]
    rules: Rules = Rules()
    version: VersionText | None = None  # shown on every page and PDF, with `released` or "draft"
    released: IsoDate | None = None
    evaluation: Evaluation | None = None  # questionnaires and when they are given
    # The notice in words a parent understands: small print on every parents' PDF, and on the workbook's cover.
    parent_notice: str = ""


# --- content front matter ---------------------------------------------------


class Activity(Model):
    id: Slug
    title: Text
    minutes: int
    lead: Slug | None = None  # a role id; only a break may go without (the loader reports a missing one)
    core: bool = False
    themes: Items[Slug] = ()
    threads: Items[Slug] = ()
    messages: Items[Slug] = ()
    # `break: true` (FORMAT.md section 3): a timed break, needing no lead, themes or section.
    is_break: bool = Field(default=False, alias="break")


class PlanMeta(Model):
    id: Slug
    title: Text
    kind: ContactKind
    phase: Slug
    timing: str = ""
    duration: int
    aims: Items[Text] = ()
    outcomes: Items[Text] = ()
    materials: Items[Text] = ()
    handouts: Items[Slug] = ()
    activities: Items[Activity] = ()
    sources: Items[Text] = ()
    reviewed: IsoDate | None = None


class HandoutMeta(Model):
    id: Slug
    title: Text
    audience: Literal["parents", "facilitators"]
    themes: Items[Slug] = ()
    summary: str = ""
    sources: Items[Text] = ()
    reviewed: IsoDate | None = None


class NoteMeta(Model):
    contact: Slug | None = None
    title: Text | None = None
    order: int = 100


# --- texts.yml ---------------------------------------------------------------


class TextWhen(Week):
    """When a text is sent: a week of pregnancy, a week after the birth, or
    `days` before or after a contact (counted from that contact's `week:`)."""

    before: Slug | None = None
    after: Slug | None = None
    days: int | None = Field(default=None, ge=0)


class WeeklyText(Model):
    id: Slug
    when: TextWhen
    text: Text
    themes: Items[Slug] = ()


# --- the assembled curriculum ----------------------------------------------


@dataclass(frozen=True)
class Texts:
    """texts.yml: its texts (the first of an id kept) and its document."""

    items: tuple[WeeklyText, ...]
    doc: Document
    positions: tuple[int, ...] = ()  # each kept text's index in the file's list
    # In a language's site: the ids of texts shown in the source language for want of a translation.
    untranslated: frozenset[str] = frozenset()
    language: str = ""  # in a language's site: the language its texts are translated into

    def span(self, number: int, *key) -> Span:
        """Where a key of the number-th kept text stands."""
        return self.doc.span(self.positions[number], *key)


@dataclass(frozen=True)
class Document:
    """One source file after our front-matter split."""

    path: str  # relative to ROOT, forward slashes
    body: str
    body_line: int
    spans: Mapping[tuple, tuple[int, int]] = field(default_factory=lambda: MappingProxyType({}))
    digest: str = ""  # sha256 of the file's bytes

    @cached_property
    def scan(self) -> Scan:
        """Where the body's headings, links, images, raw HTML and nesting
        stand: scanned once, when first asked for (several rules read it)."""
        return scan(self.body, self.body_line)

    @property
    def headings(self) -> tuple[Heading, ...]:
        return self.scan.headings

    def span(self, *loc) -> Span:
        """Where a front-matter key stands; falls back to its nearest parent."""
        while loc:
            if loc in self.spans:
                line, column = self.spans[loc]
                return Span(self.path, line, column)
            loc = loc[:-1]
        return Span(self.path, 1, 1)

    def line(self, body_line_index: int) -> Span:
        """Span of a 0-based line index of the body."""
        return Span(self.path, self.body_line + body_line_index, 1)

    def anchors(self) -> set[str]:
        return {heading.anchor for heading in self.headings}


@dataclass(frozen=True)
class Plan:
    meta: PlanMeta
    doc: Document

    @property
    def id(self) -> str:
        return self.meta.id


@dataclass(frozen=True)
class Handout:
    meta: HandoutMeta
    doc: Document

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def for_parents(self) -> bool:
        return self.meta.audience == "parents"


@dataclass(frozen=True)
class Note:
    meta: NoteMeta
    doc: Document

    @property
    def slug(self) -> str:
        return self.doc.path.rsplit("/", 1)[-1].removesuffix(".md")

    @property
    def title(self) -> str:
        return self.meta.title or self.slug.replace("-", " ").capitalize()


@dataclass(frozen=True)
class Curriculum:
    root: str
    programme: Programme | None
    programme_doc: Document
    plans: Mapping[str, Plan]  # by contact id, in file order
    handouts: Mapping[str, Handout]
    contact_notes: Mapping[str, Note]
    chapters: tuple[Note, ...]  # guide chapters, by order then file name
    files: int
    assets: frozenset[str] = frozenset()  # other repository files (images, PDFs) by relative path
    present: frozenset[str] | None = None  # every content file on disk as loading listed them (None: not listed)
    # translations/<lang>/ by language tag (see `Language` below)
    translations: Mapping[str, Language] = field(default_factory=lambda: MappingProxyType({}))
    texts: Texts | None = None  # texts.yml, when the repository has one
    edition: Edition | None = None  # the local edition this curriculum was adapted for (None: the core)

    def contacts_in_order(self):
        """(ContactRef, Plan | None) in delivery order."""
        if not self.programme:
            return []
        return [(ref, self.plans.get(ref.id)) for ref in self.programme.contacts]

    def handouts_in_order(self, parents_only: bool = False) -> list[Handout]:
        """Every handout once, in the order contacts first give them; handouts
        no contact gives come last, by title. The site's handouts index, the
        workbook and the manual all list handouts in this order."""
        seen: dict[str, Handout] = {}
        for _, plan in self.contacts_in_order():
            for handout_id in plan.meta.handouts if plan else ():
                if handout_id in self.handouts:
                    seen.setdefault(handout_id, self.handouts[handout_id])
        for handout in sorted(self.handouts.values(), key=lambda h: (h.meta.title.lower(), h.id)):
            seen.setdefault(handout.id, handout)
        return [h for h in seen.values() if h.for_parents or not parents_only]

    def handout_users(self, handout_id: str) -> list[str]:
        """Contact ids whose plan names this handout, in delivery order."""
        return [ref.id for ref, plan in self.contacts_in_order() if plan and handout_id in plan.meta.handouts]


# --- translations: translations/<lang>/ (FORMAT.md section 9) ----------------


class LanguageMeta(Model):
    """translations/<lang>/language.yml: what the site and the PDFs say in
    that language (every key optional)."""

    name: Text | None = None  # the language's own name, in the language switch: "Polski", "العربية"
    english_name: Text | None = None  # "Polish": in English messages
    direction: Literal["ltr", "rtl"] | None = None  # default: rtl for Arabic, Hebrew, Persian, Urdu...
    untranslated_notice: Text | None = None  # on a page shown in the source language for want of a translation
    unreviewed_notice: Text | None = None  # on a translation no clinician speaking the language has checked
    stale_notice: Text | None = None  # on a translation whose source has changed since (with STALE_NOTICE)
    max_lix: int | None = Field(default=None, ge=10, le=100)  # reading measure for parents handouts (CUR520)


@dataclass(frozen=True)
class Translation:
    """One translated file: translations/<lang>/<source path>."""

    lang: str
    source: str  # the source file's path, e.g. handouts/safer-sleep.md
    doc: Document
    meta: Any  # typed like the source (PlanMeta, HandoutMeta, NoteMeta), or None
    translated_from: Any = None  # as written (checked by CUR150/151)
    reviewed: dt.date | None = None  # when a clinician who speaks the language checked it
    reviewed_by: str = ""
    source_hash: str | None = None  # the source's hash now; None when there is no such source

    @property
    def stale(self) -> bool:
        """The source has changed since this was translated (CUR850): what it
        says may no longer be what the source says."""
        return self.source_hash is not None and self.translated_from != self.source_hash


class TranslatedText(Model):
    """One text of translations/<lang>/texts.yml: the id of a text of
    texts.yml and its words (its `when` and `themes` are the source's)."""

    id: str
    text: str = ""  # an empty text is reported (CUR153), never sent


@dataclass(frozen=True)
class TranslatedTexts:
    """translations/<lang>/texts.yml (the `meta` of its Translation)."""

    items: tuple[TranslatedText, ...]  # every text as written, a repeated id included
    positions: tuple[int, ...]  # each item's index in the file's `texts:` list

    def by_id(self) -> dict[str, str]:
        """The words of each translated text by id: the first of an id, empty ones left out."""
        found: dict[str, str] = {}
        for item in self.items:
            if item.text.strip():
                found.setdefault(item.id, item.text)
        return found


@dataclass(frozen=True)
class Language:
    tag: str  # BCP 47, the folder name
    meta: LanguageMeta
    doc: Document  # language.yml (empty when absent)
    files: Mapping[str, Translation]  # by source path

    @property
    def name(self) -> str:
        return self.meta.name or self.tag

    @property
    def direction(self) -> str:
        return self.meta.direction or ("rtl" if self.tag.split("-")[0].lower() in RTL_LANGUAGES else "ltr")


# Languages written right to left (primary subtags).
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "syr", "ug", "ur", "yi"})


# --- local editions: editions/<id>/edition.yml --------------------------------


class Service(Model):
    """One entry of an edition's directory of local help."""

    name: Text
    phone: str = ""
    url: str = ""
    about: str = ""
    themes: Items[Slug] = ()


class Adaptation(Model):
    """One change an edition makes to the core: drop, replace or add an activity."""

    contact: Slug
    activity: Slug
    change: Literal["drop", "replace", "add"]
    reason: str = ""
    file: str | None = None  # replace and add: an activity file in the edition's folder
    after: Slug | None = None  # add: the activity it follows


class EditionMeta(Model):
    title: Text
    area: str = ""
    local: dict[Slug, str] = {}
    services: Items[Service] = ()
    # The parents handout that gains a section listing the services (e.g. a "who can help" handout).
    services_handout: Slug | None = None
    adaptations: Items[Adaptation] = ()


@dataclass(frozen=True)
class EditionActivity:
    """An activity file of an edition: one activity's front matter and its section."""

    activity: Activity
    doc: Document


@dataclass(frozen=True)
class Applied:
    """One adaptation as applied (adapt.py): what the site and the PDF list."""

    contact: str
    contact_title: str
    change: str  # drop | replace | add
    activity: str  # the activity's id (for a replace, the new one)
    activity_title: str
    minutes: int
    reason: str
    before: str = ""  # replace: the title of the activity it replaces


@dataclass(frozen=True)
class Edition:
    id: str
    meta: EditionMeta
    doc: Document  # editions/<id>/edition.yml (spans only)
    activities: Mapping[str, EditionActivity] = field(default_factory=lambda: MappingProxyType({}))  # by file name
    applied: tuple[Applied, ...] = ()  # set by adapt(): the adaptations that applied, in order
    durations: tuple[tuple[str, int, int], ...] = ()  # set by adapt(): (contact, core minutes, edition minutes)

    @property
    def folder(self) -> str:
        return f"editions/{self.id}"
