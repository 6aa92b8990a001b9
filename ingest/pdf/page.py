"""One PDF page -> its table rows, as a pure function of (path, page range).

Cells come from the ruling lines and cell rectangles (pdfplumber's lattice finder), not
from fixed column positions; words are extracted once per page and given to the cell
holding their centre. Text below a table's last rule but between its column lines (the
upper part of a split row drawn without its bottom border) is still captured, as an
"open" row built from the table's column ranges. Pages are closed after use so a long
document does not hold every page's objects in memory, and any page range can be parsed
in a worker process.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber

from ingest.assemble import is_heading_text
from ingest.colour import nearest_rag, pdf_colour_to_rgb
from ingest.rows import Cell
from ingest.settings import IngestSettings
from ingest.textjoin import Line

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class RawCell:
    """A cell as found on the page, before its column is named."""

    x0: float
    x1: float
    cell: Cell
    box: BBox
    colour: str = ""  # RAG name of the cell's fill, "" if unshaded


@dataclass(frozen=True)
class PageRow:
    kind: str  # "cells", "banner" or "header"
    box: BBox
    cells: tuple[RawCell, ...] = ()
    text: str = ""
    closed: bool = True  # bottom edge is a drawn rule
    outside_table: bool = False  # a heading printed above/between tables


@dataclass(frozen=True)
class PageParse:
    page: int  # 1-based
    width: float
    height: float
    rows: tuple[PageRow, ...]
    char_count: int
    image_count: int
    #: the page's table words for the conservation check, read by its own rules
    #: (`conservation.page_table_words`) while the page is open, not from these rows
    table_words: tuple[tuple[str, float, float], ...] = ()


def table_settings(s: IngestSettings) -> dict[str, Any]:
    return {
        "vertical_strategy": "lines",
        "horizontal_strategy": "lines",
        "snap_tolerance": s.snap_tolerance,
        "join_tolerance": s.join_tolerance,
        "intersection_tolerance": s.intersection_tolerance,
    }


def _centre_in(word: dict[str, Any], box: BBox) -> bool:
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return box[0] <= cx < box[2] and box[1] <= cy < box[3]


def group_lines(words: Sequence[dict[str, Any]], tolerance: float) -> list[list[dict[str, Any]]]:
    """Words -> visual lines (top to bottom, each left to right) (pure)."""
    lines: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(w["top"] - lines[-1][0]["top"]) <= tolerance:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def cell_from_words(words: Sequence[dict[str, Any]], box: BBox, tolerance: float) -> Cell:
    """A cell's text from the words inside it, marking words broken at the right edge.

    A line holding a single word that reaches the cell's right padding (within about one
    character) was broken by the renderer, not wrapped at a space: a word that fits is
    wrapped whole, and only a word wider than the column is cut.
    """
    lines = group_lines(words, tolerance)
    if not lines:
        return Cell()
    pad = max(0.0, min(line[0]["x0"] for line in lines) - box[0])
    right = box[2] - pad
    out: list[Line] = []
    for line in lines:
        text = " ".join(w["text"] for w in line)
        broken = False
        if len(line) == 1:
            w = line[0]
            char_w = (w["x1"] - w["x0"]) / max(1, len(w["text"]))
            broken = w["text"][-1:].isalnum() and right - w["x1"] < 1.2 * char_w
        out.append(Line(text, broken))
    return Cell(tuple(out))


def _fill_colour(rects: Sequence[dict[str, Any]], box: BBox, max_distance: float) -> str:
    """RAG name of the largest coloured fill whose centre lies in the box."""
    best, best_area = "", 0.0
    for r in rects:
        if not _centre_in(r, (box[0] - 1, box[1] - 1, box[2] + 1, box[3] + 1)):
            continue
        area = (r["x1"] - r["x0"]) * (r["bottom"] - r["top"])
        name = nearest_rag(
            pdf_colour_to_rgb(r.get("non_stroking_color")), max_distance=max_distance
        )
        if name and area > best_area:
            best, best_area = name, area
    return best


def paragraphs(lines: list[list[dict[str, Any]]]) -> list[list[list[dict[str, Any]]]]:
    """Consecutive loose lines closer than a line height form one paragraph."""
    paras: list[list[list[dict[str, Any]]]] = []
    for line in lines:
        if paras:
            prev = paras[-1][-1]
            height = max(w["bottom"] - w["top"] for w in prev)
            if line[0]["top"] - max(w["bottom"] for w in prev) < 0.8 * height:
                paras[-1].append(line)
                continue
        paras.append([line])
    return paras


def _line_text(line: list[dict[str, Any]]) -> str:
    return " ".join(w["text"] for w in line)


def _open_row_limit(
    page_edges: Sequence[dict[str, Any]], span: tuple[float, float], table_bottom: float
) -> float | None:
    """Lowest point reached by the table's column lines below its last horizontal rule."""
    bottoms = [
        e["bottom"]
        for e in page_edges
        if e["orientation"] == "v"
        and span[0] - 2 <= e["x0"] <= span[1] + 2
        and e["bottom"] > table_bottom + 2
        and e["top"] < table_bottom + 2
    ]
    return max(bottoms) if bottoms else None


class _Words:
    """A page's words indexed by vertical centre, so each cell looks only at its band."""

    def __init__(self, words: list[dict[str, Any]]) -> None:
        order = sorted(range(len(words)), key=lambda i: words[i]["top"] + words[i]["bottom"])
        self.words = words
        self.order = order
        self.keys = [(words[i]["top"] + words[i]["bottom"]) / 2 for i in order]
        self.used: set[int] = set()

    def take(self, box: BBox) -> list[dict[str, Any]]:
        """Unused words whose centre lies in the box; marks them used."""
        lo = bisect_left(self.keys, box[1])
        hi = bisect_left(self.keys, box[3])
        found = []
        for k in range(lo, hi):
            i = self.order[k]
            if i not in self.used and _centre_in(self.words[i], box):
                self.used.add(i)
                found.append(self.words[i])
        return found

    def unused(self) -> list[dict[str, Any]]:
        return [w for i, w in enumerate(self.words) if i not in self.used]


def _raw_cell(
    words: _Words, rects: Sequence[dict[str, Any]], box: BBox, s: IngestSettings
) -> RawCell:
    cell = cell_from_words(words.take(box), box, s.line_tolerance)
    return RawCell(box[0], box[2], cell, box, _fill_colour(rects, box, s.max_colour_distance))


def rule_coverage(
    h_edges: Sequence[dict[str, Any]], y: float, x0: float, x1: float, tolerance: float
) -> float:
    """Share of [x0, x1] ruled by horizontal edges at height y (pure)."""
    spans = sorted(
        (max(x0, e["x0"]), min(x1, e["x1"]))
        for e in h_edges
        if abs(e["top"] - y) <= tolerance and e["x1"] > x0 and e["x0"] < x1
    )
    covered, reach = 0.0, x0
    for a, b in spans:
        if b > reach:
            covered += b - max(a, reach)
            reach = b
    return covered / (x1 - x0) if x1 > x0 else 0.0


def table_rows(
    table: Any,
    page_edges: Sequence[dict[str, Any]],
    words: _Words,
    rects: Sequence[dict[str, Any]],
    s: IngestSettings,
) -> list[PageRow]:
    """The rows of one lattice table, plus an open row for text the lattice missed.

    Rows with every cell are read cell by cell; a row with one cell spanning the table
    is a banner. Trailing rows with only some cells (e.g. just the shaded Status cell
    of a split row that has no bottom rule) and any text between the table's column
    lines below its last complete row form one open row, cut into the table's columns.
    """
    tx0, ttop, tx1, _ = table.bbox
    width = tx1 - tx0
    trows = table.rows
    h_edges = [e for e in page_edges if e["orientation"] == "h"]
    kinds = []
    for r in trows:
        boxes = [c for c in r.cells if c is not None]
        if len(boxes) == 1 and (boxes[0][2] - boxes[0][0]) >= 0.6 * width:
            kinds.append("banner")
        elif rule_coverage(h_edges, r.bbox[3], tx0, tx1, s.snap_tolerance) >= 0.6:
            kinds.append("cells")
        else:
            kinds.append("partial")  # no rule under most of it: a row cut by the page
    last_whole = max((i for i, k in enumerate(kinds) if k != "partial"), default=-1)
    out: list[PageRow] = []
    columns: list[tuple[float, float]] = []
    for r, kind in zip(trows[: last_whole + 1], kinds[: last_whole + 1], strict=True):
        boxes = [c for c in r.cells if c is not None]
        raw = [_raw_cell(words, rects, box, s) for box in boxes]
        if kind == "banner":
            if raw[0].cell.text:
                out.append(PageRow("banner", r.bbox, text=raw[0].cell.text))
            continue
        if len(boxes) >= len(columns):
            columns = [(b[0], b[2]) for b in boxes]
        if any(c.cell.text for c in raw):
            out.append(PageRow("cells", r.bbox, cells=tuple(raw)))
    if not columns:
        return out
    region_top = trows[last_whole].bbox[3] if last_whole >= 0 else ttop
    limits = [r.bbox[3] for r in trows[last_whole + 1 :]]
    edge_limit = _open_row_limit(page_edges, (tx0, tx1), region_top)
    if edge_limit is not None:
        limits.append(edge_limit)
    if limits:
        bottom = max(limits)
        raw = [
            _raw_cell(words, rects, (cx0, region_top, cx1, bottom + 1), s) for cx0, cx1 in columns
        ]
        if any(c.cell.text for c in raw):
            box = (tx0, region_top, tx1, bottom)
            out.append(PageRow("cells", box, cells=tuple(raw), closed=False))
    return out


def parse_page(page: Any, number: int, s: IngestSettings) -> PageParse:
    """Every table row on one pdfplumber page, top to bottom (pure over the page)."""
    raw_words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    words = _Words(raw_words)
    rects = [r for r in page.rects if r.get("fill")]
    edges = page.edges
    tables = sorted(page.find_tables(table_settings(s)), key=lambda t: t.bbox[1])
    rows: list[PageRow] = []
    for table in tables:
        rows.extend(table_rows(table, edges, words, rects, s))
    # Headings printed above or between tables ("Theme B: ...").
    for para in paragraphs(group_lines(words.unused(), s.line_tolerance)):
        text = " ".join(_line_text(line) for line in para)
        if is_heading_text(text):
            box = (
                min(w["x0"] for line in para for w in line),
                para[0][0]["top"],
                max(w["x1"] for line in para for w in line),
                max(w["bottom"] for w in para[-1]),
            )
            rows.append(PageRow("banner", box, text=text, outside_table=True))
    rows.sort(key=lambda r: r.box[1])
    return PageParse(
        page=number,
        width=float(page.width),
        height=float(page.height),
        rows=tuple(rows),
        char_count=len(page.chars),
        image_count=len(page.images),
        table_words=tuple(_conservation_words(page, s, raw_words, tables)),
    )


def _conservation_words(
    page: Any, s: IngestSettings, words: list[dict[str, Any]], tables: list[Any]
) -> list[tuple[str, float, float]]:
    from ingest.conservation import page_table_words

    return page_table_words(page, s, words, tables)


def parse_page_of(pdf: Any, number: int, settings: IngestSettings) -> PageParse:
    """Parse page `number` (1-based) of an open pdfplumber PDF, and close the page: its
    objects are dropped at once, so memory does not grow with the document."""
    page = pdf.pages[number - 1]
    try:
        return parse_page(page, number, settings)
    finally:
        page.close()


def parse_pages(
    path: str | Path, first: int, last: int, settings: IngestSettings
) -> Iterator[PageParse]:
    """Parse pages first..last (1-based, inclusive)."""
    with pdfplumber.open(str(path), password=settings.password) as pdf:
        for number in range(first, min(last, len(pdf.pages)) + 1):
            yield parse_page_of(pdf, number, settings)
