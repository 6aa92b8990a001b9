"""Settings for the normalise stage, as one validated frozen dataclass.

Kept in one place so a council that writes month-first dates, or whose financial year
starts in another month, changes one value rather than hunting through the parser.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from normalise.scale import DEFAULT_SCALE, RAG_STATUSES, StatusScale


@dataclass(frozen=True)
class NormaliseSettings:
    """How to read ambiguous cells.

    - ``dayfirst``: ``05/06/2025`` is 5 June (UK) when True, May 6 when False.
    - ``two_digit_century``: ``Jan-25`` is January ``two_digit_century + 25``.
    - ``financial_year_start_month``: ``2025/26`` runs from this month of 2025 (April in the UK).
    - ``rejoin_hyphens``: rejoin words hyphenated at a line break in text cells.
    - ``status_words``: a publisher's own status words, (word, RAG name) pairs read before
      the built-in spellings ("On track" -> Green); from a store's plantrack.toml.
    - ``status_scale``: what each status means and their progress order (`StatusScale`,
      or a mapping of its fields); the update deck's by default.
    """

    dayfirst: bool = True
    two_digit_century: int = 2000
    financial_year_start_month: int = 4
    rejoin_hyphens: bool = True
    status_words: tuple[tuple[str, str], ...] = ()
    status_scale: StatusScale = DEFAULT_SCALE

    def __post_init__(self) -> None:
        if not isinstance(self.status_scale, StatusScale):
            object.__setattr__(self, "status_scale", StatusScale.resolve(self.status_scale))
        rag = RAG_STATUSES
        if not isinstance(self.status_words, tuple) or not all(
            isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], str) and p[1] in rag
            for p in self.status_words
        ):
            raise ValueError("status_words must be (word, Red/Amber/Green/Blue) pairs")
        for name in ("dayfirst", "rejoin_hyphens"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be True or False")
        century = self.two_digit_century
        if isinstance(century, bool) or not isinstance(century, int) or century % 100:
            raise ValueError("two_digit_century must be a whole century such as 2000")
        if not 1900 <= century <= 2100:
            raise ValueError("two_digit_century must be between 1900 and 2100")
        month = self.financial_year_start_month
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
            raise ValueError("financial_year_start_month must be a month number 1-12")

    @classmethod
    def resolve(cls, value: NormaliseSettings | Mapping[str, Any] | None) -> NormaliseSettings:
        """Build settings from None (defaults), a mapping of overrides, or an instance."""
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        if isinstance(value, Mapping):
            known = {f.name for f in fields(cls)}
            unknown = sorted(set(value) - known)
            if unknown:
                raise ValueError(f"unknown normalise setting(s): {', '.join(unknown)}")
            return cls(**dict(value))
        raise TypeError(f"settings must be None, a mapping or NormaliseSettings, not {type(value)}")
