"""PDFs while serving: rendered in the background, never holding up a reload.

`curriculum serve` rebuilds the pages in about a second; a PDF takes longer.
So after each rebuild a background thread runs `curriculum.pdf.build_pdfs`
with the PDF cache (unchanged documents are reused, not rendered) into a
folder of its own. When it finishes with something new, it swaps that folder
in and touches a file the server watches: the next rebuild, a second later,
links and serves the fresh PDFs. Until then pages link the PDFs ready so far
(at first those of the last `curriculum build`, in build/site/).

Nothing is written into the repository.
"""

from __future__ import annotations

import filecmp
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Callable

from ..model import Curriculum


class PdfPreview:
    def __init__(self, fallback: Path, log: Callable[[str], None] = print):
        self.base = Path(tempfile.mkdtemp(prefix="curriculum-preview-"))
        self.signal = self.base / "signal"  # watched by the server: a change here means "rebuild"
        self.signal.mkdir()
        self.fallback = fallback  # the last `curriculum build`'s site folder
        self.current: Path | None = None  # a folder laid out like a site: pdf/...
        self.retired: list[Path] = []
        self.log = log
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.again: Curriculum | None = None

    def source(self) -> Path:
        """The folder whose pdf/ the pages link now."""
        with self.lock:
            return self.current or self.fallback

    def refresh(self, cur: Curriculum) -> None:
        """Bring the PDFs up to date with cur, in the background."""
        with self.lock:
            if self.thread is not None and self.thread.is_alive():
                self.again = cur  # run once more when the current run ends
                return
            self.thread = threading.Thread(target=self._run, args=(cur,), name="curriculum-pdf-preview", daemon=True)
            self.thread.start()

    def wait(self, timeout: float | None = None) -> None:
        thread = self.thread
        if thread is not None:
            thread.join(timeout)

    def close(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)

    def _run(self, cur: Curriculum | None) -> None:
        from ..pdf import build_pdfs

        while cur is not None:
            target = Path(tempfile.mkdtemp(prefix="render-", dir=self.base))
            try:
                written = build_pdfs(cur, target, previous=self.source())
            except Exception as error:  # noqa: BLE001 - a preview reports and goes on
                self.log(f"PDFs not refreshed: {error}")
                shutil.rmtree(target, ignore_errors=True)
            else:
                if self._same(target, written):
                    shutil.rmtree(target, ignore_errors=True)
                else:
                    self._swap(target)
            with self.lock:
                cur, self.again = self.again, None

    def _same(self, target: Path, written: list[str]) -> bool:
        source = self.source()
        old = sorted(p.relative_to(source).as_posix() for p in (source / "pdf").rglob("*.pdf")) \
            if (source / "pdf").is_dir() else []
        if old != sorted(written):
            return False
        return all(filecmp.cmp(source / rel, target / rel, shallow=False) for rel in written)

    def _swap(self, target: Path) -> None:
        with self.lock:
            # A build may still be copying from the folder it linked: delete it
            # one swap later.
            for folder in self.retired:
                shutil.rmtree(folder, ignore_errors=True)
            self.retired = [self.current] if self.current else []
            self.current = target
        (self.signal / "ready").write_text(target.name, encoding="utf-8")
        self.log("PDFs refreshed")
