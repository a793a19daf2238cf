"""How much of one SMS a text fills (pure).

An SMS carries 160 characters of the GSM 03.38 alphabet (3GPP TS 23.038:
the basic table, plus the extension table whose characters are sent as an
escape and the character, so take two slots), or 70 UTF-16 code units of
UCS-2 when any character is outside that alphabet: one curly apostrophe or
emoji turns a 150-character text into three messages.
"""

from __future__ import annotations

from dataclasses import dataclass

GSM_LIMIT = 160
UCS2_LIMIT = 70

# The GSM 03.38 basic character set (the escape 0x1B itself is not a character).
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# The extension table: each is sent as ESC + character, two slots.
GSM_EXTENDED = frozenset("€[]{}^~\\|\f")

# What to type instead of characters that word processors and phones put in.
PLAIN_FOR = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u2026": "...", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u200b": "", "\t": " ",
    "`": "'", "\u00b4": "'", "\u2022": "-", "\u00bd": "1/2",
}


@dataclass(frozen=True)
class Length:
    """A text measured as one SMS."""

    encoding: str  # "GSM" or "UCS-2"
    slots: int  # GSM slots (extension characters count 2) or UTF-16 code units
    limit: int  # 160 or 70
    switch: str = ""  # the first character outside GSM 03.38, when UCS-2
    switch_at: int = 0  # its 0-based index in the text

    @property
    def fits(self) -> bool:
        return self.slots <= self.limit


def utf16_units(text: str) -> int:
    """UTF-16 code units: characters beyond U+FFFF (most emoji) take two."""
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)


def measure(text: str) -> Length:
    for index, ch in enumerate(text):
        if ch not in GSM_BASIC and ch not in GSM_EXTENDED:
            return Length("UCS-2", utf16_units(text), UCS2_LIMIT, ch, index)
    return Length("GSM", sum(2 if ch in GSM_EXTENDED else 1 for ch in text), GSM_LIMIT)


def describe(ch: str) -> str:
    """A character named so an author can find it: `’ (U+2019)`."""
    import unicodedata

    name = unicodedata.name(ch, "")
    shown = ch if ch.isprintable() and not ch.isspace() else repr(ch)[1:-1]
    return f"{shown} (U+{ord(ch):04X}{', ' + name.lower() if name else ''})"


def replacement_hint(ch: str) -> str:
    """How to avoid a character outside GSM 03.38."""
    if ch in PLAIN_FOR:
        plain = PLAIN_FOR[ch]
        return f"type {plain!r} instead" if plain else "delete it (it is invisible)"
    if ord(ch) > 0xFFFF or _is_symbol(ch):
        return "remove the emoji or symbol; say it in words"
    return "use a plain letter instead, or keep the text within 70 characters"


def _is_symbol(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch) in {"So", "Sk", "Cs", "Mn", "Cf"}


# --- texts longer than one SMS (translated texts, FORMAT.md section 10) --------

# A text too long for one SMS is sent in parts, each carrying a header that
# joins them again on the phone (3GPP TS 23.040 concatenation): a part holds
# 153 GSM slots or 67 UTF-16 code units, and the network charges each part
# as one SMS.
GSM_PART = 153
UCS2_PART = 67


@dataclass(frozen=True)
class Parts:
    """A text measured as the SMS parts it is sent in."""

    encoding: str  # "GSM" or "UCS-2"
    length: int  # GSM slots (extension characters count 2) or UTF-16 code units
    parts: int  # SMS parts sent (1 when it fits one SMS)


def _widths(text: str, encoding: str) -> list[int]:
    if encoding == "GSM":
        return [2 if ch in GSM_EXTENDED else 1 for ch in text]
    return [2 if ord(ch) > 0xFFFF else 1 for ch in text]


def parts(text: str) -> Parts:
    """The encoding, the length and the number of SMS parts of a text. A
    character is never split between two parts (an extension character's
    escape stays with it, an emoji's two UTF-16 units stay together), so a
    part may carry one slot less than it could."""
    measured = measure(text)
    if measured.fits:
        return Parts(measured.encoding, measured.slots, 1)
    size = GSM_PART if measured.encoding == "GSM" else UCS2_PART
    count, used = 1, 0
    for width in _widths(text, measured.encoding):
        if used + width > size:
            count, used = count + 1, 0
        used += width
    return Parts(measured.encoding, measured.slots, count)
