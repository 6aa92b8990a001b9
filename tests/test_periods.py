"""Reporting periods: calendar and financial-year quarters, ASCII digits only (issues 16, 12)."""

from __future__ import annotations

from datetime import date

import pytest

from outputs.periods import (
    CALENDAR,
    FINANCIAL,
    PeriodError,
    parse_period,
    period_end,
    period_key,
    period_slug,
    previous_of,
)
from plantrack.errors import UsageError
from plantrack.store import validate_period


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2025-Q1", CALENDAR, date(2025, 1, 1), date(2025, 3, 31)),
        ("2025-Q2", CALENDAR, date(2025, 4, 1), date(2025, 6, 30)),
        ("2025-Q4", CALENDAR, date(2025, 10, 1), date(2025, 12, 31)),
        ("2025/26-Q1", FINANCIAL, date(2025, 4, 1), date(2025, 6, 30)),
        ("2025/26-Q2", FINANCIAL, date(2025, 7, 1), date(2025, 9, 30)),
        ("2025/26-Q3", FINANCIAL, date(2025, 10, 1), date(2025, 12, 31)),
        ("2025/26-Q4", FINANCIAL, date(2026, 1, 1), date(2026, 3, 31)),
        ("1999/00-Q4", FINANCIAL, date(2000, 1, 1), date(2000, 3, 31)),
        ("2023/24-Q4", FINANCIAL, date(2024, 1, 1), date(2024, 3, 31)),
    ],
)
def test_quarters_cover_their_true_months(text, kind, start, end):
    p = parse_period(text)
    assert (p.text, p.kind, p.start, p.end) == (text, kind, start, end)
    assert period_end(text) == end


def test_each_kind_says_what_it_is():
    assert (
        parse_period("2025/26-Q1").describe == "financial year 2025/26, quarter 1 (April–June 2025)"
    )
    assert parse_period("2025-Q2").describe == "calendar year 2025, quarter 2 (April–June 2025)"
    assert parse_period("2025/26-Q4").describe.endswith("(January–March 2026)")


@pytest.mark.parametrize(
    "bad",
    [
        "２０２５-Q1",  # full-width digits (issue 12, item 7)
        "2025-Q１",
        "٢٠٢٥-Q1",  # Arabic-Indic digits
        "2025/２６-Q1",
        "2025/27-Q1",  # not a financial year
        "2025/2026-Q1",
        "2025-Q5",
        "2025-q3",
        "2025Q3",
        "Q3-2025",
        "",
    ],
)
def test_anything_else_is_refused(bad):
    with pytest.raises(PeriodError, match="invalid period"):
        parse_period(bad)
    with pytest.raises(UsageError, match="invalid period"):
        validate_period(bad)


def test_validate_period_returns_the_period_as_stored():
    assert validate_period(" 2025/26-Q1 ") == "2025/26-Q1"
    assert validate_period("2025-Q3") == "2025-Q3"


def test_both_kinds_sort_by_the_months_they_cover():
    held = ["2025/26-Q2", "2025-Q1", "2024/25-Q4"]
    # 2024/25-Q4 is Jan-Mar 2025, the same months as 2025-Q1; key ties break by kind
    assert sorted(held, key=period_key) == ["2025-Q1", "2024/25-Q4", "2025/26-Q2"]
    assert previous_of("2025/26-Q3", held) == "2025/26-Q2"
    assert previous_of("2025-Q3", held) == "2024/25-Q4"


def test_a_financial_period_makes_a_file_name_without_a_slash():
    assert period_slug("2025/26-Q1") == "2025-26-Q1"
    assert period_slug("2025-Q1") == "2025-Q1"
