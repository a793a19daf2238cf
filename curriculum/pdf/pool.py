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


def _receive(hand: _Worker) -> Result | None:
    """The result a worker sent, or None if it died first."""
    try:
        return hand.conn.recv() if hand.conn.poll() else None
    except (EOFError, OSError):
        return None


class _Pool:
    """The workers of one `render_all`, and the results they have given."""

    def __init__(self, limits: Limits, done: Callable[[Result], None] | None):
        self.limits, self.done = limits, done
        self.context = _context()
        self.memory = limits.memory_mib * 1024 * 1024
        # WeasyPrint copies the fonts of each render into a temporary folder that
        # only a finalizer removes, and a worker's finalizers never run when it
        # exits or is killed: every worker's temporary files go in one folder,
        # removed when the pool is done (1.2 GB had piled up in /tmp before).
        self.scratch = tempfile.mkdtemp(prefix="curriculum-pdf-")
        self.idle: list[_Worker] = []
        self.busy: list[_Worker] = []
        self.results: list[Result] = []

    def fill(self, queue: deque[Job], size: int) -> None:
        """Give queued jobs to idle or new workers, up to `size` at work."""
        while queue and len(self.busy) < size:
            hand = self.idle.pop() if self.idle else _Worker(self.context, self.memory, self.scratch)
            hand.give(queue.popleft())
            self.busy.append(hand)

    def attend(self) -> None:
        """Wait a second at most for workers to finish; collect what they
        give, and stop the ones past their time."""
        waiting = [h.conn for h in self.busy] + [h.process.sentinel for h in self.busy]
        ready = set(wait(waiting, timeout=1.0))
        now = time.monotonic()
        for hand in list(self.busy):
            if hand.conn in ready or hand.process.sentinel in ready:
                self._collect(hand)
            elif now - hand.started > hand.job.seconds + self.limits.grace:
                self._overdue(hand)

    def _collect(self, hand: _Worker) -> None:
        job = hand.job
        result = _receive(hand)
        self.busy.remove(hand)
        if result is None:
            self._finish(Result(job.output, error=_death(hand.process)))
            hand.kill()
            return
        self._finish(result)
        hand.tasks += 1
        if result.error:  # a worker that failed may be unwell (out of memory): never reuse it
            hand.kill()
        elif hand.tasks >= self.limits.tasks_per_child or job.memory_bytes > self.memory:
            hand.retire()  # worn, or its bound was raised for one large document
        else:
            self.idle.append(hand)

    def _overdue(self, hand: _Worker) -> None:
        job = hand.job
        self.busy.remove(hand)
        hand.kill()
        self._finish(Result(job.output, error=f"rendering did not finish within {job.seconds:.0f} s; stopped"))

    def _finish(self, result: Result) -> None:
        self.results.append(result)
        if self.done:
            self.done(result)

    def close(self) -> None:
        for hand in self.idle:
            hand.retire()
        for hand in self.busy:
            hand.kill()
        _remove_tree(self.scratch)


def render_all(jobs: Iterable[Job], limits: Limits = Limits(),
               done: Callable[[Result], None] | None = None,
               stop: Callable[[], bool] | None = None) -> list[Result]:
    """Render every job; each result carries its PDF or its error. Never
    raises for a bad document. When `stop()` turns true (checked every
    second at most), the workers are killed and the results so far returned."""
    queue = deque(sorted(jobs, key=lambda job: -len(job.variants[0])))  # big ones first
    if not queue:
        return []
    pool = _Pool(limits, done)
    size = limits.worker_count(len(queue))
    try:
        while queue or pool.busy:
            if stop is not None and stop():
                break
            pool.fill(queue, size)
            pool.attend()
    finally:
        pool.close()
    return pool.results


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
