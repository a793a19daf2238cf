"""`curriculum build --edition ID`: an edition's own site and PDFs, read back."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from curriculum.build import build
from curriculum.cli import main

EDITION = """\
title: Cooking in Townsend
area: Townsend
local:
  venue: "Townsend Hall <b>1</b> & *Market*"
services_handout: shopping-list
services:
  - {name: "Townsend Food Bank", phone: "01632 960 300", url: "https://food.example.org", about: "Free food.", themes: [shopping]}
  - {name: "Townsend Cookery Club", about: "Cook together on Fridays.", themes: [cooking]}
adaptations:
  - {contact: week-1, activity: market-visit, change: add, after: welcome, file: market-visit.md, reason: "The market is next door."}
  - {contact: week-2, activity: share-meal, change: replace, file: take-home.md, reason: "Families take the meal home to share."}
"""

MARKET = """\
---
id: market-visit
title: A walk round the market
minutes: 10
lead: peer
themes: [shopping]
threads: [confidence]
---

## A walk round the market {#market-visit}

Meet at [[local:venue]] and compare three prices.
"""

TAKE_HOME = """\
---
id: take-home
title: Pack the meal to take home
minutes: 30
lead: peer
themes: [cooking]
threads: [confidence]
---

## Pack the meal to take home {#take-home}

Share out the curry into tubs, one for each family.
"""


@pytest.fixture
def town(make):
    return make(**{"editions/town/edition.yml": EDITION, "editions/town/market-visit.md": MARKET,
                   "editions/town/take-home.md": TAKE_HOME,
                   "handout": ("Write what you need", "We meet at [[local:venue]]. Write what you need")})


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The minimal curriculum with the `town` edition, its core and edition built once, with PDFs."""
    root = tmp_path_factory.mktemp("edition") / "curriculum"
    shutil.copytree(Path(__file__).parent / "fixtures" / "minimal", root)
    for rel, text in {"editions/town/edition.yml": EDITION, "editions/town/market-visit.md": MARKET,
                      "editions/town/take-home.md": TAKE_HOME}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    handout = root / "handouts" / "shopping-list.md"
    handout.write_text(handout.read_text(encoding="utf-8").replace(
        "Write what you need", "We meet at [[local:venue]]. Write what you need"), encoding="utf-8")
    core = build(root)
    result = build(root, edition="town")
    assert core.built and result.built, [f for f in result.report.findings if f.severity.value == "error"]
    return root, root / "build" / "site", root / "build" / "editions" / "town" / "site"


def test_edition_site_has_its_title_values_and_pages(built):
    _, core, site = built
    pages = sorted(site.rglob("*.html"))
    assert pages
    for page in pages:
        if page.name != "404.html":
            assert "Cooking in Townsend" in page.read_text(encoding="utf-8"), page
    handout = (site / "handouts" / "shopping-list.html").read_text(encoding="utf-8")
    assert '<span class="cur-local">Townsend Hall &lt;b&gt;1&lt;/b&gt; &amp; *Market*</span>' in handout
    assert "Local services: Townsend" in handout and "Townsend Cookery Club" in handout
    services = (site / "local" / "services.html").read_text(encoding="utf-8")
    assert "Townsend Food Bank" in services and 'href="tel:01632960300"' in services
    adaptations = (site / "local" / "adaptations.html").read_text(encoding="utf-8")
    for words in ("The market is next door.", "Families take the meal home to share.", "Replaced", "Share the meal",
                  "A walk round the market", "local-adaptations.pdf"):
        assert words in adaptations
    week_1 = (site / "sessions" / "week-1.html").read_text(encoding="utf-8")
    assert 'id="market-visit"' in week_1 and "1 hour 10 minutes" in week_1
    # The core site is its own: blanks, no edition pages.
    core_handout = (core / "handouts" / "shopping-list.html").read_text(encoding="utf-8")
    assert 'class="cur-local-blank"' in core_handout and "Townsend" not in core_handout
    assert not (core / "local").exists()


def test_edition_pdfs_carry_the_edition(built):
    _, core, site = built
    for pdf in sorted((site / "pdf").rglob("*.pdf")):
        assert "Cooking in Townsend" in PdfReader(pdf).metadata.title, pdf
    handout = pdf_text(site / "pdf" / "handouts" / "shopping-list.pdf")
    assert "Townsend Hall <b>1</b> & *Market*" in handout and "Local services: Townsend" in handout
    adaptations = pdf_text(site / "pdf" / "local-adaptations.pdf")
    assert "The market is next door." in adaptations and "Families take the meal home" in adaptations
    assert "60 minutes in the core programme, 70 minutes in this edition" in adaptations
    assert "Townsend" not in pdf_text(core / "pdf" / "handouts" / "shopping-list.pdf")
    assert "venue" in pdf_text(core / "pdf" / "handouts" / "shopping-list.pdf")  # the blank names what goes there


def test_failed_edition_build_leaves_the_previous_one(town):
    assert build(town, edition="town", pdfs=False).built
    assert build(town, edition="town", pdfs=False).up_to_date  # nothing changed: nothing done
    (town / "editions" / "town" / "take-home.md").write_text(TAKE_HOME + "\nWash up together.\n", encoding="utf-8")
    assert build(town, edition="town", pdfs=False).built  # an edition's file changed: built again
    site = town / "build" / "editions" / "town" / "site"
    before = tree(site)
    edition = town / "editions" / "town" / "edition.yml"
    edition.write_text(EDITION.replace("activity: share-meal, change: replace, file: take-home.md",
                                       "activity: cook-curry, change: drop"), encoding="utf-8")
    result = build(town, edition="town", pdfs=False)
    assert not result.built and "CUR420" in {f.code for f in result.report.findings}
    assert tree(site) == before


def test_cli_builds_every_edition(town):
    result = CliRunner().invoke(main, ["build", str(town), "--all-editions", "--no-pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (town / "build" / "site" / "index.html").is_file()
    assert (town / "build" / "editions" / "town" / "site" / "local" / "adaptations.html").is_file()
    listed = CliRunner().invoke(main, ["editions", str(town), "--format", "json"])
    assert '"ids": ["town"]' in listed.output
