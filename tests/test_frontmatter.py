"""The one front-matter reader (curriculum/frontmatter.py)."""

import pytest

from curriculum.source import frontmatter
from curriculum.source.frontmatter import Split, decode, extra_block, split


def test_front_matter_and_body_with_their_file_lines():
    part = split("---\nid: a\ntitle: A\n---\n\n## Heading\n")
    assert part == Split(front="id: a\ntitle: A", front_line=2, body="\n## Heading\n", body_line=5)


def test_empty_front_matter_is_split_not_refused():
    part = split("---\n---\nBody\n")
    assert (part.front, part.body, part.body_line, part.problem) == ("", "Body\n", 3, None)


def test_fences_may_carry_trailing_spaces():
    assert split("--- \nid: a\n---\t\nBody").front == "id: a"


@pytest.mark.parametrize("data", [
    b"---\r\nid: a\r\n---\r\nBody\r\n",  # Windows
    b"\xef\xbb\xbf---\nid: a\n---\nBody\n",  # BOM
    b"\xef\xbb\xbf---\r\nid: a\r\n---\r\nBody\r\n",  # both
    b"---\rid: a\r---\rBody\r",  # classic Mac
])
def test_crlf_cr_and_bom_are_normalised(data):
    text = decode(data)
    assert text == "---\nid: a\n---\nBody\n"
    assert split(text).front == "id: a"


def test_decode_is_strict_utf8():
    with pytest.raises(UnicodeDecodeError):
        decode(b"---\ntitle: caf\xe9\n---\n")


def test_bom_only_at_the_start_is_removed():
    assert decode("a\ufeffb".encode()) == "a\ufeffb"


@pytest.mark.parametrize("text, problem, line", [
    ("", "missing", 1),
    ("Just text\n", "missing", 1),
    ("----\nid: a\n----\n", "missing", 1),  # four dashes is not a fence
    ("\n---\nid: a\n---\n", "not-first-line", 2),
    ("\n\n  \n---\nid: a\n---\n", "not-first-line", 4),
    ("---\nid: a\n", "unclosed", 1),
    ("---\nid: a\n...\nBody\n", "dots", 3),
])
def test_problems_and_where_they_are(text, problem, line):
    part = split(text)
    assert (part.problem, part.problem_line) == (problem, line)
    assert part.front is None and part.body == text


def test_dashes_inside_a_yaml_value_do_not_close():
    part = split("---\ntitle: a --- b\n---\nBody")
    assert part.front == "title: a --- b"


@pytest.mark.parametrize("body, index", [
    ("---\ntitle: Again\n---\n", 0),
    ("\n\n---\nid: x\nthemes:\n  - a\n# note\n---\nText\n", 2),
])
def test_a_second_front_matter_block_is_found(body, index):
    assert extra_block(body) == index


@pytest.mark.parametrize("body", [
    "",
    "Text\n\n---\n\nMore text\n",  # a thematic break in the middle
    "---\n\nA paragraph after a rule.\n\n---\n",  # prose between two rules
    "---\n\n- a list after a rule\n\n---\n",  # no key at all
    "---\ntitle: never closed\n",
])
def test_rules_and_prose_are_not_front_matter(body):
    assert extra_block(body) is None


def test_line_of_offset():
    assert frontmatter.line_of_offset("a\nb\nc", 4) == 3
