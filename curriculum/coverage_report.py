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
    """A compact matrix: contacts are numbered columns (a key follows), each
    row says ok or what fails, and the requirement of each row is listed
    below, so the table fits a terminal even with many contacts."""
    from rich.console import Console
    from rich.table import Table

    order = [c for p, _ in cov.phases for c in cov.columns if c.phase == p]
    number = {column.id: index for index, column in enumerate(order, start=1)}
    table = Table(title="Coverage: contacts in delivery order", title_justify="left")
    table.add_column("item", no_wrap=True)
    for column in order:
        table.add_column(str(number[column.id]), justify="center", no_wrap=True)
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column("rule", no_wrap=True)
    for row in cov.rows:
        cells = [TICK if row.cells.get(c.id) else NONE for c in order]
        table.add_row(f"{row.kind}: {row.id}", *cells, str(row.count), "ok" if row.ok else "FAILS")
    buffer = io.StringIO()
    width = max(len(f"{r.kind}: {r.id}") for r in cov.rows) + 4 * len(order) + 24 if cov.rows else 80
    console = Console(file=buffer, width=max(80, width), no_color=True, highlight=False)
    console.print(table)
    lines = ["Contacts:"]
    titles = dict(cov.phases)
    for column in order:
        lines.append(f"  {number[column.id]:>3}  {column.id} ({column.kind}, {titles.get(column.phase, column.phase)}"
                     f"{', ' + column.timing if column.timing else ''})")
    lines.append("Rules:")
    for row in cov.rows:
        lines.append(f"  {row.kind}: {row.id}: {row.requirement}: {_status(row)}")
    return buffer.getvalue() + "\n".join(lines) + "\n"


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
