"""The `curriculum` MkDocs plugin: the facilitator website.

Events, in the order MkDocs calls them:

- `on_config` loads and validates the curriculum with our own loader (the
  one front-matter parser), fails the build on errors, builds every page
  spec (`pages.build`), and sets what the site needs: the package templates
  behind the user's `overrides/`, our Markdown extensions, no web fonts,
  `navigation.prune`, file URLs that work offline, and an empty temporary
  `docs_dir` (MkDocs never reads a source file itself).
- `on_files` adds every page with `File.generated`, the fonts, the images
  the pages use, and (when serving) the PDFs of the last build.
- `on_page_markdown` gives each page its title and template; `on_page_context`
  hands the page's view model to the templates as `curriculum`.
- `on_env` turns autoescaping on for our templates.
- `on_post_page` fills in the Content-Security-Policy and refuses pages that
  would fetch anything from another host.
- `on_post_build` writes the PDFs (plain `mkdocs build` only).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from ..findings import Finding, Severity
from ..model import Curriculum
from . import pages, safety
from .config import CurriculumConfig
from .markdown import EXTENSION_CONFIGS, EXTENSIONS, PageParts, SafeMarkdown, assemble

log = get_plugin_logger(__name__)
# Plugins a facilitator manual wants; `curriculum init` lists both.
RECOMMENDED_PLUGINS = {
    "search": "the site will have no search box",
    "offline": "the site will not work opened from the file system (no internet in a venue)",
}

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "templates"
STYLESHEET = "assets/curriculum/curriculum.css"
WORKER_SHIM = "assets/curriculum/iframe-worker.js"  # "iframe-worker" in the name: material's offline plugin adds no web copy
PRINT_SCRIPT = "assets/curriculum/print.js"
FONT_DIR = "assets/curriculum/fonts"
FEATURES = ("navigation.prune", "navigation.indexes")
SOURCE_FOLDERS = ("sessions", "handouts", "facilitator_notes", "overrides")
PREVIOUS_SITE = ("build", "site")  # where `curriculum build` leaves the site, under ROOT
WATCHED = ("sessions", "handouts", "facilitator_notes", "overrides", "programme.yml", "images", "assets")
# Files an author may link to or show; others (HTML, SVG, scripts) could run code in the site.
ASSET_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".pdf", ".txt", ".csv", ".mp3", ".m4a", ".ogg",
               ".mp4", ".webm", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".rtf"}
MAX_ASSET_BYTES = 50_000_000


@dataclass(frozen=True)
class Request:
    """How `curriculum build` or `curriculum serve` runs the plugin.

    pdfs: "build" writes them after the site (plain `mkdocs build`);
    "external" links them and leaves writing to the caller (`curriculum
    build`); "previous" links and copies those of the last build (serve);
    "none" links none.
    """

    curriculum: Curriculum | None = None
    pdfs: str = "build"
    serving: bool = False


_REQUEST: ContextVar[Request | None] = ContextVar("curriculum_site_request", default=None)


@contextlib.contextmanager
def request(value: Request) -> Iterator[None]:
    token = _REQUEST.set(value)
    try:
        yield
    finally:
        _REQUEST.reset(token)


def _autoescape(name: str | None) -> bool:
    return bool(name) and (name.startswith("curriculum/") or name.startswith("partials/curriculum/")
                           or name == "404.html")


def _escaped(title: str) -> Markup:
    """A title as MkDocs and the theme receive it: HTML-escaped text that
    autoescaping templates do not escape twice."""
    return Markup(escape(title))


def _escape_nav(items: list) -> list:
    out = []
    for item in items:
        if isinstance(item, dict):
            (title, value), = item.items()
            out.append({_escaped(title): _escape_nav(value) if isinstance(value, list) else value})
        else:
            out.append(item)
    return out


def format_finding(found: Finding) -> str:
    where = found.path + (f":{found.line}" if found.line else "") + (f":{found.column}" if found.column else "")
    hint = f" ({found.hint})" if found.hint else ""
    return f"{where}: {found.code} {found.message}{hint}"


class UnsafeSiteDir(PluginError):
    pass


def check_site_dir(root: Path, site_dir: str) -> None:
    """Refuse a site_dir MkDocs would empty that is not a site: the
    curriculum folder, a folder holding it, a source folder, a link, or a
    full folder elsewhere that no curriculum build made."""
    path = Path(site_dir)
    if path.is_symlink():
        raise UnsafeSiteDir(f"site_dir {path} is a symbolic link; MkDocs would empty its target")
    resolved = path.resolve()
    if resolved == root or root.is_relative_to(resolved):
        raise UnsafeSiteDir(f"site_dir {resolved} holds the curriculum; MkDocs would delete it. Use build/site")
    for folder in SOURCE_FOLDERS:
        if resolved.is_relative_to(root / folder):
            raise UnsafeSiteDir(f"site_dir {resolved} is inside the source folder '{folder}/'. Use build/site")
    if resolved.is_dir() and not resolved.is_relative_to(root) and any(resolved.iterdir()) \
            and not (resolved / "assets" / "curriculum").is_dir():
        raise UnsafeSiteDir(f"site_dir {resolved} is a full folder outside the curriculum that no curriculum "
                            "build made; MkDocs would empty it. Use build/site")


class Helper:
    """`curriculum` in templates: the page's view model and its links."""

    def __init__(self, plugin: CurriculumPlugin, spec: pages.PageSpec, page, files: Files):
        self.programme = plugin.cur.programme
        self.spec = spec
        self.view = spec.view
        self.findings = plugin.shown_findings
        self.serving = plugin.serving
        self._page_url = page.url
        self._files = files

    def url(self, target: str) -> str:
        """Page-relative URL of a page path (with #anchor) or a site file; "" if
        there is no such page."""
        if not target:
            return ""
        path, _, anchor = target.partition("#")
        if path.endswith(".md"):
            found = self._files.get_file_from_path(path)
            if found is None:
                return ""
            path = found.url
        return get_relative_url(path, self._page_url) + (f"#{anchor}" if anchor else "")


class CurriculumPlugin(BasePlugin[CurriculumConfig]):
    """Generates the facilitator website from programme.yml and the sources."""

    def __init__(self) -> None:
        self.command = "build"
        self.docs_dir: str | None = None
        self.preview = None  # PdfPreview while serving: kept across rebuilds
        self.reset()

    def reset(self) -> None:
        self.cur: Curriculum | None = None
        self.site: pages.Site | None = None
        self.specs: dict[str, pages.PageSpec] = {}
        self.root = Path(".")
        self.mode = "build"
        self.serving = False
        self.shown_findings: tuple[Finding, ...] = ()
        self.markdown: SafeMarkdown | None = None
        self.parts: dict[str, PageParts] = {}
        self.token = ""
        self.files: Files | None = None
        self.previous: Path | None = None
        self.pdf_source: Path | None = None

    # lifetime -----------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # MkDocs keeps a plugin with on_startup across `serve` rebuilds.
        self.command = command

    def on_shutdown(self) -> None:
        self._remove_docs_dir()
        if self.preview is not None:
            self.preview.close()
            self.preview = None

    def _pdf_source(self) -> Path:
        """Where the PDFs linked while serving come from."""
        return self.preview.source() if self.preview is not None else self.root.joinpath(*PREVIOUS_SITE)

    def _empty_docs_dir(self) -> str:
        if self.docs_dir is None or not os.path.isdir(self.docs_dir) or os.listdir(self.docs_dir):
            self._remove_docs_dir()
            self.docs_dir = tempfile.mkdtemp(prefix="curriculum-docs-")
        return self.docs_dir

    def _remove_docs_dir(self) -> None:
        if self.docs_dir:
            shutil.rmtree(self.docs_dir, ignore_errors=True)
            self.docs_dir = None

    # config -------------------------------------------------------------------

    @event_priority(100)  # first: material's offline plugin then sees our local worker shim
    def on_config(self, config):
        self.reset()
        req = _REQUEST.get() or Request(serving=self.command == "serve",
                                        pdfs="previous" if self.command == "serve" else
                                        ("build" if self.config.pdfs else "none"))
        self.serving, self.mode = req.serving, req.pdfs
        self.root = Path(self.config.root or os.path.dirname(config.config_file_path or ".")).resolve()
        check_site_dir(self.root, config.site_dir)
        if config.theme.name != "material":
            raise PluginError("the curriculum site needs the Material theme: in mkdocs.yml write\n"
                              "theme:\n  name: material")
        self._load(req)
        self._configure(config)
        for name, why in RECOMMENDED_PLUGINS.items():
            if name not in config.plugins and f"material/{name}" not in config.plugins:
                # Info, not a warning: `--strict` must not fail a programme that chose to go without.
                log.info(f"mkdocs.yml does not list the `{name}` plugin: {why}")
        return config

    def _load(self, req: Request) -> None:
        from ..load import NotACurriculum

        if req.curriculum is not None:  # `curriculum build` validated it already
            cur, findings = req.curriculum, ()
        else:
            from ..validate import validate

            try:
                report = validate(self.root)
            except NotACurriculum as error:
                raise PluginError(f"{error}; set the plugin's `root:` option or move mkdocs.yml") from None
            cur, findings = report.curriculum, report.findings
        errors = [f for f in findings if f.severity is Severity.ERROR]
        for found in findings:
            if found.severity is Severity.ERROR:
                log.error(format_finding(found))
            elif found.severity is Severity.WARNING:
                log.info("warning: " + format_finding(found))
        if errors and not self.serving:
            raise PluginError(f"the curriculum has {len(errors)} validation error(s); nothing was built. "
                              "Run `curriculum validate` for the details.")
        self.cur = cur
        self.shown_findings = tuple(f for f in findings if f.severity in (Severity.ERROR, Severity.WARNING))
        planned = pages.linked_pdfs(cur) if cur.programme else frozenset()
        if self.mode == "previous":
            self.pdf_source = previous = self._pdf_source()  # fixed for this build: a swap may come meanwhile
            planned = frozenset(p for p in planned if _regular_file(previous / p))
        elif self.mode == "none":
            planned = frozenset()
        try:
            self.site = pages.build(cur, planned, self.config.notes_heading) if cur.programme else None
        except pages.ReservedName as error:
            raise PluginError(str(error)) from None
        if self.site is None:  # programme.yml unreadable, while serving: a page of problems
            self.site = pages.Site((pages.PageSpec(pages.HOME, "Problems", "curriculum/problems.html", "problems"),),
                                   [{"Problems": pages.HOME}], frozenset(), frozenset())
        self.specs = {spec.src: spec for spec in self.site.pages}

    def _configure(self, config) -> None:
        theme = config.theme
        theme["font"] = False  # no request to a font service: the fonts ship with the site
        features = list(theme.get("features") or [])
        theme["features"] = features + [f for f in FEATURES if f not in features]
        at = 1 if theme.custom_dir else 0  # the user's overrides/ wins, then our templates, then material
        if str(TEMPLATES) not in theme.dirs:
            theme.dirs.insert(at, str(TEMPLATES))
        config.use_directory_urls = False  # pages open from the file system too
        config.docs_dir = self._empty_docs_dir()
        config.nav = _escape_nav(self.site.nav)
        self.token = os.urandom(8).hex()
        self.markdown = SafeMarkdown(self.site.link_map, self.site.facilitator_blocks, self.config.facilitator_badge)
        config.markdown_extensions = [*EXTENSIONS, self.markdown]
        config.mdx_configs = {name: dict(value) for name, value in EXTENSION_CONFIGS.items()}
        config.extra_css = [STYLESHEET, *[c for c in config.extra_css if c != STYLESHEET]]
        scripts = [s for s in config.extra_javascript if str(s) != PRINT_SCRIPT]
        config.extra_javascript = [*scripts, PRINT_SCRIPT]
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [WORKER_SHIM, *polyfills]

    def on_serve(self, server, *, config, builder):
        """Reload on source changes (plain `mkdocs serve` too), and render PDFs
        in the background (see preview.py)."""
        for name in WATCHED:
            if (self.root / name).exists():
                server.watch(str(self.root / name))
        if self.command == "serve" and self.preview is None and self.cur is not None and self.cur.programme:
            try:
                from ..pdf import build_pdfs  # noqa: F401 - only to know it is there
            except ImportError:
                return server
            from .preview import PdfPreview

            self.preview = PdfPreview(self.root.joinpath(*PREVIOUS_SITE), log=log.info)
            server.watch(str(self.preview.signal))
            self.preview.refresh(self.cur)
        return server

    # files --------------------------------------------------------------------

    def on_files(self, files: Files, *, config) -> Files:
        # Nothing from docs_dir (empty anyway); no theme file under pdf/ (the PDFs'
        # own templates in overrides/pdf/ are not part of the site).
        kept = Files([f for f in files if f.src_dir != config.docs_dir and not f.src_uri.startswith("pdf/")])
        for spec in self.site.pages:
            parts = [(seg.markdown, seg.heading, seg.anchor) for seg in spec.segments]
            kept.append(File.generated(config, spec.src, content=assemble(parts, self.token),
                                       inclusion=InclusionLevel.INCLUDED))
        for name, font in _font_files():
            kept.append(File.generated(config, f"{FONT_DIR}/{name}", abs_src_path=str(font),
                                       inclusion=InclusionLevel.INCLUDED))
        for rel in sorted(self.site.assets):
            path = self._asset(rel)
            if path:
                kept.append(File.generated(config, rel, abs_src_path=str(path), inclusion=InclusionLevel.INCLUDED))
        if self.mode == "previous":
            previous = self.pdf_source
            for rel in sorted(self.site.pdfs):
                kept.append(File.generated(config, rel, abs_src_path=str(previous / rel),
                                           inclusion=InclusionLevel.INCLUDED))
        return kept

    def _asset(self, rel: str) -> Path | None:
        """A repository file a page shows or links to, if it is safe to publish."""
        path = self.root / rel
        if Path(rel).suffix.lower() not in ASSET_TYPES:
            log.warning(f"{rel}: files of this type are not published (they could run code in the site); "
                        f"use one of {', '.join(sorted(ASSET_TYPES))}")
            return None
        try:
            resolved = path.resolve(strict=True)
            info = os.stat(resolved)
        except OSError:
            log.warning(f"{rel}: cannot read the file")
            return None
        if not resolved.is_relative_to(self.root) or not stat.S_ISREG(info.st_mode):
            log.warning(f"{rel}: not a regular file inside the curriculum; not published")
            return None
        if info.st_size > MAX_ASSET_BYTES:
            log.warning(f"{rel}: {info.st_size:,} bytes is over the {MAX_ASSET_BYTES:,} limit; not published")
            return None
        return resolved

    # pages --------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return markdown
        # Our meta only: author text can never set a template or a title.
        page.meta = {"title": _escaped(spec.title), "template": spec.template}
        parts = PageParts(spec.src, tuple(seg.source for seg in spec.segments), self.token)
        self.parts[spec.src] = parts
        self.markdown.parts = parts
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return html
        self.markdown.parts = None
        parts = self.parts.get(spec.src)
        if parts is not None:
            for problem in parts.problems:
                log.warning(f"{spec.sources[0] if spec.sources else spec.src}: {problem}")
            missing = [spec.segments[i].source for i in range(1, len(spec.segments)) if i not in parts.found]
            for source in missing:
                log.warning(f"{source}: could not be placed on {spec.src}; look for an unclosed ``` fence "
                            f"at the end of {spec.segments[0].source}")
        if spec.kind == "contact":
            page.toc.items[0:0] = [AnchorLink(str(escape(title)), anchor, 2) for anchor, title in spec.view.sections]
        if spec.kind in ("contact", "handout"):
            page.toc.items.append(AnchorLink(str(escape(pages.SOURCES_SECTION[1])), pages.SOURCES_SECTION[0], 2))
        if not page.toc.items:  # generated pages without headings use the width instead
            page.meta["hide"] = ["toc"]
        return html

    def on_page_context(self, context, *, page, config, nav):
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            context["curriculum"] = Helper(self, spec, page, self.files)
        return context

    def on_env(self, env, *, config, files):
        self.files = files
        env.autoescape = _autoescape
        env.globals["curriculum_script_hashes"] = Markup(safety.SCRIPT_HASHES)
        return env

    def on_post_page(self, output: str, *, page, config) -> str:
        return self._finish(output, page.file.src_uri)

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        if template_name.endswith(".html"):
            return self._finish(output_content, template_name)
        return output_content

    def _finish(self, output: str, where: str) -> str:
        # The theme's search dialog has no accessible name (axe: aria-dialog-name).
        output = output.replace('<div class="md-search" data-md-component="search" role="dialog">',
                                '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">', 1)
        for address in safety.external_requests(output):
            log.warning(f"{where}: the page would load {address[:100]} from another host; "
                        "the site must work offline and never contact a third party")
        if self.serving:  # the preview server adds its live-reload script to every page afterwards
            return output.replace(safety.SCRIPT_HASHES, "'unsafe-inline'")
        return safety.fill_csp(output)

    # PDFs (plain `mkdocs build`) --------------------------------------------

    def on_pre_build(self, *, config) -> None:
        """Keep the last build's PDFs out of MkDocs' way (it empties site_dir
        next) so unchanged ones are reused, not rendered again."""
        self.previous = None
        old = Path(config.site_dir) / "pdf"
        if self.mode != "build" or not self.site or not self.site.pdfs or old.is_symlink() or not old.is_dir():
            return
        keep = Path(tempfile.mkdtemp(prefix=".curriculum-previous-", dir=Path(config.site_dir).parent))
        shutil.move(str(old), str(keep / "pdf"))
        self.previous = keep

    def on_post_build(self, *, config) -> None:
        try:
            if self.mode == "build" and self.site and self.site.pdfs:
                self._write_pdfs(Path(config.site_dir))
            elif self.preview is not None and self.cur is not None and self.cur.programme:
                self.preview.refresh(self.cur)  # in the background: the reload does not wait
        finally:
            self._forget_previous()
            if self.command != "serve":  # the server keeps watching it until on_shutdown
                self._remove_docs_dir()

    def on_build_error(self, *, error: Exception) -> None:
        self._forget_previous()
        if self.command != "serve":
            self._remove_docs_dir()

    def _forget_previous(self) -> None:
        if getattr(self, "previous", None):
            shutil.rmtree(self.previous, ignore_errors=True)
        self.previous = None

    def _write_pdfs(self, site_dir: Path) -> None:
        try:
            from ..pdf import build_pdfs
        except ImportError:
            log.warning("the PDF package is not available: the site links PDFs that were not written; "
                        "run `curriculum build`")
            return
        from ..build import BuildError

        try:
            written = build_pdfs(self.cur, site_dir, previous=self.previous, progress=None)
        except BuildError as error:
            raise PluginError(f"PDFs: {error}") from None
        log.info(f"{len(written)} PDFs written")


def _regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _font_files() -> list[tuple[str, Path]]:
    """(site name, file) of Atkinson Hyperlegible and its SIL Open Font Licence."""
    try:
        from fontpkg_atkinson_hyperlegible import ROOT
    except ImportError:  # pragma: no cover - a declared dependency
        log.warning("fontpkg-atkinson-hyperlegible is not installed: the site falls back to system fonts")
        return []
    found = [(font.name, font) for font in sorted((Path(ROOT) / "files").glob("*.ttf"))]
    licence = Path(ROOT) / "LICENSE"
    return found + ([("OFL.txt", licence)] if licence.is_file() else [])
