"""What changed since the last release, for the site's "What changed" page.

A release is a git tag named `v<version>` (`v1.0` for `version: "1.0"` in
programme.yml). The last release is the newest such tag reachable from the
commit being built, other than the tag of the version being built itself;
the page compares the curriculum as it was at that tag with the curriculum
being built, with the same code as `curriculum changes`.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..adapt import adapt
from ..model import Curriculum
from ..source.git import NotARevision, checkout, release_tag, release_tags
from ..source.load import load
from .changes import Changes, compare


@dataclass(frozen=True)
class LastRelease:
    tag: str | None  # None: no earlier release to compare with
    curriculum: Curriculum | None
    why_none: str = ""


@dataclass(frozen=True)
class SinceRelease:
    tag: str | None
    changes: Changes | None
    why_none: str = ""


def last_release(root: Path, version: str | None) -> LastRelease:
    """The newest release before `version`, loaded from git."""
    root = Path(root)
    own = release_tag(version) if version else None
    earlier = [tag for tag in release_tags(root) if tag != own]
    if not earlier:
        return LastRelease(None, None, "This is the first release: there is no earlier one to compare with. "
                                       "(A release is a git tag named after its version, such as v1.0.)")
    tag = earlier[0]
    with tempfile.TemporaryDirectory(prefix="curriculum-release-") as scratch:
        try:
            folder = checkout(root, tag, Path(scratch) / "old")
        except NotARevision as error:
            return LastRelease(None, None, f"The release {tag} could not be read from git: {error}.")
        return LastRelease(tag, load(folder)[0])


def since(cur: Curriculum, release: LastRelease, shown_as: str) -> SinceRelease:
    """A local edition is compared with the same edition of the last release,
    so its own adaptations are not reported as changes."""
    if release.curriculum is None:
        return SinceRelease(None, None, release.why_none)
    old = release.curriculum
    if cur.edition is not None and old.programme is not None:
        old = adapt(old, cur.edition).curriculum
    return SinceRelease(release.tag, compare(old, cur, release.tag, shown_as))


def since_last_release(cur: Curriculum) -> SinceRelease:
    version = cur.programme.version if cur.programme else None
    shown_as = f"version {version}" if version else "this version"
    return since(cur, last_release(Path(cur.root), version), shown_as)
