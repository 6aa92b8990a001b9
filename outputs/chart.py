"""The RAG chart as inline SVG: one stacked bar per quarter per theme, no external assets."""

from __future__ import annotations

import textwrap
from html import escape

from outputs.rag import RAG_TEXT
from outputs.report import Report, ThemeSummary

_UNRATED_FILL = "#9AA0A6"
_BAR_H = 20
_GAP = 6
_GROUP_GAP = 18
_LABEL_W = 150
_PERIOD_W = 70
_PLOT_W = 460
#: A theme's name wraps to lines this long so it stays left of the quarter labels
#: (about 6.5 px a character at 12 px, bold, in the 150 px label column).
_NAME_CHARS = 21
_NAME_LINE_H = 14


def _name_lines(name: str) -> list[str]:
    return textwrap.wrap(name, _NAME_CHARS, break_long_words=True) or [""]


def _group_height(name: str, quarters: int) -> int:
    """A theme's rows: its bars, or its wrapped name when that is taller."""
    bars = quarters * (_BAR_H + _GAP)
    return max(bars, len(_name_lines(name)) * _NAME_LINE_H + _GAP)


def _segments(theme: ThemeSummary, which: str) -> list[tuple[str, str, int]]:
    segs = []
    for row in theme.rows:
        n = row.previous if which == "previous" else row.current
        if n:
            segs.append((row.status, row.colour or _UNRATED_FILL, n))
    return segs


def rag_chart_svg(report: Report) -> str:
    """Both quarters side by side for each theme, scaled to the largest theme."""
    themes = list(report.themes)
    quarters = [("previous", report.previous_period or "Previous")] if report.has_previous else []
    quarters.append(("current", report.period))
    biggest = max([t.current_total for t in themes] + [t.previous_total or 0 for t in themes] + [1])
    scale = _PLOT_W / biggest
    height = 8 + sum(_group_height(t.name, len(quarters)) + _GROUP_GAP for t in themes)
    width = _LABEL_W + _PERIOD_W + _PLOT_W + 50
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="RAG status by theme, {escape(report.period)}" '
        'font-family="inherit" font-size="12">'
    ]
    y = 8
    for theme in themes:
        top = y
        lines = _name_lines(theme.name)
        tspans = "".join(
            f'<tspan x="0" dy="{0 if i == 0 else _NAME_LINE_H}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        out.append(
            f'<text x="0" y="{y + _BAR_H - 5}" font-weight="600" fill="#1a1a1a">'
            f"<title>{escape(theme.name)}</title>{tspans}</text>"
        )
        for which, label in quarters:
            total = theme.previous_total if which == "previous" else theme.current_total
            out.append(
                f'<text x="{_LABEL_W}" y="{y + _BAR_H - 6}" fill="#555">{escape(label)}</text>'
            )
            x = float(_LABEL_W + _PERIOD_W)
            for status, colour, n in _segments(theme, which):
                w = n * scale
                out.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{_BAR_H}" fill="{colour}">'
                    f"<title>{escape(label)} · {escape(status)}: {n}</title></rect>"
                )
                if w >= 18:
                    fg = "#" + RAG_TEXT.get(status, "FFFFFF")
                    out.append(
                        f'<text x="{x + w / 2:.1f}" y="{y + _BAR_H - 6}" text-anchor="middle" '
                        f'fill="{fg}" font-weight="600">{n}</text>'
                    )
                x += w
            out.append(
                f'<text x="{x + 6:.1f}" y="{y + _BAR_H - 6}" fill="#333">{total or 0}</text>'
            )
            y += _BAR_H + _GAP
        y = top + _group_height(theme.name, len(quarters)) + _GROUP_GAP
    out.append("</svg>")
    return "".join(out)
