"""Benchmarks: `curriculum` against plain MkDocs and raw WeasyPrint, same run.

    python benchmarks/run.py [--sizes S,M] [--runs 3] [--large] [--validate-only]
    python benchmarks/run.py --editions     (only: ten local editions against one build)

For the bundled curriculum (this repository) and each size (see
generate.py) it measures, as medians of several runs: the floor (import the
package and read every file) and `curriculum validate`; and for each size
(unless --validate-only) the naive pipeline (plain `mkdocs build` of the same pages plus every
handout through WeasyPrint, sequentially, in one process), a cold
`curriculum build`, a rebuild with nothing changed, a rebuild after
editing one handout and one after editing one plan; and the peak memory (the command and all its
processes, sampled) of each. It
prints a table with the ratios ours / naive and the validation targets
(bundled curriculum at most 0.5 s, M at most 1.5 s, L linear in size:
seconds per contact at M and L), and writes build/benchmarks.json.
At L only the site is built (PDFs at L take too long for an on-demand run).
Run on demand, not in CI: timings need a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from generate import SIZES, generate  # noqa: E402

PY = sys.executable
FLOOR = ("import sys, pathlib, curriculum;"
         "root = pathlib.Path(sys.argv[1]);"
         "[p.read_bytes() for d in ('sessions', 'handouts', 'facilitator_notes') for p in (root / d).glob('*.md')];"
         "(root / 'programme.yml').read_bytes()")


def _tree_rss_kib(root_pid: int) -> int:
    """Resident memory of a process and all its descendants (worker pools
    included), from /proc."""
    parents, rss = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/statm") as statm:
                rss[int(entry)] = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, ValueError, IndexError):
            continue
    total = 0
    for pid in rss:
        walk = pid
        while walk and walk != root_pid:
            walk = parents.get(walk, 0)
        if walk == root_pid:
            total += rss[pid]
    return total


def timed(command: list[str]) -> tuple[float, float]:
    """(seconds, peak MiB of the command and all its processes, sampled every
    50 ms) of one run. The time is taken when the process ends, not at the
    next sample (which rounded short runs up to a multiple of 50 ms)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    peak, done = [0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss_kib(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"benchmark command failed ({process.returncode}): {' '.join(command)}\n{errors[-2000:]}")
    return seconds, peak[0] / 1024


def median_of(runs: int, step, before=None) -> dict:
    times, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        seconds, peak = step()
        times.append(seconds)
        peaks.append(peak)
    return {"median_s": round(statistics.median(times), 3), "runs_s": [round(t, 3) for t in times],
            "peak_mib": round(max(peaks), 1)}


def file_editor(path: Path, change):
    """(edit, restore): edit writes change(original text, n) to the file,
    n counting the calls (so every call is a change); restore puts it back."""
    original = path.read_text(encoding="utf-8")
    calls = [0]

    def edit() -> None:
        calls[0] += 1
        path.write_text(change(original, calls[0]), encoding="utf-8")

    def restore() -> None:
        path.write_text(original, encoding="utf-8")

    return edit, restore


def add_prose(text: str, n: int) -> str:
    return text + f"\nOne more short line, number {n}.\n"


# Validation targets (issue 15): absolute seconds for the bundled curriculum
# and M; at L, linear in size (its seconds per contact near M's).
TARGETS_S = {"bundled": 0.5, "M": 1.5}


def validation_measures(repo: Path, runs: int) -> dict:
    """The floor and a plain `curriculum validate`, their ratio, and the
    milliseconds per contact: of the whole run, and of the run above the
    floor (without Python's start-up and the reading of the files, which
    linearity is about)."""
    result = {
        "contacts": len(list((repo / "sessions").glob("*.md"))),
        "handouts": len(list((repo / "handouts").glob("*.md"))),
        "floor_read": median_of(runs, lambda: timed([PY, "-c", FLOOR, str(repo)])),
        "validate": median_of(runs, lambda: timed([PY, "-m", "curriculum", "validate", str(repo)])),
    }
    seconds = result["validate"]["median_s"]
    result["ratios"] = {"validate_over_floor": round(seconds / result["floor_read"]["median_s"], 2)}
    contacts = max(1, result["contacts"])
    result["per_contact_ms"] = round(1000 * seconds / contacts, 2)
    result["over_floor_per_contact_ms"] = round(1000 * (seconds - result["floor_read"]["median_s"]) / contacts, 2)
    return result


def measure_validation(size: str, runs: int, work: Path) -> dict:
    repo = REPO if size == "bundled" else generate(REPO, work / size / "repo", SIZES[size])
    return validation_measures(repo, runs)


def measure(size: str, runs: int, work: Path, pdfs: bool) -> dict:
    repo = generate(REPO, work / size / "repo", SIZES[size])
    out = work / size / "out"
    naive = work / size / "naive"
    subprocess.run([PY, str(HERE / "naive.py"), "prepare", str(repo), str(naive)], check=True)
    build = [PY, "-m", "curriculum", "build", str(repo), "--out", str(out)] + ([] if pdfs else ["--no-pdf"])
    edit_one_handout, restore = file_editor(sorted((repo / "handouts").glob("*.md"))[1], add_prose)
    edit_one_plan, restore_plan = file_editor(sorted((repo / "sessions").glob("*.md"))[1], add_prose)

    def naive_pipeline():
        shutil.rmtree(naive / "site", ignore_errors=True)
        site = timed([PY, "-m", "mkdocs", "build", "-q", "-f", str(naive / "mkdocs.yml"), "-d", str(naive / "site")])
        if not pdfs:
            return site
        pdf = timed([PY, str(HERE / "naive.py"), "pdfs", str(repo), str(naive / "pdf")])
        return site[0] + pdf[0], max(site[1], pdf[1])

    result = {
        "pdfs": pdfs,
        **validation_measures(repo, runs),
        "naive_build": median_of(runs, naive_pipeline),
        "cold_build": median_of(runs, lambda: timed(build), before=lambda: shutil.rmtree(out, ignore_errors=True)),
    }
    result["noop_rebuild"] = median_of(runs, lambda: timed(build))
    result["one_handout_edit"] = median_of(runs, lambda: timed(build), before=edit_one_handout)
    restore()
    if pdfs:  # a plan is printed by the manual and its card (issue 22: at most 15% of a cold build)
        result["one_plan_edit"] = median_of(runs, lambda: timed(build), before=edit_one_plan)
        restore_plan()
    if pdfs:  # like for like: our site alone against plain MkDocs alone, in a folder of its own
        site_only = [PY, "-m", "curriculum", "build", str(repo), "--out", str(work / size / "out-site"),
                     "--no-pdf", "--force"]
        result["site_only_build"] = median_of(runs, lambda: timed(site_only))
        result["naive_site"] = median_of(runs, lambda: timed(
            [PY, "-m", "mkdocs", "build", "-q", "-f", str(naive / "mkdocs.yml"), "-d", str(naive / "site")]))
    cold, naive_s = result["cold_build"]["median_s"], result["naive_build"]["median_s"]
    result["ratios"] = {
        **result["ratios"],
        "cold_over_naive": round(cold / naive_s, 2),
        "noop_over_cold": round(result["noop_rebuild"]["median_s"] / cold, 3),
        "edit_over_cold": round(result["one_handout_edit"]["median_s"] / cold, 3),
    }
    if pdfs:
        result["ratios"]["plan_edit_over_cold"] = round(result["one_plan_edit"]["median_s"] / cold, 3)
        result["ratios"]["site_over_naive_site"] = round(
            result["site_only_build"]["median_s"] / result["naive_site"]["median_s"], 2)
    return result


# Local editions (issue 19, item 4): ten editions cold at most 3x one build; a no-op at most 0.1x.
EDITION_TARGETS = {"ten_cold_over_one": 3.0, "noop_over_one": 0.1}
COPIED = ("programme.yml", "mkdocs.yml", "texts.yml", "sessions", "handouts", "facilitator_notes", "overrides",
          "images", "assets")


def edition_repository(dest: Path, count: int = 10) -> Path:
    """The bundled curriculum with `count` editions, each a copy of the first
    bundled edition under a title of its own (fictional areas 1 to count)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        elif source.is_file():
            shutil.copy2(source, dest / name)
    example = sorted(p.parent for p in (REPO / "editions").glob("*/edition.yml"))[0]
    for number in range(1, count + 1):
        folder = dest / "editions" / f"area-{number:02d}"
        shutil.copytree(example, folder)
        text = (folder / "edition.yml").read_text(encoding="utf-8")
        title = next(line for line in text.splitlines() if line.startswith("title:"))
        (folder / "edition.yml").write_text(text.replace(title, f"title: Baby Steps in Area {number}", 1),
                                            encoding="utf-8")
    return dest


def measure_editions(work: Path, count: int = 10) -> dict:
    """One cold build of the core; a cold `build --all-editions` (the core and
    `count` editions) into a fresh folder; then the same with nothing changed."""
    repo = edition_repository(work / "editions" / "repo", count)
    one_out, all_out = work / "editions" / "one", work / "editions" / "all"
    for folder in (one_out, all_out):
        shutil.rmtree(folder, ignore_errors=True)
    command = [PY, "-m", "curriculum", "build", str(repo)]
    one = timed([*command, "--out", str(one_out)])
    cold = timed([*command, "--out", str(all_out), "--all-editions"])
    noop = timed([*command, "--out", str(all_out), "--all-editions"])
    result = {"editions": count, "one_build": {"s": round(one[0], 3), "peak_mib": round(one[1], 1)},
              "all_editions_cold": {"s": round(cold[0], 3), "peak_mib": round(cold[1], 1)},
              "all_editions_noop": {"s": round(noop[0], 3), "peak_mib": round(noop[1], 1)}}
    result["ratios"] = {"ten_cold_over_one": round(cold[0] / one[0], 2), "noop_over_one": round(noop[0] / one[0], 3)}
    return result


def editions_table(result: dict) -> str:
    rows = [("measure", "seconds", "peak MiB", "ratio to one build", "target")]
    rows.append(("one build (core)", result["one_build"]["s"], result["one_build"]["peak_mib"], "1", ""))
    rows.append((f"core + {result['editions']} editions, cold", result["all_editions_cold"]["s"],
                 result["all_editions_cold"]["peak_mib"], result["ratios"]["ten_cold_over_one"],
                 f"<= {EDITION_TARGETS['ten_cold_over_one']}"))
    rows.append((f"core + {result['editions']} editions, no-op", result["all_editions_noop"]["s"],
                 result["all_editions_noop"]["peak_mib"], result["ratios"]["noop_over_one"],
                 f"<= {EDITION_TARGETS['noop_over_one']}"))
    return _aligned(rows)


def validation_table(results: dict) -> str:
    """Validation against the floor and the targets: absolute for the
    bundled curriculum and M, seconds per contact for linearity (L's
    against M's)."""
    rows = [("size", "contacts", "handouts", "floor", "validate", "validate/floor", "ms/contact",
             "over floor ms/contact", "target", "peak MiB")]
    for size, r in results.items():
        seconds = r["validate"]["median_s"]
        if size in TARGETS_S:
            target = f"<= {TARGETS_S[size]:g}s: {'met' if seconds <= TARGETS_S[size] else 'MISSED'}"
        elif size == "L" and results.get("M", {}).get("over_floor_per_contact_ms", 0) > 0:
            ratio = r["over_floor_per_contact_ms"] / results["M"]["over_floor_per_contact_ms"]
            target = f"linear: {ratio:.2f}x M's per contact"
        else:
            target = "-"
        rows.append((size, r["contacts"], r["handouts"], f"{r['floor_read']['median_s']:.2f}s", f"{seconds:.2f}s",
                     f"{r['ratios']['validate_over_floor']:g}", f"{r['per_contact_ms']:g}",
                     f"{r['over_floor_per_contact_ms']:g}", target,
                     f"{r['validate']['peak_mib']:.0f}"))
    return _aligned(rows)


def table(results: dict) -> str:
    rows = [("size", "contacts", "handouts", "floor", "validate", "naive", "cold", "no-op", "1 edit",
             "val/floor", "cold/naive", "noop/cold", "edit/cold", "plan/cold", "site/mkdocs", "peak MiB")]
    for size, r in results.items():
        if "cold_build" not in r:
            continue  # the bundled curriculum: validation only
        peak = max(r[k]["peak_mib"] for k in ("validate", "cold_build", "noop_rebuild", "one_handout_edit",
                                              "one_plan_edit") if k in r)
        rows.append((size + ("" if r["pdfs"] else " (site)"), r["contacts"], r["handouts"],
                     *(f"{r[k]['median_s']:.2f}s" for k in ("floor_read", "validate", "naive_build", "cold_build",
                                                            "noop_rebuild", "one_handout_edit")),
                     *(f"{r['ratios'][k]:g}" for k in ("validate_over_floor", "cold_over_naive", "noop_over_cold",
                                                         "edit_over_cold")),
                     f"{r['ratios'].get('plan_edit_over_cold', '-')}",
                     f"{r['ratios'].get('site_over_naive_site', r['ratios']['cold_over_naive']):g}", f"{peak:.0f}"))
    return _aligned(rows) + "\n\n" + validation_table(results)


def _aligned(rows) -> str:
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(str(cell).rjust(width) for cell, width in zip(row, widths)) for row in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="S,M")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--large", action="store_true", help="add L (site only)")
    parser.add_argument("--validate-only", action="store_true", help="measure only the floor and validate")
    parser.add_argument("--editions", action="store_true", help="measure only ten local editions against one build")
    args = parser.parse_args()
    if args.editions:
        run_editions()
        return
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()] + (["L"] if args.large else [])
    work = REPO / "build" / "bench"
    print("measuring bundled ...", file=sys.stderr)  # validation only: it has a target of its own
    results = {"bundled": measure_validation("bundled", args.runs, work)}
    for size in sizes:
        print(f"measuring {size} ...", file=sys.stderr)
        if args.validate_only:
            results[size] = measure_validation(size, args.runs, work)
        else:
            results[size] = measure(size, 1 if size == "L" else args.runs, work, pdfs=size != "L")
    report = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "cores": os.cpu_count(),
              "machine": platform.machine(), "python": platform.python_version(), "results": results}
    (REPO / "build").mkdir(exist_ok=True)
    name = "benchmarks-validate.json" if args.validate_only else "benchmarks.json"
    (REPO / "build" / name).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(validation_table(results) if args.validate_only else table(results))
    print(f"\nwritten: {REPO / 'build' / name}")


def run_editions() -> None:
    print("measuring ten local editions ...", file=sys.stderr)
    result = measure_editions(REPO / "build" / "bench")
    report = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "cores": os.cpu_count(),
              "machine": platform.machine(), "python": platform.python_version(), "editions": result}
    (REPO / "build").mkdir(exist_ok=True)
    (REPO / "build" / "benchmarks-editions.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(editions_table(result))
    print(f"\nwritten: {REPO / 'build' / 'benchmarks-editions.json'}")


if __name__ == "__main__":
    main()
