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


def column_score(text: str, column: str) -> float:
    """How well a header text names a canonical column, 0-100 (pure)."""
    t = clean_header(text)
    if not t:
        return 0.0
    best = 0.0
    for alias in ALIASES[column]:
        a = alias.lower()
        if t == a:
            return 100.0
        if len(a) <= 3 or len(t) <= 3 or len(t) > 60:
            continue  # "#", "No", "RAG": exact only; long texts are data, not headers
        best = max(best, fuzz.ratio(t, a), fuzz.token_sort_ratio(t, a))
    return best


def map_columns(headers: Sequence[str], threshold: float = 75.0) -> dict[int, str]:
    """Header cell index -> canonical column, one-to-one (pure).

    Pairs are taken best score first, so two similar headers cannot claim one column
    (an exact optimum is not needed for eight columns with near-exact names).
    """
    pairs = sorted(
        ((column_score(h, c), i, c) for i, h in enumerate(headers) for c in COLUMNS),
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
