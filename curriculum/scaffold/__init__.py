"""`curriculum new` and `curriculum init`: valid starting files.

Stubs are built from the programme's own roles, themes and threads, so a new
plan validates in any programme. Files are written only where nothing exists.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from ..model import SLUG_PATTERN, Programme
from ..source.load import load


class ScaffoldError(Exception):
    pass


def _check_id(ident: str) -> None:
    if not re.match(SLUG_PATTERN, ident):
        raise ScaffoldError(f"'{ident}' is not a valid id: use lowercase letters, digits and single hyphens")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def session_stub(programme: Programme, ident: str) -> tuple[str, str]:
    """(Markdown text, advice) for a new plan with one activity per role."""
    ref = next((c for c in programme.contacts if c.id == ident), None)
    kind = ref.kind if ref else "group"
    phase = ref.phase if ref else programme.phases[0].id
    timing = ref.timing if ref else ""
    bounds = programme.rules.group_minutes if kind == "group" else programme.rules.home_visit_minutes
    duration = bounds.min if bounds else 60
    roles = programme.roles
    share, extra = divmod(duration, len(roles))
    theme_ids = [t.id for t in programme.themes[:1]]
    thread_ids = [t.id for t in programme.threads]
    lines = ["---", f"id: {ident}", f"title: {_quote(ident.replace('-', ' ').capitalize())}", f"kind: {kind}",
             f"phase: {phase}"]
    if timing:
        lines.append(f"timing: {_quote(timing)}")
    lines += [f"duration: {duration}", "aims:", "  - Write what this contact sets out to do.",
              "outcomes:", "  - Write what parents will be able to do or say afterwards.",
              "materials: []", "handouts: []", "activities:"]
    body = []
    for index, role in enumerate(roles):
        minutes = share + (extra if index == 0 else 0)
        activity = f"part-{index + 1}"
        lines += [f"  - id: {activity}", f"    title: {_quote(f'Part {index + 1}')}", f"    minutes: {minutes}",
                  f"    lead: {role.id}", f"    core: {'true' if index == 0 else 'false'}",
                  f"    themes: [{', '.join(theme_ids)}]", f"    threads: [{', '.join(thread_ids)}]",
                  "    messages: []"]
        body += [f"## Part {index + 1} {{#{activity}}}", "",
                 f"**Purpose.** Led by the {role.title.lower()}. Say what this activity is for.", "",
                 "### How to run it", "", "1. First step.", ""]
    text = "\n".join(lines + ["---", ""] + body)
    advice = ""
    if ref is None:
        advice = (f"Add the contact to programme.yml under `contacts:`:\n"
                  f"  - {{id: {ident}, kind: {kind}, phase: {phase}, timing: \"...\"}}")
    return text, advice


def handout_stub(programme: Programme, ident: str) -> str:
    theme = programme.themes[0].id if programme.themes else ""
    return "\n".join([
        "---", f"id: {ident}", f"title: {_quote(ident.replace('-', ' ').capitalize())}", "audience: parents",
        f"themes: [{theme}]", "summary: One short sentence saying what this handout is for.", "sources: []", "---", "",
        "Write one idea per paragraph, in short sentences and everyday words.", "",
        "## A short heading", "", "- A short point", "- Another short point", ""])


def new_file(root: Path, kind: str, ident: str) -> tuple[Path, str]:
    _check_id(ident)
    cur, _ = load(root)
    if cur.programme is None:
        raise ScaffoldError("programme.yml has errors; fix them first (curriculum validate)")
    folder = "sessions" if kind == "session" else "handouts"
    path = root / folder / f"{ident}.md"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; nothing was written")
    if kind == "session":
        text, advice = session_stub(cur.programme, ident)
        if advice and add_contact(root, cur.programme, ident):
            advice = f"Added contact '{ident}' to the end of `contacts:` in programme.yml; move it to its place in the sequence."
    else:
        text, advice = handout_stub(cur.programme, ident), ""
        if not any(ident in p.meta.handouts for p in cur.plans.values()):
            advice = f"Add `{ident}` to the `handouts:` list of the plans that give it out."
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path, advice


def add_contact(root: Path, programme: Programme, ident: str) -> bool:
    """Append a contact to a block-style `contacts:` list in programme.yml,
    keeping every other byte of the file. False when the list is not block style."""
    import yaml

    path = root / "programme.yml"
    text = path.read_text(encoding="utf-8")
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    contacts = next((v for k, v in node.value if k.value == "contacts"), None)
    if not isinstance(contacts, yaml.SequenceNode) or contacts.flow_style or not contacts.value:
        return False
    lines = text.split("\n")
    last = contacts.value[-1]
    end_line = last.end_mark.line + (1 if last.end_mark.column > 0 else 0)
    indent = " " * (contacts.value[0].start_mark.column - 2)
    phase = programme.phases[0].id
    lines.insert(end_line, f"{indent}- {{id: {ident}, kind: group, phase: {phase}, timing: \"\"}}")
    path.write_text("\n".join(lines), encoding="utf-8")
    return True


INIT_FILES = (
    "programme.yml", "mkdocs.yml", ".gitignore", "sessions/session-1.md", "handouts/welcome.md",
    "facilitator_notes/session-1.md", "facilitator_notes/about.md",
)


def init_repository(directory: Path, title: str) -> list[Path]:
    if directory.exists() and any(directory.iterdir()):
        raise ScaffoldError(f"{directory} is not empty; give a new or empty folder")
    template = resources.files("curriculum.scaffold") / "templates"
    written = []
    for rel in INIT_FILES:
        text = (template / rel.replace("/", "__").lstrip(".")).read_text(encoding="utf-8")
        text = text.replace("__TITLE__", title.replace('"', "'"))
        path = directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
