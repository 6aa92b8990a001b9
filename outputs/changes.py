"""changes.csv: the comparison's typed changes as one flat table (one row per change)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

import compare
from outputs.tables import write_table

#: changes.csv's columns: compare's own table, one home for the names
CHANGE_COLUMNS: tuple[str, ...] = compare.TABLE_COLUMNS


def changes_frame(comparison: Any) -> pd.DataFrame:
    """The changes table: compare's own `changes_table` rows (each detail as its summary)."""
    return _tidy(pd.DataFrame(compare.changes_table(comparison), columns=list(CHANGE_COLUMNS)))


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    for column in CHANGE_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame[list(CHANGE_COLUMNS)]
    return frame.astype({c: "string" for c in CHANGE_COLUMNS}).fillna("")


def write_changes_csv(comparison: Any, path: Path, *, raw_csv: bool = False) -> Path:
    """Write changes.csv (UTF-8 with BOM) for a comparison, or for a ready-made frame.

    Formula-looking cells get a leading apostrophe (`outputs.safe`) unless `raw_csv`.
    """
    frame = comparison if isinstance(comparison, pd.DataFrame) else changes_frame(comparison)
    return write_table(_tidy(frame.copy()), Path(path), raw_csv=raw_csv)
