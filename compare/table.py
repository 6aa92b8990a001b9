"""The changes as a flat table (changes.csv): one row per change, the same typed records."""

from __future__ import annotations

from compare.records import Comparison

TABLE_COLUMNS: tuple[str, ...] = (
    "change",
    "action_id",
    "ref_before",
    "ref_after",
    "before",
    "after",
    "detail",
)


def changes_table(comparison: Comparison) -> list[dict[str, str]]:
    """Rows for changes.csv, in the comparison's change order."""
    return [{c: str(getattr(ch, c)) for c in TABLE_COLUMNS} for ch in comparison.changes]
