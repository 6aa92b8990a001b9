"""A typed spreadsheet value -> the text the spreadsheet prints, from its number format.

Excel stores "Jan-25" as the date 2025-01-01 with the format `mmm-yy`, and "3.10" as the
number 3.1 with the format `0.00`; the plan means what is printed, so the reader gives
back the printed text. This covers the formats plans use (dates, fixed decimals,
thousands separators, percentages, text, General); anything else prints as General.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from ingest.month_names import MONTH_NAMES

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DATE_TOKEN = re.compile(r'"[^"]*"|\\.|yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|.', re.I)
_BRACKETS = re.compile(r"\[[^\]]*\]")


def _section(fmt: str, value: float | None = None) -> str:
    """The format section that applies (positive; negative when given one) (pure)."""
    parts = re.split(r';(?=(?:[^"]*"[^"]*")*[^"]*$)', fmt)
    if value is not None and value < 0 and len(parts) > 1:
        return parts[1]
    return parts[0]


def format_date(value: dt.date | dt.datetime | dt.time, fmt: str) -> str:
    """A date printed with an Excel date format such as `mmm-yy` or `dd/mm/yyyy` (pure)."""
    fmt = _BRACKETS.sub("", _section(fmt))
    if isinstance(value, dt.time):
        value = dt.datetime.combine(dt.date(1899, 12, 31), value)
    out: list[str] = []
    tokens = _DATE_TOKEN.findall(fmt)
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if tok.startswith('"'):
            out.append(tok[1:-1])
        elif tok.startswith("\\"):
            out.append(tok[1:])
        elif low == "yyyy":
            out.append(f"{value.year:04d}")
        elif low == "yy":
            out.append(f"{value.year % 100:02d}")
        elif low in ("mmmmm", "mmmm", "mmm", "mm", "m"):
            after_hour = any(t.lower() in ("h", "hh") for t in tokens[:i][-2:])
            before_sec = any(t.lower() in ("s", "ss") for t in tokens[i + 1 : i + 3])
            if low in ("mm", "m") and (after_hour or before_sec):
                out.append(f"{getattr(value, 'minute', 0):0{len(low)}d}")
            else:
                name = MONTH_NAMES[value.month - 1]
                out.append(
                    {"mmmmm": name[0], "mmmm": name, "mmm": name[:3]}.get(
                        low, f"{value.month:0{len(low)}d}"
                    )
                )
        elif low in ("dddd", "ddd"):
            name = _DAYS[value.weekday()]
            out.append(name if low == "dddd" else name[:3])
        elif low in ("dd", "d"):
            out.append(f"{value.day:0{len(low)}d}")
        elif low in ("hh", "h"):
            out.append(f"{getattr(value, 'hour', 0):0{len(low)}d}")
        elif low in ("ss", "s"):
            out.append(f"{getattr(value, 'second', 0):0{len(low)}d}")
        else:
            out.append(tok)
    return "".join(out)


def general(value: float) -> str:
    """Excel's General format: integers without a point, others to 15 significant digits."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.15g}"


def format_number(value: float, fmt: str) -> str:
    """A number printed with an Excel number format such as `0.00` or `#,##0` (pure)."""
    fmt = fmt or "General"
    if fmt.lower() in ("general", "@"):
        return general(value)
    section = _BRACKETS.sub("", _section(fmt, value))
    body = re.sub(r'"[^"]*"|\\.|[_*].', "", section)
    if not re.search(r"[0#?]", body):
        return general(value)
    percent = "%" in body
    v = abs(value) * 100 if percent else abs(value)
    # a negative section prints its own sign; the positive one used for a negative does not
    sign = "-" if value < 0 and section == _BRACKETS.sub("", _section(fmt)) else ""
    point = re.search(r"\.([0#?]*)", body)
    decimals = len(point.group(1)) if point else 0
    grouped = "," in body.split(".")[0]
    # Excel rounds half away from zero (3.25 -> 3.3), on the decimal digits it stores
    rounded = Decimal(repr(v)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    number = f"{rounded:,.{decimals}f}" if grouped else f"{rounded:.{decimals}f}"
    # literal text around the digits (e.g. "£"#,##0 or 0" days") stays where it is
    m = re.search(r"[#0?][#0?,.]*", section)
    assert m is not None  # body, a part of section, has a digit placeholder
    prefix, suffix = section[: m.start()], section[m.end() :]
    return f"{sign}{_literal(prefix)}{number}{_literal(suffix)}"


def _literal(text: str) -> str:
    """The literal part of a format: quoted text and escaped characters, padding dropped."""
    return re.sub(r'"([^"]*)"|\\(.)|[_*].', lambda m: m.group(1) or m.group(2) or "", text)


def is_date_format(fmt: str) -> bool:
    body = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", _section(fmt or ""))
    return bool(re.search(r"[dmy]", body, re.I))


def printed(value: object, fmt: str = "General") -> str:
    """The text a spreadsheet shows for a cell value and number format (pure)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return format_date(value, fmt if is_date_format(fmt) else "dd/mm/yyyy")
    if isinstance(value, int | float):
        return format_number(float(value), fmt)
    return str(value)


__all__ = ["format_date", "format_number", "general", "is_date_format", "printed"]
