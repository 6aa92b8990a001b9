"""How many lines a text takes in a box of a given width: word wrapping with Arial's metrics.

The deck must never run off a slide, and neither PowerPoint nor LibreOffice tells a file
writer how tall a table row will be. So rows are measured here, conservatively: the
advance widths of Arial (identical to Helvetica's and Liberation Sans's, units of 1/1000
em), bold taken a tenth wider, anything outside the table a full em, every width padded.
"""

from __future__ import annotations

__all__ = ["line_count", "text_width", "wrap"]

#: Advance widths of the printable ASCII characters 32..126 (Arial regular, 1/1000 em).
_ASCII = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
_WIDTHS: dict[str, int] = {chr(32 + i): w for i, w in enumerate(_ASCII)} | {
    "’": 222, "‘": 222, "“": 333, "”": 333, "–": 556, "—": 1000, "…": 1000, "•": 350,
    "£": 556, "€": 556, "é": 556, "è": 556, "á": 556, "à": 556, "ö": 556, "ü": 556,
}  # fmt: skip
_UNKNOWN = 1000  # a character not in the table counts as a full em
_BOLD = 1.1  # Arial Bold is about 8% wider on English text
_PAD = 1.05  # renderers differ in hinting and kerning: claim 5% more than measured


def text_width(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Width of `text` on one line, in points (padded, so never less than it renders)."""
    units = sum(_WIDTHS.get(ch, _UNKNOWN) for ch in text)
    return units / 1000 * size_pt * (_BOLD if bold else 1.0) * _PAD


def wrap(text: str, width_pt: float, size_pt: float, *, bold: bool = False) -> list[str]:
    """Greedy word wrap as a text box does it; a word wider than the box is cut by letters."""
    lines: list[str] = []
    for para in str(text).split("\n"):
        line = ""
        for word in para.split():
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size_pt, bold=bold) <= width_pt:
                line = candidate
                continue
            if line:
                lines.append(line)
            while text_width(word, size_pt, bold=bold) > width_pt and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and text_width(word[:cut], size_pt, bold=bold) > width_pt:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def line_count(text: str, width_pt: float, size_pt: float, *, bold_first: bool = False) -> int:
    """Lines `text` takes in a box `width_pt` wide; `bold_first`: its first line is bold."""
    paras = str(text).split("\n")
    total = 0
    for i, para in enumerate(paras):
        total += len(wrap(para, width_pt, size_pt, bold=bold_first and i == 0))
    return total
