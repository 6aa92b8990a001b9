"""Rows in document order -> actions and headings, with context carried down.

Theme and Objective rows (or headings above a table) set the context every following
action inherits; unnumbered actions get `<last number>#k` references.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ingest.colour import RAG_PALETTE
from ingest.columns import is_period_header, map_columns
from ingest.records import COLUMNS, Heading, Provenance, RawAction
from ingest.rows import TableRow
from ingest.textjoin import collapse

_THEME = re.compile(r"^\s*Theme\s+([A-Z])\b\s*[:.\-\u2013\u2014]?\s*(.*)$", re.I | re.S)
_OBJECTIVE = re.compile(r"^\s*Objective\s+(\d+)\b\s*[:.\-\u2013\u2014]?\s*(.*)$", re.I | re.S)


def parse_heading(text: str) -> tuple[str, str, str]:
    """('theme'|'objective'|'other', key, title) from a banner or heading text (pure)."""
    t = collapse(text)
    m = _THEME.match(t)
    if m:
        return "theme", m.group(1).upper(), m.group(2).strip()
    m = _OBJECTIVE.match(t)
    if m:
        return "objective", m.group(1), m.group(2).strip()
    return "other", "", t


def is_heading_text(text: str) -> bool:
    return parse_heading(text)[0] != "other"


@dataclass(frozen=True)
class Context:
    theme: str = ""
    theme_title: str = ""
    objective: str = ""
    objective_title: str = ""
    last_no: str = ""
    k: int = 0


def next_ref(ctx: Context, printed_no: str) -> tuple[str, Context]:
    """The ref of the next action and the updated context (pure)."""
    no = collapse(printed_no)
    if no:
        return no, Context(**{**ctx.__dict__, "last_no": no, "k": 1})
    k = ctx.k + 1
    return f"{ctx.last_no}#{k}", Context(**{**ctx.__dict__, "k": k})


def status_flags(status: str, colour: str) -> tuple[str, ...]:
    """Observations comparing the printed status word with the cell's shading (pure)."""
    word = collapse(status).lower()
    if not colour:
        return ()
    if not word:
        return ("status-from-colour",)
    names = {n.lower() for n in RAG_PALETTE}
    if word in names and word != colour.lower():
        return ("status-colour-mismatch",)
    return ()


#: Flag on an action whose End cell came from a single Timescale/When column: normalise
#: reads a range in it as the start and the end.
PERIOD_FLAG = "end-is-period"


#: Flag on an action of a table that prints no Status column: its empty status is how the
#: table is, not a missing entry.
NO_STATUS_FLAG = "no-status-column"


@lru_cache(maxsize=64)
def lacks_status(header_text: str) -> bool:
    """Whether the header in force names no Status column."""
    return bool(header_text) and "status" not in map_columns(header_text.split(" | ")).values()


@lru_cache(maxsize=64)
def end_is_period(header_text: str) -> bool:
    """Whether the header in force ("No. | Action | Timescale") names the End by a period."""
    texts = header_text.split(" | ")
    return any(
        name == "end" and is_period_header(texts[i]) for i, name in map_columns(texts).items()
    )


def _provenance(row: TableRow, file: str) -> Provenance:
    return Provenance(
        file=file,
        pages=row.pages,
        boxes=row.boxes,
        table=row.table,
        rows=row.row_indexes,
        sheet=row.sheet,
    )


def assemble(rows: Iterable[TableRow], file: str = "") -> tuple[list[RawAction], list[Heading]]:
    """Turn stitched rows into actions and headings, in document order (pure)."""
    ctx = Context()
    actions: list[RawAction] = []
    headings: list[Heading] = []
    for row in rows:
        if row.kind == "banner":
            kind, key, title = parse_heading(row.text)
            headings.append(Heading(kind, key, title, collapse(row.text), _provenance(row, file)))
            if kind == "theme":
                ctx = Context(theme=key, theme_title=title, last_no=ctx.last_no, k=ctx.k)
            elif kind == "objective":
                ctx = Context(
                    theme=ctx.theme,
                    theme_title=ctx.theme_title,
                    objective=key,
                    objective_title=title,
                    last_no=ctx.last_no,
                    k=ctx.k,
                )
            continue
        texts = {c: collapse(row.cell(c)) for c in COLUMNS}
        if not any(texts.values()) and not any(c.text for _, c in row.extra):
            continue  # an empty row carries nothing
        ref, ctx = next_ref(ctx, texts["printed_no"])
        flags = row.flags + status_flags(texts["status"], row.status_colour)
        if texts["end"] and end_is_period(row.header_text):
            flags += (PERIOD_FLAG,)
        if not texts["status"] and not row.status_colour and lacks_status(row.header_text):
            flags += (NO_STATUS_FLAG,)
        actions.append(
            RawAction(
                seq=len(actions) + 1,
                # a form record's name is its theme ("Age" in an impact assessment)
                theme=row.name or ctx.theme,
                theme_title="" if row.name else ctx.theme_title,
                objective=ctx.objective,
                objective_title=ctx.objective_title,
                ref=ref,
                status_colour=row.status_colour,
                provenance=_provenance(row, file),
                flags=tuple(dict.fromkeys(flags)),
                extra=tuple((h, collapse(c.text)) for h, c in row.extra),
                **texts,
            )
        )
    return actions, headings
