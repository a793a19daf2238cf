"""`build_site`: the facilitator website of a curriculum, with MkDocs.

Called by `curriculum build` with a fresh staging folder. MkDocs runs
strict, with the repository's mkdocs.yml, but:

- mkdocs.yml is read with our safe YAML first: no `!ENV` (it would copy the
  environment into the site), no `!!python/...` tags (MkDocs' loader would
  run them), no anchors or aliases, no `hooks:` (Python code from the
  repository), no `INHERIT:`, and a `theme.custom_dir` inside the repository;
- `site_dir` and `docs_dir` in mkdocs.yml are ignored: the site goes into
  the folder given, and MkDocs gets an empty temporary docs folder (the
  plugin generates every page from the loaded curriculum);
- any MkDocs error or warning fails the build with a `BuildError` naming it.

Nothing is written into the repository.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
from pathlib import Path
from typing import Iterator

from ..build import BuildError
from ..model import Curriculum

CONFIG_FILE = "mkdocs.yml"
REFUSED_KEYS = {
    "hooks": "`hooks:` runs Python code from the repository during the build",
    "INHERIT": "`INHERIT:` reads another configuration file",
}


def read_config(root: Path) -> dict:
    """mkdocs.yml as plain data, or BuildError saying what is refused and where."""
    from .. import yamlsafe
    from ..load import decode, read_bytes

    data, problems = read_bytes(root, CONFIG_FILE)
    if data is None:
        detail = problems[0].message if problems else "missing"
        raise BuildError(f"{CONFIG_FILE}: {detail}. A curriculum needs a {CONFIG_FILE} that uses the `curriculum` plugin "
                         "(`curriculum init` writes one)")
    text, problems = decode(data, CONFIG_FILE)
    if text is None:
        raise BuildError(f"{CONFIG_FILE}: {problems[0].message}")
    doc = yamlsafe.load(text)
    if doc.problems:
        problem = doc.problems[0]
        extra = ""
        if "!ENV" in problem.message:
            extra = "; `!ENV` would copy the environment into the site: write the value itself"
        elif "!!python" in problem.message:
            extra = "; MkDocs would run the Python it names: the curriculum sets its own Markdown extensions"
        raise BuildError(f"{CONFIG_FILE}:{problem.line}:{problem.column}: {problem.message}{extra}")
    if not isinstance(doc.data, dict):
        raise BuildError(f"{CONFIG_FILE}: not a mapping of settings")
    for key, why in REFUSED_KEYS.items():
        if key in doc.data:
            line, _ = doc.spans.get((key,), (None, None))
            raise BuildError(f"{CONFIG_FILE}:{line}: {why}; `curriculum build` refuses it")
    theme = doc.data.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom is not None:
        folder = (root / str(custom))
        if not folder.resolve().is_relative_to(root) or folder.is_symlink():
            raise BuildError(f"{CONFIG_FILE}: theme.custom_dir '{custom}' is outside the repository")
    return doc.data


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


def build_site(cur: Curriculum, site_dir: Path, *, pdfs: bool = True) -> None:
    """Build the site of `cur` into `site_dir` (new or empty). With `pdfs`,
    the pages link every PDF that `curriculum.pdf` writes afterwards."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .plugin import Request, request

    root = Path(cur.root).resolve()
    read_config(root)
    site_dir = Path(site_dir)
    if site_dir.exists() and (not site_dir.is_dir() or any(site_dir.iterdir())):
        raise BuildError(f"{site_dir} is not a new or empty folder")
    with tempfile.TemporaryDirectory(prefix="curriculum-docs-") as docs_dir, _collect() as problems:
        try:
            with request(Request(curriculum=cur, pdfs="external" if pdfs else "none")):
                config = load_config(str(root / CONFIG_FILE), site_dir=str(site_dir), docs_dir=docs_dir, strict=True)
                if "curriculum" not in config.plugins:
                    raise BuildError(f"{CONFIG_FILE} does not use the `curriculum` plugin: add it under `plugins:`")
                build(config)
        except BuildError:
            raise
        except MkDocsException as error:
            raise BuildError(_message(error, problems)) from None
        except Exception as error:  # a template or theme error: say which, never a bare traceback
            raise BuildError(_message(error, problems, f"{type(error).__name__}: ")) from error


def _message(error: Exception, problems: list[str], prefix: str = "") -> str:
    lines = [f"the site could not be built: {prefix}{error}".rstrip()]
    lines += [f"  {problem}" for problem in problems if problem not in str(error)]
    return "\n".join(lines)
