"""Internal records passed between the readers, the stitcher and the assembler.

A reader yields `TableRow`s per page (PDF) or per table (DOCX); the stitcher merges
page-split rows; the assembler turns rows into `RawAction`s and `Heading`s. Cells keep
their visual lines until the whole document is read, because deciding whether a line
ends in a broken word needs the document's vocabulary. Nothing here leaves the package.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ingest.records import COLUMNS, Box
from ingest.textjoin import Lexicon, Line, join_lines


@dataclass(frozen=True)
class Cell:
    """A cell's visual lines (one line for DOCX)."""

    lines: tuple[Line, ...] = ()

    @property
    def text(self) -> str:
        return join_lines(self.lines)

    @property
    def broken_word(self) -> bool:
        return bool(self.lines) and self.lines[-1].broken_word

    @classmethod
    def of(cls, text: str) -> Cell:
        return cls((Line(text),) if text else ())


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
    page_top: bool = False  # PDF: first body row on its page (after the repeated header)
    page_bottom: bool = False  # PDF: last body row on its page
    table: int | None = None  # DOCX table index, spreadsheet sheet index
    sheet: str = ""  # spreadsheet sheet name
    row_indexes: tuple[int, ...] = ()  # DOCX row indexes
    flags: tuple[str, ...] = ()
    header_text: str = ""  # the header in force for this row, e.g. "... | Progress log"
    outside_table: bool = False  # banner printed as a heading above a table
    #: unknown columns as (printed header, cell), in table order (see ingest.columns)
    extra: tuple[tuple[str, Cell], ...] = ()
    #: a form record's name (the part of its labels naming it: "Age"), its theme
    name: str = ""

    def cell(self, column: str) -> str:
        return self.cells[COLUMNS.index(column)].text if self.cells else ""

    def texts(self) -> dict[str, str]:
        return {c: self.cell(c) for c in COLUMNS}


def cells_row(texts: dict[str, str], **kw: object) -> TableRow:
    """Convenience constructor (tests and DOCX): a cells row from column -> text."""
    cells = tuple(Cell.of(texts.get(c, "")) for c in COLUMNS)
    return TableRow("cells", cells, **kw)  # type: ignore[arg-type]


def merge_rows(upper: TableRow, lower: TableRow) -> TableRow:
    """The upper part of a split row with its continuation, cell by cell (pure).

    Every line of every cell is kept, in order; how the lines are glued (space,
    hyphen, broken word) is decided later with the document's vocabulary.
    """
    cells = tuple(Cell(a.lines + b.lines) for a, b in zip(upper.cells, lower.cells, strict=True))
    extra: dict[str, Cell] = dict(upper.extra)
    for name, cell in lower.extra:
        extra[name] = Cell(extra[name].lines + cell.lines) if name in extra else cell
    return replace(
        upper,
        cells=cells,
        extra=tuple(extra.items()),
        pages=tuple(dict.fromkeys(upper.pages + lower.pages)),
        boxes=upper.boxes + lower.boxes,
        status_colour=upper.status_colour or lower.status_colour,
        closed=lower.closed,
        room_below=lower.room_below,
        page_bottom=lower.page_bottom,
        row_indexes=upper.row_indexes + lower.row_indexes,
        flags=tuple(dict.fromkeys((*upper.flags, *lower.flags, "stitched"))),
    )


def resolve_lines(row: TableRow, lexicon: Lexicon | None) -> TableRow:
    """Glue every cell's lines into one, using the lexicon (pure)."""
    if row.kind != "cells":
        return row
    return replace(
        row,
        cells=tuple(Cell.of(join_lines(c.lines, lexicon)) for c in row.cells),
        extra=tuple((h, Cell.of(join_lines(c.lines, lexicon))) for h, c in row.extra),
    )


__all__ = ["Cell", "TableRow", "cells_row", "merge_rows", "resolve_lines"]
