"""A worker's entry points. Light on purpose: the parent imports this module
to hand the pool its functions, so WeasyPrint is imported only inside
workers (by `write`)."""

from __future__ import annotations

import resource
import tempfile

from .job import Job, Result
from .long_documents import tune_collector


def init(memory_bytes: int) -> None:
    """Bound the worker's address space (never above the hard limit)."""
    if memory_bytes > 0:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def run(job: Job) -> Result:
    from . import write  # WeasyPrint: only ever imported in a worker

    return write.render(job)


def serve(conn, memory_bytes: int, scratch: str | None = None) -> None:
    """A worker's life: bound memory, then render each job sent until None.
    Temporary files (WeasyPrint's font copies) go under scratch."""
    if scratch:
        tempfile.tempdir = scratch
    init(memory_bytes)
    tune_collector()
    try:
        while True:
            try:
                job = conn.recv()
            except EOFError:
                return
            if job is None:
                return
            if job.memory_bytes > memory_bytes:
                init(job.memory_bytes)  # raised only; the parent retires this worker afterwards
            result = run(job)
            try:
                conn.send(result)
            except (ValueError, TypeError, MemoryError) as error:  # unpicklable or too big
                conn.send(Result(job.output, error=f"result could not be returned: {type(error).__name__}"))
    finally:
        conn.close()
