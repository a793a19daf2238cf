"""Build progress on a terminal: one status line on stderr, rewritten in
place, that ends with a newline before anything else is printed."""

from __future__ import annotations

import io

from click.testing import CliRunner

import curriculum.build
from curriculum import cli
from curriculum.build import BuildError, BuildResult


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_only_on_a_terminal(monkeypatch):
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert cli.progress_line() is None
    monkeypatch.setattr("sys.stderr", Terminal())
    assert cli.progress_line() is not None


def test_the_status_line_is_rewritten_and_ended(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    line = cli.progress_line()
    line("PDF: 3 documents, 0 unchanged, 3 to render")
    line("PDF warning: pdf/cards/a.pdf does not fit one page (2 pages)")
    line("PDF [1/3] pdf/a.pdf (1 page, 0.4 s)")
    line("PDF: rendered 3 in 1.5 s")
    line.end()
    line.end()  # twice: still one newline
    text = screen.getvalue()
    assert text.endswith("\r\033[KPDF: rendered 3 in 1.5 s\n")
    assert text.count("\n") == 2  # the warning stays on screen; the last status is ended
    assert "pages)\n" in text


def run_build(monkeypatch, fake):
    monkeypatch.setattr(cli, "progress_line", lambda: cli.StatusLine())
    monkeypatch.setattr(curriculum.build, "build", fake)
    monkeypatch.setattr(cli, "curriculum_root", lambda root: root)
    return CliRunner().invoke(cli.main, ["build", "somewhere"])


def test_the_build_command_ends_the_status_line_before_its_summary(monkeypatch, tmp_path):
    def fake(root, out, progress=None, pdfs=True, force=False, generator="mkdocs"):
        progress("PDF: rendered 3 in 1.5 s")
        return BuildResult(None, tmp_path, built=True, documents=["a.pdf"], up_to_date=True)

    result = run_build(monkeypatch, fake)
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith("rendered 3 in 1.5 s\n")
    assert f"{tmp_path / 'site'} is up to date" in result.stdout


def test_a_failed_build_starts_its_message_on_a_new_line(monkeypatch):
    def fake(root, out, progress=None, pdfs=True, force=False, generator="mkdocs"):
        progress("PDF [1/3] pdf/a.pdf (1 page, 0.4 s)")
        raise BuildError("PDFs not built")

    result = run_build(monkeypatch, fake)
    assert result.exit_code == 1
    assert "(1 page, 0.4 s)\nBuild failed: PDFs not built" in result.stderr
