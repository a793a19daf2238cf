"""The bundled line drawings (issue 17, item 20): each SVG source in
drawings/ is published as the PNG that scripts/drawings.py makes from it, so
a drawing changed without its PNG (or the other way round) is caught."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PIL import Image, ImageChops

REPO = Path(__file__).resolve().parents[1]
DRAWINGS = sorted((REPO / "drawings").glob("*.svg"))


def drawings_script():
    spec = importlib.util.spec_from_file_location("drawings_script", REPO / "scripts" / "drawings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bundled_curriculum_has_its_drawings():
    assert {svg.stem for svg in DRAWINGS} >= {"safer-sleep-cot", "overheating-check", "holding-crying-baby"}


@pytest.mark.parametrize("svg", DRAWINGS, ids=lambda svg: svg.stem)
def test_each_published_png_is_made_from_its_drawing(svg, tmp_path):
    published = REPO / "images" / f"{svg.stem}.png"
    fresh = tmp_path / published.name
    drawings_script().make_png(svg, fresh)
    with Image.open(published) as old, Image.open(fresh) as new:
        assert old.size == new.size == (630, new.height)  # 40 mm wide at 400 dpi
        assert len(old.getcolors()) <= 32
        difference = ImageChops.difference(old.convert("L"), new.convert("L"))
        # The same drawing, up to the palette each save picks and a renderer's
        # smoothing of edges: no pixel is far off (a moved line is ~200 off).
        assert max(difference.getextrema()) <= 96
