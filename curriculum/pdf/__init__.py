"""Printable PDFs: one per handout, a pack, a card and a fidelity checklist
per contact, the parent workbook, the facilitator manual, the attendance and
dose register and the evaluation schedule, written into the site folder at
the paths of `curriculum.outputs`.

    documents.py  which PDFs there are and their sources (pure)
    markup.py     Markdown to safe print HTML (pure)
    render.py     Jinja templates to the HTML of each PDF (pure)
    cache.py      input hashes and the manifest; reuse of unchanged PDFs
    confine.py    what a render may read (pure)
    pool.py       parallel, bounded, recycled worker processes
    worker.py     jobs and results; the worker's entry points
    write.py      WeasyPrint, the confined fetcher (workers only)
    long_documents.py  two measured costs of WeasyPrint removed in workers

A rebuild with nothing changed reads the previous manifest, links the
previous PDFs and imports neither WeasyPrint, Markdown nor Jinja.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..model import Curriculum
from . import cache, script_fonts
from .confine import VIRTUAL, Policy, Root
from .documents import Spec, specs

__all__ = ["build_pdfs", "prepare_pdfs", "PendingPdfs", "policy_for"]


def policy_for(root: Path) -> Policy:
    """Reads allowed while rendering: the repository, the fonts, this package."""
    roots = [Root("repo", str(Path(root).resolve()))]
    if cache.FONT_DIR is not None:
        roots.append(Root("font", str(cache.FONT_DIR)))
    roots += [Root(font.label, str(font.folder)) for font in script_fonts.SCRIPT_FONTS]
    roots.append(Root("package", str(cache.PACKAGE)))
    return Policy(tuple(roots))


def build_pdfs(cur: Curriculum, site_dir: Path, previous: Path | None = None,
               progress: Callable[[str], None] | None = None, limits=None) -> list[str]:
    """Write every PDF into site_dir; return their paths relative to it.

    Raises curriculum.build.BuildError naming each document that could not
    be rendered (a refused resource, a source that must not print, a render
    that failed, ran out of time or memory)."""
    return prepare_pdfs(cur, site_dir, previous, progress, limits).render()


def prepare_pdfs(cur: Curriculum, site_dir: Path, previous: Path | None = None,
                 progress: Callable[[str], None] | None = None, limits=None) -> PendingPdfs:
    """Everything before rendering: reuse what is unchanged (linked into
    site_dir now) and write the HTML of the rest. `render()` on the result
    does the rest, and may run in another thread while the site is built.
    Raises BuildError for a source that must not print or a template error."""
    say = progress or (lambda message: None)
    site_dir = Path(site_dir)
    root = Path(cur.root).resolve()
    wanted = specs(cur)
    toolchain = cache.toolchain_hash(root)
    before = cache.load(Path(previous)) if previous is not None else {}
    entries: dict[str, cache.Entry] = {}
    todo: list[tuple[Spec, str]] = []
    for spec in wanted:
        digest = cache.input_hash(spec, toolchain)
        if previous is not None and cache.reuse(Path(previous), site_dir, spec.output, digest,
                                                before.get(spec.output), root):
            entries[spec.output] = before[spec.output]
            if entries[spec.output].parts:  # kept for the next edit; missing ones are rendered then
                from .in_parts import link_parts
                link_parts(Path(previous), site_dir, entries[spec.output].parts)
        else:
            todo.append((spec, digest))
    say(f"PDF: {len(wanted)} documents, {len(wanted) - len(todo)} unchanged, {len(todo)} to render")
    batch = _batch(cur, root, todo, say, limits, toolchain, previous, before) if todo else None
    return PendingPdfs(site_dir, toolchain, entries, batch, say)


@dataclass
class _Batch:
    jobs: list
    pages: dict
    hashes: dict
    one_page: set
    root: Path
    limits: object
    planner: object = None  # in_parts.Planner: the documents laid out in parts


@dataclass
class PendingPdfs:
    site_dir: Path
    toolchain: str
    entries: dict
    batch: _Batch | None
    say: Callable[[str], None]

    def render(self, stop: Callable[[], bool] | None = None) -> list[str]:
        """Render, write the PDFs and the manifest; return every PDF's path.
        `stop()` turning true abandons the renders (the site build failed)."""
        if self.batch is not None:
            self.entries.update(_render(self.batch, self.site_dir, self.say, stop))
        cache.save(self.site_dir, self.toolchain, self.entries)
        return sorted(self.entries)


def _batch(cur: Curriculum, root: Path, todo: list[tuple[Spec, str]], say, limits, toolchain: str,
           previous: Path | None, before: dict) -> _Batch:
    from jinja2 import TemplateError

    from ..errors import BuildError
    from . import in_parts
    from .job import Job
    from .pool import Limits, warm_up
    from .render import Renderer, Unprintable

    warm_up()
    limits = limits or Limits.from_env()
    policy = policy_for(root)
    renderer = Renderer(cur)
    problems: list[str] = []
    jobs, pages, hashes = [], {}, {}

    def part_job(output: str, html: str, stylesheet: str, tagged: bool = True) -> Job:
        size = len(html.encode())
        return Job(output, (html,), renderer.root_url, policy, hashlib.sha256(output.encode()).digest()[:16],
                   limits.bound(size), False, limits.memory_bound(size), stylesheet, part=tagged, tagged=tagged)

    planner = in_parts.Planner(renderer, toolchain, Path(previous) if previous is not None else None, part_job,
                               in_parts.trusted_parts(before))
    for spec, digest in todo:
        try:
            if renderer.in_parts(spec):
                hashes[spec.output] = digest
                pages[spec.output] = planner.add(spec, digest)
                continue
            page = renderer.page(spec)
        except Unprintable as error:
            problems.append(f"{spec.output}: {error}")
            continue
        except TemplateError as error:  # an override with a typo: StrictUndefined says which name
            where = f"{error.filename}:{error.lineno}: " if getattr(error, "lineno", None) else ""
            problems.append(f"{spec.output}: template error: {where}{error}")
            continue
        pages[spec.output], hashes[spec.output] = page, digest
        size = len(page.html[0].encode())
        jobs.append(Job(spec.output, page.html, renderer.root_url, policy, digest[:32].encode(),
                        limits.bound(size), spec.one_page, limits.memory_bound(size), page.stylesheet,
                        strict_glyphs=bool(spec.lang)))
    if problems:
        raise BuildError("PDFs not built:\n" + "\n".join(f"  {p}" for p in problems))
    jobs += planner.jobs()
    return _Batch(jobs, pages, hashes, {spec.output for spec, _ in todo if spec.one_page}, root, limits,
                  planner if planner.documents else None)


def _progress(say, total: int) -> Callable:
    """The callback that tells of each finished render, counting them."""
    count = [0]

    def done(result) -> None:
        count[0] += 1
        output, _, part = result.output.partition("#")  # one part of a document laid out in parts
        state = result.error or f"{result.pages} page{'s' if result.pages != 1 else ''}, {result.seconds:.1f} s"
        say(f"PDF [{count[0]}/{total}] {output} ({f'part {part}: ' if part else ''}{state})")

    return done


def _named(output: str) -> str:
    """A render job's document as an author knows it: 'pdf/x.pdf', or
    'pdf/x.pdf (part h-y)' for one of its parts (in_parts.py)."""
    document, _, part = output.partition("#")
    return f"{document} (part {part})" if part else document


def _problems(result, page) -> list[str]:
    """What stops a render's PDF: each refused resource, then its error."""
    problems = []
    document = result.output.split("#", 1)[0]  # the source line says where, in any part
    for url, reason in dict(result.log.refused).items():  # once each, in order
        where = page.images.get(url)
        place = f"{where[0]}:{where[1]}: " if where else ""
        problems.append(f"{document}: {place}refused '{_shown(url)}': {reason}")
    if result.error:
        problems.append(f"{_named(result.output)}: {result.error}")
    return problems


def _notes(result, say) -> None:
    for message in dict.fromkeys(result.warnings):  # WeasyPrint's, e.g. on an override's CSS
        if "refused " not in message:
            say(f"PDF note: {result.output.split('#', 1)[0]}: {message}")


def _write(result, batch: _Batch, site_dir: Path, say) -> cache.Entry:
    """Write a rendered PDF into the site; its manifest entry."""
    if result.pages > 1 and result.output in batch.one_page:
        say(f"PDF warning: {result.output} does not fit one page ({result.pages} pages)")
    if result.foreign_glyphs:
        say(f"PDF warning: {result.output}: {glyph_warning(result.foreign_glyphs)}")
    target = site_dir / result.output
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(result.pdf)
    return cache.Entry(batch.hashes[result.output], hashlib.sha256(result.pdf).hexdigest(),
                       result.pages, cache.dependency_hashes(batch.root, result.log.read),
                       sorted(set(result.log.read)))


def _render(batch: _Batch, site_dir: Path, say, stop) -> dict:
    from ..errors import BuildError
    from .pool import render_all

    problems: list[str] = []
    started = time.monotonic()
    results = render_all(batch.jobs, batch.limits, _progress(say, len(batch.jobs)), stop)
    if stop is not None and stop():
        raise BuildError("PDFs not built: stopped")
    entries = {}
    for result in sorted(results, key=lambda r: r.output):
        problems += _problems(result, _page_of(batch, result.output))
        _notes(result, say)
        # after the first problem nothing more is written: the build fails
        if problems or result.pdf is None or "#" in result.output:
            continue
        entries[result.output] = _write(result, batch, site_dir, say)
    if not problems and batch.planner is not None:
        composed, problems = _compose(batch, results, site_dir, say, stop)
        entries.update(composed)
    if problems:
        raise BuildError("PDFs not built:\n" + "\n".join(f"  {p}" for p in problems))
    say(f"PDF: rendered {len(results)} in {time.monotonic() - started:.1f} s")
    return entries


def _page_of(batch: _Batch, output: str):
    """What a render job printed (its images, to name a refused one's line);
    a part's job is named after the first document that prints it."""
    return batch.pages[output.split("#", 1)[0]]


def _compose(batch: _Batch, results, site_dir: Path, say, stop) -> tuple[dict, list[str]]:
    """Documents laid out in parts: their fronts with page numbers and their
    furniture, then each joined into one PDF (in_parts.py)."""
    from . import in_parts
    from .confine import Log
    from .job import Result
    from .pool import render_all

    planner = batch.planner
    for result in results:
        if "#" in result.output:
            planner.take(result)
    problems, unsettled = [], None
    for _ in range(3):  # a front that takes more pages than it was taken to have: again, once or twice
        planner.finish(unsettled)
        jobs = planner.jobs()
        finished = render_all(jobs, batch.limits, _progress(say, len(jobs)), stop) if jobs else []
        if stop is not None and stop():
            return {}, ["stopped"]
        for result in sorted(finished, key=lambda r: r.output):
            problems += _problems(result, _page_of(batch, result.output))
            if result.pdf is not None:
                planner.take(result)
        unsettled = planner.unsettled() if not problems else []
        if not unsettled:
            break
    problems += [f"{found.spec.output}: its contents pages would not settle" for found in unsettled or ()]
    entries = {}
    for found in planner.documents if not problems else ():
        joined = in_parts.compose(found)
        problems += [f"{found.spec.output}: {problem}" for problem in joined.problems]
        for note in joined.notes:
            say(f"PDF note: {found.spec.output}: {note}")
        log = Log()
        log.read.extend(sorted(found.reads | in_parts.image_reads(found)))
        say(f"PDF joined {found.spec.output} ({len(found.names)} part{'s' if len(found.names) != 1 else ''}, "
            f"{joined.pages} page{'s' if joined.pages != 1 else ''})")
        result = Result(found.spec.output, joined.data, joined.pages, log=log,
                        foreign_glyphs=planner.foreign_glyphs(found))
        entry = _write(result, batch, site_dir, say)
        entry.parts = in_parts.keep(found, site_dir, planner)
        entries[found.spec.output] = entry
    return entries, problems


def _shown(url: str) -> str:
    """An address as the author wrote it: repository files by their path."""
    repo = f"{VIRTUAL}repo/"
    shown = url[len(repo):] if url.startswith(repo) else url
    return shown if len(shown) <= 120 else shown[:117] + "..."


def glyph_warning(glyphs: dict[str, str]) -> str:
    """What to tell an author whose text uses characters the bundled font lacks."""
    listed = ", ".join(f"'{character}' (U+{ord(character):04X})" for character in glyphs)
    families = ", ".join(sorted(set(glyphs.values())))
    return (f"the bundled font has no {listed}; printed in this machine's {families} instead, so other machines "
            "may print them differently or not at all. Use another character (such as - or • for a bullet)")
