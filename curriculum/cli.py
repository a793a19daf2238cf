"""Thin commands: parse arguments, call one function, print, exit.

Exit codes: 0 clean, 1 findings with errors, 2 usage or not a curriculum.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__


class UsageProblem(click.ClickException):
    """Printed as `Error: ...` with exit status 2, never a traceback."""

    exit_code = 2


def curriculum_root(path: str | None) -> Path:
    from .source.load import NotACurriculum, find_root

    try:
        return find_root(Path(path or "."))
    except NotACurriculum as error:
        raise UsageProblem(f"{error}. Run it in the folder holding programme.yml, or give that folder.") from None


root_argument = click.argument("root", required=False, type=click.Path(file_okay=False))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="curriculum")
def main() -> None:
    """Validate and publish a curriculum: plans, handouts and facilitator notes."""


@main.command()
@root_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True)
@click.option("--edition", "edition", metavar="ID", help="Also check this local edition (editions/ID/edition.yml).")
@click.option("--all-editions", is_flag=True, help="Also check every local edition.")
def validate(root: str | None, fmt: str, edition: str | None, all_editions: bool) -> None:
    """Run every check and print every finding."""
    from .check.editions import validate_editions
    from .report.findings import FORMATS

    folder = curriculum_root(root)
    report = validate_editions(folder, chosen_editions(folder, edition, all_editions))
    text = FORMATS[fmt](list(report.findings), report.summary())
    if fmt == "text" and sys.stdout.isatty():
        text = _colour(text)
    click.echo(text, nl=False)
    sys.exit(1 if report.errors else 0)


def chosen_editions(folder: Path, edition: str | None, all_editions: bool) -> list[str]:
    """The local editions `--edition ID` or `--all-editions` asks for; a usage problem for an unknown ID."""
    from .source.editions import edition_ids

    known = edition_ids(folder)
    if edition and all_editions:
        raise UsageProblem("give --edition ID or --all-editions, not both")
    if all_editions:
        return known
    if edition is None:
        return []
    if edition not in known:
        listed = ", ".join(known) if known else "none (an edition is a folder editions/<id>/ holding edition.yml)"
        raise UsageProblem(f"no local edition '{edition}'; the editions are: {listed}")
    return [edition]


def entry() -> None:
    """The installed command (and `python -m curriculum`)."""
    main()


def _colour(text: str) -> str:
    styles = {"[error]": "red", "[warning]": "yellow", "[info]": "cyan"}
    out = []
    for line in text.splitlines():
        for tag, colour in styles.items():
            if tag in line:
                line = line.replace(tag, click.style(tag, fg=colour, bold=True))
        out.append(line)
    return "\n".join(out) + "\n"


@main.command()
@root_argument
@click.option("--out", type=click.Path(), help="Output folder (default ROOT/build).")
@click.option("--no-pdf", is_flag=True, help="Build the site only.")
@click.option("--force", is_flag=True, help="Rebuild even when nothing changed.")
@click.option("--generator", type=click.Choice(["mkdocs", "zensical"]), default="mkdocs", show_default=True,
              help="The site generator that draws the theme around the pages.")
@click.option("--edition", "edition", metavar="ID", help="Build this local edition into OUT/editions/ID/ instead.")
@click.option("--all-editions", is_flag=True, help="Build the core, then every local edition.")
def build(root: str | None, out: str | None, no_pdf: bool, force: bool, generator: str, edition: str | None,
          all_editions: bool) -> None:
    """Validate, then build the site and every PDF into ROOT/build."""
    root_path = curriculum_root(root)
    editions = chosen_editions(root_path, edition, all_editions)
    targets = ([None] if edition is None else []) + editions
    for target in targets:
        build_one(root_path, out, no_pdf, force, generator, target)


def build_one(root_path: Path, out: str | None, no_pdf: bool, force: bool, generator: str,
              edition: str | None) -> None:
    """One build (the core, or one local edition), reported; exits 1 when it fails."""
    from .build import BuildError, UnsafeOutput
    from .build import build as run
    from .report.findings import as_text

    progress = progress_line()
    try:
        chosen = {"edition": edition} if edition else {}
        result = run(root_path, out, progress=progress, pdfs=not no_pdf, force=force, generator=generator, **chosen)
    except UnsafeOutput as error:
        raise UsageProblem(str(error)) from None
    except BuildError as error:
        if progress:
            progress.end()
        click.echo(f"Build failed: {error}\nThe previous build was left as it was.", err=True)
        sys.exit(1)
    finally:
        if progress:
            progress.end()
    if result.up_to_date:
        click.echo(f"{result.out / 'site'} is up to date: nothing changed since the last build.")
        return
    report = result.report
    if not result.built:
        errors = [f for f in report.findings if f.severity.value == "error"]
        click.echo(as_text(errors, report.summary()), nl=False, err=True)
        click.echo("Nothing was written: fix the errors above and build again.", err=True)
        sys.exit(1)
    check = f"curriculum validate --edition {edition}" if edition else "curriculum validate"
    click.echo(f"Built {result.out / 'site'} ({len(result.documents)} PDFs); "
               f"{report.warnings} warnings (see `{check}`).")


class StatusLine:
    """Build progress on a terminal: one line on stderr, rewritten in place.
    Notes and warnings stay on screen; `end` finishes the line, so what is
    printed next starts on a line of its own."""

    def __init__(self) -> None:
        self.open = False

    def __call__(self, message: str) -> None:
        lasting = message.startswith(("PDF note:", "PDF warning:"))
        click.echo(f"\r\033[K{message}", nl=lasting, err=True)
        self.open = not lasting

    def end(self) -> None:
        if self.open:
            click.echo("", err=True)  # the last status stays, on a line of its own
            self.open = False


def progress_line() -> StatusLine | None:
    return StatusLine() if sys.stderr.isatty() else None


@main.command()
@root_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def editions(root: str | None, fmt: str) -> None:
    """List the local editions (editions/<id>/edition.yml); JSON for a CI matrix."""
    import json

    from .source.editions import edition_ids

    folder = curriculum_root(root)
    found = []
    for ident in edition_ids(folder):
        found.append({"id": ident, "path": f"editions/{ident}/edition.yml", "out": f"build/editions/{ident}"})
    if fmt == "json":
        click.echo(json.dumps({"editions": found, "ids": [e["id"] for e in found]}))
    else:
        click.echo("".join(f"{e['id']}\t{e['path']}\n" for e in found) or "No local editions (editions/<id>/edition.yml).\n",
                   nl=False)


@main.command()
@root_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "markdown"]), default="text", show_default=True)
def coverage(root: str | None, fmt: str) -> None:
    """Print the theme, thread and key-message matrix."""
    from .check import coverage as matrix
    from .report.coverage import FORMATS
    from .source.load import load

    cur, _ = load(curriculum_root(root))
    if cur.programme is None:
        raise UsageProblem("programme.yml has errors; run `curriculum validate` first")
    click.echo(FORMATS[fmt](matrix.build(cur)), nl=False)


@main.command()
@root_argument
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@click.option("--generator", type=click.Choice(["mkdocs", "zensical"]), default="mkdocs", show_default=True,
              help="The site generator that serves the preview.")
def serve(root: str | None, dev_addr: str, generator: str) -> None:
    """Live preview of the facilitator website."""
    from .errors import BuildError
    from .site.serve import serve as run

    try:
        run(curriculum_root(root), dev_addr, generator)
    except BuildError as error:
        raise click.ClickException(str(error)) from None


@main.command()
@click.argument("kind", type=click.Choice(["session", "handout"]))
@click.argument("ident")
@root_argument
def new(kind: str, ident: str, root: str | None) -> None:
    """Write a valid stub plan or handout from a template."""
    from .scaffold import ScaffoldError, new_file

    try:
        path, advice = new_file(curriculum_root(root), kind, ident)
    except ScaffoldError as error:
        raise UsageProblem(str(error)) from None
    click.echo(f"Wrote {path}")
    if advice:
        click.echo(advice)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--title", default="My programme", show_default=True)
def init(directory: str, title: str) -> None:
    """Create a new curriculum folder that validates and builds (not a git repository: run `git init` in it)."""
    from .scaffold import ScaffoldError, init_repository

    try:
        written = init_repository(Path(directory), title)
    except ScaffoldError as error:
        raise UsageProblem(str(error)) from None
    click.echo(f"Created {len(written)} files in {directory}: a curriculum that validates and builds. "
               f"It is not a git repository yet: run `git init` there to track it.\n"
               f"Next: cd {directory} && curriculum build")


@main.command()
@click.argument("which", type=click.Choice(["programme", "plan", "handout", "note", "texts", "all"]), default="all")
def schema(which: str) -> None:
    """Print JSON Schema for programme.yml, front matter and texts.yml."""
    import json

    from .report.schema import schemas

    found = schemas()
    click.echo(json.dumps(found if which == "all" else found[which], indent=2))


@main.command()
@click.argument("old")
@click.argument("new", required=False)
@click.option("--root", "root", type=click.Path(file_okay=False), help="The curriculum folder (default: here).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
def changes(old: str, new: str | None, root: str | None, fmt: str) -> None:
    """What changed for facilitators between two versions (git revisions;
    NEW defaults to the files as they are now)."""
    import tempfile

    from .report.changes import FORMATS, compare
    from .source.git import NotARevision, checkout
    from .source.load import load

    folder = curriculum_root(root)
    with tempfile.TemporaryDirectory(prefix="curriculum-changes-") as scratch:
        try:
            before = checkout(folder, old, Path(scratch) / "old")
            after = checkout(folder, new, Path(scratch) / "new") if new else folder
        except NotARevision as error:
            raise UsageProblem(str(error)) from None
        found = compare(load(before)[0], load(after)[0], old, new or "the work tree")
    click.echo(FORMATS[fmt](found), nl=False)


@main.command()
@root_argument
@click.option("--into", required=True, type=click.Path(file_okay=False),
              help="The folder of published versions (a checkout of the gh-pages branch, say).")
@click.option("--alias", "aliases", multiple=True, default=("latest",), show_default=True,
              help="Another name for this version, moved to it from any older one (repeat for more).")
@click.option("--tag", help="The git tag being released; refused unless it is v<version>.")
@click.option("--generator", type=click.Choice(["mkdocs", "zensical"]), default="mkdocs", show_default=True)
def publish(root: str | None, into: str, aliases: tuple[str, ...], tag: str | None, generator: str) -> None:
    """Build the released version and add it to a folder of published versions
    (INTO/<version>/, INTO/latest/ and versions.json for the version selector),
    keeping every earlier version."""
    from .errors import BuildError
    from .publish import PublishError
    from .publish import publish as run

    folder = curriculum_root(root)
    progress = progress_line()
    try:
        done = run(folder, Path(into), aliases=aliases, tag=tag, generator=generator, progress=progress)
    except PublishError as error:
        raise UsageProblem(str(error)) from None
    except BuildError as error:
        click.echo(f"Publish failed: {error}\nNothing was published; the published versions are as they were.",
                   err=True)
        sys.exit(1)
    finally:
        if progress:
            progress.end()
    again = " (replacing the copy published before)" if done.replaced else ""
    names = f", also as {', '.join(done.aliases)}" if done.aliases else ""
    click.echo(f"Published version {done.version} in {done.folder}{again}{names}.")


@main.command(name="rules")
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True)
def list_rules(code: str | None, fmt: str) -> None:
    """List every finding code, or explain one in full (`curriculum rules CUR401`)."""
    from .report.rules import find_rule, rule_text, rules_markdown, rules_text

    if code:
        rule = find_rule(code)
        if rule is None:
            from .check.rules._util import did_you_mean
            from .findings import REGISTRY

            known = [*REGISTRY, *(r.name for r in REGISTRY.values())]
            raise UsageProblem(f"no finding code or name '{code}'; {did_you_mean(code.upper() if code[:3].lower() == 'cur' else code, known)} "
                               "(`curriculum rules` lists them all)")
        click.echo(rule_text(rule), nl=False)
        return
    click.echo(rules_markdown() if fmt == "markdown" else rules_text(), nl=False)


def _date_option(ctx, param, value):
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date: write it as YYYY-MM-DD, e.g. 2026-03-14") from None


def _time_option(ctx, param, value):
    import datetime as dt

    try:
        hours, minutes = value.strip().split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a time: write it as HH:MM on the 24-hour clock, e.g. 10:00") from None


@main.command()
@root_argument
@click.option("--due", required=True, callback=_date_option, metavar="YYYY-MM-DD", help="The family's due date.")
@click.option("--birth", callback=_date_option, metavar="YYYY-MM-DD", help="The baby's birth date, once known.")
@click.option("--time", "send_time", default="10:00", show_default=True, callback=_time_option, metavar="HH:MM",
              help="The time of day to send each text.")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json", "ics"]), default="text", show_default=True)
@click.option("--lang", metavar="TAG", help="Send in this language of translations/ (e.g. pl, ar); a text not "
                                             "translated is sent in English, and the output says so.")
def texts(root: str | None, due, birth, send_time, fmt: str, lang: str | None) -> None:
    """One family's weekly texts (texts.yml), each with the date to send it."""
    from .check.validate import validate as run
    from .report.findings import FORMATS as FINDINGS
    from .report.texts import FORMATS, birth_problem
    from .source.load import PROGRAMME_FILE, TEXTS_FILE
    from .texts.schedule import schedule

    problem = birth_problem(due, birth)
    if problem:
        raise click.BadParameter(problem, param_hint="'--birth'")
    report = run(curriculum_root(root))
    if report.curriculum.texts is None:
        raise UsageProblem(f"{report.curriculum.root} has no {TEXTS_FILE}: there are no texts to schedule")
    lang = _texts_language(report.curriculum, lang)
    checked = (PROGRAMME_FILE, TEXTS_FILE, *([f"translations/{lang}/{TEXTS_FILE}"] if lang else []))
    errors = [f for f in report.findings if f.severity.value == "error" and f.path in checked]
    if errors:
        click.echo(FINDINGS["text"](errors, report.summary()), nl=False, err=True)
        sys.exit(1)
    text = FORMATS[fmt](schedule(report.curriculum, due, birth, send_time, lang))
    click.echo(text.encode("utf-8"), nl=False)


def _texts_language(cur, lang: str | None) -> str | None:
    """The language `curriculum texts --lang` asks for (None: as written), or a usage problem."""
    source = cur.programme.language if cur.programme else "en"
    if lang is None or (lang not in cur.translations and lang.split("-")[0] == source.split("-")[0]):
        return None
    if lang not in cur.translations:
        known = ", ".join([source, *cur.translations])
        raise UsageProblem(f"no language '{lang}' in translations/: the texts can be sent in {known}")
    return lang


if __name__ == "__main__":  # pragma: no cover
    main()


@main.command(name="translations")
@click.argument("args", nargs=-1)
@click.option("--root", "root_option", type=click.Path(file_okay=False),
              help="The curriculum folder, for `diff` (default: here).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def translations_command(args: tuple[str, ...], root_option: str | None, fmt: str) -> None:
    """Per language and file: current, stale or missing.

    \b
    curriculum translations [ROOT] [--format text|json]
    curriculum translations diff LANG PATH [--root ROOT]

    `diff` shows what changed in the source PATH (e.g. handouts/safer-sleep.md)
    since LANG's translation of it was made, from git history. Exit codes:
    0 shown, 2 usage (no such language or translation, no translated_from),
    3 no git history holding that version.
    """
    from .report.translations import FORMATS, CannotDiff, diff, status
    from .source.translations import load_all

    if args and args[0] == "diff":
        if len(args) != 3:
            raise UsageProblem("usage: curriculum translations diff LANG PATH [--root ROOT]")
        cur, _ = load_all(curriculum_root(root_option))
        try:
            click.echo(diff(cur, args[1], args[2]), nl=False)
        except CannotDiff as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(error.exit_code)
        return
    if len(args) > 1:
        raise UsageProblem("usage: curriculum translations [ROOT] [--format text|json]")
    cur, _ = load_all(curriculum_root(args[0] if args else root_option))
    click.echo(FORMATS[fmt](status(cur)), nl=False)
