"""Spreadsheet readers: `.xlsx`/`.xlsm` (openpyxl), `.ods` (its XML) and `.csv`.

Each reader gives its sheets as grids of printed cell texts (`ingest.grid.GridCell`);
`read_sheets` then finds the header rows as in documents, takes merged full-width rows
as Theme/Objective banners and the rest as actions. Provenance is the sheet (index and
name) and the row number the application shows.
"""

from __future__ import annotations

from pathlib import Path

from ingest.columns import map_columns, missing_required
from ingest.errors import MissingColumnsError, NoActionTableError
from ingest.grid import GridRow, find_header, rows_from_grid
from ingest.rows import TableRow
from ingest.settings import IngestSettings

#: `Plan.kind` of each spreadsheet format
KINDS = ("xlsx", "ods", "csv")


def sheets_of(path: Path, kind: str) -> list[tuple[str, list[GridRow]]]:
    """(sheet name, grid rows) of every sheet of a spreadsheet of the given kind."""
    if kind == "xlsx":
        from ingest.sheets.xlsx import read_xlsx

        return read_xlsx(path)
    if kind == "ods":
        from ingest.sheets.ods import read_ods

        return read_ods(path)
    from ingest.sheets.csvfile import read_csv

    return read_csv(path)


def read_sheets(
    path: Path, kind: str, settings: IngestSettings
) -> tuple[list[TableRow], list[str]]:
    """All rows of all sheets holding the action table, in order, and the header texts."""
    rows: list[TableRow] = []
    header: GridRow | None = None
    headers_seen: list[str] = []
    partial: list[str] | None = None
    for index, (name, grid) in enumerate(sheets_of(path, kind)):
        own = find_header(grid, settings)
        if own is not None:
            mapping = map_columns([c.text for c in own.cells], settings.column_match_threshold)
            missing = missing_required(mapping)
            if missing:
                partial = missing
                continue
        else:
            continue  # a cover, notes or key sheet: a table never runs on to another sheet
        new_rows, header, header_text = rows_from_grid(grid, header, index, settings, sheet=name)
        if header_text and header_text not in headers_seen:
            headers_seen.append(header_text)
        rows.extend(new_rows)
    if header is None:
        if partial:
            raise MissingColumnsError(f"table is missing required columns: {', '.join(partial)}")
        raise NoActionTableError("no action-plan table found")
    return rows, headers_seen


def sheet_rows(
    path: Path, kind: str, settings: IngestSettings
) -> list[tuple[int, str, int, list[str]]]:
    """For the conservation check: every non-empty row of every sheet that has a header
    row, as (sheet index, sheet name, row number, cell texts), headers included."""
    return [
        (index, name, row.index, [c.text for c in row.cells])
        for index, (name, grid) in enumerate(sheets_of(path, kind))
        if find_header(grid, settings) is not None
        for row in grid
    ]


__all__ = ["KINDS", "read_sheets", "sheet_rows", "sheets_of"]
