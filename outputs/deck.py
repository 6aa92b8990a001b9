"""report.pptx: the forum's update deck, in the form and order the officers make it by hand.

It renders the same `Report` model as the HTML and Markdown report (outputs.report) and
computes nothing of its own. Everything is a real PowerPoint object — title placeholders,
tables, text boxes and a native chart — so the deck can be presented as it is or edited.

Lists never run off a slide: each row's height is measured from its text word-wrapped with
Arial's metrics (outputs.textfit, padded to err on the tall side), rows are put on a slide
only while they fit, and a list that does not fit continues on further slides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Length, Pt

from outputs.atomic import write_atomic
from outputs.rag import RAG_FILL, RAG_TEXT, UNRATED
from outputs.report import ActionLink, Report, ThemeSummary
from outputs.textfit import line_count, wrap

if TYPE_CHECKING:
    from pptx.enum.text import PP_PARAGRAPH_ALIGNMENT
    from pptx.presentation import Presentation as Deck
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.graphfrm import GraphicFrame
    from pptx.slide import Slide
    from pptx.table import _Cell
    from pptx.text.text import _Paragraph

__all__ = [
    "BODY_HEIGHT_PT",
    "DECK_FONT",
    "Column",
    "Row",
    "build_deck",
    "estimate_lines",
    "paginate",
    "write_deck",
]

#: Arial, as the appendix uses; LibreOffice draws it with the metric-equal Liberation Sans.
DECK_FONT = "Arial"
ACCENT = "1F4E79"  # the report's heading blue
MUTED = "5F6368"
_UNRATED_FILL = "9AA0A6"
HEADER_TEXT = "FFFFFF"

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TITLE_TOP, TITLE_H = Inches(0.3), Inches(0.9)
BODY_TOP = Inches(1.35)
BODY_BOTTOM = Emu(SLIDE_H - Inches(0.45))
BODY_HEIGHT_PT = (BODY_BOTTOM - BODY_TOP) / 12700
BODY_W = Emu(SLIDE_W - 2 * MARGIN)

TITLE_PT = 28
TABLE_PT = 12
RAG_TABLE_PT = 16
_LINE_EM = 1.2  # line height as a fraction of the font size (PowerPoint's single spacing)
_CELL_MARGIN_LR_PT = 7.2  # python-pptx / PowerPoint default 0.1 in each side
_CELL_MARGIN_TB_PT = 3.6  # 0.05 in top and bottom
_ROW_SLACK_PT = 3.0  # extra room per row against rounding and renderer differences


# --------------------------------------------------------------------------- measuring


def estimate_lines(
    text: str, width_pt: float, font_pt: float = TABLE_PT, *, bold_first: bool = False
) -> int:
    """Lines `text` takes in a table cell `width_pt` wide (Arial metrics, word-wrapped)."""
    return line_count(text, width_pt - 2 * _CELL_MARGIN_LR_PT, font_pt, bold_first=bold_first)


def _row_height_pt(
    cells: Sequence[str], widths_pt: Sequence[float], font_pt: float, *, bold_first: bool = False
) -> float:
    lines = max(
        estimate_lines(c, w, font_pt, bold_first=bold_first and j == 0)
        for j, (c, w) in enumerate(zip(cells, widths_pt, strict=True))
    )
    return lines * font_pt * _LINE_EM + 2 * _CELL_MARGIN_TB_PT + _ROW_SLACK_PT


# --------------------------------------------------------------------------- list layout


@dataclass(frozen=True)
class Column:
    header: str
    width_in: float


@dataclass(frozen=True)
class Row:
    """One table row: cell texts, and the RAG status of any cell that should be filled."""

    cells: tuple[str, ...]
    fills: tuple[str, ...] = ()  # per cell: a RAG status name, or ""
    bold_first_line: bool = True  # the action's printed number, on the first cell
    bold: bool = False  # a total


def _split_long_row(row: Row, widths_pt: Sequence[float], max_lines: int) -> list[Row]:
    """A row taller than a slide, cut into rows that fit; later parts say "(continued)"."""
    wrapped = []
    for j, (text, w) in enumerate(zip(row.cells, widths_pt, strict=True)):
        lines: list[str] = []
        for i, para in enumerate(text.split("\n")):
            bold = row.bold_first_line and j == 0 and i == 0
            lines.extend(wrap(para, w - 2 * _CELL_MARGIN_LR_PT, TABLE_PT, bold=bold))
        wrapped.append(lines)
    parts = []
    for start in range(0, max(len(w) for w in wrapped), max_lines):
        cells = []
        for i, lines in enumerate(wrapped):
            chunk = lines[start : start + max_lines]
            if start and i == 0:
                chunk = [*(row.cells[0].split("\n")[:1]), "(continued)"]
            cells.append(" ".join(chunk) if i else "\n".join(chunk))
        parts.append(Row(tuple(cells), row.fills, row.bold_first_line))
    return parts


def paginate(
    rows: Sequence[Row], columns: Sequence[Column], height_pt: float = BODY_HEIGHT_PT
) -> list[list[Row]]:
    """Rows grouped into slides so that each table (header included) fits `height_pt`."""
    widths = [c.width_in * 72 for c in columns]
    header_h = _row_height_pt([c.header for c in columns], widths, TABLE_PT)
    room = height_pt - header_h
    max_lines = max(1, int((room - 2 * _CELL_MARGIN_TB_PT - _ROW_SLACK_PT) / (TABLE_PT * _LINE_EM)))
    fitted: list[Row] = []
    for row in rows:
        if _row_height_pt(row.cells, widths, TABLE_PT, bold_first=row.bold_first_line) > room:
            fitted.extend(_split_long_row(row, widths, max_lines))
        else:
            fitted.append(row)
    pages: list[list[Row]] = [[]]
    used = 0.0
    for row in fitted:
        h = _row_height_pt(row.cells, widths, TABLE_PT, bold_first=row.bold_first_line)
        if pages[-1] and used + h > room:
            pages.append([])
            used = 0.0
        pages[-1].append(row)
        used += h
    return pages if pages[0] else []


# --------------------------------------------------------------------------- drawing


def _rgb(hex6: str) -> RGBColor:
    rgb: RGBColor = RGBColor.from_string(hex6)  # python-pptx leaves from_string unannotated
    return rgb


def _style_runs(
    paragraph: _Paragraph, *, size: int, bold: bool = False, colour: str = "1A1A1A"
) -> None:
    """Font, size, weight and colour of a paragraph's runs, written as the run's XML.

    The same <a:rPr> python-pptx's `run.font` setters write, built in one step: a deck
    has thousands of runs, and the setters made the deck most of a run's time.
    """
    for run in paragraph.runs:
        rpr = run._r.get_or_add_rPr()
        for child in list(rpr):
            rpr.remove(child)
        rpr.set("sz", str(int(size * 100)))
        rpr.set("b", "1" if bold else "0")
        fill = etree.SubElement(rpr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr")).set("val", colour)
        etree.SubElement(rpr, qn("a:latin")).set("typeface", DECK_FONT)


def _solid(cell: _Cell, hex6: str) -> None:
    """A table cell's solid fill (what `cell.fill.solid()` and `fore_color.rgb` write)."""
    tcpr = cell._tc.get_or_add_tcPr()
    for old in tcpr.findall(qn("a:solidFill")):
        tcpr.remove(old)
    fill = etree.SubElement(tcpr, qn("a:solidFill"))  # a fresh cell has no lines or extLst
    etree.SubElement(fill, qn("a:srgbClr")).set("val", hex6)


def _set_title(slide: Slide, text: str) -> None:
    title = slide.shapes.title
    assert title is not None  # the layouts used ("Title Only", "Title Slide") have one
    title.left, title.top, title.width, title.height = MARGIN, TITLE_TOP, BODY_W, TITLE_H
    title.text = text
    frame = title.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    for p in frame.paragraphs:
        p.alignment = PP_ALIGN.LEFT
        _style_runs(p, size=TITLE_PT, bold=True, colour=ACCENT)


def _text_box(
    slide: Slide,
    text: str,
    top: Length,
    *,
    size: int = 16,
    colour: str = "1A1A1A",
    height: Length | None = None,
) -> Shape:
    box = slide.shapes.add_textbox(MARGIN, top, BODY_W, height or Inches(0.6))
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(str(text).split("\n")):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.text = line
        _style_runs(p, size=size, colour=colour)
    return box


def _fill_cell(cell: _Cell, status: str) -> str:
    """RAG fill for a status cell; returns the text colour that stays readable on it."""
    colour = RAG_FILL.get(status) or (_UNRATED_FILL if status else "")
    if not colour:
        return "1A1A1A"
    _solid(cell, colour)
    return RAG_TEXT.get(status, "FFFFFF")


def _write_cell(
    cell: _Cell,
    text: str,
    *,
    size: int,
    bold: bool = False,
    colour: str = "1A1A1A",
    bold_first_line: bool = False,
    align: PP_PARAGRAPH_ALIGNMENT | None = None,
) -> None:
    frame = cell.text_frame  # table cells wrap and sit at the top by default
    lines = str(text).split("\n")
    for i, line in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.text = line
        if align is not None:
            p.alignment = align
        _style_runs(
            p,
            size=size,
            bold=bold or (bold_first_line and i == 0 and len(lines) > 1),
            colour=colour,
        )


def _table(
    slide: Slide,
    columns: Sequence[Column],
    rows: Sequence[Row],
    top: Length = BODY_TOP,
    *,
    size: int = TABLE_PT,
    left: Length = MARGIN,
) -> GraphicFrame:
    """A real table. Rows are given one line's height and grow to their text as any
    renderer lays it out; `paginate` has already made sure the grown table fits."""
    one_line = size * _LINE_EM + 2 * _CELL_MARGIN_TB_PT
    shape = slide.shapes.add_table(  # the height is shared out evenly: one line per row
        len(rows) + 1,
        len(columns),
        left,
        top,
        Inches(sum(c.width_in for c in columns)),
        Pt(one_line * (len(rows) + 1)),
    )
    table = shape.table
    for j, col in enumerate(columns):
        table.columns[j].width = Inches(col.width_in)
    for j, col in enumerate(columns):
        cell = table.cell(0, j)
        _solid(cell, ACCENT)
        _write_cell(cell, col.header, size=size, bold=True, colour=HEADER_TEXT)
    for i, row in enumerate(rows, start=1):
        for j, text in enumerate(row.cells):
            cell = table.cell(i, j)
            status = row.fills[j] if j < len(row.fills) else ""
            if status:
                colour = _fill_cell(cell, status)
            else:
                _solid(cell, "FFFFFF" if i % 2 else "F2F4F7")
                colour = "1A1A1A"
            _write_cell(
                cell,
                text,
                size=size,
                bold=row.bold,
                colour=colour,
                bold_first_line=row.bold_first_line and j == 0,
            )
    return shape


def _blank(prs: Deck, title: str) -> Slide:
    slide: Slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only"
    _set_title(slide, title)
    return slide


# --------------------------------------------------------------------------- slides


def _name(a: ActionLink) -> str:
    """The action as the deck names it: printed number (bold line), then its short title."""
    where = f" ({a.pages})" if a.pages else ""
    return f"{a.ref[:1].upper()}{a.ref[1:]}\n{a.title}{where}"


def _title_slide(prs: Deck, r: Report) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    title.left, title.top, title.width, title.height = (
        MARGIN,
        Inches(2.0),
        BODY_W,
        Inches(1.5),
    )
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = (
        MARGIN,
        Inches(3.7),
        BODY_W,
        Inches(2.2),
    )
    title.text = r.title
    for p in title.text_frame.paragraphs:
        _style_runs(p, size=40, bold=True, colour=ACCENT)
    lines = [f"Quarter: {r.period}"]
    lines.append(
        f"Compared with: {r.previous_period}" if r.has_previous else "First quarter on record"
    )
    source = f"Source: {r.source}" if r.source else ""
    if r.previous_source:
        source += f" (previous: {r.previous_source})"
    lines += [s for s in (source, f"Generated {r.generated}" if r.generated else "") if s]
    frame = subtitle.text_frame
    for i, line in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.text = line
        _style_runs(p, size=22 if i < 2 else 14, colour="1A1A1A" if i < 2 else MUTED)


def _rag_table_rows(r: Report, t: ThemeSummary) -> tuple[list[Column], list[Row]]:
    cols = [Column("Colour rating", 1.6), Column("Definition of colour rating", 2.5)]
    if r.has_previous:
        cols.append(Column(f"Number of actions {r.previous_period}", 1.5))
    cols.append(Column(f"Number of actions {r.period}", 1.5))
    rows = []
    for row in t.rows:
        counts = ([str(row.previous or 0)] if r.has_previous else []) + [str(row.current)]
        fills = (row.status,) + ("",) * (len(cols) - 1)
        rows.append(Row((r.status_name(row.status), row.definition, *counts), fills, False))
    totals = ([str(t.previous_total or 0)] if r.has_previous else []) + [str(t.current_total)]
    rows.append(Row(("Total", "", *totals), (), False, bold=True))
    return cols, rows


def _rag_chart(slide: Slide, r: Report, t: ThemeSummary) -> None:
    data = CategoryChartData()
    quarters = ([r.previous_period or "Previous"] if r.has_previous else []) + [r.period]
    data.categories = quarters
    shown = []
    for row in t.rows:
        values = ([row.previous or 0] if r.has_previous else []) + [row.current]
        if row.status != UNRATED or any(values):
            data.add_series(r.status_name(row.status), values)
            shown.append(row.status)
    left = Emu(MARGIN + Inches(7.4))
    # python-pptx 1.0.2 annotates add_chart as taking the legacy ChartData and returning a
    # Chart; it takes any chart data and returns the graphic frame that holds the chart
    frame = cast(
        "GraphicFrame",
        slide.shapes.add_chart(
            XL_CHART_TYPE.COLUMN_STACKED,
            left,
            BODY_TOP,
            Emu(SLIDE_W - MARGIN - left),
            Emu(BODY_BOTTOM - BODY_TOP),
            data,  # type: ignore[arg-type]
        ),
    )
    chart = frame.chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(12)
    chart.legend.font.name = DECK_FONT
    chart.has_title = True
    chart.chart_title.text_frame.text = (
        f"{t.name}: {quarters[0]} and {quarters[-1]}" if r.has_previous else f"{t.name}"
    )
    _style_runs(chart.chart_title.text_frame.paragraphs[0], size=14, bold=True)
    chart.category_axis.tick_labels.font.size = Pt(12)
    chart.value_axis.tick_labels.font.size = Pt(11)
    chart.value_axis.has_major_gridlines = False
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.show_value = True
    labels.number_format = "0;-0;;"  # no label on an empty segment
    labels.number_format_is_linked = False
    labels.font.size = Pt(12)
    labels.font.bold = True
    for series, status in zip(plot.series, shown, strict=True):
        fill = series.format.fill
        fill.solid()
        fill.fore_color.rgb = _rgb(RAG_FILL.get(status, _UNRATED_FILL))
    for series, status in zip(plot.series, shown, strict=True):
        series.data_labels.show_value = True
        series.data_labels.font.color.rgb = _rgb(RAG_TEXT.get(status, "FFFFFF"))
        series.data_labels.font.size = Pt(12)
        series.data_labels.font.bold = True
        series.data_labels.number_format = "0;-0;;"
        series.data_labels.number_format_is_linked = False


def _theme_slide(prs: Deck, r: Report, t: ThemeSummary) -> None:
    slide = _blank(prs, f"{t.name}: RAG rating of the actions")
    cols, rows = _rag_table_rows(r, t)
    _table(slide, cols, rows, size=RAG_TABLE_PT)
    _rag_chart(slide, r, t)


def _list_slides(
    prs: Deck,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Row],
    *,
    note: str = "",
    empty: str = "None this quarter.",
) -> None:
    """A titled list as a table, continued on as many slides as it needs."""
    top: Length = BODY_TOP
    height = BODY_HEIGHT_PT
    if note:
        height -= 30
        top = Emu(BODY_TOP + Pt(30))
    pages = paginate(rows, columns, height)
    if not pages:
        slide = _blank(prs, title)
        if note:
            _text_box(slide, note, BODY_TOP, size=13, colour=MUTED)
        _text_box(slide, empty, top, size=18, colour=MUTED)
        return
    for n, page in enumerate(pages, start=1):
        heading = title if n == 1 else f"{title} (continued)"
        if len(pages) > 1:
            heading += f" — {n} of {len(pages)}"
        slide = _blank(prs, heading)
        if note:
            _text_box(slide, note, BODY_TOP, size=13, colour=MUTED, height=Pt(26))
        _table(slide, columns, page, top)


def _progress_for(r: Report) -> Callable[[str], str]:
    by_id = {p.action.action_id: p for p in r.progress}

    def text(action_id: str) -> str:
        note = by_id.get(action_id)
        if note is None:
            return "No new progress text."
        return "\n".join(f"• {s}" for s in note.sentences)

    return text


def _months(n: int | None) -> str:
    if not n:
        return ""
    n = abs(n)
    return f"{n} month" + ("" if n == 1 else "s")


def _completed(prs: Deck, r: Report) -> None:
    progress = _progress_for(r)
    cols = [Column("Action", 4.3), Column("Theme", 1.5), Column("New progress", 6.53)]
    rows = [
        Row((_name(m.action), m.action.theme, progress(m.action.action_id))) for m in r.completed
    ]
    _list_slides(prs, "Completed since the last update", cols, rows)


def _started(prs: Deck, r: Report) -> None:
    progress = _progress_for(r)
    cols = [
        Column("Action", 4.3),
        Column("Theme", 1.5),
        Column("Was", 1.1),
        Column("Now", 1.1),
        Column("New progress", 4.33),
    ]
    rows = [
        Row(
            (
                _name(m.action),
                m.action.theme,
                r.status_name(m.before) or "none",
                r.status_name(m.after),
                progress(m.action.action_id),
            ),
            ("", "", m.before, m.after, ""),
        )
        for m in r.started
    ]
    _list_slides(prs, "Started since the last update", cols, rows)


def _dates(prs: Deck, r: Report) -> None:
    cols = [
        Column("Action", 5.6),
        Column("Date", 1.1),
        Column("Was", 1.6),
        Column("Now", 1.6),
        Column("Change", 2.43),
    ]
    rows = []
    for d in r.dates_moved:
        change = f"{d.direction} {_months(d.months)}".strip() if d.months else "changed"
        rows.append(
            Row(
                (
                    _name(d.action),
                    d.column.capitalize(),
                    d.before or "(blank)",
                    d.after or "(blank)",
                    change,
                )
            )
        )
    _list_slides(prs, "Dates moved", cols, rows)


def _new_removed(prs: Deck, r: Report) -> None:
    cols = [Column("Change", 2.2), Column("Action", 7.6), Column("Theme", 2.53)]
    rows = [Row(("New", _name(a), a.theme), (), False) for a in r.added]
    rows += [Row(("Removed", _name(a), a.theme), (), False) for a in r.removed]
    for m in r.renumbered:
        what = f"Moved from {m.ref_before}" if m.moved else f"Renumbered from {m.ref_before}"
        rows.append(Row((what, _name(m.action), m.action.theme), (), False))
    _list_slides(prs, "New and removed actions", cols, rows)


def _coming_up(prs: Deck, r: Report) -> None:
    cols = [
        Column("Action", 6.3),
        Column("Theme", 1.6),
        Column("Next quarter", 2.6),
        Column("Status", 1.83),
    ]
    rows = [
        Row(
            (
                _name(c.action),
                c.action.theme,
                f"Starts {c.when}" if c.kind == "starts" else f"Due {c.when}",
                r.status_name(c.status),
            ),
            ("", "", "", c.status),
        )
        for c in r.coming_up
    ]
    title = "Coming up next quarter" + (f" ({r.next_period})" if r.next_period else "")
    note = "Planned actions due to start, and actions due to finish, next quarter."
    _list_slides(prs, title, cols, rows, note=note, empty="Nothing starts or falls due.")


def _overdue(prs: Deck, r: Report) -> None:
    cols = [
        Column("Action", 6.3),
        Column("Theme", 1.6),
        Column("Due", 1.3),
        Column("Status", 1.4),
        Column("Overdue by", 1.73),
    ]
    rows = [
        Row(
            (_name(o.action), o.action.theme, o.end, r.status_name(o.status), _months(o.months)),
            ("", "", "", o.status, ""),
        )
        for o in r.overdue
    ]
    note = f"End date passed by the end of {r.period} and not {r.complete_names}."
    _list_slides(prs, "Overdue", cols, rows, note=note, empty="No action is overdue.")


def build_deck(report: Report) -> Deck:
    """The deck for one report: title, a RAG slide per theme (and all themes), the lists."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    _title_slide(prs, report)
    for theme in (*report.themes, report.overall):
        _theme_slide(prs, report, theme)
    if report.has_previous:
        _completed(prs, report)
        _started(prs, report)
        _dates(prs, report)
        _new_removed(prs, report)
    _coming_up(prs, report)
    _overdue(prs, report)
    return prs


def write_deck(report: Report, path: Path) -> Path:
    """Write report.pptx atomically."""
    deck = build_deck(report)
    return write_atomic(Path(path), lambda tmp: deck.save(str(tmp)))
