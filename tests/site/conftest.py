"""Sites built once per test session (see site_support.py for the helpers).

    bundled_site   the repository's own curriculum (Baby Steps), built with
                   `build_site` into a temporary folder, PDFs linked (not written)
    minimal_site   tests/fixtures/minimal (another programme, no overrides/)
    build_copy     build_copy(**edits) -> (root, site) of an edited copy of the
                   minimal fixture (edits as in tests/conftest.py)
    read           read(site, "sessions/week-1.html") -> the parsed page
    browser        Debian's Chromium through Playwright (skipped where missing, unless
                   CURRICULUM_REQUIRE_BROWSER is set, as in CI)

Nothing is ever written into the repository: the browser tests' screenshots
go to a temporary folder, or to the folder CURRICULUM_SCREENSHOTS names.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from site_support import CHROMIUM, CHROMIUM_ARGS, MINIMAL, REPO, build, page


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    return build(REPO, tmp_path_factory.mktemp("bundled") / "site")


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory) -> Path:
    return build(MINIMAL, tmp_path_factory.mktemp("minimal") / "site")


@pytest.fixture
def build_copy(tmp_path, make):
    """build_copy(**edits) -> (root, site): an edited minimal curriculum, built."""

    def run(pdfs: bool = True, **edits) -> tuple[Path, Path]:
        root = make(**edits)
        return root, build(root, tmp_path / f"site-{root.name}", pdfs=pdfs)

    return run




@pytest.fixture
def read():
    """read(site, "sessions/week-1.html") -> Page."""
    return page


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright (never a downloaded browser).
    Skipped where it is missing, unless CURRICULUM_REQUIRE_BROWSER (CI) is set."""
    required = bool(os.environ.get("CURRICULUM_REQUIRE_BROWSER"))
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        pytest.fail(message) if required else pytest.skip(message)
    if required:
        import playwright.sync_api as sync_api
    else:
        sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
