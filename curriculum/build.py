"""`curriculum build`: the whole publishing pipeline, top to bottom.

1. Find the curriculum and check the output folder (output.py).
2. Stop early when nothing the build reads has changed since the last one.
3. Load and validate; errors stop the build before anything is written.
4. Into a fresh staging folder beside the output: the PDFs start rendering
   in worker processes (pdf/), and meanwhile the site is built (site/: our
   pages, handed to MkDocs or Zensical for the theme). A failed site build
   stops the renders.
5. Swap the staging folder in with renames, and stamp what built it.

A failed or killed build leaves the previous output byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import output
from .check.editions import validate_edition
from .check.validate import Options, Report, validate
from .errors import BuildError, UnsafeOutput
from .model import Curriculum
from .source.editions import edition_ids, edition_inputs
from .source.load import find_root

EDITIONS_OUT = "editions"  # OUT/editions/<id>/: each local edition's own site and stamp

__all__ = ["BuildError", "BuildResult", "UnsafeOutput", "build", "write_site_and_pdfs"]


@dataclass
class BuildResult:
    report: Report | None  # None when the output was already up to date
    out: Path
    built: bool = False
    documents: list[str] = field(default_factory=list)
    up_to_date: bool = False


def build(root: Path | str, out: Path | str | None = None, *, options: Options | None = None,
          progress: Callable[[str], None] | None = None, pdfs: bool = True, force: bool = False,
          generator: str = "mkdocs", versioned: bool = False, edition: str | None = None) -> BuildResult:
    """versioned: the site will be published under a version path, with a
    version selector (`curriculum publish`). edition: a local edition's id;
    it is built into OUT/editions/<id>/."""
    root = find_root(Path(root))
    out = output.check_output(root, Path(out) if out else root / "build")
    if edition is not None:
        if edition not in edition_ids(root):
            raise BuildError(f"no local edition '{edition}' (a folder editions/{edition}/ holding edition.yml)")
        out = output.check_output(root, out / EDITIONS_OUT / edition)
    output.recover(out)
    site = out / output.SITE

    digest = output.inputs_digest(root, pdfs, f"{generator} versioned" if versioned else generator)
    if edition is not None:
        digest = edition_digest(root, edition, digest)
    previous = output.read_stamp(out)
    if not force and previous.get("inputs") == digest and site.is_dir():
        # Nothing the build reads has changed: neither MkDocs nor WeasyPrint is imported.
        return BuildResult(None, out, built=True, documents=previous.get("documents", []), up_to_date=True)

    report = validate(root, options) if edition is None else validate_edition(root, edition, options)
    result = BuildResult(report, out)
    if not report.ok:
        return result

    staging = output.new_staging(out)
    try:
        result.documents = write_site_and_pdfs(report.curriculum, staging, site if site.is_dir() else None,
                                               progress=progress, pdfs=pdfs, generator=generator,
                                               versioned=versioned)
        output.follow_umask(staging)
        (out / output.MARKER).unlink(missing_ok=True)  # a crash from here on means "rebuild", never "up to date"
        output.swap_in(staging, site)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    output.write_stamp(out, {"note": "made by `curriculum build`", "inputs": digest, "documents": result.documents})
    result.built = True
    return result


def edition_digest(root: Path, edition: str, core: str) -> str:
    """The inputs of an edition's build: the core's, and every file of its folder."""
    digest = hashlib.sha256(f"{core}\nedition {edition}\n".encode())
    for rel in edition_inputs(root, edition):
        digest.update(rel.encode() + b"\0")
        try:
            digest.update(hashlib.sha256((root / rel).read_bytes()).digest())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()


def write_site_and_pdfs(cur: Curriculum, site_dir: Path, previous_site: Path | None,
                        progress: Callable[[str], None] | None = None, pdfs: bool = True,
                        generator: str = "mkdocs", versioned: bool = False) -> list[str]:
    """Build the site into site_dir (new or empty) and the PDFs inside it;
    return the PDFs' paths. previous_site is the last build's site, whose
    unchanged PDFs are reused. The PDFs render into a folder of their own
    beside site_dir while this thread builds the site; they are moved in
    when both are done."""
    from .site.assemble import build_site

    if not pdfs:
        build_site(cur, site_dir, generator=generator, versioned=versioned)
        return []
    from .pdf import prepare_pdfs
    from .pdf.documents import specs

    site_dir = Path(site_dir)
    # Named after the staging folder, so a killed build's leftovers are tidied with it.
    pdf_dir = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}-pdf-", dir=site_dir.parent))
    try:
        pending = prepare_pdfs(cur, pdf_dir, previous=previous_site, progress=progress)
        rendering = _Background(pending.render)
        try:
            build_site(cur, site_dir, linked_pdfs=frozenset(spec.output for spec in specs(cur)), generator=generator,
                       versioned=versioned)
        except BaseException:
            rendering.stop()
            raise
        written = rendering.result()
        move_into(pdf_dir, site_dir)
        return written
    finally:
        shutil.rmtree(pdf_dir, ignore_errors=True)


class _Background:
    """Run fn(stop) in a thread; result() waits and returns or re-raises."""

    def __init__(self, fn: Callable[[Callable[[], bool]], list[str]]):
        self._stop = threading.Event()
        self._outcome: tuple[bool, object] | None = None
        self._thread = threading.Thread(target=self._run, args=(fn,), name="curriculum-pdfs", daemon=True)
        self._thread.start()

    def _run(self, fn) -> None:
        try:
            self._outcome = (True, fn(self._stop.is_set))
        except BaseException as error:  # handed to the thread that waits
            self._outcome = (False, error)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def result(self) -> list[str]:
        self._thread.join()
        ok, value = self._outcome
        if not ok:
            raise value
        return value


def move_into(source: Path, target: Path) -> None:
    """Move every file under source to the same place under target (same
    file system: renames). A file the site already has is a conflict."""
    for entry in sorted(source.iterdir()):
        destination = target / entry.name
        if entry.is_dir() and not entry.is_symlink() and destination.is_dir():
            move_into(entry, destination)
        elif destination.exists() or destination.is_symlink():
            raise BuildError(f"the site and the PDFs both write {destination.relative_to(target)}")
        else:
            os.rename(entry, destination)
