"""`curriculum publish`: a released version of the site, added to a folder of
published versions that keeps every earlier one (a GitHub Pages branch, say).

    INTO/versions.json      every version, newest first, with its aliases:
                            the list the theme's version selector reads
    INTO/<version>/         the site and PDFs of that version, never changed
                            by a later release
    INTO/<alias>/           a copy of the version the alias names ("latest")
    INTO/index.html         sends a visitor to the alias, or the newest version

versions.json has the format the Material theme's version selector reads
(`[{"version": "1.1", "title": "1.1", "aliases": ["latest"]}]`), written
here: no MkDocs-only tool is needed. A version folder is swapped in with
renames, so a failed publish leaves the published versions as they were.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .build import build
from .errors import BuildError
from .pdf.in_parts import PARTS_DIR
from .source.git import release_tag
from .source.load import SOURCE_DIRS, find_root, load_programme

VERSIONS_FILE = "versions.json"
_SAFE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$")  # one folder name in a web address


class PublishError(Exception):
    """Publishing cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class Published:
    version: str
    folder: Path
    aliases: tuple[str, ...]
    replaced: bool  # the version had been published before


def version_key(version: str) -> tuple:
    """'1.10' sorts after '1.9': numbers compare as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"[._-]", version))


def read_versions(into: Path) -> list[dict]:
    path = into / VERSIONS_FILE
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PublishError(f"{path} cannot be read ({error}); fix or remove it") from None
    if not isinstance(data, list) or not all(isinstance(e, dict) and isinstance(e.get("version"), str) for e in data):
        raise PublishError(f"{path} is not a list of versions such as "
                           '[{"version": "1.0", "title": "1.0", "aliases": []}]; fix or remove it')
    return data


def updated_versions(versions: list[dict], version: str, aliases: tuple[str, ...]) -> list[dict]:
    """The list with `version` added (or replaced) and its aliases moved to it, newest first."""
    kept = []
    for entry in versions:
        if entry["version"] == version:
            continue
        others = [a for a in entry.get("aliases") or [] if a not in aliases]
        kept.append({**entry, "aliases": others})
    kept.append({"version": version, "title": version, "aliases": list(aliases)})
    return sorted(kept, key=lambda e: version_key(e["version"]), reverse=True)


def redirect_page(target: str) -> str:
    """A page that sends the browser on to target (a relative address)."""
    href = html.escape(target, quote=True)
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n<title>Redirecting</title>\n'
            f'<meta http-equiv="refresh" content="0; url={href}">\n<link rel="canonical" href="{href}">\n'
            f'</head><body><p><a href="{href}">Go to the published curriculum</a></p></body></html>\n')


def check_names(version: str | None, released, tag: str | None, aliases: tuple[str, ...]) -> str:
    if not version:
        raise PublishError("programme.yml has no `version:`; add one (such as version: \"1.0\") before publishing")
    if not released:
        raise PublishError(f"version {version} is a draft: programme.yml has no `released:` date. "
                           "Add the release date (released: YYYY-MM-DD) when the version is approved")
    if tag is not None and tag != release_tag(version):
        raise PublishError(f"the tag is {tag} but programme.yml says version {version} (its tag is "
                           f"{release_tag(version)}); make them agree")
    for name in (version, *aliases):
        if not _SAFE.fullmatch(name):
            raise PublishError(f"'{name}' cannot name a published folder: use letters, digits, dots and dashes")
    if version in aliases:
        raise PublishError(f"the alias '{version}' is the version itself; choose another alias, such as latest")
    return version


def check_aliases(versions: list[dict], aliases: tuple[str, ...]) -> None:
    taken = {entry["version"] for entry in versions} & set(aliases)
    if taken:
        raise PublishError(f"the alias '{sorted(taken)[0]}' is a published version; choose another alias")


def check_into(root: Path, into: Path) -> Path:
    into = Path(os.path.abspath(into))
    if into == root or root.is_relative_to(into):
        raise PublishError(f"--into {into} holds the curriculum itself; publish into another folder")
    if any(into.is_relative_to(root / folder) for folder in SOURCE_DIRS) or (into / "programme.yml").exists():
        raise PublishError(f"--into {into} is a curriculum's source folder; publish into another folder")
    if into.exists() and not into.is_dir():
        raise PublishError(f"--into {into} is a file, not a folder")
    if into.is_dir() and not (into / VERSIONS_FILE).is_file():
        stray = sorted(p.name for p in into.iterdir() if p.name not in (".git", ".nojekyll", "CNAME"))
        if stray:
            raise PublishError(f"--into {into} holds files ({', '.join(stray[:3])}) but no {VERSIONS_FILE}: "
                               "publish into an empty folder, or one published before")
    return into


def place(source: Path, target: Path) -> bool:
    """Copy the folder source to target, replacing target with renames only
    once the copy is complete; return whether target existed."""
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    # The manual's parts are the next build's cache, not something to publish.
    shutil.copytree(source, staging, dirs_exist_ok=True, ignore=shutil.ignore_patterns(Path(PARTS_DIR).name))
    existed = target.exists()
    if existed:
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rmdir(old)
        os.rename(target, old)
        os.rename(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(staging, target)
    return existed


def write_text(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def publish(root: Path | str, into: Path | str, *, aliases: tuple[str, ...] = ("latest",), tag: str | None = None,
            generator: str = "mkdocs", progress: Callable[[str], None] | None = None) -> Published:
    root = find_root(Path(root)).resolve()
    programme = load_programme(root)[0]
    if programme is None:
        raise PublishError("programme.yml cannot be read; `curriculum validate` says why")
    version = check_names(programme.version, programme.released, tag, tuple(aliases))
    into = check_into(root, Path(into))
    versions = read_versions(into)
    check_aliases(versions, tuple(aliases))
    with tempfile.TemporaryDirectory(prefix="curriculum-publish-") as scratch:
        result = build(root, Path(scratch) / "out", progress=progress, force=True, generator=generator, versioned=True)
        if not result.report.ok:
            raise BuildError(f"{result.report.errors} validation error(s): `curriculum validate` lists them")
        into.mkdir(parents=True, exist_ok=True)
        site = result.out / "site"
        replaced = place(site, into / version)
        for alias in aliases:
            place(site, into / alias)
    versions = updated_versions(versions, version, tuple(aliases))
    write_text(into / VERSIONS_FILE, json.dumps(versions, indent=2) + "\n")
    write_text(into / "index.html", redirect_page(f"{aliases[0] if aliases else versions[0]['version']}/"))
    (into / ".nojekyll").touch()  # GitHub Pages: publish every file as it is
    return Published(version, into / version, tuple(aliases), replaced)
