"""Two measured costs of WeasyPrint on long documents, removed in workers.

Both leave every PDF byte for byte as it was; `tests/pdf/test_long_documents.py`
checks that, and docs/benchmarks.md gives the measurements.

- pydyf's `PDF.page_references` builds a tuple of every page's reference
  each time it is read, and WeasyPrint reads it once per tagged element
  (pydyf 0.13, WeasyPrint 70): quadratic in pages. The 241-page manual
  read it 23,759 times (5.7 million tuple items); a manual ten times
  longer reads it a hundred times as often. Here it is built once per
  page count.
- Python's cyclic garbage collector, at its default threshold, ran 1,691
  times while the manual was laid out and took a sixth of the render.
  A worker renders one document at a time and retires after a few, so it
  collects far less often (and the objects of WeasyPrint, preloaded in
  the forkserver, are frozen out of every collection).
"""

from __future__ import annotations

import gc

COLLECTOR_THRESHOLDS = (50_000, 50, 100)  # the default is (700, 10, 10)


def _page_references(pdf) -> tuple[bytes, ...]:
    kids = pdf.pages["Kids"]  # [number, 0, "R", number, 0, "R", ...]; only ever appended to
    memo = pdf.__dict__.get("_page_references_memo")
    if memo is None or memo[0] is not kids or memo[1] != len(kids):
        memo = (kids, len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_page_references_memo"] = memo
    return memo[2]


def memoize_page_references() -> None:
    """Replace pydyf's property by one that keeps its tuple while the page
    list is unchanged."""
    import pydyf

    if getattr(pydyf.PDF.page_references, "fget", None) is not _page_references:
        pydyf.PDF.page_references = property(_page_references)


def tune_collector() -> None:
    """Collect cycles less often in a render worker."""
    gc.freeze()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
