"""Git histories made inside a test (for `curriculum changes`, the "What
changed" page, translations and the release workflow): one author, and git
run with an argument list."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

AUTHOR = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
          "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
GIT_ENV = {**os.environ, **AUTHOR}

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(root: Path, *args: str) -> str:
    """Run git in root; its output."""
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True,
                          env=GIT_ENV).stdout
