"""The store's layout: schema-1 stores are read and migrated, copies that followed the links
still work, and a link plantrack did not make is never followed out of the store (#12)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from plantrack import pipeline
from plantrack.cli import main
from plantrack.store import SCHEMA_VERSION, Store
from tests._store_check import leftovers, store_problems
from tests.test_store import STORE_NAMES, tree_hashes

REPO = Path(__file__).parents[1]
Q4 = REPO / "samples/2024-Q4/plan.docx"
Q1 = REPO / "samples/2025-Q1/plan.docx"
Q1_OTHER = REPO / "samples/2025-Q1/plan-onetable.docx"
Q2 = REPO / "samples/2025-Q2/plan.docx"

#: every test here runs real quarters into a store (a module store of two runs, and more)
pytestmark = pytest.mark.slow


def run_cli(*argv: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def two_periods(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("links") / "store"
    pipeline.run_period(Q4, "2024-Q4", store_dir=root)
    pipeline.run_period(Q1, "2025-Q1", store_dir=root)
    return root


def schema1_copy(store: Path, dest: Path) -> Path:
    """The same store as plantrack 0.1 laid it out: real files at the top, schema 1."""
    shutil.copytree(store, dest)  # follows the links: real folders and files
    shutil.rmtree(dest / "current")
    shutil.rmtree(dest / "generations")
    data = json.loads((dest / "manifest.json").read_text())
    data["schema_version"] = 1
    (dest / "manifest.json").write_text(json.dumps(data))
    return dest


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_schema1_store_is_read_as_it_is_and_migrated_at_its_next_save(
    two_periods: Path, tmp_path: Path
) -> None:
    old = schema1_copy(two_periods, tmp_path / "store")
    snapshot = old / "snapshots" / "2024-Q4.parquet"
    kept = _sha(snapshot)
    assert [e.period for e in pipeline.history(old)] == ["2024-Q4", "2025-Q1"]
    assert run_cli("diff", snapshot, old / "snapshots" / "2025-Q1.parquet")[0] == 0

    pipeline.run_period(Q2, "2025-Q2", store_dir=old)

    assert sorted(p.name for p in old.iterdir()) == sorted(
        [*STORE_NAMES, "overrides.csv", "plantrack.toml"]
    )
    assert all((old / name).is_symlink() for name in ("current", "manifest.json", "snapshots"))
    assert json.loads((old / "manifest.json").read_text())["schema_version"] == SCHEMA_VERSION
    assert Store(old).periods() == ["2024-Q4", "2025-Q1", "2025-Q2"]
    assert _sha(snapshot) == kept, "the migrated quarters are the same bytes"
    assert store_problems(old) == [] and leftovers(old) == []


def test_a_copy_that_followed_the_links_still_reads_and_saves(
    two_periods: Path, tmp_path: Path
) -> None:
    copy = Path(shutil.copytree(two_periods, tmp_path / "store"))  # cp -rL, a zip, ...
    assert not (copy / "current").is_symlink()
    assert Store(copy).periods() == ["2024-Q4", "2025-Q1"]
    pipeline.run_period(Q2, "2025-Q2", store_dir=copy)
    assert (copy / "current").is_symlink()
    assert store_problems(copy) == [] and leftovers(copy) == []


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the store, holding a file a run must never overwrite."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    for name in ("report.md", "report.html", "changes.csv", "2024-Q4.parquet"):
        (folder / name).write_text("not plantrack's\n")
    return folder


def _untouched(folder: Path) -> bool:
    return all(p.read_text() == "not plantrack's\n" for p in folder.iterdir())


def test_a_schema1_report_folder_linked_out_of_the_store_is_refused(
    two_periods: Path, tmp_path: Path, outside: Path
) -> None:
    """The attack of #12: `reports/2025-Q1` a link out of the store, then a run."""
    store = schema1_copy(two_periods, tmp_path / "store")
    shutil.rmtree(store / "reports" / "2025-Q1")
    (store / "reports" / "2025-Q1").symlink_to(outside, target_is_directory=True)
    before = tree_hashes(store)
    code, _, err = run_cli("run", Q1_OTHER, "--period", "2025-Q1", "--store", store, "--force")
    assert code == 6, err
    assert err == (
        f"Error: store {store}: {store / 'reports' / '2025-Q1'} is a link to {outside}, "
        "outside the store; plantrack never follows links inside a store: replace it with "
        "the file or folder itself\n"
    )
    assert _untouched(outside) and tree_hashes(store) == before


def test_a_link_planted_in_the_current_generation_is_refused(
    two_periods: Path, tmp_path: Path, outside: Path
) -> None:
    store = Path(shutil.copytree(two_periods, tmp_path / "store", symlinks=True))
    report = store / "reports" / "2024-Q4" / "report.md"
    report.unlink()
    report.symlink_to(outside / "report.md")
    code, _, err = run_cli("run", Q2, "--period", "2025-Q2", "--store", store)
    assert code == 6 and "is a link to" in err and "outside the store" in err, err
    assert _untouched(outside)
    assert Store(store).periods() == ["2024-Q4", "2025-Q1"]


def test_a_snapshot_linked_out_of_the_store_is_never_read(
    two_periods: Path, tmp_path: Path, outside: Path
) -> None:
    store = Path(shutil.copytree(two_periods, tmp_path / "store", symlinks=True))
    snapshot = store / "snapshots" / "2025-Q1.parquet"
    snapshot.unlink()
    snapshot.symlink_to(outside / "2024-Q4.parquet")
    code, _, err = run_cli("run", Q2, "--period", "2025-Q2", "--store", store)
    assert code == 6, err
    assert err == (
        f"Error: store {store}: {store / 'generations/000002/snapshots/2025-Q1.parquet'} is a link "
        f"to {outside / '2024-Q4.parquet'}, outside the store; plantrack never follows links "
        "inside a store: replace it with the file or folder itself\n"
    )
    assert _untouched(outside)


def test_current_pointing_out_of_the_store_is_refused(two_periods: Path, tmp_path: Path) -> None:
    store = Path(shutil.copytree(two_periods, tmp_path / "store", symlinks=True))
    elsewhere = Path(shutil.copytree(store / "current", tmp_path / "elsewhere"))
    (store / "current").unlink()
    (store / "current").symlink_to(elsewhere)
    code, _, err = run_cli("history", "--store", store)
    assert code == 6
    assert err == (
        f"Error: store {store} is damaged: {store / 'current'} points to {str(elsewhere)!r}, "
        "not to a folder in generations/; restore the store from backup\n"
    )


def test_a_top_level_link_moved_out_of_the_store_is_repaired_not_followed(
    two_periods: Path, tmp_path: Path, outside: Path
) -> None:
    store = Path(shutil.copytree(two_periods, tmp_path / "store", symlinks=True))
    (store / "reports").unlink()
    (store / "reports").symlink_to(outside, target_is_directory=True)
    pipeline.run_period(Q2, "2025-Q2", store_dir=store)  # reads and writes through `current`
    assert _untouched(outside)
    assert os.readlink(store / "reports") == "current/reports"
    assert store_problems(store) == []
