"""`curriculum serve`: live preview of the facilitator website.

The generated tree (see build.py) is written into a folder of its own and
the generator's development server serves it and reloads the browser when
it changes. A watcher polls the sources (sessions/, handouts/,
facilitator_notes/, overrides/, images/, assets/, programme.yml, mkdocs.yml)
and writes the tree again; only files whose bytes changed are rewritten, so
the generator rebuilds what an edit touched.

While serving:

- validation errors do not stop the preview: every page shows them in a
  banner, so an author sees the problem and its fix; an unreadable
  programme.yml gives a page listing the problems;
- pages link the PDFs of the last `curriculum build` (in build/site/).

mkdocs.yml is checked as `curriculum build` checks it (no hooks, no !ENV).
"""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from ..errors import BuildError
from ..findings import Severity
from ..model import Curriculum
from ..source.load import INPUT_DIRS, INPUT_FILES
from . import generators
from .assemble import read_config, write_tree

WATCHED = (*INPUT_DIRS, *INPUT_FILES)
PREVIOUS_SITE = ("build", "site")  # where `curriculum build` leaves the site, under ROOT
POLL_SECONDS = 0.5
GENERATOR_OUTPUT = ("site", ".cache")  # what a generator's server writes into the tree itself


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """(modification time, size) of every watched file: what a change changes."""
    seen = {}
    for name in WATCHED:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        for file in files:
            try:
                info = file.stat()
            except OSError:
                continue
            seen[file.relative_to(root).as_posix()] = (info.st_mtime_ns, info.st_size)
    return seen


def previous_pdfs(root: Path, cur: Curriculum) -> frozenset[str]:
    """The PDFs of the last `curriculum build` that this curriculum would link."""
    from ..pdf.documents import specs

    site = root.joinpath(*PREVIOUS_SITE)
    return frozenset(spec.output for spec in specs(cur) if (site / spec.output).is_file())


def generate(root: Path, target: Path, release=None) -> list[str]:
    """Write the preview's tree into target (kept up to date in place); return
    the problems to print. release: the last release (report.releases.LastRelease),
    read from git once when serving starts."""
    from ..check.validate import validate
    from ..report.releases import since

    report = validate(root)
    cur = report.curriculum
    shown = tuple(f for f in report.findings if f.severity in (Severity.ERROR, Severity.WARNING))
    linked = previous_pdfs(root, cur) if cur.programme else frozenset()
    fresh = Path(tempfile.mkdtemp(prefix="generate-", dir=target.parent))
    try:
        _, problems = write_tree(cur, fresh, linked_pdfs=linked,
                                 pdf_folder=root.joinpath(*PREVIOUS_SITE), findings=shown, serving=True,
                                 since=since(cur, release, "the files as they are now") if release else None)
        sync(fresh, target)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    errors = sum(1 for f in shown if f.severity is Severity.ERROR)
    return problems + ([f"{errors} validation error(s): shown on every page; `curriculum build` refuses them"]
                       if errors else [])


def sync(source: Path, target: Path) -> None:
    """Make target hold what source holds, rewriting only files that differ."""
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        new, old = source / rel, target / rel
        if old.is_file() and filecmp.cmp(new, old, shallow=False):
            continue
        old.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(new, old)
    for old in sorted(target.rglob("*"), reverse=True):
        rel = old.relative_to(target)
        if old.is_file() and rel not in wanted and rel.parts[0] not in GENERATOR_OUTPUT:
            old.unlink()


class Watcher:
    """Writes the tree again whenever the sources change, in a thread."""

    def __init__(self, root: Path, target: Path, release=None):
        self.root, self.target, self.release = root, target, release
        self.seen = snapshot(root)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="curriculum-watch", daemon=True)

    def _run(self) -> None:
        while not self.stop.wait(POLL_SECONDS):
            now = snapshot(self.root)
            if now != self.seen:
                self.seen = now
                _report(_safely(generate, self.root, self.target, self.release))


def _safely(fn, *args) -> list[str]:
    try:
        return fn(*args)
    except BuildError as error:  # a broken mkdocs.yml or overrides: say so, keep serving the last tree
        return [str(error)]


def _report(problems: list[str]) -> None:
    for problem in problems:
        print(f"curriculum: {problem}", file=sys.stderr, flush=True)


def serve(root: Path, dev_addr: str = "127.0.0.1:8000", generator: str = generators.DEFAULT) -> None:
    root = Path(root).resolve()
    generators.check(generator)
    read_config(root)
    work = Path(tempfile.mkdtemp(prefix="curriculum-serve-"))
    tree = work / "tree"
    tree.mkdir()
    try:
        release = _last_release(root)
        problems = generate(root, tree, release)
        if not (tree / "mkdocs.yml").is_file():
            raise BuildError("\n".join(problems) or "the preview could not be generated")
        _report(problems)
        watcher = Watcher(root, tree, release)
        watcher.thread.start()
        try:
            _run_server(tree / "mkdocs.yml", dev_addr, generator)
        finally:
            watcher.stop.set()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _last_release(root: Path):
    """The last release, read from git once: the "What changed" page compares the files with it."""
    from ..report.releases import last_release
    from ..source.load import load_programme

    programme = load_programme(root)[0]
    return last_release(root, programme.version if programme else None)


def _run_server(config: Path, dev_addr: str, generator: str) -> None:
    if generator == "zensical":
        command = [sys.executable, "-m", "zensical", "serve", "--config-file", str(config), "--dev-addr", dev_addr]
        process = subprocess.Popen(command, cwd=config.parent, stdin=subprocess.DEVNULL)
        try:
            process.wait()
        finally:
            if process.poll() is None:
                process.terminate()
                process.wait()
        return
    from mkdocs.commands.serve import serve as mkdocs_serve

    previous = _stop_on_sigterm()
    try:
        _show_mkdocs_log()
        mkdocs_serve(config_file=str(config), dev_addr=dev_addr, livereload=True)
    finally:
        if previous is not None:
            import signal

            signal.signal(signal.SIGTERM, previous)


def _stop_on_sigterm():
    """SIGTERM stops the server as Ctrl-C does, so its temporary folders go too."""
    import signal

    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, stop)


def _show_mkdocs_log() -> None:
    """Print MkDocs' messages (the address, rebuilds) as `mkdocs serve` does."""
    import logging

    logger = logging.getLogger("mkdocs")
    if not any(getattr(handler, "_curriculum", False) for handler in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._curriculum = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.INFO)
