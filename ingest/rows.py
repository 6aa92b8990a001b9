"""Internal records passed between the readers, the stitcher and the assembler.

A reader yields `TableRow`s per page (PDF) or per table (DOCX); the stitcher merges
page-split rows; the assembler turns rows into `RawAction`s and `Heading`s. Nothing
here leaves the package.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ingest.records import COLUMNS, Box
from ingest.textjoin import glue


@dataclass(frozen=True)
class Cell:
    """A cell's text and whether its last line ended in a broken word."""

    text: str = ""
    broken_word: bool = False  # last line is a word broken by the cell's right edge
    box: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom (PDF)


EMPTY = Cell()


@dataclass(frozen=True)
class TableRow:
    """One table row as read: either eight cells, or a full-width banner (theme/objective)."""

    kind: str  # "cells" or "banner"
    cells: tuple[Cell, ...] = ()  # len(COLUMNS), in canonical column order, for kind "cells"
    text: str = ""  # banner text
    pages: tuple[int, ...] = ()
    boxes: tuple[Box, ...] = ()
    status_colour: str = ""
    #: PDF: the row's bottom edge is a drawn rule (False when the row runs off the page).
    closed: bool = True
    #: PDF: empty space (points) between this row's bottom and the lowest table bottom
    #: seen in the document; only meaningful for a page's last row.
    room_below: float = 0.0
    #: PDF: the row is the first body row on its page (after any repeated header).
    page_top: bool = False
    #: PDF: the row is the last body row on its page.
    page_bottom: bool = False
    table: int | None = None  # DOCX table index
    row_indexes: tuple[int, ...] = ()  # DOCX row indexes
    flags: tuple[str, ...] = ()
    header_text: str = ""  # the header in force for this row, e.g. "... | Progress log"
    outside_table: bool = False  # banner printed as a heading above a table

    def cell(self, column: str) -> str:
        return self.cells[COLUMNS.index(column)].text if self.cells else ""

    def texts(self) -> dict[str, str]:
        return {c: self.cell(c) for c in COLUMNS}


def cells_row(texts: dict[str, str], **kw: object) -> TableRow:
    """Convenience constructor (tests and DOCX): a cells row from column -> text."""
    return TableRow(
        kind="cells",
        cells=tuple(Cell(texts.get(c, "")) for c in COLUMNS),
        **kw,  # type: ignore[arg-type]
    )


def merge_rows(upper: TableRow, lower: TableRow) -> TableRow:
    """The upper part of a split row with its continuation, cell by cell (pure).

    Every cell keeps all of its text: fragments are glued with one space, or none
    after a hyphenated or broken word.
    """
    cells = tuple(
        Cell(
            glue(a.text, b.text, broken_word=a.broken_word),
            broken_word=b.broken_word if b.text else a.broken_word,
        )
        for a, b in zip(upper.cells, lower.cells, strict=True)
    )
    return replace(
        upper,
        cells=cells,
        pages=tuple(dict.fromkeys(upper.pages + lower.pages)),
        boxes=upper.boxes + lower.boxes,
        status_colour=upper.status_colour or lower.status_colour,
        closed=lower.closed,
        room_below=lower.room_below,
        page_bottom=lower.page_bottom,
        row_indexes=upper.row_indexes + lower.row_indexes,
        flags=tuple(dict.fromkeys((*upper.flags, *lower.flags, "stitched"))),
    )


__all__ = ["EMPTY", "Cell", "TableRow", "cells_row", "merge_rows"]
