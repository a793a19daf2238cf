"""CUR153, CUR262–263, CUR522: the weekly texts translated
(translations/<lang>/texts.yml, rules/translated_texts.py); and the checks
every translation has (CUR150, CUR151, CUR260, CUR850, CUR851) on that file."""

from rule_cases import case, rule_case_tests

from curriculum.check.validate import validate
from curriculum.source.translations import source_hash

TEXTS = """\
- id: hello
  when: {weeks_pregnant: 30}
  text: "Hello from the programme. We are glad you are here."
- id: shop
  when: {weeks_pregnant: 31}
  text: "Take your list to the shop. It helps you spend less."
"""
TEXTS_HASH = source_hash(TEXTS.encode())
PL_T = "translations/pl/texts.yml"
PL_TEXTS = f"""\
translated_from: {TEXTS_HASH}
texts:
  - id: hello
    text: "Dzień dobry od zespołu. Cieszymy się, że jesteś z nami."
  - id: shop
    text: "Weź listę do sklepu. To pomaga wydać mniej."
"""


def pl_texts(*edits) -> dict:
    text = PL_TEXTS
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    return {"texts.yml": TEXTS, PL_T: text}


LONG_POLISH = "Zadzwoń do położnej od razu, gdy dziecko rusza się mniej. " * 4  # 232 characters: 4 parts


CASES = [
    case("CUR150", pl_texts((f"translated_from: {TEXTS_HASH}\n", "")), [(PL_T, 1, 1)], good=pl_texts(),
         name="texts-missing"),
    case("CUR151", pl_texts((f"translated_from: {TEXTS_HASH}", "translated_from: v2")), [(PL_T, 1, 1)],
         good=pl_texts(), name="texts-malformed"),
    case("CUR260", {PL_T: PL_TEXTS}, [(PL_T, 1, 1)], good=pl_texts(), name="texts-without-source"),
    case("CUR850", pl_texts((TEXTS_HASH, "0123456789ab")), [(PL_T, 1, 1)], good=pl_texts(), name="texts-changed"),
    case("CUR851", pl_texts(), [(PL_T, 1, 1)],
         good=pl_texts(("texts:", "reviewed: 2026-11-30\nreviewed_by: położna\ntexts:")), name="texts-unreviewed"),
    case("CUR153", pl_texts(('"Weź listę do sklepu. To pomaga wydać mniej."', '"  "')), [(PL_T, 6, 5)],
         good=pl_texts(('"Weź listę do sklepu. To pomaga wydać mniej."', '"Lista."')), name="empty"),
    case("CUR153", pl_texts(('\n    text: "Weź listę do sklepu. To pomaga wydać mniej."', "")), [(PL_T, 5, 5)],
         name="no-text-key"),
    case("CUR262", pl_texts(("- id: shop", "- id: shopping")), [(PL_T, 5, 5)],
         good=pl_texts(), name="unknown-id"),
    case("CUR263", pl_texts(("- id: shop", "- id: hello")), [(PL_T, 5, 5)], good=pl_texts(), name="duplicate-id"),
    case("CUR522", pl_texts(('"Weź listę do sklepu. To pomaga wydać mniej."', f'"{LONG_POLISH.strip()}"')),
         [(PL_T, 6, 5)], good=pl_texts(('"Weź listę do sklepu. To pomaga wydać mniej."', f'"{"ą" * 201}"')),
         name="four-parts"),
    case("CUR522", {**pl_texts(('"Weź listę do sklepu. To pomaga wydać mniej."', f'"{"ą" * 135}"')),
                    "programme.yml": [("rules:", "rules:\n  translated_text_max_segments: 2")]},
         [(PL_T, 6, 5)], good={**pl_texts(('"Weź listę do sklepu. To pomaga wydać mniej."', f'"{"ą" * 134}"')),
                               "programme.yml": [("rules:", "rules:\n  translated_text_max_segments: 2")]},
         name="limit-set-in-programme"),
]

test_rule_reports_the_defect, test_rule_accepts_the_near_miss = rule_case_tests(CASES)


def test_a_text_not_translated_is_no_finding(make, where):
    root = make(**pl_texts(('  - id: shop\n    text: "Weź listę do sklepu. To pomaga wydać mniej."\n', "")))
    found = [f for f in validate(root).findings if f.path == PL_T and f.code != "CUR851"]
    assert found == []


def test_a_texts_file_that_is_not_a_mapping_is_reported_where_it_starts(make, where):
    root = make(**{"texts.yml": TEXTS, PL_T: "- id: hello\n  text: Dzień dobry.\n"})
    assert where(root, "CUR113") == [(PL_T, 1, 1)]


def test_each_text_is_read_on_its_own_so_one_bad_text_hides_no_other(make):
    """Line 3 is not a text, line 4 has no words, line 6 misspells `text`:
    each is reported at its line; the text between them is still read."""
    root = make(**pl_texts(("  - id: hello\n", "  - just words\n  - id: hello\n  - id: hello\n"),
                           ('    text: "Dzień dobry', '    tekst: "Dzień dobry')))
    found = [(f.code, f.line) for f in validate(root).findings if f.path == PL_T and f.severity.value == "error"]
    assert found == [("CUR110", 3), ("CUR153", 4), ("CUR111", 6)]
