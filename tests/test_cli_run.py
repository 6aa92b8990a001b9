"""`plantrack run`, `history`, `extract` and `diff` on the real sample documents, in-process."""

from __future__ import annotations

import csv
import io
import json
import os
import shlex
import shutil
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

import outputs
from plantrack import __version__, pipeline
from plantrack.cli import main
from plantrack.store import SCHEMA_VERSION
from tests.test_store import STORE_NAMES, tree_hashes

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# DOCX reads in about a second; the PDFs are exercised by the demo test (test_cli_demo).
Q4 = SAMPLES / "2024-Q4" / "plan.docx"
Q1 = SAMPLES / "2025-Q1" / "plan.docx"
Q1_DOCX = SAMPLES / "2025-Q1" / "plan-onetable.docx"
Q2 = SAMPLES / "2025-Q2" / "plan.docx"

pytestmark = pytest.mark.slow


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def truth_counts(period: str) -> Counter[str]:
    with (SAMPLES / "truth" / f"{period}.csv").open(encoding="utf-8-sig", newline="") as fh:
        return Counter(r["status"] or "none" for r in csv.DictReader(fh))


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding 2024-Q4 and 2025-Q1, run through the CLI."""
    store = tmp_path_factory.mktemp("built") / "store"
    for period, doc in (("2024-Q4", Q4), ("2025-Q1", Q1)):
        code, _, err = run_cli("run", doc, "--period", period, "--store", store)
        assert code == 0, err
    return store


@pytest.fixture
def store(built_store: Path, tmp_path: Path) -> Path:
    """A private copy of the built store, for tests that try to change it."""
    return Path(shutil.copytree(built_store, tmp_path / "store", symlinks=True))


def test_run_prints_where_everything_went(tmp_path: Path) -> None:
    store = tmp_path / "store"
    code, out, err = run_cli("run", Q4, "--period", "2024-Q4", "--store", store)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("2024-Q4: 85 actions (")
    assert lines[1:] == [
        f"  snapshot  {store / 'snapshots' / '2024-Q4.parquet'}",
        f"            {store / 'snapshots' / '2024-Q4.csv'}",
        f"            {store / 'snapshots' / '2024-Q4.xlsx'}",
        "  changes   none: first period in the store",
        f"  report    {store / 'reports' / '2024-Q4' / 'report.md'}",
        f"            {store / 'reports' / '2024-Q4' / 'report.html'}",
        f"  deck      {store / 'reports' / '2024-Q4' / 'report.pptx'}",
        f"  workbook  {store / 'reports' / '2024-Q4' / 'changes.xlsx'}",
    ]
    for line in lines[1:]:
        path = line.split()[-1]
        if path.startswith(str(store)):
            assert Path(path).is_file()
    assert (store / "overrides.csv").read_text(encoding="utf-8").count("\n") == 1


def test_manifest_records_source_hash_version_counts(built_store: Path) -> None:
    data = json.loads((built_store / "manifest.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION
    q4, q1 = data["entries"]
    assert (q4["period"], q1["period"]) == ("2024-Q4", "2025-Q1")
    assert q1["previous_period"] == "2024-Q4"
    assert q4["source_file"] == str(Q4.resolve())
    assert q4["sha256"] == pipeline.file_sha256(Q4)
    assert q4["tool_version"] == __version__
    for entry in (q4, q1):
        counts = {k: v for k, v in entry["counts"].items() if v}
        assert counts == dict(truth_counts(entry["period"]))
        assert entry["actions"] == sum(truth_counts(entry["period"]).values())


def test_second_period_has_changes_and_shares_ids(built_store: Path) -> None:
    changes = outputs.read_table(built_store / "reports" / "2025-Q1" / "changes.csv")
    assert list(changes.columns) == list(outputs.CHANGE_COLUMNS)
    assert len(changes) > 0
    assert set(changes["change"]) <= {
        "added", "removed", "status_changed", "reworded", "renumbered", "moved",
        "start_changed", "end_changed", "team_changed", "measure_changed", "progress_updated",
    }  # fmt: skip
    _, ids_q4, _ = outputs.read_snapshot(built_store / "snapshots" / "2024-Q4.parquet")
    _, ids_q1, _ = outputs.read_snapshot(built_store / "snapshots" / "2025-Q1.parquet")
    assert len(set(ids_q1)) == len(ids_q1)
    assert len(set(ids_q4) & set(ids_q1)) >= len(ids_q1) - 5, "matched actions keep their id"
    assert not (built_store / "reports" / "2024-Q4" / "changes.csv").exists()


def test_existing_period_is_refused_and_store_untouched(store: Path) -> None:
    before = tree_hashes(store)
    code, out, err = run_cli("run", Q1, "--period", "2025-Q1", "--store", store)
    assert (code, out) == (6, "")
    assert err == (
        f"Error: period 2025-Q1 is already in the store {store}; use --force to replace it\n"
    )
    assert tree_hashes(store) == before


def test_force_with_the_same_file_answers_from_the_snapshot(store: Path) -> None:
    before = outputs.read_table(store / "snapshots" / "2025-Q1.parquet")
    result = pipeline.run_period(Q1, "2025-Q1", store_dir=store, force=True)
    assert result.cached
    after = outputs.read_table(store / "snapshots" / "2025-Q1.parquet")
    assert after.equals(before)
    # a different file for the same period is read afresh
    result = pipeline.run_period(Q1_DOCX, "2025-Q1", store_dir=store, force=True)
    assert not result.cached
    entry = json.loads((store / "manifest.json").read_text())["entries"][1]
    assert entry["sha256"] == pipeline.file_sha256(Q1_DOCX)


def test_forced_rerun_with_nothing_changed_keeps_the_stored_results(store: Path) -> None:
    before = tree_hashes(store)
    result = pipeline.run_period(Q1, "2025-Q1", store_dir=store, force=True)
    assert result.cached and result.previous_period == "2024-Q4"
    assert result.changes > 0 and result.report_html.is_file()
    assert tree_hashes(store) == before, "nothing to redo: the store is left exactly as it was"
    # an override rule can change the matching, so the same document is compared again
    overrides = store / "overrides.csv"
    overrides.write_text(overrides.read_text(encoding="utf-8-sig") + "forbid,1.1,1.1,test\n")
    pipeline.run_period(Q1, "2025-Q1", store_dir=store, force=True)
    after = tree_hashes(store)
    assert after["reports/2025-Q1/report.html"] != before["reports/2025-Q1/report.html"]


def test_a_run_that_fails_half_way_leaves_the_store_byte_identical(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Failure injected after the snapshot and Markdown report are staged."""
    before = tree_hashes(store)

    def broken(report: object) -> str:
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(outputs, "render_html", broken)
    code, out, err = run_cli("run", Q1_DOCX, "--period", "2025-Q2", "--store", store)
    assert (code, out) == (1, "")
    assert err == (
        "Error: unexpected failure (RuntimeError: renderer crashed); "
        "run again with --debug and report it\n"
    )
    assert tree_hashes(store) == before
    assert sorted(p.name for p in store.iterdir()) == sorted(
        [*STORE_NAMES, "overrides.csv", "plantrack.toml"]
    )


def test_debug_shows_the_traceback(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outputs, "render_html", lambda r: 1 / 0)
    code, _, err = run_cli("--debug", "run", Q1_DOCX, "--period", "2025-Q2", "--store", store)
    assert code == 1
    assert "Traceback (most recent call last)" in err
    assert err.splitlines()[-1].startswith("Error: unexpected failure (ZeroDivisionError")


def test_locked_store_is_refused(store: Path) -> None:
    (store / ".plantrack.lock").write_text(
        json.dumps({"pid": os.getppid(), "host": os.uname().nodename})
    )
    before = tree_hashes(store)
    code, _, err = run_cli("run", Q1_DOCX, "--period", "2025-Q2", "--store", store)
    assert code == 6
    assert err.startswith(f"Error: store {store} is locked by process {os.getppid()} ")
    assert tree_hashes(store) == before


def test_store_from_a_newer_plantrack_is_refused(store: Path) -> None:
    manifest = store / "manifest.json"
    data = json.loads(manifest.read_text())
    data["schema_version"] = SCHEMA_VERSION + 1
    manifest.write_text(json.dumps(data))
    before = tree_hashes(store)
    code, _, err = run_cli("run", Q1_DOCX, "--period", "2025-Q2", "--store", store)
    assert code == 6
    assert err == (
        f"Error: store {store} was written by a newer plantrack (schema {SCHEMA_VERSION + 1}, "
        f"this one reads up to {SCHEMA_VERSION}); upgrade plantrack to use it\n"
    )
    assert tree_hashes(store) == before


def test_history_lists_periods_with_counts(built_store: Path) -> None:
    code, out, err = run_cli("history", "--store", built_store)
    assert code == 0 and err == ""
    header, *rows = out.splitlines()
    assert header.split() == [
        "period", "actions", "Red", "Amber", "Green", "Blue", "other", "warnings", "source"
    ]  # fmt: skip
    for row, period in zip(rows, ("2024-Q4", "2025-Q1"), strict=True):
        cells = row.split()
        truth = truth_counts(period)
        assert cells[0] == period
        assert int(cells[1]) == sum(truth.values())
        assert [int(c) for c in cells[2:6]] == [truth[s] for s in ("Red", "Amber", "Green", "Blue")]
        assert cells[-1] == "plan.docx"


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx"])
def test_extract_writes_the_snapshot_columns(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"actions{suffix}"
    code, stdout, err = run_cli("extract", Q4, "-o", out, "--period", "2024-Q4")
    assert code == 0 and err == ""
    assert stdout == f"85 actions written to {out}\n"
    if suffix == ".xlsx":
        ws = openpyxl.load_workbook(out).active
        assert [c.value for c in ws[1]] == list(outputs.SNAPSHOT_COLUMNS)
        assert ws.max_row == 86
        return
    frame = outputs.read_table(out)
    assert list(frame.columns) == list(outputs.SNAPSHOT_COLUMNS)
    assert Counter(s or "none" for s in frame["status"]) == truth_counts("2024-Q4")
    if suffix == ".csv":
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_diff_of_two_snapshots_writes_report_and_changes(built_store: Path, tmp_path: Path) -> None:
    snaps = built_store / "snapshots"
    out = tmp_path / "diff"
    code, stdout, err = run_cli("diff", snaps / "2024-Q4.parquet", snaps / "2025-Q1.csv", "-o", out)
    assert code == 0 and err == ""
    assert sorted(p.name for p in out.iterdir()) == [
        "changes.csv", "changes.xlsx", "report.html", "report.md", "report.pptx"
    ]  # fmt: skip
    stored = outputs.read_table(built_store / "reports" / "2025-Q1" / "changes.csv")
    fresh = outputs.read_table(out / "changes.csv")
    assert fresh.equals(stored), "diff of the snapshots agrees with the run"
    assert stdout.splitlines()[0] == f"{len(stored)} changes"


def test_diff_of_documents_prints_markdown(tmp_path: Path) -> None:
    code, stdout, err = run_cli("diff", Q4, Q1_DOCX, "--period", "2025-Q1")
    assert code == 0 and err == ""
    assert stdout.startswith("# EDI strategy action plan update — 2025-Q1\n")
    assert "Changes since **plan.docx**" in stdout


def test_text_not_conserved_stops_unless_allow_loss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI's wiring of ingest's conservation check (the check itself is ingest's to test)."""
    import ingest

    def lossy(plan: object, path: object, **kwargs: object) -> list[str]:
        return ["page 3: text used twice or invented: 'Jan-25' (1.1)", "page 4: text lost: 'x'"]

    monkeypatch.setattr(ingest, "check_conservation", lossy)
    store = tmp_path / "store"
    code, out, err = run_cli("run", Q4, "--period", "2024-Q4", "--store", store)
    assert (code, out) == (5, "")
    assert err == (
        f"Error: {Q4}: text not conserved: page 3: text used twice or invented: 'Jan-25' (1.1)"
        " (and 1 more) (use --allow-loss to go on anyway)\n"
    )
    assert not store.exists()
    code, _, err = run_cli("extract", Q4, "-o", tmp_path / "x.csv")
    assert code == 5 and not (tmp_path / "x.csv").exists()
    code, out, err = run_cli("-v", "run", Q4, "--period", "2024-Q4", "--store", store,
                             "--allow-loss")  # fmt: skip
    assert code == 0
    assert f"warning: text not conserved: {Q4}: page 4: text lost: 'x'" in err
    assert (store / "manifest.json").is_file()


def test_quiet_prints_nothing_on_success(tmp_path: Path) -> None:
    code, out, err = run_cli("--quiet", "run", Q4, "--period", "2024-Q4", "--store", tmp_path / "s")
    assert (code, out, err) == (0, "", "")
    assert (tmp_path / "s" / "reports" / "2024-Q4" / "report.html").is_file()


def test_relative_paths_are_stored_absolute_but_the_report_names_only_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(SAMPLES)
    store = tmp_path / "store"
    code, _, err = run_cli(
        "-q", "run", "2024-Q4/plan.docx", "--period", "2024-Q4", "--store", store
    )
    assert code == 0, err
    actions, _, _ = outputs.read_snapshot(store / "snapshots" / "2024-Q4.csv")
    assert {a.source_file for a in actions} == {str(Q4.resolve())}
    html = (store / "reports" / "2024-Q4" / "report.html").read_text(encoding="utf-8")
    assert "file:" not in html and str(SAMPLES) not in html  # it is emailed: no local paths
    assert f"Source: {Q4.name}" in html


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_history_on_a_terminal_is_a_table(built_store: Path) -> None:
    out, err = _Terminal(), io.StringIO()
    assert main(["history", "--store", str(built_store)], stdout=out, stderr=err) == 0
    text = out.getvalue()
    assert "┏" in text and "2024-Q4" in text and "2025-Q1" in text
    assert "plantrack store" in text


def test_storing_an_earlier_quarter_says_how_to_refresh_the_later_one(tmp_path: Path) -> None:
    """Backfilling 2024-Q4 after 2025-Q1: 2025-Q1's report was the first period's; the run
    says so and gives the command, and that command compares 2025-Q1 with 2024-Q4."""
    store = tmp_path / "store"
    assert run_cli("run", Q1, "--period", "2025-Q1", "--store", store)[0] == 0
    code, out, _ = run_cli("run", Q4, "--period", "2024-Q4", "--store", store)
    assert code == 0
    note = out[out.index("note") :]
    assert "2025-Q1's report was made before 2024-Q4 was stored" in note
    command = shlex.split(note.splitlines()[1])
    assert command[:2] == ["plantrack", "run"] and command[-1] == "--force"
    assert Path(command[2]) == Q1.resolve()
    code, out, err = run_cli(*command[1:])
    assert code == 0, err
    assert "since 2024-Q4" in out
    manifest = json.loads((store / "manifest.json").read_text())
    entries = {e["period"]: e for e in manifest["entries"]}
    assert entries["2025-Q1"]["previous_period"] == "2024-Q4"
    # in order, nothing to refresh
    code, out, _ = run_cli("run", Q4, "--period", "2024-Q4", "--store", store, "--force")
    assert code == 0 and "note" not in out


def test_report_shows_team_and_measure_changes_as_word_differences() -> None:
    """2025-Q2 adds a team to 6.2 and rewords 4.2's success measure: section 4 shows both,
    labelled, beside the reworded action texts."""
    code, out, err = run_cli("diff", Q1, Q2, "--period", "2025-Q2", "--previous-period", "2025-Q1")
    assert code == 0, err
    section = out[out.index("## 4. Reworded actions") : out.index("## 5. Dates moved")]
    assert "## 4. Reworded actions (4)" in section
    assert "**6.2** team: Cambridgeshire Libraries **and Communities Service**" in section
    assert "**4.2** success measure:" in section and "**across all directorates,**" in section
