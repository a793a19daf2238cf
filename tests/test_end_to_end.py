"""Whole builds in a subprocess, as a user runs them.

- Confinement: every file any process of the build opens lies in the
  repository, the output, the temporary folder or the Python installation,
  and no process connects anywhere but to its own worker pool's local socket
  (recorded by audit hooks in tests/audit_hook/sitecustomize.py).
- Atomicity: a build killed midway leaves the previous output byte for byte,
  and the next build recovers.
- Sources are never written by a build.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

import pytest

import curriculum

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
HOOK = Path(__file__).parent / "audit_hook"

pytestmark = pytest.mark.slow


def digest(folder: Path, skip: str | None = None) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not (skip and p.relative_to(folder).parts[0] == skip)}


def build_command(root: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "curriculum", "build", str(root), *extra]


@pytest.fixture
def repo(tmp_path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    return root


def test_a_build_reads_only_inside_its_bounds_and_never_connects_out(repo, tmp_path):
    log = tmp_path / "audit.log"
    env = {**os.environ, "PYTHONPATH": str(HOOK), "CURRICULUM_AUDIT_LOG": str(log), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(build_command(repo), env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    allowed = [repo.resolve(), Path(curriculum.__file__).resolve().parent, Path(tempfile.gettempdir()).resolve(),
               *(Path(p).resolve() for p in {sys.prefix, sys.base_prefix, sys.exec_prefix,
                                             sysconfig.get_paths()["purelib"], sysconfig.get_paths()["stdlib"]}),
               Path("/usr/share/zoneinfo"), Path("/dev/null")]
    opened, connected = set(), []
    for line in log.read_text(encoding="utf-8").splitlines():
        kind, _, what = line.partition("\t")
        if kind == "open":
            opened.add(Path(what))
        elif kind == "open-entry":  # inside a folder already opened (removing a staging folder)
            continue
        else:
            connected.append(what)
    # Python's own reads: the MIME table (mimetypes), package metadata (entry points), and
    # sys.path entries that are no file at all (an editable install's finder marker, which
    # importlib.metadata probes by name): opening what does not exist reads nothing.
    system = {Path("/etc/mime.types"), *(Path(os.path.abspath(p)) for p in sys.path if p and not os.path.exists(p))}
    outside = sorted(str(p) for p in opened if p not in system and not p.parent.name.endswith((".egg-info", ".dist-info"))
                     and not any(p == a or p.is_relative_to(a) for a in allowed))
    assert outside == []
    assert any(p.is_relative_to(repo.resolve() / "handouts") for p in opened)  # the hook did record
    tmp = tempfile.gettempdir()
    assert all(what.strip("'").startswith(tmp) for what in connected), connected  # local worker sockets only


def test_a_killed_build_leaves_the_previous_output_and_the_next_build_recovers(repo):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(build_command(repo), env=env, check=True, capture_output=True, timeout=300)
    before = digest(repo / "build")  # every file of build/, hidden ones included
    sources = digest(repo, skip="build")
    process = subprocess.Popen(build_command(repo, "--force"), env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list(repo.glob(".build.new-*")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    assert process.poll() is None, "the build finished before it could be killed"
    # Midway: MkDocs or the PDF workers are writing into the staging folder.
    # Killed at once (a fixed wait of 0.3 s was flaky: a fast run had finished).
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    # The staging folder lies beside build/, so build/ is byte for byte as it was.
    assert digest(repo / "build") == before
    assert list(repo.glob(".build.new-*")), "the killed build's staging folder is beside build/"
    subprocess.run(build_command(repo), env=env, check=True, capture_output=True, timeout=300)
    assert not list(repo.glob(".build.*")) and not list((repo / "build").glob(".site.*"))
    assert digest(repo, skip="build") == sources


@pytest.mark.parametrize("umask, folder_mode, file_mode", [(0o022, 0o755, 0o644), (0o077, 0o700, 0o600)])
def test_the_output_follows_the_umask(repo, umask, folder_mode, file_mode):
    """A site copied to a web server with `cp -a` or `rsync -a` keeps its
    modes: they must be what the user's umask gives, not a temporary
    folder's private 0700 and 0600."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(build_command(repo), env=env, check=True, capture_output=True, timeout=300,
                   preexec_fn=lambda: os.umask(umask))
    site = repo / "build" / "site"
    modes = {p.relative_to(site).as_posix(): p.stat().st_mode & 0o777 for p in [site, *site.rglob("*")]}
    assert any(name.endswith(".pdf") for name in modes)
    wrong = {name: oct(mode) for name, mode in modes.items()
             if mode != (folder_mode if (site / name).is_dir() else file_mode)}
    assert wrong == {}
