"""The render layer on its own, fed crafted HTML the validator would never
let through: the confined fetcher is the second defence and must hold
alone; every render is bounded in time and memory."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from curriculum.pdf import policy_for
from curriculum.pdf.job import Job, Result
from curriculum.pdf.pool import Limits, render_all
from curriculum.pdf.render import font_css

ROOTS_OK = ("repo:", "font:", "package:")
BASE = "file:///curriculum/repo/"  # the virtual address of the repository


@pytest.fixture
def repo(tmp_path, png) -> Path:
    root = tmp_path / "repo"
    (root / "images").mkdir(parents=True)
    (root / "images" / "ok.png").write_bytes(png)
    return root


@pytest.fixture
def listener():
    """A local TCP server that counts connections: none may arrive."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    accepted: list = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            accepted.append(conn)
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    stop.set()
    thread.join(timeout=2)
    server.close()


def page(body: str, head: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="en-GB"><head><title>Crafted</title><style>{font_css()} '
            f'body {{ font-family: "Atkinson Hyperlegible"; }}</style>{head}</head><body>{body}</body></html>')


def render_here(repo: Path, html: str, seconds: float = 60) -> Result:
    from curriculum.pdf import write  # in this process: imports WeasyPrint

    return write.render(Job("crafted.pdf", (html,), BASE, policy_for(repo), b"test", seconds))


def test_local_files_and_network_are_refused_and_recorded(repo, listener):
    port, accepted = listener
    html = page(
        f'<h1>Crafted</h1><p>Body text.</p>'
        f'<img src="file:///etc/passwd" alt="passwd">'
        f'<img src="http://127.0.0.1:9/x.png" alt="discard port">'
        f'<img src="http://127.0.0.1:{port}/spy.png" alt="spy">'
        f'<img src="../../../../../../etc/hostname" alt="escape">'
        f'<img src="FiLe:///%65tc/hostname" alt="case">'
        f'<img src="{repo.resolve().as_uri()}/images/ok.png" alt="real path">'
        f'<a rel="attachment" href="file:///proc/self/environ">env</a>'
        f'<div style="background: url(file:///etc/passwd)">css</div>'
        f'<object data="file:///etc/passwd"></object>'
        f'<img src="images/ok.png" alt="A blue square">',
        head=f'<link rel="stylesheet" href="http://127.0.0.1:{port}/spy.css">'
             f'<style>@import url("file:///etc/passwd");</style>')
    result = render_here(repo, html)
    assert result.error is None and result.pdf
    refused = {url for url, _ in result.log.refused}
    assert "file:///etc/passwd" in refused
    assert "http://127.0.0.1:9/x.png" in refused
    assert f"http://127.0.0.1:{port}/spy.png" in refused
    assert f"http://127.0.0.1:{port}/spy.css" in refused
    assert any("hostname" in url for url in refused)
    assert f"{repo.resolve().as_uri()}/images/ok.png" in refused  # a real path: never named by our HTML
    assert accepted == []  # no connection was ever made
    assert b"root:x:0:0" not in result.pdf and b"PATH=" not in result.pdf
    assert "repo:images/ok.png" in result.log.read
    # Everything read came from the allowed folders.
    assert result.log.read and all(label.startswith(ROOTS_OK) for label in result.log.read)


def test_every_request_is_recorded_and_none_leaves(repo):
    html = page('<h1>Title</h1><p>Text</p><img src="images/ok.png" alt="A blue square">')
    result = render_here(repo, html)
    assert result.log.requested
    for url in result.log.requested:
        assert url.startswith(("file:///curriculum/repo/", "file:///curriculum/font/", "file:///curriculum/package/")), url
    assert result.log.refused == []


def test_a_render_past_its_time_bound_is_stopped(repo):
    rows = "".join(f"<tr><td>{i}</td><td>cell {i}</td></tr>" for i in range(20000))
    job = Job("slow.pdf", (page(f"<table>{rows}</table>"),), BASE, policy_for(repo), b"x", 1.5)
    [result] = render_all([job], Limits(grace=10))
    assert result.output == "slow.pdf" and result.pdf is None
    assert "longer than 2 s" in result.error or "did not finish" in result.error


def test_a_render_past_its_memory_bound_fails_alone(repo):
    rows = "".join(f"<tr><td>{i}</td><td>cell {i}</td></tr>" for i in range(20000))
    big = Job("big.pdf", (page(f"<table>{rows}</table>"),), BASE, policy_for(repo), b"x", 120)
    small = Job("small.pdf", (page("<h1>Small</h1><p>Fine.</p>"),), BASE,
                policy_for(repo), b"x", 120)
    results = {r.output: r for r in render_all([big, small], Limits(memory_mib=320, workers=2))}
    assert results["big.pdf"].pdf is None
    assert any(word in results["big.pdf"].error for word in ("memory", "died", "killed")), results["big.pdf"].error
    # The same limit is plenty for an ordinary document.
    assert results["small.pdf"].error is None, results["small.pdf"].error
    assert results["small.pdf"].pdf.startswith(b"%PDF-")


def test_a_large_document_is_allowed_memory_in_proportion_to_its_html():
    mib = 1024 * 1024
    assert Limits().memory_bound(0) == 2048 * mib
    assert Limits().memory_bound(5_000_000) == (2048 + 5 * 512) * mib
    assert Limits(memory_mib=0).memory_bound(5_000_000) == 0  # no bound at all


def test_a_render_given_a_raised_bound_succeeds_where_the_base_bound_stops_it(repo):
    """The facilitator manual of a large programme: its bound follows its
    size, and the worker whose bound was raised is not reused."""
    table = page("<table>" + "".join(f"<tr><td>{i}</td><td>cell {i}</td></tr>" for i in range(4000)) + "</table>")
    base = Job("base.pdf", (table,), BASE, policy_for(repo), b"x", 300)
    raised = Job("raised.pdf", (table,), BASE, policy_for(repo), b"x", 300, memory_bytes=2 * 1024 ** 3)
    small = Job("small.pdf", (page("<h1>Small</h1><p>Fine.</p>"),), BASE, policy_for(repo), b"x", 120)
    results = {r.output: r for r in render_all([base, raised, small], Limits(memory_mib=260, workers=1))}
    assert results["base.pdf"].pdf is None and results["base.pdf"].error
    assert results["raised.pdf"].error is None, results["raised.pdf"].error
    assert results["raised.pdf"].pdf.startswith(b"%PDF-")
    assert results["small.pdf"].error is None and results["small.pdf"].pdf.startswith(b"%PDF-")


def test_workers_are_recycled_and_results_keep_their_names(repo):
    base = BASE
    jobs = [Job(f"doc-{n}.pdf", (page(f"<h1>Document {n}</h1>"),), base, policy_for(repo), b"x", 60) for n in range(7)]
    results = render_all(jobs, Limits(workers=2, tasks_per_child=2))
    assert sorted(r.output for r in results) == sorted(j.output for j in jobs)
    assert all(r.error is None and r.pages == 1 for r in results)


def test_deep_nesting_fails_that_document_only(repo):
    deep = Job("deep.pdf", (page("<div>" * 3000 + "x" + "</div>" * 3000),), BASE, policy_for(repo), b"x", 60)
    [result] = render_all([deep], Limits(workers=1))
    assert result.output == "deep.pdf" and result.pdf is None and "nested too deeply" in result.error


def test_workers_leave_no_temporary_files_however_they_end(repo, tmp_path, monkeypatch):
    """WeasyPrint copies fonts into a temporary folder that only a finalizer
    removes; workers that retire, fail or are killed never run it."""
    import tempfile

    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    fonts = '<p style="font-family: \'Atkinson Hyperlegible\'">Fonts.</p>'
    jobs = [Job(f"doc-{n}.pdf", (page(f"<h1>Document {n}</h1>{fonts}"),), BASE, policy_for(repo), b"x", 60)
            for n in range(5)]
    rows = "".join(f"<tr><td>{i}</td><td>cell {i}</td></tr>" for i in range(20000))
    jobs.append(Job("big.pdf", (page(f"<table>{rows}</table>"),), BASE, policy_for(repo), b"x", 120))
    seen: list[str] = []

    def done(result):  # while the pool runs, the workers' font copies are in its folder
        seen.extend(path.name for path in private.glob("curriculum-pdf-*/weasyprint-*"))

    results = {r.output: r for r in render_all(jobs, Limits(memory_mib=320, workers=2, tasks_per_child=2), done)}
    assert results["big.pdf"].error and results["doc-0.pdf"].error is None
    assert seen
    # (pymp-*: multiprocessing's own folder for the forkserver's socket, removed at exit)
    assert [path for path in private.iterdir() if not path.name.startswith("pymp-")] == []


def test_a_pool_told_to_stop_stops(repo):
    jobs = [Job(f"doc-{n}.pdf", (page(f"<h1>Document {n}</h1>"),), BASE, policy_for(repo), b"x", 60)
            for n in range(40)]
    delivered = []  # stop once three are done (a time limit was flaky: a fast machine finished all 40)
    results = render_all(jobs, Limits(workers=1), done=delivered.append, stop=lambda: len(delivered) >= 3)
    assert 3 <= len(results) < len(jobs) and results == delivered
