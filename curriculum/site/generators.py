"""The site generators: MkDocs 1.x with mkdocs-material, and Zensical.

Each gets a generated configuration (generated.py) and draws the theme
around pages that are already finished. Any error or warning from either
fails the build with a `BuildError` that quotes it.

This module and serve.py are the only code that runs a generator.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import BuildError

GENERATORS = ("mkdocs", "zensical")
DEFAULT = "mkdocs"


def check(generator: str) -> None:
    """BuildError when the generator is unknown or not installed."""
    if generator not in GENERATORS:
        raise BuildError(f"unknown site generator '{generator}': use one of {', '.join(GENERATORS)}")
    module = {"mkdocs": "material", "zensical": "zensical"}[generator]
    from importlib.util import find_spec

    if find_spec(module) is None:
        package = {"mkdocs": "mkdocs-material", "zensical": "zensical"}[generator]
        raise BuildError(f"the {generator} generator needs the Python package `{package}`: "
                         f"pip install {package}")


def run(generator: str, config: Path) -> Path:
    """Build the site the configuration describes; return its folder."""
    check(generator)
    if generator == "zensical":
        _zensical(config)
    else:
        _mkdocs(config)
    return config.parent / "site"


@contextlib.contextmanager
def _collect(level: int = logging.WARNING) -> Iterator[list[str]]:
    """Messages MkDocs logs at `level` or above while the block runs."""
    found: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            found.append(record.getMessage())

    handler = Collect(level)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)


def _mkdocs(config: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with _collect() as problems:
        try:
            loaded = load_config(str(config), strict=True)
            loaded.plugins.on_startup(command="build", dirty=False)
            try:
                build(loaded)
            finally:
                loaded.plugins.on_shutdown()
        except MkDocsException as error:
            raise BuildError(_message(error, problems)) from None
        except Exception as error:  # a theme template error: say which, never a bare traceback
            raise BuildError(_message(error, problems, f"{type(error).__name__}: ")) from error


def _zensical(config: Path) -> None:
    # In a process of its own: Zensical's runtime keeps global state between builds.
    command = [sys.executable, "-m", "zensical", "build", "--config-file", str(config), "--clean", "--strict"]
    environment = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(command, cwd=config.parent, capture_output=True, text=True, env=environment,
                          stdin=subprocess.DEVNULL)
    output = (done.stdout + done.stderr).strip()
    problems = [line.strip() for line in output.splitlines() if _is_problem(line)]
    if done.returncode != 0 or problems:
        detail = "\n".join(f"  {line}" for line in (problems or output.splitlines()[-20:]))
        raise BuildError(f"the site could not be built with zensical (exit {done.returncode}):\n{detail}")


def _is_problem(line: str) -> bool:
    lowered = line.strip().lower()
    return lowered.startswith(("warning", "error")) or " warning:" in lowered or " error:" in lowered


def _message(error: Exception, problems: list[str], prefix: str = "") -> str:
    lines = [f"the site could not be built: {prefix}{error}".rstrip()]
    lines += [f"  {problem}" for problem in problems if problem not in str(error)]
    return "\n".join(lines)
