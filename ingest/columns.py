"""Name a table's columns from its header text, fuzzily.

Published plans rename columns ("Progress update" becomes "Progress log" part-way
through), shorten them ("Success measures") or reorder them, so columns are matched by
what the header says, never by position.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from ingest.records import COLUMNS

#: Header texts seen or expected for each canonical column (compared case-insensitively).
ALIASES: dict[str, tuple[str, ...]] = {
    "printed_no": ("No.", "No", "Number", "Ref", "Ref.", "Reference", "#", "Action no."),
    "action": ("Action", "Actions", "Action description", "Description"),
    "team": (
        "Team responsible",
        "Responsible team",
        "Team",
        "Lead",
        "Lead officer",
        "Owner",
        "Responsible",
        "Responsible officer",
    ),
    "start": ("Start", "Start date", "From"),
    "end": ("End", "End date", "Due", "Due date", "Deadline", "Target date"),
    "success_measure": (
        "Success measure and key outputs",
        "Success measures and key outputs",
        "Success measures",
        "Success measure",
        "Key outputs",
        "Measures of success",
        "Outcomes",
    ),
    "status": ("Status", "RAG", "RAG status", "Rating"),
    "progress_update": (
        "Progress update",
        "Progress log",
        "Progress",
        "Update",
        "Updates",
        "Progress to date",
        "Comments",
    ),
}

#: Columns a table must have to be an action plan (the rest may be absent).
REQUIRED: tuple[str, ...] = ("printed_no", "action", "team", "start", "end", "status")

#: How to name a column to a user.
DISPLAY: dict[str, str] = {
    "printed_no": "No.",
    "action": "Action",
    "team": "Team responsible",
    "start": "Start",
    "end": "End",
    "success_measure": "Success measure",
    "status": "Status",
    "progress_update": "Progress update",
}

_SPACE = re.compile(r"\s+")


def clean_header(text: str) -> str:
    return _SPACE.sub(" ", text or "").strip().lower()


#: ALIASES lower-cased once, not on every comparison
_LOWER_ALIASES: dict[str, tuple[str, ...]] = {
    column: tuple(a.lower() for a in aliases) for column, aliases in ALIASES.items()
}


def column_score(text: str, column: str, cutoff: float = 0.0) -> float:
    """How well a header text names a canonical column, 0-100 (pure); scores below
    `cutoff` come back as 0, which lets rapidfuzz stop early on texts that cannot match."""
    return _score(clean_header(text), column, cutoff)


def _score(t: str, column: str, cutoff: float) -> float:
    if not t:
        return 0.0
    aliases = _LOWER_ALIASES[column]
    if t in aliases:
        return 100.0
    if len(t) <= 3 or len(t) > 60:
        return 0.0  # "#", "No", "RAG": exact only; long texts are data, not headers
    best = 0.0
    for a in aliases:
        if len(a) > 3:
            best = max(
                best,
                fuzz.ratio(t, a, score_cutoff=cutoff),
                fuzz.token_sort_ratio(t, a, score_cutoff=cutoff),
            )
    return best


def map_columns(headers: Sequence[str], threshold: float = 75.0) -> dict[int, str]:
    """Header cell index -> canonical column, one-to-one (pure).

    Pairs are taken best score first, so two similar headers cannot claim one column
    (an exact optimum is not needed for eight columns with near-exact names).
    """
    cleaned = [clean_header(h) for h in headers]
    pairs = sorted(
        ((_score(t, c, threshold), i, c) for i, t in enumerate(cleaned) for c in COLUMNS),
        key=lambda p: (-p[0], p[1]),
    )
    out: dict[int, str] = {}
    taken: set[str] = set()
    for score, i, c in pairs:
        if score < threshold:
            break
        if i not in out and c not in taken:
            out[i] = c
            taken.add(c)
    return dict(sorted(out.items()))


def header_strength(headers: Sequence[str], threshold: float = 75.0) -> int:
    """How many distinct canonical columns a row of texts names (0 for a data row)."""
    return len(map_columns(headers, threshold))


def missing_required(mapping: dict[int, str]) -> list[str]:
    have = set(mapping.values())
    return [DISPLAY[c] for c in REQUIRED if c not in have]
