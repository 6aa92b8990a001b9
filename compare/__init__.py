"""compare: match two quarters' actions one-to-one and classify every change.

Public entry point: `compare(old, new, old_ids=..., overrides=..., settings=...)`.
Names are imported on first use (PEP 562): handing out a first quarter's ids
(`new_ids`) needs neither numpy nor the matcher.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: public name -> the submodule that defines it
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(
        (
            "STATUS_RANK",
            "ChangeDetail",
            "DateDetail",
            "MoveDetail",
            "PlaceDetail",
            "ProgressDetail",
            "RefDetail",
            "Segment",
            "StatusDetail",
            "WordsDetail",
            "months_between",
            "status_direction",
            "status_milestone",
        ),
        "details",
    ),
    **dict.fromkeys(("KEYS", "date_reading", "status_value", "text_key"), "meaning"),
    "new_ids": "ids",
    **dict.fromkeys(
        ("OVERRIDE_COLUMNS", "OverrideRule", "Overrides", "load_overrides"), "overrides"
    ),
    "compare": "pipeline",
    **dict.fromkeys(
        ("CHANGE_KINDS", "NOTE_CODES", "Change", "Comparison", "Match", "Note"), "records"
    ),
    "MatchSettings": "settings",
    **dict.fromkeys(("TABLE_COLUMNS", "changes_table"), "table"),
    **dict.fromkeys(
        ("added_text", "diff_words", "progress_detail", "render_diff", "word_segments"), "text"
    ),
}

__all__ = [
    "CHANGE_KINDS",
    "KEYS",
    "NOTE_CODES",
    "OVERRIDE_COLUMNS",
    "STATUS_RANK",
    "TABLE_COLUMNS",
    "Change",
    "ChangeDetail",
    "Comparison",
    "DateDetail",
    "Match",
    "MatchSettings",
    "MoveDetail",
    "Note",
    "OverrideRule",
    "Overrides",
    "PlaceDetail",
    "ProgressDetail",
    "RefDetail",
    "Segment",
    "StatusDetail",
    "WordsDetail",
    "added_text",
    "changes_table",
    "compare",
    "date_reading",
    "diff_words",
    "load_overrides",
    "months_between",
    "new_ids",
    "progress_detail",
    "render_diff",
    "status_direction",
    "status_milestone",
    "status_value",
    "text_key",
    "word_segments",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'compare' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"compare.{module}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # for type checkers and IDEs; at run time names arrive via __getattr__
    from compare.details import (
        STATUS_RANK,
        ChangeDetail,
        DateDetail,
        MoveDetail,
        PlaceDetail,
        ProgressDetail,
        RefDetail,
        Segment,
        StatusDetail,
        WordsDetail,
        months_between,
        status_direction,
        status_milestone,
    )
    from compare.ids import new_ids
    from compare.meaning import KEYS, date_reading, status_value, text_key
    from compare.overrides import OVERRIDE_COLUMNS, OverrideRule, Overrides, load_overrides
    from compare.pipeline import compare
    from compare.records import CHANGE_KINDS, NOTE_CODES, Change, Comparison, Match, Note
    from compare.settings import MatchSettings
    from compare.table import TABLE_COLUMNS, changes_table
    from compare.text import (
        added_text,
        diff_words,
        progress_detail,
        render_diff,
        word_segments,
    )
