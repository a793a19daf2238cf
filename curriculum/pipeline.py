"""What a build writes into its staging folder: the site, then the PDFs."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .model import Curriculum


def write_everything(cur: Curriculum, staging: Path, previous: Path | None,
                     progress: Callable[[str], None] | None = None, pdfs: bool = True) -> tuple[list[str], bool]:
    from .site.build import build_site

    site_dir = staging / "site"
    build_site(cur, site_dir, pdfs=pdfs)
    written: list[str] = []
    if pdfs:
        from .pdf import build_pdfs

        written = build_pdfs(cur, site_dir, previous=(previous / "site") if previous else None, progress=progress)
    return written, False
