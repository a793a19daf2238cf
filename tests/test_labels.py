"""Words and numbers the site and the PDFs both print (render/labels.py)."""

import datetime as dt

import pytest

from curriculum.model import Programme
from curriculum.render.labels import clock, duration, edition_label, long_date

BASE = {"title": "Dads Together", "roles": [{"id": "a", "title": "A"}], "phases": [{"id": "p", "title": "P"}],
        "themes": [], "contacts": [{"id": "c", "kind": "group", "phase": "p"}]}


@pytest.mark.parametrize("extra, expected", [
    ({}, "draft"),
    ({"version": "2.1"}, "version 2.1 · draft"),
    ({"version": 2.1, "released": dt.date(2026, 3, 1)}, "version 2.1 · 1 March 2026"),
    ({"released": "2026-03-01"}, "1 March 2026"),
])
def test_the_edition_is_words_a_reader_understands(extra, expected):
    assert edition_label(Programme.model_validate({**BASE, **extra})) == expected


def test_other_languages_get_an_unambiguous_date():
    programme = Programme.model_validate({**BASE, "version": "3", "released": dt.date(2026, 3, 1)})
    assert edition_label(programme, "pl") == "version 3 · 2026-03-01"


@pytest.mark.parametrize("minutes, start, length", [(0, "0:00", "0 minutes"), (25, "0:25", "25 minutes"),
                                                    (65, "1:05", "1 hour 5 minutes"), (120, "2:00", "2 hours"),
                                                    (61, "1:01", "1 hour 1 minute")])
def test_clock_and_duration(minutes, start, length):
    assert clock(minutes) == start and duration(minutes) == length


def test_long_date():
    assert long_date(dt.date(2026, 12, 4)) == "4 December 2026" and long_date(None) == ""
