"""Plain-English measures (curriculum/readability.py): offline, line-aware."""

import socket
import subprocess
import sys

import pytest

from curriculum.check import readability
from curriculum.check.readability import flesch_kincaid_grade, hardest, sentences, unwrap_admonitions

SIMPLE = "Hold your baby close. It helps them feel safe. Talk to them. They like your voice."
HARD = ("Commencing skin-to-skin contact immediately following delivery facilitates physiological "
        "stabilisation of the neonatal cardiorespiratory parameters. Consequently, practitioners should "
        "demonstrate considerable organisational responsibility regarding documentation.")


def grade(text):
    return flesch_kincaid_grade(sentences(text))


def test_simple_text_grades_low_and_hard_text_high():
    assert grade(SIMPLE) < 2
    assert grade(HARD) > 16
    assert grade(SIMPLE + " " + HARD) > grade(SIMPLE)


def test_empty_text_grades_zero():
    assert grade("") == 0.0
    assert grade("![only an image](x.png)\n") == 0.0


def test_sentences_words_syllables_and_lines():
    found = sentences("Intro here.\n\nThe cat sat. A dog ran far away!\n", first_line=10)
    assert [(s.text, s.line, s.words) for s in found] == [
        ("Intro here.", 10, 2), ("The cat sat.", 12, 3), ("A dog ran far away!", 12, 5)]
    assert found[0].syllables == 3  # in-tro here


def test_headings_and_list_items_are_sentences_of_their_own():
    found = sentences("## Before you go\n\n- Look in the cupboard\n- Plan three meals\n\n| Day | Meal |\n|---|---|\n| Monday | Soup |\n")
    assert [s.text for s in found] == ["Before you go", "Look in the cupboard", "Plan three meals",
                                       "Day", "Meal", "Monday", "Soup"]


def test_attribute_lists_and_images_are_not_prose():
    found = sentences("## Safer sleep {#safer-sleep}\n\nLay your baby down ![a cot](cot.png) on their back.\n")
    assert [s.text for s in found] == ["Safer sleep", "Lay your baby down on their back."]


def test_admonition_bodies_are_counted_and_titles_stand_alone():
    text = 'Intro.\n\n!!! tip "Remember this"\n    Put your baby down on their back.\n\nAfter.\n'
    assert [(s.text, s.line) for s in sentences(text)] == [
        ("Intro.", 1), ("Remember this", 3), ("Put your baby down on their back.", 4), ("After.", 6)]


def test_hard_words_inside_an_admonition_raise_the_grade():
    plain = "Sleep is good.\n"
    boxed = plain + '\n!!! note\n    ' + HARD + "\n"
    assert grade(boxed) > grade(plain) + 10


def test_nested_and_collapsible_admonitions_are_unwrapped():
    text = ('!!! note "Outer"\n    Outer text.\n\n    ??? tip "Inner"\n        Inner text.\n\n'
            '???+ warning inline end\n    Last box.\n')
    assert [s.text for s in sentences(text)] == ["Outer", "Outer text.", "Inner", "Inner text.", "Last box."]


def test_unwrapping_keeps_line_numbers():
    text = '!!! note "A"\n    one\n\n    two\nthree\n'
    assert len(unwrap_admonitions(text).split("\n")) == len(text.split("\n"))


def test_hardest_sentences_are_long_and_full_of_long_words():
    found = sentences(SIMPLE + "\n\n" + HARD)
    assert [s.text[:12] for s in hardest(found)] == ["Commencing s", "Consequently", "Hold your ba"]
    assert len(hardest(found, 1)) == 1


def test_grade_works_without_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    readability.syllables.cache_clear()  # count anew, with a new hyphenator
    readability._hyphenator.cache_clear()
    assert grade(HARD) > 16


def test_a_fresh_process_grades_without_network():
    code = (
        "import socket\n"
        "def no_network(*a, **k): raise OSError('network disabled')\n"
        "socket.socket = no_network\nsocket.create_connection = no_network\n"
        "from curriculum.check.readability import flesch_kincaid_grade, sentences\n"
        f"print(flesch_kincaid_grade(sentences({HARD!r})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) > 16


@pytest.mark.parametrize("word, count", [("baby", 2), ("cat", 1), ("a", 1), ("stabilisation", 5)])
def test_syllables(word, count):
    assert readability.syllables(word) == count


def test_sentence_splitting_of_the_bundled_handouts_is_unchanged_by_its_shortcuts():
    """The shortcuts (no `{`, no sentence end) give what the full regex work gives."""
    from pathlib import Path

    from curriculum.check import readability as r
    from curriculum.markdown_scan import plain_inline

    for path in sorted((Path(__file__).resolve().parent.parent / "handouts").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        slow = []
        for line, inline in r.blocks(text):
            plain = " ".join(plain_inline(r._ATTRS.sub("", inline)).split())
            for part in r._SENTENCE_END.split(plain):
                words = r._WORD.findall(part)
                if words:
                    slow.append(r.Sentence(part.strip(), line, len(words), sum(r.syllables(w) for w in words)))
        assert r.sentences(text) == slow, path.name


def test_syllables_are_counted_as_textstat_counts_them():
    """Every word of the bundled curriculum, and awkward ones, against
    textstat 0.7.4 (a test dependency only: its import is slow)."""
    import re
    from pathlib import Path

    textstat = pytest.importorskip("textstat")
    repo = Path(__file__).resolve().parent.parent
    words = {"don't", "baby's", "baby’s", "o'clock", "rock-a-bye", "111", "NHS", "x", "I", "it'll", "ice-cream"}
    for folder in ("handouts", "sessions", "facilitator_notes"):
        for path in (repo / folder).glob("*.md"):
            words.update(re.findall(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*", path.read_text(encoding="utf-8")))
    assert len(words) > 3000
    differ = {w: (readability.syllables(w), max(1, textstat.syllable_count(w.lower())))
              for w in words if readability.syllables(w) != max(1, textstat.syllable_count(w.lower()))}
    assert differ == {}


def test_reading_grades_import_neither_textstat_nor_the_network():
    code = ("import sys\nfrom curriculum.check.readability import flesch_kincaid_grade, sentences\n"
            f"flesch_kincaid_grade(sentences({HARD!r}))\n"
            "print('textstat' in sys.modules, 'pkg_resources' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["False", "False"], result.stderr
