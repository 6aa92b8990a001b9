"""Theme colours of an Office document, and the tints and shades applied to them.

Word (`w:themeFill="accent6" w:themeFillTint="99"`) and Excel (`<fgColor theme="9"
tint="0.4"/>`) both name a fill by its slot in the document's DrawingML theme rather
than by its RGB value, so the Status cell's RAG colour is only known after looking the
slot up in `theme1.xml` and lightening or darkening it as the application does (in HSL,
on the luminance).
"""

from __future__ import annotations

import colorsys

from lxml import etree

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
A_STRICT = "http://purl.oclc.org/ooxml/drawingml/main"

#: The Office 2013+ default theme, used when a document carries no theme part.
OFFICE_THEME: dict[str, str] = {
    "dk1": "000000",
    "lt1": "FFFFFF",
    "dk2": "44546A",
    "lt2": "E7E6E6",
    "accent1": "4472C4",
    "accent2": "ED7D31",
    "accent3": "A5A5A5",
    "accent4": "FFC000",
    "accent5": "5B9BD5",
    "accent6": "70AD47",
    "hlink": "0563C1",
    "folHlink": "954F72",
}

#: Word's names for theme slots (ST_ThemeColor) -> clrScheme element names.
WORD_SLOTS: dict[str, str] = {
    "dark1": "dk1",
    "light1": "lt1",
    "dark2": "dk2",
    "light2": "lt2",
    "text1": "dk1",
    "background1": "lt1",
    "text2": "dk2",
    "background2": "lt2",
    "hyperlink": "hlink",
    "followedHyperlink": "folHlink",
    **{f"accent{i}": f"accent{i}" for i in range(1, 7)},
}

#: Excel's theme indexes (0-11) -> clrScheme names (Excel swaps the light/dark pairs).
EXCEL_SLOTS: tuple[str, ...] = (
    "lt1",
    "dk1",
    "lt2",
    "dk2",
    "accent1",
    "accent2",
    "accent3",
    "accent4",
    "accent5",
    "accent6",
    "hlink",
    "folHlink",
)


def parse_theme(xml: bytes | None) -> dict[str, str]:
    """clrScheme slot -> 'RRGGBB' from a theme part; the Office default for what is missing."""
    colours = dict(OFFICE_THEME)
    if not xml:
        return colours
    try:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return colours
    for ns in (A, A_STRICT):
        scheme = root.find(f".//{{{ns}}}clrScheme")
        if scheme is None:
            continue
        for slot in scheme:
            if not isinstance(slot.tag, str):
                continue
            name = etree.QName(slot).localname
            for value in slot:
                if not isinstance(value.tag, str):
                    continue
                kind = etree.QName(value).localname
                rgb = value.get("lastClr") if kind == "sysClr" else value.get("val")
                if rgb and len(rgb) == 6:
                    colours[name] = rgb.upper()
                    break
    return colours


def _hls(hex_rgb: str) -> tuple[float, float, float]:
    r, g, b = (int(hex_rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return colorsys.rgb_to_hls(r, g, b)


def _hex(h: float, lum: float, s: float) -> str:
    r, g, b = colorsys.hls_to_rgb(h, min(1.0, max(0.0, lum)), s)
    return "".join(f"{round(c * 255):02X}" for c in (r, g, b))


def word_tint(hex_rgb: str, tint: str | None = None, shade: str | None = None) -> str:
    """Apply Word's themeFillTint / themeFillShade (hex bytes, 'FF' = unchanged) (pure)."""
    h, lum, s = _hls(hex_rgb)
    try:
        if tint:
            t = int(tint, 16) / 255
            lum = lum * t + (1 - t)
        if shade:
            lum = lum * int(shade, 16) / 255
    except ValueError:
        return hex_rgb
    return _hex(h, lum, s)


def excel_tint(hex_rgb: str, tint: float) -> str:
    """Apply an Excel colour tint (-1 darker .. +1 lighter) (pure)."""
    if not tint:
        return hex_rgb
    h, lum, s = _hls(hex_rgb)
    lum = lum * (1 + tint) if tint < 0 else lum * (1 - tint) + tint
    return _hex(h, lum, s)


__all__ = [
    "EXCEL_SLOTS",
    "OFFICE_THEME",
    "WORD_SLOTS",
    "excel_tint",
    "parse_theme",
    "word_tint",
]
