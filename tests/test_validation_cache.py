"""The validation cache: a warm run says exactly what a cold run says, only
changed files are parsed and checked again, and the cache is trusted only
where repository content cannot reach it."""

from __future__ import annotations

import importlib
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from types import MappingProxyType

import pytest

import test_rules_audience
import test_rules_coverage
import test_rules_fidelity
import test_rules_governance
import test_rules_links
import test_rules_parsing
import test_rules_plain_english
import test_rules_references
import test_rules_security
import test_rules_timing
from curriculum import markdown_scan, validation_cache
from curriculum.findings import REGISTRY
from curriculum.load import load
from curriculum.model import Document, Heading
from curriculum.rules.links import documents
from curriculum.validate import Options, only, unreadable, validate

# the package exports functions named `load` and `validate` that hide these modules
load_module = importlib.import_module("curriculum.load")
validate_module = importlib.import_module("curriculum.validate")
REPO = Path(__file__).resolve().parent.parent
MODULES = (test_rules_audience, test_rules_coverage, test_rules_fidelity, test_rules_governance, test_rules_links,
           test_rules_parsing, test_rules_plain_english, test_rules_references, test_rules_security, test_rules_timing)
# every broken curriculum of the rule tests: each rule's defect, and near misses
BAD = [case for module in MODULES for case in module.CASES]
PER_FILE = [REGISTRY[code] for code in sorted(REGISTRY) if REGISTRY[code].per_file]


def as_list(report):
    return [f.as_dict() for f in report.findings]


@pytest.mark.parametrize("code, bad, expected, good", BAD)
def test_a_warm_run_reports_what_a_cold_run_reports(make, code, bad, expected, good):
    root = make(**bad)
    fresh = as_list(validate(root, cache=False))
    assert as_list(validate(root)) == fresh  # cold cache: parses and keeps
    assert as_list(validate(root)) == fresh  # warm: everything from the cache
    assert list(validation_cache.cache_folder(root).glob("*.pickle"))


@pytest.mark.parametrize("code, bad, expected, good", BAD)
def test_per_file_rules_say_of_each_file_only_what_they_say_of_it_alone(make, code, bad, expected, good):
    """The promise that lets their findings be kept per file (findings.py)."""
    with markdown_scan.cached():
        cur, _ = load(make(**bad))
        options = Options(unreadable=unreadable(cur))
        paths = {doc.path for doc in documents(cur)}
        for rule in PER_FILE:
            whole = sorted(rule(cur, options))
            alone = sorted(f for path in paths for f in rule(only(cur, {path}), options))
            assert whole == alone, rule.code
            assert {f.path for f in whole} <= paths, rule.code


def test_the_bundled_curriculum_keeps_its_promise_and_its_findings(tmp_path):
    root = tmp_path / "repo"
    for name in ("programme.yml", "sessions", "handouts", "facilitator_notes", "images"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.exists():
            root.mkdir(exist_ok=True)
            shutil.copy2(source, root / name)
    fresh = as_list(validate(root, cache=False))
    assert as_list(validate(root)) == fresh
    assert as_list(validate(root)) == fresh
    with markdown_scan.cached():
        cur, _ = load(root)
        options = Options()
        for rule in PER_FILE:
            whole = sorted(rule(cur, options))
            alone = sorted(f for doc in documents(cur) for f in rule(only(cur, {doc.path}), options))
            assert whole == alone, rule.code


def test_every_rule_that_only_reads_one_file_is_kept_per_file():
    """Cross-file rules run every time; keep that list short and deliberate."""
    cross = sorted(code for code, rule in REGISTRY.items() if rule.check and not rule.per_file)
    assert cross == ["CUR201", "CUR202", "CUR203", "CUR209", "CUR301", "CUR302", "CUR303", "CUR304",
                     "CUR305", "CUR503", "CUR601", "CUR603", "CUR801", "CUR802"]


class Spy:
    """Counts files parsed and per-file rule runs."""

    def __init__(self, monkeypatch):
        self.parsed: list[str] = []
        self.checked: list[set[str]] = []
        parse, subset = load_module.parse_markdown, only

        def parse_markdown(data, rel, digest=None):
            self.parsed.append(rel)
            return parse(data, rel, digest)

        def only_spy(cur, paths):
            self.checked.append(set(paths))
            return subset(cur, paths)

        monkeypatch.setattr(load_module, "parse_markdown", parse_markdown)
        monkeypatch.setattr(validate_module, "only", only_spy)

    def reset(self):
        self.parsed.clear()
        self.checked.clear()


def test_unchanged_files_are_neither_parsed_nor_checked_again(make, monkeypatch):
    root = make()
    spy = Spy(monkeypatch)
    validate(root)
    assert len(spy.parsed) == 5  # two plans, a handout, two notes
    spy.reset()
    validate(root)
    assert spy.parsed == [] and spy.checked == []
    handout = root / "handouts" / "shopping-list.md"
    handout.write_text(handout.read_text() + "\nWe will commence at ten.\n")
    spy.reset()
    report = validate(root)
    assert spy.parsed == ["handouts/shopping-list.md"]
    assert spy.checked == [{"handouts/shopping-list.md"}]
    assert any(f.code == "CUR511" and f.path == "handouts/shopping-list.md" for f in report.findings)


def test_an_edit_undone_is_reported_clean_again(make):
    root = make()
    handout = root / "handouts" / "shopping-list.md"
    clean = handout.read_bytes()
    before = as_list(validate(root))
    handout.write_text(handout.read_text() + "\nWe will commence at ten.\n")
    assert any(f["code"] == "CUR511" for f in as_list(validate(root)))
    handout.write_bytes(clean)
    assert as_list(validate(root)) == before


def test_a_change_to_programme_yml_checks_every_file_again(make, monkeypatch):
    root = make()
    validate(root)
    spy = Spy(monkeypatch)
    programme = root / "programme.yml"
    programme.write_text(programme.read_text().replace("rules:\n", "rules:\n  activity_max_minutes: 5\n", 1))
    report = validate(root)
    assert spy.parsed == []  # the files themselves are unchanged
    assert len(spy.checked) == 1 and len(spy.checked[0]) == 5
    assert any(f.code == "CUR404" for f in report.findings)
    assert as_list(report) == as_list(validate(root, cache=False))


def test_a_comment_in_programme_yml_checks_no_file_again(make, monkeypatch):
    """The per-file rules read programme.yml's settings, not its bytes."""
    root = make()
    validate(root)
    spy = Spy(monkeypatch)
    programme = root / "programme.yml"
    programme.write_text("# reviewed by the programme board\n" + programme.read_text())
    report = validate(root)
    assert spy.parsed == [] and spy.checked == []
    assert as_list(report) == as_list(validate(root, cache=False))


def test_a_new_version_of_the_engine_starts_afresh(make, monkeypatch):
    root = make()
    validate(root)
    spy = Spy(monkeypatch)
    monkeypatch.setattr(validation_cache, "engine_key", lambda: "another engine")
    validate(root)
    assert len(spy.parsed) == 5


def shard_files(root: Path) -> list[Path]:
    """The shard file of every content file and programme.yml of root."""
    rels = {"programme.yml"} | {p.relative_to(root).as_posix() for folder in ("sessions", "handouts", "facilitator_notes")
                                for p in (root / folder).glob("*.md")}
    folder = validation_cache.cache_folder(root)
    return sorted({validation_cache.shard_file(folder, validation_cache.shard_of(rel)) for rel in rels})


def shards_on_disk(folder: Path) -> list[Path]:
    """The shard files in a repository's cache folder (not the record of the last run)."""
    return [path for number in range(validation_cache.SHARDS)
            if (path := validation_cache.shard_file(folder, number)).exists()]


def kept_keys(root: Path) -> tuple[set, set]:
    files, findings = set(), set()
    for path in shards_on_disk(validation_cache.cache_folder(root)):
        kept = pickle.loads(path.read_bytes())
        files |= set(kept["files"])
        findings |= set(kept["findings"])
    return files, findings


def test_deleted_files_drop_out_of_the_cache(make):
    root = make()
    validate(root)
    assert any(rel == "facilitator_notes/welcome.md" for rel, _ in kept_keys(root)[0])
    (root / "facilitator_notes" / "welcome.md").unlink()
    validate(root)
    files, findings = kept_keys(root)
    assert all(rel != "facilitator_notes/welcome.md" for rel, *_ in files | findings)
    assert any(rel == "facilitator_notes/week-1.md" for rel, *_ in files)


def test_an_edit_rewrites_only_its_own_shard(make):
    root = make()
    validate(root)
    folder = validation_cache.cache_folder(root)
    before = {path: path.stat().st_ino for path in shards_on_disk(folder)}
    assert len(before) > 2
    handout = root / "handouts" / "shopping-list.md"
    handout.write_text(handout.read_text() + "\nOne more line.\n")
    validate(root)
    after = {path: path.stat().st_ino for path in shards_on_disk(folder)}
    rewritten = {path for path in after if after[path] != before.get(path)}
    assert rewritten == {validation_cache.shard_file(folder, validation_cache.shard_of("handouts/shopping-list.md"))}


def test_a_damaged_cache_is_ignored_and_replaced(make):
    root = make()
    fresh = as_list(validate(root, cache=False))
    paths = shard_files(root)
    paths[0].parent.mkdir(parents=True, exist_ok=True)
    for damage in (b"", b"not a pickle", pickle.dumps({"format": 1, "engine": "x"})[:-3],
                   pickle.dumps(["a list"]), pickle.dumps({"format": 1, "engine": validation_cache.engine_key(),
                                                           "files": "nonsense", "findings": {}})):
        for path in paths:
            path.write_bytes(damage)
            os.chmod(path, 0o600)
        assert as_list(validate(root)) == fresh
        for path in paths:
            assert pickle.loads(path.read_bytes())["format"] == validation_cache.FORMAT


class Planted:
    """What a crafted pickle would run: it must never be unpickled."""

    def __reduce__(self):
        return (Path.touch, (Path(os.environ["PLANTED_MARKER"]),))


def plant(path: Path, tmp_path: Path, how: str) -> None:
    """Put a Planted pickle at path the way another user could: writable by
    the group or by anyone, or a symbolic link to one elsewhere."""
    path.unlink(missing_ok=True)
    if how == "symbolic-link":
        elsewhere = tmp_path / f"elsewhere-{path.parent.name}-{path.name}"
        elsewhere.write_bytes(pickle.dumps(Planted()))
        os.chmod(elsewhere, 0o600)
        path.symlink_to(elsewhere)
    else:
        path.write_bytes(pickle.dumps(Planted()))
        os.chmod(path, 0o620 if how == "group-writable" else 0o602)


@pytest.mark.parametrize("make_untrusted", ["group-writable", "world-writable", "symbolic-link"])
def test_a_cache_file_others_could_write_is_never_unpickled(make, tmp_path, monkeypatch, make_untrusted):
    root = make()
    marker = tmp_path / "planted-code-ran"
    monkeypatch.setenv("PLANTED_MARKER", str(marker))
    paths = shard_files(root)
    paths[0].parent.mkdir(parents=True, exist_ok=True)
    for path in paths:
        plant(path, tmp_path, make_untrusted)
    validate(root)
    assert not marker.exists()


def test_the_cache_lives_outside_the_repository(make):
    root = make()
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    validate(root)
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
    assert not validation_cache.cache_folder(root).is_relative_to(root)


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("CURRICULUM_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert validation_cache.cache_dir() == tmp_path / "xdg" / "curriculum"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert validation_cache.cache_dir() == tmp_path / "home" / ".cache" / "curriculum"


def test_a_cache_folder_that_cannot_be_written_only_costs_time(make, monkeypatch, tmp_path):
    root = make()
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("CURRICULUM_CACHE_DIR", str(blocked / "cache"))
    fresh = as_list(validate(root, cache=False))
    assert as_list(validate(root)) == fresh
    assert as_list(validate(root)) == fresh


def test_a_new_cache_folder_is_private(make, monkeypatch, tmp_path):
    monkeypatch.setenv("CURRICULUM_CACHE_DIR", str(tmp_path / "new-cache"))
    validate(make())
    assert (tmp_path / "new-cache").stat().st_mode & 0o077 == 0
    made = list((tmp_path / "new-cache").rglob("*"))
    assert made and all(p.stat().st_mode & 0o077 == 0 for p in made)


def test_no_cache_on_the_command_line_keeps_nothing(make, tmp_path):
    root = make()
    env = {**os.environ, "CURRICULUM_CACHE_DIR": str(tmp_path / "cli-cache")}
    done = subprocess.run([sys.executable, "-m", "curriculum", "validate", "--no-cache", str(root)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "cli-cache").exists()
    again = subprocess.run([sys.executable, "-m", "curriculum", "validate", str(root)],
                           env=env, capture_output=True, text=True, timeout=120)
    assert again.stdout == done.stdout
    assert list((tmp_path / "cli-cache").glob("validate-*/*.pickle"))


def test_documents_survive_the_round_trip():
    doc = Document("handouts/a.md", "# Hello\n", 3, spans=MappingProxyType({("id",): (2, 5)}),
                   headings=(Heading(1, "Hello", "hello", 3),), digest="abc")
    back = pickle.loads(pickle.dumps(doc))
    assert back == doc and isinstance(back.spans, MappingProxyType)
    assert back.span("id").line == 2


# --- the record of the last run -----------------------------------------------------

def answer(root: Path, **options) -> tuple[list, dict]:
    found, summary = validate_module.findings_and_summary(root, Options(**options) if options else None)
    return [f.as_dict() for f in found], summary


def fresh_answer(root: Path, **options) -> tuple[list, dict]:
    report = validate(root, Options(**options) if options else None, cache=False)
    return [f.as_dict() for f in report.findings], report.summary()


def loads_counted(monkeypatch) -> list:
    """Count the loads `findings_and_summary` starts (none when the record answers)."""
    calls = []
    real = validate_module.load

    def counted(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(validate_module, "load", counted)
    return calls


@pytest.mark.parametrize("code, bad, expected, good", BAD)
def test_an_unchanged_run_answers_from_the_record_what_a_fresh_run_finds(make, monkeypatch, code, bad, expected,
                                                                          good):
    root = make(**bad)
    loads = loads_counted(monkeypatch)
    fresh = fresh_answer(root)
    assert answer(root) == fresh and len(loads) == 2  # fresh_answer's and the first run's
    assert answer(root) == fresh and len(loads) == 2  # the record answered: nothing loaded


def test_the_inputs_of_a_load_are_what_inputs_reads(make):
    """The record's key is made from what `load` read and checked against
    what `inputs` reads: the two must agree, unreadable files included."""
    root = make()
    (root / "handouts" / "linked-out.md").symlink_to("/etc/hostname")
    (root / "handouts" / "a-folder.md").mkdir()
    (root / "images").mkdir()
    (root / "images" / "photo.png").write_bytes(b"png")
    store = validation_cache.Store(None, "engine")
    load(root, store)
    assert store.inputs == load_module.inputs(root).states
    assert any(state.startswith("!") for rel, state in store.inputs if rel == "handouts/linked-out.md")


def _add_file(root):
    (root / "handouts" / "extra.md").write_text("---\nid: extra\ntitle: Extra\n---\nHello.\n")


def _delete_file(root):
    (root / "facilitator_notes" / "welcome.md").unlink()


def _edit_file(root):
    path = root / "sessions" / "week-1.md"
    path.write_text(path.read_text() + "\nA new closing line.\n")


def _add_image(root):
    (root / "images").mkdir(exist_ok=True)
    (root / "images" / "basket.png").write_bytes(b"png")


def _edit_programme(root):
    path = root / "programme.yml"
    path.write_text(path.read_text().replace("handout_max_grade: 7", "handout_max_grade: 2"))


def _make_unreadable(root):
    path = root / "handouts" / "shopping-list.md"
    path.unlink()
    path.symlink_to("/etc/hostname")


@pytest.mark.parametrize("change", [_add_file, _delete_file, _edit_file, _add_image, _edit_programme,
                                    _make_unreadable])
def test_any_change_of_input_is_answered_afresh(make, change):
    root = make()
    answer(root)
    change(root)
    assert answer(root) == fresh_answer(root)
    assert answer(root) == fresh_answer(root)  # and the new record answers for the new inputs


def test_another_day_or_engine_is_answered_afresh(make, monkeypatch):
    import datetime as dt

    root = make(handout=test_rules_governance.reviewed("2024-03-15"))  # due for review after 2025-03-15
    later = dt.date(2099, 1, 1)
    answer(root, today=dt.date(2025, 3, 1))
    assert answer(root, today=later) == fresh_answer(root, today=later) != fresh_answer(root, today=dt.date(2025, 3, 1))
    loads = loads_counted(monkeypatch)
    monkeypatch.setattr(validation_cache, "engine_key", lambda: "another engine")
    monkeypatch.setattr(validate_module, "engine_key", lambda: "another engine")
    assert answer(root) == fresh_answer(root) and len(loads) == 2


@pytest.mark.parametrize("make_untrusted", ["group-writable", "symbolic-link"])
def test_a_record_others_could_write_is_never_unpickled(make, tmp_path, monkeypatch, make_untrusted):
    root = make()
    answer(root)
    marker = tmp_path / "planted-code-ran"
    monkeypatch.setenv("PLANTED_MARKER", str(marker))
    plant(validation_cache.cache_folder(root) / validation_cache.RECORD_FILE, tmp_path, make_untrusted)
    assert answer(root) == fresh_answer(root)
    assert not marker.exists()


def test_a_damaged_record_is_ignored(make):
    root = make()
    answer(root)
    record = validation_cache.cache_folder(root) / validation_cache.RECORD_FILE
    for damage in (b"", b"not a pickle", pickle.dumps({"format": validation_cache.FORMAT, "key": "x"}),
                   pickle.dumps({"format": validation_cache.FORMAT, "key": "x", "findings": "no", "summary": 1})):
        record.write_bytes(damage)
        os.chmod(record, 0o600)
        assert answer(root) == fresh_answer(root)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_command_prints_the_same_from_the_record(make, tmp_path, fmt):
    root = make(**BAD[0].values[1])  # a facilitator block in a parents handout: an error, exit status 1
    env = {**os.environ, "CURRICULUM_CACHE_DIR": str(tmp_path / "cli-cache")}
    runs = [subprocess.run([sys.executable, "-m", "curriculum", "validate", "--format", fmt, *flags, str(root)],
                           env=env, capture_output=True, text=True, timeout=120)
            for flags in ([], [], ["--no-cache"])]
    assert list((tmp_path / "cli-cache").glob(f"validate-*/{validation_cache.RECORD_FILE}"))
    assert len({(run.returncode, run.stdout) for run in runs}) == 1
    assert runs[0].returncode == 1 and runs[0].stdout


# --- the ledger of the last full run ------------------------------------------------

PROSE = b"\nWe will utilise this time to talk about how the week has been for you.\n"


def content_files(root: Path) -> list[Path]:
    return sorted(path for folder in load_module.SOURCE_DIRS for path in (root / folder).glob("*.md")
                  if path.is_file() and not path.is_symlink())


def add_prose(*paths: Path) -> None:
    for path in paths:
        path.write_bytes(path.read_bytes() + PROSE)


def test_a_prose_edit_is_answered_from_the_ledger_without_loading_the_curriculum(make, monkeypatch):
    root = make()
    answer(root)
    loads = loads_counted(monkeypatch)
    handout = root / "handouts" / "shopping-list.md"
    add_prose(handout)
    got = answer(root)
    assert len(loads) == 0  # neither a load nor the rules that compare files
    assert got == fresh_answer(root)
    assert any(f["code"] == "CUR511" and f["path"] == "handouts/shopping-list.md" for f in got[0])  # "utilise"
    add_prose(handout, root / "sessions" / "week-1.md")  # the ledger answered, and now holds the edit
    assert answer(root) == fresh_answer(root) and len(loads) == 2  # fresh_answer's loads only
    assert answer(root) == fresh_answer(root) and len(loads) == 3  # nothing changed: the record answers


@pytest.mark.parametrize("code, bad, expected, good", BAD)
def test_prose_added_to_every_file_is_answered_as_a_fresh_run_finds(make, code, bad, expected, good):
    """Every rule's defect, and then prose added to every content file: from
    the ledger when the outlines hold, else by a full run; the same either way."""
    root = make(**bad)
    answer(root)
    add_prose(*content_files(root))
    assert answer(root) == fresh_answer(root)
    add_prose(*content_files(root)[:1])
    assert answer(root) == fresh_answer(root)


@pytest.mark.parametrize("code, bad, expected, good", BAD)
def test_front_matter_moved_in_every_file_is_answered_as_a_fresh_run_finds(make, code, bad, expected, good):
    """Every rule's defect, and then every key of every front matter a line
    lower: the rules comparing front matter run again over the fronts, and
    find what a fresh run finds, where it finds it."""
    root = make(**bad)
    answer(root)
    add_front_comment(*content_files(root))
    assert answer(root) == fresh_answer(root)
    add_front_comment(*content_files(root)[-1:])
    assert answer(root) == fresh_answer(root)


def _add_heading(root):
    path = root / "handouts" / "shopping-list.md"
    path.write_text(path.read_text() + "\n## Before you go {#before-you-go}\n\nPack a bag.\n")


def _add_link(root):
    path = root / "sessions" / "week-1.md"
    path.write_text(path.read_text() + "\nSee [the list](../handouts/no-such-handout.md).\n")


def _insert_line_at_top(root):  # moves every heading and link of the file down a line
    path = root / "sessions" / "week-1.md"
    text = path.read_text()
    end = text.index("\n---\n", 3) + 5
    path.write_text(text[:end] + "A first line.\n\n" + text[end:])


def _retitle(root):
    path = root / "handouts" / "shopping-list.md"
    text = path.read_text()
    start = text.index("title:")
    path.write_text(text[:start] + "title: A new title\n" + text[text.index("\n", start) + 1:])


def _duplicate_id(root):  # the second of two handouts with one id leaves the model
    path = root / "handouts" / "shopping-list.md"
    other = root / "handouts" / "a-copy.md"
    other.write_text(path.read_text())


def _break_typing(root):  # a plan whose front matter no longer types leaves the model
    path = root / "sessions" / "week-2.md"
    path.write_text(path.read_text().replace("\ntitle: ", "\ntitle:\n  - a list, not text\nold_title: ", 1))


def _link_an_asset_out(root):
    (root / "images").mkdir(exist_ok=True)
    (root / "images" / "elsewhere.png").symlink_to("/etc/hostname")


def _break_programme(root):  # programme.yml that no longer loads
    path = root / "programme.yml"
    path.write_text(path.read_text() + "\n  : not: yaml [\n")


@pytest.mark.parametrize("change", [_edit_programme, _break_programme, _link_an_asset_out])
def test_a_change_to_programme_yml_or_an_asset_linking_out_is_a_full_run(make, monkeypatch, change):
    root = make()
    answer(root)
    loads = loads_counted(monkeypatch)
    change(root)
    got = answer(root)
    assert len(loads) == 1
    assert got == fresh_answer(root)
    if change is _break_programme:
        assert any(f["path"] == "programme.yml" and f["severity"] == "error" for f in got[0])


def comment_programme(root: Path) -> None:
    """A comment at the top of programme.yml: its settings as they were, every key a line lower."""
    path = root / "programme.yml"
    path.write_bytes(b"# reviewed by the programme board\n" + path.read_bytes())


def test_a_comment_in_programme_yml_is_answered_from_the_ledger(make, monkeypatch):
    root = make()
    programme = root / "programme.yml"
    programme.write_text(programme.read_text().replace(
        "themes:\n", "themes:\n  - {id: unused, title: Unused, min_contacts: 1, phases: [learning]}\n", 1))
    before = answer(root)
    unused = [f for f in before[0] if f["path"] == "programme.yml" and "unused" in f["message"]]
    assert unused  # a finding that points into programme.yml
    loads = loads_counted(monkeypatch)
    comment_programme(root)
    got = answer(root)
    assert len(loads) == 0
    assert got == fresh_answer(root)
    assert [f["line"] for f in got[0] if f in [{**u, "line": u["line"] + 1} for u in unused]]  # moved with its key
    _edit_programme(root)  # a setting changed: a full run (and fresh_answer's two loads)
    assert answer(root) == fresh_answer(root) and len(loads) == 3


@pytest.mark.parametrize("code, bad, expected, good", BAD)
def test_a_comment_in_programme_yml_is_answered_as_a_fresh_run_finds(make, code, bad, expected, good):
    """Every rule's defect, and then every key of programme.yml a line lower:
    the rules comparing files run again, and find what a fresh run finds,
    where it finds it; the per-file findings stand."""
    root = make(**bad)
    answer(root)
    if (root / "programme.yml").is_file() and not (root / "programme.yml").is_symlink():
        comment_programme(root)
    assert answer(root) == fresh_answer(root)
    add_prose(*content_files(root)[:1])  # and the ledger it wrote answers the next edit
    assert answer(root) == fresh_answer(root)


@pytest.mark.parametrize("change", [_add_file, _delete_file, _make_unreadable, _duplicate_id, _break_typing,
                                    _add_image])
def test_files_added_removed_or_leaving_the_model_are_answered_from_the_ledger(make, monkeypatch, change):
    root = make()
    answer(root)
    loads = loads_counted(monkeypatch)
    change(root)
    got = answer(root)
    assert len(loads) == 0
    assert got == fresh_answer(root)
    add_prose(root / "sessions" / "week-1.md")  # and the ledger it wrote answers the next edit
    assert answer(root) == fresh_answer(root) and len(loads) == 2


def test_a_file_rejoins_the_model_when_its_duplicate_goes(make, monkeypatch):
    """The second of two plans with one id is out of the model; delete the
    first and the second, unchanged, is checked and compared again."""
    root = make()
    first, second = root / "handouts" / "shopping-list.md", root / "handouts" / "z-second-list.md"
    second.write_text(first.read_text() + "\nWe will utilise the list.\n")
    before = answer(root)
    assert not any(f["code"] == "CUR511" and f["path"] == "handouts/z-second-list.md" for f in before[0])
    loads = loads_counted(monkeypatch)
    first.unlink()
    got = answer(root)
    assert len(loads) == 0 and got == fresh_answer(root)
    assert any(f["code"] == "CUR511" and f["path"] == "handouts/z-second-list.md" for f in got[0])


def add_front_comment(*paths: Path) -> None:
    """A comment line at the top of each front matter: every key moves down a line."""
    for path in paths:
        data = path.read_bytes()
        if data.startswith(b"---\n"):
            path.write_bytes(b"---\n# checked by the programme team\n" + data[4:])


@pytest.mark.parametrize("change", [_add_heading, _add_link, _insert_line_at_top, _retitle,
                                    lambda root: add_front_comment(root / "handouts" / "shopping-list.md")])
def test_a_change_to_a_file_is_answered_from_the_ledger(make, monkeypatch, change):
    root = make()
    answer(root)
    loads = loads_counted(monkeypatch)
    change(root)
    got = answer(root)
    assert len(loads) == 0
    assert got == fresh_answer(root)
    if change is _add_link:
        assert any(f["code"] == "CUR601" and f["path"] == "sessions/week-1.md" for f in got[0])
    (root / "sessions" / "week-1.md").write_bytes((REPO / "tests/fixtures/minimal/sessions/week-1.md").read_bytes())
    (root / "handouts" / "shopping-list.md").write_bytes(
        (REPO / "tests/fixtures/minimal/handouts/shopping-list.md").read_bytes())
    assert answer(root) == fresh_answer(root) and len(loads) == 2  # undone: from the ledger again


def test_a_heading_another_file_links_to_is_found_missing_from_the_ledger(make, monkeypatch):
    """The rules comparing links read every file's outline: renaming a
    heading breaks the links of other files to it."""
    root = make()
    handout = root / "handouts" / "shopping-list.md"
    plan = root / "sessions" / "week-1.md"
    plan.write_text(plan.read_text() + "\nSee [before you go](../handouts/shopping-list.md#before-you-go).\n")
    answer(root)
    loads = loads_counted(monkeypatch)
    handout.write_text(handout.read_text().replace("## Before you go", "## Before leaving"))
    got = answer(root)
    assert len(loads) == 0 and got == fresh_answer(root)
    assert [f["path"] for f in got[0] if f["code"] == "CUR602"] == ["sessions/week-1.md"]


def test_another_day_or_engine_is_not_answered_from_the_ledger(make, monkeypatch):
    import datetime as dt

    root = make(handout=test_rules_governance.reviewed("2024-03-15"))
    answer(root, today=dt.date(2025, 3, 1))
    add_prose(root / "sessions" / "week-1.md")
    loads = loads_counted(monkeypatch)
    later = dt.date(2099, 1, 1)
    assert answer(root, today=later) == fresh_answer(root, today=later) and len(loads) == 2
    add_prose(root / "sessions" / "week-1.md")
    monkeypatch.setattr(validate_module, "engine_key", lambda: "another engine")
    assert answer(root, today=later) == fresh_answer(root, today=later) and len(loads) == 4


@pytest.mark.parametrize("make_untrusted", ["group-writable", "symbolic-link"])
def test_a_ledger_others_could_write_is_never_unpickled(make, tmp_path, monkeypatch, make_untrusted):
    root = make()
    answer(root)
    marker = tmp_path / "planted-code-ran"
    monkeypatch.setenv("PLANTED_MARKER", str(marker))
    plant(validation_cache.cache_folder(root) / validation_cache.LEDGER_FILE, tmp_path, make_untrusted)
    add_prose(root / "sessions" / "week-1.md")
    assert answer(root) == fresh_answer(root)
    assert not marker.exists()


def test_a_damaged_ledger_is_ignored(make):
    root = make()
    answer(root)
    ledger = validation_cache.cache_folder(root) / validation_cache.LEDGER_FILE
    import datetime as dt

    ours = {"format": validation_cache.FORMAT, "engine": validation_cache.engine_key(),
            "today": dt.date.today().isoformat()}
    for damage in (b"", b"not a pickle", pickle.dumps({"format": validation_cache.FORMAT}),
                   pickle.dumps(["a list"]), pickle.dumps({**ours, "states": "x", "files": {}}),
                   pickle.dumps({**ours, "states": [], "files": [], "shared": (), "programme": (None, None)})):
        ledger.write_bytes(damage)
        os.chmod(ledger, 0o600)
        add_prose(root / "sessions" / "week-1.md")
        assert answer(root) == fresh_answer(root)


def test_the_outline_is_the_same_in_every_process(make):
    """Two runs, each with its own hash seed, must outline a file alike (else
    every edit would be a full run)."""
    root = make()
    script = ("import sys; from pathlib import Path; from curriculum.load import load_file, META_OF;"
              "root = Path(sys.argv[1]);"
              "print([load_file(root, r, META_OF[r.split('/')[0]], outlined=True).outline for r in sys.argv[2:]])")
    rels = [path.relative_to(root).as_posix() for path in content_files(root)]
    outlines = {subprocess.run([sys.executable, "-c", script, str(root), *rels], capture_output=True, text=True,
                               env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout
                for seed in ("1", "2", "3")}
    assert len(outlines) == 1 and "''" not in next(iter(outlines))


# --- syllable counts kept between runs ------------------------------------------------

def test_words_counted_once_are_not_counted_again_in_a_later_run(make, monkeypatch):
    from curriculum import readability

    readability.forget_counts()  # as in a new process: no word counted yet
    root = make()
    answer(root)
    assert (validation_cache.cache_folder(root) / validation_cache.SYLLABLES_FILE).is_file()
    handout = root / "handouts" / "shopping-list.md"
    known = [line for line in handout.read_text().splitlines() if line and line[0].isalpha()][-1]
    handout.write_text(handout.read_text() + f"\n{known}\n")
    readability.forget_counts()  # as a new process starts

    def no_dictionary():
        raise AssertionError("pyphen's dictionary was loaded for words already counted")

    monkeypatch.setattr(readability, "_hyphenator", no_dictionary)
    got = answer(root)
    monkeypatch.undo()
    readability.forget_counts()
    assert got == fresh_answer(root)


@pytest.mark.parametrize("damage", ["planted", "group-writable", "garbage", "other engine"])
def test_syllable_counts_that_cannot_be_trusted_are_ignored(make, tmp_path, monkeypatch, damage):
    from curriculum import readability

    root = make()
    answer(root)
    counts = validation_cache.cache_folder(root) / validation_cache.SYLLABLES_FILE
    marker = tmp_path / "planted-code-ran"
    monkeypatch.setenv("PLANTED_MARKER", str(marker))
    wrong = {word.strip("."): 40 for word in PROSE.decode().split()}  # would make the handout unreadably hard
    data = {"planted": pickle.dumps(Planted()), "group-writable": pickle.dumps(
        {"format": validation_cache.FORMAT, "engine": validation_cache.engine_key(), "counts": wrong}),
        "garbage": b"not a pickle", "other engine": pickle.dumps(
        {"format": validation_cache.FORMAT, "engine": "another", "counts": wrong})}[damage]
    counts.write_bytes(data)
    os.chmod(counts, 0o620 if damage != "other engine" and damage != "garbage" else 0o600)
    readability.forget_counts()
    add_prose(root / "handouts" / "shopping-list.md")
    got = answer(root)
    readability.forget_counts()
    assert got == fresh_answer(root)
    assert not marker.exists()


def test_a_new_word_is_counted_with_the_hyphenator_an_earlier_run_kept(make, monkeypatch):
    """Parsing pyphen's dictionary costs more than checking a handout; an
    earlier run's parsed hyphenator counts alike."""
    import pyphen

    from curriculum import readability

    readability.forget_counts()
    root = make()
    answer(root)
    handout = root / "handouts" / "shopping-list.md"
    handout.write_text(handout.read_text() + "\nA quixotic, serendipitous jamboree of marmalade.\n")
    readability.forget_counts()  # as a new process starts

    def no_parsing(*args, **kwargs):
        raise AssertionError("pyphen's dictionary was parsed again")

    monkeypatch.setattr(pyphen.Pyphen, "__init__", no_parsing)
    got = answer(root)
    monkeypatch.undo()
    readability.forget_counts()
    assert got == fresh_answer(root)


def _with_docs(cur, change):
    """cur with change(doc) in place of every content file's document."""
    from dataclasses import replace

    return replace(
        cur,
        plans=MappingProxyType({k: replace(v, doc=change(v.doc)) for k, v in cur.plans.items()}),
        handouts=MappingProxyType({k: replace(v, doc=change(v.doc)) for k, v in cur.handouts.items()}),
        contact_notes=MappingProxyType({k: replace(v, doc=change(v.doc)) for k, v in cur.contact_notes.items()}),
        chapters=tuple(replace(v, doc=change(v.doc)) for v in cur.chapters))


@pytest.mark.parametrize("code, bad, expected, good", BAD)
def test_rules_comparing_files_read_only_what_they_declare(make, code, bad, expected, good):
    """What lets the ledger answer an edit without them: a rule comparing
    files that does not read links says the same with every body, heading
    and link taken away; one that does says the same over outlines."""
    from dataclasses import replace

    from curriculum.ledger import LinkOutline, link_outline_of
    from curriculum.load import LoadedFile
    from curriculum.model import Curriculum, Plan

    cross = [REGISTRY[c] for c in sorted(REGISTRY) if REGISTRY[c].check and not REGISTRY[c].per_file]
    with markdown_scan.cached():
        cur, _ = load(make(**bad))
        options = Options(unreadable=unreadable(cur))
        bare = _with_docs(cur, lambda doc: replace(doc, body="", headings=()))
        outlines = {doc.path: Plan(None, LinkOutline(doc.path, *link_outline_of(
            LoadedFile(doc, None, (), markdown_scan.scan(doc.body, doc.body_line))))) for doc in documents(cur)}
        outlined = replace(cur, plans=MappingProxyType(outlines), handouts=MappingProxyType({}),
                           contact_notes=MappingProxyType({}), chapters=())
        assert isinstance(outlined, Curriculum)
        for rule in cross:
            whole = sorted(f.as_dict().items() for f in rule(cur, options))
            other = outlined if rule.reads_links else bare
            assert sorted(f.as_dict().items() for f in rule(other, options)) == whole, rule.code


@pytest.mark.parametrize("damage", ["group-writable", "symbolic-link", "garbage", "not a dict", "other engine"])
def test_link_outlines_that_cannot_be_trusted_are_ignored(make, tmp_path, monkeypatch, damage):
    root = make()
    answer(root)
    outlines = validation_cache.cache_folder(root) / validation_cache.LINKS_FILE
    assert outlines.is_file()
    marker = tmp_path / "planted-code-ran"
    monkeypatch.setenv("PLANTED_MARKER", str(marker))
    ours = {"format": validation_cache.FORMAT, "engine": validation_cache.engine_key()}
    if damage in ("group-writable", "symbolic-link"):
        plant(outlines, tmp_path, damage)
    else:
        outlines.write_bytes({"garbage": b"not a pickle",
                              "not a dict": pickle.dumps({**ours, "outlines": ["a list"]}),
                              "other engine": pickle.dumps({**ours, "engine": "another", "outlines": {}})}[damage])
        os.chmod(outlines, 0o600)
    _add_heading(root)  # the rules comparing links must run again: they would read the outlines
    assert answer(root) == fresh_answer(root)
    assert not marker.exists()


def test_files_an_earlier_answer_parsed_are_read_again_when_fronts_are_compared(make, monkeypatch):
    """An answer from the ledger keeps nothing in the cache: a later one that
    compares every front parses again the files only it had parsed."""
    root = make()
    answer(root)
    loads = loads_counted(monkeypatch)
    add_prose(root / "sessions" / "week-1.md")
    assert answer(root) == fresh_answer(root)
    _retitle(root)
    _add_file(root)
    assert answer(root) == fresh_answer(root) and len(loads) == 2  # fresh_answer's loads only


def test_an_image_added_mends_the_links_to_it_from_the_ledger(make, monkeypatch):
    root = make()
    plan = root / "sessions" / "week-1.md"
    plan.write_text(plan.read_text() + "\n![A basket of baby clothes](../images/basket.png)\n")
    before = answer(root)
    assert any(f["code"] == "CUR603" for f in before[0])
    loads = loads_counted(monkeypatch)
    _add_image(root)  # images/basket.png
    got = answer(root)
    assert len(loads) == 0 and got == fresh_answer(root)
    assert not any(f["code"] == "CUR603" for f in got[0])
