"""Errors every layer may raise (a leaf: imports nothing of the package)."""

from __future__ import annotations


class BuildError(Exception):
    """The build could not finish; the previous output is untouched."""


class UnsafeOutput(BuildError):
    """--out names a folder the build must never replace."""
