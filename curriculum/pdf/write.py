"""HTML to PDF with WeasyPrint, inside a worker process.

The only module that imports WeasyPrint. Each render:

- reads resources only through `ConfinedFetcher` (see `confine.Policy`),
  which records every request and every refusal;
- runs under a wall-clock bound (an interval timer in the worker; the
  parent kills the worker as a last resort) and the worker's memory bound;
- writes a tagged PDF/UA-1 with the title and language of the HTML, a file
  identifier derived from the inputs and dates from the content, so the
  same sources give the same bytes;
- applies the job's stylesheet, parsed once per worker (`_parsed`).
"""

from __future__ import annotations

import logging
import re
import signal
import sys
import time
from dataclasses import dataclass

import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import actual_text
from .cache import FONT_FAMILY
from .confine import Log, Policy, Refused
from .job import MARKER, Job, Result
from .long_documents import memoize_page_references
from .script_fonts import FAMILIES

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "presentational_hints": False, "optimize_images": False}


class RenderTimeout(BaseException):
    """Raised by the interval timer; a BaseException so no `except Exception`
    inside WeasyPrint swallows it."""


class ConfinedFetcher(URLFetcher):
    """Serves files the policy allows; refuses and records everything else.
    Never hands a URL to urllib, so it never opens a network connection."""

    def __init__(self, policy: Policy, log: Log):
        super().__init__(timeout=1, allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=False)
        self.policy, self.log = policy, log

    def fetch(self, url, headers=None):
        self.log.requested.append(url)
        try:
            data, label, mime = self.policy.read(url)
        except Refused as refusal:
            self.log.refused.append((url, str(refusal)))
            raise ValueError(f"refused {url[:200]}: {refusal}") from None
        self.log.read.append(label)
        return URLFetcherResponse(url, body=data, headers={"Content-Type": mime})

    def open(self, url, data=None, timeout=None):  # urllib entry point, same policy
        return self.fetch(getattr(url, "full_url", url))


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        if len(self.messages) < 50:
            self.messages.append(record.getMessage()[:300])


def _alarm(signum, frame):
    raise RenderTimeout()


def _unraisable(hook):
    # A timeout that landed in a finalizer (the next alarm follows), or memory
    # running out in one (the render fails with MemoryError anyway): no noise.
    def quiet(info):
        if not isinstance(info.exc_value, (RenderTimeout, MemoryError)):
            hook(info)
    return quiet


sys.unraisablehook = _unraisable(sys.unraisablehook)
memoize_page_references()
actual_text.install()


# Parsing the stylesheet and loading its fonts was a quarter of a handout's
# render; a worker keeps the last few it parsed, each with what the parse
# read, refused and warned of, which every render that uses it reports as
# its own (as if it had parsed the stylesheet itself).
@dataclass
class _Parsed:
    css: weasyprint.CSS
    fonts: FontConfiguration
    log: Log
    warnings: list[str]


_PARSED: dict[tuple, _Parsed] = {}
_PARSED_KEPT = 4


def _parsed(job: Job, collect: _Collect) -> _Parsed:
    key = (job.stylesheet, job.base_url, job.policy)
    found = _PARSED.get(key)
    if found is None:
        log, fonts, before = Log(), FontConfiguration(), len(collect.messages)
        css = weasyprint.CSS(string=job.stylesheet, base_url=job.base_url,
                             url_fetcher=ConfinedFetcher(job.policy, log), font_config=fonts)
        found = _Parsed(css, fonts, log, collect.messages[before:])
        del collect.messages[before:]
        if len(_PARSED) >= _PARSED_KEPT:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[key] = found
    return found


def _replay(parse: _Parsed, result: Result, collect: _Collect) -> None:
    result.log.requested[:0] = parse.log.requested
    result.log.read[:0] = parse.log.read
    result.log.refused[:0] = parse.log.refused
    collect.messages[:0] = parse.warnings


def _laid_out(job: Job, result: Result, fetcher, stylesheets, fonts, options):
    """The document laid out: the first variant that fits, for a one-page document."""
    document = None
    for fit, html in enumerate(job.variants):
        page = weasyprint.HTML(string=html, base_url=job.base_url, url_fetcher=fetcher)
        document = page.render(stylesheets=stylesheets, font_config=fonts or FontConfiguration(), **options)
        result.fit = fit
        if not job.one_page or len(document.pages) <= 1:
            break
    return document


def render(job: Job) -> Result:
    result = Result(job.output)
    started = time.monotonic()
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    previous = signal.signal(signal.SIGALRM, _alarm)
    # Repeats every second: an alarm that lands in a finalizer is swallowed
    # by Python, so the next one must follow.
    signal.setitimer(signal.ITIMER_REAL, job.seconds, 1.0)
    try:
        try:
            fetcher = ConfinedFetcher(job.policy, result.log)
            stylesheets, fonts = [], None
            if job.stylesheet:
                parse = _parsed(job, collect)
                stylesheets, fonts = [parse.css], parse.fonts
                _replay(parse, result, collect)
            options = PDF_OPTIONS if job.tagged else {**PDF_OPTIONS, "pdf_variant": None}
            document = _laid_out(job, result, fetcher, stylesheets, fonts, options)
            result.pages = len(document.pages)
            if job.part:
                keep_links_to_other_parts(document)
            result.pdf = document.write_pdf(pdf_identifier=job.identifier, **options)
            result.foreign_glyphs = foreign_glyphs(document, BUNDLED_FAMILIES if job.strict_glyphs else (FONT_FAMILY,))
            if job.strict_glyphs:
                result.error = glyph_error(result.foreign_glyphs, collect.messages)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except RenderTimeout:
        result.error = f"rendering took longer than {job.seconds:.0f} s"
    except MemoryError:
        result.error = "rendering ran out of memory (the worker's memory limit)"
    except RecursionError:
        result.error = "content nested too deeply to lay out"
    except Exception as error:  # one bad document must not stop the others
        result.error = f"{type(error).__name__}: {str(error)[:300]}"
    finally:
        signal.signal(signal.SIGALRM, previous)
        logger.removeHandler(collect)
    result.warnings = collect.messages
    result.seconds = time.monotonic() - started
    if result.error:
        result.pdf = None
    return result


def keep_links_to_other_parts(document) -> None:
    """A link to an anchor this part lacks (it is in another part) would be
    dropped by WeasyPrint; keep it as a link to MARKER + anchor, which
    compose.join points at the anchor once the parts are one PDF."""
    anchors = {name for page in document.pages for name in page.anchors}
    for page in document.pages:
        page.links = [("external", MARKER + target, *rest) if kind == "internal" and target not in anchors
                      else (kind, target, *rest) for kind, target, *rest in page.links]


BUNDLED_FAMILIES = (FONT_FAMILY, *FAMILIES)
_NOTDEF = re.compile(r'\.notdef glyph rendered for Unicode string unsupported by fonts: "(.*)" \(U\+([0-9A-F]+)\)')


def glyph_error(foreign: dict[str, str], warnings: list[str]) -> str | None:
    """For a translated document, where every character must come from a
    font shipped with the project: the characters that did not (printed in
    a machine font, or as an empty box), or None."""
    missing = [f"'{m.group(1)}' (U+{m.group(2)})" for m in map(_NOTDEF.search, warnings) if m]
    if missing:
        return f"no font has {', '.join(dict.fromkeys(missing))}: it would print as an empty box"
    if foreign:
        listed = ", ".join(f"'{c}' (U+{ord(c):04X}) from {family}" for c, family in foreign.items())
        return (f"characters printed in a font of this machine, not one shipped with the project: {listed}; "
                "add a font package for the script (pdf/script_fonts.py) or use other characters")
    return None


def foreign_glyphs(document, bundled: tuple[str, ...] = (FONT_FAMILY,)) -> dict[str, str]:
    """Characters the bundled fonts lack, so that the machine's fonts printed
    them instead (output that differs from machine to machine): each
    character and the family it came from."""
    found: dict[str, str] = {}
    for font in document.fonts.values():
        if font.family not in bundled:
            for text in font.to_unicode.values():
                for character in text:
                    if not character.isspace():
                        found.setdefault(character, font.family)
    return dict(sorted(found.items()))
