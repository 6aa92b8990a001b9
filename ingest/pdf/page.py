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

import itertools
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pdfplumber

from ingest.assemble import is_heading_text
from ingest.colour import nearest_rag, pdf_colour_to_rgb
from ingest.pdf.geometry import centre_in as _centre_in
from ingest.pdf.geometry import group_lines, paragraphs
from ingest.pdf.geometry import group_parents as group_parents  # re-exported
from ingest.pdf.objects import build_objects
from ingest.pdf.tablewords import Region, TaggedWord, lattice_header_bands, tagged_table_words
from ingest.pdf.unruled import (
    Band,
    Columns,
    FoundHeader,
    bands_of,
    column_bounds,
    find_headers,
    is_banner,
    line_boxes,
    separators,
    table_extent,
)
from ingest.pdf.words import words as words_of
from ingest.pdf_guard import lay_out
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
    #: which table of the page the row belongs to (its index among the page's tables;
    #: -1 for a heading printed outside every table)
    table: int = -1


@dataclass(frozen=True)
class PageParse:
    page: int  # 1-based
    width: float
    height: float
    rows: tuple[PageRow, ...]
    char_count: int
    image_count: int
    #: the page's table words for the conservation check, each tagged with the index of
    #: the table it lies in (`PageRow.table`), read by the check's own rules while the page
    #: is open (`tablewords`), not from these rows
    table_words: tuple[TaggedWord, ...] = ()
    #: the columns of the page's lowest header-led table, for a next page without a header
    columns: Columns | None = None
    #: the columns the page was read under (a page that prints no header line reads its
    #: table under them; with one, they are not used)
    given: Columns | None = None
    #: no header line printed on the page: what it reads depends on `given`
    headerless: bool = False


def table_settings(s: IngestSettings) -> dict[str, Any]:
    return {
        "vertical_strategy": "lines",
        "horizontal_strategy": "lines",
        "snap_tolerance": s.snap_tolerance,
        "join_tolerance": s.join_tolerance,
        "intersection_tolerance": s.intersection_tolerance,
    }


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


def _fill_colour(
    rects: Sequence[dict[str, Any]],
    box: BBox,
    max_distance: float,
    colours: Sequence[tuple[str, str]] = (),
) -> str:
    """RAG name of the largest coloured fill whose centre lies in the box; `colours` are a
    store's own (hex, status) fills (plantrack.toml), asked before the palette."""
    best, best_area = "", 0.0
    for r in rects:
        if not _centre_in(r, (box[0] - 1, box[1] - 1, box[2] + 1, box[3] + 1)):
            continue
        area = (r["x1"] - r["x0"]) * (r["bottom"] - r["top"])
        name = nearest_rag(
            pdf_colour_to_rgb(r.get("non_stroking_color")),
            max_distance=max_distance,
            colours=colours,
        )
        if name and area > best_area:
            best, best_area = name, area
    return best


def status_fills(rects: Sequence[dict[str, Any]], s: IngestSettings) -> list[dict[str, Any]]:
    """The filled rectangles whose colour names a status: the only ones a cell's colour
    can come from (`_fill_colour`), found once per page rather than once per cell (band
    and header fills are most of a page's rectangles)."""
    return [
        r
        for r in rects
        if r.get("fill")
        and nearest_rag(
            pdf_colour_to_rgb(r.get("non_stroking_color")),
            max_distance=s.max_colour_distance,
            colours=s.status_colours,
        )
    ]


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

    def peek(self, box: BBox) -> list[dict[str, Any]]:
        """Unused words whose centre lies in the box, left unused."""
        lo = bisect_left(self.keys, box[1])
        hi = bisect_left(self.keys, box[3])
        return [
            self.words[self.order[k]]
            for k in range(lo, hi)
            if self.order[k] not in self.used and _centre_in(self.words[self.order[k]], box)
        ]

    def unused(self) -> list[dict[str, Any]]:
        return [w for i, w in enumerate(self.words) if i not in self.used]


def _raw_cell(
    words: _Words, rects: Sequence[dict[str, Any]], box: BBox, s: IngestSettings
) -> RawCell:
    cell = cell_from_words(words.take(box), box, s.line_tolerance)
    return RawCell(
        box[0], box[2], cell, box, _fill_colour(rects, box, s.max_colour_distance, s.status_colours)
    )


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
        filled = [c for c in raw if c.cell.text]
        if len(filled) == 1 and filled[0].x1 - filled[0].x0 >= 0.6 * width:
            kind = "banner"  # one wide cell with text between slivers of empty ones
            raw = filled
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


def is_grid(table: Any) -> bool:
    """A lattice table with columns drawn through its body: at least two rows of three or
    more cells, and most rows so. The cells of a rules-only or banded table (just the
    header's or a band's fills) are not a grid: that table is read from its header."""
    counts = [sum(1 for c in r.cells if c is not None) for r in table.rows]
    multi = sum(1 for n in counts if n >= 3)
    return multi >= 2 and multi >= 0.5 * len(counts)


#: Private-use code points (symbol-font bullets such as U+F0B7) print as a bullet.
_PRIVATE_USE = {cp: "\u2022" for cp in range(0xE000, 0xF900)}


def symbol_glyphs(text: str) -> str:
    """Symbol-font glyphs mapped to private-use code points (U+F0B7, U+F0A7 ...) become "•"
    (pure): a bullet is what the reader sees, and no private-use character leaves ingest."""
    return text.translate(_PRIVATE_USE)


def split_at_bounds(
    words: list[dict[str, Any]], regions: Sequence[tuple[BBox, Sequence[float]]]
) -> list[dict[str, Any]]:
    """Words cut where a column boundary runs through them, by their characters (pure).

    pdfplumber joins characters less than 3 pt apart into one word, so the text of two
    columns printed close together ("1.1" + "Recruitment") arrives as one word; each
    character belongs to the column its centre lies in.
    """
    out: list[dict[str, Any]] = []
    for w in words:
        cy = (w["top"] + w["bottom"]) / 2
        cuts: list[float] = []
        for box, bounds in regions:
            if box[1] <= cy <= box[3] and box[0] <= w["x1"] and w["x0"] <= box[2]:
                cuts.extend(b for b in bounds if w["x0"] + 0.5 < b < w["x1"] - 0.5)
        chars = w.get("chars")
        if not cuts or not chars:
            out.append(w)
            continue
        cuts.sort()
        pieces: dict[int, list[dict[str, Any]]] = {}
        for c in chars:
            k = bisect_left(cuts, (c["x0"] + c["x1"]) / 2)
            pieces.setdefault(k, []).append(c)
        for _, cs in sorted(pieces.items()):
            text = symbol_glyphs("".join(c["text"] for c in cs)).strip()
            if text:
                out.append(
                    {
                        **w,
                        "text": text,
                        "x0": min(c["x0"] for c in cs),
                        "x1": max(c["x1"] for c in cs),
                        "chars": cs,
                    }
                )
    return out


@dataclass(frozen=True)
class UnruledTable:
    """A table found from its header row: column boundaries and row bands (see unruled)."""

    header: FoundHeader
    bounds: tuple[float, ...]
    bands: tuple[Band, ...]
    bottom: float
    #: the header is the previous page's, not printed here (no header row on this page)
    carried: bool = False

    @property
    def box(self) -> BBox:
        return (self.bounds[0], self.header.top, self.bounds[-1], self.bottom)

    def cut_regions(self) -> list[tuple[BBox, tuple[float, ...]]]:
        """Where words are cut at the column boundaries: the header and every row but
        the banners, whose text runs across the columns."""
        b = self.bounds
        out = [((b[0], self.header.top, b[-1], self.header.bottom), b)]
        out.extend(((b[0], r.top, b[-1], r.bottom), b) for r in self.bands if not r.banner)
        return out


def ruled_spans(
    v_edges: Sequence[dict[str, Any]], x0: float, x1: float, least: int
) -> list[tuple[float, float]]:
    """Vertical extents where vertical lines at `least` or more distinct x positions run
    between x0 and x1: where a table has drawn columns (pure)."""
    events = sorted(
        (y, d, round(e["x0"]))
        for e in v_edges
        if x0 + 2 < e["x0"] < x1 - 2 and e["bottom"] - e["top"] > 3
        for y, d in ((e["top"], 1), (e["bottom"], -1))
    )
    spans: list[tuple[float, float]] = []
    active: dict[int, int] = {}
    start = 0.0
    for y, d, x in events:
        before = len(active)
        active[x] = active.get(x, 0) + d
        if active[x] <= 0:
            del active[x]
        if before < least <= len(active):
            start = y
        elif before >= least > len(active):
            spans.append((start, y))
    return spans


def _flows_across(line: Sequence[dict[str, Any]], xs: Sequence[float]) -> bool:
    """A line of words spaced as running text that passes two or more of the x positions:
    a full-width row's line, which no column line crosses."""
    for a, b in itertools.pairwise(line):
        if b["x0"] - a["x1"] > 0.5 * (a["bottom"] - a["top"]):
            return False
    return sum(1 for x in xs if line[0]["x0"] < x < line[-1]["x1"]) >= 2


def _prose_under(
    words: Sequence[dict[str, Any]], bounds: Sequence[float], tolerance: float
) -> bool:
    """Most lines within the columns run across their boundaries as running text: the
    page holds prose (the plan has ended), not the rest of a table."""
    inside = [w for w in words if bounds[0] <= (w["x0"] + w["x1"]) / 2 <= bounds[-1]]
    lines = group_lines(inside, tolerance)
    flowing = sum(1 for line in lines if _flows_across(line, bounds[1:-1]))
    return flowing > 0.5 * len(lines)


def _lattice_reads(
    header: FoundHeader,
    tables: Sequence[Any],
    words: Sequence[dict[str, Any]],
    v_edges: Sequence[dict[str, Any]],
) -> bool:
    """The lattice already reads this table as a grid: a lattice row across the header
    band has (nearly) as many cells as the header names, and most words below the header
    lie where columns are drawn (a banded table's white rows have no lines)."""
    y = (header.top + header.bottom) / 2
    split = False
    for t in tables:
        for r in t.rows:
            if r.bbox[1] <= y <= r.bbox[3]:
                n = sum(1 for c in r.cells if c is not None)
                split = split or n >= max(3, len(header.cells) - 1)
    if not split:
        return False
    x0, x1 = header.cells[0].x0, header.cells[-1].x1
    starts_x = [c.x0 for c in header.cells[1:]]
    below: list[float] = []
    for line in group_lines([w for w in words if w["top"] > header.bottom], 2.5):
        line = [w for w in line if x0 <= (w["x0"] + w["x1"]) / 2 <= x1]
        if line and not _flows_across(line, starts_x):
            below.extend((w["top"] + w["bottom"]) / 2 for w in line)
    if len(below) < 12:
        return True  # too little below the header to judge: the header's cells decide
    spans = ruled_spans(v_edges, x0, x1, max(3, len(header.cells) // 2))
    starts = [a for a, _ in spans]
    inside = 0
    for cy in below:
        k = bisect_left(starts, cy) - 1
        if k >= 0 and spans[k][0] <= cy <= spans[k][1]:
            inside += 1
    return inside >= 0.8 * len(below)


def find_unruled(
    page: Any,
    words: Sequence[dict[str, Any]],
    found: Sequence[FoundHeader],
    tables: Sequence[Any],
    edges: Sequence[dict[str, Any]],
    s: IngestSettings,
    carried: Columns | None = None,
) -> list[UnruledTable]:
    """Every header-led table on the page that the lattice does not read as a grid
    (pure over the page). `carried`: the columns of a table the page before ended with,
    for a page that prints no header of its own: the table then runs from the page's
    first line under those columns. `found`: the page's header rows (`find_headers`)."""
    v_all = [e for e in edges if e["orientation"] == "v"]
    headers = [h for h in found if not _lattice_reads(h, tables, words, v_all)]
    fixed: tuple[float, ...] | None = None
    if not found and carried is not None:
        x0, x1 = carried.bounds[0], carried.bounds[-1]
        tops = [w["top"] for w in words if x0 <= (w["x0"] + w["x1"]) / 2 <= x1]
        if tops:
            top = min(tops) - 1.5
            head = replace(carried.header, top=top, bottom=top)
            if not _lattice_reads(head, tables, words, v_all) and not _prose_under(
                words, carried.bounds, s.line_tolerance
            ):
                headers, fixed = [head], carried.bounds
    if not headers:
        return []
    free = words
    chars = [c for c in page.chars if c["text"].strip()]
    h_edges = [e for e in edges if e["orientation"] == "h"]
    v_edges = [e for e in edges if e["orientation"] == "v"]
    out = []
    for h in headers:
        later = [g.top for g in found if g.top > h.bottom]
        limit = min(later) if later else float(page.height)
        below = [w for w in free if h.bottom < (w["top"] + w["bottom"]) / 2 < limit]
        lines = line_boxes(below, s.line_tolerance)
        seps = separators(h_edges, h.cells[0].x0, h.cells[-1].x1, h.bottom - 1, limit)
        end = table_extent(lines, seps, h.bottom)
        after = [t for t, _ in lines if t > end]
        floor = min(after) if after else limit
        used = [(y, r) for y, r in seps if y <= end] + [(y, r) for y, r in seps if end < y < floor][
            :1
        ]
        bottom = max([end, *(y for y, _ in used)])
        body = [c for c in chars if h.bottom < (c["top"] + c["bottom"]) / 2 <= end]
        band_v = [e for e in v_edges if e["top"] <= bottom and e["bottom"] >= h.top]
        bounds = list(fixed) if fixed else column_bounds(h, body, band_v, float(page.width))
        found_bands = bands_of(lines, used, h.bottom, end)
        bands = [
            replace(band, banner=is_banner(inside, bounds, s.line_tolerance))
            for band, inside in zip(found_bands, _chars_by_band(body, found_bands), strict=True)
        ]
        out.append(UnruledTable(h, tuple(bounds), tuple(bands), bottom, carried=fixed is not None))
    return out


def _chars_by_band(chars: Sequence[dict[str, Any]], bands: Sequence[Band]) -> list[list[Any]]:
    """Each band's characters (centre in [top, bottom)), in their order on the page: one
    sort and a bisection per band, where a scan per band was quadratic."""
    centre = [(c["top"] + c["bottom"]) / 2 for c in chars]
    order = sorted(range(len(chars)), key=centre.__getitem__)
    keys = [centre[i] for i in order]
    out = []
    for band in bands:
        lo, hi = bisect_left(keys, band.top), bisect_left(keys, band.bottom)
        out.append([chars[i] for i in sorted(order[lo:hi])])
    return out


def unruled_rows(
    table: UnruledTable, words: _Words, rects: Sequence[dict[str, Any]], s: IngestSettings
) -> list[PageRow]:
    """The header row, banners and cell rows of one header-led table."""
    b = table.bounds
    h = table.header
    out: list[PageRow] = []
    if not table.carried:
        head = [
            _raw_cell(words, rects, (b[i], h.top - 1, b[i + 1], h.bottom + 0.5), s)
            for i in range(len(b) - 1)
        ]
        out.append(PageRow("cells", (b[0], h.top, b[-1], h.bottom), cells=tuple(head)))
    for band in table.bands:
        row_box = (b[0], band.top, b[-1], band.bottom)
        found = words.peek(row_box)
        if not found:
            continue
        if band.banner:
            text = cell_from_words(words.take(row_box), row_box, s.line_tolerance).text
            out.append(PageRow("banner", row_box, text=text))
            continue
        raw = [
            _raw_cell(words, rects, (b[i], band.top, b[i + 1], band.bottom), s)
            for i in range(len(b) - 1)
        ]
        flags_closed = band.closed
        out.append(PageRow("cells", row_box, cells=tuple(raw), closed=flags_closed))
    return out


def parse_page(
    page: Any,
    number: int,
    s: IngestSettings,
    carried: Columns | Callable[[], Columns | None] | None = None,
) -> PageParse:
    """Every table row on one pdfplumber page, top to bottom (pure over the page).
    `carried`: the columns of the table the page before ended with (see `find_unruled`),
    or how to find them, asked only when the page prints no header line of its own."""
    raw_words = words_of(page.chars, return_chars=True)
    for w in raw_words:
        w["text"] = symbol_glyphs(w["text"])
    rects = status_fills(page.rects, s)
    edges = page.edges
    tables = sorted(page.find_tables(table_settings(s)), key=lambda t: t.bbox[1])
    headers = find_headers(
        raw_words,
        s.line_tolerance,
        s.column_match_threshold,
        s.min_header_columns,
        s.column_aliases,
    )
    if callable(carried):
        carried = None if headers else carried()
    unruled = find_unruled(page, raw_words, headers, tables, edges, s, carried)
    lattice = [
        t
        for t in tables
        if not any(u.box[1] - 1 <= (t.bbox[1] + t.bbox[3]) / 2 <= u.box[3] + 1 for u in unruled)
    ]
    regions = [r for t in lattice for r in _grid_rows(t)] + [
        r for u in unruled for r in u.cut_regions()
    ]
    raw_words = split_at_bounds(raw_words, regions)
    words = _Words(raw_words)
    rows: list[PageRow] = []
    areas: list[Region] = []
    for table in lattice:
        found = table_rows(table, edges, words, rects, s)
        box = _union(table.bbox, *(r.box for r in found))
        areas.append(Region(box, lattice_header_bands(table, raw_words, s)))
        rows.extend(replace(r, table=len(areas) - 1) for r in found)
    for u in unruled:
        areas.append(Region(u.box, ((u.header.top, u.header.bottom),)))
        rows.extend(replace(r, table=len(areas) - 1) for r in unruled_rows(u, words, rects, s))
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
    ordered = sorted(raw_words, key=lambda w: (round(w["top"]), w["x0"]))
    return PageParse(
        page=number,
        width=float(page.width),
        height=float(page.height),
        rows=tuple(rows),
        char_count=len(page.chars),
        image_count=len(page.images),
        table_words=tuple(tagged_table_words(ordered, areas, s)),
        columns=_last_columns(unruled, lattice),
        given=carried,
        headerless=not headers,
    )


def _last_columns(unruled: Sequence[UnruledTable], lattice: Sequence[Any]) -> Columns | None:
    """The columns of the page's lowest table, when it was found from a header (to carry
    to a next page that prints none)."""
    if not unruled:
        return None
    last = max(unruled, key=lambda u: u.bottom)
    if any(t.bbox[1] > last.bottom for t in lattice):
        return None
    return Columns(last.header, last.bounds)


def _union(*boxes: BBox) -> BBox:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _grid_rows(table: Any) -> list[tuple[BBox, tuple[float, ...]]]:
    """Each lattice row with the x of its cells' sides (a banner's are only its ends)."""
    out = []
    for r in table.rows:
        cells = [c for c in r.cells if c is not None]
        out.append((r.bbox, tuple(sorted({x for c in cells for x in (c[0], c[2])}))))
    return out


def parse_page_of(
    pdf: Any,
    number: int,
    settings: IngestSettings,
    carried: Columns | Callable[[], Columns | None] | None = None,
) -> PageParse:
    """Parse page `number` (1-based) of an open pdfplumber PDF, and close the page: its
    objects are dropped at once, so memory does not grow with the document."""
    page = pdf.pages[number - 1]
    try:
        lay_out(page, number, settings.limits)  # refuses a page past the character limit
        build_objects(page)
        return parse_page(page, number, settings, carried)
    finally:
        page.close()


def parse_page_alone(pdf: Any, number: int, settings: IngestSettings) -> PageParse:
    """Page `number` read without the pages before it (a worker's first page), exactly
    as it reads in order. A page that prints its header reads the same under any carried
    columns, so only a page printing none is given `columns_before` (which lays out the
    pages before it: a whole page's work, wasted for the usual repeated header)."""
    return parse_page_of(pdf, number, settings, lambda: columns_before(pdf, number, settings))


def columns_before(
    pdf: Any, number: int, settings: IngestSettings, walk: int = 3
) -> Columns | None:
    """The columns page `number` is given when the document is read in order (those the
    page before it ends with), for a worker that starts mid-document: found by reading
    back over the pages before it that print no header line, at most `walk` of them, then
    forward again under the columns found (each page laid out once)."""
    pages: list[tuple[Any, int]] = []
    carried: Columns | None = None
    try:
        for k in range(number - 1, max(0, number - 1 - walk), -1):
            page = pdf.pages[k - 1]
            lay_out(page, k, settings.limits)
            build_objects(page)
            pages.append((page, k))
            parse = parse_page(page, k, settings)
            if not parse.headerless:
                carried = parse.columns
                pages.pop()
                break
        for page, k in reversed(pages):
            carried = parse_page(page, k, settings, carried).columns
        return carried
    finally:
        for page, _ in pages:
            page.close()


def parse_pages(
    path: str | Path, first: int, last: int, settings: IngestSettings
) -> Iterator[PageParse]:
    """Parse pages first..last (1-based, inclusive), in order, each with the columns the
    page before ended with at hand (used only where the page prints no header), so a
    table whose header prints once is read in one pass."""
    with pdfplumber.open(str(path), password=settings.password) as pdf:
        carried: Columns | None = None
        for number in range(first, min(last, len(pdf.pages)) + 1):
            parse = parse_page_of(pdf, number, settings, carried)
            carried = parse.columns
            yield parse
