"""The benchmarks (run on demand, not in CI) still run: their synthetic
curricula validate clean, the edit they time is a change, and one pass of
the validation step gives every number the table prints. No timings are
asserted here."""

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


def test_the_timed_edit_changes_the_file_each_time():
    source = (REPO / "handouts" / sorted(p.name for p in (REPO / "handouts").glob("*.md"))[0]).read_text("utf-8")
    edits = {run.add_prose(source, n) for n in (1, 2, 3)}
    assert len(edits) == 3 and source not in edits


def test_one_pass_of_the_validation_step_gives_every_number(tmp_path):
    repo = generate.generate(REPO, tmp_path / "repo", 1)
    result = run.validation_measures(repo, 1)
    assert all(result[key]["median_s"] > 0 and result[key]["peak_mib"] > 0 for key in ("floor_read", "validate"))
    assert result["contacts"] == 11 and result["per_contact_ms"] > 0 and result["ratios"]["validate_over_floor"] > 0
    # The table from fixed numbers: a busy machine can time the floor above a
    # validation, and the table's wording must not depend on that.
    steady = {**result, "validate": {"median_s": 0.3, "peak_mib": 60.0}, "floor_read": {"median_s": 0.2},
              "ratios": {"validate_over_floor": 1.5}, "over_floor_per_contact_ms": 9.1}
    table = run.validation_table({"bundled": steady, "M": steady, "L": steady})
    assert "<= 0.5s: met" in table and "<= 1.5s: met" in table and "1.00x M's per contact" in table


def test_the_ten_editions_of_the_editions_benchmark_validate_clean(tmp_path):
    repo = run.edition_repository(tmp_path / "repo", 10)
    done = subprocess.run([sys.executable, "-m", "curriculum", "validate", str(repo), "--all-editions"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    listed = subprocess.run([sys.executable, "-m", "curriculum", "editions", str(repo), "--format", "json"],
                            capture_output=True, text=True, check=True).stdout
    assert '"area-01"' in listed and '"area-10"' in listed


def test_the_editions_table_from_fixed_numbers():
    result = {"editions": 10, "one_build": {"s": 10.0, "peak_mib": 300.0},
              "all_editions_cold": {"s": 25.0, "peak_mib": 320.0}, "all_editions_noop": {"s": 0.5, "peak_mib": 60.0},
              "ratios": {"ten_cold_over_one": 2.5, "noop_over_one": 0.05}}
    table = run.editions_table(result)
    assert "core + 10 editions, cold" in table and "2.5" in table and "<= 3.0" in table and "0.05" in table
