"""Spreadsheet readers: `.xlsx`/`.xlsm` (openpyxl), `.ods` (its XML) and `.csv`.

Each reader gives its sheets as grids of printed cell texts (`ingest.grid.GridCell`);
`read_sheets` then finds the header rows as in documents, takes merged full-width rows
as Theme/Objective banners and the rest as actions. Provenance is the sheet (index and
name) and the row number the application shows.
"""

from __future__ import annotations

from pathlib import Path

from ingest.grid import Grid, GridRow, find_header, plan_rows
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
    """All rows of all sheets holding the action table, in order, and the header texts.
    A table never runs on to another sheet: a sheet without a header row (a cover, notes
    or colour key) is not part of the plan."""
    grids = (
        Grid(index, tuple(rows), name) for index, (name, rows) in enumerate(sheets_of(path, kind))
    )
    return plan_rows(grids, settings, header_carries_over=False)


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
