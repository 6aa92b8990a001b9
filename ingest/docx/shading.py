"""A Word cell's shading (`w:shd`) -> the colour a person sees, as 'RRGGBB'.

`w:shd` lays a pattern colour (`w:color`, or `w:themeColor` + tint/shade) over a fill
(`w:fill`, or `w:themeFill` + `w:themeFillTint`/`w:themeFillShade`): `clear` shows the
fill, `solid` shows the pattern colour alone (so `w:val="solid" w:color="FF0000"
w:fill="auto"` is red), `pctN` mixes N % of the pattern colour into the fill. A theme
colour wins over the RGB value written beside it (Word writes both; the theme is what it
draws).
"""

from __future__ import annotations

from lxml import etree

from ingest.docx.text import w
from ingest.theme import WORD_SLOTS, word_tint


def _colour(
    rgb: str | None, slot: str | None, tint: str | None, shade: str | None, theme: dict[str, str]
) -> str:
    """One colour of a `w:shd` as 'RRGGBB', or '' for auto/none (pure)."""
    if slot and WORD_SLOTS.get(slot) in theme:
        return word_tint(theme[WORD_SLOTS[slot]], tint, shade)
    if rgb and rgb.lower() != "auto" and len(rgb) == 6:
        try:
            int(rgb, 16)
        except ValueError:
            return ""
        return rgb.upper()
    return ""


def _mix(top: str, under: str, share: float) -> str:
    a = [int(top[i : i + 2], 16) for i in (0, 2, 4)]
    b = [int(under[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(x * share + y * (1 - share)):02X}" for x, y in zip(a, b, strict=True))


def shading_colour(shd: etree._Element | None, theme: dict[str, str]) -> str:
    """The colour a `w:shd` shows, 'RRGGBB', or '' when unshaded (pure)."""
    if shd is None:
        return ""
    get = shd.get
    pattern = get(w("val"), "clear")
    fill = _colour(
        get(w("fill")),
        get(w("themeFill")),
        get(w("themeFillTint")),
        get(w("themeFillShade")),
        theme,
    )
    colour = _colour(
        get(w("color")), get(w("themeColor")), get(w("themeTint")), get(w("themeShade")), theme
    )
    if pattern == "nil":
        return ""
    if pattern == "solid":
        return colour or fill
    if pattern.startswith("pct") and pattern[3:].isdigit() and colour:
        return _mix(colour, fill or "FFFFFF", int(pattern[3:]) / 100)
    return fill


__all__ = ["shading_colour"]
