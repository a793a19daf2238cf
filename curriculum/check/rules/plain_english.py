"""CUR510–512: plain English in parents handouts."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...findings import Finding, Span, rule
from ...model import Curriculum
from .. import readability
from .audience import parent_handouts

# Long words with a plain alternative (after the Plain English Campaign's A–Z
# idea; the list is ours).
PLAIN_WORDS = {
    "accordingly": "so", "additional": "extra, more", "approximately": "about",
    "assist": "help", "assistance": "help", "commence": "start", "consequently": "so",
    "demonstrate": "show", "endeavour": "try", "ensure": "make sure", "facilitate": "help",
    "frequently": "often", "in order to": "to", "indicate": "show", "initiate": "start",
    "locate": "find", "majority": "most", "nevertheless": "but, still", "obtain": "get",
    "prior to": "before", "purchase": "buy", "regarding": "about",
    "require": "need", "requirement": "need", "subsequently": "later, then",
    "sufficient": "enough", "terminate": "end, stop", "utilise": "use", "utilize": "use",
    "whilst": "while", "numerous": "many", "commencement": "start", "discontinue": "stop",
    "inform": "tell", "per cent": "in 100", "remuneration": "pay", "residence": "home",
}


def inflections(word: str) -> set[str]:
    """The common forms of a single word: -s or -es, -ed or -d, -ing
    (dropping a final e). A phrase ("in order to") is matched as written."""
    if " " in word:
        return {word}
    if word.endswith("e"):
        return {word, word + "s", word + "d", word[:-1] + "ing"}
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return {word, word + "es", word + "ed", word + "ing"}
    return {word, word + "s", word + "ed", word + "ing"}


# every form -> the entry of PLAIN_WORDS it comes from (an entry wins over
# another entry's form: "requirement" is its own word, not a form of "require")
# Forms with a plain meaning of their own in maternity care ("an informed choice").
KEPT_FORMS = {"informed"}
BASE = {form: word for word in PLAIN_WORDS for form in inflections(word) if form not in KEPT_FORMS} | {
    word: word for word in PLAIN_WORDS}
# what any form of any entry contains: a cheap test before the regex
_STEMS = tuple(sorted({word[:-1] if word.endswith("e") and " " not in word else word for word in PLAIN_WORDS}))
_PLAIN = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(BASE, key=len, reverse=True)) + r")\b", re.I)


@rule("CUR510", "reading-grade")
def reading_grade(cur: Curriculum, options) -> Iterator[Finding]:
    """A parents handout reads at or below `rules.handout_max_grade`
    (Flesch–Kincaid grade; 6 is a reading age of about 11).

    Why: many parents in the programme read with difficulty; long sentences
    and long words shut them out. Headings and list items count as sentences.
    The message names the three hardest sentences, to rewrite first.

    Bad: "Commencing skin-to-skin contact immediately following delivery
    facilitates physiological stabilisation."
    Good: "Hold your baby skin to skin soon after the birth. It helps them
    settle."
    """
    if cur.programme is None or cur.programme.rules.handout_max_grade is None:
        return
    limit = cur.programme.rules.handout_max_grade
    for handout in parent_handouts(cur):
        found = readability.sentences(handout.doc.body, handout.doc.body_line)
        grade = readability.flesch_kincaid_grade(found)
        if grade > limit:
            hard = readability.hardest(found)
            listed = "; ".join(f"line {s.line}: \"{s.text[:80]}\"" for s in hard)
            yield reading_grade.at(Span(handout.doc.path, hard[0].line if hard else handout.doc.body_line, 1),
                                   f"reading grade {grade} is over {limit:g}. Hardest sentences: {listed}",
                                   "use shorter sentences (8–12 words) and everyday words")


@rule("CUR512", "sentence-too-long")
def sentence_too_long(cur: Curriculum, options) -> Iterator[Finding]:
    """No sentence of a parents handout is longer than
    `rules.sentence_max_words` words (25 unless set; `null` for no limit).

    Why: the reading grade is an average, so one long sentence can hide in
    an otherwise plain handout, and a parent who reads with difficulty loses
    the thread of it, often at the very advice that matters.

    Bad: one sentence of 40 words joining what to do, when, and who to call.
    Good: three short sentences: what to do; when; who to call.
    """
    if cur.programme is None or cur.programme.rules.sentence_max_words is None:
        return
    limit = cur.programme.rules.sentence_max_words
    for handout in parent_handouts(cur):
        for sentence in readability.sentences(handout.doc.body, handout.doc.body_line):
            if sentence.words > limit:
                yield sentence_too_long.at(Span(handout.doc.path, sentence.line, 1),
                                           f"a sentence of {sentence.words} words (the limit is {limit}): "
                                           f"\"{sentence.text[:80]}{'...' if len(sentence.text) > 80 else ''}\"",
                                           "split it into two or three short sentences")


@rule("CUR511", "plain-word", "warning")
def plain_word(cur: Curriculum, options) -> Iterator[Finding]:
    """A long word in a parents handout that has a plain alternative, in any
    common form of it ("requires", "required", "commencing"); phrases such
    as "in order to" are matched as written. The hint gives the alternative
    to the word's base form.

    Bad: "Approximately 1 in 10 parents..." or "You will be required to wait."
    Good: "About 1 in 10 parents..." or "You will need to wait."
    """
    for handout in parent_handouts(cur):
        lowered = handout.doc.body.lower()
        if not any(stem in lowered for stem in _STEMS):  # most handouts have none
            continue
        for index, line in enumerate(handout.doc.body.split("\n")):
            for match in _PLAIN.finditer(line):
                word = match.group(0)
                base = BASE[word.lower()]
                alternative = PLAIN_WORDS[base]
                yield plain_word.at(Span(handout.doc.path, handout.doc.body_line + index, match.start() + 1),
                                    f"'{word}' has a plainer alternative",
                                    f"try: {alternative}" if word.lower() == base else
                                    f"try: {alternative} (for '{base}')")
