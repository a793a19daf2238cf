"""Fonts for the scripts the bundled font (Atkinson Hyperlegible, Latin
only) lacks, so translated PDFs print every character in a font shipped
with the project, never in whatever the build machine has.

Each comes from a Python package installed with the project (pyproject.toml),
never downloaded at build time: Noto Sans Arabic (`fontpkg-noto-sans-arabic`,
SIL Open Font Licence) for Arabic, Persian and Urdu. It is listed after the
bundled font in every `font-family`, so Latin text keeps its look and only
the characters Atkinson Hyperlegible lacks come from it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

# (Python package, address label in confine.Policy)
PACKAGES = (("fontpkg_noto_sans_arabic", "font-arabic"),)


@dataclass(frozen=True)
class ScriptFont:
    family: str
    folder: Path  # the package's font files
    label: str

    def files(self) -> list[Path]:
        return sorted(self.folder.glob("*.ttf"))


def _load(module: str, label: str) -> ScriptFont | None:
    try:
        package = importlib.import_module(module)
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return ScriptFont(package.FAMILY, Path(package.ROOT).resolve() / "files", label)


SCRIPT_FONTS: tuple[ScriptFont, ...] = tuple(f for f in (_load(m, label) for m, label in PACKAGES) if f is not None)
FAMILIES = tuple(font.family for font in SCRIPT_FONTS)


def font_faces(virtual: str) -> str:
    """@font-face rules for every script font, by virtual address. A
    variable font (one file, `[wdth,wght]` in its name) serves every weight:
    it is given no `font-weight` (WeasyPrint 70 refuses a range there), and
    Pango draws each weight from its `wght` axis."""
    faces = []
    for font in SCRIPT_FONTS:
        for file in font.files():
            weight = "" if "wght" in file.name else f"font-weight: {700 if 'Bold' in file.name else 400}; "
            faces.append(f'@font-face {{ font-family: "{font.family}"; src: url("{virtual}{font.label}/{file.name}"); '
                         f"{weight}font-style: normal; }}")
    return "\n".join(faces) + ("\n" if faces else "")


_MARGIN_BOXES = ("top-left", "top-right", "bottom-left", "bottom-right")


def family_css(base: str) -> str:
    """The bundled family, then every script font's, for the page and its
    margin boxes (page.css names the bundled family alone there)."""
    families = ", ".join(f'"{name}"' for name in (base, *FAMILIES)) + ", sans-serif"
    boxes = " ".join(f"@{box} {{ font-family: {families}; }}" for box in _MARGIN_BOXES)
    return f"html {{ font-family: {families}; }}\n@page {{ {boxes} }}\n"
