"""The coverage matrix as text, JSON, CSV or Markdown (pure: strings out)."""

from __future__ import annotations

import csv
import io
import json
from typing import Callable

from .coverage import Coverage

TICK, NONE = "✓", "·"


def _status(row) -> str:
    return "ok" if row.ok else "FAILS: " + "; ".join(row.problems)


def _header(cov: Coverage) -> list[str]:
    return [column.id for column in cov.columns]


def as_text(cov: Coverage) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Coverage: contacts in delivery order", show_lines=False)
    table.add_column("item")
    for phase_id, phase_title in cov.phases:
        for index, column in enumerate(c for c in cov.columns if c.phase == phase_id):
            table.add_column(f"{column.id}", justify="center", header_style="bold" if index == 0 else "")
    table.add_column("n", justify="right")
    table.add_column("rule")
    order = [c for p, _ in cov.phases for c in cov.columns if c.phase == p]
    for row in cov.rows:
        cells = [TICK if row.cells.get(c.id) else NONE for c in order]
        table.add_row(f"{row.kind}: {row.id}", *cells, str(row.count), f"{row.requirement}: {_status(row)}")
    buffer = io.StringIO()
    Console(file=buffer, width=max(120, 24 + 6 * len(order) + 60), no_color=True).print(table)
    return buffer.getvalue()


def as_json(cov: Coverage) -> str:
    return json.dumps(cov.as_dict(), ensure_ascii=False, indent=2) + "\n"


def as_csv(cov: Coverage) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["kind", "id", "title", *_header(cov), "count", "requirement", "ok", "problems"])
    for row in cov.rows:
        writer.writerow([row.kind, row.id, row.title,
                         *(" ".join(row.cells.get(c.id, ())) for c in cov.columns),
                         row.count, row.requirement, "yes" if row.ok else "no", "; ".join(row.problems)])
    return buffer.getvalue()


def as_markdown(cov: Coverage) -> str:
    head = ["Item", *_header(cov), "Count", "Rule"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in cov.rows:
        cells = [TICK if row.cells.get(c.id) else " " for c in cov.columns]
        lines.append("| " + " | ".join([f"{row.kind}: {row.title}", *cells, str(row.count),
                                        f"{row.requirement}: {_status(row)}"]) + " |")
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Callable[[Coverage], str]] = {
    "text": as_text, "json": as_json, "csv": as_csv, "markdown": as_markdown,
}
