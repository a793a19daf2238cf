"""A curriculum as it was at a git revision, written into a folder so the
ordinary loader reads it (`curriculum changes`).

Only the curriculum's own files are taken (programme.yml and the source
folders, as `git archive` gives them); git is run with an argument list,
never a shell, and a revision that is not one is a clear error.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from .load import PROGRAMME_FILE, SOURCE_DIRS

TAKEN = (PROGRAMME_FILE, *SOURCE_DIRS)


class NotARevision(Exception):
    """The revision, or git itself, cannot give the curriculum."""


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise NotARevision(f"git could not be run: {error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise NotARevision(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def checkout(root: Path, revision: str, target: Path) -> Path:
    """The curriculum at `revision` of the repository holding `root`, written
    into `target` (a new folder); returns the curriculum's folder in it."""
    if revision.startswith("-"):
        raise NotARevision(f"'{revision}' is not a revision")
    top = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip())
    prefix = Path(root).resolve().relative_to(top.resolve()).as_posix()
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
    except NotARevision:
        raise NotARevision(f"'{revision}' is not a commit, tag or branch of this repository "
                           "(`git tag` and `git log --oneline` list them)") from None
    paths = [f"{prefix}/{name}" if prefix != "." else name for name in TAKEN]
    present = _git(root, "ls-tree", "--name-only", commit, "--", *paths).decode().split()
    archive = _git(root, "archive", "--format=tar", commit, "--", *present) if present else b""
    target.mkdir(parents=True)
    if archive:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")  # no links out, no absolute paths
    return target / prefix if prefix != "." else target


RELEASE_TAGS = "v*"  # a release is a tag named v<version>: v1.0 for `version: "1.0"`


def release_tag(version: str) -> str:
    return f"v{version}"


def release_tags(root: Path) -> list[str]:
    """Release tags reachable from HEAD, newest version first; [] when the
    curriculum is not in a git repository, or has no commit or no tag."""
    try:
        listed = _git(root, "tag", "--list", RELEASE_TAGS, "--merged", "HEAD", "--sort=-version:refname")
    except NotARevision:
        return []
    return listed.decode("utf-8", "replace").split()


def tags_fingerprint(root: Path) -> str:
    """Every tag and the commit it names: a new or moved release tag changes it."""
    try:
        return _git(root, "show-ref", "--tags").decode("utf-8", "replace")
    except NotARevision:  # no repository, or no tags
        return ""
