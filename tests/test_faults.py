"""Foreseeable problems are one plain line with a documented exit code, never "unexpected".

Read-only stores are tried for real, as an unprivileged user (the tests run as root, who may
write anywhere, so the command runs with uid/gid 65534 through `setpriv`); a full disk is a
real, small tmpfs. Where the machine cannot do either the test is skipped, saying why.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from plantrack import pipeline
from plantrack.cli import main
from plantrack.store import Store
from tests._store_check import leftovers, store_problems
from tests.test_store import tree_hashes

REPO = Path(__file__).parents[1]
Q4 = REPO / "samples/2024-Q4/plan.docx"
Q1 = REPO / "samples/2025-Q1/plan.docx"
PLANTRACK = Path(sys.executable).parent / "plantrack"
NOBODY = 65534


def run_cli(*argv: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), err
    assert "unexpected failure" not in err and "Traceback" not in err, err
    return lines[0]


@pytest.fixture(scope="module")
def one_period(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("faults") / "store"
    pipeline.run_period(Q4, "2024-Q4", store_dir=root)
    return root


@pytest.fixture
def store(one_period: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(one_period, tmp_path / "store", symlinks=True))


def _entry(**changes: object) -> dict:
    entry = {
        "period": "2024-Q4",
        "source_file": "plan.docx",
        "sha256": "0" * 64,
        "tool_version": "0.1.0",
        "created": "2025-01-01T00:00:00+00:00",
        "actions": 3,
        "counts": {"Green": 3},
    }
    entry.update(changes)
    return entry


def _manifest(*entries: object, version: object = 2) -> bytes:
    return json.dumps({"schema_version": version, "entries": list(entries)}).encode()


DAMAGED_MANIFESTS = {
    "not JSON": b"{not json",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe",
    "empty": b"",
    "a list": b"[]",
    "null": b"null",
    "version as text": _manifest(version="2"),
    "version true": _manifest(version=True),
    "entries an object": json.dumps({"schema_version": 2, "entries": {}}).encode(),
    "an entry a number": _manifest(5),
    "actions as text": _manifest(_entry(actions="many")),
    "no period": _manifest({k: v for k, v in _entry().items() if k != "period"}),
    "counts a list": _manifest(_entry(counts=[1, 2])),
    "period twice": _manifest(_entry(), _entry()),
    "period not a quarter": _manifest(_entry(period="2024-Q9")),
    "nested too deeply": b"[" * 200_000,
}


@pytest.mark.slow
@pytest.mark.parametrize("variant", DAMAGED_MANIFESTS)
def test_a_damaged_manifest_is_one_line_exit_6_and_nothing_is_written(
    store: Path, variant: str
) -> None:
    (store / "manifest.json").write_bytes(DAMAGED_MANIFESTS[variant])
    before = tree_hashes(store)
    for argv in (
        ("history", "--store", store),
        ("run", Q1, "--period", "2025-Q1", "--store", store),
    ):
        code, _, err = run_cli(*argv)
        line = one_line(err)
        assert code == 6, (variant, argv[0], err)
        assert str(store) in line, line
        assert "manifest" in line or "schema_version" in line, line
    assert tree_hashes(store) == before


@pytest.mark.slow
@pytest.mark.parametrize(
    "damage",
    [lambda b: b[: len(b) // 2], lambda b: b"PAR1" + b"\x00" * 64 + b"PAR1", lambda b: b""],
    ids=["truncated", "garbage", "empty"],
)
def test_a_damaged_previous_snapshot_is_one_line_exit_6(store: Path, damage) -> None:
    snapshot = store / "snapshots" / "2024-Q4.parquet"
    damaged = damage(snapshot.read_bytes())
    snapshot.unlink()  # a new file: the generations share the old one by a hard link
    snapshot.write_bytes(damaged)
    before = tree_hashes(store)
    code, _, err = run_cli("run", Q1, "--period", "2025-Q1", "--store", store)
    assert code == 6, err
    assert one_line(err) == (
        f"Error: store {store}: snapshot {snapshot} is damaged ({one_line(err).split('(')[1]}"
    )
    assert "restore it from backup, or re-run 2024-Q4 with --force" in err
    assert tree_hashes(store) == before


def test_a_file_name_that_is_not_utf8_is_refused_readably(tmp_path: Path) -> None:
    odd = tmp_path / os.fsdecode(b"plan-\xff.docx")  # a Latin-1 name, as from an old share
    shutil.copy(Q4, odd)
    code, out, err = run_cli("run", odd, "--period", "2024-Q4", "--store", tmp_path / "store")
    assert (code, out) == (3, "")
    assert one_line(err) == (
        f"Error: {tmp_path}/plan-\\xff.docx: the name is not valid UTF-8 text; rename it "
        "(plain letters and digits are safest) and try again"
    )
    assert not (tmp_path / "store").exists()


def test_demo_into_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    code, _, err = run_cli("demo", "--dir", tmp_path / "nowhere")
    assert code == 3
    assert one_line(err) == f"Error: {tmp_path / 'nowhere'}: no such folder for the demo"


# --------------------------------------------------------------------------- real refusals


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder another user can reach (pytest's own tmp folders are private to root)."""
    path = Path(tempfile.mkdtemp(prefix="plantrack-faults-", dir="/tmp"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _as_nobody(*argv: object) -> subprocess.CompletedProcess:
    if os.geteuid() != 0:
        pytest.skip(f"dropping to another user needs root (these tests run as uid {os.geteuid()})")
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is not installed: cannot run as another user")
    command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    return subprocess.run(
        [*command, str(PLANTRACK), *map(str, argv)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HOME": "/tmp"},
    )


@pytest.mark.slow
def test_a_store_the_user_may_not_write_is_refused_but_still_readable(
    one_period: Path, shared_dir: Path
) -> None:
    store = Path(shutil.copytree(one_period, shared_dir / "store", symlinks=True))
    before = tree_hashes(store)
    result = _as_nobody("run", Q1, "--period", "2025-Q1", "--store", store)
    assert result.returncode == 7, result.stderr
    assert one_line(result.stderr) == (
        f"Error: cannot write to store {store}: permission denied; nothing was changed"
    )
    assert tree_hashes(store) == before and leftovers(store) == []

    history = _as_nobody("history", "--store", store)
    assert history.returncode == 0, history.stderr
    assert "2024-Q4" in history.stdout

    new_store = _as_nobody("run", Q4, "--period", "2024-Q4", "--store", shared_dir / "fresh")
    assert new_store.returncode == 7, new_store.stderr
    assert one_line(new_store.stderr) == (
        f"Error: cannot write to store {shared_dir / 'fresh'}: permission denied; "
        "nothing was changed"
    )


@pytest.mark.slow
def test_a_document_the_user_may_not_read(shared_dir: Path) -> None:
    private = shared_dir / "plan.docx"
    shutil.copy(Q4, private)
    private.chmod(0o600)
    result = _as_nobody("extract", private, "-o", shared_dir / "out.csv")
    assert result.returncode == 3, result.stderr
    assert one_line(result.stderr) == f"Error: {private}: cannot read (Permission denied)"


@contextlib.contextmanager
def tmpfs(where: Path, size: str) -> Iterator[Path]:
    """A real small file system (skips the test where mounting is not allowed)."""
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip() or mounted.returncode}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.mark.slow
def test_a_full_disk_is_one_line_and_the_store_is_as_it_was(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", "320k") as disk:
        store = disk / "store"
        pipeline.run_period(Q4, "2024-Q4", store_dir=store)
        before = tree_hashes(store)
        code, _, err = run_cli("run", Q1, "--period", "2025-Q1", "--store", store)
        assert code == 7, err
        assert one_line(err) == (
            f"Error: cannot write to store {store}: the disk is full; nothing was changed"
        )
        assert tree_hashes(store) == before
        assert store_problems(store) == [] and leftovers(store) == []
        # the same for a table written outside the store, once the disk is filled up
        with contextlib.suppress(OSError), (disk / "filler").open("wb") as fh:
            while True:
                fh.write(b"\0" * 4096)
                fh.flush()
        code, _, err = run_cli("extract", Q1, "-o", disk / "big.csv")
        assert code == 7, err
        assert (
            one_line(err)
            == f"Error: cannot write {disk / 'big.csv'}: the disk is full; nothing was written"
        )


@pytest.mark.slow
def test_a_read_only_disk_is_one_line(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", "4m") as disk:
        store = disk / "store"
        pipeline.run_period(Q4, "2024-Q4", store_dir=store)
        before = tree_hashes(store)
        remount = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True)
        if remount.returncode != 0:
            pytest.skip("cannot remount the tmpfs read-only here")
        code, _, err = run_cli("run", Q1, "--period", "2025-Q1", "--store", store)
        assert code == 7, err
        assert one_line(err) == (
            f"Error: cannot write to store {store}: the folder is on a read-only disk; "
            "nothing was changed"
        )
        assert tree_hashes(store) == before
        assert Store(store).periods() == ["2024-Q4"]


def test_a_folder_holding_a_name_that_is_not_utf8_refuses_that_file_only(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(Q4, folder / "good.docx")
    shutil.copy(Q4, folder / os.fsdecode(b"caf\xe9.docx"))
    code, out, err = run_cli("extract", folder, "-o", tmp_path / "out", "--jobs", "1")
    assert code == 3, err
    assert one_line(err) == (
        f"Error: {folder}/caf\\xe9.docx: the name is not valid UTF-8 text; rename it "
        "(plain letters and digits are safest) and try again"
    )
    assert (tmp_path / "out" / "good.csv").is_file()
    assert out.startswith("85 actions written to ")
