"""Shared builders for the compare tests: sample versions as `normalise.Action` records.

`sample_actions(period)` is the one switch point: today it builds each action from the sample's
hand-checked truth row (samples/truth/<period>.csv, the same rows the sample documents are
drawn from); once `ingest.read_plan` exists it can read samples/<period>/plan.docx through
`normalise.normalise(ingest.read_plan(path))` instead, with no change to the tests.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import normalise
from normalise import Action

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TRUTH = SAMPLES / "truth"
PERIODS = ("2024-Q4", "2025-Q1", "2025-Q2")
#: "truth" reads samples/truth/<period>.csv; "documents" reads samples/<period>/plan.docx.
SOURCE = "truth"


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
def sample_actions(period: str) -> tuple[Action, ...]:
    """The actions of one sample version, as the pipeline would hand them to compare."""
    if SOURCE == "documents":
        import ingest

        plan = ingest.read_plan(SAMPLES / period / "plan.docx")  # type: ignore[attr-defined]
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
        assert len(actions) == len(truth_rows(period)) > 80
        assert all(a.ref and a.action for a in actions)
