"""`plantrack run` with financial-year quarters, refused periods and last quarter's file again.

In-process on the real DOCX samples (a second each): issue 16 (quarters as councils count
them; the same file under a new period) and issue 12 item 7 (ASCII digits only).
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

import outputs
from plantrack.cli import main
from tests.test_store import tree_hashes

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
pytestmark = pytest.mark.slow  # runs the CLI on the DOCX samples: ~15 s in all
Q4 = SAMPLES / "2024-Q4" / "plan.docx"
Q1 = SAMPLES / "2025-Q1" / "plan.docx"


def run_cli(*argv: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def fy_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2024-Q4's plan as 2024/25-Q3 (Oct-Dec 2024), 2025-Q1's as 2024/25-Q4 (Jan-Mar 2025)."""
    store = tmp_path_factory.mktemp("fy") / "store"
    for period, doc in (("2024/25-Q3", Q4), ("2024/25-Q4", Q1)):
        code, _, err = run_cli("run", doc, "--period", period, "--store", store)
        assert code == 0, err
    return store


@pytest.fixture
def store(fy_store: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(fy_store, tmp_path / "store"))


def test_financial_quarters_are_stored_and_shown_as_such(fy_store: Path) -> None:
    manifest = json.loads((fy_store / "manifest.json").read_text(encoding="utf-8"))
    entries = {e["period"]: e for e in manifest["entries"]}
    assert list(entries) == ["2024/25-Q3", "2024/25-Q4"]
    assert entries["2024/25-Q4"]["previous_period"] == "2024/25-Q3"
    # file names cannot hold the slash; the period column keeps the period as given
    snapshot = fy_store / "snapshots" / "2024-25-Q4.parquet"
    _, _, period = outputs.read_snapshot(snapshot)
    assert period == "2024/25-Q4"
    report = (fy_store / "reports" / "2024-25-Q4" / "report.md").read_text(encoding="utf-8")
    assert "Changes since **2024/25-Q3**" in report
    assert "2024/25-Q4 is financial year 2024/25, quarter 4 (January–March 2025)" in report
    code, out, _ = run_cli("history", "--store", fy_store)
    assert code == 0 and "2024/25-Q3" in out and "2024/25-Q4" in out


def test_the_same_quarter_named_both_ways_is_the_same_comparison(
    fy_store: Path, tmp_path: Path
) -> None:
    """2024/25-Q4 and 2025-Q1 are the same months: same changes, same overdue list."""
    calendar = tmp_path / "calendar"
    for period, doc in (("2024-Q4", Q4), ("2025-Q1", Q1)):
        assert run_cli("run", doc, "--period", period, "--store", calendar)[0] == 0
    fy = (fy_store / "reports" / "2024-25-Q4" / "changes.csv").read_bytes()
    assert fy == (calendar / "reports" / "2025-Q1" / "changes.csv").read_bytes()


@pytest.mark.parametrize("period", ["２０２５-Q1", "2025/２６-Q1", "2025/27-Q1"])
def test_a_period_with_other_digits_or_years_is_refused(tmp_path: Path, period: str) -> None:
    code, out, err = run_cli("run", Q1, "--period", period, "--store", tmp_path / "s")
    assert (code, out) == (2, "")
    assert err.startswith(f"Error: invalid period '{period}': ") and err.count("\n") == 1
    assert not (tmp_path / "s").exists()


def test_last_quarters_file_under_a_new_period_is_refused(store: Path) -> None:
    before = tree_hashes(store)
    code, out, err = run_cli("run", Q1, "--period", "2025/26-Q1", "--store", store)
    assert (code, out) == (6, "")
    assert err == (
        f"Error: {Q1} is the same file as 2024/25-Q4 in the store (same SHA-256), not a new "
        "plan for 2025/26-Q1; use --force to store it as 2025/26-Q1 anyway\n"
    )
    assert tree_hashes(store) == before


def test_force_stores_it_and_reports_no_change(store: Path) -> None:
    code, out, err = run_cli("run", Q1, "--period", "2025/26-Q1", "--store", store, "--force")
    assert (code, err) == (0, "")
    assert "(0 since 2024/25-Q4)" in out


def test_a_period_covering_held_months_under_another_name_is_refused(store: Path) -> None:
    before = tree_hashes(store)
    code, _, err = run_cli("run", Q4, "--period", "2025-Q1", "--store", store, "--force")
    assert code == 6
    assert err == (
        "Error: period 2025-Q1 covers the same months as 2024/25-Q4 (January–March 2025), "
        f"already in the store {store}; use 2024/25-Q4 for this quarter\n"
    )
    assert tree_hashes(store) == before


def test_help_explains_both_kinds_of_quarter() -> None:
    code, out, _ = run_cli("run", "--help")
    assert code == 0
    text = " ".join(out.split())
    assert "financial year YYYY/YY-Qn (2025/26-Q1 = April-June 2025" in text
    assert "ASCII digits" in text
