"""The docs that are generated from code stay in step with it."""

from pathlib import Path

from curriculum.report.rules import rules_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_rules_page_matches_registry():
    # Regenerate with: curriculum rules --format markdown > docs/rules.md
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown()


def test_readme_names_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make build" in readme and "make test" in readme
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\nbuild:" in makefile and "\ntest:" in makefile


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
