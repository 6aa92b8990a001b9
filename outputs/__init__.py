"""outputs: snapshots (CSV, Parquet, Excel), changes.csv and the "what changed" report."""

from outputs.atomic import write_atomic, write_bytes_atomic, write_text_atomic
from outputs.changes import CHANGE_COLUMNS, changes_frame, write_changes_csv
from outputs.chart import rag_chart_svg
from outputs.periods import PeriodError, parse_period, period_end, period_key, previous_of
from outputs.rag import RAG_DEFINITIONS, RAG_FILL, RAG_ORDER
from outputs.render import render_html, render_markdown, write_report
from outputs.report import HistorySnapshot, Report, build_report, theme_name
from outputs.snapshot import (
    SNAPSHOT_COLUMNS,
    SnapshotFormatError,
    actions_from_frame,
    read_snapshot,
    read_table,
    snapshot_frame,
)
from outputs.tables import TABLE_SUFFIXES, UnsupportedTableFormat, write_table

__all__ = [
    "CHANGE_COLUMNS",
    "RAG_DEFINITIONS",
    "RAG_FILL",
    "RAG_ORDER",
    "SNAPSHOT_COLUMNS",
    "TABLE_SUFFIXES",
    "HistorySnapshot",
    "PeriodError",
    "Report",
    "SnapshotFormatError",
    "UnsupportedTableFormat",
    "actions_from_frame",
    "build_report",
    "changes_frame",
    "parse_period",
    "period_end",
    "period_key",
    "previous_of",
    "rag_chart_svg",
    "read_snapshot",
    "read_table",
    "render_html",
    "render_markdown",
    "snapshot_frame",
    "theme_name",
    "write_atomic",
    "write_bytes_atomic",
    "write_changes_csv",
    "write_report",
    "write_table",
    "write_text_atomic",
]
