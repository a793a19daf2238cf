"""The coverage matrix as text, JSON, CSV or Markdown (pure: strings out).

Every format names, for each row, the rule codes that check it and, for each
failure, the code of the rule that reports it (`ok (CUR301, CUR302)`,
`FAILS CUR302: not covered in phase 'Later'`), and shows which phase each
contact column belongs to.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Callable

from ..check.coverage import Column, Coverage, Row

TICK, NONE = "✓", "·"
WIDTH = 100  # the text output's lines fit a terminal this wide (the table, while it can)


def _groups(cov: Coverage) -> list[tuple[str, list[Column]]]:
    """(phase title, its contacts in delivery order) for each phase with
    contacts, in programme order; a contact of an unknown phase is grouped
    under that phase's id, after the known ones."""
    titles = dict(cov.phases)
    order = list(titles) + [c.phase for c in cov.columns if c.phase not in titles]
    groups = []
    for phase in dict.fromkeys(order):
        members = [c for c in cov.columns if c.phase == phase]
        if members:
            groups.append((titles.get(phase, phase), members))
    return groups


def _codes(row: Row) -> str:
    """The table's short status: `ok`, or `FAILS` and the failing rules."""
    return "ok" if row.ok else "FAILS " + ", ".join(dict.fromkeys(f.code for f in row.failures))


def _label(row: Row) -> str:
    return f"{row.kind}: {row.id}"


def as_text(cov: Coverage) -> str:
    """A compact matrix: contacts are numbered columns under a header that
    spans each phase (a key follows), each row says ok or which rules fail,
    and each row's requirement and full status are listed below."""
    groups = _groups(cov)
    ordered = [column for _, members in groups for column in members]
    number = {column.id: index for index, column in enumerate(ordered, start=1)}
    digits = max(2, len(str(len(ordered))))

    def contacts(members: list[Column], mark) -> str:
        return " ".join(mark(c).rjust(digits) for c in members)

    # each block is (top header, bottom header, [body cells]) and an alignment
    blocks: list[tuple[str, str, list[str], str]] = [
        ("", "item", [_label(row) for row in cov.rows], "<")]
    for title, members in groups:
        blocks.append((title, contacts(members, lambda c: str(number[c.id])),
                       [contacts(members, lambda c, row=row: TICK if row.cells.get(c.id) else NONE)
                        for row in cov.rows], "<"))
    blocks.append(("", "n", [str(row.count) for row in cov.rows], ">"))
    blocks.append(("", "status", [_codes(row) for row in cov.rows], "<"))
    widths = [max(len(top), len(bottom), *(len(cell) for cell in body)) for top, bottom, body, _ in blocks]

    def line(cells: list[str]) -> str:
        return "│" + "│".join(f" {cell:{align}{width}} " for cell, width, (*_, align)
                                in zip(cells, widths, blocks)) + "│"

    def rule(left: str, middle: str, right: str) -> str:
        return left + middle.join("─" * (width + 2) for width in widths) + right

    lines = ["Coverage: contacts in delivery order", rule("┌", "┬", "┐"),
             line([top for top, *_ in blocks]), line([bottom for _, bottom, *_ in blocks]), rule("├", "┼", "┤")]
    lines += [line([body[index] for _, _, body, _ in blocks]) for index in range(len(cov.rows))]
    lines.append(rule("└", "┴", "┘"))
    lines.append("Contacts:")
    for title, members in groups:
        for column in members:
            lines.append(f"  {number[column.id]:>3}  {column.id} ({column.kind}, {title}"
                         f"{', ' + column.timing if column.timing else ''})")
    lines.append("Rules:")
    for row in cov.rows:
        lines += _rule_lines(row)
    return "\n".join(lines) + "\n"


def _wrap(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False)


def _rule_lines(row: Row) -> list[str]:
    """`  kind: id: requirement: status` on one line when it fits; else the
    status starts a line of its own, indented under the row."""
    whole = f"  {_label(row)}: {row.requirement}: {row.status}"
    if len(whole) <= WIDTH:
        return [whole]
    return _wrap(f"{_label(row)}: {row.requirement}:", "  ", "      ") + _wrap(row.status, "      ", "        ")


def as_json(cov: Coverage) -> str:
    return json.dumps(cov.as_dict(), ensure_ascii=False, indent=2) + "\n"


def as_csv(cov: Coverage) -> str:
    """A header row, then a `phase` row naming each contact column's phase,
    then a row per item."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    titles = dict(cov.phases)
    writer.writerow(["kind", "id", "title", *(c.id for c in cov.columns),
                     "count", "requirement", "rules", "ok", "problems"])
    writer.writerow(["phase", "", "", *(titles.get(c.phase, c.phase) for c in cov.columns), "", "", "", "", ""])
    for row in cov.rows:
        writer.writerow([row.kind, row.id, row.title,
                         *(" ".join(row.cells.get(c.id, ())) for c in cov.columns),
                         row.count, row.requirement, " ".join(row.rules), "yes" if row.ok else "no",
                         "; ".join(f"{f.code}: {f.message}" for f in row.failures)])
    return buffer.getvalue()


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def as_markdown(cov: Coverage) -> str:
    """Contact columns are labelled `phase: contact`, so a reader sees the
    phase grouping in the one header row Markdown allows."""
    titles = dict(cov.phases)
    head = ["Item", *(f"{titles.get(c.phase, c.phase)}: {c.id}" for c in cov.columns), "Count", "Rule"]
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |", "|" + "---|" * len(head)]
    for row in cov.rows:
        cells = [TICK if row.cells.get(c.id) else " " for c in cov.columns]
        lines.append("| " + " | ".join([_cell(f"{row.kind}: {row.title}"), *cells, str(row.count),
                                        _cell(f"{row.requirement}: {row.status}")]) + " |")
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Callable[[Coverage], str]] = {
    "text": as_text, "json": as_json, "csv": as_csv, "markdown": as_markdown,
}
