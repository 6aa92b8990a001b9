"""Name a table's columns from its header text, fuzzily.

Published plans rename columns ("Progress update" becomes "Progress log" part-way
through), shorten them ("Success measures") or reorder them, so columns are matched by
what the header says, never by position.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from ingest.records import COLUMNS
from ingest.settings import IngestSettings

#: Header texts seen or expected for each canonical column (compared case-insensitively).
#: Real plans print many names for the same column (Kent prints "What we have committed to |
#: Led by | Timescale | Measure | Shared Outcome"); each list is tested in test_columns.py.
ALIASES: dict[str, tuple[str, ...]] = {
    "printed_no": (
        "No.",
        "No",
        "Number",
        "Ref",
        "Ref.",
        "Ref no.",
        "Reference",
        "#",
        "ID",
        "Item",
        "Item No.",
        "Action no.",
        "Action number",
        "Risk ID",
        "Risk no.",
    ),
    "action": (
        "Action",
        "Actions",
        "Action description",
        "Description",
        "What we will do",
        "What we have committed to",
        "Commitment",
        "Commitments",
        "Activity",
        "Activities",
        "Task",
        "Indicator",
        "Indicators",
        "Performance indicator",
        "Key performance indicator",
        "KPIs",
        "Risk",
        "Risk title",
        "Risk description",
    ),
    "team": (
        "Team responsible",
        "Responsible team",
        "Team",
        "Lead",
        "Led by",
        "Lead officer",
        "Lead team",
        "Owner",
        "Risk owner",
        "Responsible",
        "Responsible officer",
        "Person responsible",
        "Service",
        "Directorate",
    ),
    "start": ("Start", "Start date", "From", "Begin", "Commencement date"),
    "end": (
        "End",
        "End date",
        "Due",
        "Due date",
        "Deadline",
        "Target date",
        "Completion date",
        "Date for completion",
        "By when",
    ),
    "success_measure": (
        "Success measure and key outputs",
        "Success measures and key outputs",
        "Success measures",
        "Success measure",
        "Key outputs",
        "Measures of success",
        "Measure",
        "Measures",
        "KPI",
        "Outcome",
        "Outcomes",
        "Output",
        "Outputs",
        "Expected outcome",
    ),
    "status": (
        "Status",
        "RAG",
        "RAG rating",
        "RAG status",
        "BRAG",
        "BRAG status",
        "Progress status",
        "Rating",
    ),
    "progress_update": (
        "Progress update",
        "Progress log",
        "Progress",
        "Update",
        "Updates",
        "Latest update",
        "Progress to date",
        "Comments",
        "Commentary",
        "Narrative",
    ),
}

#: A single column naming when the action happens, read as a period: its text goes to the
#: End cell (so every reader places it without knowing), and normalise reads a range in it
#: as the start and the end ("Apr 2025 - Mar 2026"), a single date as the end ("Mar 2026").
PERIOD_ALIASES: tuple[str, ...] = ("Timescale", "Timescales", "Timeframe", "Timeline", "When")

#: Headers that name a reporting period ("Q1 2025/26 update", "Update - Jan 2025",
#: "Progress at 31 March"): the progress column renamed for the quarter.
_PERIOD_WORD = (
    r"(?:q[1-4]|quarter|h[12]|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|"
    r"sep\w*|oct\w*|nov\w*|dec\w*|spring|summer|autumn|winter|\d{4}(?:/\d{2,4})?|\d{1,2})"
)
_PROGRESS_PERIOD = re.compile(
    rf"^(?:(?:progress|update|position|comments?)\b.*\b{_PERIOD_WORD}\b"
    rf"|.*\b{_PERIOD_WORD}\b.*\b(?:update|progress|position|comments?)s?)\W*$"
)

#: A header naming a set of indicators ("Customer Services KPIs", "Adult Social Care
#: indicators"): the key column of a KPI table, however the service is named.
#: (a lone "KPI" stays the success measure of an action plan: "Action | KPI")
_INDICATORS = re.compile(r"^.{0,50}\b(?:kpis|(?:performance )?indicators?)$")
_INDICATORS_SCORE = 95.0

#: Columns a table must have to be an action plan (the rest may be absent).
REQUIRED: tuple[str, ...] = ("action",)

#: Prefix of the name an unknown column gets: "extra:" + its printed header.
EXTRA_PREFIX = "extra:"

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


#: ALIASES lower-cased once, not on every comparison (a Timescale column names the End)
_LOWER_ALIASES: dict[str, tuple[str, ...]] = {
    column: tuple(a.lower() for a in aliases)
    + (tuple(a.lower() for a in PERIOD_ALIASES) if column == "end" else ())
    for column, aliases in ALIASES.items()
}
_PERIOD_LOWER = frozenset(a.lower() for a in PERIOD_ALIASES)

#: How a header naming the progress column for a period scores (below an exact alias).
_PERIOD_PROGRESS_SCORE = 95.0


def column_score(text: str, column: str, cutoff: float = 0.0) -> float:
    """How well a header text names a canonical column, 0-100 (pure); scores below
    `cutoff` come back as 0, which lets rapidfuzz stop early on texts that cannot match."""
    return _score(clean_header(text), column, cutoff)


@lru_cache(maxsize=1 << 16)
def _score(t: str, column: str, cutoff: float) -> float:
    """Cached: every row of a PDF is asked whether it is a header, against every field,
    and cell texts repeat ("Ongoing", a team's name, the header on every page)."""
    if not t:
        return 0.0
    aliases = _LOWER_ALIASES[column]
    if t in aliases:
        return 100.0
    if len(t) <= 3 or len(t) > 60:
        return 0.0  # "#", "No", "RAG": exact only; long texts are data, not headers
    best = 0.0
    if column == "progress_update" and _PROGRESS_PERIOD.match(t):
        best = _PERIOD_PROGRESS_SCORE
    if column == "action" and _INDICATORS.match(t):
        best = _INDICATORS_SCORE
    for a in aliases:
        if len(a) > 3:
            best = max(
                best,
                fuzz.ratio(t, a, score_cutoff=cutoff),
                fuzz.token_sort_ratio(t, a, score_cutoff=cutoff),
            )
    return best


#: A store's own header -> field pairs (plantrack.toml): ("Shared Outcome",
#: "success_measure"), or ("Direction of travel", "extra") to keep a column as its own.
Aliases = Sequence[tuple[str, str]]


def map_columns(
    headers: Sequence[str], threshold: float = 75.0, aliases: Aliases = ()
) -> dict[int, str]:
    """Header cell index -> canonical column, one-to-one (pure).

    Pairs are taken best score first, so two similar headers cannot claim one column
    (an exact optimum is not needed for eight columns with near-exact names). A store's
    `aliases` match exactly (case and spacing aside) and outrank the vocabulary.
    """
    cleaned = [clean_header(h) for h in headers]
    own = {clean_header(h): target for h, target in aliases}

    def score(t: str, c: str) -> float:
        if t in own:
            return 101.0 if own[t] == c else 0.0
        return _score(t, c, threshold)

    pairs = sorted(
        ((score(t, c), i, c) for i, t in enumerate(cleaned) for c in COLUMNS),
        key=lambda p: (-p[0], p[1]),
    )
    out: dict[int, str] = {}
    taken: set[str] = set()
    for value, i, c in pairs:
        if value < threshold:
            break
        if i not in out and c not in taken:
            out[i] = c
            taken.add(c)
    return dict(sorted(out.items()))


def printed_header(text: str) -> str:
    """A header as a person names it: its words, whitespace collapsed, case kept."""
    return _SPACE.sub(" ", text or "").strip()


def name_columns(
    headers: Sequence[str], threshold: float = 75.0, aliases: Aliases = ()
) -> dict[int, str]:
    """Header cell index -> canonical column or `extra:<printed header>`, for every header
    cell with text (pure). `map_columns` plus the columns it does not know, so a reader
    keeps an unknown column's text instead of dropping it. Two unknown columns printed
    alike are told apart by their position ("Notes", "Notes (2)")."""
    out: dict[int, str] = dict(map_columns(headers, threshold, aliases))
    used: set[str] = set()
    for i, h in enumerate(headers):
        shown = printed_header(h)
        if i in out or not shown:
            continue
        name, k = EXTRA_PREFIX + shown, 1
        while name in used:
            k += 1
            name = f"{EXTRA_PREFIX}{shown} ({k})"
        used.add(name)
        out[i] = name
    return dict(sorted(out.items()))


def group_names(parent: str, subs: Sequence[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Names of the sub-columns under a group title, and the fields they are given (pure).

    A sub naming a field by itself keeps its text ("Performance" over "Actual", "RAG"
    gives "Performance - Actual" and "RAG"); the others read "<title> - <sub>". When the
    title names a field and no sub does ("RAG rating" over "Latest", "Previous"), the
    first sub is that field (the latest rating) and the others stay extra columns.
    """
    own = [bool(map_columns([t])) for t in subs]
    texts = [
        printed_header(t) if named else f"{printed_header(parent)} - {printed_header(t)}"
        for t, named in zip(subs, own, strict=True)
    ]
    field = map_columns([parent]).get(0)
    if field is None or any(own) or not texts:
        return texts, []
    return texts, [(texts[0], field)] + [(t, "extra") for t in texts[1:]]


def is_extra(name: str) -> bool:
    return name.startswith(EXTRA_PREFIX)


def extra_header(name: str) -> str:
    """The printed header of an `extra:` column name."""
    return name[len(EXTRA_PREFIX) :] if is_extra(name) else name


def is_period_header(text: str) -> bool:
    """A single Timescale/Timeframe/When column: one cell naming the whole period."""
    return clean_header(text) in _PERIOD_LOWER


def header_strength(headers: Sequence[str], threshold: float = 75.0, aliases: Aliases = ()) -> int:
    """How many distinct canonical columns a row of texts names (0 for a data row)."""
    return len(map_columns(headers, threshold, aliases))


def is_header_row(texts: Sequence[str], settings: IngestSettings) -> bool:
    """Whether a row's cell texts are a table header: they name at least
    `settings.min_header_columns` plan columns (the publisher's aliases counted). The one
    test the Word and spreadsheet readers and the conservation check share; the PDF reader
    adds a two-row header to it (`ingest.pdf.reader.is_header_row`)."""
    strength = header_strength(texts, settings.column_match_threshold, settings.column_aliases)
    return strength >= settings.min_header_columns


def missing_required(mapping: dict[int, str]) -> list[str]:
    have = set(mapping.values())
    return [DISPLAY[c] for c in REQUIRED if c not in have]


__all__ = [
    "ALIASES",
    "DISPLAY",
    "EXTRA_PREFIX",
    "PERIOD_ALIASES",
    "REQUIRED",
    "clean_header",
    "column_score",
    "extra_header",
    "group_names",
    "header_strength",
    "is_extra",
    "is_header_row",
    "is_period_header",
    "map_columns",
    "missing_required",
    "name_columns",
    "printed_header",
]
