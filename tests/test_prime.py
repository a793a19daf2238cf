"""Files parsed and checked in worker processes: a run that shares its work
among them reports exactly what a run in one process reports, and a worker
that fails costs only time."""

from __future__ import annotations

import importlib
import os
import threading

import pytest

from curriculum import prime, readability, validation_cache
from test_validation_cache import BAD, answer, fresh_answer

load_module = importlib.import_module("curriculum.load")
validate_module = importlib.import_module("curriculum.validate")


@pytest.fixture
def workers(monkeypatch):
    """Workers started for any number of files; returns how many files each
    run's workers parsed or checked."""
    monkeypatch.setattr(prime, "MIN_FILES", 1)
    monkeypatch.setenv("CURRICULUM_VALIDATE_WORKERS", "2")
    shared, real = [], prime.prime

    def counted(*args, **kwargs):
        shared.append(real(*args, **kwargs))
        return shared[-1]

    monkeypatch.setattr(validate_module, "prime", counted)
    return shared


def parsed_here(monkeypatch) -> list[str]:
    """The content files this process parses (a worker's parsing is its own)."""
    parsed, real = [], load_module.parse_markdown

    def spy(data, rel, digest=None):
        parsed.append(rel)
        return real(data, rel, digest)

    monkeypatch.setattr(load_module, "parse_markdown", spy)
    return parsed


@pytest.mark.parametrize("code, bad, expected, good", BAD)
def test_a_first_run_shared_among_workers_finds_what_one_process_finds(make, workers, code, bad, expected, good):
    root = make(**bad)
    assert answer(root) == fresh_answer(root)
    assert answer(root) == fresh_answer(root)  # and what the workers made answers the next run


def test_the_workers_parse_and_check_and_this_process_does_neither(make, workers, monkeypatch):
    root = make(handout=lambda t: t + "\nWe will utilise the list.\n")
    parsed = parsed_here(monkeypatch)
    checked, real = [], readability.sentences
    monkeypatch.setattr(readability, "sentences", lambda *a: checked.append(a) or real(*a))
    got = answer(root)
    assert workers == [5] and parsed == [] and checked == []
    assert any(f["code"] == "CUR511" and f["path"] == "handouts/shopping-list.md" for f in got[0])
    monkeypatch.undo()
    assert got == fresh_answer(root)


def test_a_changed_setting_is_checked_again_by_the_workers(make, workers, monkeypatch):
    root = make(handout=lambda t: t + "\nNutritional considerations necessitate comprehensive preparation.\n")
    answer(root)
    programme = root / "programme.yml"
    programme.write_text(programme.read_text().replace("handout_max_grade: 7", "handout_max_grade: 1"))
    parsed = parsed_here(monkeypatch)
    got = answer(root)
    assert workers[-1] == 5 and parsed == []  # every file checked again, none parsed again
    assert any(f["code"] == "CUR510" for f in got[0])
    assert got == fresh_answer(root)


def test_a_worker_that_dies_costs_only_time(make, workers, monkeypatch):
    root = make(handout=lambda t: t + "\nWe will utilise the list.\n")
    monkeypatch.setattr(prime, "_parse_and_check", lambda part: os._exit(3))
    got = answer(root)
    assert workers == [0]
    assert got == fresh_answer(root)
    assert any(f["code"] == "CUR511" for f in got[0])


def test_a_worker_that_fails_costs_only_time(make, workers, monkeypatch):
    root = make()

    def fails(part):
        raise RuntimeError("a bug in a worker")

    monkeypatch.setattr(prime, "_parse_and_check", fails)
    assert answer(root) == fresh_answer(root) and workers == [0]


def test_words_the_workers_counted_are_kept_for_a_later_run(make, workers, monkeypatch):
    """With the hyphenator: a later run in a new process meets a new word
    without parsing pyphen's dictionary again."""
    import pyphen

    root = make()
    readability.forget_counts()
    answer(root)
    counts, hyphenator = validation_cache.read_syllables(root, validation_cache.engine_key())
    assert counts.get("cupboard") == 2 and hyphenator is not None
    readability.forget_counts()  # as in a new process
    monkeypatch.setattr(pyphen.Pyphen, "__init__", lambda *a, **k: pytest.fail("pyphen's dictionary parsed again"))
    handout = root / "handouts" / "shopping-list.md"
    handout.write_text(handout.read_text() + "\nPlan three meals with your neighbours.\n")
    assert answer(root)[0] == fresh_answer(root)[0]
    assert readability.counted()[0]["neighbours"] == 2


@pytest.mark.parametrize("why", ["one core", "few files", "another thread"])
def test_no_worker_starts_where_it_would_not_pay_or_is_not_safe(make, workers, monkeypatch, why):
    root = make()
    if why == "one core":
        monkeypatch.setenv("CURRICULUM_VALIDATE_WORKERS", "1")
    elif why == "few files":
        monkeypatch.setattr(prime, "MIN_FILES", 6)  # the minimal curriculum has 5 content files
    running, stop = threading.Event(), threading.Event()
    if why == "another thread":
        thread = threading.Thread(target=lambda: (running.set(), stop.wait()))
        thread.start()
        running.wait()
    try:
        assert answer(root) == fresh_answer(root)
    finally:
        stop.set()
    assert workers == [0]
