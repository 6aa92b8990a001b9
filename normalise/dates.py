"""Read Start and End cells as a person would: periods, 'ongoing', recurrences, 'TBC'.

Why not a date library alone: dateutil reads "Jan-25" as 25 January of the current year and
cannot say whether "2024" meant a day or a year; dateparser (measured, not adopted) reads
"Jan-25" as 25 January 2026, "2024" as 1 November 2024, "Q3 2025" as 1 August and
"2025/26" as 26 November 2025. Neither knows quarters, financial years, seasons or
recurrences. So the planning forms are read here, on the cell squashed to lowercase with
spaces removed (which also mends words broken mid-word by a narrow column: "Ongoin g",
"Dec- 24"), and dateutil reads only what is left: exact days ("30/09/2025", "1st May 2025"),
with its defaults varied to learn which parts the text really gave.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as dateutil_parser
from rapidfuzz.distance import OSA

from ingest import MONTH_NAMES
from normalise.codes import warning
from normalise.records import ActionWarning
from normalise.settings import NormaliseSettings

_MONTH_NAMES = {name.lower(): i for i, name in enumerate(MONTH_NAMES, 1)}
_MONTH_ABBREVS = {name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, 1)} | {"sept": 9}
#: Seasons as (first month, number of months); winter runs December into the next year.
_SEASONS = {"spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "fall": (9, 3), "winter": (12, 3)}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}

_TBC = frozenset(
    [
        "tbc",
        "tbd",
        "tba",
        "tobeconfirmed",
        "tobedetermined",
        "tobedecided",
        "tobeagreed",
        "unknown",
        "notknown",
        "n/a",
        "na",
        "-",
        "--",
        "?",
    ]
)
_ONGOING = frozenset(
    [
        "ongoing",
        "on-going",
        "continuous",
        "continuing",
        "continual",
        "bau",
        "businessasusual",
        "rolling",
    ]
)
#: Words a recurrence phrase may start with ("Review annually", "Reviewed every 2 years").
_LEADING_VERBS = re.compile(
    r"^(?:to)?(?:review|reviewed|refresh|refreshed|report|reported|"
    r"update|updated|renew|renewed|repeat|repeated|run)s?"
)
_FIXED_RECURRENCES = {
    **dict.fromkeys(
        [
            "annually",
            "annual",
            "yearly",
            "everyyear",
            "eachyear",
            "onceayear",
            "peryear",
            "everytwelvemonths",
            "every12months",
            "annualreview",
        ],
        "annual",
    ),
    **dict.fromkeys(
        [
            "quarterly",
            "everyquarter",
            "eachquarter",
            "perquarter",
            "every3months",
            "everythreemonths",
        ],
        "quarterly",
    ),
    **dict.fromkeys(["monthly", "everymonth", "eachmonth", "permonth"], "monthly"),
    **dict.fromkeys(["biennially", "biennial", "everyotheryear"], "every-2-years"),
    **dict.fromkeys(["triennially", "triennial"], "every-3-years"),
}
#: Words a misspelling is matched against (one edit away, at least 6 letters).
_FUZZY_TARGETS = ("annually", "quarterly", "monthly", "ongoing", "yearly", "continuous")

_TWO_OR_FOUR = r"(\d{4}|\d{2})"
_SEP = r"[-/.,']*"
_RE_YEAR = re.compile(r"^(\d{4})$")
_RE_WORD_YEAR = re.compile(rf"^([a-z]+){_SEP}{_TWO_OR_FOUR}$")
_RE_QUARTER = re.compile(rf"^(?:q|quarter)([1-4]){_SEP}{_TWO_OR_FOUR}$")
_RE_FY_QUARTER = re.compile(rf"^(?:q|quarter)([1-4]){_SEP}(?:fy)?{_TWO_OR_FOUR}[/-]{_TWO_OR_FOUR}$")
_RE_FY_QUARTER_AFTER = re.compile(
    rf"^(?:fy)?{_TWO_OR_FOUR}[/-]{_TWO_OR_FOUR}{_SEP}(?:q|quarter)([1-4])$"
)
_RE_HALF = re.compile(rf"^h([12]){_SEP}{_TWO_OR_FOUR}$")
_RE_FY = re.compile(rf"^(fy)?{_TWO_OR_FOUR}[/-]{_TWO_OR_FOUR}$")
_RE_NUMERIC_MONTH = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_RE_EVERY_N_YEARS = re.compile(r"^(?:every|each|once(?:every)?)(\d+|[a-z]+)years?$")
_RE_MONTH_EACH_YEAR = re.compile(r"^([a-z]+?)(?:annually|eachyear|everyyear|yearly)$")
_RE_EACH_MONTH = re.compile(
    r"^(?:every|each|annuallyin|annuallyeach|annually|yearlyin|yearly"
    r"|annualin|ineach|inevery)([a-z]+)$"
)
_RANGE_SPLIT = re.compile(r"\s+(?:to|until|till|-|–|—)\s+")
#: Words that bound a period without changing its first/last day ("by end of March 2025").
_FILLERS = (
    "bytheendof",
    "bytheend",
    "byendof",
    "theendof",
    "endof",
    "by",
    "from",
    "startof",
    "thestartof",
    "beginningof",
    "inorbefore",
    "in",
    "due",
)
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})
_STRIP = str.maketrans("", "", '()[]{},;:*"“”')


@dataclass(frozen=True)
class ParsedDate:
    """One Start or End cell read: its kind, the period's first and last days, and flags."""

    text: str  # the cell's text as given (whitespace collapsed)
    kind: str  # "date", "ongoing", "recurring", "unknown", "" for an empty cell
    first: str = ""  # ISO first day of the period ("" unless kind == "date")
    last: str = ""  # ISO last day of the period
    recurrence: str = ""  # the fixed vocabulary, when kind == "recurring"
    granularity: str = ""  # "day", "month", "quarter", "season", "half", "year", "financial-year"
    warnings: tuple[ActionWarning, ...] = ()


@dataclass(frozen=True)
class DateFields:
    """The date columns of an action, read from its Start and End cells together."""

    start_date: str
    end_date: str
    end_kind: str
    recurrence: str
    warnings: tuple[ActionWarning, ...] = ()


def _squash(text: str) -> str:
    """Lowercase, dashes unified, brackets/commas dropped, and every space removed."""
    squashed = "".join(text.translate(_DASHES).translate(_STRIP).lower().split())
    return squashed.rstrip(".")


def _year(digits: str, settings: NormaliseSettings) -> int:
    return settings.two_digit_century + int(digits) if len(digits) == 2 else int(digits)


def _month_word(word: str) -> tuple[int, bool] | None:
    """A month from its name or abbreviation; the bool says a one-letter slip was forgiven."""
    if word in _MONTH_NAMES:
        return _MONTH_NAMES[word], False
    if word in _MONTH_ABBREVS:
        return _MONTH_ABBREVS[word], False
    if len(word) >= 5:
        for name, number in _MONTH_NAMES.items():
            if OSA.distance(word, name) <= 1:
                return number, True
    return None


def _span(y1: int, m1: int, months: int) -> tuple[date, date] | None:
    """First and last day of `months` months starting at (y1, m1), or None if out of range."""
    if not 1900 <= y1 <= 2199:
        return None
    end_index = y1 * 12 + (m1 - 1) + months - 1
    y2, m2 = divmod(end_index, 12)
    m2 += 1
    return date(y1, m1, 1), date(y2, m2, calendar.monthrange(y2, m2)[1])


def _financial_years(a: str, b: str, settings: NormaliseSettings) -> int | None:
    """The start year of a financial year written "2025/26" or "2025-2026", else None."""
    y1 = _year(a, settings)
    y2 = int(b) if len(b) == 4 else None
    if y2 is not None and y2 == y1 + 1:
        return y1
    if len(b) == 2 and int(b) == (y1 + 1) % 100:
        return y1
    return None


def _period(s: str, settings: NormaliseSettings) -> tuple[tuple[date, date], str, bool] | None:
    """Read a squashed cell as a period: ((first, last), granularity, repaired) or None."""
    fy_start = settings.financial_year_start_month
    if m := _RE_YEAR.match(s):
        span = _span(int(m.group(1)), 1, 12)
        return (span, "year", False) if span else None
    if m := _RE_FY_QUARTER.match(s):
        q, a, b = int(m.group(1)), m.group(2), m.group(3)
    elif m := _RE_FY_QUARTER_AFTER.match(s):
        a, b, q = m.group(1), m.group(2), int(m.group(3))
    else:
        q = 0
    if q:
        y1 = _financial_years(a, b, settings)
        if y1 is None:
            return None
        span = _span(*_add_months(y1, fy_start, 3 * (q - 1)), 3)
        return (span, "quarter", False) if span else None
    if m := _RE_QUARTER.match(s):
        span = _span(_year(m.group(2), settings), 3 * int(m.group(1)) - 2, 3)
        return (span, "quarter", False) if span else None
    if m := _RE_HALF.match(s):
        span = _span(_year(m.group(2), settings), 6 * int(m.group(1)) - 5, 6)
        return (span, "half", False) if span else None
    if (m := _RE_FY.match(s)) and (m.group(1) or len(m.group(2)) == 4):
        y1 = _financial_years(m.group(2), m.group(3), settings)
        if y1 is not None:
            span = _span(y1, fy_start, 12)
            return (span, "financial-year", False) if span else None
    if m := _RE_NUMERIC_MONTH.match(s):
        month = int(m.group(1))
        span = _span(int(m.group(2)), month, 1) if 1 <= month <= 12 else None
        return (span, "month", False) if span else None
    if m := _RE_WORD_YEAR.match(s):
        word, year = m.group(1), _year(m.group(2), settings)
        if word in _SEASONS:
            first_month, months = _SEASONS[word]
            span = _span(year, first_month, months)
            return (span, "season", False) if span else None
        if month_hit := _month_word(word):
            span = _span(year, month_hit[0], 1)
            return (span, "month", month_hit[1]) if span else None
    return None


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from `earlier` to `later` (negative if `later` is earlier)."""
    return (later.year - earlier.year) * 12 + (later.month - earlier.month)


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    y, m = divmod(year * 12 + month - 1 + months, 12)
    return y, m + 1


def _exact_day(text: str, settings: NormaliseSettings) -> tuple[tuple[date, date], str] | None:
    """A day or month dateutil can read ("30/09/2025", "1st May 2025"), else None.

    dateutil fills missing parts from a default, so the text is parsed with two different
    defaults: a part that changes with the default was not in the text. Only a full day or
    a month with its year is accepted.
    """
    if not any(c.isdigit() for c in text):
        return None
    try:
        a = dateutil_parser.parse(text, dayfirst=settings.dayfirst, default=datetime(2001, 1, 1))
        b = dateutil_parser.parse(text, dayfirst=settings.dayfirst, default=datetime(2002, 2, 2))
    except (ValueError, OverflowError, TypeError, ArithmeticError):
        return None
    if a.year != b.year or a.month != b.month:
        return None
    year = a.year
    if not re.search(r"\d{4}", text):
        year = settings.two_digit_century + year % 100
    if not 1900 <= year <= 2199:
        return None
    if a.day != b.day:
        span = _span(year, a.month, 1)
        return (span, "month") if span else None
    try:
        day = date(year, a.month, a.day)
    except ValueError:
        return None
    return (day, day), "day"


def _recurrence(s: str) -> tuple[str, bool] | None:
    """A recurrence from the fixed vocabulary for a squashed cell, and whether it was respelt."""
    body = _LEADING_VERBS.sub("", s) or s
    if body in _FIXED_RECURRENCES:
        return _FIXED_RECURRENCES[body], False
    if m := _RE_EVERY_N_YEARS.match(body):
        count = m.group(1)
        n = int(count) if count.isdigit() else _NUMBER_WORDS.get(count)
        if n:
            return ("annual" if n == 1 else f"every-{n}-years"), False
    for pattern in (_RE_EACH_MONTH, _RE_MONTH_EACH_YEAR):
        if (m := pattern.match(body)) and (hit := _month_word(m.group(1))):
            return f"annual-in-{MONTH_NAMES[hit[0] - 1].lower()}", hit[1]
    return None


def _fuzzy_word(s: str) -> str | None:
    """The vocabulary word one edit away from a squashed cell ("annualy" -> "annually")."""
    body = _LEADING_VERBS.sub("", s) or s
    if len(body) < 6:
        return None
    for target in _FUZZY_TARGETS:
        if OSA.distance(body, target) <= 1:
            return target
    return None


def _strip_fillers(s: str) -> str:
    for filler in _FILLERS:
        if s.startswith(filler) and len(s) > len(filler) and s[len(filler)].isalnum():
            return s[len(filler) :]
    return s


def _read(text: str, settings: NormaliseSettings, field: str) -> ParsedDate:
    """Classify one cell; never raises (anything unreadable is 'unknown' + date-unparsed)."""
    shown = " ".join(text.split())
    if not shown:
        return ParsedDate(text="", kind="")
    s = _squash(shown)
    if s in _TBC or not s.strip("-?"):
        return ParsedDate(
            shown,
            "unknown",
            warnings=(warning("date-tbc", f"{field} is {shown!r}: no date yet", field),),
        )
    broken = _looks_broken(shown)

    def repaired(reading: str) -> tuple[ActionWarning, ...]:
        return (warning("date-text-repaired", f"{field} {shown!r} read as {reading!r}", field),)

    if s in _ONGOING:
        return ParsedDate(shown, "ongoing", warnings=repaired("ongoing") if broken else ())
    if hit := _recurrence(s):
        recurrence, respelt = hit
        flags = repaired(recurrence) if respelt or broken else ()
        return ParsedDate(shown, "recurring", recurrence=recurrence, warnings=flags)
    if word := _fuzzy_word(s):
        if word in ("ongoing", "continuous"):
            return ParsedDate(shown, "ongoing", warnings=repaired(word))
        recurrence = _FIXED_RECURRENCES[word]
        return ParsedDate(shown, "recurring", recurrence=recurrence, warnings=repaired(word))
    for candidate in dict.fromkeys((s, _strip_fillers(s))):
        if period := _period(candidate, settings):
            (first, last), granularity, respelt = period
            flags = repaired(f"{first:%B %Y}") if respelt else ()
            return ParsedDate(
                shown,
                "date",
                first.isoformat(),
                last.isoformat(),
                granularity=granularity,
                warnings=flags,
            )
    if day := _exact_day(shown.translate(_DASHES), settings):
        (first, last), granularity = day
        return ParsedDate(
            shown, "date", first.isoformat(), last.isoformat(), granularity=granularity
        )
    if ranged := _range(shown, settings, field):
        return ranged
    if noted := _without_note(shown, settings, field):
        return noted
    return ParsedDate(
        shown,
        "unknown",
        warnings=(warning("date-unparsed", f"{field} {shown!r} is not a date I can read", field),),
    )


_NOTE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def _without_note(shown: str, settings: NormaliseSettings, field: str) -> ParsedDate | None:
    """'Mar-25 (revised)': read the cell without its bracketed note, and say so."""
    bare = " ".join(_NOTE.sub(" ", shown).split())
    if not bare or bare == shown:
        return None
    parsed = _read(bare, settings, field)
    if parsed.kind not in ("date", "ongoing", "recurring"):
        return None
    note = warning(
        "date-text-repaired", f"{field} {shown!r} read without its note as {bare!r}", field
    )
    return ParsedDate(
        shown,
        parsed.kind,
        parsed.first,
        parsed.last,
        parsed.recurrence,
        parsed.granularity,
        (*parsed.warnings, note),
    )


def _range(shown: str, settings: NormaliseSettings, field: str) -> ParsedDate | None:
    """'Jan-25 to Mar-25' or '2024 - 2027': first day of the first, last day of the second."""
    parts = _RANGE_SPLIT.split(shown)
    if len(parts) != 2:
        return None
    a, b = (_read(part, settings, field) for part in parts)
    if a.kind == "date" and b.kind == "date" and a.first <= b.last:
        return ParsedDate(
            shown, "date", a.first, b.last, granularity="range", warnings=a.warnings + b.warnings
        )
    return None


_KNOWN_TOKENS = frozenset(
    {
        *_MONTH_NAMES,
        *_MONTH_ABBREVS,
        *_SEASONS,
        *_NUMBER_WORDS,
        *_ONGOING,
        *_FIXED_RECURRENCES,
        "review",
        "reviewed",
        "every",
        "each",
        "years",
        "year",
        "in",
        "once",
        "a",
        "by",
        "end",
        "of",
        "the",
        "from",
        "to",
        "fy",
        "quarter",
        "q",
        "h",
        "months",
        "month",
        "start",
        "due",
        "until",
    }
)


def _looks_broken(shown: str) -> bool:
    """True when a word of the cell is not a word of the vocabulary ("Ongoin g", "quarterl y")."""
    for token in re.split(r"[\s\-/.,()']+", shown.lower()):
        letters = re.sub(r"[^a-z]", "", token)
        if letters and letters not in _KNOWN_TOKENS and not re.fullmatch(r"[qh]\d", token):
            return True
    return False


def parse_period(
    text: str | None, role: str = "end", settings: NormaliseSettings | None = None
) -> ParsedDate:
    """Read a Start ("start") or End ("end") cell. Never raises.

    A Start cell holding 'ongoing' or a recurrence yields no date and a start-not-a-date flag.
    """
    settings = NormaliseSettings.resolve(settings)
    field = "start" if role == "start" else "end"
    try:
        parsed = _read(text if isinstance(text, str) else "", settings, field)
    except Exception as exc:  # the stage must never raise on odd input
        shown = " ".join(str(text).split())
        return ParsedDate(
            shown,
            "unknown",
            warnings=(
                warning("date-unparsed", f"{field} {shown!r} could not be read ({exc})", field),
            ),
        )
    if field == "start" and parsed.kind in ("ongoing", "recurring"):
        note = warning(
            "start-not-a-date", f"start {parsed.text!r} is {parsed.kind}, not a date", "start"
        )
        parsed = ParsedDate(
            parsed.text,
            parsed.kind,
            recurrence=parsed.recurrence,
            warnings=(*parsed.warnings, note),
        )
    return parsed


def parse_start(text: str | None, settings: NormaliseSettings | None = None) -> ParsedDate:
    """Read a Start cell; the action's start_date is the result's `first`."""
    return parse_period(text, "start", settings)


def parse_end(text: str | None, settings: NormaliseSettings | None = None) -> ParsedDate:
    """Read an End cell; the action's end_date is the result's `last`."""
    return parse_period(text, "end", settings)


def parse_dates(
    start: str | None,
    end: str | None,
    settings: NormaliseSettings | None = None,
    *,
    end_is_period: bool = False,
) -> DateFields:
    """The date columns of an action, with an end-before-start check across the two cells.

    `end_is_period`: the End cell is a single Timescale column, so with no Start cell a
    range in it ("Apr 2025 - Mar 2026") gives the start as well as the end.
    """
    settings = NormaliseSettings.resolve(settings)
    s, e = parse_start(start, settings), parse_end(end, settings)
    start_date = s.first if s.kind == "date" else ""
    if end_is_period and not s.text and e.kind == "date" and e.granularity == "range":
        start_date = e.first
    end_date = e.last if e.kind == "date" else ""
    flags = [*s.warnings, *e.warnings]
    if start_date and end_date and end_date < start_date:
        flags.append(
            warning(
                "end-before-start",
                f"end {e.text!r} ({end_date}) is before start {s.text!r} ({start_date})",
                "end",
            )
        )
    return DateFields(start_date, end_date, e.kind, e.recurrence, tuple(flags))
