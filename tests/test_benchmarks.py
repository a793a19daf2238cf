"""The benchmarks (run on demand, not in CI) still run: their synthetic
curricula validate clean, every edit they time is a change, and one pass
of the validation steps gives every number the table prints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
import generate  # noqa: E402
import run  # noqa: E402


@pytest.mark.parametrize("copies", [1, 2])
def test_the_synthetic_curricula_validate_clean(tmp_path, copies):
    repo = generate.generate(REPO, tmp_path / "repo", copies)
    done = subprocess.run([sys.executable, "-m", "curriculum", "validate", str(repo)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(list((repo / "handouts").glob("*.md"))) == copies * len(list((REPO / "handouts").glob("*.md")))


@pytest.mark.parametrize("change", [run.add_prose, run.add_heading, run.retitle, run.comment_first,
                                    run.raise_handout_grade])
def test_every_timed_edit_changes_the_file_each_time(tmp_path, change):
    source = (REPO / ("programme.yml" if change in (run.comment_first, run.raise_handout_grade) else
                      "handouts/" + sorted(p.name for p in (REPO / "handouts").glob("*.md"))[0])).read_text("utf-8")
    edits = {change(source, n) for n in (1, 2, 3)}
    assert len(edits) == 3 and source not in edits


def test_a_setting_change_changes_the_setting():
    source = (REPO / "programme.yml").read_text("utf-8")
    import yaml

    before = yaml.safe_load(source)["rules"]["handout_max_grade"]
    assert yaml.safe_load(run.raise_handout_grade(source, 2))["rules"]["handout_max_grade"] == before + 2
    with pytest.raises(SystemExit):
        run.raise_handout_grade("title: no rules\n", 1)


def test_one_pass_of_the_validation_steps_gives_every_number(tmp_path):
    repo = generate.generate(REPO, tmp_path / "repo", 1)
    programme = (repo / "programme.yml").read_bytes()
    result = run.validation_measures(repo, 1, tmp_path / "cache")
    assert set(run.VALIDATE_STEPS) | {"floor_read", "ratios"} <= set(result)
    assert all(result[key]["median_s"] > 0 and result[key]["peak_mib"] > 0 for key in run.VALIDATE_STEPS)
    assert (repo / "programme.yml").read_bytes() == programme  # every edit put back
    assert "programme/floor" in run.validation_table({"S": {"contacts": 11, "handouts": 25, **result}})
