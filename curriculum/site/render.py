"""Every page of the site as finished HTML: our templates around author
Markdown converted by our one safe converter (pure: model in, strings out).

The site generator never sees author Markdown or our view models: it gets
these pages (see handoff.py) and draws only the theme around them, so the
pages are the same under MkDocs and Zensical.

Templates are Jinja2 with autoescaping on: the package's `templates/curriculum/`
and `templates/partials/curriculum/`, and the programme's own versions of any
of them in `overrides/` (which win). Author text reaches a template only as
data; the converted Markdown is passed as Markup.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..findings import Finding
from ..model import Curriculum
from ..render.converter import converter
from ..render.labels import activity_line, edition_label
from . import pages
from .markdown import PageParts, SafeMarkdown, assemble
from .pages import relative_url

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class RenderedPage:
    src: str  # page path in the docs tree, e.g. sessions/antenatal-1.md
    title: str
    html: str
    problems: tuple[str, ...] = ()  # author text the converter could not place or show


class Helper:
    """`curriculum` in templates: the page's view model and its links."""

    def __init__(self, cur: Curriculum, spec: pages.PageSpec, known: frozenset[str],
                 findings: tuple[Finding, ...], serving: bool):
        self.programme = cur.programme
        self.spec = spec
        self.view = spec.view
        self.findings = findings
        self.serving = serving
        self._known = known
        # Which version this page belongs to, in words (FORMAT.md section 12).
        self.edition = edition_label(cur.programme, cur.programme.language) if cur.programme else ""

    def url(self, target: str) -> str:
        """Page-relative URL of a page path (with #anchor) or a site file; ""
        when the site has no such page."""
        if not target:
            return ""
        path = target.partition("#")[0]
        if path.endswith(".md") and path not in self._known:
            return ""
        return relative_url(target, self.spec.src)


def theme_icons() -> list[Path]:
    """Folders holding `.icons/` for templates that include an icon: the
    installed theme's (mkdocs-material or Zensical); read as files only."""
    found = []
    for package in ("material", "zensical"):
        spec = find_spec(package)
        if spec and spec.origin:
            templates = Path(spec.origin).parent / "templates"
            if (templates / ".icons").is_dir():
                found.append(templates)
    return found


def environment(root: Path) -> jinja2.Environment:
    overrides = root / "overrides"
    folders = ([str(overrides)] if overrides.is_dir() else []) + [str(TEMPLATES)] + [str(p) for p in theme_icons()]
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folders), autoescape=True,
                              keep_trailing_newline=False)


class Converter:
    """Author Markdown to safe HTML for one page at a time (one Markdown
    instance for the whole site: reset between pages)."""

    def __init__(self, site: pages.Site, badge: str, local=None):
        self.extension = SafeMarkdown(site.link_map, site.facilitator_blocks, badge)
        self.md = converter(self.extension, permalink=True, local=local)
        self.token = os.urandom(8).hex()  # marks this build's segment headings: author text cannot forge one

    def convert(self, spec: pages.PageSpec) -> tuple[str, tuple[str, ...]]:
        if not spec.segments:
            return "", ()
        parts = PageParts(spec.src, tuple(seg.source for seg in spec.segments), self.token,
                          under_headings=activity_lines(spec))
        self.extension.parts = parts
        try:
            text = assemble([(seg.markdown, seg.heading, seg.anchor) for seg in spec.segments], parts.token)
            body = self.md.reset().convert(text)
        finally:
            self.extension.parts = None
        where = spec.sources[0] if spec.sources else spec.src
        problems = [f"{where}: {problem}" for problem in parts.problems]
        problems += [f"{spec.segments[i].source}: could not be placed on {spec.src}; look for an unclosed ``` fence "
                     f"at the end of {spec.segments[0].source}"
                     for i in range(1, len(spec.segments)) if i not in parts.found]
        return body, tuple(problems)


def activity_lines(spec: pages.PageSpec) -> dict[str, str]:
    """On a contact page, each activity's heading id -> its start, minutes,
    lead and core or flexible, as the agenda gives them."""
    if spec.kind != "contact":
        return {}
    return {row.anchor: activity_line(row.start_minutes, row.activity.minutes, row.lead, row.activity.core,
                                      row.activity.is_break)
            for row in spec.view.agenda}


def render_pages(cur: Curriculum, site: pages.Site, *, findings: tuple[Finding, ...] = (), serving: bool = False,
                 badge: str = "Facilitators only") -> list[RenderedPage]:
    """Every page of `site`, finished."""
    env = environment(Path(cur.root))
    converter = Converter(site, badge, cur.edition.meta.local if cur.edition else None)
    known = frozenset(spec.src for spec in site.pages)
    rendered = []
    for spec in site.pages:
        body, problems = converter.convert(spec)
        template = env.get_template(spec.template)
        html = template.render(curriculum=Helper(cur, spec, known, findings, serving), content=Markup(body))
        rendered.append(RenderedPage(spec.src, spec.title, html.strip(), problems))
    return rendered
