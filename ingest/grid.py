"""A table as a grid of cells (DOCX tables and spreadsheets alike) -> rows of the plan.

Both Word tables and spreadsheets merge cells the same two ways: across columns (a
Theme/Objective row spanning the table) and down rows (a No. cell over the unnumbered
actions under it). Readers place each cell on the grid once (`GridCell`); this module
finds the header rows, names the columns from them and turns the other rows into
banners or eight-column action rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ingest.assemble import is_heading_text
from ingest.colour import hex_to_rgb, nearest_rag
from ingest.columns import (
    extra_header,
    is_extra,
    is_header_row,
    map_columns,
    missing_required,
    name_columns,
)
from ingest.errors import MissingColumnsError, NoActionTableError
from ingest.forms import FormRead, table_forms
from ingest.records import COLUMNS
from ingest.rows import Cell, TableRow
from ingest.settings import IngestSettings
from ingest.textjoin import collapse


@dataclass(frozen=True)
class GridCell:
    """One cell placed on the table grid, with its text as a person reads it."""

    start: int  # first grid column
    span: int
    text: str
    fill: str  # effective fill as 'RRGGBB', "" if none
    continues_merge: bool  # vertical merge continuation: its text belongs to the cell above


@dataclass(frozen=True)
class GridRow:
    """A row of cells and where it is: its index (DOCX: 0-based) or number (sheets: 1-based)."""

    index: int
    cells: tuple[GridCell, ...]
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grid:
    """One table (DOCX) or sheet: its index, its rows, and the sheet's name."""

    index: int
    rows: tuple[GridRow, ...]
    sheet: str = ""


def grid_width(rows: Iterable[GridRow]) -> int:
    return max((c.start + c.span for r in rows for c in r.cells), default=0)


def _column_of(mapping: dict[int, str], header: tuple[GridCell, ...], cell: GridCell) -> str | None:
    """The canonical column a data cell sits in: the header cell covering its grid start."""
    for i, h in enumerate(header):
        if h.start <= cell.start < h.start + h.span:
            return mapping.get(i)
    return None


def find_header(rows: list[GridRow], settings: IngestSettings, within: int = 3) -> GridRow | None:
    """The first header row among the first `within` non-empty rows, if any."""
    seen = 0
    for row in rows:
        texts = [c.text for c in row.cells]
        if not any(texts):
            continue
        if is_header_row(texts, settings):
            return row
        seen += 1
        if seen >= within:
            break
    return None


def sub_header(header: GridRow, row: GridRow) -> GridRow | None:
    """The header with a second header row folded in, if `row` is one (pure): every cell
    with text sits under a header cell merged across columns ("Performance" over "Actual"
    and "RAG"). Each sub cell is named by its own text when that names a field ("RAG"),
    else as "<parent> - <sub>" ("Performance - Actual"); None when `row` is data."""
    filled = [c for c in row.cells if c.text and not c.continues_merge]
    if not filled:
        return None

    def parent(c: GridCell) -> GridCell | None:
        return next((h for h in header.cells if h.start <= c.start < h.start + h.span), None)

    if any((p := parent(c)) is None or p.span < 2 for c in filled):
        return None
    cells: list[GridCell] = []
    for h in header.cells:
        subs = [c for c in filled if h.start <= c.start < h.start + h.span] if h.span > 1 else []
        if not subs:
            cells.append(h)
            continue
        for c in subs:
            text = c.text if map_columns([c.text]) else f"{h.text} - {c.text}"
            cells.append(GridCell(c.start, c.span, text, h.fill, False))
    return GridRow(header.index, tuple(cells), header.flags)


def _is_banner(filled: list[GridCell], width: int, before_header: bool) -> bool:
    """A Theme/Objective (or title) row: one cell with text, merged across the table or
    reading as a heading, or above the header (a CSV export keeps a merged row's text
    in its first cell only)."""
    if len(filled) != 1 or width <= 1:
        return False
    wide = filled[0].span >= max(2, width // 2)
    return wide or is_heading_text(filled[0].text) or before_header


def rows_from_grid(
    rows: Iterable[GridRow],
    header: GridRow | None,
    table_index: int,
    settings: IngestSettings,
    sheet: str = "",
) -> tuple[list[TableRow], GridRow | None, str]:
    """Rows of one table or sheet (pure): header rows dropped, full-width rows as banners.

    Returns the rows, the header in force after the table, and its text.
    """
    rows = list(rows)
    width = grid_width(rows)
    out: list[TableRow] = []
    header_text = " | ".join(c.text for c in header.cells) if header else ""
    mapping = (
        name_columns(
            [c.text for c in header.cells], settings.column_match_threshold, settings.column_aliases
        )
        if header
        else {}
    )
    just_header = False
    for row in rows:
        texts = [c.text for c in row.cells]
        if is_header_row(texts, settings):
            header, header_text = row, " | ".join(texts)
            mapping = name_columns(texts, settings.column_match_threshold, settings.column_aliases)
            just_header = True
            continue
        if just_header and header is not None and (folded := sub_header(header, row)):
            header = folded
            texts = [c.text for c in folded.cells]
            header_text = " | ".join(texts)
            mapping = name_columns(texts, settings.column_match_threshold, settings.column_aliases)
            just_header = False
            continue
        if any(texts):
            just_header = False
        filled = [c for c in row.cells if c.text and not c.continues_merge]
        if not filled:
            continue
        if _is_banner(filled, width, header is None):
            out.append(
                TableRow(
                    "banner",
                    text=filled[0].text,
                    table=table_index,
                    row_indexes=(row.index,),
                    flags=row.flags,
                    sheet=sheet,
                )
            )
            continue
        if header is None:
            continue  # no header yet: not (yet) an action table
        by_col: dict[str, str] = {}
        colour = ""
        for c in row.cells:
            name = _column_of(mapping, header.cells, c)
            if name is None and c.text and not c.continues_merge:
                name = "extra:"  # a cell beyond the header's cells: kept, unnamed
            if name is None:
                continue
            if not c.continues_merge:
                by_col[name] = collapse(f"{by_col.get(name, '')} {c.text}")
            if name == "status":
                rgb = hex_to_rgb(c.fill)
                colour = (
                    nearest_rag(
                        rgb,
                        max_distance=settings.max_colour_distance,
                        colours=settings.status_colours,
                    )
                    or colour
                )
        out.append(
            TableRow(
                "cells",
                cells=tuple(Cell.of(by_col.get(col, "")) for col in COLUMNS),
                extra=tuple(
                    (extra_header(n) or "(no header)", Cell.of(t))
                    for n, t in by_col.items()
                    if is_extra(n)
                ),
                status_colour=colour,
                table=table_index,
                row_indexes=(row.index,),
                header_text=header_text,
                flags=row.flags,
                sheet=sheet,
            )
        )
    return out, header, header_text


def plan_rows(
    items: Iterable[Grid | TableRow], settings: IngestSettings, *, header_carries_over: bool
) -> tuple[list[TableRow], list[str]]:
    """Every row of the action tables among `items` (grids, and headings printed between
    them as banner rows), in order, plus the distinct header texts (pure).

    A grid with a header lacking required columns is left out (and named if no table
    qualifies); a grid without a header continues the previous table's columns when
    `header_carries_over` (Word tables split in two), else it is not part of the plan
    (a spreadsheet's cover, notes or key sheet).
    """
    rows: list[TableRow] = []
    header: GridRow | None = None
    headers_seen: list[str] = []
    partial: list[str] | None = None
    forms = False
    for item in items:
        if isinstance(item, TableRow):
            rows.append(item)
            continue
        own = find_header(list(item.rows), settings)
        if own is None and header_carries_over and (form := _form_of(item, settings)).rows:
            rows.extend(form.rows)  # a form table (label | value): ingest.forms
            headers_seen.extend(h for h in form.headers if h not in headers_seen)
            forms = True
            continue
        if own is not None:
            missing = missing_required(
                map_columns(
                    [c.text for c in own.cells],
                    settings.column_match_threshold,
                    settings.column_aliases,
                )
            )
            if missing:
                partial = missing
                continue
        elif header is None or not header_carries_over:
            continue  # a layout table before the plan, or a sheet that is not the plan
        new_rows, header, header_text = rows_from_grid(
            item.rows, header, item.index, settings, sheet=item.sheet
        )
        if header_text and header_text not in headers_seen:
            headers_seen.append(header_text)
        rows.extend(new_rows)
    if header is None and not forms:
        if partial:
            raise MissingColumnsError(f"table is missing required columns: {', '.join(partial)}")
        raise NoActionTableError("no action-plan table found")
    return rows, headers_seen


def _form_of(grid: Grid, settings: IngestSettings) -> FormRead:
    """A table with no header read as a form; a table that is not one reads as no rows."""
    texts = [
        (r.index, [c.text if not c.continues_merge else "" for c in r.cells]) for r in grid.rows
    ]
    got, _ = table_forms(
        grid.index,
        texts,
        settings.column_match_threshold,
        settings.column_aliases,
        max(2, settings.min_header_columns - 1),
    )
    return got


__all__ = [
    "Grid",
    "GridCell",
    "GridRow",
    "find_header",
    "grid_width",
    "plan_rows",
    "rows_from_grid",
    "sub_header",
]
