"""Every tunable number of the ingest stage, in one validated, frozen place.

Built by `IngestSettings.resolve()` from None, a dict or an instance (as pdfplumber's
`TableSettings` is), so callers and tests can override a single tolerance by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from ingest.colour import own_colours
from ingest.limits import Limits


@dataclass(frozen=True)
class IngestSettings:
    #: pdfplumber lattice settings: edges closer than this (points) are snapped/joined.
    snap_tolerance: float = 3.0
    join_tolerance: float = 3.0
    intersection_tolerance: float = 3.0
    #: words whose tops differ by less than this (points) are on one line of a cell.
    line_tolerance: float = 2.5
    #: minimum rapidfuzz score (0-100) for a header text to name a column.
    column_match_threshold: float = 75.0
    #: a header row needs this many recognised column names.
    min_header_columns: int = 3
    #: stitching: a page-top fragment whose score reaches this joins the previous action.
    stitch_threshold: float = 1.0
    #: colour distance (0-441, RGB 0-255) beyond which a fill is not a RAG colour
    #: (100 keeps a navy header fill from passing for Blue).
    max_colour_distance: float = 100.0
    #: password for an encrypted PDF.
    password: str | None = None
    #: worker processes reading a PDF's pages: 0 = one per core, 1 = in this process.
    jobs: int = 0
    #: how much of a hostile document is read at most (pages, rows, sizes, seconds)
    limits: Limits = field(default_factory=Limits)
    #: a store's own headers, (printed header, field or "extra") pairs (plantrack.toml)
    column_aliases: tuple[tuple[str, str], ...] = ()
    #: a store's own fill colours, (hex "RRGGBB", Red/Amber/Green/Blue) pairs (plantrack.toml)
    status_colours: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.limits, Limits):  # a dict of overrides, or None
            object.__setattr__(self, "limits", Limits.resolve(self.limits))
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("limits", "column_aliases", "status_colours"):
                continue
            if f.name == "password":
                if value is not None and not isinstance(value, str):
                    raise ValueError("password must be a string")
                continue
            if not isinstance(value, int | float) or value < 0:
                raise ValueError(f"{f.name} must be a non-negative number, got {value!r}")
        if not isinstance(self.jobs, int) or isinstance(self.jobs, bool):
            raise ValueError(f"jobs must be a whole number, got {self.jobs!r}")
        pairs = self.column_aliases
        if not isinstance(pairs, tuple) or not all(
            isinstance(p, tuple) and len(p) == 2 and all(isinstance(x, str) for x in p)
            for p in pairs
        ):
            raise ValueError("column_aliases must be (header, field) pairs of text")
        colours = self.status_colours
        if not isinstance(colours, tuple) or not all(
            isinstance(p, tuple) and len(p) == 2 and all(isinstance(x, str) for x in p)
            for p in colours
        ):
            raise ValueError("status_colours must be (hex colour, status) pairs of text")
        own_colours(colours)  # a bad colour or status is a ValueError naming it
        if not 0 < self.column_match_threshold <= 100:
            raise ValueError("column_match_threshold must be in (0, 100]")

    @classmethod
    def resolve(cls, settings: IngestSettings | dict[str, Any] | None) -> IngestSettings:
        """None -> defaults, dict -> validated instance, instance -> itself."""
        if settings is None:
            return cls()
        if isinstance(settings, cls):
            return settings
        if isinstance(settings, dict):
            unknown = set(settings) - {f.name for f in fields(cls)}
            if unknown:
                raise ValueError(f"unknown ingest settings: {', '.join(sorted(unknown))}")
            return cls(**settings)
        raise TypeError(f"settings must be IngestSettings, dict or None, not {type(settings)}")
