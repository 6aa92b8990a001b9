"""The RAG scale in one place: the four statuses, what each means, and their progress order.

RAG means different things to different publishers: delivery against plan in our update
deck (Red "Not started" … Green "Completed"), performance against target in a KPI report,
and in a BRAG scheme Blue is "Complete", above Green. Ingest, normalise, compare and the
outputs all read the scale from here, so a store's `plantrack.toml` changes it once and
every stage agrees; outputs keep only the colours each status is drawn in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "DEFAULT_LEVELS",
    "DEFAULT_MEANINGS",
    "DEFAULT_SCALE",
    "RAG_STATUSES",
    "StatusScale",
]

#: The four statuses, in the order the update deck lists them.
RAG_STATUSES: tuple[str, ...] = ("Red", "Amber", "Green", "Blue")

#: The update deck's definitions (EDI strategy action plan update, RAG summary slide).
DEFAULT_MEANINGS: dict[str, str] = {
    "Red": "Not started",
    "Amber": "In progress",
    "Green": "Completed",
    "Blue": "Planned, not started",
}

#: Progress order, least progress first; statuses in one level share a rank. Red ("Not
#: started") and Blue ("Planned, not started") share the bottom; Green is complete.
DEFAULT_LEVELS: tuple[tuple[str, ...], ...] = (("Red", "Blue"), ("Amber",), ("Green",))


def _pairs(value: Any, what: str) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    try:
        pairs = tuple((k, v) for k, v in items)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be (status, text) pairs") from None
    return pairs


@dataclass(frozen=True)
class StatusScale:
    """What each RAG status means here and which way a change between two of them goes.

    - ``meanings``: (status, meaning) for all four statuses, shown beside the colour in the
      report's and deck's RAG summary and kept as each action's ``status_label``.
    - ``levels``: the progress order, least progress first; each level a tuple of statuses
      sharing a rank. Every status appears once. Up the levels is "progressed", down is
      "regressed"; reaching the top level is the "completed" milestone, leaving the bottom
      level for one in between is "started".
    - ``labels``: (status, name) for the statuses shown by another name than their colour
      in the report and deck (a BRAG tracker's Blue shown as "Complete"); the colour name
      otherwise. Data (snapshots, changes.csv, the workbook) keep the colour name.
    - ``planned``: statuses meaning "planned, not started yet": the report lists them under
      "coming up" when their start is next quarter, never counts them as stalled before
      their start, and a move from one to another status of the same level is a slip
      (a planned action now reported not started has fallen behind).
    """

    meanings: tuple[tuple[str, str], ...] = tuple(DEFAULT_MEANINGS.items())
    levels: tuple[tuple[str, ...], ...] = DEFAULT_LEVELS
    planned: tuple[str, ...] = ("Blue",)
    labels: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        labels = _pairs(self.labels, "labels")
        if not all(s in RAG_STATUSES and isinstance(t, str) and t.strip() for s, t in labels):
            raise ValueError("labels must be (status, non-empty name) pairs")
        object.__setattr__(self, "labels", labels)
        given = _pairs(self.meanings, "meanings")
        if len(given) != len(RAG_STATUSES) or {s for s, _ in given} != set(RAG_STATUSES):
            raise ValueError("meanings must give each of Red, Amber, Green, Blue once")
        by_status = dict(given)
        meanings = tuple((s, by_status[s]) for s in RAG_STATUSES)
        object.__setattr__(self, "meanings", meanings)
        if not all(isinstance(m, str) and m.strip() for _, m in meanings):
            raise ValueError("each status's meaning must be non-empty text")
        levels = tuple(
            (level,) if isinstance(level, str) else tuple(level) for level in self.levels
        )
        object.__setattr__(self, "levels", levels)
        flat = [s for level in levels for s in level]
        if sorted(flat) != sorted(RAG_STATUSES) or any(not level for level in levels):
            raise ValueError("the progress order must name each of Red, Amber, Green, Blue once")
        if len(levels) < 2:
            raise ValueError("the progress order needs at least two levels")
        planned = (self.planned,) if isinstance(self.planned, str) else tuple(self.planned)
        object.__setattr__(self, "planned", planned)
        if not set(planned) <= set(RAG_STATUSES) or len(set(planned)) != len(planned):
            raise ValueError("planned must name statuses among Red, Amber, Green, Blue")
        if set(planned) & set(levels[-1]):
            raise ValueError("a planned status cannot be on the top (complete) level")

    @classmethod
    def resolve(cls, value: StatusScale | Mapping[str, Any] | None) -> StatusScale:
        """None -> the deck's scale, a mapping -> overrides of it, an instance -> itself."""
        if value is None:
            return DEFAULT_SCALE
        if isinstance(value, cls):
            return value
        if isinstance(value, Mapping):
            unknown = sorted(set(value) - {"meanings", "levels", "planned", "labels"})
            if unknown:
                raise ValueError(f"unknown status scale setting(s): {', '.join(unknown)}")
            return cls(**dict(value))
        raise TypeError(f"scale must be None, a mapping or StatusScale, not {type(value)}")

    def meaning(self, status: str) -> str:
        """The meaning of a RAG status, "" for anything else."""
        return dict(self.meanings).get(status, "")

    def label(self, status: str) -> str:
        """How the report and deck name a status: its label, else the status as it is."""
        return dict(self.labels).get(status, status)

    def rank(self, status: str) -> int | None:
        """The status's level (0 = least progress), None when it is not a RAG status."""
        for i, level in enumerate(self.levels):
            if status in level:
                return i
        return None

    @property
    def complete(self) -> tuple[str, ...]:
        """The statuses on the top level: the work is done."""
        return self.levels[-1]

    @property
    def conservative_order(self) -> tuple[str, ...]:
        """Least progress first (ties in deck order): a cell naming two statuses reads as the
        first of them here."""
        ranks = {s: i for i, level in enumerate(self.levels) for s in level}
        return tuple(sorted(RAG_STATUSES, key=lambda s: (ranks[s], RAG_STATUSES.index(s))))

    def direction(self, before: str, after: str) -> str:
        """A status move as "progressed", "regressed" or "changed".

        Anything involving an empty or non-RAG status is just "changed".
        """
        b, a = self.rank(before), self.rank(after)
        if b is None or a is None:
            return "changed"
        if a > b:
            return "progressed"
        if a < b or (before in self.planned and after not in self.planned):
            return "regressed"
        return "changed"

    def milestone(self, before: str, after: str) -> str:
        """The milestone of a move: "completed" (now on the top level), "started" (from the
        bottom level to one in between), or ""."""
        if after in self.complete and before not in self.complete:
            return "completed"
        rank = self.rank(after)
        if before in self.levels[0] and rank is not None and 0 < rank < len(self.levels) - 1:
            return "started"
        return ""


#: The update deck's scale: the default of every stage.
DEFAULT_SCALE = StatusScale()
