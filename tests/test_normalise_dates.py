"""Start/End cells read as a person reads them: the seed's every value, and other officer forms."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalise import NormaliseSettings, parse_dates, parse_end, parse_period, parse_start

SEED_DATES = Path(__file__).resolve().parent.parent / "samples" / "source" / "q0_dates.csv"
SEED_ROWS = list(csv.DictReader(SEED_DATES.open(encoding="utf-8")))


def codes(parsed) -> list[str]:
    return [w.code for w in parsed.warnings]


@pytest.mark.parametrize("row", SEED_ROWS, ids=[r["ref"] for r in SEED_ROWS])
def test_every_seed_row_reads_as_the_hand_checked_truth(row):
    got = parse_dates(row["start"], row["end"])
    assert (got.start_date, got.end_date, got.end_kind, got.recurrence) == (
        row["start_date"],
        row["end_date"],
        row["end_kind"],
        row["recurrence"],
    )
    end_before_start = "end-before-start" in codes(got)
    assert end_before_start == ("end before start" in row["notes"])


START_VALUES = sorted({(r["start"], r["start_date"]) for r in SEED_ROWS})
END_VALUES = sorted({(r["end"], r["end_date"], r["end_kind"], r["recurrence"]) for r in SEED_ROWS})


@pytest.mark.parametrize(("text", "start_date"), START_VALUES)
def test_every_seed_start_value(text, start_date):
    parsed = parse_start(text)
    assert parsed.first == start_date
    assert "date-unparsed" not in codes(parsed)


@pytest.mark.parametrize(("text", "end_date", "kind", "recurrence"), END_VALUES)
def test_every_seed_end_value(text, end_date, kind, recurrence):
    parsed = parse_end(text)
    assert (parsed.last if parsed.kind == "date" else "", parsed.kind, parsed.recurrence) == (
        end_date,
        kind,
        recurrence,
    )
    assert "date-unparsed" not in codes(parsed)


#: (cell, first day, last day, kind, recurrence) for forms officers use beyond the seed.
EXTRA_FORMS = [
    ("Q3 2025", "2025-07-01", "2025-09-30", "date", ""),
    ("Q3 2025/26", "2025-10-01", "2025-12-31", "date", ""),
    ("Q1 2025/26", "2025-04-01", "2025-06-30", "date", ""),
    ("Q4 2025/26", "2026-01-01", "2026-03-31", "date", ""),
    ("2025/26", "2025-04-01", "2026-03-31", "date", ""),
    ("FY 2025/26", "2025-04-01", "2026-03-31", "date", ""),
    ("2025-2026", "2025-04-01", "2026-03-31", "date", ""),
    ("Sept 2025", "2025-09-01", "2025-09-30", "date", ""),
    ("September 2025", "2025-09-01", "2025-09-30", "date", ""),
    ("Septem ber 2025", "2025-09-01", "2025-09-30", "date", ""),
    ("30/09/2025", "2025-09-30", "2025-09-30", "date", ""),
    ("1st May 2025", "2025-05-01", "2025-05-01", "date", ""),
    ("Spring 2025", "2025-03-01", "2025-05-31", "date", ""),
    ("Summer 2025", "2025-06-01", "2025-08-31", "date", ""),
    ("Autumn 2025", "2025-09-01", "2025-11-30", "date", ""),
    ("Winter 2025", "2025-12-01", "2026-02-28", "date", ""),
    ("H2 2025", "2025-07-01", "2025-12-31", "date", ""),
    ("09/2025", "2025-09-01", "2025-09-30", "date", ""),
    ("Dec- 24", "2024-12-01", "2024-12-31", "date", ""),
    ("Dec-2024", "2024-12-01", "2024-12-31", "date", ""),
    ("Feb-24", "2024-02-01", "2024-02-29", "date", ""),
    ("by end of March 2025", "2025-03-01", "2025-03-31", "date", ""),
    ("Jan-25 to Mar-25", "2025-01-01", "2025-03-31", "date", ""),
    ("2024 - 2027", "2024-01-01", "2027-12-31", "date", ""),
    ("Ongoin g", "", "", "ongoing", ""),
    ("On-going", "", "", "ongoing", ""),
    ("Review quarterl y", "", "", "recurring", "quarterly"),
    ("Annual ly", "", "", "recurring", "annual"),
    ("Annualy", "", "", "recurring", "annual"),
    ("Anually", "", "", "recurring", "annual"),
    ("Monthly", "", "", "recurring", "monthly"),
    ("Review every 2 years", "", "", "recurring", "every-2-years"),
    ("Every two years", "", "", "recurring", "every-2-years"),
    ("Every 1 year", "", "", "recurring", "annual"),
    ("Review every May", "", "", "recurring", "annual-in-may"),
    ("Annually in September", "", "", "recurring", "annual-in-september"),
    ("May each year", "", "", "recurring", "annual-in-may"),
    ("Mar-25 (revised)", "2025-03-01", "2025-03-31", "date", ""),
    ("TBC", "", "", "unknown", ""),
    ("tbc", "", "", "unknown", ""),
    ("", "", "", "", ""),
]


@pytest.mark.parametrize(("text", "first", "last", "kind", "recurrence"), EXTRA_FORMS)
def test_officer_forms(text, first, last, kind, recurrence):
    parsed = parse_end(text)
    assert (parsed.first, parsed.last, parsed.kind, parsed.recurrence) == (
        first,
        last,
        kind,
        recurrence,
    )
    assert "date-unparsed" not in codes(parsed)


def test_text_is_kept_as_printed_with_whitespace_collapsed():
    assert parse_end("  Dec-\n 24 ").text == "Dec- 24"


@pytest.mark.parametrize("text", ["TBC", "tbc", "TBD", "N/A"])
def test_tbc_is_unknown_with_an_info_flag(text):
    parsed = parse_end(text)
    assert (parsed.kind, parsed.last) == ("unknown", "")
    assert codes(parsed) == ["date-tbc"]


@pytest.mark.parametrize("text", ["Annual ly", "Annualy", "Ongoin g", "Review quarterl y"])
def test_repaired_words_are_flagged(text):
    assert codes(parse_end(text)) == ["date-text-repaired"]


@pytest.mark.parametrize("text", ["Review annually", "Ongoing", "Every 3 years", "Quarterly"])
def test_well_written_phrases_are_not_flagged(text):
    assert codes(parse_end(text)) == []


@pytest.mark.parametrize("text", ["soon", "May", "after the review", "2024/27", "Q5 2025"])
def test_unreadable_cells_are_unknown_and_flagged_keeping_the_text(text):
    parsed = parse_end(text)
    assert (parsed.kind, parsed.first, parsed.last, parsed.text) == ("unknown", "", "", text)
    assert codes(parsed) == ["date-unparsed"]
    assert parsed.warnings[0].field == "end"


@pytest.mark.parametrize(("text", "kind"), [("Ongoing", "ongoing"), ("Annually", "recurring")])
def test_a_start_cell_that_is_not_a_date_gives_no_start_date(text, kind):
    parsed = parse_start(text)
    assert (parsed.kind, parsed.first) == (kind, "")
    assert "start-not-a-date" in codes(parsed)
    assert parse_dates(text, "Dec-25").start_date == ""


def test_start_takes_the_first_day_and_end_the_last_day_of_a_period():
    dates = parse_dates("Q3 2025", "Q3 2025")
    assert (dates.start_date, dates.end_date) == ("2025-07-01", "2025-09-30")


def test_end_before_start_is_flagged_on_the_end_field():
    dates = parse_dates("Jan-25", "Dec-24")
    assert [(w.code, w.field) for w in dates.warnings] == [("end-before-start", "end")]


def test_mixed_granularity_is_not_end_before_start():
    assert parse_dates("2024", "Apr-24").warnings == ()


def test_month_first_setting():
    day_first = parse_end("05/06/2025")
    month_first = parse_end("05/06/2025", NormaliseSettings(dayfirst=False))
    assert (day_first.last, month_first.last) == ("2025-06-05", "2025-05-06")


def test_two_digit_century_and_financial_year_settings():
    custom = NormaliseSettings(two_digit_century=2100, financial_year_start_month=7)
    assert parse_end("Jan-25", custom).last == "2125-01-31"
    fy = parse_period("2025/26", "start", custom)
    assert (fy.first, fy.last) == ("2025-07-01", "2026-06-30")


def test_settings_are_validated_and_resolved():
    for bad in (
        {"dayfirst": "yes"},
        {"two_digit_century": 2050},
        {"financial_year_start_month": 13},
        {"no_such": 1},
    ):
        with pytest.raises(ValueError):
            NormaliseSettings.resolve(bad)
    assert NormaliseSettings.resolve({"dayfirst": False}) == NormaliseSettings(dayfirst=False)
    assert NormaliseSettings.resolve(None) == NormaliseSettings()


# ---- properties -------------------------------------------------------------------------

DATEISH = st.one_of(
    st.text(max_size=30),
    st.builds(
        lambda parts: " ".join(parts),
        st.lists(
            st.sampled_from(
                [
                    "Jan",
                    "Sept",
                    "September",
                    "Dec-",
                    "24",
                    "2025",
                    "2025/26",
                    "Q3",
                    "Q5",
                    "Spring",
                    "Winter",
                    "Review",
                    "every",
                    "May",
                    "2",
                    "years",
                    "annual",
                    "ly",
                    "Ongoin",
                    "g",
                    "30/09/2025",
                    "31/02/2025",
                    "to",
                    "-",
                    "TBC",
                    "1st",
                    "FY",
                    "H1",
                    "0",
                    "99",
                    "/",
                    "2199",
                    "1899",
                    "13/2025",
                    "00",
                    "annually",
                    "in",
                ]
            ),
            max_size=5,
        ),
    ),
)


def _is_iso(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    date.fromisoformat(value)
    return True


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(DATEISH, DATEISH)
def test_parse_dates_never_raises_and_orders_or_warns(start, end):
    dates = parse_dates(start, end)
    for value in (dates.start_date, dates.end_date):
        assert value == "" or _is_iso(value)
    if dates.start_date and dates.end_date:
        warned = any(w.code == "end-before-start" for w in dates.warnings)
        assert dates.end_date >= dates.start_date or warned
    assert dates.end_kind in ("", "date", "ongoing", "recurring", "unknown")
    assert (dates.end_date == "") == (dates.end_kind != "date")


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(DATEISH)
def test_a_period_is_well_formed_or_flagged(text):
    parsed = parse_end(text)
    if parsed.kind == "date":
        assert _is_iso(parsed.first) and _is_iso(parsed.last)
        assert parsed.first <= parsed.last
    elif parsed.kind == "unknown":
        assert {w.code for w in parsed.warnings} & {"date-unparsed", "date-tbc"}
    recurrence = parsed.recurrence
    assert recurrence == "" or re.fullmatch(
        r"annual|quarterly|monthly|every-\d+-years|annual-in-[a-z]+", recurrence
    )
