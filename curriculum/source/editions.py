"""Reading local editions: `editions/<id>/edition.yml` and its activity files.

Like load.py, nothing here raises for bad content: what cannot be read or
typed becomes a finding at its file and line.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from types import MappingProxyType

from ..findings import Finding, Span, declare
from ..model import SLUG_PATTERN, Activity, Document, Edition, EditionActivity, EditionMeta
from . import problems as P
from . import yamlsafe
from .load import decode, load_file, read_bytes, typed, yaml_findings

EDITIONS_DIR = "editions"
EDITION_FILE = "edition.yml"
_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*\.md$")

activity_file = declare("CUR250", "edition-activity-file", doc="""
An adaptation's `file:` names an activity file in the edition's own folder.

Why: `replace` and `add` bring the edition's activity from that file; a
missing file, or a path out of the folder, leaves nothing to deliver.

Bad: `file: ../../sessions/antenatal-4.md`, or `file: local-walk.md` when
`editions/riverside/local-walk.md` does not exist.
Good: `file: local-walk.md`, with `editions/riverside/local-walk.md` holding
one activity's front matter and its `## Title {#id}` section.
""")


def edition_ids(root: Path) -> list[str]:
    """The editions of a curriculum: folders of `editions/` holding an edition.yml, by name."""
    base = Path(root) / EDITIONS_DIR
    if not base.is_dir():
        return []
    return sorted(entry.name for entry in base.iterdir()
                  if not entry.name.startswith(".") and (entry / EDITION_FILE).is_file())


def edition_inputs(root: Path, ident: str) -> list[str]:
    """Every file of an edition's folder, by relative path (what its build reads)."""
    base = Path(root) / EDITIONS_DIR / ident
    return sorted(p.relative_to(root).as_posix() for p in base.rglob("*") if p.is_file()) if base.is_dir() else []


def _read_meta(root: Path, rel: str) -> tuple[EditionMeta | None, Document, list[Finding]]:
    empty = Document(path=rel, body="", body_line=1)
    data, found = read_bytes(root, rel)
    if data is None:
        return None, empty, found
    text, problems = decode(data, rel)
    if text is None:
        return None, empty, problems
    yaml_doc = yamlsafe.load(text, 1)
    doc = Document(path=rel, body="", body_line=1, spans=MappingProxyType(dict(yaml_doc.spans)),
                   digest=hashlib.sha256(data).hexdigest())
    found = yaml_findings(yaml_doc, rel)
    if found:
        return None, doc, found
    if not isinstance(yaml_doc.data, dict) or not yaml_doc.data:
        return None, doc, [P.not_a_mapping.at(Span(rel, 1, 1), f"{EDITION_FILE} is empty or not a mapping of keys",
                                              "start from the example in the docs: title, area, local, services, adaptations")]
    meta, found = typed(EditionMeta, yaml_doc.data, yaml_doc.coerced, doc)
    return meta, doc, found


def load_edition(root: Path, ident: str) -> tuple[Edition | None, list[Finding]]:
    """One edition, typed, with its activity files; and every problem met reading them."""
    root = Path(root)
    folder = f"{EDITIONS_DIR}/{ident}"
    meta, doc, found = _read_meta(root, f"{folder}/{EDITION_FILE}")
    if not re.fullmatch(SLUG_PATTERN, ident):  # it names the edition's output folder and web address
        found.append(P.bad_id.at(Span(f"{folder}/{EDITION_FILE}", 1, 1), f"the edition's folder name '{ident}' is not a lowercase slug",
                                 "rename the folder: lowercase letters, digits and single hyphens, e.g. editions/east-moor"))
    if meta is None:
        return None, found
    activities: dict[str, EditionActivity] = {}
    for index, adaptation in enumerate(meta.adaptations):
        name = adaptation.file
        if name is None or name in activities:
            continue
        where = doc.span("adaptations", index, "file")
        if not _FILE_NAME.match(name):
            found.append(activity_file.at(where, f"file '{name}' is not the name of a .md file in {folder}/",
                                          f"put the activity in {folder}/ and write only its name, e.g. file: local-walk.md"))
            continue
        if not (root / folder / name).is_file():
            found.append(activity_file.at(where, f"there is no {folder}/{name}",
                                          f"create {folder}/{name}: one activity's front matter and its `## Title {{#id}}` section"))
            continue
        loaded = load_file(root, f"{folder}/{name}", Activity)
        found.extend(loaded.findings)
        if loaded.meta is not None:
            activities[name] = EditionActivity(loaded.meta, loaded.doc)
    return Edition(ident, meta, doc, MappingProxyType(activities)), found
