"""Make the PNG each handout shows from its line drawing's SVG source.

    .venv/bin/python scripts/drawings.py [drawings/NAME.svg ...]

The site does not publish SVG files (they can run code), so each drawing in
drawings/ is published as images/NAME.png: drawn by WeasyPrint at its print
width (40 mm, as `img.picture-right` in the PDFs), rasterised by pdftoppm at
400 dpi (sharp on paper and on a phone) and stored with 32 colours (small).
With no arguments, every drawing is made again. Needs poppler-utils.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from weasyprint import HTML

ROOT = Path(__file__).resolve().parent.parent
WIDTH_MM = 40  # img.picture-right { width: 40mm } in curriculum/pdf/styles/content.css
DPI = 400
COLOURS = 32


def make_png(svg: Path, png: Path) -> None:
    """Draw one SVG at its print size and save it as a small PNG."""
    width, height = (float(n) for n in re.search(r'viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"', svg.read_text()).groups())
    size = f"{WIDTH_MM}mm {WIDTH_MM * height / width:.3f}mm"
    page = (f"<style>@page {{ size: {size}; margin: 0 }} body {{ margin: 0 }}"
            f" img {{ display: block; width: {WIDTH_MM}mm }}</style><img src='{svg.resolve().as_uri()}'>")
    with tempfile.TemporaryDirectory() as work:
        pdf = Path(work) / "drawing.pdf"
        HTML(string=page).write_pdf(pdf)
        subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", pdf, Path(work) / "drawing"], check=True)
        with Image.open(Path(work) / "drawing.png") as image:
            image.convert("RGB").quantize(colors=COLOURS).save(png, optimize=True)


def main(args: list[str]) -> None:
    for svg in [Path(arg) for arg in args] or sorted((ROOT / "drawings").glob("*.svg")):
        png = ROOT / "images" / f"{svg.stem}.png"
        make_png(svg, png)
        print(f"{svg} -> {png.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
