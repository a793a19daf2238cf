"""CUR150–152, CUR260–261, CUR520–521, CUR850–851: translations
(rules/translations.py, source/translations.py)."""


from conftest import MINIMAL
from rule_cases import case, rule_case_tests

from curriculum.source.translations import source_hash

H = "handouts/shopping-list.md"
W = "sessions/week-1.md"
PL_H = "translations/pl/handouts/shopping-list.md"
PL_W = "translations/pl/sessions/week-1.md"
HASH = source_hash((MINIMAL / H).read_bytes())
WEEK_HASH = source_hash((MINIMAL / W).read_bytes())

PL_HANDOUT = f"""---
id: shopping-list
title: Twoja lista zakupów
audience: parents
themes: [shopping]
summary: Lista do zabrania do sklepu.
translated_from: {HASH}
---

Zapisz, czego potrzebujesz, zanim wyjdziesz. To pomaga wydać mniej.

## Zanim wyjdziesz

- Zajrzyj do szafki.
- Zaplanuj trzy posiłki.
- Napisz listę.
"""


def week_1_in_polish(text: str) -> str:
    """The plan's source with its words translated and translated_from added (line 2)."""
    text = text.replace("---\n", f"---\ntranslated_from: {WEEK_HASH}\n", 1)
    return text.replace("title: Planning and shopping", "title: Planowanie i zakupy")


def translated_week_1(*edits):
    def make(_old: str) -> str:
        text = week_1_in_polish((MINIMAL / W).read_text(encoding="utf-8"))
        for old, new in edits:
            assert old in text
            text = text.replace(old, new, 1)
        return text
    return make


def pl(*edits) -> str:
    text = PL_HANDOUT
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    return text


CASES = [
    case("CUR150", {PL_H: pl((f"translated_from: {HASH}\n", ""))}, [(PL_H, 1, 1)], good={PL_H: pl()},
         name="missing"),
    case("CUR151", {PL_H: pl((f"translated_from: {HASH}", "translated_from: 2026-03-01"))}, [(PL_H, 7, 1)],
         good={PL_H: pl((f"translated_from: {HASH}", f'translated_from: "{HASH}"'))}, name="a-date"),
    case("CUR151", {PL_H: pl((f"translated_from: {HASH}", f"translated_from: {HASH.upper()}x"))}, [(PL_H, 7, 1)],
         name="not-hex"),
    case("CUR152", {"translations/Polish/handouts/shopping-list.md": PL_HANDOUT},
         [("translations/Polish", None, None)], good={"translations/pt-BR/handouts/shopping-list.md": PL_HANDOUT},
         name="folder"),
    case("CUR260", {"translations/pl/handouts/shoping-list.md": pl(("id: shopping-list", "id: shoping-list"))},
         [("translations/pl/handouts/shoping-list.md", 1, 1)], good={PL_H: pl()}, name="misspelt"),
    case("CUR260", {"translations/pl/recipes/soup.md": PL_HANDOUT}, [("translations/pl/recipes/soup.md", 1, 1)],
         name="not-a-source-folder"),
    case("CUR261", {PL_H: pl(("themes: [shopping]", "themes: [shopping, cooking]"))}, [(PL_H, 5, 1)],
         good={PL_H: pl(("summary: Lista do zabrania do sklepu.", "summary: Inne słowa, ta sama treść."))},
         name="themes"),
    case("CUR261", {PL_W: translated_week_1(("    minutes: 40", "    minutes: 30"))}, [(PL_W, 26, 5)],
         good={PL_W: translated_week_1(("title: Plan three meals", "title: Zaplanuj trzy posiłki"))},
         name="activity-minutes"),
    case("CUR261", {PL_W: translated_week_1(("handouts: [shopping-list]", "handouts: []"))}, [(PL_W, 15, 1)],
         name="handouts"),
    case("CUR261", {PL_W: translated_week_1(("  - id: plan-meals", "  - id: plan-a-meal"))}, [(PL_W, 24, 5)],
         name="activity-id"),
    case("CUR520", {PL_H: pl(("## Zanim", '!!! facilitator "Dla prowadzących"\n    Tekst.\n\n## Zanim'))},
         [(PL_H, 12, 1)], good={PL_H: pl(("## Zanim", '!!! tip "Wskazówka"\n    Tekst.\n\n## Zanim'))},
         name="body"),
    case("CUR521", {PL_H: pl(("To pomaga wydać mniej.",
                              "Przygotowanie szczegółowego zestawienia potrzebnych produktów spożywczych "
                              "umożliwia konsekwentne ograniczanie niepotrzebnych wydatków gospodarstwa domowego."))},
         [(PL_H, 10, 1)], good={PL_H: pl()}, name="long-words"),
    case("CUR850", {PL_H: pl((HASH, "0123456789ab"))}, [(PL_H, 7, 1)], good={PL_H: pl()}, name="changed"),
    case("CUR851", {PL_H: pl()}, [(PL_H, 1, 1)],
         good={PL_H: pl(("summary:", "reviewed: 2026-11-30\nreviewed_by: położna\nsummary:"))}, name="unreviewed"),
]


test_rule_reports_the_defect, test_rule_accepts_the_near_miss = rule_case_tests(CASES)


def test_unsafe_content_in_a_translation_is_found_like_in_its_source(make, where):
    root = make(**{PL_H: pl(("- Napisz listę.", '- Napisz listę. <script>alert(1)</script>'))})
    assert where(root, "CUR710") == [(PL_H, 16, 1)]
