"""A minimal curriculum with a Polish and an Arabic translation of its
handout, for the language-site tests (static and in the browser)."""

from __future__ import annotations

from pathlib import Path

from site_support import MINIMAL, build, copy_curriculum

from curriculum.source.translations import source_hash

HANDOUT = "handouts/shopping-list.md"
PL_UNTRANSLATED = "Ta strona nie została jeszcze przetłumaczona."
PL_UNREVIEWED = "To tłumaczenie nie zostało jeszcze sprawdzone."
AR_UNTRANSLATED = "لم تترجم هذه الصفحة بعد."
PL_TEXT = "Zapisz, czego potrzebujesz, zanim wyjdziesz."
AR_TEXT = "اكتبوا ما تحتاجون إليه قبل أن تخرجوا."


def translation(made_from: str, title: str, summary: str, text: str) -> str:
    return (f"---\nid: shopping-list\ntitle: {title}\naudience: parents\nthemes: [shopping]\nsummary: {summary}\n"
            f"translated_from: {made_from}\n---\n\n{text}\n\n## 1\n\n- 0808 2000 247\n")


def translated_curriculum(root: Path) -> Path:
    copy_curriculum(MINIMAL, root)
    made_from = source_hash((root / HANDOUT).read_bytes())
    files = {
        "translations/pl/language.yml": f"name: Polski\nuntranslated_notice: {PL_UNTRANSLATED}\n"
                                        f"unreviewed_notice: {PL_UNREVIEWED}\n",
        f"translations/pl/{HANDOUT}": translation(made_from, "Twoja lista zakupów", "Lista do sklepu.", PL_TEXT),
        "translations/ar/language.yml": f"name: العربية\nuntranslated_notice: {AR_UNTRANSLATED}\n",
        f"translations/ar/{HANDOUT}": translation(made_from, "قائمة التسوق", "قائمة إلى المتجر.", AR_TEXT),
    }
    config = root / "mkdocs.yml"  # with search, to search each language
    config.write_text(config.read_text("utf-8").replace("plugins:\n", "plugins:\n  - search\n"), "utf-8")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    return root


def build_translated(folder: Path, generator: str) -> Path:
    return build(translated_curriculum(folder / "repo"), folder / "site", generator=generator)
