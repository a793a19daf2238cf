"""What a render may read: files inside the repository and the package's
fonts and styles; never anything else, never the network."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from curriculum.pdf import policy_for
from curriculum.pdf.cache import FONT_DIR
from curriculum.pdf.confine import Policy, Refused, Root


@pytest.fixture
def repo(tmp_path) -> Path:
    root = tmp_path / "repo"
    (root / "images").mkdir(parents=True)
    (root / "images" / "cot.png").write_bytes(b"\x89PNG fake")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n")
    sibling = tmp_path / "repo-evil"
    sibling.mkdir()
    (sibling / "x.png").write_bytes(b"evil")
    return root


def url(repo: Path, relative: str) -> str:
    return policy_for(repo).url("repo", relative)


def test_a_repository_file_is_allowed_by_its_virtual_address(repo):
    assert url(repo, "images/cot.png") == "file:///curriculum/repo/images/cot.png"
    data, label, mime = policy_for(repo).read(url(repo, "images/cot.png"))
    assert data == b"\x89PNG fake" and label == "repo:images/cot.png" and mime == "image/png"


def test_a_real_path_is_refused_even_inside_the_repository(repo):
    with pytest.raises(Refused, match="outside"):
        policy_for(repo).read((repo / "images" / "cot.png").as_uri())


def test_package_fonts_and_styles_are_allowed(repo):
    policy = policy_for(repo)
    font = next(FONT_DIR.glob("*.ttf"))
    assert policy.check(policy.url("font", font.name))[1] == f"font:{font.name}"
    assert policy.check(policy.url("package", "styles/page.css"))[1] == "package:styles/page.css"
    with pytest.raises(Refused, match="outside"):
        policy.check(policy.url("font", "../../../../../etc/passwd"))


@pytest.mark.parametrize("url, reason", [
    ("file:///etc/passwd", "outside the repository"),
    ("FiLe:///%65tc/hostname", "outside the repository"),
    ("file:///proc/self/environ", "outside the repository"),
    ("file:///dev/zero", "outside the repository"),
    ("http://127.0.0.1:9/x.png", "network"),
    ("https://example.org/a.png", "network"),
    ("ftp://example.org/a.png", "network"),
    ("data:image/png;base64,iVBORw0KGgo=", "'data:'"),
    ("javascript:alert(1)", "'javascript:'"),
    ("file://otherhost/etc/passwd", "on host"),
    ("images/cot.png", "relative"),
    ("file:///curriculum/repo/images/%00cot.png", "NUL"),
    ("file:///curriculum/repository/images/cot.png", "outside"),
])
def test_everything_else_is_refused(repo, url, reason):
    with pytest.raises(Refused, match=reason):
        policy_for(repo).read(url)


def test_dot_dot_escapes_and_sibling_folders_are_refused(repo):
    policy = policy_for(repo)
    with pytest.raises(Refused, match="outside"):
        policy.read(url(repo, "images/../../repo-evil/x.png"))
    with pytest.raises(Refused, match="outside"):
        policy.read(url(repo, "../../../../../etc/hostname"))
    with pytest.raises(Refused, match="outside"):
        policy.read(url(repo, "%2e%2e/%2e%2e/%2e%2e/etc/hostname").replace("%25", "%"))


def test_symbolic_links_out_are_refused(repo):
    (repo / "images" / "link.png").symlink_to("/etc/passwd")
    with pytest.raises(Refused, match="symbolic link"):
        policy_for(repo).read(url(repo, "images/link.png"))


def test_links_inside_the_repository_are_followed(repo):
    (repo / "images" / "alias.png").symlink_to(repo / "images" / "cot.png")
    assert policy_for(repo).read(url(repo, "images/alias.png"))[1] == "repo:images/cot.png"


def test_hidden_folders_are_refused(repo):
    with pytest.raises(Refused, match="hidden"):
        policy_for(repo).read(url(repo, ".git/config"))


def test_folders_fifos_and_missing_files_are_refused(repo):
    os.mkfifo(repo / "images" / "pipe.png")
    policy = policy_for(repo)
    with pytest.raises(Refused, match="regular file"):
        policy.read(url(repo, "images/pipe.png"))
    with pytest.raises(Refused, match="regular file"):
        policy.read(url(repo, "images"))
    with pytest.raises(Refused, match="no such file"):
        policy.read(url(repo, "images/none.png"))


def test_large_files_are_refused(repo):
    (repo / "images" / "big.png").write_bytes(b"x" * 2000)
    policy = Policy((Root("repo", str(repo.resolve())),), max_bytes=1000)
    with pytest.raises(Refused, match="limit"):
        policy.read(policy.url("repo", "images/big.png"))
