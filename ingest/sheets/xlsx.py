"""Read an `.xlsx`/`.xlsm` workbook's sheets as grids, with openpyxl.

The workbook is opened in full (not read-only) mode because merged ranges, which make
the Theme/Objective rows and the vertically merged No. cells, are only parsed there; an
action plan is a few hundred rows, so the cost is small. Formulas give their cached
values (`data_only`), as Excel shows them; values are printed with their number format
(`numfmt`), and a solid fill (RGB, theme colour with tint, or indexed) is the cell's
colour.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from ingest.grid import GridCell, GridRow
from ingest.sheets.numfmt import printed
from ingest.textjoin import collapse
from ingest.theme import EXCEL_SLOTS, excel_tint, parse_theme

Sheet = tuple[str, list[GridRow]]


def _fill(cell: object, theme: dict[str, str]) -> str:
    """'RRGGBB' of a cell's solid fill, or ''."""
    from openpyxl.styles.colors import COLOR_INDEX

    fill = getattr(cell, "fill", None)
    if fill is None or getattr(fill, "fill_type", None) != "solid":
        return ""
    colour = fill.fgColor
    kind = getattr(colour, "type", "")
    if kind == "rgb" and isinstance(colour.rgb, str) and len(colour.rgb) >= 6:
        return colour.rgb[-6:].upper()
    if kind == "theme" and isinstance(colour.theme, int) and colour.theme < len(EXCEL_SLOTS):
        base = theme.get(EXCEL_SLOTS[colour.theme], "")
        return excel_tint(base, float(colour.tint or 0)) if base else ""
    if kind == "indexed" and isinstance(colour.indexed, int) and colour.indexed < len(COLOR_INDEX):
        return COLOR_INDEX[colour.indexed][-6:].upper()
    return ""


def read_xlsx(path: Path) -> list[Sheet]:
    """Every visible sheet, in workbook order, as (name, grid rows)."""
    import openpyxl

    # a file object, not the name: openpyxl refuses names not ending .xlsx/.xlsm, and the
    # kind was judged by content
    with path.open("rb") as fh, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions
        wb = openpyxl.load_workbook(fh, data_only=True, read_only=False)
    try:
        theme = parse_theme(wb.loaded_theme)
        return [(ws.title, _grid(ws, theme)) for ws in wb.worksheets if ws.sheet_state == "visible"]
    finally:
        wb.close()


def _grid(ws: object, theme: dict[str, str]) -> list[GridRow]:
    spans: dict[tuple[int, int], int] = {}  # (row, col) of a merge's top-left -> width
    covered: dict[tuple[int, int], bool] = {}  # other cells of merges: True when below the top
    for rng in ws.merged_cells.ranges:  # type: ignore[attr-defined]
        spans[(rng.min_row, rng.min_col)] = rng.max_col - rng.min_col + 1
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    covered[(r, c)] = r > rng.min_row and c == rng.min_col
    rows: list[GridRow] = []
    for row in ws.iter_rows():  # type: ignore[attr-defined]
        cells: list[GridCell] = []
        number = row[0].row if row else 0
        for cell in row:
            key = (cell.row, cell.column)
            if key in covered:
                if covered[key]:  # the rows under a vertical merge continue its text
                    cells.append(GridCell(cell.column - 1, 1, "", "", True))
                continue
            text = collapse(printed(cell.value, cell.number_format))
            cells.append(
                GridCell(cell.column - 1, spans.get(key, 1), text, _fill(cell, theme), False)
            )
        if any(c.text for c in cells):
            rows.append(GridRow(number, tuple(cells)))
    return rows


__all__ = ["read_xlsx"]
