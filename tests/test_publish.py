"""`curriculum publish`: released versions side by side under version paths,
with the versions.json the theme's version selector reads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from curriculum.cli import main
from curriculum.publish import PublishError, publish, updated_versions, version_key

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"


def release(root: Path, version: str, released: str | None = "2026-12-01", title: str | None = None) -> Path:
    if not root.exists():
        shutil.copytree(MINIMAL, root)
    lines = [line for line in (root / "programme.yml").read_text("utf-8").splitlines()
             if not line.startswith(("version:", "released:"))]
    lines.append(f'version: "{version}"')
    if released:
        lines.append(f"released: {released}")
    (root / "programme.yml").write_text("\n".join(lines) + "\n", "utf-8")
    if title:
        plan = root / "sessions" / "week-1.md"
        plan.write_text(plan.read_text("utf-8").replace("title: Planning and shopping", f"title: {title}", 1), "utf-8")
    return root


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    """1.0, then 1.1 (with a renamed plan) published into one folder."""
    base = tmp_path_factory.mktemp("publish")
    root, into = base / "repo", base / "pages"
    publish(release(root, "1.0"), into)
    publish(release(root, "1.1", title="Shopping on a budget"), into, tag="v1.1")
    return into


def test_every_version_is_kept_under_its_own_path(pages):
    assert "Planning and shopping" in (pages / "1.0" / "sessions" / "week-1.html").read_text("utf-8")
    assert "Shopping on a budget" in (pages / "1.1" / "sessions" / "week-1.html").read_text("utf-8")
    assert (pages / "1.0" / "pdf").is_dir() and any((pages / "1.1" / "pdf").rglob("*.pdf"))


def test_the_manuals_parts_are_left_out_of_what_is_published(pages):
    """They are the next build's cache (pdf/in_parts.py), beside the manual they make."""
    assert (pages / "1.1" / "pdf" / "facilitator-manual.pdf").is_file()
    assert not list(pages.rglob(".parts"))


def test_versions_json_lists_the_newest_first_and_moves_the_alias(pages):
    assert json.loads((pages / "versions.json").read_text("utf-8")) == [
        {"version": "1.1", "title": "1.1", "aliases": ["latest"]},
        {"version": "1.0", "title": "1.0", "aliases": []},
    ]


def test_the_alias_is_a_copy_of_the_newest_and_the_root_sends_visitors_there(pages):
    assert (pages / "latest" / "sessions" / "week-1.html").read_bytes() == \
        (pages / "1.1" / "sessions" / "week-1.html").read_bytes()
    assert 'url=latest/"' in (pages / "index.html").read_text("utf-8")
    assert (pages / ".nojekyll").is_file()


def test_published_pages_carry_the_version_selector_and_their_version(pages):
    text = (pages / "1.0" / "index.html").read_text("utf-8")
    assert '"version": {"provider": "mike"}' in text
    assert "version 1.0 · 1 December 2026" in text


def test_an_ordinary_build_has_no_version_selector(tmp_path):
    from curriculum.build import build

    build(MINIMAL, tmp_path / "out", pdfs=False)
    assert '"provider": "mike"' not in (tmp_path / "out" / "site" / "index.html").read_text("utf-8")


def test_republishing_a_version_replaces_it_and_leaves_the_others(tmp_path):
    root, into = tmp_path / "repo", tmp_path / "pages"
    publish(release(root, "1.0"), into, aliases=())
    publish(release(root, "2.0"), into)
    before = (into / "2.0" / "index.html").read_bytes()
    again = publish(release(root, "1.0", title="Fixed title"), into, aliases=())
    assert again.replaced
    assert "Fixed title" in (into / "1.0" / "sessions" / "week-1.html").read_text("utf-8")
    assert (into / "2.0" / "index.html").read_bytes() == before
    assert [e["version"] for e in json.loads((into / "versions.json").read_text("utf-8"))] == ["2.0", "1.0"]


@pytest.mark.parametrize(("version", "released", "tag", "aliases", "message"), [
    ("1.0", None, None, ("latest",), "version 1.0 is a draft"),
    ("1.0", "2026-12-01", "v1.1", ("latest",), "the tag is v1.1 but programme.yml says version 1.0"),
    ("1.0", "2026-12-01", None, ("1.0",), "the alias '1.0' is the version itself"),
    ("1.0", "2026-12-01", None, ("../up",), "'../up' cannot name a published folder"),
    ("1 0", "2026-12-01", None, ("latest",), "'1 0' cannot name a published folder"),
])
def test_what_cannot_be_published_is_refused_before_anything_is_written(tmp_path, version, released, tag, aliases,
                                                                        message):
    root, into = release(tmp_path / "repo", version, released), tmp_path / "pages"
    with pytest.raises(PublishError, match=message.replace("(", r"\(")):
        publish(root, into, tag=tag, aliases=aliases)
    assert not into.exists()


def test_a_folder_of_other_files_or_a_broken_versions_file_is_refused(tmp_path):
    root = release(tmp_path / "repo", "1.0")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "index.html").write_text("someone else's site", "utf-8")
    with pytest.raises(PublishError, match="holds files .index.html. but no versions.json"):
        publish(root, tmp_path / "other")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "versions.json").write_text("{not json", "utf-8")
    with pytest.raises(PublishError, match="versions.json cannot be read"):
        publish(root, tmp_path / "broken")
    with pytest.raises(PublishError, match="holds the curriculum itself"):
        publish(root, root)
    with pytest.raises(PublishError, match="source folder"):
        publish(root, root / "handouts" / "site")


def test_an_alias_may_not_take_the_name_of_a_published_version(tmp_path):
    root, into = release(tmp_path / "repo", "1.0"), tmp_path / "pages"
    publish(root, into, aliases=())
    with pytest.raises(PublishError, match="the alias '1.0' is a published version"):
        publish(release(root, "2.0"), into, aliases=("1.0",))


def test_the_command_reports_and_exits_like_build(tmp_path):
    root, into = release(tmp_path / "repo", "1.0"), tmp_path / "pages"
    result = CliRunner().invoke(main, ["publish", str(root), "--into", str(into)])
    assert result.exit_code == 0, result.output
    assert f"Published version 1.0 in {into / '1.0'}, also as latest." in result.output
    draft = CliRunner().invoke(main, ["publish", str(release(root, "1.1", None)), "--into", str(into)])
    assert draft.exit_code == 2 and "is a draft" in draft.output
    (root / "sessions" / "week-1.md").write_text("---\nid: week-1\n---\n", "utf-8")
    broken = CliRunner().invoke(main, ["publish", str(release(root, "1.1")), "--into", str(into)])
    assert broken.exit_code == 1 and "Nothing was published" in broken.output
    assert [e["version"] for e in json.loads((into / "versions.json").read_text("utf-8"))] == ["1.0"]


def test_versions_sort_as_numbers_and_aliases_move():
    assert sorted(["1.9", "1.10", "2.0", "1.2.1"], key=version_key) == ["1.2.1", "1.9", "1.10", "2.0"]
    listed = updated_versions([{"version": "1.0", "title": "1.0", "aliases": ["latest", "stable"]}], "1.1", ("latest",))
    assert listed == [{"version": "1.1", "title": "1.1", "aliases": ["latest"]},
                      {"version": "1.0", "title": "1.0", "aliases": ["stable"]}]
