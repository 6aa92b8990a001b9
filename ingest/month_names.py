"""The English month names: the one list the spreadsheet reader (a `mmmm` number format),
the date parser and the report's period labels all spell months with."""

from __future__ import annotations

#: "January" ... "December", index 0 is January. Spelled out rather than taken from
#: `calendar.month_name`, which follows the process's LC_TIME locale.
MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

__all__ = ["MONTH_NAMES"]
