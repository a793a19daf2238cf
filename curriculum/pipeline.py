"""What a build writes into its staging site folder: the site and the PDFs,
side by side in time.

The PDFs are rendered in worker processes; while they render, this process
builds the site. They are written into a folder of their own beside the
staging folder (MkDocs wants an empty site folder) and moved into the site
once both are done. A failed site build stops the renders."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Callable

from .model import Curriculum


def write_everything(cur: Curriculum, site_dir: Path, previous_site: Path | None,
                     progress: Callable[[str], None] | None = None, pdfs: bool = True,
                     generator: str = "mkdocs") -> list[str]:
    """Build the site into site_dir and the PDFs inside it; return the PDFs' paths.
    previous_site is the last build's site, whose unchanged PDFs are reused."""
    from .site.build import build_site

    if not pdfs:
        build_site(cur, site_dir, generator=generator)
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
            build_site(cur, site_dir, linked_pdfs=frozenset(spec.output for spec in specs(cur)),
                       generator=generator)
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
    from .errors import BuildError

    for entry in sorted(source.iterdir()):
        destination = target / entry.name
        if entry.is_dir() and not entry.is_symlink() and destination.is_dir():
            move_into(entry, destination)
        elif destination.exists() or destination.is_symlink():
            raise BuildError(f"the site and the PDFs both write {destination.relative_to(target)}")
        else:
            os.rename(entry, destination)
