"""The pages only a local edition's site has (pure): its directory of local
services and the list of its adaptations, each with its reason.

`add(cur, site)` returns the site with both pages and their navigation; the
core site (no edition) is returned as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .. import outputs
from ..model import Curriculum
from .pages import Link, PageSpec, Site, activity_link, plan_page

SERVICES = "local/services.md"
ADAPTATIONS = "local/adaptations.md"
CHANGE_LABELS = {"drop": "Dropped", "replace": "Replaced", "add": "Added"}
_PHONE = re.compile(r"^[+0-9 ()-]{3,30}$")
_WEB = re.compile(r"^https?://[^\s<>\"']+$")


@dataclass(frozen=True)
class ServiceEntry:
    name: str
    about: str
    phone: str
    tel: str  # tel: address, "" when the phone is not a plain number
    url: str  # http(s) address, "" otherwise
    themes: tuple[Link, ...]


@dataclass(frozen=True)
class ServicesView:
    area: str
    services: tuple[ServiceEntry, ...]


@dataclass(frozen=True)
class AdaptationEntry:
    contact: Link
    change: str
    activity: Link
    minutes: str
    reason: str


@dataclass(frozen=True)
class AdaptationsView:
    area: str
    entries: tuple[AdaptationEntry, ...]
    durations: tuple[tuple[Link, int, int], ...]  # (contact, core minutes, edition minutes)
    pdf: str


def _service(cur: Curriculum, service) -> ServiceEntry:
    themes = {t.id: t.title for t in cur.programme.themes}
    tel = "tel:" + re.sub(r"[^+0-9]", "", service.phone) if _PHONE.match(service.phone) else ""
    return ServiceEntry(service.name, service.about, service.phone, tel, service.url if _WEB.match(service.url) else "",
                        tuple(Link(themes.get(t, t), f"themes/{t}.md") for t in service.themes))


def services_page(cur: Curriculum) -> PageSpec:
    edition = cur.edition
    view = ServicesView(edition.meta.area, tuple(_service(cur, s) for s in edition.meta.services))
    return PageSpec(SERVICES, "Local services", "curriculum/services.html", "services", view)


def _entry(cur: Curriculum, applied) -> AdaptationEntry:
    contact = Link(applied.contact_title, plan_page(applied.contact))
    if applied.change == "drop":
        activity, minutes = Link(applied.activity_title), f"−{applied.minutes}"
    else:
        activity = Link(applied.activity_title, activity_link(applied.contact, applied.activity))
        minutes = f"+{applied.minutes}" if applied.change == "add" else str(applied.minutes)
    label = CHANGE_LABELS[applied.change] + (f" “{applied.before}” with" if applied.before else "")
    return AdaptationEntry(contact, label, activity, minutes, applied.reason)


def adaptations_page(cur: Curriculum, pdfs: frozenset[str]) -> PageSpec:
    edition = cur.edition
    titles = {plan.id: plan.meta.title for plan in cur.plans.values()}
    durations = tuple((Link(titles.get(c, c), plan_page(c)), before, after) for c, before, after in edition.durations)
    pdf = outputs.adaptations_pdf()
    view = AdaptationsView(edition.meta.area, tuple(_entry(cur, a) for a in edition.applied), durations,
                           pdf if pdf in pdfs else "")
    return PageSpec(ADAPTATIONS, "Local adaptations", "curriculum/adaptations.html", "adaptations", view)


def add(cur: Curriculum, site: Site) -> Site:
    """The site with the edition's own pages (the core site as it was)."""
    if cur.edition is None:
        return site
    added = (services_page(cur), adaptations_page(cur, site.pdfs))
    nav = [*site.nav, {"This local edition": [{"Local services": SERVICES}, {"Local adaptations": ADAPTATIONS}]}]
    return replace(site, pages=(*site.pages, *added), nav=nav)
