"""Walk a Word body as a person sees it: blocks, tables, rows and cells, content
controls and custom XML made transparent, tracked-deleted rows gone.

`w:sdt` and `w:customXml` can wrap a table (block level), a run of rows (row level), a
cell (cell level) or text (run level); each is looked through to what it holds. A row
whose `w:trPr` carries `w:del` was deleted with Track Changes on and is not in the
accepted view; one carrying `w:ins` was inserted and is.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ingest.docx.shading import shading_colour
from ingest.docx.text import accepted_text, tracked_changes, w
from ingest.grid import GridCell, GridRow

_P, _TBL, _TR, _TC = w("p"), w("tbl"), w("tr"), w("tc")
_WRAPPERS = frozenset({w("sdt"), w("customXml")})
_SDT_CONTENT = w("sdtContent")
_VAL = w("val")

#: Row flag for rows holding unaccepted tracked changes (reaches the snapshot's warnings).
TRACKED_FLAG = "tracked changes in this row not yet accepted (read as if accepted)"


def _through(el: etree._Element, wanted: frozenset[str]) -> Iterator[etree._Element]:
    """`el`'s children with a wanted tag, looking through content controls and custom XML."""
    for child in el:
        tag = child.tag
        if tag in wanted:
            yield child
        elif tag == w("sdt"):
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _through(content, wanted)
        elif tag == w("customXml"):
            yield from _through(child, wanted)


def blocks(body: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables of a body (or cell), in order."""
    return _through(body, frozenset({_P, _TBL}))


def is_deleted_row(tr: etree._Element) -> bool:
    trpr = tr.find(w("trPr"))
    return trpr is not None and trpr.find(w("del")) is not None


def table_rows(tbl: etree._Element) -> Iterator[tuple[int, etree._Element]]:
    """(index, row) for every row of the accepted view; the index counts the document's
    rows (deleted ones included), so it names the same row as the XML does."""
    for index, tr in enumerate(_through(tbl, frozenset({_TR}))):
        if not is_deleted_row(tr):
            yield index, tr


def row_cells(tr: etree._Element) -> Iterator[etree._Element]:
    return _through(tr, frozenset({_TC}))


def _int(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(_VAL, str(default)) or default)
    except ValueError:
        return default


def grid_row(index: int, tr: etree._Element, theme: dict[str, str]) -> GridRow:
    """A `w:tr`'s cells, each once, on the table grid (pure over the XML)."""
    cells: list[GridCell] = []
    trpr = tr.find(w("trPr"))
    col = _int(trpr.find(w("gridBefore")) if trpr is not None else None, 0)
    for tc in row_cells(tr):
        tcpr = tc.find(w("tcPr"))
        span, fill, cont = 1, "", False
        if tcpr is not None:
            span = max(1, _int(tcpr.find(w("gridSpan")), 1))
            fill = shading_colour(tcpr.find(w("shd")), theme)
            vm = tcpr.find(w("vMerge"))
            cont = vm is not None and vm.get(_VAL, "continue") != "restart"
        cells.append(GridCell(col, span, accepted_text(tc), fill, cont))
        col += span
    flags = (TRACKED_FLAG,) if tracked_changes(tr) else ()
    return GridRow(index, tuple(cells), flags)


def table_grid(tbl: etree._Element, theme: dict[str, str]) -> list[GridRow]:
    return [grid_row(i, tr, theme) for i, tr in table_rows(tbl)]


__all__ = ["TRACKED_FLAG", "blocks", "grid_row", "is_deleted_row", "row_cells", "table_grid"]
