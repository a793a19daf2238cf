"""The site's pages, navigation and view models, built from the curriculum (pure).

Nothing here imports MkDocs: each page is a `PageSpec` (where it lives, its
title, its template, the author Markdown it carries, and a view model for
the template), and the navigation is plain data. `plugin.py` hands these
to MkDocs.

The page layout mirrors the sources, so authors' relative links such as
`../handouts/safer-sleep.md` in a plan resolve in the site as in the
repository:

    index.md                      home: summary, notice, timeline
    glance.md                     programme at a glance
    coverage.md                   theme, thread and key-message matrix
    sessions/<contact>.md         one page per contact (with its notes)
    handouts/index.md             handouts index
    handouts/<id>.md              one page per handout
    facilitator_notes/index.md    the facilitator guide, in order
    facilitator_notes/<slug>.md   one page per guide chapter
    themes/index.md               themes, threads and key messages
    themes|threads|messages/<id>.md   every activity that covers one
    texts.md                      the weekly texts, by week (when texts.yml exists)
    changes.md                    what changed since the last release

    records/...                   delivery records: added by records.py
                                  (fidelity checklists, register, evaluation)

A contact's notes (facilitator_notes/<contact>.md) are shown on the contact
page; links to them lead there.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from ..check import coverage as coverage_matrix
from ..model import Activity, ContactRef, Curriculum, Handout, Note, Plan
from ..render import records
from ..render.labels import KIND_LABELS, clock, duration, lead_label, long_date

HOME = "index.md"
GLANCE = "glance.md"
COVERAGE = "coverage.md"
CHANGES = "changes.md"
HANDOUTS_INDEX = "handouts/index.md"
GUIDE_INDEX = "facilitator_notes/index.md"
TOPICS_INDEX = "themes/index.md"
TEXTS = "texts.md"
TOPIC_FOLDERS = {"theme": "themes", "thread": "threads", "message": "messages"}
NOTES_ANCHOR = "facilitator-notes"
# Ids of the sections the contact template draws around the plan body
# (before it, and the last one after it): the page's table of contents.
CONTACT_SECTIONS = (("plan-overview", "Aims and outcomes"), ("plan-agenda", "Agenda"),
                    ("plan-materials", "Materials"), ("plan-handouts", "Handouts"))
SOURCES_SECTION = ("sources-and-review", "Sources and review")

AUDIENCE_LABELS = {"parents": "For parents", "facilitators": "For facilitators"}
TOPIC_LABELS = {"theme": "Theme", "thread": "Thread", "message": "Key message"}


class ReservedName(Exception):
    """A source would land on a page the site generates itself."""


# --- paths -------------------------------------------------------------------


def plan_page(contact_id: str) -> str:
    return f"sessions/{contact_id}.md"


def handout_page(handout_id: str) -> str:
    return f"handouts/{handout_id}.md"


def chapter_page(note: Note) -> str:
    return f"facilitator_notes/{note.slug}.md"


def topic_page(kind: str, item_id: str) -> str:
    return f"{TOPIC_FOLDERS[kind]}/{item_id}.md"


RECORDS_INDEX = "records/index.md"
REGISTER_PAGE = "records/register.md"
EVALUATION_PAGE = "records/evaluation.md"


def fidelity_page(contact_id: str) -> str:
    return f"records/fidelity/{contact_id}.md"


def activity_link(contact_id: str, activity_id: str) -> str:
    return f"{plan_page(contact_id)}#{activity_id}"


def site_url(path: str) -> str:
    """A page's address in the built site (pages open from the file system,
    so no directory URLs): sessions/a.md -> sessions/a.html."""
    return path[:-3] + ".html" if path.endswith(".md") else path


def relative_url(target: str, page_src: str) -> str:
    """target (a page path with an optional #anchor, or a site file) as seen from page_src."""
    path, _, anchor = target.partition("#")
    path = site_url(path)
    here = site_url(page_src)
    if path == here:
        relative = posixpath.basename(path)
    else:
        relative = posixpath.relpath(path, posixpath.dirname(here) or ".")
    return relative + (f"#{anchor}" if anchor else "")


def source_map(cur: Curriculum) -> dict[str, str]:
    """Repository path -> site page path, for sources that are not shown at
    the same path (a contact's notes are shown on the contact page)."""
    return {note.doc.path: f"{plan_page(contact)}#{NOTES_ANCHOR}"
            for contact, note in cur.contact_notes.items() if contact in cur.plans}


# --- view models -------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """Something the site can link to: `target` is a page path (with an
    optional #anchor), or "" when there is no page for it."""

    title: str
    target: str = ""
    note: str = ""


@dataclass(frozen=True)
class AgendaRow:
    activity: Activity
    start: str  # h:mm from the start of the contact
    start_minutes: int
    anchor: str
    lead: str  # role title
    themes: tuple[Link, ...]
    threads: tuple[Link, ...]
    messages: tuple[Link, ...]
    has_section: bool = True  # a break may have no `## ... {#id}` section to link to


def section_ids(plan: Plan) -> frozenset[str]:
    """The anchors of a plan's `## ` sections."""
    return frozenset(h.anchor for h in plan.doc.headings if h.level == 2)


@dataclass(frozen=True)
class HandoutEntry:
    id: str
    title: str
    target: str  # "" when the plan names a handout that does not exist
    summary: str = ""
    audience: str = ""
    pdf: str = ""  # site path of its PDF, "" for none


@dataclass(frozen=True)
class Stop:
    """One contact on the timeline and at-a-glance table."""

    number: int
    ref: ContactRef
    title: str
    target: str  # "" while the plan is not written
    kind: str
    phase: str
    duration: str = ""
    minutes: int = 0
    themes: tuple[Link, ...] = ()
    handouts: tuple[HandoutEntry, ...] = ()


@dataclass(frozen=True)
class PhaseGroup:
    id: str
    title: str
    stops: tuple[Stop, ...]


@dataclass(frozen=True)
class HomeView:
    summary: str
    notice: str
    phases: tuple[PhaseGroup, ...]
    contacts: int
    written: int
    handouts: int
    chapters: tuple[Link, ...]
    pdfs: tuple[Link, ...]  # programme-wide PDFs (workbook, manual)


@dataclass(frozen=True)
class GlanceView:
    phases: tuple[PhaseGroup, ...]
    total_minutes: int
    total: str


@dataclass(frozen=True)
class ContactView:
    ref: ContactRef
    plan: Plan
    number: int
    of: int
    phase: str
    kind: str
    duration: str
    roles: tuple[str, ...]
    agenda: tuple[AgendaRow, ...]
    agenda_minutes: int
    agenda_total: str
    core_count: int
    handouts: tuple[HandoutEntry, ...]
    pdfs: tuple[Link, ...]  # the contact's own PDFs (card, pack)
    has_notes: bool
    notes_anchor: str
    reviewed: str
    sources: tuple[str, ...]
    sections: tuple[tuple[str, str], ...]
    records: tuple[Link, ...] = ()  # the contact's fidelity checklist (page, PDF)
    evaluation: tuple[str, ...] = ()  # evaluation timepoints at this contact, in words


@dataclass(frozen=True)
class HandoutView:
    handout: Handout
    audience: str
    themes: tuple[Link, ...]
    users: tuple[Link, ...]
    pdf: str
    reviewed: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class HandoutsView:
    entries: tuple[HandoutView, ...]


@dataclass(frozen=True)
class GuideView:
    chapters: tuple[Link, ...]
    contact_notes: tuple[Link, ...]
    pdfs: tuple[Link, ...]


@dataclass(frozen=True)
class CoverageCell:
    links: tuple[Link, ...]  # one per activity that covers the row here


@dataclass(frozen=True)
class CoverageRow:
    kind: str
    label: str  # Theme | Thread | Key message
    title: str
    target: str
    requirement: str
    count: int
    ok: bool
    problems: tuple[str, ...]
    cells: tuple[CoverageCell, ...]


@dataclass(frozen=True)
class CoverageView:
    columns: tuple[Stop, ...]
    phases: tuple[tuple[str, int], ...]  # (phase title, number of columns)
    groups: tuple[tuple[str, tuple[CoverageRow, ...]], ...]  # (label, rows)
    ok: bool


@dataclass(frozen=True)
class TopicContact:
    stop: Stop
    activities: tuple[Link, ...]  # note: "20 minutes · led by ..."


@dataclass(frozen=True)
class TopicView:
    kind: str
    label: str
    id: str
    title: str
    description: str
    requirement: str
    ok: bool
    problems: tuple[str, ...]
    contacts: tuple[TopicContact, ...]
    handouts: tuple[Link, ...]


@dataclass(frozen=True)
class TopicsView:
    groups: tuple[tuple[str, tuple[Link, ...]], ...]  # (label, links with note)


@dataclass(frozen=True)
class ChapterView:
    note: Note
    order: int
    number: int
    of: int


@dataclass(frozen=True)
class TextEntry:
    id: str
    text: str
    when: str  # "29 weeks of pregnancy", "The day before" (the contact follows)
    contact: Link | None  # the contact a reminder or follow-up is tied to
    length: str  # "132 of 160 characters (GSM)"
    themes: tuple[Link, ...]
    lang: str = ""  # in a language's site, the source's tag when this text is not translated yet


@dataclass(frozen=True)
class TextWeek:
    anchor: str
    label: str
    texts: tuple[TextEntry, ...]
    contacts: tuple[Link, ...]  # contacts whose week this is


@dataclass(frozen=True)
class TextsView:
    weeks: tuple[TextWeek, ...]
    count: int
    undated: tuple[str, ...]  # ids of texts whose `when` cannot be placed
    max_parts: int = 0  # in a language's site: the SMS parts a translated text may take (0: the source's site)


@dataclass(frozen=True)
class ChangedItem:
    link: Link  # the contact or handout (no target when it was removed)
    status: str  # added | removed | changed
    lines: tuple[str, ...]
    urgent: bool = False  # a handout whose warning boxes changed


@dataclass(frozen=True)
class ChangesView:
    since: str  # the release compared with ("v1.0"), or "" when there is none
    why_none: str  # why nothing can be compared, when since is ""
    programme: tuple[str, ...]
    contacts: tuple[ChangedItem, ...]
    handouts: tuple[ChangedItem, ...]

    @property
    def empty(self) -> bool:
        return not (self.programme or self.contacts or self.handouts)


# --- pages -------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """Author Markdown and the repository file its relative links start from.
    A page's second and later segments are headed by `heading` (an h2 with
    id `anchor`) and their own headings move one level down."""

    source: str
    markdown: str
    heading: str = ""
    anchor: str = ""


@dataclass(frozen=True)
class PageSpec:
    src: str  # page path in the site, as if it were docs_dir/<src>
    title: str
    template: str
    kind: str
    view: Any = None
    segments: tuple[Segment, ...] = ()
    sources: tuple[str, ...] = ()  # repository files shown on this page


@dataclass(frozen=True)
class Site:
    pages: tuple[PageSpec, ...]
    nav: list  # MkDocs nav structure: [{title: src or [..]}]
    pdfs: frozenset[str]  # site paths of PDFs the pages link to
    assets: frozenset[str]  # repository files (images...) the pages reference
    facilitator_blocks: tuple[str, ...] = ()
    link_map: dict[str, str] = field(default_factory=dict)
    downloads: dict[str, str] = field(default_factory=dict)  # site path -> text written as it is (the register's CSV)


class _Builder:
    """Builds every page once; helpers share the lookups."""

    def __init__(self, cur: Curriculum, pdfs: frozenset[str], notes_heading: str):
        if cur.programme is None:
            raise ValueError("the curriculum has no readable programme.yml")
        self.cur = cur
        self.programme = cur.programme
        self.pdfs = pdfs
        self.notes_heading = notes_heading
        self.roles = {role.id: role.title for role in self.programme.roles}
        self.phases = {phase.id: phase.title for phase in self.programme.phases}
        self.titles = {
            "theme": {t.id: t.title for t in self.programme.themes},
            "thread": {t.id: t.title for t in self.programme.threads},
            "message": {m.id: m.title for m in self.programme.key_messages},
        }
        self.coverage = coverage_matrix.build(cur)
        self.stops = self._stops()
        self.stop_by_id = {stop.ref.id: stop for stop in self.stops}

    # helpers ----------------------------------------------------------------

    def pdf(self, path: str) -> str:
        return path if path in self.pdfs else ""

    def topic_links(self, kind: str, ids) -> tuple[Link, ...]:
        titles = self.titles[kind]
        return tuple(Link(titles.get(i, i), topic_page(kind, i) if i in titles else "") for i in ids)

    def handout_entry(self, handout_id: str) -> HandoutEntry:
        from .. import outputs

        handout = self.cur.handouts.get(handout_id)
        if handout is None:
            return HandoutEntry(handout_id, handout_id, "")
        return HandoutEntry(handout.id, handout.meta.title, handout_page(handout.id), handout.meta.summary,
                            AUDIENCE_LABELS[handout.meta.audience], self.pdf(outputs.handout_pdf(handout.id)))

    def _stops(self) -> tuple[Stop, ...]:
        found = []
        for number, (ref, plan) in enumerate(self.cur.contacts_in_order(), start=1):
            if plan is None:
                found.append(Stop(number, ref, ref.id.replace("-", " ").capitalize(), "", KIND_LABELS[ref.kind],
                                  self.phases.get(ref.phase, ref.phase)))
                continue
            covered = {t for activity in plan.meta.activities for t in activity.themes}
            themes = [t.id for t in self.programme.themes if t.id in covered]
            found.append(Stop(number, ref, plan.meta.title, plan_page(plan.id), KIND_LABELS[ref.kind],
                              self.phases.get(ref.phase, ref.phase), duration(plan.meta.duration),
                              plan.meta.duration, self.topic_links("theme", themes),
                              tuple(self.handout_entry(h) for h in plan.meta.handouts)))
        return tuple(found)

    def phase_groups(self) -> tuple[PhaseGroup, ...]:
        groups = []
        for phase in self.programme.phases:
            stops = tuple(stop for stop in self.stops if stop.ref.phase == phase.id)
            if stops:
                groups.append(PhaseGroup(phase.id, phase.title, stops))
        known = set(self.phases)
        stray = tuple(stop for stop in self.stops if stop.ref.phase not in known)
        if stray:
            groups.append(PhaseGroup("other", "Other contacts", stray))
        return tuple(groups)

    # pages ------------------------------------------------------------------

    def home(self) -> PageSpec:
        from .. import outputs

        chapters = tuple(Link(note.title, chapter_page(note)) for note in self.cur.chapters)
        pdfs = tuple(Link(title, path) for title, path in (
            ("Facilitator manual", outputs.manual_pdf()), ("Parent workbook", outputs.workbook_pdf()))
            if path in self.pdfs)
        view = HomeView(self.programme.summary, self.programme.notice, self.phase_groups(), len(self.stops),
                        sum(1 for stop in self.stops if stop.target), len(self.cur.handouts), chapters, pdfs)
        return PageSpec(HOME, self.programme.title, "curriculum/home.html", "home", view,
                        sources=("programme.yml",))

    def glance(self) -> PageSpec:
        total = sum(stop.minutes for stop in self.stops)
        return PageSpec(GLANCE, "Programme at a glance", "curriculum/glance.html", "glance",
                        GlanceView(self.phase_groups(), total, duration(total)))

    def contact(self, ref: ContactRef, plan: Plan) -> PageSpec:
        from .. import outputs

        meta = plan.meta
        rows, start = [], 0
        for activity in meta.activities:
            rows.append(AgendaRow(activity, clock(start), start, activity.id, lead_label(activity, self.roles),
                                  self.topic_links("theme", activity.themes), self.topic_links("thread", activity.threads),
                                  self.topic_links("message", activity.messages),
                                  activity.id in section_ids(plan)))
            start += activity.minutes
        leads = {activity.lead for activity in meta.activities if not activity.is_break}
        roles = tuple(role.title for role in self.programme.roles if role.id in leads)
        stop = self.stop_by_id.get(ref.id)
        handouts = tuple(self.handout_entry(h) for h in meta.handouts)
        pdfs = []
        if self.pdf(outputs.card_pdf(plan.id)):
            pdfs.append(Link("Session at a glance", outputs.card_pdf(plan.id), "one page for the facilitators"))
        parents = [h for h in meta.handouts if h in self.cur.handouts and self.cur.handouts[h].for_parents]
        if parents and self.pdf(outputs.pack_pdf(plan.id)):
            pdfs.append(Link("Parents' handouts for this contact", outputs.pack_pdf(plan.id),
                             f"{len(parents)} handout" + ("s" if len(parents) != 1 else "") + " in one file"))
        note = self.cur.contact_notes.get(plan.id)
        view = ContactView(
            ref=ref, plan=plan, number=stop.number if stop else 0, of=len(self.stops),
            phase=self.phases.get(ref.phase, ref.phase), kind=KIND_LABELS[ref.kind],
            duration=duration(meta.duration), roles=roles, agenda=tuple(rows), agenda_minutes=start,
            agenda_total=duration(start), core_count=sum(1 for a in meta.activities if a.core),
            handouts=handouts, pdfs=tuple(pdfs), has_notes=note is not None, notes_anchor=NOTES_ANCHOR,
            reviewed=long_date(meta.reviewed), sources=tuple(meta.sources),
            sections=tuple(section for section, shown in zip(CONTACT_SECTIONS, (
                meta.aims or meta.outcomes, meta.activities, meta.materials, handouts or pdfs)) if shown),
            records=self.contact_records(plan.id),
            evaluation=tuple(records.given_line(given) for given in records.given_at(self.cur, plan.id)))
        segments = [Segment(plan.doc.path, plan.doc.body)]
        sources = [plan.doc.path]
        if note is not None:
            segments.append(Segment(note.doc.path, note.doc.body, self.notes_heading, NOTES_ANCHOR))
            sources.append(note.doc.path)
        return PageSpec(plan_page(plan.id), meta.title, "curriculum/contact.html", "contact", view,
                        tuple(segments), tuple(sources))

    def contact_records(self, contact_id: str) -> tuple[Link, ...]:
        """The contact's fidelity checklist: its page and, when built, its PDF."""
        from .. import outputs

        found = [Link("Fidelity checklist", fidelity_page(contact_id), "tick and sign after the contact")]
        if self.pdf(outputs.fidelity_pdf(contact_id)):
            found.append(Link("Fidelity checklist (PDF)", outputs.fidelity_pdf(contact_id), "one page to print"))
        return tuple(found)

    def handout_view(self, handout: Handout) -> HandoutView:
        from .. import outputs

        users = tuple(Link(self.stop_by_id[c].title if c in self.stop_by_id else c, plan_page(c))
                      for c in self.cur.handout_users(handout.id))
        return HandoutView(handout, AUDIENCE_LABELS[handout.meta.audience],
                           self.topic_links("theme", handout.meta.themes), users,
                           self.pdf(outputs.handout_pdf(handout.id)), long_date(handout.meta.reviewed),
                           tuple(handout.meta.sources))

    def handout(self, handout: Handout) -> PageSpec:
        return PageSpec(handout_page(handout.id), handout.meta.title, "curriculum/handout.html", "handout",
                        self.handout_view(handout), (Segment(handout.doc.path, handout.doc.body),),
                        (handout.doc.path,))

    def handouts_index(self) -> PageSpec:
        view = HandoutsView(tuple(self.handout_view(h) for h in self.cur.handouts_in_order()))
        return PageSpec(HANDOUTS_INDEX, "Handouts", "curriculum/handouts.html", "handouts", view)

    def guide_index(self) -> PageSpec:
        from .. import outputs

        chapters = tuple(Link(note.title, chapter_page(note)) for note in self.cur.chapters)
        notes = tuple(Link(self.stop_by_id[c].title, f"{plan_page(c)}#{NOTES_ANCHOR}")
                      for c in (stop.ref.id for stop in self.stops) if c in self.cur.contact_notes and c in self.cur.plans)
        manual = outputs.manual_pdf()
        pdfs = (Link("Facilitator manual", manual),) if manual in self.pdfs else ()
        return PageSpec(GUIDE_INDEX, "Facilitator guide", "curriculum/guide.html", "guide",
                        GuideView(chapters, notes, pdfs))

    def chapter(self, note: Note, number: int) -> PageSpec:
        return PageSpec(chapter_page(note), note.title, "curriculum/chapter.html", "chapter",
                        ChapterView(note, note.meta.order, number, len(self.cur.chapters)),
                        (Segment(note.doc.path, note.doc.body),), (note.doc.path,))

    def coverage_page(self) -> PageSpec:
        columns = tuple(self.stop_by_id[column.id] for column in self.coverage.columns)
        phases = []
        for stop in columns:
            if phases and phases[-1][0] == stop.phase:
                phases[-1] = (stop.phase, phases[-1][1] + 1)
            else:
                phases.append((stop.phase, 1))
        groups: dict[str, list[CoverageRow]] = {}
        for row in self.coverage.rows:
            cells = []
            plans = self.cur.plans
            for column in self.coverage.columns:
                plan = plans.get(column.id)
                titles = {a.id: a.title for a in plan.meta.activities} if plan else {}
                cells.append(CoverageCell(tuple(Link(titles.get(a, a), activity_link(column.id, a))
                                                for a in row.cells.get(column.id, ()))))
            label = TOPIC_LABELS[row.kind]
            groups.setdefault(label, []).append(CoverageRow(
                row.kind, label, row.title, topic_page(row.kind, row.id), row.requirement, row.count, row.ok,
                tuple(row.problems), tuple(cells)))
        plural = {"Theme": "Themes", "Thread": "Threads", "Key message": "Key messages"}
        view = CoverageView(columns, tuple(phases), tuple((plural[k], tuple(v)) for k, v in groups.items()),
                            all(row.ok for row in self.coverage.rows))
        return PageSpec(COVERAGE, "Coverage", "curriculum/coverage.html", "coverage", view)

    def topic(self, kind: str, item) -> PageSpec:
        row = next((r for r in self.coverage.rows if r.kind == kind and r.id == item.id), None)
        attribute = {"theme": "themes", "thread": "threads", "message": "messages"}[kind]
        contacts = []
        for stop in self.stops:
            plan = self.cur.plans.get(stop.ref.id)
            if plan is None:
                continue
            found = tuple(
                Link(a.title, activity_link(plan.id, a.id),
                     f"{duration(a.minutes)} · led by {lead_label(a, self.roles)}" + (" · core" if a.core else ""))
                for a in plan.meta.activities if item.id in getattr(a, attribute))
            if found:
                contacts.append(TopicContact(stop, found))
        handouts = ()
        if kind == "theme":
            handouts = tuple(Link(h.meta.title, handout_page(h.id), h.meta.summary)
                             for h in self.cur.handouts_in_order() if item.id in h.meta.themes)
        view = TopicView(kind, TOPIC_LABELS[kind], item.id, item.title, getattr(item, "description", ""),
                         row.requirement if row else "", row.ok if row else True, tuple(row.problems) if row else (),
                         tuple(contacts), handouts)
        return PageSpec(topic_page(kind, item.id), item.title, "curriculum/topic.html", "topic", view)

    def topic_items(self):
        return [("theme", self.programme.themes), ("thread", self.programme.threads),
                ("message", self.programme.key_messages)]

    def topics_index(self) -> PageSpec:
        groups = []
        for kind, items in self.topic_items():
            if not items:
                continue
            links = []
            for item in items:
                row = next((r for r in self.coverage.rows if r.kind == kind and r.id == item.id), None)
                count = row.count if row else 0
                note = f"{count} contact" + ("s" if count != 1 else "")
                if row and not row.ok:
                    note += " · needs attention"
                links.append(Link(item.title, topic_page(kind, item.id), note))
            label = {"theme": "Themes", "thread": "Threads", "message": "Key messages"}[kind]
            groups.append((label, tuple(links)))
        return PageSpec(TOPICS_INDEX, "Themes and threads", "curriculum/topics.html", "topics", TopicsView(tuple(groups)))

    def texts_page(self) -> PageSpec:
        from ..texts import weeks
        from ..texts.schedule import when_words

        contacts = weeks.contact_places(self.cur)
        by_week: dict[int, list[tuple[weeks.Place, int, TextEntry]]] = {}
        undated = []
        for order, text in enumerate(self.cur.texts.items):
            place = weeks.text_place(text, contacts)
            if place is None:
                undated.append(text.id)
                continue
            contact = weeks.when_contact(text.when)
            when = when_words(self.cur, text, place, named=False)
            fallback = self.programme.language if text.id in self.cur.texts.untranslated else ""
            entry = TextEntry(text.id, text.text, when[:1].upper() + when[1:],
                              self._contact_link(contact) if contact else None, _sms_length(text.text),
                              self.topic_links("theme", text.themes), fallback)
            by_week.setdefault(place.week, []).append((place, order, entry))
        held: dict[int, list[Link]] = {}
        for contact_id, place in contacts.items():
            held.setdefault(place.week, []).append(self._contact_link(contact_id))
        groups = tuple(TextWeek(f"week-{'minus-' if week < 0 else ''}{abs(week)}", weeks.week_label(week).capitalize(),
                                tuple(entry for *_, entry in sorted(by_week[week], key=lambda e: e[:2])),
                                tuple(held.get(week, ())))
                       for week in sorted(by_week))
        view = TextsView(groups, sum(len(group.texts) for group in groups), tuple(undated),
                         self.programme.rules.translated_text_max_segments if self.cur.texts.language else 0)
        return PageSpec(TEXTS, "Weekly texts", "curriculum/texts.html", "texts", view, sources=("texts.yml",))

    def _contact_link(self, contact_id: str) -> Link:
        stop = self.stop_by_id.get(contact_id)
        return Link(stop.title, stop.target) if stop else Link(contact_id)

    def changes_page(self, since) -> PageSpec:
        """What changed since the last release (report.releases.SinceRelease, or None: not looked up)."""
        found = since.changes if since is not None else None
        if found is None:
            why = since.why_none if since is not None else "The last release was not looked up for this build."
            view = ChangesView("", why, (), (), ())
        else:
            contacts = tuple(ChangedItem(Link(c.title, plan_page(c.id) if c.id in self.cur.plans else ""),
                                         c.status, tuple(c.changes)) for c in found.contacts)
            handouts = tuple(ChangedItem(Link(h.title, handout_page(h.id) if h.id in self.cur.handouts else ""),
                                         h.status, (*_words_line(h), *(x for x in h.changes if not _urgent(x))),
                                         any(_urgent(x) for x in h.changes))
                             for h in found.handouts)
            view = ChangesView(since.tag, "", tuple(found.programme), contacts, handouts)
        return PageSpec(CHANGES, "What changed", "curriculum/changes.html", "changes", view)

    # navigation ---------------------------------------------------------------

    def nav(self, pages: dict[str, PageSpec]) -> list:
        nav: list = [{"Home": HOME}, {"Programme at a glance": GLANCE}, {"What changed": CHANGES}]
        for group in self.phase_groups():
            entries = [{pages[stop.target].title: stop.target} for stop in group.stops if stop.target in pages]
            if entries:
                nav.append({group.title: chunked(entries)})
        handouts = sorted((h for h in self.cur.handouts.values()), key=lambda h: h.meta.title.lower())
        nav.append({"Handouts": [HANDOUTS_INDEX] + chunked([{h.meta.title: handout_page(h.id)} for h in handouts])})
        nav.append({"Facilitator guide": [GUIDE_INDEX] + [{n.title: chapter_page(n)} for n in self.cur.chapters]})
        topics: list = [TOPICS_INDEX]
        for kind, items in self.topic_items():
            if items:
                label = {"theme": "Themes", "thread": "Threads", "message": "Key messages"}[kind]
                topics.append({label: [{item.title: topic_page(kind, item.id)} for item in items]})
        nav.append({"Themes and threads": topics})
        nav.append({"Coverage": COVERAGE})
        if TEXTS in pages:
            nav.append({"Weekly texts": TEXTS})
        return nav


NAV_SECTION_LIMIT = 40


def _urgent(line: str) -> bool:
    return line.startswith("urgent advice")


def _words_line(handout) -> tuple[str, ...]:
    if handout.status == "changed":
        return (f"{handout.words_changed} words changed",) if handout.words_changed else ()
    return (f"{handout.words_changed} words",)


def chunked(entries: list[dict], limit: int = NAV_SECTION_LIMIT) -> list:
    """Long nav sections split into nested sections of at most `limit` entries.

    mkdocs-material renders every sibling of the current page into the page,
    even with navigation.prune: a section of 2,500 handouts made each handout
    page carry 2,500 links and the build grow with the square of the pages.
    Nested sections keep what each page renders to about `limit` entries a
    level. A section within the limit is left as it is."""
    if len(entries) <= limit:
        return entries
    groups = []
    for start in range(0, len(entries), limit):
        part = entries[start:start + limit]
        groups.append({f"{_short(_leaf(part[0], 0))} – {_short(_leaf(part[-1], -1))}": part})
    return chunked(groups, limit)


def _leaf(entry: dict, end: int) -> str:
    """The title of the first (end=0) or last (end=-1) page inside an entry."""
    (title, value), = entry.items()
    return _leaf(value[end], end) if isinstance(value, list) else title


def _short(title: str, size: int = 24) -> str:
    return title if len(title) <= size else title[: size - 1].rstrip() + "…"


def reserved_names(cur: Curriculum) -> list[str]:
    """Sources whose page would collide with a generated index page."""
    found = []
    if "index" in cur.plans:
        found.append(cur.plans["index"].doc.path)
    if "index" in cur.handouts:
        found.append(cur.handouts["index"].doc.path)
    found += [note.doc.path for note in cur.chapters if note.slug == "index"]
    return found


def _sms_length(text: str) -> str:
    """"132 of 160 characters (GSM)", or for a text longer than one SMS
    "150 characters (UCS-2), 3 SMS parts"."""
    from ..texts import sms

    measured = sms.measure(text)
    if measured.fits:
        return f"{measured.slots} of {measured.limit} characters ({measured.encoding})"
    found = sms.parts(text)
    return f"{found.length} characters ({found.encoding}), {found.parts} SMS parts"


def build(cur: Curriculum, pdfs: frozenset[str] = frozenset(), notes_heading: str = "Facilitator notes",
          since=None) -> Site:
    """Every page of the site, its navigation, and the PDFs it links to.
    since: what changed since the last release (report.releases.SinceRelease)."""
    clash = reserved_names(cur)
    if clash:
        raise ReservedName(f"{', '.join(clash)}: 'index' is reserved for the generated index pages; rename the file and its id")
    builder = _Builder(cur, pdfs, notes_heading)
    pages = [builder.home(), builder.glance(), builder.changes_page(since)]
    pages += [builder.contact(ref, plan) for ref, plan in builder.cur.contacts_in_order() if plan is not None]
    listed = {ref.id for ref in builder.programme.contacts}
    for plan_id, plan in cur.plans.items():  # plans the programme does not list (validation reports them)
        if plan_id not in listed:
            ref = ContactRef(id=plan.id, kind=plan.meta.kind, phase=plan.meta.phase, timing=plan.meta.timing)
            pages.append(builder.contact(ref, plan))
    pages.append(builder.handouts_index())
    pages += [builder.handout(h) for h in sorted(cur.handouts.values(), key=lambda h: h.id)]
    pages.append(builder.guide_index())
    pages += [builder.chapter(note, number) for number, note in enumerate(cur.chapters, start=1)]
    pages.append(builder.topics_index())
    for kind, items in builder.topic_items():
        pages += [builder.topic(kind, item) for item in items]
    pages.append(builder.coverage_page())
    if cur.texts is not None:
        pages.append(builder.texts_page())
    by_src = {page.src: page for page in pages}
    return Site(tuple(pages), builder.nav(by_src), pdfs, frozenset(referenced_assets(cur)),
                tuple(builder.programme.rules.facilitator_blocks), source_map(cur))


def referenced_assets(cur: Curriculum) -> set[str]:
    """Repository files (images, documents) that a shown page links to."""
    from .. import markdown_scan
    from ..check.rules.links import resolve, scheme

    docs = [p.doc for p in cur.plans.values()] + [h.doc for h in cur.handouts.values()]
    docs += [n.doc for n in cur.chapters] + [n.doc for c, n in cur.contact_notes.items() if c in cur.plans]
    found = set()
    for doc in docs:
        for ref in markdown_scan.references(doc.body, doc.body_line):
            if scheme(ref.target):
                continue
            path, _ = resolve(doc.path, ref.target)
            if path and path in cur.assets:
                found.add(path)
    return found


def linked_pdfs(cur: Curriculum) -> frozenset[str]:
    """Site paths of every PDF a full build writes (from the PDF package's
    own list, so links and files never disagree)."""
    try:
        from ..pdf.documents import specs
    except ImportError:  # pragma: no cover - the PDF package is part of the product
        return frozenset()
    return frozenset(spec.output for spec in specs(cur))
