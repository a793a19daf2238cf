"""Print HTML for each PDF (pure: no WeasyPrint, nothing written).

Templates are Jinja2 with autoescape and StrictUndefined, looked up first
in `<ROOT>/overrides/pdf/` and then in this package. Author text reaches a
template only as HTML made by `markup.to_html` (passed as Markup) or as
plain strings that autoescape escapes: it is never compiled.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, TemplateNotFound
from markupsafe import Markup

from ..check import coverage
from ..model import Curriculum, Handout, Note, Plan
from ..render import records
from ..render.bidi import isolate_numbers
from ..render.labels import (
    KIND_LABELS,
    activity_lines,
    clock,
    edition_label,
    lead_label,
    long_date,
    translation_notices,
)
from . import documents as D
from . import script_fonts
from .cache import FONT_DIR, FONT_FAMILY, OVERRIDES, PACKAGE
from .confine import VIRTUAL
from .markup import Context, Unprintable, image_lines, to_html

STYLESHEETS = ("styles/page.css", "styles/content.css")
TRANSLATED_STYLESHEET, RTL_STYLESHEET = "styles/translated.css", "styles/rtl.css"  # added for a translation
EXTRA_STYLESHEET = "styles/extra.css"  # optional, only in overrides: added last
FIT_STEPS = 3  # tighter layouts tried for a card that must fit one page
MAX_HTML_BYTES = 8_000_000

FONT_FACES = (("Regular", "normal", 400), ("Bold", "normal", 700),
              ("Italic", "italic", 400), ("BoldItalic", "italic", 700))


# --- templates ---------------------------------------------------------------


class ConfinedLoader(FileSystemLoader):
    """The repository's template overrides; no symbolic links out of it."""

    def __init__(self, folder: Path, root: Path):
        super().__init__(str(folder))
        self.root = root

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(self.root):
            raise TemplateNotFound(template)
        return source, filename, uptodate


def environment(root: Path) -> Environment:
    loaders = []
    overrides = root / OVERRIDES
    if overrides.is_dir() and overrides.resolve().is_relative_to(root.resolve()):
        loaders.append(ConfinedLoader(overrides, root.resolve()))
    loaders.append(PackageLoader("curriculum.pdf", "templates"))
    env = Environment(loader=ChoiceLoader(loaders), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env


def font_css() -> str:
    """@font-face rules for the bundled font, by its virtual addresses."""
    if FONT_DIR is None:
        return ""
    faces = []
    for name, style, weight in FONT_FACES:
        file = f"AtkinsonHyperlegible-{name}.ttf"
        if (FONT_DIR / file).is_file():
            faces.append(f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{VIRTUAL}font/{file}"); '
                         f"font-style: {style}; font-weight: {weight}; }}")
    return "\n".join(faces) + "\n"


def stylesheet(env: Environment) -> str:
    """Fonts, then page.css and content.css (overridable), then extra.css."""
    parts = [font_css()]
    for name in (*STYLESHEETS, EXTRA_STYLESHEET):
        try:  # the overrides first (the loader also serves templates)
            parts.append(env.loader.get_source(env, name)[0])
        except TemplateNotFound:
            if name != EXTRA_STYLESHEET:
                parts.append((PACKAGE / name).read_text(encoding="utf-8"))
    # Inside <style>, `</` would end the element early: CSS never needs it.
    return "\n".join(parts).replace("</", "<\\/")


# --- views: what templates see ---------------------------------------------------


@dataclass(frozen=True)
class Row:
    start: str
    end: str
    minutes: int
    title: str
    lead: str
    core: bool
    messages: tuple[str, ...]
    anchor: str
    is_break: bool = False


@dataclass
class Section:
    """One source file in a PDF."""

    prefix: str
    title: str
    html: Markup = Markup("")
    summary: str = ""
    reviewed: str = ""
    sources: tuple[str, ...] = ()
    footer: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Page:
    """The HTML of one PDF, in the tighter variants a card may need, where
    each image came from (to name the line of a refused one), and the
    stylesheet, kept apart from the HTML so a worker parses it once for
    every document it renders."""

    html: tuple[str, ...]
    images: dict[str, tuple[str, int]]  # URL -> (source path, line)
    stylesheet: str = ""


def short_role(title: str) -> str:
    """'Health professional (midwife or health visitor)' -> 'Health professional'."""
    return title.split(" (")[0].strip() or title


def cover_line(kinds: set[str]) -> str:
    """The workbook cover's one plain sentence for parents (the programme's
    summary is written for staff), from the kinds of contact there are."""
    where = " and ".join(word for kind, word in (("group", "groups"), ("home-visit", "visits")) if kind in kinds)
    return f"Your handouts from the {where}, in one place." if where else "Your handouts, in one place."


def created(spec: D.Spec, cur: Curriculum) -> str:
    """The PDF's creation date: SOURCE_DATE_EPOCH when set, else the latest
    review date of its sources, else none (never the clock)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    paths = {doc.path for doc in spec.sources}
    dates = [p.meta.reviewed for p in cur.plans.values() if p.doc.path in paths and p.meta.reviewed]
    dates += [h.meta.reviewed for h in cur.handouts.values() if h.doc.path in paths and h.meta.reviewed]
    return f"{max(dates).isoformat()}T00:00:00Z" if dates else ""


@dataclass
class Parts:
    """A document laid out in parts (pdf/compose.py): each part's name and
    HTML, where each image came from, and the stylesheet of every part."""

    names: tuple[str, ...]
    html: tuple[str, ...]
    images: dict[str, tuple[str, int]]
    stylesheet: str
    numbered_front: bool = False  # its contents print page numbers: laid out again once they are known


PARTED = (D.MANUAL, D.HANDOUT, D.PACK, D.WORKBOOK)  # laid out in parts (pdf/in_parts.py)
NUMBERED_FRONTS = (D.MANUAL, D.PACK, D.WORKBOOK)  # a front whose contents print the page each part starts on
# A part prints no page numbers: they run through the whole document, so
# compose.py stamps them on once every part is laid out.
PART_CSS = "\n@page { @bottom-right { content: none; } }\n"
# The furniture prints only those numbers, in the margin boxes of the page
# rules above it; pages a part prints without numbers (a cover) get none.
FURNITURE_CSS = """
@page { @top-left { content: none; } @top-right { content: none; } @bottom-left { content: none; } }
@page unnumbered { @bottom-right { content: none; } }
.furniture > div { break-before: page; height: 1px; }
.furniture > div:first-child { break-before: auto; }
.furniture > .unnumbered { page: unnumbered; }
"""


class Renderer:
    """Builds the HTML of any spec of one curriculum."""

    def __init__(self, cur: Curriculum, env: Environment | None = None):
        if cur.programme is None:
            raise ValueError("a curriculum without a programme has no PDFs")
        self.cur = cur
        self.root = Path(cur.root).resolve()
        self.root_url = f"{VIRTUAL}repo/"  # see confine.VIRTUAL
        self.env = env or environment(self.root)
        self.css = Markup(stylesheet(self.env))
        self.programme = cur.programme
        self.language = cur.programme.language
        self.roles = {role.id: role.title for role in cur.programme.roles}
        self.phases = {phase.id: phase.title for phase in cur.programme.phases}
        self.messages = {m.id: m.title for m in cur.programme.key_messages}
        self.blocked = tuple(cur.programme.rules.facilitator_blocks)
        self._part_contexts: dict = {}

    # --- one source ---------------------------------------------------------------

    def markdown(self, doc, prefix: str, parents: bool, shift: int = 0, sections=None,
                 images: dict | None = None, under_headings=None) -> Markup:
        ctx = Context(doc.path, prefix, self.root_url, parents=parents, blocked=self.blocked, shift=shift,
                      sections=sections or {}, under_headings=under_headings or {},
                      local=self.cur.edition.meta.local if self.cur.edition else None)
        html, _ = to_html(doc.body, ctx, doc.body_line)
        if images is not None:
            for url, line in image_lines(doc.body, doc.body_line, doc.path, self.root_url).items():
                images.setdefault(url, (doc.path, line))
        return Markup(html)

    def handout(self, handout: Handout, parents: bool, edition: str, sections, images) -> Section:
        prefix = f"h-{handout.id}"
        reviewed = long_date(handout.meta.reviewed, self.language)
        footer = " · ".join(part for part in (self.programme.title, edition,
                                               f"reviewed {reviewed}" if reviewed else "") if part)
        return Section(prefix, handout.meta.title,
                       self.markdown(handout.doc, prefix, parents or handout.for_parents, 0, sections, images),
                       summary=handout.meta.summary, reviewed=reviewed,
                       sources=() if (parents or handout.for_parents) else tuple(handout.meta.sources),
                       footer=footer)

    def agenda(self, plan: Plan) -> list[Row]:
        rows, at = [], 0
        for activity in plan.meta.activities:
            rows.append(Row(clock(at), clock(at + activity.minutes), activity.minutes, activity.title,
                            short_role(lead_label(activity, self.roles)), activity.core,
                            tuple(self.messages.get(m, m) for m in activity.messages), activity.id,
                            activity.is_break))
            at += activity.minutes
        return rows

    def plan(self, plan: Plan, edition: str, images=None, notes: Note | None = None) -> Section:
        prefix = f"s-{plan.id}"
        meta = plan.meta
        reviewed = long_date(meta.reviewed, self.language)
        handouts = [(h, self.cur.handouts[h].meta.title if h in self.cur.handouts else h) for h in meta.handouts]
        messages = []
        for activity in meta.activities:
            for message in activity.messages:
                if self.messages.get(message, message) not in messages:
                    messages.append(self.messages.get(message, message))
        footer = " · ".join(p for p in (self.programme.title, edition,
                                         f"reviewed {reviewed}" if reviewed else "") if p)
        extra = {
            "kind": KIND_LABELS[meta.kind],
            "phase": self.phases.get(meta.phase, meta.phase),
            "timing": meta.timing,
            "duration": meta.duration,
            "aims": list(meta.aims),
            "outcomes": list(meta.outcomes),
            "materials": list(meta.materials),
            "handouts": [title for _, title in handouts],
            "handout_refs": [{"title": title, "prefix": f"hm-{h}" if h in self.cur.handouts else ""}
                             for h, title in handouts],
            "agenda": self.agenda(plan),
            "messages": messages,
            "leads": sorted({short_role(self.roles.get(a.lead, a.lead)) for a in meta.activities if not a.is_break}),
            "notes": None,
            "evaluation": [records.given_line(given) for given in records.given_at(self.cur, plan.id)],
        }
        if images is not None:
            extra["body"] = self.markdown(plan.doc, prefix, False, 0, None, images,
                                          activity_lines(meta.activities, self.roles))
            if notes is not None:
                extra["notes"] = self.markdown(notes.doc, f"n-{plan.id}", False, 1, None, images)
        return Section(prefix, meta.title, summary="", reviewed=reviewed, sources=tuple(meta.sources),
                       footer=footer, extra=extra)

    # --- whole documents -------------------------------------------------------------

    def page(self, spec: D.Spec) -> Page:
        """The HTML of one PDF; raises Unprintable for a source that must not print."""
        edition = edition_label(self.programme, self.language)
        images: dict[str, tuple[str, int]] = {}
        common = self._common(spec, edition)
        template = self.env.get_template(f"{spec.kind}.html")
        context = {**common, **getattr(self, f"_{spec.kind}")(spec, edition, images),
                   "show": lambda name: True, "page_of": lambda anchor: ""}
        variants = []
        for fit in range(FIT_STEPS + 1 if spec.one_page else 1):
            variants.append(self._checked(spec, template.render({**context, "fit": fit})))
        return Page(tuple(variants), images, self._stylesheet(spec))

    def furniture(self, spec: D.Spec, numbered: list[bool]) -> tuple[str, str]:
        """HTML and stylesheet of the page furniture for a document of
        len(numbered) pages, numbered where True."""
        # Nothing of the document itself: every document of that many pages
        # (a two-sided handout) shares one furniture (in_parts.py).
        html = self.env.get_template("furniture.html").render(
            {"language": self.language, "title": self.programme.title, "pages": numbered})
        return html, self._stylesheet(spec) + FURNITURE_CSS

    @staticmethod
    def _checked(spec: D.Spec, html: str) -> str:
        if len(html.encode()) > MAX_HTML_BYTES:
            raise Unprintable(spec.output, None, f"document of {len(html.encode()):,} bytes of HTML "
                                                 f"(limit {MAX_HTML_BYTES:,}); split its sources")
        return html

    def in_parts(self, spec: D.Spec) -> bool:
        """Whether this document is laid out in parts (pdf/in_parts.py): the
        manual, the packs, the workbook and every handout in the source
        language, unless an override of its template does not say which
        part it is showing (`show(...)`: then it is laid out whole)."""
        if spec.lang or spec.kind not in PARTED:
            return False
        if spec.kind == D.HANDOUT:
            return True
        source, filename, _ = self.env.loader.get_source(self.env, f"{spec.kind}.html")
        return Path(filename).resolve().is_relative_to(PACKAGE) or bool(re.search(r"\{%[^%]*\bshow\(", source))

    def parts(self, spec: D.Spec, numbers: dict[str, int] | None = None, only: str | None = None,
              guess: int | None = None) -> Parts:
        """A document's HTML in parts that do not depend on one another, in
        order: the front (cover and contents) first when it has one, then
        each contact, chapter or handout; `only` names the one part wanted.
        A contents page prints `numbers` (anchor -> page), else `guess` for
        every entry (to measure the front's pages), else none. A handout's
        part is the same HTML in its own PDF, its pack and the workbook."""
        edition = edition_label(self.programme, self.language)
        key = (spec.output, spec.title)
        if key not in self._part_contexts:  # the Markdown of every source, converted once
            images: dict[str, tuple[str, int]] = {}
            context = {} if spec.kind == D.HANDOUT else getattr(self, f"_{spec.kind}")(spec, edition, images)
            self._part_contexts[key] = ({**self._common(spec, edition), **context}, images)
        context, images = self._part_contexts[key]
        shown = numbers or {}

        def page_of(anchor: str) -> Markup:
            number = shown.get(anchor, guess)
            return Markup(f' data-page="{number}"') if number is not None else Markup("")

        names, handouts = self._part_names(spec, context)
        images = {**images}
        for _, handout_images in handouts.values():
            images.update(handout_images)
        handouts = {name: html for name, (html, _) in handouts.items()}
        wanted = [name for name in names if only is None or name == only]
        template = self.env.get_template(f"{spec.kind}.html")
        html = tuple(handouts[name] if name in handouts else
                     self._checked(spec, template.render({**context, "show": lambda part, name=name: part == name,
                                                          "page_of": page_of}))
                     for name in wanted)
        return Parts(tuple(wanted), html, images, self._stylesheet(spec) + PART_CSS,
                     numbered_front=spec.kind in NUMBERED_FRONTS)

    def _part_names(self, spec: D.Spec, context: dict) -> tuple[list[str], dict[str, tuple[str, dict]]]:
        """A document's parts, and the HTML and images of those that are handouts."""
        if spec.kind == D.MANUAL:
            return ["front", "overview", *(c.prefix for c in context["contacts"]),
                    *(["handouts"] if context["handouts"] else []), *(c.prefix for c in context["chapters"])], {}
        if spec.kind == D.HANDOUT:
            handouts = [self.cur.handouts[spec.subject]]
        elif spec.kind == D.PACK:
            handouts = D.plan_handouts(self.cur, self.cur.plans[spec.subject], parents_only=True)
        else:
            handouts = D.workbook_order(self.cur)
        sections = {} if spec.kind == D.HANDOUT else {h.doc.path: f"h-{h.id}" for h in handouts}
        parts = {f"h-{h.id}": self.handout_part(h, sections) for h in handouts}
        return ([] if spec.kind == D.HANDOUT else ["front"]) + list(parts), parts

    def handout_part(self, handout: Handout, sections: dict[str, str]) -> tuple[str, dict]:
        """A handout as a part, the same HTML wherever it is printed (its
        head is its own PDF's; links reach the handouts of `sections`),
        and where each of its images came from."""
        spec = D.handout_spec(self.cur, handout)
        edition = edition_label(self.programme, self.language)
        key = ("handout", handout.id, tuple(sorted(sections.items())))
        if key not in self._part_contexts:
            images: dict[str, tuple[str, int]] = {}
            section = self.handout(handout, handout.for_parents, edition, sections, images)
            html = self.env.get_template("handout.html").render(
                {**self._common(spec, edition), "section": section, "show": lambda part: True,
                 "page_of": lambda anchor: ""})
            self._part_contexts[key] = (self._checked(spec, html), images)
        return self._part_contexts[key]

    def _common(self, spec: D.Spec, edition: str) -> dict:
        """What every template sees."""
        return {
            "programme": self.programme,
            "title": spec.title,
            "language": self.language,
            "edition": edition,
            "edition_cover": edition[:1].upper() + edition[1:],
            "created": created(spec, self.cur),
            "css": "",  # given to WeasyPrint beside the HTML (Page.stylesheet)
            "parents": spec.parents,
            "kind": spec.kind,
            "fit": 0,
            "direction": "ltr",
        }

    def _stylesheet(self, spec: D.Spec) -> str:
        """The stylesheet; a translation's adds translated.css, and rtl.css
        for a right-to-left language."""
        if not spec.lang:
            return str(self.css)
        names = [TRANSLATED_STYLESHEET]
        if self.cur.translations[spec.lang].direction == "rtl":
            names.append(RTL_STYLESHEET)
        return "\n".join([script_fonts.font_faces(VIRTUAL) + str(self.css), script_fonts.family_css(FONT_FAMILY),
                          *((PACKAGE / name).read_text(encoding="utf-8") for name in names)])

    def _handout(self, spec, edition, images):
        if spec.lang:
            return self._translated_handout(spec, edition, images)
        handout = self.cur.handouts[spec.subject]
        return {"section": self.handout(handout, handout.for_parents, edition, {}, images)}

    def _translated_handout(self, spec, edition, images):
        """A translated parents handout, in its language and direction, with
        the language's notice while no clinician speaking it has reviewed it."""
        language = self.cur.translations[spec.lang]
        translation = language.files[f"handouts/{spec.subject}.md"]
        # Under the source's path: its links and images resolve as from the source.
        doc = replace(translation.doc, path=translation.source)
        if language.direction == "rtl":
            doc = replace(doc, body=isolate_numbers(doc.body))
        section = self.handout(Handout(translation.meta, doc), True, edition, {}, images)
        notices = translation_notices(translation, language.meta)
        if notices:
            section.extra["notice"] = " ".join(text for _, text, _ in notices)
        return {"section": section, "language": spec.lang, "direction": language.direction}

    def _pack(self, spec, edition, images):
        plan = self.cur.plans[spec.subject]
        handouts = D.plan_handouts(self.cur, plan, parents_only=True)
        sections = {h.doc.path: f"h-{h.id}" for h in handouts}
        return {
            "contact": self.plan(plan, edition),
            "sections": [self.handout(h, True, edition, sections, images) for h in handouts],
        }

    def _card(self, spec, edition, images):
        plan = self.cur.plans[spec.subject]
        return {"contact": self.plan(plan, edition)}

    def _workbook(self, spec, edition, images):
        handouts = D.workbook_order(self.cur)
        sections = {h.doc.path: f"h-{h.id}" for h in handouts}
        built = {h.id: self.handout(h, True, edition, sections, images) for h in handouts}
        groups, used = [], set()
        for plan in D.contact_plans(self.cur):
            given = [h.id for h in D.plan_handouts(self.cur, plan, parents_only=True)]
            if given:
                groups.append({"title": plan.meta.title, "timing": plan.meta.timing,
                               "entries": [built[h] for h in given]})
            used.update(given)
        unused = [built[h.id] for h in handouts if h.id not in used]
        if unused:
            groups.append({"title": "More handouts", "timing": "", "entries": unused})
        return {"sections": list(built.values()), "groups": groups,
                "cover_line": cover_line({plan.meta.kind for plan in D.contact_plans(self.cur)})}

    def _manual(self, spec, edition, images):
        cur = self.cur
        plans = D.contact_plans(cur)
        contacts = [self.plan(plan, edition, images, cur.contact_notes.get(plan.id)) for plan in plans]
        chapters = []
        for note in cur.chapters:
            prefix = f"g-{note.slug}"
            chapters.append(Section(prefix, note.title, self.markdown(note.doc, prefix, False, 0, None, images),
                                    footer=f"{self.programme.title} · {edition}"))
        numbers = {plan.id: index for index, plan in enumerate(plans, 1)}
        programme = self.programme
        ordered = cur.handouts_in_order()
        # The matrix of `curriculum coverage` and the site: one count everywhere.
        rows = {(row.kind, row.id): row for row in coverage.build(cur).rows}
        covered = {}
        for kind, plural, items in (("theme", "themes", programme.themes), ("thread", "threads", programme.threads),
                                    ("message", "messages", programme.key_messages)):
            covered[plural] = []
            for item in items:
                cells = rows[(kind, item.id)].cells if (kind, item.id) in rows else {}
                covered[plural].append(
                    {"title": item.title, "description": getattr(item, "description", ""),
                     "contacts": [numbers[p.id] for p in plans if cells.get(p.id)],
                     "where": self._covering(plans, numbers, cells),
                     "handouts": [{"title": h.meta.title, "prefix": f"hm-{h.id}"} for h in ordered
                                  if kind == "theme" and item.id in h.meta.themes]})
        sequence = [{"number": numbers[p.id], "title": p.meta.title, "extra": c.extra, "prefix": c.prefix}
                    for p, c in zip(plans, contacts)]
        return {
            "contacts": contacts,
            "chapters": chapters,
            "sequence": sequence,
            "covered": covered,
            "handouts": [self._handout_entry(h, numbers) for h in ordered],
            "roles": [role.title for role in programme.roles],
            "footer": f"{programme.title} · {edition}",
        }

    def _adaptations(self, spec, edition, images):
        """A local edition's changes with their reasons, and the contacts' lengths before and after."""
        local = self.cur.edition
        titles = {plan.id: plan.meta.title for plan in self.cur.plans.values()}
        return {"area": local.meta.area, "changes": list(local.applied),
                "durations": [(titles.get(c, c), before, after) for c, before, after in local.durations],
                "footer": f"{self.programme.title} · {edition}"}

    # --- delivery records (render/records.py) ------------------------------------------

    def _fidelity(self, spec, edition, images):
        return {"check": records.checklist(self.cur, self.cur.plans[spec.subject]),
                "footer": f"{self.programme.title} · {edition}", "adaptation_rows": 3}

    def _register(self, spec, edition, images):
        return {"register": records.register(self.cur), "footer": f"{self.programme.title} · {edition}"}

    def _evaluation(self, spec, edition, images):
        return {"schedule": records.schedule(self.cur), "measures": records.measures(self.cur),
                "uses": records.measure_uses(self.cur), "footer": f"{self.programme.title} · {edition}",
                "reminders": records.EVALUATION_REMINDERS}

    @staticmethod
    def _covering(plans: list[Plan], numbers: dict[str, int], cells: dict[str, tuple[str, ...]]) -> list[dict]:
        """The contacts whose activities cover a theme, thread or message (the
        coverage matrix's cells), each with those activities (linked to their
        section when it has one)."""
        found = []
        for plan in plans:
            anchors = {h.anchor for h in plan.doc.headings}
            covering = set(cells.get(plan.id, ()))
            activities = [{"title": a.title, "core": a.core,
                           "href": f"#s-{plan.id}-{a.id}" if a.id in anchors else ""}
                          for a in plan.meta.activities if a.id in covering]
            if activities:
                found.append({"number": numbers[plan.id], "title": plan.meta.title, "prefix": f"s-{plan.id}",
                              "activities": activities})
        return found

    def _handout_entry(self, handout: Handout, numbers: dict[str, int]) -> dict:
        """A handout in the manual's Handouts part: its front matter, never
        its body (the manual's cache key holds only these facts)."""
        meta = handout.meta
        themes = {theme.id: theme.title for theme in self.programme.themes}
        return {
            "prefix": f"hm-{handout.id}",
            "title": meta.title,
            "summary": meta.summary,
            "parents": handout.for_parents,
            "audience": "Parents" if handout.for_parents else "Facilitators",
            "themes": [themes.get(t, t) for t in meta.themes],
            "contacts": [{"number": numbers[c], "title": self.cur.plans[c].meta.title, "prefix": f"s-{c}"}
                         for c in self.cur.handout_users(handout.id) if c in numbers],
            "sources": list(meta.sources),
            "reviewed": long_date(meta.reviewed, self.language),
        }


__all__ = ["Renderer", "Page", "Parts", "Unprintable", "environment", "stylesheet"]
