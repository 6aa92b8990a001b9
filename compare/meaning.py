"""What a cell means, for deciding whether it changed: one comparison key per kind of value.

Two readings of the same quarter (two producers, a PDF and its DOCX) differ in how they are
rendered, never in what they say. So a change is judged on meaning:

- text by `text_key`: no whitespace at all (a renderer inserts or drops spaces inside a word
  or a URL: "Site Pages" / "SitePages"), no hyphen between letters (a word hyphenated at a line
  end: "develop-ment" / "development"), no bullet glyphs, the first letter of the cell and of
  each bullet item in lower case, typographic quotes and dashes as ASCII;
- dates by their typed reading (`date_reading`): the ISO date, or the kind and recurrence of an
  open end ("Annually" and "Annual ly" both read as an annual recurrence), so a respelling or a
  line break is no change while a slip of a month is;
- statuses by their RAG value (normalise has already read "G", "Complete" as Green).

All pure functions of the values; `changes.pair_changes` is their only caller in the pipeline.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable

import normalise
from normalise import Action

__all__ = ["KEYS", "date_reading", "status_value", "text_key"]

#: Typographic quotes and dashes mapped to ASCII (NFKC leaves them alone).
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
#: Characters with no visible width: a renderer may put them anywhere.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
#: Bullet glyphs; "-" and "*" count as bullets only when they stand alone as a word.
_GLYPHS = "•●▪◦‣∙·■□►▸➢➤✓"
_BULLET = re.compile(rf"[{_GLYPHS}]+|(?:(?<=\s)|^)[-*](?=\s|$)")
#: A dash spaced on one side only, before or after a letter ("launched -feedback"): read as
#: the spaced dash it is in another rendering ("launched - feedback"). Never before a digit,
#: where it is a minus ("-5%").
_ONE_SIDED_DASH = re.compile(r"\s+-(?=[^\W\d_])|(?<=[^\W\d_])-\s+")
#: A hyphen between letters, with or without the line break's space after it.
_LETTER_HYPHEN = re.compile(r"(?<=[^\W\d_])-\s*(?=[^\W\d_])")
_SPACE = re.compile(r"\s+")


def text_key(text: str | None) -> str:
    """The comparison key of a text cell: equal keys mean the same words, however rendered."""
    s = unicodedata.normalize("NFKC", str(text or "")).translate(_TYPOGRAPHY)
    s = _INVISIBLE.sub("", s)
    s = _ONE_SIDED_DASH.sub(" - ", s)
    s = _LETTER_HYPHEN.sub("", s)
    items = (item.strip() for item in _BULLET.split(s))
    return "".join(_SPACE.sub("", item[:1].lower() + item[1:]) for item in items)


def status_value(status: str | None) -> str:
    """A status by its RAG value; a word that is not a RAG status by its text key."""
    s = str(status or "").strip()
    return s if s in normalise.RAG_STATUSES else text_key(s)


def date_reading(action: Action, column: str) -> tuple[str, ...]:
    """The typed reading of the Start or End cell: what the date means, not how it is printed.

    End: (end_kind, end_date, recurrence) for a date, an ongoing or a recurring end. Start:
    its first day, or the kind and recurrence of an "Ongoing"/"Annually" start. A cell that
    could not be read (unknown, TBC, unparsed) falls back to its text key, case ignored
    ("TBC" / "tbc"), so rewording it is still a change.
    """
    if column == "end":
        if action.end_kind in ("date", "ongoing", "recurring"):
            return (action.end_kind, action.end_date, action.recurrence)
        return (action.end_kind, text_key(action.end).casefold())
    if action.start_date:
        return ("date", action.start_date)
    parsed = normalise.parse_start(action.start)
    if parsed.kind in ("ongoing", "recurring"):
        return (parsed.kind, parsed.recurrence)
    return (parsed.kind, text_key(action.start).casefold())


#: change kind -> the key of an action whose difference makes that change, in report order.
KEYS: dict[str, Callable[[Action], Hashable]] = {
    "status_changed": lambda a: status_value(a.status),
    "reworded": lambda a: text_key(a.action),
    "renumbered": lambda a: a.ref.strip(),
    "moved": lambda a: (a.theme.strip(), a.objective.strip()),
    "start_changed": lambda a: date_reading(a, "start"),
    "end_changed": lambda a: date_reading(a, "end"),
    "team_changed": lambda a: text_key(a.team),
    "measure_changed": lambda a: text_key(a.success_measure),
    "progress_updated": lambda a: text_key(a.progress_update),
}
