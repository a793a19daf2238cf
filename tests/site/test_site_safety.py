"""What author text and configuration can never do to the site (TOOL_FACTS)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_support import html_files

from curriculum.build import BuildError
from curriculum.check.validate import validate
from curriculum.site import safety
from curriculum.site.assemble import build_site

# Every check that would refuse the hostile text below, so it reaches the site
# and the site's own defences are what is tested.
IGNORE = ("\n  severity: {CUR115: ignore, CUR602: ignore, CUR603: ignore, CUR606: ignore, CUR710: ignore,"
          " CUR711: ignore, CUR712: ignore, CUR713: ignore}\n")
HOSTILE = """
<script>alert("owned")</script>

Text with <b>bold</b> and <img src=x onerror=alert(1)> inside.

Jinja stays text: {{ ''.__class__ }} and {{ 7*7 }} and {% if true %}yes{% endif %}, and in code: `{{ ''.__class__ }}`.

## Styled heading {: onclick="alert(1)" style="position:fixed" data-toc-label="<i>x</i>" }

A [script link](javascript:alert(1)) and a [file link](file:///etc/passwd).
"""


def _programme(text: str) -> str:
    return text.rstrip("\n") + IGNORE


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def hostile(tmp_path_factory, request):
    """A minimal curriculum with hostile plan text and title, built with each generator."""
    from site_support import MINIMAL, build, copy_curriculum

    root = copy_curriculum(MINIMAL, tmp_path_factory.mktemp("hostile") / "repo")
    (root / "programme.yml").write_text(_programme((root / "programme.yml").read_text("utf-8")), "utf-8")
    plan = root / "sessions" / "week-1.md"
    text = plan.read_text("utf-8").replace("title: Planning and shopping",
                                           'title: "<b>Planning</b> & </title><script>alert(2)</script>"')
    plan.write_text(text + HOSTILE, "utf-8")
    week2 = root / "sessions" / "week-2.md"
    head, body = week2.read_text("utf-8").split("\n---\n", 1)
    week2.write_text(head + "\n---\nNote: this first line looks like MkDocs meta-data.\n" + body, "utf-8")
    handout = root / "handouts" / "shopping-list.md"
    head, body = handout.read_text("utf-8").split("\n---\n", 1)
    handout.write_text(head + "\n---\n---\ntemplate: 404.html\ntitle: Hijacked\n---\n" + body, "utf-8")
    return build(root, tmp_path_factory.mktemp("hostile-site") / "site", generator=request.param)


def test_raw_html_is_shown_as_text(hostile):
    html = (hostile / "sessions" / "week-1.html").read_text("utf-8")
    assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in html or '&lt;script&gt;alert("owned")' in html
    assert "<script>alert" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "onerror=alert(1)>" not in html.replace("&gt;", ">").split("&lt;img", 1)[0]


def test_author_text_is_never_a_template(hostile):
    html = (hostile / "sessions" / "week-1.html").read_text("utf-8")
    assert "<code>{{ ''.__class__ }}</code>" in html
    assert "{{ ''.__class__ }}</span>" in html  # literal: neither Jinja nor Markdown emphasis
    assert "<strong>class</strong>" not in html
    assert "{{ 7*7 }}" in html and "49" not in html
    assert re.sub(r"</?span[^>]*>", "", html).count("{% if true %}yes{% endif %}") >= 1
    assert "&lt;class" not in html and "<class 'str'>" not in html


def test_attribute_lists_add_no_handlers_or_styles(hostile):
    html = (hostile / "sessions" / "week-1.html").read_text("utf-8")
    heading = re.search(r"<h2 [^>]*>Styled heading", html).group(0)
    assert "onclick" not in heading and " style=" not in heading and "data-toc-label" not in heading
    assert "onclick" not in html
    assert 'href="javascript:' not in html and 'href="file:' not in html
    assert "script link</span>" in html  # the words stay


def test_titles_are_escaped_everywhere(hostile):
    for path in html_files(hostile):
        html = path.read_text("utf-8")
        assert "<b>Planning</b>" not in html, path
        assert "</title><script>" not in html, path
    html = (hostile / "sessions" / "week-1.html").read_text("utf-8")
    assert "<title>&lt;b&gt;Planning&lt;/b&gt; &amp; &lt;/title&gt;&lt;script&gt;" in html


def test_mkdocs_never_reads_author_text_as_meta_data(hostile, read):
    assert "Note: this first line looks like MkDocs meta-data." in read(hostile, "sessions/week-2.html").text
    handout = (hostile / "handouts" / "shopping-list.html").read_text("utf-8")
    assert "cur-facts" in handout  # still the handout template, not 404.html
    assert "template: 404.html" in handout


def test_every_page_has_a_content_security_policy(bundled_site, minimal_site):
    for site in (bundled_site, minimal_site):
        for path in html_files(site):
            html = path.read_text("utf-8")
            policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
            assert policy, path
            scripts = re.search(r"script-src ([^;]*)", policy.group(1)).group(1)
            assert "'unsafe-inline'" not in scripts
            assert set(safety.script_hashes(html)) <= set(scripts.split()), path
            assert html.index("Content-Security-Policy") < html.index("<script")


_FETCH = re.compile(r"<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*\b(src|href)=[\"']?(https?:)?//",
                    re.I)


def test_no_page_loads_anything_from_another_host(bundled_site, minimal_site):
    for site in (bundled_site, minimal_site):
        for path in html_files(site):
            html = path.read_text("utf-8")
            assert not _FETCH.search(html.replace('rel="canonical"', "")), path
            assert safety.external_requests(html) == [], path
            assert "unpkg.com" not in html and "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_web_images_fail_the_build(make, tmp_path):
    root = make(programme=lambda t: _programme(t), week_1=lambda t: t + "\n![A remote photo](https://example.org/a.png)\n")
    with pytest.raises(BuildError, match="example.org/a.png"):
        build_site(validate(root).curriculum, tmp_path / "site")


def test_images_of_the_repository_are_published(make, tmp_path):
    root = make(week_1=lambda t: t + "\n![A pan on a hob](../images/pan.png)\n")
    (root / "images").mkdir()
    (root / "images" / "pan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    (root / "images" / "unused.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    site = tmp_path / "site"
    build_site(validate(root).curriculum, site)
    assert (site / "images" / "pan.png").read_bytes().startswith(b"\x89PNG")
    assert not (site / "images" / "unused.png").exists()  # only what a page uses is published
    assert '<img alt="A pan on a hob" src="../images/pan.png"' in (site / "sessions" / "week-1.html").read_text("utf-8")


def test_html_files_of_the_repository_are_never_published(make, tmp_path):
    root = make(week_1=lambda t: t + "\n[the recipe](../assets/recipe.html)\n")
    (root / "assets").mkdir()
    (root / "assets" / "recipe.html").write_text("<script>alert(1)</script>", "utf-8")
    with pytest.raises(BuildError, match="not published"):
        build_site(validate(root).curriculum, tmp_path / "site")


# --- mkdocs.yml ------------------------------------------------------------------


@pytest.mark.parametrize("extra, message", [
    ("hooks:\n  - hooks.py\n", "hooks"),
    ("site_author: !ENV [HOME, nobody]\n", "!ENV"),
    ("markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
     "python"),
    ("INHERIT: ../other.yml\n", "INHERIT"),
    ("extra: &a {x: 1}\nextra_css: *a\n", "alias"),
])
def test_mkdocs_yml_that_runs_code_or_reads_the_environment_is_refused(make, tmp_path, extra, message):
    root = make(**{"mkdocs.yml": lambda t: t + extra})
    (root / "hooks.py").write_text("raise SystemExit('hook ran')\n", "utf-8")
    with pytest.raises(BuildError, match=re.escape(message)):
        build_site(validate(root).curriculum, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_custom_dir_outside_the_repository_is_refused(make, tmp_path):
    root = make(**{"mkdocs.yml": ("  name: material", "  name: material\n  custom_dir: ../elsewhere")})
    (root.parent / "elsewhere").mkdir()
    with pytest.raises(BuildError, match="custom_dir"):
        build_site(validate(root).curriculum, tmp_path / "site")


def test_site_dir_and_docs_dir_of_mkdocs_yml_are_ignored(make, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    root = make(**{"mkdocs.yml": lambda t: t + f"site_dir: {elsewhere}\ndocs_dir: sessions\n"})
    site = tmp_path / "site"
    build_site(validate(root).curriculum, site)
    assert (site / "index.html").is_file() and not elsewhere.exists()
    assert sorted(p.name for p in (root / "sessions").iterdir()) == ["week-1.md", "week-2.md"]
    assert not (root / "build").exists()  # nothing written into the repository


def test_a_full_site_dir_is_refused(minimal, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.txt").write_text("mine", "utf-8")
    with pytest.raises(BuildError, match="not a new or empty folder"):
        build_site(validate(minimal).curriculum, site)
    assert (site / "keep.txt").read_text("utf-8") == "mine"


def test_a_config_without_the_plugin_still_builds(make, tmp_path):
    """The plugin only stops plain `mkdocs build`; the build never needs it."""
    root = make(**{"mkdocs.yml": ("  - curriculum", "  - search")})
    build_site(validate(root).curriculum, tmp_path / "site")
    assert (tmp_path / "site" / "sessions" / "week-1.html").is_file()


def test_another_plugin_is_refused_clearly(make, tmp_path):
    root = make(**{"mkdocs.yml": ("  - curriculum", "  - curriculum\n  - blog")})
    with pytest.raises(BuildError, match="plugin `blog` is not supported"):
        build_site(validate(root).curriculum, tmp_path / "site")


def test_another_theme_is_refused_clearly(make, tmp_path):
    root = make(**{"mkdocs.yml": ("  name: material", "  name: mkdocs")})
    with pytest.raises(BuildError, match="Material theme"):
        build_site(validate(root).curriculum, tmp_path / "site")


def test_a_reserved_page_name_is_refused(make, tmp_path):
    root = make(**{"handouts/index.md": lambda _: (Path(__file__).parents[1] / "fixtures" / "minimal" / "handouts" /
                                                    "shopping-list.md").read_text("utf-8").replace(
        "id: shopping-list", "id: index")})
    cur = validate(root).curriculum
    with pytest.raises(BuildError, match="reserved"):
        build_site(cur, tmp_path / "site")


def test_tick_boxes_are_drawn_on_the_site_as_in_print(tmp_path):
    import markdown

    from curriculum.render.policy import EXTENSIONS

    html = markdown.markdown("Came today: [ ] yes [x] no, `[ ] code`, [link](x.md), \\[ ] escaped", extensions=EXTENSIONS)
    assert html.count('<span class="tick-box"></span>') == 1 and html.count('class="tick-box ticked"') == 1
    assert "<code>[ ] code</code>" in html and '<a href="x.md">link</a>' in html and "[ ] escaped" in html


def test_the_404_page_gets_relative_addresses_and_keeps_its_policy(minimal_site):
    html = (minimal_site / "404.html").read_text("utf-8")
    assert not re.search(r"""\s(href|src)=["']/(?!/)""", html)
    assert '"base": "."' in html and '"/assets' not in html
    policy = re.search(r"script-src ([^;]*)", html).group(1)
    assert set(safety.script_hashes(html)) <= set(policy.split())  # hashed after the rewrite


def test_relative_from_root_leaves_other_hosts_and_anchors_alone():
    html = '<a href="//example.org/x">x</a><a href="#top">t</a><link href="/a.css"><script id="__config">{"base": "/", "search": "/w.js"}</script>'
    out = safety.relative_from_root(html)
    assert '<link href="a.css">' in out and 'href="//example.org/x"' in out and 'href="#top"' in out
    assert '{"base": ".", "search": "w.js"}' in out
