"""`build_site`: the facilitator website of a curriculum.

1. `pages.build` lays out every page, its view model and the navigation
   (`records.add_records` adds the delivery records);
2. `render.render_pages` finishes each page's HTML (our templates, author
   Markdown through our one safe converter);
3. `generated.write` writes a docs tree and a configuration into a staging
   folder beside the site (the look from the repository's mkdocs.yml);
4. `generators.run` has MkDocs or Zensical draw the theme around the pages;
5. every page gets its Content-Security-Policy and is checked for requests
   to other hosts, and the site is moved into place.

mkdocs.yml is read with our safe YAML first: no `!ENV` (it would copy the
environment into the site), no `!!python/...` tags (MkDocs' loader would run
them), no anchors or aliases, no `hooks:`, no `INHERIT:`, and a
`theme.custom_dir` inside the repository. Nothing is written into the
repository.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

from ..errors import BuildError
from ..findings import Finding
from ..model import Curriculum
from ..source.load import SITE_CONFIG_FILE
from . import edition_pages, generated, generators, languages, pages, records, safety
from .render import render_pages

CONFIG_FILE = SITE_CONFIG_FILE  # the look; the name read_config reports in its messages
REFUSED_KEYS = {
    "hooks": "`hooks:` runs Python code from the repository during the build",
    "INHERIT": "`INHERIT:` reads another configuration file",
}
# Files an author may link to or show; others (HTML, SVG, scripts) could run code in the site.
ASSET_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".pdf", ".txt", ".csv", ".mp3", ".m4a", ".ogg",
               ".mp4", ".webm", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".rtf"}
MAX_ASSET_BYTES = 50_000_000


def _config_text(root: Path) -> str:
    from ..source.load import decode, read_bytes

    data, problems = read_bytes(root, CONFIG_FILE)
    if data is None:
        detail = problems[0].message if problems else "missing"
        raise BuildError(f"{CONFIG_FILE}: {detail}. A curriculum needs a {CONFIG_FILE} for the site's look "
                         "(`curriculum init` writes one)")
    text, problems = decode(data, CONFIG_FILE)
    if text is None:
        raise BuildError(f"{CONFIG_FILE}: {problems[0].message}")
    return text


def _yaml_refused(problem) -> BuildError:
    """The error for mkdocs.yml's first YAML problem, saying why a refused tag is refused."""
    extra = ""
    if "!ENV" in problem.message:
        extra = "; `!ENV` would copy the environment into the site: write the value itself"
    elif "!!python" in problem.message:
        extra = "; MkDocs would run the Python it names: the curriculum sets its own Markdown extensions"
    return BuildError(f"{CONFIG_FILE}:{problem.line}:{problem.column}: {problem.message}{extra}")


def _check_theme(root: Path, theme) -> None:
    if theme is not None and not isinstance(theme, dict):
        raise BuildError(f"{CONFIG_FILE}: `theme:` must be a mapping, such as\ntheme:\n  name: material")
    name = (theme or {}).get("name", "material")
    if name != "material":
        raise BuildError(f"{CONFIG_FILE}: the curriculum site needs the Material theme: in {CONFIG_FILE} write\n"
                         "theme:\n  name: material")
    custom = (theme or {}).get("custom_dir")
    if custom is not None:
        folder = root / str(custom)
        if not folder.resolve().is_relative_to(root) or folder.is_symlink():
            raise BuildError(f"{CONFIG_FILE}: theme.custom_dir '{custom}' is outside the repository")


def read_config(root: Path) -> dict:
    """mkdocs.yml as plain data, or BuildError saying what is refused and where."""
    from ..source import yamlsafe

    doc = yamlsafe.load(_config_text(root))
    if doc.problems:
        raise _yaml_refused(doc.problems[0])
    if not isinstance(doc.data, dict):
        raise BuildError(f"{CONFIG_FILE}: not a mapping of settings")
    for key, why in REFUSED_KEYS.items():
        if key in doc.data:
            line, _ = doc.spans.get((key,), (None, None))
            raise BuildError(f"{CONFIG_FILE}:{line}: {why}; `curriculum build` refuses it")
    _check_theme(root, doc.data.get("theme"))
    return doc.data


def publishable(root: Path, rel: str) -> tuple[Path | None, str]:
    """(file, "") for a repository file a page shows or links to that is safe
    to publish, or (None, why not)."""
    if Path(rel).suffix.lower() not in ASSET_TYPES:
        return None, (f"{rel}: files of this type are not published (they could run code in the site); "
                      f"use one of {', '.join(sorted(ASSET_TYPES))}")
    try:
        resolved = (root / rel).resolve(strict=True)
        info = os.stat(resolved)
    except OSError:
        return None, f"{rel}: cannot read the file"
    if not resolved.is_relative_to(root) or not stat.S_ISREG(info.st_mode):
        return None, f"{rel}: not a regular file inside the curriculum; not published"
    if info.st_size > MAX_ASSET_BYTES:
        return None, f"{rel}: {info.st_size:,} bytes is over the {MAX_ASSET_BYTES:,} limit; not published"
    return resolved, ""


def site_pages(cur: Curriculum, linked_pdfs: frozenset[str], since=None) -> pages.Site:
    if cur.programme is None:  # programme.yml unreadable, while serving: a page of problems
        problems = pages.PageSpec(pages.HOME, "Problems", "curriculum/problems.html", "problems")
        return pages.Site((problems,), [{"Problems": pages.HOME}], frozenset(), frozenset())
    try:
        return edition_pages.add(cur, records.add_records(pages.build(cur, linked_pdfs, since=since), cur))
    except pages.ReservedName as error:
        raise BuildError(str(error)) from None


def write_tree(cur: Curriculum, staging: Path, *, linked_pdfs: frozenset[str],
               pdf_folder: Path | None = None, findings: tuple[Finding, ...] = (), serving: bool = False,
               since=None, versioned: bool = False, look: dict | None = None, decorate=None
               ) -> tuple[Path, list[str]]:
    """The generated docs tree and configuration in staging; returns the
    configuration's path and the problems met (author text not shown, files
    not published). pdf_folder: a site folder whose pdf/ files are copied in.
    since: what changed since the last release (report.releases); versioned:
    the site is published under a version path, with a version selector.
    look: the look to use instead of mkdocs.yml's; decorate: a function of
    the rendered pages giving the pages to write (a language's site)."""
    root = Path(cur.root).resolve()
    look = look if look is not None else read_config(root)
    look = with_version_selector(look) if versioned else look
    if cur.edition is not None:  # a local edition's site is named after it
        look = {**look, "site_name": cur.edition.meta.title}
    site = site_pages(cur, linked_pdfs, since)
    rendered = render_pages(cur, site, findings=findings, serving=serving)
    if decorate is not None:
        rendered = decorate(rendered)
    problems = [problem for page in rendered for problem in page.problems]
    files: dict[str, Path] = {}
    for rel in sorted(site.assets):
        path, why = publishable(root, rel)
        if path is None:
            problems.append(why)
        else:
            files[rel] = path
    if pdf_folder is not None:
        files.update({rel: pdf_folder / rel for rel in sorted(site.pdfs)})
    config = generated.write(staging, root, look, site, rendered, files)
    return config, problems


def with_version_selector(look: dict) -> dict:
    """The theme's version selector on: it lists the versions in the
    versions.json beside the version folders (`curriculum publish`)."""
    extra = dict(look.get("extra") or {})
    extra["version"] = {**(extra.get("version") or {}), "provider": "mike"}  # the theme's name for the format
    return {**look, "extra": extra}


def finish(site_dir: Path, site_url: str = "") -> None:
    """Every HTML file of a generated site finished (safety.finish_page), or
    BuildError naming a page that would fetch from another host. Without a
    `site_url`, the 404 page gets relative addresses (generators write it
    with root-absolute ones)."""
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(site_dir).as_posix()
        if where == "404.html" and not site_url:
            text = safety.relative_from_root(text)
        remote = safety.external_requests(text)
        if remote:
            raise BuildError(f"{where}: the page would load {remote[0][:100]} from another host; "
                             "the site must work offline and never contact a third party")
        path.write_text(safety.finish_page(text), encoding="utf-8")


def build_site(cur: Curriculum, site_dir: Path, *, linked_pdfs: frozenset[str] = frozenset(),
               generator: str = generators.DEFAULT, versioned: bool = False) -> None:
    """Build the site of `cur` into `site_dir` (new or empty); its pages link
    the PDFs named in linked_pdfs (site paths, written by the caller); its
    "What changed" page compares it with the last release tag in git."""
    from ..report.releases import since_last_release

    generators.check(generator)
    site_dir = Path(site_dir)
    if site_dir.exists() and (not site_dir.is_dir() or any(site_dir.iterdir())):
        raise BuildError(f"{site_dir} is not a new or empty folder")
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".curriculum-generated-", dir=site_dir.parent))
    every = languages.editions(cur)
    since = since_last_release(cur)
    try:
        config, problems = write_tree(cur, staging, linked_pdfs=linked_pdfs, since=since,
                                      versioned=versioned,
                                      decorate=lambda rendered: languages.decorate(rendered, every[0], every))
        if problems:
            raise BuildError("the site could not be built:\n" + "\n".join(f"  {p}" for p in problems))
        built = generators.run(generator, config)
        languages.mark_pages(built, every[0])
        language_sites(cur, built, generator, every, linked_pdfs, since)
        finish(built, str(read_config(Path(cur.root).resolve()).get("site_url") or ""))
        if site_dir.exists():
            site_dir.rmdir()
        os.rename(built, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def language_sites(cur: Curriculum, built: Path, generator: str, every: list, pdfs: frozenset[str],
                   since=None) -> None:
    """The site of each language of translations/, built by the same
    generator into built/<lang>/ (site/languages.py); pdfs: those the
    build writes (a translated handout's page links its own); since: as
    for the source language's site (its "What changed" page)."""
    look = read_config(Path(cur.root).resolve())
    for edition, language in zip(every[1:], cur.translations.values()):
        staging = Path(tempfile.mkdtemp(prefix=f".curriculum-{edition.tag}-", dir=built.parent.parent))
        try:
            shown, done = languages.translated(cur, language)
            config, problems = write_tree(
                shown, staging, linked_pdfs=frozenset(), since=since, look=languages.look_for(look, edition),
                decorate=lambda rendered, e=edition, lang=language, d=done: languages.decorate(rendered, e, every, lang, d,
                                                                                             pdfs))
            if problems:
                raise BuildError(f"the {edition.tag} site could not be built:\n" + "\n".join(f"  {p}" for p in problems))
            site = generators.run(generator, config)
            languages.drop_404(site)
            languages.mark_pages(site, edition)
            languages.move(site, built / edition.tag)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
