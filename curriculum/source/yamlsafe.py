"""Safe YAML with source positions.

PyYAML maps no value to a line, keeps the last of duplicate keys, expands
aliases (a 519-byte alias bomb walks for minutes) and types `no` as False.
We refuse anchors and aliases from the event stream before anything is
composed, compose with the safe loader, and build plain Python values while
recording where every key and list item stands.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is 5-8x faster; the pure loader gives the same nodes.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

Loc = tuple  # ("activities", 0, "minutes")

_STR_TAG = "tag:yaml.org,2002:str"
MAX_DEPTH = 40


@dataclass(frozen=True)
class YamlProblem:
    kind: str  # syntax | duplicate-key | alias | tab | depth
    line: int
    column: int
    message: str
    hint: str = ""


@dataclass
class YamlDoc:
    data: Any = None
    spans: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    # Plain scalars YAML typed as something other than text: loc -> source text.
    coerced: dict[Loc, str] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)


class _Lines:
    """File line and column of a YAML mark, from its character index.

    YAML also breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR
    (pasted from the web or a word processor), so `mark.line` can run ahead
    of the file's own lines; the index does not.
    """

    def __init__(self, text: str, first_line: int):
        self.text_length = len(text)
        self.first_line = first_line
        self.starts = [0]
        newline = text.find("\n")
        while newline != -1:
            self.starts.append(newline + 1)
            newline = text.find("\n", newline + 1)

    def at(self, mark) -> tuple[int, int]:
        if mark is None:
            return self.first_line, 1
        index = min(max(mark.index, 0), self.text_length)
        row = bisect.bisect_right(self.starts, index) - 1
        return self.first_line + row, index - self.starts[row] + 1


def load(text: str, first_line: int = 1) -> YamlDoc:
    """Parse one YAML document. `first_line` is the file line of text's line 1."""
    doc = YamlDoc()
    for number, line in enumerate(text.split("\n") if "\t" in text else (), start=first_line):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t") or (line.startswith("\t")):
            doc.problems.append(
                YamlProblem("tab", number, len(line) - len(stripped) + 1,
                            "a tab is used for indentation",
                            "YAML indents with spaces only: replace the tab with spaces")
            )
            return doc
    lines = _Lines(text, first_line)
    try:
        # Anchors and aliases need `&` or `*`; only then read the events first.
        events = yaml.parse(text, Loader=_Loader) if ("&" in text or "*" in text) else ()
        for event in events:
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line, col = lines.at(event.start_mark)
                doc.problems.append(
                    YamlProblem("alias", line, col, "YAML anchors and aliases (& and *) are not allowed",
                                "write the value out in full where it is needed")
                )
                return doc
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        line, col = lines.at(_where(error))
        text_line = text.split("\n")[line - first_line] if line - first_line < text.count("\n") + 1 else ""
        message, hint = _explain(error, line, text_line)
        doc.problems.append(YamlProblem("syntax", line, col, message, hint))
        return doc
    except (yaml.YAMLError, ValueError, RecursionError, MemoryError) as error:
        doc.problems.append(
            YamlProblem("syntax", first_line, 1, f"YAML cannot be read: {type(error).__name__}",
                        "simplify this YAML: check brackets, quotes and nesting")
        )
        return doc
    if node is None:
        return doc
    constructor = _Loader("")
    try:
        doc.data = _build(node, (), doc, constructor, lines, 0)
    except RecursionError:
        doc.problems.append(YamlProblem("depth", first_line, 1, "YAML is nested too deeply", "flatten the structure"))
        doc.data = None
    return doc


def _where(error: yaml.MarkedYAMLError):
    """The mark to show: where an unclosed bracket or quote opened, or the
    line that lacks its `:`, rather than where the parser gave up (the end
    of the text, the next line); else the problem."""
    context = error.context or ""
    unclosed = context.startswith(("while parsing a flow", "while scanning a quoted", "while scanning a simple key")) or \
        "end of stream" in (error.problem or "")
    if error.context_mark is not None and (unclosed or error.problem_mark is None):
        return error.context_mark
    return error.problem_mark


_COLON_HINT = 'a value holding ": " must be quoted, e.g. title: "Birth: what to expect"'


def _explain(error: yaml.MarkedYAMLError, line: int, text_line: str) -> tuple[str, str]:
    """PyYAML's complaint in the author's words, and how to fix it (the
    pure and the libyaml loaders word the same mistakes differently)."""
    context, problem = error.context or "", error.problem or ""
    if "mapping values are not allowed" in problem:
        return f"line {line} has a second `: ` inside a value", _COLON_HINT
    if "flow sequence" in context:
        return (f"the list opened with `[` on line {line} is not closed with `]`",
                "close it with `]`, and put any item holding a comma or `: ` in quotes")
    if "flow mapping" in context:
        return (f"the mapping opened with `{{` on line {line} is not closed with `}}`",
                "close it with `}`, and put any value holding a comma or `: ` in quotes")
    if "quoted scalar" in context:
        return f"the quote opened on line {line} is never closed", "add the closing quote, the same kind as the opening one"
    if "simple key" in context:
        return f"line {line} has no `: ` after its key", "write `key: value`, or join the text to the line above"
    if "block collection" in context or "block mapping" in context:
        if text_line.lstrip(" ").startswith("-"):
            return (f"the list item on line {line} is indented differently from the one above",
                    "start every `- ` of one list in the same column, with spaces")
        return (f"line {line} is indented differently from the line above",
                "start the keys of one item in the same column, with spaces")
    words = " ".join(filter(None, [context, problem]))
    return f"YAML cannot be read: {words}", "check quotes, colons and indentation on this line and the one before"


_STANDARD_TAGS = {"tag:yaml.org,2002:" + name for name in
                  ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


def _build(node, loc: Loc, doc: YamlDoc, constructor, lines: _Lines, depth: int) -> Any:
    if depth > MAX_DEPTH:
        line, col = lines.at(node.start_mark)
        doc.problems.append(YamlProblem("depth", line, col, "YAML is nested too deeply", "flatten the structure"))
        return None
    if node.tag not in _STANDARD_TAGS:
        # `!!python/object/apply:...`, `!ENV`, `!!set`: never constructed.
        line, col = lines.at(node.start_mark)
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")[:60]
        doc.problems.append(YamlProblem("syntax", line, col, f"YAML tag '{shown}' is not allowed",
                                        "remove the `!` tag and write a plain value"))
        return None
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, loc, doc, constructor, lines, depth)
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            doc.spans[loc + (index,)] = lines.at(item.start_mark)
            items.append(_build(item, loc + (index,), doc, constructor, lines, depth + 1))
        return items
    return _scalar(node, loc, doc, constructor, lines)


def _mapping(node, loc: Loc, doc: YamlDoc, constructor, lines: _Lines, depth: int) -> dict:
    result: dict = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            line, col = lines.at(key_node.start_mark)
            doc.problems.append(YamlProblem("syntax", line, col, "a key must be plain text", ""))
            continue
        key = key_node.value
        line, col = lines.at(key_node.start_mark)
        if key in result:
            first = doc.spans.get(loc + (key,), (line, col))[0]
            doc.problems.append(
                YamlProblem("duplicate-key", line, col,
                            f"key '{key}' appears twice (first on line {first})",
                            "keep one of them: YAML would silently use the last")
            )
            continue
        doc.spans[loc + (key,)] = (line, col)
        result[key] = _build(value_node, loc + (key,), doc, constructor, lines, depth + 1)
    return result


def _unreadable_value(node, loc: Loc) -> tuple[str, str]:
    """A plain value YAML took for a date or a number it cannot build."""
    key = next((part for part in reversed(loc) if isinstance(part, str)), "date")
    if node.tag.endswith(":timestamp"):
        return f"'{node.value[:40]}' is not a real date", f"write the date as year-month-day, e.g. {key}: 2026-03-01"
    return f"'{node.value[:40]}' cannot be read as a number", "write a shorter number, or put it in quotes if it is text"


def _scalar(node, loc: Loc, doc: YamlDoc, constructor, lines: _Lines) -> Any:
    if node.tag == _STR_TAG:
        return node.value  # what the safe constructor gives a string, without its dispatch (most scalars)
    try:
        value = constructor.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.YAMLError):
        line, col = lines.at(node.start_mark)
        doc.problems.append(YamlProblem("syntax", line, col, *_unreadable_value(node, loc)))
        return node.value
    # A plain scalar has style None from the pure loader and '' from libyaml.
    if node.tag != _STR_TAG and not node.style and not isinstance(value, str) and value is not None:
        doc.coerced[loc] = node.value
    return value
