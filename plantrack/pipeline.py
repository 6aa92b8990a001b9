"""The library API behind the commands, in one import: what the web app and the tests call.

Every function returns a record or raises a `PlantrackError` (with the exit code the CLI
uses); none prints. Each lives in the module of its command (`plantrack/commands/`) or in
the shared layer (`plantrack.reading`, `plantrack.feedback`); this module only gathers them.
"""

from __future__ import annotations

from plantrack.commands.demo import demo, demo_inputs, find_samples
from plantrack.commands.diff import DiffResult, diff
from plantrack.commands.extract import (
    TABLE_SUFFIXES,
    Extracted,
    batch_outputs,
    documents_in,
    extract,
    extract_many,
)
from plantrack.commands.history import history
from plantrack.commands.run import RunResult, run_period, stale_successor, status_counts
from plantrack.feedback import QUIET, Feedback
from plantrack.reading import (
    Side,
    document_sha256,
    load_side,
    read_document,
    refuse_undecodable_name,
)

#: The document's SHA-256, its path checked (the name the web app and tests know it by).
file_sha256 = document_sha256

__all__ = [
    "QUIET",
    "TABLE_SUFFIXES",
    "DiffResult",
    "Extracted",
    "Feedback",
    "RunResult",
    "Side",
    "batch_outputs",
    "demo",
    "demo_inputs",
    "diff",
    "documents_in",
    "extract",
    "extract_many",
    "file_sha256",
    "find_samples",
    "history",
    "load_side",
    "read_document",
    "refuse_undecodable_name",
    "run_period",
    "stale_successor",
    "status_counts",
]
