"""Shared builders for the compare tests: sample versions as `normalise.Action` records.

`sample_actions(period, producer)` is the one switch point: with SOURCE = "documents" it reads
the committed sample file samples/<period>/<producer> through
`normalise.normalise(ingest.read_plan(path))`, exactly as the pipeline does; with
SOURCE = "truth" it builds each action from the sample's truth row (samples/truth/<period>.csv,
the rows the documents are drawn from), which isolates compare from reading problems.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import ingest
import normalise
from normalise import Action

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TRUTH = SAMPLES / "truth"
PERIODS = ("2024-Q4", "2025-Q1", "2025-Q2")
#: "documents" reads samples/<period>/<producer>; "truth" builds from samples/truth/<period>.csv.
SOURCE = "documents"
DEFAULT_PRODUCER = "plan.docx"


def truth_rows(period: str) -> list[dict[str, str]]:
    with (TRUTH / f"{period}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def action_from_row(row: dict[str, str], source_file: str = "") -> Action:
    """A normalise.Action holding one truth row's (already clean) cell values."""
    return Action(
        theme=row["theme"],
        theme_title=row.get("theme_title", ""),
        objective=row["objective"],
        objective_title=row.get("objective_title", ""),
        printed_no=row.get("printed_no", ""),
        ref=row["ref"],
        action=row["action"],
        team=row["team"],
        start=row["start"],
        end=row["end"],
        start_date=row.get("start_date", ""),
        end_date=row.get("end_date", ""),
        end_kind=row.get("end_kind", ""),
        recurrence=row.get("recurrence", ""),
        success_measure=row["success_measure"],
        status=row["status"],
        status_label=normalise.STATUS_LABELS.get(row["status"], ""),
        progress_update=row["progress_update"],
        source_file=source_file,
        pages=(),
    )


@cache
def sample_actions(period: str, producer: str = DEFAULT_PRODUCER) -> tuple[Action, ...]:
    """The actions of one sample version, as the pipeline hands them to compare."""
    if SOURCE == "documents":
        plan = ingest.read_plan(SAMPLES / period / producer)
        return tuple(normalise.normalise(plan).actions)
    return tuple(action_from_row(r, f"{period}.csv") for r in truth_rows(period))


def sample_uids(period: str) -> tuple[str, ...]:
    """The test-only stable identity of each action of a version, in document order."""
    return tuple(r["uid"] for r in truth_rows(period))


def truth_changes(old: str, new: str) -> list[dict[str, str]]:
    with (TRUTH / f"changes_{old}_{new}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_sample_versions_load_as_actions():
    for period in PERIODS:
        actions = sample_actions(period)
        rows = truth_rows(period)
        assert len(actions) == len(rows) > 80
        assert [a.ref for a in actions] == [r["ref"] for r in rows]
        truth_built = [action_from_row(r) for r in rows]
        assert [a.action for a in actions] == [a.action for a in truth_built]
