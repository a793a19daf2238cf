"""The generated docs tree and configuration handed to a site generator.

Laid out in a staging folder the build owns:

    mkdocs.yml      the configuration: the look from the repository's own
                    mkdocs.yml (site name, theme, palette, features, extra
                    styles), and our nav, pages, Markdown hand-off and plugins
    docs/           one finished page per .md file (see handoff.py), the
                    fonts, our styles and scripts, the images pages show
    overrides/      the theme's custom_dir: the repository's overrides/ (its
                    branding) and our 404 page

Both generators read this configuration as it is (Zensical reads mkdocs.yml
unchanged). The repository's mkdocs.yml is read with our safe YAML (see
config.py) and only its look is taken: its docs_dir, site_dir, nav,
Markdown extensions and hooks never reach the generator.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

import yaml

from ..errors import BuildError
from . import pages
from .render import RenderedPage

PACKAGE = Path(__file__).resolve().parent
STATIC = PACKAGE / "static"  # copied into every site (assets/curriculum/...)
THEME = PACKAGE / "theme"  # theme templates of ours (404.html)
STYLESHEET = "assets/curriculum/curriculum.css"
WORKER_SHIM = "assets/curriculum/iframe-worker.js"  # "iframe-worker" in the name: no web copy is added offline
PRINT_SCRIPT = "assets/curriculum/print.js"
SEARCH_SCRIPT = "assets/curriculum/search-excerpt.js"  # results as short excerpts (Material)
OUR_SCRIPTS = (PRINT_SCRIPT, SEARCH_SCRIPT)
FONT_DIR = "assets/curriculum/fonts"
FEATURES = ("navigation.prune", "navigation.indexes")
HANDOFF = "curriculum.site.handoff"
_SECTION = re.compile(r"<h2\b[^>]*\sid=")
# The look a repository's mkdocs.yml may set; everything else is ours.
LOOK_KEYS = ("site_name", "site_description", "site_author", "site_url", "copyright", "repo_url", "repo_name",
             "extra", "extra_css", "extra_javascript")
PLUGINS = ("search", "offline")  # the generators' own plugins a manual uses; any other is refused
IGNORED_PLUGINS = ("curriculum",)
# Not copied from overrides/ into the theme: our page templates' overrides and the PDFs' templates.
NOT_THEME = ("pdf", "partials/curriculum", "curriculum")


def config(look: dict, site: pages.Site) -> dict:
    """The generator's configuration. Nav and page titles are escaped here:
    neither generator escapes them when it prints them."""
    data = {key: look[key] for key in LOOK_KEYS if key in look}
    theme = dict(look.get("theme") or {})
    theme["custom_dir"] = "overrides"
    theme["font"] = False  # no request to a font service: the fonts ship with the site
    features = list(theme.get("features") or [])
    theme["features"] = features + [f for f in FEATURES if f not in features]
    extra = dict(data.get("extra") or {})
    polyfills = [p for p in extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    extra["polyfills"] = [WORKER_SHIM, *polyfills]
    data.update(
        theme=theme,
        extra=extra,
        docs_dir="docs",
        site_dir="site",
        use_directory_urls=False,  # pages open from the file system too
        nav=_nav(site.nav),
        markdown_extensions=[HANDOFF],
        plugins=plugins(look),
        extra_css=[STYLESHEET, *[c for c in data.get("extra_css", []) if c != STYLESHEET]],
        extra_javascript=[*[s for s in data.get("extra_javascript", []) if s not in OUR_SCRIPTS], *OUR_SCRIPTS],
    )
    return data


def plugins(look: dict) -> list:
    """The generator plugins the repository lists that a manual may use."""
    listed = look.get("plugins") or []
    if isinstance(listed, dict):
        listed = [{name: value} if value else name for name, value in listed.items()]
    kept = []
    for entry in listed:
        name = next(iter(entry)) if isinstance(entry, dict) else str(entry)
        bare = name.removeprefix("material/")
        if bare in IGNORED_PLUGINS:
            continue
        if bare not in PLUGINS:
            raise BuildError(f"mkdocs.yml: the plugin `{name}` is not supported: the curriculum makes every page "
                             f"itself; the site may use {', '.join(PLUGINS)}. Remove it from `plugins:`")
        kept.append(entry)
    return kept


def _nav(items: list) -> list:
    out = []
    for item in items:
        if isinstance(item, dict):
            (title, value), = item.items()
            out.append({html.escape(title, quote=False): _nav(value) if isinstance(value, list) else value})
        else:
            out.append(item)
    return out


def page_source(page: RenderedPage) -> str:
    """The .md file of one finished page: our front matter (the title, and
    no right-hand contents where the page has no sections), then its HTML.
    The home page has no title of its own: the theme names it after the site
    (never "Title - Title")."""
    meta = {} if page.src == pages.HOME else {"title": html.escape(page.title, quote=False)}
    if not _SECTION.search(page.html):  # what handoff.toc_tokens lists: an h2 with an id
        meta["hide"] = ["toc"]
    if not meta:  # no empty block (Zensical refuses one); the page starts with a tag, never meta-data
        return f"{page.html}\n"
    front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
    return f"---\n{front}\n---\n\n{page.html}\n"


def write(staging: Path, root: Path, look: dict, site: pages.Site, rendered: list[RenderedPage],
          files: dict[str, Path]) -> Path:
    """Write the tree into staging (new or empty); return the configuration's path.
    files: site path -> file to publish as it is (fonts, images, PDFs)."""
    docs = staging / "docs"
    for page in rendered:
        _write_text(docs / page.src, page_source(page))
    for rel, source in sorted({**static_files(), **files}.items()):
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for rel, text in sorted(site.downloads.items()):  # made by the build (the register's CSV)
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_bytes(text.encode("utf-8"))
    theme = staging / "overrides"
    shutil.copytree(THEME, theme, dirs_exist_ok=True)
    overrides = root / "overrides"
    if overrides.is_dir():
        shutil.copytree(overrides, theme, dirs_exist_ok=True, ignore=_not_theme(overrides), symlinks=False)
    path = staging / "mkdocs.yml"
    _write_text(path, yaml.safe_dump(config(look, site), sort_keys=False,
                                     allow_unicode=True))
    return path


def static_files() -> dict[str, Path]:
    """Our styles and scripts, and the fonts (with their licence)."""
    found = {p.relative_to(STATIC).as_posix(): p for p in sorted(STATIC.rglob("*")) if p.is_file()}
    for name, font in font_files():
        found[f"{FONT_DIR}/{name}"] = font
    return found


def font_files() -> list[tuple[str, Path]]:
    """(site name, file) of Atkinson Hyperlegible and its SIL Open Font Licence."""
    from fontpkg_atkinson_hyperlegible import ROOT  # a declared dependency

    found = [(font.name, font) for font in sorted((Path(ROOT) / "files").glob("*.ttf"))]
    licence = Path(ROOT) / "LICENSE"
    return found + ([("OFL.txt", licence)] if licence.is_file() else [])


def _not_theme(overrides: Path):
    def ignore(folder: str, names: list[str]) -> list[str]:
        here = Path(folder).relative_to(overrides).as_posix()
        skipped = []
        for name in names:
            rel = name if here == "." else f"{here}/{name}"
            if rel in NOT_THEME or os.path.islink(os.path.join(folder, name)):
                skipped.append(name)
        return skipped
    return ignore


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
