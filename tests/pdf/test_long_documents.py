"""The render speed-ups change nothing a reader or the build can see: the
same bytes, the same record of what was read, refused and warned of."""

from __future__ import annotations

import subprocess
import sys

import pydyf

from curriculum.pdf import policy_for
from curriculum.pdf.documents import specs
from curriculum.pdf.job import Job
from curriculum.pdf.long_documents import COLLECTOR_THRESHOLDS, _page_references
from curriculum.pdf.render import Renderer
from curriculum.source.load import load

BASE = "file:///curriculum/repo/"


def _pydyf_page_references(pdf) -> tuple[bytes, ...]:
    """pydyf 0.13's own definition, which the memo replaces."""
    return tuple(f"{number} 0 R".encode("ascii") for number in pdf.pages["Kids"][::3])


def test_page_references_match_pydyf_and_follow_new_pages():
    pdf = pydyf.PDF()
    for count in range(1, 6):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        assert pdf.page_references == _pydyf_page_references(pdf)
        assert len(pdf.page_references) == count
    pdf.pages["Kids"] = pydyf.Array([99, 0, "R"])  # the page list replaced outright
    assert _page_references(pdf) == (b"99 0 R",)


def test_page_references_are_built_once_per_page_count():
    from curriculum.pdf import write  # noqa: F401  (installs the memo, as in a worker)

    pdf = pydyf.PDF()
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert pdf.page_references is pdf.page_references


def test_a_worker_collects_less_often_and_freezes_what_it_preloaded():
    code = ("import gc; from curriculum.pdf.long_documents import tune_collector; tune_collector(); "
            "print(gc.get_threshold(), gc.get_freeze_count() > 0)")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == f"{COLLECTOR_THRESHOLDS} True"


def _jobs(root, output):
    cur, _ = load(root)
    spec = next(s for s in specs(cur) if s.output == output)
    page = Renderer(cur).page(spec)
    apart = Job(output, page.html, BASE, policy_for(root), b"tuning-test", 120, spec.one_page,
                stylesheet=page.stylesheet)
    inline = tuple(html.replace("</head>", f"<style>{page.stylesheet}</style></head>", 1) for html in page.html)
    together = Job(output, inline, BASE, policy_for(root), b"tuning-test", 120, spec.one_page)
    return apart, together


def test_a_stylesheet_parsed_once_gives_the_bytes_of_one_parsed_in_the_page(minimal_root):
    from curriculum.pdf import write

    write._PARSED.clear()
    apart, together = _jobs(minimal_root, "pdf/handouts/shopping-list.pdf")
    first, again, inline = write.render(apart), write.render(apart), write.render(together)
    assert first.error is None and again.error is None and inline.error is None
    assert first.pdf == again.pdf == inline.pdf
    # The second render reused the parse and still reports its font reads.
    assert sorted(set(first.log.read)) == sorted(set(again.log.read)) == sorted(set(inline.log.read))
    assert any(label.startswith("font:") for label in again.log.read)


def test_every_render_reports_what_the_shared_parse_refused_and_warned_of(minimal_root):
    from curriculum.pdf import write

    write._PARSED.clear()
    apart, _ = _jobs(minimal_root, "pdf/handouts/shopping-list.pdf")
    crafted = Job(apart.output, apart.variants, apart.base_url, apart.policy, apart.identifier, apart.seconds,
                  stylesheet='@import url("file:///etc/passwd");\n' + apart.stylesheet + "\nh1 { colr: red; }")
    for _ in range(2):
        result = write.render(crafted)
        assert result.error is None
        assert [url for url, _ in result.log.refused] == ["file:///etc/passwd"]
        assert any("colr" in warning for warning in result.warnings)
    assert len(write._PARSED) == 1
