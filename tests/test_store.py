"""Store safety: atomic writes, the lock, staged transactions, manifest schema, periods."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import outputs
from plantrack.errors import StoreError, UsageError
from plantrack.store import (
    SCHEMA_VERSION,
    ManifestEntry,
    Store,
    acquire_lock,
    lock_is_stale,
    validate_period,
)

#: What a store folder holds after a save (manifest.json, snapshots, reports: links).
STORE_NAMES = ["current", "generations", "manifest.json", "reports", "snapshots"]


def tree_hashes(root: Path) -> dict[str, str]:
    """Every file a reader sees in the store (through its links; the generations behind
    them aside) with its SHA-256: equal before/after means byte-identical."""
    found = {}
    for folder, dirs, files in os.walk(root, followlinks=True):
        here = Path(folder)
        if here == root:
            dirs[:] = [d for d in dirs if d not in ("current", "generations")]
        for name in files:
            path = here / name
            found[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return dict(sorted(found.items()))


def _entry(period: str) -> ManifestEntry:
    return ManifestEntry(period, "plan.pdf", "0" * 64, "0.1.0", "2025-01-01T00:00:00", 0)


def _seed_store(root: Path) -> Store:
    store = Store(root)
    with store.lock(), store.transaction() as txn:
        txn.stage_text("reports/2025-Q1/report.md", "# old report\n")
        txn.stage_text("snapshots/2025-Q1.csv", "period\n2025-Q1\n")
        txn.set_manifest(store.manifest().with_entry(_entry("2025-Q1")))
    return store


def test_transaction_commits_files_and_manifest_last(tmp_path: Path) -> None:
    store = _seed_store(tmp_path / "store")
    assert (store.root / "reports/2025-Q1/report.md").read_text() == "# old report\n"
    data = json.loads(store.manifest_path.read_text())
    assert data["schema_version"] == SCHEMA_VERSION
    assert [e["period"] for e in data["entries"]] == ["2025-Q1"]
    leftovers = [p.name for p in store.root.iterdir() if p.name.startswith(".")]
    assert leftovers == [], "no staging folder or lock left behind"


def test_failed_transaction_leaves_store_byte_identical(tmp_path: Path) -> None:
    store = _seed_store(tmp_path / "store")
    before = tree_hashes(store.root)
    with pytest.raises(RuntimeError), store.lock(), store.transaction() as txn:
        txn.stage_text("reports/2025-Q1/report.md", "# NEW report\n")
        txn.stage_text("reports/2025-Q2/report.md", "# another\n")
        txn.set_manifest(store.manifest().with_entry(_entry("2025-Q2")))
        raise RuntimeError("compare blew up half way")
    assert tree_hashes(store.root) == before
    assert sorted(p.name for p in store.root.iterdir()) == STORE_NAMES


def test_failed_first_run_leaves_no_store_folder(tmp_path: Path) -> None:
    store = Store(tmp_path / "fresh")
    with pytest.raises(RuntimeError), store.lock(), store.transaction() as txn:
        txn.stage_text("overrides.csv", "old_ref,new_ref\n")
        raise RuntimeError("boom")
    assert not store.root.exists()


def test_lock_refuses_a_second_writer(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    with store.lock():
        with pytest.raises(StoreError) as err, store.lock():
            pass
        assert str(err.value) == (
            f"store {store.root} is locked by process {os.getpid()} (another plantrack run is "
            f"writing it); wait for it to finish, or delete {store.lock_path} if no run is in "
            "progress"
        )
    assert not store.lock_path.exists()


def test_lock_held_by_another_live_process_is_respected(tmp_path: Path) -> None:
    store_root = tmp_path / "store"
    store_root.mkdir()
    lock = store_root / ".plantrack.lock"
    code = (
        "import sys, time; from pathlib import Path; from plantrack.store import acquire_lock;"
        f"acquire_lock(Path({str(lock)!r})); print('locked', flush=True); time.sleep(30)"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreError, match=f"locked by process {holder.pid}"):
            acquire_lock(lock)
    finally:
        holder.kill()
        holder.wait()
    # the holder is gone without removing its lock: that lock is stale and taken over
    assert lock_is_stale(lock)
    acquire_lock(lock)
    assert json.loads(lock.read_text())["pid"] == os.getpid()


def test_newer_schema_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    root = tmp_path / "store"
    root.mkdir()
    (root / "manifest.json").write_text(json.dumps({"schema_version": 99, "entries": []}))
    with pytest.raises(StoreError) as err:
        Store(root).manifest()
    assert str(err.value) == (
        f"store {root} was written by a newer plantrack (schema 99, this one reads up to "
        f"{SCHEMA_VERSION}); upgrade plantrack to use it"
    )


def test_damaged_manifest_and_foreign_folder_are_refused(tmp_path: Path) -> None:
    root = tmp_path / "store"
    root.mkdir()
    (root / "manifest.json").write_text("{not json")
    with pytest.raises(StoreError, match=r"manifest .* is damaged"):
        Store(root).manifest()
    other = tmp_path / "documents"
    other.mkdir()
    (other / "letter.txt").write_text("hello")
    with pytest.raises(StoreError, match="not a plantrack store"):
        Store(other).manifest()


def test_periods_are_validated_and_ordered(tmp_path: Path) -> None:
    assert validate_period("2025-Q3") == "2025-Q3"
    for bad in ("2025Q3", "2025-Q5", "Q3-2025", "2025-q3", ""):
        with pytest.raises(UsageError, match="use the form YYYY-Qn"):
            validate_period(bad)
    held = ["2025-Q1", "2024-Q4", "2025-Q3"]
    assert outputs.previous_of("2025-Q2", held) == "2025-Q1"
    assert outputs.previous_of("2025-Q1", held) == "2024-Q4"
    assert outputs.previous_of("2024-Q4", held) == ""
    assert outputs.previous_of("2026-Q1", held) == "2025-Q3"


def test_atomic_write_keeps_old_file_when_the_writer_fails(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old")

    def broken(tmp: Path) -> None:
        tmp.write_text("half writ")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        outputs.write_atomic(target, broken)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_stale_lock_from_dead_pid_is_detected(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    time.sleep(0.05)
    lock = tmp_path / ".plantrack.lock"

    lock.write_text(json.dumps({"pid": proc.pid, "host": socket.gethostname()}))
    assert lock_is_stale(lock)
    lock.write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname()}))
    assert not lock_is_stale(lock)
    lock.write_text(json.dumps({"pid": proc.pid, "host": "some-other-machine"}))
    assert not lock_is_stale(lock), "a lock from another host is never stolen"


def test_failure_while_committing_rolls_every_file_back(tmp_path: Path) -> None:
    store = _seed_store(tmp_path / "store")
    before = tree_hashes(store.root)
    with pytest.raises(OSError), store.lock(), store.transaction() as txn:
        txn.stage_text("reports/2025-Q1/report.md", "# replaced\n")  # moved in first
        txn.stage_text("reports/2025-Q2/report.md", "# new\n")
        # its folder would have to be the existing *file* snapshots/2025-Q1.csv: fails mid-commit
        txn.stage_text("snapshots/2025-Q1.csv/part", "x")
        txn.set_manifest(store.manifest().with_entry(_entry("2025-Q2")))
    assert tree_hashes(store.root) == before
    assert not (store.root / "reports/2025-Q2").exists()
