"""Map a cell's fill colour to the nearest RAG status.

Councils shade the Status cell; the shading is a second witness of the status word
(and the only one when the word is missing).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

#: Typical Office RAG fills, sRGB 0-255. Several shades per name: Word's standard red,
#: amber (FFC000) and orange, Excel green (00B050) and light greens, Office blues.
RAG_PALETTE: dict[str, tuple[tuple[int, int, int], ...]] = {
    "Red": ((255, 0, 0), (192, 0, 0), (230, 60, 60), (255, 99, 71)),
    "Amber": ((255, 192, 0), (255, 165, 0), (255, 191, 0), (255, 215, 0), (237, 125, 49)),
    "Green": ((0, 176, 80), (0, 128, 0), (112, 173, 71), (146, 208, 80), (0, 160, 0)),
    "Blue": ((0, 112, 192), (0, 0, 255), (68, 114, 196), (91, 155, 213), (0, 176, 240)),
}


def _distance(a: Sequence[float], b: Sequence[float]) -> float:
    return math.dist(a, b)


def is_neutral(rgb: Sequence[float], *, tolerance: float = 24.0) -> bool:
    """White, near-white, black and greys carry no RAG meaning."""
    r, g, b = rgb
    return max(r, g, b) - min(r, g, b) <= tolerance


#: A fill this close (RGB distance) to one of a store's own colours is that colour's status.
OWN_COLOUR_DISTANCE = 30.0


def own_colours(pairs: Sequence[tuple[str, str]]) -> tuple[tuple[tuple[int, int, int], str], ...]:
    """A store's (hex colour, status) pairs (plantrack.toml [status] colours) as RGB; raises
    ValueError naming the first colour that is not RRGGBB or status that is not a RAG name."""
    out = []
    for hex_colour, status in pairs:
        rgb = hex_to_rgb(hex_colour)
        if rgb is None:
            raise ValueError(f"colour {hex_colour!r} is not a hex colour such as 'FFC000'")
        if status not in RAG_PALETTE:
            raise ValueError(
                f"colour {hex_colour!r} = {status!r} is not one of Red, Amber, Green, Blue"
            )
        out.append((rgb, status))
    return tuple(out)


def nearest_rag(
    rgb: Sequence[float] | None,
    *,
    max_distance: float = 100.0,
    colours: Sequence[tuple[str, str]] = (),
) -> str:
    """RAG name nearest to an sRGB 0-255 colour, or '' if neutral or too far from all.

    `colours`: a store's own (hex colour, status) pairs. A fill within OWN_COLOUR_DISTANCE
    of one is that status before the built-in palette is asked, even a grey or a colour the
    palette reads otherwise (a publisher's purple for Blue, its orange for Red).
    """
    if rgb is None or len(rgb) != 3:
        return ""
    own = [(math.dist(rgb, shade), status) for shade, status in own_colours(colours)]
    if own and (hit := min(own))[0] <= OWN_COLOUR_DISTANCE:
        return hit[1]
    if is_neutral(rgb):
        return ""
    best, best_d = "", math.inf
    for name, shades in RAG_PALETTE.items():
        for shade in shades:
            d = _distance(rgb, shade)
            if d < best_d:
                best, best_d = name, d
    return best if best_d <= max_distance else ""


def hex_to_rgb(value: str | None) -> tuple[int, int, int] | None:
    """'FFC000' -> (255, 192, 0); 'auto', '' or junk -> None."""
    if not value:
        return None
    v = value.strip().lstrip("#")
    if len(v) != 6:
        return None
    try:
        return (int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16))
    except ValueError:
        return None


def pdf_colour_to_rgb(colour: object) -> tuple[float, float, float] | None:
    """pdfplumber's non_stroking_color (gray, RGB or CMYK tuple, 0-1) -> sRGB 0-255."""
    if colour is None:
        return None
    if isinstance(colour, int | float):
        colour = (colour,)
    if not isinstance(colour, list | tuple) or not all(isinstance(c, int | float) for c in colour):
        return None  # pattern or named colour space: no usable value
    c = [float(x) for x in colour]
    if len(c) == 1:
        return (c[0] * 255, c[0] * 255, c[0] * 255)
    if len(c) == 3:
        return (c[0] * 255, c[1] * 255, c[2] * 255)
    if len(c) == 4:
        cy, m, y, k = c
        return (255 * (1 - cy) * (1 - k), 255 * (1 - m) * (1 - k), 255 * (1 - y) * (1 - k))
    return None
