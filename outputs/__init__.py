"""outputs: snapshots (CSV, Parquet, Excel), changes, the "what changed" report and the deck.

Names are imported on first use (PEP 562), so a command that only writes a CSV never
pays for pandas, pyarrow or jinja2 at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: public name -> the submodule that defines it
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(("write_atomic", "write_bytes_atomic", "write_text_atomic"), "atomic"),
    **dict.fromkeys(("CHANGE_COLUMNS", "changes_frame", "write_changes_csv"), "changes"),
    "rag_chart_svg": "chart",
    **dict.fromkeys(("build_deck", "write_deck"), "deck"),
    **dict.fromkeys(("write_changes_workbook", "write_snapshot_workbook"), "workbook"),
    **dict.fromkeys(
        (
            "Period",
            "PeriodError",
            "parse_period",
            "period_end",
            "period_key",
            "period_slug",
            "previous_of",
        ),
        "periods",
    ),
    **dict.fromkeys(("RAG_DEFINITIONS", "RAG_FILL", "RAG_ORDER"), "rag"),
    **dict.fromkeys(("render_html", "render_markdown", "write_report"), "render"),
    **dict.fromkeys(
        ("HistorySnapshot", "Report", "build_report", "printed_name", "theme_name"), "report"
    ),
    **dict.fromkeys(
        (
            "SNAPSHOT_COLUMNS",
            "SnapshotFormatError",
            "actions_from_frame",
            "extra_headers",
            "read_snapshot",
            "read_table",
            "snapshot_frame",
            "snapshot_header",
            "snapshot_rows",
            "write_snapshot",
        ),
        "snapshot",
    ),
    **dict.fromkeys(("TABLE_SUFFIXES", "UnsupportedTableFormat", "write_table"), "tables"),
}

__all__ = [
    "CHANGE_COLUMNS",
    "RAG_DEFINITIONS",
    "RAG_FILL",
    "RAG_ORDER",
    "SNAPSHOT_COLUMNS",
    "TABLE_SUFFIXES",
    "HistorySnapshot",
    "Period",
    "PeriodError",
    "Report",
    "SnapshotFormatError",
    "UnsupportedTableFormat",
    "actions_from_frame",
    "build_deck",
    "build_report",
    "changes_frame",
    "extra_headers",
    "parse_period",
    "period_end",
    "period_key",
    "period_slug",
    "previous_of",
    "printed_name",
    "rag_chart_svg",
    "read_snapshot",
    "read_table",
    "render_html",
    "render_markdown",
    "snapshot_frame",
    "snapshot_header",
    "snapshot_rows",
    "theme_name",
    "write_atomic",
    "write_bytes_atomic",
    "write_changes_csv",
    "write_changes_workbook",
    "write_deck",
    "write_report",
    "write_snapshot",
    "write_snapshot_workbook",
    "write_table",
    "write_text_atomic",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'outputs' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"outputs.{module}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # for type checkers and IDEs; at run time names arrive via __getattr__
    from outputs.atomic import write_atomic, write_bytes_atomic, write_text_atomic
    from outputs.changes import CHANGE_COLUMNS, changes_frame, write_changes_csv
    from outputs.chart import rag_chart_svg
    from outputs.deck import build_deck, write_deck
    from outputs.periods import (
        Period,
        PeriodError,
        parse_period,
        period_end,
        period_key,
        period_slug,
        previous_of,
    )
    from outputs.rag import RAG_DEFINITIONS, RAG_FILL, RAG_ORDER
    from outputs.render import render_html, render_markdown, write_report
    from outputs.report import HistorySnapshot, Report, build_report, theme_name
    from outputs.snapshot import (
        SNAPSHOT_COLUMNS,
        SnapshotFormatError,
        actions_from_frame,
        extra_headers,
        read_snapshot,
        read_table,
        snapshot_frame,
        snapshot_header,
        snapshot_rows,
        write_snapshot,
    )
    from outputs.tables import TABLE_SUFFIXES, UnsupportedTableFormat, write_table
    from outputs.workbook import write_changes_workbook, write_snapshot_workbook
