"""CUR510–512: plain English in parents handouts (rules/plain_english.py)."""

import pytest
from rule_cases import case, rule_case_tests

from curriculum.check.rules.plain_english import _PLAIN, BASE, KEPT_FORMS, PLAIN_WORDS, inflections

H = "handouts/shopping-list.md"

HARD = (
    "Commencing nutritional budgeting immediately following remuneration facilitates considerable "
    "financial stabilisation for the household. "
    "Consequently, participants should demonstrate organisational responsibility regarding "
    "comprehensive documentation of expenditure.\n"
)


def appended(text):
    """Text starting on line 19 of the handout (its last line is 17)."""
    return lambda body: body + "\n" + text


LONG = ("If your baby feels hot or sweaty, or is breathing fast, or will not feed, or you are worried for any "
        "other reason at all, even late at night or at the weekend when your surgery is closed, call 111 or your "
        "GP and say how old your baby is.\n")
SHORT = "If your baby feels hot, or will not feed, call 111. Say how old your baby is.\n"

CASES = [
    case("CUR512", {"handout": appended(LONG)}, [(H, 19, 1)], good={"handout": appended(SHORT)},
         name="one-long-sentence"),
    case("CUR512", {"handout": appended(SHORT), "programme": ("handout_max_grade: 7", "handout_max_grade: 7\n  sentence_max_words: 8")},
         [(H, 19, 1)], good={"handout": appended(LONG), "programme": ("handout_max_grade: 7", "handout_max_grade: 7\n  sentence_max_words: null")},
         name="limit-from-programme"),
    case("CUR510", {"handout": appended(HARD)}, [(H, 19, 1)],
         good={"handout": appended(HARD), "programme": ("handout_max_grade: 7", "handout_max_grade: 16")},
         name="grade"),
    case("CUR511", {"handout": appended("We will commence at ten.\n")}, [(H, 19, 9)],
         good={"handout": appended("We will start at ten.\n")}, name="commence"),
    case("CUR511", {"handout": appended("Utilise approximately half.\n")}, [(H, 19, 1), (H, 19, 9)],
         name="two-words"),
    case("CUR511", {"handout": appended("Commencing soon, it requires what we purchased.\n")},
         [(H, 19, 1), (H, 19, 21), (H, 19, 38)],
         good={"handout": appended("Starting soon, it needs what we bought.\n")}, name="inflections"),
    case("CUR511", {"handout": appended("It ensures the assisting staff indicates when obtaining it.\n")},
         [(H, 19, 4), (H, 19, 16), (H, 19, 32), (H, 19, 47)], name="more-inflections"),
    case("CUR511", {"handout": appended("We commenced utilising what was required.\n")},
         [(H, 19, 4), (H, 19, 14), (H, 19, 33)], name="past-forms"),
    case("CUR511", {"handout": appended("We will inform you.\n")}, [(H, 19, 9)],
         good={"handout": appended("It is your informed choice.\n")}, name="informed-choice-kept"),
    case("CUR511", {"handout": appended("Come in order to eat.\n")}, [(H, 19, 6)],
         good={"handout": appended("Come in orders to eat, prior tomorrow.\n")}, name="phrases-stay-exact"),
]


test_rule_reports_the_defect, test_rule_accepts_the_near_miss = rule_case_tests(CASES)


def test_grade_message_names_the_three_hardest_sentences(make, findings):
    [found] = findings(make(handout=appended(HARD)), "CUR510")
    assert found.message.startswith("reading grade ")
    assert "is over 7. Hardest sentences: line 19: \"Commencing nutritional budgeting" in found.message
    assert "line 19: \"Consequently, participants" in found.message
    assert found.message.count("line ") == 3


def test_plain_word_hint_gives_the_alternative(make, findings):
    [found] = findings(make(handout=appended("We will commence at ten.\n")), "CUR511")
    assert (found.message, found.hint) == ("'commence' has a plainer alternative", "try: start")
    assert found.severity.value == "warning"


@pytest.mark.parametrize("text, word, hint", [
    ("We are commencing now.", "commencing", "try: start (for 'commence')"),
    ("It Requires a pan.", "Requires", "try: need (for 'require')"),
    ("Get the requirements.", "requirements", "try: need (for 'requirement')"),
    ("It is purchased.", "purchased", "try: buy (for 'purchase')"),
    ("Utilizing a pan.", "Utilizing", "try: use (for 'utilize')"),
    ("Lots of assistance.", "assistance", "try: help"),
])
def test_plain_word_hint_gives_the_alternative_for_the_base_word(make, findings, text, word, hint):
    [found] = findings(make(handout=appended(text + "\n")), "CUR511")
    assert (found.message, found.hint) == (f"'{word}' has a plainer alternative", hint)


def test_every_form_of_every_entry_is_matched():
    for word in PLAIN_WORDS:
        for form in inflections(word) - KEPT_FORMS:
            assert _PLAIN.fullmatch(form) and BASE[form] in PLAIN_WORDS, form
    assert not any(_PLAIN.fullmatch(form) for form in KEPT_FORMS)
    assert inflections("in order to") == {"in order to"}
    assert inflections("commence") == {"commence", "commences", "commenced", "commencing"}
    assert inflections("assist") == {"assist", "assists", "assisted", "assisting"}


def test_facilitator_handouts_are_not_graded(make, where):
    root = make(handout=lambda text: appended(HARD)(text).replace("audience: parents", "audience: facilitators"))
    assert where(root, "CUR510") == []
    assert where(root, "CUR511") == []


def test_no_grade_limit_means_no_grade_check(make, where):
    root = make(handout=appended(HARD), programme=("  handout_max_grade: 7\n", ""))
    assert where(root, "CUR510") == []
