"""compare: match two quarters' actions one-to-one and classify every change.

Public entry point: `compare(old, new, old_ids=..., overrides=..., settings=...)`.
"""

from compare.changes import STATUS_RANK, months_between, status_direction
from compare.ids import new_ids
from compare.overrides import OVERRIDE_COLUMNS, OverrideRule, Overrides, load_overrides
from compare.pipeline import compare
from compare.records import CHANGE_KINDS, Change, Comparison, Match
from compare.settings import MatchSettings
from compare.table import TABLE_COLUMNS, changes_table
from compare.text import added_text, diff_words, render_diff

__all__ = [
    "CHANGE_KINDS",
    "OVERRIDE_COLUMNS",
    "STATUS_RANK",
    "TABLE_COLUMNS",
    "Change",
    "Comparison",
    "Match",
    "MatchSettings",
    "OverrideRule",
    "Overrides",
    "added_text",
    "changes_table",
    "compare",
    "diff_words",
    "load_overrides",
    "months_between",
    "new_ids",
    "render_diff",
    "status_direction",
]
