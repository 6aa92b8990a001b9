"""Read the action table(s) of a DOCX directly from its XML, with python-docx.

Works on the underlying `w:tc` elements because python-docx's `row.cells` repeats a
merged cell once per grid column it covers, which would duplicate text. Body order is
kept, so a "Theme B: ..." heading above a table gives the following rows their theme,
and several tables make one plan. Pages are unknown in a DOCX (Word lays them out at
display time), so provenance gives the table and row indexes and `pages=()`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table, _Cell

from ingest.assemble import is_heading_text
from ingest.colour import hex_to_rgb, nearest_rag
from ingest.columns import header_strength, map_columns, missing_required
from ingest.errors import MissingColumnsError, NoActionTableError
from ingest.records import COLUMNS
from ingest.rows import Cell, TableRow
from ingest.settings import IngestSettings
from ingest.textjoin import collapse


@dataclass(frozen=True)
class GridCell:
    """One `w:tc` placed on the table grid."""

    start: int  # first grid column
    span: int
    text: str
    fill: str  # w:shd/@w:fill, "" if none
    continues_merge: bool  # vMerge continuation: its text belongs to the cell above


def _row_tcs(tr: object) -> Iterator[object]:
    for child in tr:  # type: ignore[attr-defined]
        if child.tag == qn("w:tc"):
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            yield from child.iter(qn("w:tc"))


def grid_cells(tr: object, table: object) -> list[GridCell]:
    """The cells of a `w:tr`, each once, with their grid position (pure over the XML)."""
    out: list[GridCell] = []
    col = 0
    trpr = tr.find(qn("w:trPr"))  # type: ignore[attr-defined]
    if trpr is not None:
        before = trpr.find(qn("w:gridBefore"))
        if before is not None:
            col += int(before.get(qn("w:val"), "0") or 0)
    for tc in _row_tcs(tr):
        tcpr = tc.find(qn("w:tcPr"))  # type: ignore[attr-defined]
        span, fill, cont = 1, "", False
        if tcpr is not None:
            gs = tcpr.find(qn("w:gridSpan"))
            if gs is not None:
                span = max(1, int(gs.get(qn("w:val"), "1") or 1))
            shd = tcpr.find(qn("w:shd"))
            if shd is not None:
                fill = shd.get(qn("w:fill"), "") or ""
            vm = tcpr.find(qn("w:vMerge"))
            if vm is not None and vm.get(qn("w:val"), "continue") != "restart":
                cont = True
        text = collapse(_Cell(tc, table).text)  # type: ignore[arg-type]
        out.append(GridCell(col, span, text, fill, cont))
        col += span
    return out


def _grid_width(rows: list[list[GridCell]]) -> int:
    return max((c.start + c.span for r in rows for c in r), default=0)


def _column_of(mapping: dict[int, str], header: list[GridCell], cell: GridCell) -> str | None:
    """The canonical column a data cell sits in: the header cell covering its grid start."""
    for i, h in enumerate(header):
        if h.start <= cell.start < h.start + h.span:
            return mapping.get(i)
    return None


def rows_from_table(
    cells: list[list[GridCell]],
    header: list[GridCell] | None,
    table_index: int,
    settings: IngestSettings,
) -> tuple[list[TableRow], list[GridCell] | None, str]:
    """Rows of one table (pure): header rows dropped, full-width rows as banners.

    Returns the rows, the header in force after the table, and its text.
    """
    width = _grid_width(cells)
    out: list[TableRow] = []
    header_text = " | ".join(c.text for c in header) if header else ""
    mapping = (
        map_columns([c.text for c in header], settings.column_match_threshold) if header else {}
    )
    for r, row in enumerate(cells):
        texts = [c.text for c in row]
        if header_strength(texts, settings.column_match_threshold) >= settings.min_header_columns:
            header, header_text = row, " | ".join(texts)
            mapping = map_columns(texts, settings.column_match_threshold)
            continue
        filled = [c for c in row if c.text and not c.continues_merge]
        if not filled:
            continue
        if len(filled) == 1 and width > 1 and filled[0].span >= max(2, width // 2):
            out.append(TableRow("banner", text=filled[0].text, table=table_index, row_indexes=(r,)))
            continue
        if header is None:
            continue  # no header yet: not (yet) an action table
        by_col: dict[str, str] = {}
        colour = ""
        for c in row:
            name = _column_of(mapping, header, c)
            if name is None:
                continue
            if not c.continues_merge:
                by_col[name] = collapse(f"{by_col.get(name, '')} {c.text}")
            if name == "status":
                colour = nearest_rag(hex_to_rgb(c.fill)) or colour
        out.append(
            TableRow(
                "cells",
                cells=tuple(Cell.of(by_col.get(col, "")) for col in COLUMNS),
                status_colour=colour,
                table=table_index,
                row_indexes=(r,),
                header_text=header_text,
            )
        )
    return out, header, header_text


def read_docx_rows(
    document: DocxDocument, settings: IngestSettings
) -> tuple[list[TableRow], list[str]]:
    """All rows of all action tables, in body order, plus the distinct header texts."""
    body = document.element.body
    rows: list[TableRow] = []
    header: list[GridCell] | None = None
    headers_seen: list[str] = []
    partial: list[str] | None = None
    table_index = -1
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            text = collapse("".join(t.text or "" for t in child.iter(qn("w:t"))))
            if text and is_heading_text(text):
                rows.append(TableRow("banner", text=text, outside_table=True))
        elif child.tag == qn("w:tbl"):
            table_index += 1
            table = Table(child, document)  # type: ignore[arg-type]
            cells = [grid_cells(tr, table) for tr in child.findall(qn("w:tr"))]
            own_header = _find_header(cells, settings)
            if own_header is not None:
                mapping = map_columns([c.text for c in own_header], settings.column_match_threshold)
                missing = missing_required(mapping)
                if missing:
                    partial = missing
                    continue
            elif header is None:
                continue  # a layout table before any action table
            new_rows, header, header_text = rows_from_table(cells, header, table_index, settings)
            if header_text and header_text not in headers_seen:
                headers_seen.append(header_text)
            rows.extend(new_rows)
    if header is None:
        if partial:
            raise MissingColumnsError(f"table is missing required columns: {', '.join(partial)}")
        raise NoActionTableError("no action-plan table found")
    # headings above the first action table but never followed by one are harmless
    return rows, headers_seen


def _find_header(cells: list[list[GridCell]], settings: IngestSettings) -> list[GridCell] | None:
    for row in cells[:3]:
        texts = [c.text for c in row]
        if header_strength(texts, settings.column_match_threshold) >= settings.min_header_columns:
            return row
    return None


__all__ = ["GridCell", "grid_cells", "read_docx_rows", "rows_from_table"]
