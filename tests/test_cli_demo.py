"""`plantrack demo` as a user runs it: the installed command, then the report's numbers."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from outputs import theme_name

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
STATUSES = ("Red", "Amber", "Green", "Blue")

pytestmark = pytest.mark.slow


def truth(period: str) -> list[dict[str, str]]:
    with (SAMPLES / "truth" / f"{period}.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def expected_table(period: str) -> dict[str, Counter[str]]:
    """Truth counts by deck theme name (and 'All themes'), by status.

    As the deck counts: a row with nothing but its text (4.1, "… – see objective 12", a
    cross-reference per shared/truth/README.md) is not an action.
    """
    empty = ("status", "team", "start", "end", "success_measure")
    rows = [r for r in truth(period) if any(r[c] for c in empty)]
    table: dict[str, Counter[str]] = {"All themes": Counter()}
    for r in rows:
        name = theme_name(r["theme"], r["theme_title"])
        table.setdefault(name, Counter())[r["status"]] += 1
        table["All themes"][r["status"]] += 1
    return table


def summary_from_markdown(md: str) -> tuple[list[str], dict[str, list[tuple[int, int]]]]:
    """The RAG summary table of report.md: theme columns, and (previous, current) per status."""
    lines = [ln for ln in md.splitlines() if ln.startswith("| ")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    themes = header[2:]
    rows: dict[str, list[tuple[int, int]]] = {}
    for line in lines[1:]:
        cells = [c.strip().strip("*") for c in line.strip("|").split("|")]
        if cells[0].strip("*") in (*STATUSES, "Total"):
            pairs = [tuple(int(n) for n in re.findall(r"\d+", c)) for c in cells[2:]]
            rows[cells[0].strip("*")] = pairs  # type: ignore[assignment]
        if cells[0] == "Total":
            break
    return themes, rows


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    exe = shutil.which("plantrack", path=str(Path(sys.executable).parent))
    assert exe, "the plantrack console script is installed beside the interpreter"
    where = tmp_path_factory.mktemp("demo")
    proc = subprocess.run(
        [exe, "demo", "--dir", str(where)], capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "", "no progress bar or noise when stderr is not a terminal"
    last = Path(proc.stdout.splitlines()[-1])
    assert last.name == "report.html" and last.is_file()
    assert where in last.parents
    return last


def test_demo_prints_the_latest_report_last(demo_report: Path) -> None:
    assert demo_report.parent.name == "2025-Q2"
    store = demo_report.parents[2]
    assert sorted(p.stem for p in (store / "snapshots").glob("*.parquet")) == [
        "2024-Q4", "2025-Q1", "2025-Q2"
    ]  # fmt: skip
    html = demo_report.read_text(encoding="utf-8")
    assert "<svg" in html and "2025-Q1" in html


def test_demo_report_rag_numbers_match_the_truth(demo_report: Path) -> None:
    md = (demo_report.parent / "report.md").read_text(encoding="utf-8")
    themes, rows = summary_from_markdown(md)
    now, before = expected_table("2025-Q2"), expected_table("2025-Q1")
    assert themes == [*[t for t in now if t != "All themes"], "All themes"]
    for status in STATUSES:
        for column, (prev, cur) in zip(themes, rows[status], strict=True):
            assert (prev, cur) == (before[column][status], now[column][status]), (column, status)
    for column, (prev, cur) in zip(themes, rows["Total"], strict=True):
        assert (prev, cur) == (sum(before[column].values()), sum(now[column].values()))


def test_demo_report_status_moves_match_the_true_changes(demo_report: Path) -> None:
    with (SAMPLES / "truth" / "changes_2025-Q1_2025-Q2.csv").open(encoding="utf-8-sig") as fh:
        moves = [r for r in csv.DictReader(fh) if r["change"] == "status_changed"]
    completed = sum(1 for r in moves if r["after"] == "Green")
    started = sum(1 for r in moves if r["before"] in ("Blue", "Red") and r["after"] == "Amber")
    md = (demo_report.parent / "report.md").read_text(encoding="utf-8")
    assert f"### Completed since the last update ({completed})" in md
    assert f"### Started since the last update ({started})" in md


def test_demo_writes_the_forum_pack_for_every_quarter(demo_report: Path) -> None:
    """Deck and workbook for each quarter, their RAG numbers those of the truth."""
    import openpyxl
    from pptx import Presentation

    reports = demo_report.parents[1]
    for period in ("2024-Q4", "2025-Q1", "2025-Q2"):
        deck = Presentation(str(reports / period / "report.pptx"))
        slide = next(
            s for s in deck.slides if s.shapes.title.text == "All themes: RAG rating of the actions"
        )
        (table,) = [s.table for s in slide.shapes if s.has_table]
        counts = {cells[0].text: cells[-1].text for cells in (list(r.cells) for r in table.rows)}
        want = expected_table(period)["All themes"]
        assert all(counts[s] == str(want[s]) for s in STATUSES), period
        book = openpyxl.load_workbook(reports / period / "changes.xlsx", read_only=True)
        assert book.sheetnames[0] == "RAG summary" and book.sheetnames[-1] == "Snapshot"
        assert (reports.parent / "snapshots" / f"{period}.xlsx").is_file()
