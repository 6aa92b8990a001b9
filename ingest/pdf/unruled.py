"""Tables drawn without a full grid: rules between rows only, banded fills, or nothing.

The lattice finder needs vertical and horizontal lines; many producers draw less. Here the
table is found from its header row instead (a line of words that name the plan's columns,
possibly wrapped over two or three lines), and then:

* **columns**: the boundary between two header cells is a vertical rule or a header-cell
  fill edge lying between them if there is one, otherwise the x position between them that
  the fewest body characters cover (the gutter, however narrow);
* **rows**: horizontal rules and the edges of wide fills (bands) cut the body into rows;
  with neither, the white space between lines does (a row gap is wider than a line gap);
* **banners**: a row whose first line runs across column boundaries as one flow of text
  (word spacing only) is a Theme/Objective row, whatever it says;
* **cells** are filled by character, not by pdfplumber's words, so text of two columns
  printed a point apart is never glued into one word.

Everything here is a pure function of the page's characters, edges and rectangles.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ingest.columns import ALIASES, Aliases, clean_header, column_score
from ingest.pdf.geometry import group_lines
from ingest.pdf.words import words as words_of
from ingest.records import COLUMNS

Obj = dict[str, Any]


def _key(word: str) -> str:
    return word.lower().strip(".:")


#: the first word of each column name -> the columns it can open: a header cell starts
#: with one of these, which keeps the search to a few candidate lines and word groups
_OPENERS: dict[str, frozenset[str]] = {}
for _column, _aliases in ALIASES.items():
    for _alias in _aliases:
        _first = _key(_alias.split()[0])
        _OPENERS[_first] = _OPENERS.get(_first, frozenset()) | {_column}


@dataclass(frozen=True)
class HeaderCell:
    x0: float
    x1: float
    text: str


@dataclass(frozen=True)
class FoundHeader:
    cells: tuple[HeaderCell, ...]
    top: float
    bottom: float


@dataclass(frozen=True)
class Columns:
    """A table's header and column boundaries, carried to the next page when the header
    is printed on the first page only."""

    header: FoundHeader
    bounds: tuple[float, ...]


def same_columns(a: Columns | None, b: Columns | None) -> bool:
    """Whether a page read under `a` reads as under `b`: the same header cells and
    boundaries (where the header stood on its own page does not matter)."""
    if a is None or b is None:
        return a is b
    return a.header.cells == b.header.cells and a.bounds == b.bounds


@dataclass(frozen=True)
class Band:
    """One row of an unruled table: its vertical extent and whether a rule closes it."""

    top: float
    bottom: float
    closed: bool
    banner: bool = False  # a full-width (Theme/Objective) row


def _openers(aliases: Aliases) -> dict[str, frozenset[str]]:
    """`_OPENERS` with the first word of each of a store's own headers."""
    if not aliases:
        return _OPENERS
    out = dict(_OPENERS)
    for header, target in aliases:
        if header.split():
            first = _key(header.split()[0])
            out[first] = out.get(first, frozenset()) | {target}
    return out


def _best_column(text: str, threshold: float, aliases: Aliases = ()) -> tuple[float, str]:
    """The column a header text names best and its score; a store's own header names its
    field (or, for "extra", a column of its own) outright."""
    return _best_column_cached(text, threshold, tuple((h, t) for h, t in aliases))


@functools.lru_cache(maxsize=8192)
def _best_column_cached(
    text: str, threshold: float, aliases: tuple[tuple[str, str], ...]
) -> tuple[float, str]:
    """Cached: the same header and the same candidate word runs recur on every page."""
    if aliases:
        own = {clean_header(h): target for h, target in aliases}
        target = own.get(clean_header(text))
        if target is not None:
            return 101.0, (target if target in COLUMNS else f"extra:{clean_header(text)}")
    best, name = 0.0, ""
    for c in COLUMNS:
        sc = column_score(text, c, threshold)
        if sc > best:
            best, name = sc, c
    return best, name


def segment_header_line(
    line: Sequence[Obj], threshold: float, aliases: Aliases = ()
) -> list[tuple[list[Obj], str]]:
    """Split one line of words into header cells, maximising the columns named (pure).

    Dynamic programming over word groups of up to six words: a group naming a column
    counts one (ties go to fewer, better-scoring groups); any other word stands alone.
    Then a lone word joins the named cell on its left ("Team" + "responsible") and
    neighbours naming the same column are one cell ("Success measure" "and" "key outputs").
    """
    n = len(line)
    openers = _openers(aliases)
    best: list[tuple[int, float, list[tuple[int, int, str]]]] = [
        (0 if i == 0 else -1, 0.0, []) for i in range(n + 1)
    ]
    for j in range(1, n + 1):
        for i in range(max(0, j - 6), j):
            if best[i][0] < 0:
                continue
            if _key(line[i]["text"]) in openers:
                text = " ".join(w["text"] for w in line[i:j])
                score, name = _best_column(text, threshold, aliases)
            else:
                score, name = 0.0, ""
            if score < threshold:
                if j - i > 1:
                    continue
                name, score = "", 0.0
            cand = (
                best[i][0] + (1 if name else 0),
                best[i][1] + score - 1.0,
                [*best[i][2], (i, j, name)],
            )
            if (cand[0], cand[1]) > (best[j][0], best[j][1]):
                best[j] = cand
    return [(list(line[i:j]), name) for i, j, name in best[n][2]]


def merge_header_groups(raw: Sequence[tuple[list[Obj], str]]) -> list[tuple[list[Obj], str]]:
    """A lone word joins the named cell on its left (or right, at the start); neighbours
    naming the same column are one cell (pure)."""
    groups: list[tuple[list[Obj], str]] = []
    for ws, name in raw:
        if groups and (not name or name == groups[-1][1]):
            groups[-1] = ([*groups[-1][0], *ws], groups[-1][1])
        elif groups and not groups[-1][1]:
            groups[-1] = ([*groups[-1][0], *ws], name)
        else:
            groups.append((list(ws), name))
    return groups


def find_headers(
    words: Sequence[Obj],
    tolerance: float,
    threshold: float,
    min_columns: int,
    aliases: Aliases = (),
) -> list[FoundHeader]:
    """Every header row on the page: a line naming at least `min_columns` distinct columns,
    with the lines under it that complete its cells ("Success measure and" / "key outputs").
    `aliases`: a store's own header -> field pairs (plantrack.toml), matched exactly."""
    lines = group_lines(words, tolerance)
    openers = _openers(aliases)
    out: list[FoundHeader] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        can_open = set().union(*(openers.get(_key(w["text"]), ()) for w in line))
        if len(can_open - {"extra"}) < min_columns:
            k += 1
            continue
        raw = segment_header_line(line, threshold, aliases)
        named = {name for _, name in raw if name and not name.startswith("extra:")}
        lone = sum(len(g) for g, name in raw if not name)
        if len(named) < min_columns or lone > 0.25 * len(line):
            k += 1
            continue
        cells: list[list[Any]] = [[list(g), name] for g, name in merge_header_groups(raw)]
        bottom = max(w["bottom"] for w in line)
        height = statistics.median(w["bottom"] - w["top"] for w in line)
        k += 1
        while k < len(lines) and lines[k][0]["top"] - bottom < 0.6 * height:
            if not _completes(cells, lines[k], threshold, aliases):
                break
            bottom = max(bottom, max(w["bottom"] for w in lines[k]))
            k += 1
        top = min(w["top"] for w in line)
        out.append(
            FoundHeader(
                tuple(
                    HeaderCell(min(w["x0"] for w in ws), max(w["x1"] for w in ws), _join_text(ws))
                    for ws, _ in cells
                ),
                top,
                bottom,
            )
        )
    return out


def _join_text(words: Sequence[Obj]) -> str:
    return " ".join(w["text"] for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])))


def _completes(
    cells: list[list[Any]], line: Sequence[Obj], threshold: float, aliases: Aliases = ()
) -> bool:
    """Add a wrapped header line to the cells above it when every word falls under one
    cell and no cell reads worse for it (a data row would spoil the names); in place."""
    adds: dict[int, list[Obj]] = {}
    for w in line:
        owner = None
        for i, (ws, _) in enumerate(cells):
            x0 = min(v["x0"] for v in ws) - 2
            nxt = min(v["x0"] for v in cells[i + 1][0]) if i + 1 < len(cells) else float("inf")
            if x0 <= w["x0"] < nxt and w["x1"] <= nxt + 1:
                owner = i
        if owner is None:
            return False
        adds.setdefault(owner, []).append(w)
    for i, ws in adds.items():
        before = _best_column(_join_text(cells[i][0]), 0.0, aliases)[0]
        after = _best_column(_join_text([*cells[i][0], *ws]), 0.0, aliases)[0]
        if after < max(before, threshold):
            return False
    for i, ws in adds.items():
        cells[i][0] = [*cells[i][0], *ws]
    return True


def column_bounds(
    header: FoundHeader,
    body_chars: Sequence[Obj],
    v_edges: Sequence[Obj],
    width: float,
) -> list[float]:
    """Column boundaries, left to right: 0, b1 .. b(n-1), page width (pure).

    A vertical edge (a rule, or the side of a header cell's fill) between two header
    cells is taken as it is; otherwise the narrowest-covered run of x between the two
    header texts, where the fewest body characters lie, is the gutter and its middle
    the boundary.
    """
    cells = header.cells
    body_chars = _without_running_lines(body_chars, [c.x0 for c in cells[1:]])
    spans = sorted((c["x0"], c["x1"]) for c in body_chars)
    widest = max((x1 - x0 for x0, x1 in spans), default=0.0)
    bounds = [0.0]
    for left, right in itertools.pairwise(cells):
        lo, hi = left.x1, right.x0
        if hi <= lo:
            bounds.append((lo + hi) / 2)
            continue
        ruled = sorted(e["x0"] for e in v_edges if lo - 0.5 <= e["x0"] <= hi + 0.5)
        if ruled:
            bounds.append(ruled[len(ruled) // 2])
            continue
        bounds.append(_gutter(lo, hi, spans, widest))
    bounds.append(width)
    return bounds


def _without_running_lines(chars: Sequence[Obj], starts: Sequence[float]) -> list[Obj]:
    """The characters less the lines that run across two or more header cells as one
    flow of text (full-width Theme/Objective rows cover every gutter) (pure).

    Lines: the characters in order of (rounded top, x0), a line taking each character
    within 1 pt of its first one's top. The order is found over plain tuples (their index
    last keeps ties in page order), not with a key function per character."""
    tops = [c["top"] for c in chars]
    x0s = [c["x0"] for c in chars]
    lines: list[list[int]] = []
    first_top = 0.0
    for _, _, i in sorted(zip(map(round, tops), x0s, range(len(chars)), strict=True)):
        if lines and abs(tops[i] - first_top) <= 1.0:
            lines[-1].append(i)
        else:
            lines.append([i])
            first_top = tops[i]
    out: list[Obj] = []
    for line in lines:
        line.sort(key=x0s.__getitem__)
        ordered = [chars[i] for i in line]
        if not _runs_across(ordered, starts):
            out.extend(ordered)
    return out


def _median(values: list[float]) -> float:
    """`statistics.median`, without its generality (called for every long line)."""
    values.sort()
    n = len(values)
    mid = n // 2
    return values[mid] if n % 2 else (values[mid - 1] + values[mid]) / 2


def _runs_across(line: Sequence[Obj], starts: Sequence[float]) -> bool:
    """Whether a line (its characters left to right) runs across two or more of the
    x `starts` with no gap wider than a word space (half the font size, or one character
    of a monospaced font, where a space is as wide as a letter)."""
    left, right = line[0]["x0"], line[-1]["x1"]
    if sum(1 for x in starts if left < x < right) < 2:
        return False  # the cheap test first: most lines lie inside one cell
    size = _median([c.get("size", 8.0) for c in line])
    space = max(0.5 * size, 1.05 * _median([c["x1"] - c["x0"] for c in line]))
    return all(b["x0"] - a["x1"] <= space for a, b in itertools.pairwise(line))


def _gutter(
    lo: float, hi: float, spans: Sequence[tuple[float, float]], widest: float, step: float = 0.25
) -> float:
    """The middle of the longest run of x in [lo, hi] covered by the fewest characters.
    `spans`: the characters' (x0, x1), sorted; only those starting within `widest` of
    the gap can reach into it."""
    n = max(1, int((hi - lo) / step))
    starts = [0] * (n + 1)  # how many characters start / stop covering each step
    first = bisect.bisect_left(spans, (lo - widest - 1.0,))
    last = bisect.bisect_left(spans, (hi,))
    for x0, x1 in spans[first:last]:
        if x1 <= lo or x0 >= hi:
            continue
        a = max(0, int((x0 - lo) / step))
        b = min(n, int((x1 - lo) / step) + 1)
        if a < b:
            starts[a] += 1
            starts[b] -= 1
    cover = list(itertools.accumulate(starts[:n]))
    least = min(cover)
    best_len, best_start, run = 0, 0, 0
    for i, v in enumerate(cover):
        run = run + 1 if v == least else 0
        if run >= best_len:
            best_len, best_start = run, i - run + 1
    return lo + (best_start + best_len / 2) * step


def separators(
    h_edges: Sequence[Obj], x0: float, x1: float, top: float, bottom: float
) -> list[tuple[float, bool]]:
    """(y, is_rule) of horizontal edges that together span most of [x0, x1] between top
    and bottom (a rule, a wide fill's side, or the sides of a row of cell fills), edges
    within 2.5 pt merged (a thin rectangle's two sides, a double rule) (pure)."""
    span = x1 - x0
    near = sorted(
        (e for e in h_edges if top <= e["top"] <= bottom and e["x1"] > x0 and e["x0"] < x1),
        key=lambda e: e["top"],
    )
    levels: list[list[Obj]] = []
    for e in near:
        if levels and e["top"] - levels[-1][0]["top"] <= 0.6:
            levels[-1].append(e)
        else:
            levels.append([e])
    ys: list[tuple[float, bool]] = []
    for level in levels:
        covered, reach = 0.0, x0
        for e in sorted(level, key=lambda e: e["x0"]):
            a, b = max(x0, e["x0"]), min(x1, e["x1"])
            if b > reach:
                covered += b - max(a, reach)
                reach = b
        if covered >= 0.5 * span:
            ys.append((level[0]["top"], any(_is_rule(e) for e in level)))
    out: list[tuple[float, bool]] = []
    for y, rule in ys:
        if out and y - out[-1][0] <= 2.5:
            out[-1] = (out[-1][0], out[-1][1] or rule)
        else:
            out.append((y, rule))
    return out


def _is_rule(edge: Obj) -> bool:
    """A drawn line or a thin filled rectangle (a border), as opposed to a fill's side."""
    if edge.get("object_type") == "line":
        return True
    return edge.get("object_type") == "rect" and edge.get("height", 99) <= 2.0


def line_boxes(chars: Sequence[Obj], tolerance: float) -> list[tuple[float, float]]:
    """(top, bottom) of each visual line of the characters, top to bottom (pure)."""
    out: list[tuple[float, float]] = []
    for c in sorted(chars, key=lambda c: c["top"]):
        if out and c["top"] - out[-1][0] <= tolerance:
            out[-1] = (out[-1][0], max(out[-1][1], c["bottom"]))
        else:
            out.append((c["top"], c["bottom"]))
    return out


def table_extent(
    lines: Sequence[tuple[float, float]], seps: Sequence[tuple[float, bool]], start: float
) -> float:
    """Where the table below a header ends: the last line that follows the one above it
    as closely as rows follow each other (pure), so a running footer is left out. After
    a separator the next line must start about a cell padding below it."""
    if not lines:
        return start
    gaps = [b[0] - a[1] for a, b in itertools.pairwise(lines)]
    pads = []
    for y, _ in seps:
        after = [t - y for t, b in lines if (t + b) / 2 > y]
        if after and after[0] < 12:
            pads.append(max(0.0, after[0]))
    pad = statistics.median(pads) if pads else 3.0
    height = statistics.median(b - t for t, b in lines)
    intra = statistics.median(gaps) if gaps else 0.0
    wider = [g for g in gaps if g > intra + max(1.5, 0.25 * height)]
    row_gap = statistics.median(wider) if wider else height
    # Where rows are ruled or banded, lines not parted by a separator are in one row:
    # only a line gap may part them. Otherwise a row gap may, but not much more.
    limit = intra + max(1.5, 0.5 * height) if seps else max(1.5 * row_gap, intra + height)
    reach = lines[0][1]
    end = reach
    for t, b in lines[1:]:
        between = [y for y, _ in seps if reach - 1 <= y <= t]
        if between:
            if t - max(between) > 2 * pad + 3:
                break
        elif t - reach > limit:
            break
        reach = max(reach, b)
        end = reach
    return end


def bands_of(
    lines: Sequence[tuple[float, float]],
    seps: Sequence[tuple[float, bool]],
    top: float,
    bottom: float,
) -> list[Band]:
    """The table body [top, bottom] cut into rows (pure): at separators when there are
    any, else at the gaps between lines that are wider than the gaps inside rows."""
    inside = [(t, b) for t, b in lines if top <= (t + b) / 2 <= bottom]
    if not inside:
        return []
    cuts = [y for y, _ in seps if top - 1 <= y <= bottom + 30]
    ruled = sum(1 for _, r in seps if r) > len(seps) / 2
    if cuts:
        edges = sorted({top, *cuts})
        bands = []
        for a, b in itertools.pairwise(edges):
            if any(a <= (t + bb) / 2 < b for t, bb in inside):
                bands.append(Band(a, b, True))
        last = edges[-1]
        tail = [(t, b) for t, b in inside if (t + b) / 2 >= last]
        if tail:
            bands.append(Band(last, max(b for _, b in tail) + 1, not ruled))
        return bands
    gaps = [b[0] - a[1] for a, b in itertools.pairwise(inside)]
    height = statistics.median(b - t for t, b in inside)
    intra = statistics.median(gaps) if gaps else 0.0
    cut_at = intra + max(1.5, 0.3 * height)
    bands = []
    start = inside[0][0] - 0.5
    for (_t0, b0), (t1, _) in itertools.pairwise(inside):
        if t1 - b0 > cut_at:
            mid = (b0 + t1) / 2
            bands.append(Band(start, mid, True))
            start = mid
    bands.append(Band(start, inside[-1][1] + 1, True))
    return bands


def is_banner(chars: Sequence[Obj], bounds: Sequence[float], tolerance: float) -> bool:
    """A row whose first line runs across two or more column boundaries as one flow of
    text, with no gap wider than a word space, is a full-width (Theme/Objective) row. A
    word space is half the font size, or one character in a monospaced font (Courier's
    space is as wide as its letters)."""
    if not chars:
        return False
    first_top = min(c["top"] for c in chars)
    line = sorted((c for c in chars if c["top"] - first_top <= tolerance), key=lambda c: c["x0"])
    return _runs_across(line, bounds[1:-1])


def words_in_columns(chars: Sequence[Obj], bounds: Sequence[float]) -> list[list[Obj]]:
    """Each column's words, built from the characters whose centre lies in it (pure)."""
    per: list[list[Obj]] = [[] for _ in range(len(bounds) - 1)]
    for c in chars:
        cx = (c["x0"] + c["x1"]) / 2
        for i in range(len(bounds) - 1):
            if bounds[i] <= cx < bounds[i + 1]:
                per[i].append(c)
                break
    return [words_of(cs) if cs else [] for cs in per]


__all__ = [
    "Band",
    "Columns",
    "FoundHeader",
    "HeaderCell",
    "bands_of",
    "column_bounds",
    "find_headers",
    "is_banner",
    "line_boxes",
    "merge_header_groups",
    "same_columns",
    "segment_header_line",
    "separators",
    "table_extent",
    "words_in_columns",
]
