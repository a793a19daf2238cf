"""The text a reader copies, or a screen reader speaks, is the text written,
also in scripts whose letters change shape (Arabic, Urdu, Persian, the
Indic scripts): imported in workers only, beside WeasyPrint.

WeasyPrint 70 maps each glyph of a font to one piece of text, the first
time it draws it (the font's ToUnicode CMap). Shaped scripts break that:
Noto Sans Arabic draws ت, ب, ث, ن and ي in their joined forms with one
dotless glyph plus separate dot glyphs, so one glyph stands for different
letters in different words, and the dots' glyphs for none; in right-to-left
runs the cluster arithmetic also gives some glyphs the wrong text
(upstream issue #2841). `pdftotext` read "لا تحتاج إلى" back as
"لا ةحةاج إل". No CMap can be right when glyphs are shared, so here each
cluster of glyphs (the glyphs HarfBuzz made from one run of characters) of
such a line is drawn inside its own marked-content span carrying the
characters it stands for, `/Span << /ActualText (...) >> BDC ... EMC`
(PDF 32000-1, 14.9.4), which text extraction and assistive technology read
instead of the glyphs. One span per cluster, at the cluster's own place,
so a reader that orders text by position (poppler's pdftotext) orders it
right, right to left. Glyph positions are exactly WeasyPrint's; lines in
other scripts, and lines using emoji or bitmap fonts, are drawn by
WeasyPrint itself.
"""

from __future__ import annotations

import unicodedata

import pydyf
from weasyprint.draw import text as _text
from weasyprint.text.ffi import FROM_UNITS, ffi, pango

_ORIGINAL = _text.draw_first_line


def shaped(text: str) -> bool:
    """Whether text holds letters of a right-to-left script or of the Indic
    scripts (Devanagari to Sinhala), whose glyphs the CMap cannot map back."""
    return any(ord(ch) > 0x58F and (unicodedata.bidirectional(ch) in ("R", "AL") or 0x0900 <= ord(ch) <= 0x0DFF)
               for ch in text)


def _runs(line):
    run = line.runs[0]
    while run != ffi.NULL:
        yield run.data
        run = run.next


def _plain_fonts(stream, line) -> bool:
    """Every run's font is an outline font and every glyph is in it (else
    WeasyPrint's own drawing, with its emoji and missing-glyph handling)."""
    for item in _runs(line):
        font, _ = stream.add_font(item.item.analysis.font)
        if font.bitmap or font.svg or font.png or font.colr:
            return False
        glyphs = item.glyphs
        if any(info.glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG for info in glyphs.glyphs[0:glyphs.num_glyphs]):
            return False
    return True


def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
    if (text_overflow == "ellipsis" or block_ellipsis != "none" or not textbox.text.strip()
            or textbox.style["font_size"] < 1e-6 or not shaped(textbox.text)):
        return _ORIGINAL(stream, textbox, text_overflow, block_ellipsis, matrix)
    pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)
    line, _ = textbox.pango_layout.get_first_line()
    if not _plain_fonts(stream, line):
        return _ORIGINAL(stream, textbox, text_overflow, block_ellipsis, matrix)
    stream.set_text_matrix(*matrix.values)
    utf8 = textbox.pango_layout.text.encode()
    previous = None
    for item in _runs(line):
        font, font_size = stream.add_font(item.item.analysis.font)
        if item.item.analysis.font != previous:
            previous = item.item.analysis.font
            if pango.pango_version() < 14802:
                font_size = textbox.style["font_size"]
            stream.set_font_size(font.hash, font_size)
        _draw_run(stream, item, font, font_size, utf8)
    return []


def _cluster_ends(clusters, count: int, length: int) -> dict[int, int]:
    starts = sorted({clusters[i] for i in range(count)})
    return {start: (starts[k + 1] if k + 1 < len(starts) else length) for k, start in enumerate(starts)}


def _draw_run(stream, item, font, font_size: float, utf8: bytes) -> None:
    """One run of glyphs, each cluster's text on its first glyph that
    advances (its base letter), in a span of its own."""
    glyphs, count = item.glyphs, item.glyphs.num_glyphs
    clusters, offset, length = glyphs.log_clusters, item.item.offset, item.item.length
    ends = _cluster_ends(clusters, count, length)
    index = 0
    while index < count:
        cluster, last = clusters[index], index
        while last < count and clusters[last] == cluster:
            last += 1
        text = utf8[offset + cluster:offset + ends[cluster]].decode("utf-8", "replace")
        members = range(index, last)
        advancing = [i for i in members if glyphs.glyphs[i].geometry.width]
        base = advancing[0] if advancing else None
        if not text.strip():  # a space: its CMap entry is right, and pdftotext keeps it as a space only so
            _draw_glyphs(stream, item, members, font, font_size, text)
            index = last
            continue
        for i in members:
            # The span wraps the base glyph alone (or the whole cluster when
            # none advances): poppler takes a span's extent from its first
            # glyph to the end of its last, and a mark drawn over the base
            # would shorten it and split the word.
            if base is None and i == index or i == base:
                stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(text)}))
            _draw_glyphs(stream, item, (i,), font, font_size, text if i == (base if base is not None else index) else "")
            if base is None and i == last - 1 or i == base:
                stream.end_marked_content()
        index = last


def _draw_glyphs(stream, item, indexes, font, font_size: float, text: str) -> None:
    """Glyphs as WeasyPrint 70 draws them (draw_first_line): widths,
    offsets, rise and kerning alike. `text` is what the CMap gives the
    first of them when it has none yet (the marks get none)."""
    string = "<"
    for i in indexes:
        info = item.glyphs.glyphs[i]
        glyph_id, width = info.glyph, info.geometry.width
        if glyph_id == pango.PANGO_GLYPH_EMPTY:
            string += f">{-width / font_size}<"
            continue
        if glyph_id not in font.to_unicode:
            font.to_unicode[glyph_id] = text
        x_offset = info.geometry.x_offset / font_size
        rise = info.geometry.y_offset / 1000
        if rise:
            string = string[:-1] if string[-1] == "<" else string + ">"
            if string:
                stream.show_text(string)
            stream.set_text_rise(-rise)
            stream.show_text((f"{-x_offset}" if x_offset else "") + f"<{glyph_id:04x}>")
            stream.set_text_rise(0)
            string = "<"
        else:
            if x_offset:
                string += f">{-x_offset}<"
            string += f"{glyph_id:04x}"
        if glyph_id not in font.widths:
            pango.pango_font_get_glyph_extents(item.item.analysis.font, glyph_id, stream.ink_rect, stream.logical_rect)
            font.widths[glyph_id] = round(stream.logical_rect.width * 1000 * FROM_UNITS / font_size)
        kerning = font.widths[glyph_id] + x_offset - width * 1000 * FROM_UNITS / font_size
        if kerning:
            string += f">{int(kerning)}<"
    string = string[:-1] if string[-1] == "<" else string + ">"
    if string:
        stream.show_text(string)


def install() -> None:
    """Draw shaped lines here (idempotent)."""
    _text.draw_first_line = draw_first_line
