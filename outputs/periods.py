"""Reporting periods ("2025-Q3"): validation, ordering and calendar bounds."""

from __future__ import annotations

import calendar
import re
from datetime import date

_PERIOD = re.compile(r"(\d{4})-Q([1-4])")


class PeriodError(ValueError):
    """A period that is not of the form YYYY-Qn."""


def parse_period(text: str) -> tuple[int, int]:
    """ "2025-Q3" -> (2025, 3); anything else raises PeriodError with a message fit to show."""
    m = _PERIOD.fullmatch(str(text).strip())
    if not m:
        raise PeriodError(f"invalid period '{text}': use the form YYYY-Qn, e.g. 2025-Q3")
    return int(m.group(1)), int(m.group(2))


def period_key(text: str) -> tuple[int, int]:
    """Sort key: chronological order of periods."""
    return parse_period(text)


def period_end(text: str) -> date:
    """Last day of the period's quarter: the date as of which 'overdue' is judged."""
    year, quarter = parse_period(text)
    month = quarter * 3
    return date(year, month, calendar.monthrange(year, month)[1])


def previous_of(period: str, held: list[str]) -> str:
    """The latest period in `held` strictly before `period`, or "" when there is none."""
    key = period_key(period)
    earlier = [p for p in held if period_key(p) < key]
    return max(earlier, key=period_key) if earlier else ""


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from `earlier` to `later` (negative if `later` is earlier)."""
    return (later.year - earlier.year) * 12 + (later.month - earlier.month)
