"""Reporting periods as councils count them: calendar quarters and financial-year quarters.

Two forms, both ASCII digits only (a full-width `２０２５-Q1` is refused, never stored beside
the real `2025-Q1`):

- calendar `2025-Q3`: Q1 = January–March of 2025;
- financial year `2025/26-Q1`: the council year April 2025 – March 2026, Q1 = April–June 2025,
  Q4 = January–March 2026.

The period's text is what the store keeps (manifest, snapshot `period` column), so its form
records its kind. Periods of both kinds sort together by the months they cover.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from ingest import MONTH_NAMES

#: ASCII digits only: `\d` would also accept full-width and other Unicode digits.
_CALENDAR = re.compile(r"([0-9]{4})-Q([1-4])", re.ASCII)
_FINANCIAL = re.compile(r"([0-9]{4})/([0-9]{2})-Q([1-4])", re.ASCII)

#: First month of the financial year (April), as councils and the deck count it.
FY_START_MONTH = 4

CALENDAR = "calendar"
FINANCIAL = "financial"


class PeriodError(ValueError):
    """A period that is neither YYYY-Qn nor YYYY/YY-Qn."""


@dataclass(frozen=True)
class Period:
    """One reporting quarter: its text as given, its kind and the months it covers."""

    text: str
    kind: str  # CALENDAR or FINANCIAL
    year: int  # calendar year, or the financial year's first calendar year (2025 for 2025/26)
    quarter: int  # 1..4 within its year
    start: date  # first day of the quarter
    end: date  # last day: the date as of which "overdue" is judged

    @property
    def months(self) -> str:
        """ "April–June 2025" (both years when the quarter crosses one, which it never does)."""
        return (
            f"{MONTH_NAMES[self.start.month - 1]}–{MONTH_NAMES[self.end.month - 1]} {self.end.year}"
        )

    @property
    def describe(self) -> str:
        """One phrase for people: which kind of quarter this is and the months it covers."""
        if self.kind == FINANCIAL:
            fy = f"{self.year}/{(self.year + 1) % 100:02d}"
            return f"financial year {fy}, quarter {self.quarter} ({self.months})"
        return f"calendar year {self.year}, quarter {self.quarter} ({self.months})"

    @property
    def slug(self) -> str:
        """The period as a file or folder name: `2025-26-Q1` for `2025/26-Q1` (no slash)."""
        return self.text.replace("/", "-")


def _quarter(text: str, kind: str, year: int, quarter: int) -> Period:
    first_month = 3 * (quarter - 1) + 1
    if kind == FINANCIAL:
        first_month += FY_START_MONTH - 1
    start_year = year + (first_month - 1) // 12
    first_month = (first_month - 1) % 12 + 1
    last_month = first_month + 2
    start = date(start_year, first_month, 1)
    end = date(start_year, last_month, calendar.monthrange(start_year, last_month)[1])
    return Period(text, kind, year, quarter, start, end)


def parse_period(text: str) -> Period:
    """ "2025-Q3" or "2025/26-Q1" -> Period; anything else raises PeriodError fit to show."""
    given = str(text).strip()
    m = _CALENDAR.fullmatch(given)
    if m:
        return _quarter(given, CALENDAR, int(m.group(1)), int(m.group(2)))
    m = _FINANCIAL.fullmatch(given)
    if m:
        first, second = int(m.group(1)), int(m.group(2))
        if second != (first + 1) % 100:
            raise PeriodError(
                f"invalid period '{text}': a financial year runs into the next year, "
                f"e.g. {first}/{(first + 1) % 100:02d}-Q1"
            )
        return _quarter(given, FINANCIAL, first, int(m.group(3)))
    raise PeriodError(
        f"invalid period '{text}': use the form YYYY-Qn, e.g. 2025-Q3 (calendar), "
        "or YYYY/YY-Qn, e.g. 2025/26-Q1 (financial year from April)"
    )


def period_key(text: str) -> tuple[date, str]:
    """Sort key: chronological order of the months covered, whatever the period's form."""
    p = parse_period(text)
    return p.start, p.kind


def period_end(text: str) -> date:
    """Last day of the period's quarter: the date as of which 'overdue' is judged."""
    return parse_period(text).end


def period_slug(text: str) -> str:
    """The period as a file or folder name (`2025/26-Q1` -> `2025-26-Q1`)."""
    return parse_period(text).slug


def previous_of(period: str, held: list[str]) -> str:
    """The latest period in `held` strictly before `period`, or "" when there is none."""
    key = period_key(period)
    earlier = [p for p in held if period_key(p) < key]
    return max(earlier, key=period_key) if earlier else ""
