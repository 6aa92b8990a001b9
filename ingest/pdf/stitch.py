"""Rejoin table rows that a page break split in two.

At each page break the first body row of the new page is either the continuation of the
row the previous page ended with, or a genuine action that happens to start the page
(often unnumbered, so the No. cell cannot tell). The decision weighs the document's
evidence, each piece of which can be missing or misleading on its own:

* did the previous row run off the page (no bottom rule) or end with room to spare;
* does the fragment have its own status and dates (a real action nearly always has);
* does the previous row lack any action text (an orphan: only its one-line cells were
  left at the page foot, the text starts on the next page);
* is the fragment's text in a column where the previous row had nothing (impossible for
  a continuation);
* does its text continue the previous cell (lowercase start, hyphen or cut word before);
* does the Status cell keep its shading without a word (the same shaded cell, continued).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ingest.assemble import is_heading_text
from ingest.records import COLUMNS
from ingest.rows import TableRow, merge_rows
from ingest.textjoin import ends_with_hyphen_break, glue

#: Columns written as sentences, where a missing full stop suggests the text goes on.
_PROSE = ("action", "success_measure", "progress_update")
_TERMINAL = ".!?:;)\"'\u201d\u2019"


def continuation_evidence(prev: TableRow, frag: TableRow, line_height: float) -> dict[str, float]:
    """Named evidence (positive: continuation, negative: own action) (pure)."""
    ev: dict[str, float] = {}
    if frag.cell("printed_no"):
        ev["numbered"] = -math.inf
        return ev
    ev["open_bottom"] = 2.0 if not prev.closed else 0.0
    if prev.room_below > 1.5 * line_height:
        ev["room_left_on_page"] = -3.0
    own = [frag.cell(c) for c in ("start", "end", "status")]
    filled = sum(1 for t in own if t)
    if filled == 3:
        ev["own_status_and_dates"] = -2.0
    else:
        ev["missing_status_or_dates"] = 0.5 * (3 - filled)
    if not prev.cell("action") and frag.cell("action"):
        # An orphan: the page foot kept only the row's one-line cells (No., dates,
        # Status) and its text starts on this page; no action is without its text.
        ev["previous_has_no_action_text"] = 3.0
    else:
        lone = [
            c
            for c in ("action", "team", "success_measure", "progress_update")
            if frag.cell(c) and not prev.cell(c)
        ]
        if lone:
            ev["text_where_previous_had_none"] = -1.0 * len(lone)
    starts, glued, unfinished = 0, 0, 0
    for name, a, b in zip(COLUMNS, prev.cells, frag.cells, strict=True):
        if not (a.text and b.text):
            continue
        if b.text[0].islower():
            starts += 1
        if a.broken_word or ends_with_hyphen_break(a.text):
            glued += 1
        elif name in _PROSE and a.text[-1] not in _TERMINAL:
            unfinished += 1
    if starts:
        ev["lowercase_continuation"] = min(2.0, 1.0 * starts)
    if glued:
        ev["word_cut_at_page_foot"] = 1.5
    if unfinished:
        ev["unfinished_sentence"] = min(1.0, 0.5 * unfinished)
    if frag.status_colour and not frag.cell("status"):
        ev["shading_without_word"] = 1.0
    if sum(1 for c in frag.cells if c.text) <= 2:
        ev["few_cells"] = 0.5
    return ev


def continuation_score(prev: TableRow, frag: TableRow, line_height: float = 12.0) -> float:
    return sum(continuation_evidence(prev, frag, line_height).values())


def continues_banner(prev: TableRow, row: TableRow) -> bool:
    """A full-width row opening a page that is not itself a Theme/Objective heading
    continues the heading the previous page ended with (pure)."""
    return (
        prev.kind == "banner"
        and row.kind == "banner"
        and prev.page_bottom
        and row.page_top
        and not row.outside_table
        and not is_heading_text(row.text)
    )


def merge_banners(upper: TableRow, lower: TableRow) -> TableRow:
    return replace(
        upper,
        text=glue(upper.text, lower.text),
        pages=tuple(dict.fromkeys(upper.pages + lower.pages)),
        boxes=upper.boxes + lower.boxes,
        page_bottom=lower.page_bottom,
        flags=tuple(dict.fromkeys((*upper.flags, *lower.flags, "stitched"))),
    )


@dataclass(frozen=True)
class Decision:
    """How one page-top row was judged: kept apart or stitched to the row above."""

    page: int
    score: float
    evidence: dict[str, float]
    stitched: bool
    fragment_columns: tuple[str, ...]  # columns with text in the page-top row


def decision_note(d: Decision) -> str:
    """One line for the run log: what was decided at a page break, and why."""
    verdict = "stitched to the row above" if d.stitched else "kept as its own row"
    why = ", ".join(f"{k} {v:+g}" for k, v in d.evidence.items() if v)
    cols = ", ".join(d.fragment_columns)
    return f"page {d.page}: page-top row {verdict} (score {d.score:+g}: {why}); text in: {cols}"


def _new_header(prev: TableRow, row: TableRow) -> bool:
    """The page-top row stands under another header than the row above: a new table
    begins there (a repeated header reads the same), so nothing continues across."""
    return bool(prev.header_text and row.header_text and prev.header_text != row.header_text)


def stitch_logged(
    pages: Sequence[Sequence[TableRow]], threshold: float = 1.0, line_height: float = 12.0
) -> tuple[list[TableRow], list[Decision]]:
    """Rows of all pages, in order, with page-split rows merged, and every decision (pure)."""
    out: list[TableRow] = []
    log: list[Decision] = []
    for page_rows in pages:
        for i, row in enumerate(page_rows):
            prev = out[-1] if out else None
            if i == 0 and prev is not None and continues_banner(prev, row):
                out[-1] = merge_banners(prev, row)
                continue
            if (
                i == 0
                and prev is not None
                and row.kind == "cells"
                and prev.kind == "cells"
                and row.page_top
                and prev.page_bottom
                and not _new_header(prev, row)
            ):
                ev = continuation_evidence(prev, row, line_height)
                score = sum(ev.values())
                joined = score >= threshold
                cols = tuple(c for c in COLUMNS if row.cell(c))
                log.append(Decision(row.pages[0] if row.pages else 0, score, ev, joined, cols))
                if joined:
                    out[-1] = merge_rows(prev, row)
                    continue
            out.append(row)
    return out, log


def stitch(
    pages: Sequence[Sequence[TableRow]], threshold: float = 1.0, line_height: float = 12.0
) -> list[TableRow]:
    """Rows of all pages, in order, with page-split rows merged (pure)."""
    return stitch_logged(pages, threshold, line_height)[0]
