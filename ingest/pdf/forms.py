"""The PDF side of form tables: the rows of the tables that are not action tables, as
`ingest.forms.FormRow`s, and back from the records the words the check must find.

Only geometry lives here: a two-cell row is a label | value row (its label cell empty:
the value goes on, as at the top of a page where a long value continues); a one-cell
row whose words all lie in the value column of the form above continues that value (the
lattice reads the value cell of a row whose label cell is empty as a full-width row); any
other full-width row is a title bar; anything else ends the form. A form runs on across
page breaks while the pages draw the same label column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ingest.forms import BREAK, FIELD, MORE, TITLE, FormRow, read_forms
from ingest.pdf.page import PageParse, PageRow
from ingest.records import Box
from ingest.rows import Cell, TableRow
from ingest.settings import IngestSettings
from ingest.textjoin import Line

__all__ = ["PdfForms", "read_pdf_forms"]

BBox = tuple[float, float, float, float]

#: how far apart two pages' label columns may be drawn and still be one form (points)
_SAME_COLUMN = 3.0


@dataclass(frozen=True)
class PdfForms:
    """The records of a PDF's forms, and what they mean for the rest of the read."""

    rows: tuple[TableRow, ...]  # document order: per record its title (if any), its row
    headers: tuple[str, ...]
    notes: tuple[str, ...]
    tables: frozenset[tuple[int, int]]  # (page, table) read as forms: no longer skipped
    #: per page, the areas whose words are form text (values, titles) and the label cells
    #: inside them (headers: in no field)
    text_areas: dict[int, tuple[BBox, ...]]
    label_areas: dict[int, tuple[BBox, ...]]

    def holds(self, page: int, table: int, x: float, y: float) -> bool:
        """Whether a word of `table` on `page` at (x, y) is form text the plan must hold."""
        if (page, table) not in self.tables:
            return False
        inside = any(_in(b, x, y) for b in self.text_areas.get(page, ()))
        return inside and not any(_in(b, x, y) for b in self.label_areas.get(page, ()))


def _in(b: BBox, x: float, y: float, tol: float = 1.0) -> bool:
    return b[0] - tol <= x <= b[2] + tol and b[1] - tol <= y <= b[3] + tol


@dataclass(frozen=True)
class _Source:
    page: int
    table: int
    row: PageRow


def form_rows(
    parses: Sequence[PageParse], read: Sequence[frozenset[int]]
) -> tuple[list[FormRow], list[_Source]]:
    """Every page's rows outside the action tables as form rows, in document order
    (pure). `read[i]`: the tables of page i read as action tables."""
    out: list[FormRow] = []
    src: list[_Source] = []
    column: float | None = None  # the label column's right edge of the form running on
    for parse, done in zip(parses, read, strict=True):
        for row in parse.rows:
            kind, label, value = BREAK, "", Cell()
            if row.table >= 0 and row.table not in done:
                kind, label, value, column = _classify(parse, row, column)
            if kind == BREAK:
                column = None
            out.append(
                FormRow(
                    kind,
                    label=label,
                    value=value,
                    text=row.text if kind == TITLE else "",
                    page=parse.page,
                    box=Box(parse.page, *row.box),
                )
            )
            src.append(_Source(parse.page, row.table, row))
    return out, src


def _classify(
    parse: PageParse, row: PageRow, column: float | None
) -> tuple[str, str, Cell, float | None]:
    """(kind, label, value, the label column in force after the row) of one row."""
    if row.kind == "banner":
        xs = [
            x
            for k, _, x, y in parse.table_words
            if k == row.table and row.box[0] <= x <= row.box[2] and row.box[1] <= y <= row.box[3]
        ]
        if column is not None and xs and min(xs) > column:
            return MORE, "", Cell((Line(row.text),)), column
        return TITLE, "", Cell(), None
    if len(row.cells) != 2:
        return BREAK, "", Cell(), None
    label, value = row.cells
    edge = label.x1
    if column is not None and abs(edge - column) > _SAME_COLUMN:
        column = None  # another form, or not one: the label column moved
    if label.cell.text:
        return FIELD, label.cell.text, value.cell, edge
    if column is not None and value.cell.text:
        return MORE, "", value.cell, column
    return (BREAK, "", Cell(), None) if value.cell.text else (MORE, "", Cell(), column)


def read_pdf_forms(
    parses: Sequence[PageParse], read: Sequence[frozenset[int]], s: IngestSettings
) -> PdfForms:
    """The forms among the tables that are not action tables (pure over the parses)."""
    rows, src = form_rows(parses, read)
    got = read_forms(
        rows, s.column_match_threshold, s.column_aliases, max(2, s.min_header_columns - 1)
    )
    text: dict[int, list[BBox]] = {}
    labels: dict[int, list[BBox]] = {}
    tables: set[tuple[int, int]] = set()
    for i in got.used:
        where = src[i]
        tables.add((where.page, where.table))
        text.setdefault(where.page, []).append(where.row.box)
        if i in got.labels:
            labels.setdefault(where.page, []).append(where.row.cells[0].box)
    return PdfForms(
        got.rows,
        got.headers,
        got.notes,
        frozenset(tables),
        {p: tuple(b) for p, b in text.items()},
        {p: tuple(b) for p, b in labels.items()},
    )
