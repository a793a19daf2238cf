"""A minimal curriculum with a Polish and an Arabic translation of its
handout and of its weekly texts (the Polish current with one text not
translated, the Arabic stale), for the language-site tests (static and in
the browser)."""

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
AR_STALE = "قد تكون هذه الترجمة قديمة."
TEXTS = """\
- {id: hello, when: {weeks_pregnant: 30}, text: "Hello from the programme. We are glad you are here."}
- {id: shop, when: {weeks_pregnant: 31}, text: "Take your list to the shop."}
"""
PL_SMS = {"hello": "Dzień dobry od zespołu. Cieszymy się, że jesteś z nami."}
AR_SMS = {"hello": "مرحبًا من الفريق. يسعدنا أنكم معنا.", "shop": "خذوا قائمتكم إلى المتجر."}


def texts_translation(made_from: str, words: dict[str, str]) -> str:
    return f"translated_from: {made_from}\ntexts:\n" + "".join(
        f'  - id: {text_id}\n    text: "{text}"\n' for text_id, text in words.items())


def translation(made_from: str, title: str, summary: str, text: str) -> str:
    return (f"---\nid: shopping-list\ntitle: {title}\naudience: parents\nthemes: [shopping]\nsummary: {summary}\n"
            f"translated_from: {made_from}\n---\n\n{text}\n\n## 1\n\n- 0808 2000 247\n")


def translated_curriculum(root: Path) -> Path:
    copy_curriculum(MINIMAL, root)
    made_from = source_hash((root / HANDOUT).read_bytes())
    (root / "texts.yml").write_text(TEXTS, "utf-8")
    files = {
        "translations/pl/language.yml": f"name: Polski\nuntranslated_notice: {PL_UNTRANSLATED}\n"
                                        f"unreviewed_notice: {PL_UNREVIEWED}\n",
        f"translations/pl/{HANDOUT}": translation(made_from, "Twoja lista zakupów", "Lista do sklepu.", PL_TEXT),
        "translations/ar/language.yml": f"name: العربية\nuntranslated_notice: {AR_UNTRANSLATED}\n"
                                        f"stale_notice: {AR_STALE}\n",
        f"translations/ar/{HANDOUT}": translation(made_from, "قائمة التسوق", "قائمة إلى المتجر.", AR_TEXT),
        "translations/pl/texts.yml": texts_translation(source_hash(TEXTS.encode()), PL_SMS),
        "translations/ar/texts.yml": texts_translation("0123456789ab", AR_SMS),  # stale: texts.yml changed since
    }
    config = root / "mkdocs.yml"  # with search, to search each language
    config.write_text(config.read_text("utf-8").replace("plugins:\n", "plugins:\n  - search\n"), "utf-8")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    return root


def build_translated(folder: Path, generator: str) -> Path:
    return build(translated_curriculum(folder / "repo"), folder / "site", generator=generator)
