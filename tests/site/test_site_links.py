"""Every internal link of a built site leads somewhere: the file exists and,
for `#anchor`, the page has that id."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from site_support import MINIMAL, REPO, copy_curriculum, html_files, page

from curriculum.check.validate import validate
from curriculum.site import pages


def _site_path(rel: str, path: str) -> str | None:
    """The site path a link's path leads to from page `rel`; None when it
    leaves the site."""
    target = unquote(path)
    if not target:
        return rel
    if target.startswith("/") and rel == "404.html":  # served at any path: MkDocs makes it absolute
        return target.lstrip("/")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
    return None if resolved.startswith("../") else resolved


def _link_problem(site: Path, rel: str, tag: str, attribute: str, value: str,
                  missing_ok: frozenset[str]) -> str | None:
    """What is wrong with one link of page `rel`, if it is internal and broken."""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or value.startswith("//"):
        return None
    resolved = _site_path(rel, parts.path)
    if resolved is None:
        return f"{rel}: <{tag} {attribute}={value!r}> leaves the site"
    file = site / resolved
    if file.is_dir():
        file = file / "index.html"
        resolved = posixpath.join(resolved, "index.html")
    if not file.is_file():
        return None if resolved in missing_ok else f"{rel}: <{tag} {attribute}={value!r}> -> {resolved} does not exist"
    if parts.fragment and resolved.endswith(".html") and parts.fragment not in page(site, resolved).ids:
        return f"{rel}: {value!r}: {resolved} has no id '{parts.fragment}'"
    return None


def broken_links(site: Path, missing_ok: frozenset[str] = frozenset()) -> list[str]:
    """Internal href/src targets that do not exist; `missing_ok` are site paths
    (PDFs) written by another step."""
    problems = []
    for path in html_files(site):
        rel = path.relative_to(site).as_posix()
        here = page(site, rel)
        for tag, attribute, value in here.refs:
            problem = _link_problem(site, rel, tag, attribute, value, missing_ok)
            if problem:
                problems.append(problem)
    return problems


def test_every_internal_link_of_the_minimal_site_resolves(minimal_site):
    planned = pages.linked_pdfs(validate(MINIMAL).curriculum)
    assert broken_links(minimal_site, planned) == []


def test_every_internal_link_of_the_bundled_site_resolves(bundled_site):
    planned = pages.linked_pdfs(validate(REPO).curriculum)
    assert broken_links(bundled_site, planned) == []


def test_links_between_sources_resolve_like_in_the_repository(minimal_site):
    refs = {value for _, _, value in page(minimal_site, "sessions/week-1.html").refs}
    assert "../handouts/shopping-list.html" in refs


@pytest.mark.slow
def test_a_full_build_writes_every_pdf_the_pages_link(tmp_path):
    """`curriculum build`: the site and the PDFs together, no link missing."""
    pytest.importorskip("weasyprint")
    from curriculum.build import build

    root = copy_curriculum(MINIMAL, tmp_path / "repo")
    result = build(root)
    assert result.built, [f.message for f in result.report.findings if f.severity.value == "error"]
    site = root / "build" / "site"
    assert broken_links(site) == []
    assert (site / "pdf" / "handouts" / "shopping-list.pdf").read_bytes().startswith(b"%PDF")
