"""changes.xlsx and the snapshot workbook: the report's sections as sheets an officer can
sort, filter and print.

One sheet per report section (from the same `Report` model as the HTML, Markdown and deck),
then every change and the snapshot. Every cell is written as text through `_put` — refs stay
"3.10", and document text that starts with "=" stays text, never a formula. Each sheet has
a bold frozen header, filters, RAG-filled status cells, and prints landscape on A4, fitted
to the page width with the header repeated on every page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from normalise import Action
from outputs.atomic import write_atomic
from outputs.rag import RAG_FILL, RAG_TEXT, UNRATED
from outputs.report import ActionLink, Report
from outputs.safe import write_text_cell
from outputs.snapshot import snapshot_header, snapshot_rows

__all__ = ["SHEETS", "write_changes_workbook", "write_snapshot_workbook"]

#: Sheet names of changes.xlsx, in order (one per report section, then changes and snapshot).
SHEETS: tuple[str, ...] = (
    "RAG summary",
    "Status changes",
    "New, removed, moved",
    "Reworded",
    "Dates moved",
    "Progress updates",
    "Coming up",
    "Overdue",
    "Stalled",
    "Data quality",
    "All changes",
    "Snapshot",
)

_HEADER_FILL = "1F4E79"
_UNRATED_FILL = "9AA0A6"
_MAX_WIDTH = 60
_MIN_WIDTH = 8
_WRAP = Alignment(vertical="top", wrap_text=True)
_FONT = "Arial"  # on every machine, or metric-equal (Liberation Sans) where it is not
_BODY = "plantrack text"  # a named style: one assignment per cell instead of two
_LINE_PT = 13.0  # one line of 10 pt Arial, with leading


def _put(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write one cell as text. EVERY cell of these workbooks goes through here.

    Text, never a number or a formula: "3.10" stays 3.10, and "=HYPERLINK(…)" typed into the
    appendix stays those characters (`outputs.safe.write_text_cell`).
    """
    cell: Cell = write_text_cell(ws, row, column, value)
    return cell


def _fill(cell: Cell, status: str) -> None:
    colour = RAG_FILL.get(status) or (_UNRATED_FILL if status == UNRATED else "")
    if not colour:
        return
    cell.fill = PatternFill(fill_type="solid", start_color="FF" + colour, end_color="FF" + colour)
    cell.font = Font(name=_FONT, size=10, bold=True, color="FF" + RAG_TEXT.get(status, "FFFFFF"))


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell takes: a column `width` characters wide holds about that many
    characters of 10 pt Arial (Excel's unit is a digit of the default 11 pt font)."""
    per_line = max(1, int(width) - 1)
    return sum(max(1, -(-len(para) // per_line)) for para in str(text).split("\n"))


def _sheet(
    wb: Workbook,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    status_columns: Iterable[str] = (),
) -> Worksheet:
    """A printable, filterable sheet of text rows; named status columns get RAG fills."""
    ws: Worksheet = wb.create_sheet(title)  # a normal workbook's sheet (not write-only)
    if _BODY not in wb.named_styles:
        wb.add_named_style(NamedStyle(_BODY, font=Font(name=_FONT, size=10), alignment=_WRAP))
    for j, name in enumerate(header, start=1):
        cell = _put(ws, 1, j, name)
        cell.font = Font(name=_FONT, size=10, bold=True, color="FFFFFFFF")
        cell.fill = PatternFill(
            fill_type="solid", start_color="FF" + _HEADER_FILL, end_color="FF" + _HEADER_FILL
        )
        cell.alignment = _WRAP
    widths = [len(h) + 2 for h in header]
    fill_at = {header.index(c) for c in status_columns if c in header}
    texts: list[list[str]] = []
    n = 1
    for n, row in enumerate(rows, start=2):
        texts.append([str(v or "") for v in row])
        for j, value in enumerate(row):
            cell = _put(ws, n, j + 1, value)
            cell.style = _BODY
            if j in fill_at:
                _fill(cell, str(value or ""))
            longest = max((len(line) for line in str(value or "").split("\n")), default=0)
            widths[j] = max(widths[j], longest + 2)
    widths = [max(_MIN_WIDTH, min(_MAX_WIDTH, w)) for w in widths]
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    # row heights from the wrapped text: not every spreadsheet grows a row to fit on opening
    ws.row_dimensions[1].height = _LINE_PT * max(
        _lines(h, w) for h, w in zip(header, widths, strict=True)
    )
    for i, cells in enumerate(texts, start=2):
        lines = max((_lines(t, w) for t, w in zip(cells, widths, strict=False)), default=1)
        ws.row_dimensions[i].height = _LINE_PT * lines + 2
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(n, 1)}"
    _printable(ws)
    return ws


def _empty_workbook() -> Workbook:
    """A workbook with no sheet yet (openpyxl starts each one with an empty "Sheet")."""
    wb = Workbook()
    for ws in wb.worksheets:
        wb.remove(ws)
    return wb


def _printable(ws: Worksheet) -> None:
    """Landscape A4, fitted to one page wide (as many tall as needed), header on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    fit = ws.sheet_properties.pageSetUpPr
    assert fit is not None  # openpyxl gives every new sheet its page-setup properties
    fit.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True


def _action(a: ActionLink) -> list[str]:
    """Number (as printed), the action's short title, theme, pages."""
    return [a.ref, a.title, a.theme, a.pages]


_ACTION_COLUMNS = ["Number", "Action", "Theme", "Pages"]


def _summary_rows(r: Report) -> tuple[list[str], list[list[str]]]:
    header = ["Theme", "Colour rating", "Definition of colour rating"]
    if r.has_previous:
        header.append(f"Number of actions {r.previous_period}")
    header.append(f"Number of actions {r.period}")
    rows = []
    for t in r.summary_columns:
        for row in t.rows:
            counts = ([str(row.previous or 0)] if r.has_previous else []) + [str(row.current)]
            rows.append([t.name, row.status, row.definition, *counts])
        totals = ([str(t.previous_total or 0)] if r.has_previous else []) + [str(t.current_total)]
        rows.append([t.name, "Total", "Number of actions", *totals])
    return header, rows


def _side_text(segments: Sequence[Any], keep: str) -> str:
    return " ".join(s.text for s in segments if s.kind in ("same", keep))


def _section_sheets(wb: Workbook, r: Report) -> None:
    header, rows = _summary_rows(r)
    _sheet(wb, "RAG summary", header, rows, status_columns=["Colour rating"])

    moves = [
        ("Completed", r.completed),
        ("Started", r.started),
        ("Regression", r.regressions),
        ("Other status change", r.other_status),
    ]
    _sheet(
        wb,
        "Status changes",
        ["Change", *_ACTION_COLUMNS, "Was", "Now"],
        ([kind, *_action(m.action), m.before, m.after] for kind, items in moves for m in items),
        status_columns=["Was", "Now"],
    )

    refs = [["New", *_action(a), "", "", ""] for a in r.added]
    refs += [["Removed", *_action(a), "", "", ""] for a in r.removed]
    refs += [
        [
            "Moved" if m.moved else "Renumbered",
            *_action(m.action),
            m.ref_before,
            m.where_before if m.moved else "",
            m.where_after if m.moved else "",
        ]
        for m in r.renumbered
    ]
    _sheet(
        wb,
        "New, removed, moved",
        ["Change", *_ACTION_COLUMNS, "Number before", "Was under", "Now under"],
        refs,
    )

    _sheet(
        wb,
        "Reworded",
        [*_ACTION_COLUMNS, "What changed", "Before", "After"],
        (
            [
                *_action(w.action),
                w.label or "action",
                _side_text(w.segments, "del"),
                _side_text(w.segments, "ins"),
            ]
            for w in r.reworded
        ),
    )

    _sheet(
        wb,
        "Dates moved",
        [*_ACTION_COLUMNS, "Date", "Was", "Now", "Change", "Months"],
        (
            [
                *_action(d.action),
                d.column,
                d.before,
                d.after,
                d.direction,
                "" if d.months is None else str(abs(d.months)),
            ]
            for d in r.dates_moved
        ),
    )

    _sheet(
        wb,
        "Progress updates",
        [*_ACTION_COLUMNS, "New progress text", "Only edited"],
        (
            [*_action(p.action), "\n".join(p.sentences), "yes" if p.edited_only else ""]
            for p in r.progress
        ),
    )

    _sheet(
        wb,
        "Coming up",
        [*_ACTION_COLUMNS, "Next quarter", "When", "Status"],
        (
            [*_action(c.action), "starts" if c.kind == "starts" else "due", c.when, c.status]
            for c in r.coming_up
        ),
        status_columns=["Status"],
    )

    _sheet(
        wb,
        "Overdue",
        [*_ACTION_COLUMNS, "Due", "Status", "Months overdue"],
        ([*_action(o.action), o.end, o.status, str(o.months)] for o in r.overdue),
        status_columns=["Status"],
    )

    _sheet(
        wb,
        "Stalled",
        [*_ACTION_COLUMNS, "Status", "Unchanged since", "Quarters"],
        ([*_action(s.action), s.status, s.since, str(s.quarters)] for s in r.stalled),
        status_columns=["Status"],
    )

    notes = []
    for q in r.quality:
        level = "please check" if q.level == "check" else "for the record"
        if q.items:
            notes += [[q.text, level, *_action(i.action), i.text] for i in q.items]
        else:
            notes.append([q.text, level, "", "", "", "", ""])
    _sheet(wb, "Data quality", ["Note", "Attention", *_ACTION_COLUMNS, "Detail"], notes)


def _snapshot_sheet(
    wb: Workbook, actions: Sequence[Action], ids: Sequence[str], period: str
) -> Worksheet:
    return _sheet(
        wb,
        "Snapshot",
        list(snapshot_header(actions)),
        snapshot_rows(actions, ids, period),
        status_columns=["status"],
    )


def _changes_rows(comparison: Any) -> tuple[list[str], list[list[str]]]:
    from outputs.changes import CHANGE_COLUMNS, changes_frame

    if comparison is None:
        return list(CHANGE_COLUMNS), []
    frame = changes_frame(comparison)
    return list(CHANGE_COLUMNS), [[str(v) for v in row] for row in frame.itertuples(index=False)]


def changes_workbook(
    report: Report,
    actions: Sequence[Action],
    ids: Sequence[str],
    comparison: Any = None,
) -> Workbook:
    """The workbook in memory: the report's sections, all changes, the snapshot."""
    wb = _empty_workbook()
    _section_sheets(wb, report)
    header, rows = _changes_rows(comparison)
    _sheet(wb, "All changes", header, rows)
    _snapshot_sheet(wb, actions, ids, report.period)
    return wb


def write_changes_workbook(
    report: Report,
    actions: Sequence[Action],
    ids: Sequence[str],
    path: Path,
    comparison: Any = None,
) -> Path:
    """Write changes.xlsx atomically."""
    wb = changes_workbook(report, actions, ids, comparison)
    return write_atomic(Path(path), lambda tmp: wb.save(tmp))


def write_snapshot_workbook(
    actions: Sequence[Action], ids: Sequence[str], period: str, path: Path
) -> Path:
    """The store's snapshot as .xlsx: one printable, filterable sheet, every cell text."""
    wb = _empty_workbook()
    _snapshot_sheet(wb, actions, ids, period)
    return write_atomic(Path(path), lambda tmp: wb.save(tmp))
