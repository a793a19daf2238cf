"""Render jobs in parallel in recycled, bounded worker processes.

Why not `ProcessPoolExecutor(max_tasks_per_child=...)`: on Python 3.11 to
3.13 it deadlocks once a worker retires while tasks are queued (CPython
gh-115634: a stale idle-worker token stops the replacement), which hung
our first builds; and when a worker dies it breaks every pending future,
so it cannot say which document killed it. This small pool keeps one pipe
per worker, so the parent always knows which document each worker holds:

- workers come from the forkserver (WeasyPrint preloaded in the server,
  so a new worker starts warm) and retire after `tasks_per_child` renders
  (worker memory grows with every render);
- each worker bounds its address space (RLIMIT_AS) and each render its
  wall-clock time with an interval timer; a render that outlives its bound
  by `grace` seconds is killed by the parent, with only its own worker;
- a worker that dies (memory, signal, crash) fails only its own document;
- workers keep their temporary files in one folder of the pool's, removed
  when the pool is done, however they ended.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import wait

from . import worker
from .job import Job, Result

PRELOAD = ["curriculum.pdf.write"]


@dataclass(frozen=True)
class Limits:
    workers: int = 0  # 0: one per available core
    tasks_per_child: int = 8
    memory_mib: int = 2048  # address space per worker, plus memory_mib_per_mb of a document's HTML
    memory_mib_per_mb: int = 512  # WeasyPrint holds every page's layout: a 5 MB manual needs about 2 GiB
    seconds: float = 120.0  # per document, plus seconds_per_mb of its HTML
    seconds_per_mb: float = 120.0
    grace: float = 15.0  # beyond the in-worker bound before the parent kills

    @classmethod
    def from_env(cls, environ=os.environ) -> Limits:
        """Defaults, changed by CURRICULUM_PDF_WORKERS, _MEMORY_MIB, _SECONDS."""
        def number(name: str, default, kind):
            try:
                value = kind(environ.get(f"CURRICULUM_PDF_{name}", default))
            except ValueError:
                return default
            return value if value >= 0 else default
        base = cls()
        return cls(workers=number("WORKERS", base.workers, int),
                   memory_mib=number("MEMORY_MIB", base.memory_mib, int),
                   seconds=number("SECONDS", base.seconds, float))

    def bound(self, html_bytes: int) -> float:
        return self.seconds + self.seconds_per_mb * html_bytes / 1_000_000

    def memory_bound(self, html_bytes: int) -> int:
        """Address space allowed to render a document of this size, in bytes
        (0: no bound)."""
        if not self.memory_mib:
            return 0
        return int((self.memory_mib + self.memory_mib_per_mb * html_bytes / 1_000_000) * 1024 * 1024)

    def worker_count(self, jobs: int) -> int:
        return max(1, min(self.workers or _cores(), jobs))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _context():
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")  # pragma: no cover - not POSIX


def warm_up() -> None:
    """Start the forkserver now: it imports WeasyPrint (about a second) in
    its own process while this one is still writing the HTML."""
    if _context().get_start_method() == "forkserver":
        import multiprocessing.forkserver

        multiprocessing.forkserver.ensure_running()


class _Worker:
    """One worker process and the pipe it takes jobs from."""

    def __init__(self, context, memory_bytes: int, scratch: str):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker.serve, args=(child, memory_bytes, scratch), daemon=True,
                                       name="curriculum-pdf")
        self.process.start()
        child.close()
        self.job: Job | None = None
        self.started = 0.0
        self.tasks = 0

    def give(self, job: Job) -> None:
        self.job, self.started = job, time.monotonic()
        self.conn.send(job)

    def retire(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(timeout=5)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()  # our own worker, by its handle
        self.process.join(timeout=5)
        self.conn.close()


def _death(process) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        return f"the renderer process was killed by signal {-code} (memory limit or a crash)"
    return f"the renderer process died (exit status {code})"


def render_all(jobs: Iterable[Job], limits: Limits = Limits(),
               done: Callable[[Result], None] | None = None,
               stop: Callable[[], bool] | None = None) -> list[Result]:
    """Render every job; each result carries its PDF or its error. Never
    raises for a bad document. When `stop()` turns true (checked every
    second at most), the workers are killed and the results so far returned."""
    queue = deque(sorted(jobs, key=lambda job: -len(job.variants[0])))  # big ones first
    if not queue:
        return []
    context = _context()
    memory = limits.memory_mib * 1024 * 1024
    # WeasyPrint copies the fonts of each render into a temporary folder that
    # only a finalizer removes, and a worker's finalizers never run when it
    # exits or is killed: every worker's temporary files go in one folder,
    # removed when the pool is done (1.2 GB had piled up in /tmp before).
    scratch = tempfile.mkdtemp(prefix="curriculum-pdf-")
    size = limits.worker_count(len(queue))
    idle: list[_Worker] = []
    busy: list[_Worker] = []
    results: list[Result] = []

    def finish(result: Result) -> None:
        results.append(result)
        if done:
            done(result)

    try:
        while queue or busy:
            if stop is not None and stop():
                break
            while queue and len(busy) < size:
                hand = idle.pop() if idle else _Worker(context, memory, scratch)
                hand.give(queue.popleft())
                busy.append(hand)
            waiting = [h.conn for h in busy] + [h.process.sentinel for h in busy]
            ready = set(wait(waiting, timeout=1.0))
            now = time.monotonic()
            for hand in list(busy):
                job = hand.job
                if hand.conn in ready or hand.process.sentinel in ready:
                    try:
                        result = hand.conn.recv() if hand.conn.poll() else None
                    except (EOFError, OSError):
                        result = None
                    busy.remove(hand)
                    if result is None:
                        finish(Result(job.output, error=_death(hand.process)))
                        hand.kill()
                        continue
                    finish(result)
                    hand.tasks += 1
                    if result.error:  # a worker that failed may be unwell (out of memory): never reuse it
                        hand.kill()
                    elif hand.tasks >= limits.tasks_per_child or job.memory_bytes > memory:
                        hand.retire()  # worn, or its bound was raised for one large document
                    else:
                        idle.append(hand)
                elif now - hand.started > job.seconds + limits.grace:
                    busy.remove(hand)
                    hand.kill()
                    finish(Result(job.output, error=f"rendering did not finish within {job.seconds:.0f} s; stopped"))
    finally:
        for hand in idle:
            hand.retire()
        for hand in busy:
            hand.kill()
        _remove_tree(scratch)
    return results


def _remove_tree(folder: str) -> None:
    """Remove a folder of ours, by absolute paths (shutil.rmtree opens names
    relative to folder descriptors, which an audit of the files a build
    opens, tests/test_end_to_end.py, cannot place). Links are not followed."""
    for dirpath, dirnames, filenames in os.walk(folder, topdown=False):
        for name in filenames + dirnames:
            path = os.path.join(dirpath, name)
            try:
                os.rmdir(path) if name in dirnames and not os.path.islink(path) else os.unlink(path)
            except OSError:
                pass
    try:
        os.rmdir(folder)
    except OSError:
        pass
