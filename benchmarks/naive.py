"""The naive pipeline the benchmarks compare against: the same pages given to
plain `mkdocs build` (material theme with search), and every handout rendered
by WeasyPrint one after another in one process.

`python naive.py prepare REPO DIR` writes DIR/docs and DIR/mkdocs.yml;
`python naive.py pdfs REPO OUT` renders the handouts.
"""

from __future__ import annotations

import sys
from pathlib import Path

CSS = """
@page { size: A4; margin: 2cm; @bottom-center { content: counter(page); } }
body { font-family: sans-serif; font-size: 13pt; line-height: 1.5; }
h1, h2 { break-after: avoid; }
"""


def body_of(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    front, _, body = text[4:].partition("\n---\n")
    title = next((line.split(":", 1)[1].strip().strip('"') for line in front.splitlines() if line.startswith("title:")), path.stem)
    return title, body


def prepare(repo: Path, out: Path) -> None:
    docs = out / "docs"
    for folder in ("sessions", "handouts", "facilitator_notes"):
        (docs / folder).mkdir(parents=True, exist_ok=True)
        for source in sorted((repo / folder).glob("*.md")):
            title, body = body_of(source)
            (docs / folder / source.name).write_text(f"# {title}\n{body}", encoding="utf-8")
    (docs / "images").mkdir(exist_ok=True)
    for image in (repo / "images").glob("*"):
        (docs / "images" / image.name).write_bytes(image.read_bytes())
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (out / "mkdocs.yml").write_text(
        "site_name: Naive\ntheme:\n  name: material\nplugins:\n  - search\n"
        "markdown_extensions:\n  - admonition\n  - attr_list\n  - tables\n  - toc\n", encoding="utf-8")


def pdfs(repo: Path, out: Path) -> None:
    import markdown
    from weasyprint import CSS as StyleSheet
    from weasyprint import HTML

    out.mkdir(parents=True, exist_ok=True)
    style = StyleSheet(string=CSS)
    for source in sorted((repo / "handouts").glob("*.md")):
        title, body = body_of(source)
        html = markdown.markdown(body, extensions=["admonition", "attr_list", "tables"])
        page = f"<html lang='en'><head><title>{title}</title></head><body><h1>{title}</h1>{html}</body></html>"
        HTML(string=page, base_url=str(source.parent) + "/").write_pdf(out / f"{source.stem}.pdf", stylesheets=[style])


if __name__ == "__main__":
    command, repo, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    {"prepare": prepare, "pdfs": pdfs}[command](repo, out)
