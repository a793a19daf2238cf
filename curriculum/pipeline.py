"""What a build writes into its staging site folder: the site, then the PDFs."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .model import Curriculum


def write_everything(cur: Curriculum, site_dir: Path, previous_site: Path | None,
                     progress: Callable[[str], None] | None = None, pdfs: bool = True) -> list[str]:
    """Build the site into site_dir, then the PDFs inside it; return the PDFs' paths.
    previous_site is the last build's site, whose unchanged PDFs are reused."""
    from .site.build import build_site

    build_site(cur, site_dir, pdfs=pdfs)
    if not pdfs:
        return []
    from .pdf import build_pdfs

    return build_pdfs(cur, site_dir, previous=previous_site, progress=progress)
