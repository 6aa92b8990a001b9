"""`plantrack init`, and `extract`/`diff` reading a plantrack.toml (--config, or the one
of --store), on the real column-set samples (issue 14's config, issue 20's CLI)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from plantrack.cli import main
from plantrack.config import DEFAULT_CONFIG

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "columns"
Q1 = SAMPLES / "timescale" / "2025-Q1.docx"
Q2 = SAMPLES / "timescale" / "2025-Q2.docx"
ALIAS = '[columns]\naliases = { "Shared Outcome" = "success_measure" }\n'


def run_cli(*argv: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


# --------------------------------------------------------------------------- init


def test_init_writes_the_commented_file_and_a_run_uses_the_store(tmp_path: Path) -> None:
    store = tmp_path / "new" / "store"
    code, out, err = run_cli("init", "--store", store)
    assert (code, err) == (0, "")
    assert out == (
        f"wrote {store / 'plantrack.toml'}: every setting commented out; edit it before the "
        "first run\n"
    )
    assert (store / "plantrack.toml").read_text(encoding="utf-8") == DEFAULT_CONFIG
    (store / "plantrack.toml").write_text(ALIAS, encoding="utf-8")  # the officer edits it
    code, _, err = run_cli("run", Q2, "--period", "2025-Q2", "--store", store, "-q")
    assert (code, err) == (0, "")  # a folder holding only plantrack.toml is a store
    first = rows(store / "snapshots" / "2025-Q2.csv")[0]
    assert first["success_measure"] == "People are supported to live independently"
    assert (store / "plantrack.toml").read_text(encoding="utf-8") == ALIAS  # kept as edited


def test_init_refuses_to_overwrite_in_one_line(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    (store / "plantrack.toml").write_text(ALIAS, encoding="utf-8")
    code, out, err = run_cli("init", "--store", store)
    assert (code, out) == (6, "")
    assert err == (
        f"Error: {store / 'plantrack.toml'} already exists; edit it, or delete it to write "
        "the commented defaults again\n"
    )
    assert (store / "plantrack.toml").read_text(encoding="utf-8") == ALIAS


def test_init_refuses_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run_cli("init", "--store", tmp_path)
    assert code == 6
    assert (
        err == f"Error: {tmp_path} is not empty and has no manifest.json: not a plantrack store\n"
    )
    assert not (tmp_path / "plantrack.toml").exists()


# --------------------------------------------------------------------------- extract, diff


@pytest.fixture
def alias_file(tmp_path: Path) -> Path:
    path = tmp_path / "council.toml"
    path.write_text(ALIAS, encoding="utf-8")
    return path


def test_extract_reads_the_aliases_of_config_or_store(tmp_path: Path, alias_file: Path) -> None:
    plain = tmp_path / "plain.csv"
    assert run_cli("extract", Q2, "-o", plain, "-q")[0] == 0
    without = rows(plain)[0]
    assert without["success_measure"] == "Strategy adopted by Cabinet"
    assert without["extra:Shared Outcome"] == "People are supported to live independently"

    store = tmp_path / "store"
    store.mkdir()
    (store / "plantrack.toml").write_text(ALIAS, encoding="utf-8")
    for how in (["--config", alias_file], ["--store", store]):
        out = tmp_path / f"with-{how[0][2:]}.csv"
        code, _, err = run_cli("extract", Q2, "-o", out, "-q", *how)
        assert (code, err) == (0, ""), how
        first = rows(out)[0]
        assert first["success_measure"] == "People are supported to live independently"
        assert first["extra:Measures of success"] == "Strategy adopted by Cabinet"
        assert "extra:Shared Outcome" not in first


def test_diff_reads_the_config(alias_file: Path) -> None:
    def changes(*extra: object) -> dict[str, tuple[str, str]]:
        code, out, err = run_cli("diff", Q1, Q2, "--json", *extra)
        assert (code, err) == (0, "")
        return {c["change"]: (c["before"], c["after"]) for c in json.loads(out)["changes"]}

    said = ("Children have their say", "Children and young people have their say")
    assert changes()["extra_changed"] == said  # "Shared Outcome" is an extra column
    assert changes("--config", alias_file)["measure_changed"] == said  # now the measure


def test_a_bad_or_missing_config_is_one_line_before_reading(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[columns]\nalias = {}\n", encoding="utf-8")
    out = tmp_path / "x.csv"
    code, _, err = run_cli("extract", Q2, "-o", out, "--config", bad)
    assert (code, err) == (2, f"Error: {bad}: unknown setting 'alias'\n")
    code, _, err = run_cli("diff", Q1, Q2, "--config", tmp_path / "none.toml")
    assert (code, err) == (3, f"Error: {tmp_path / 'none.toml'}: no such file\n")
    assert not out.exists()


# --------------------------------------------------------------------------- run --force


def test_a_forced_rerun_reads_again_under_an_edited_config(tmp_path: Path) -> None:
    """The same document under other settings is not the same answer: `run --force` reads
    it again (it used to reuse the snapshot read under the old ones)."""
    store = tmp_path / "store"
    code, _, err = run_cli("run", Q2, "--period", "2025-Q2", "--store", store, "-q")
    assert (code, err) == (0, "")
    first = rows(store / "snapshots" / "2025-Q2.csv")[0]
    assert first["extra:Shared Outcome"] == "People are supported to live independently"
    assert "config" not in json.loads((store / "manifest.json").read_text())["entries"][0]

    (store / "plantrack.toml").write_text(ALIAS, encoding="utf-8")
    code, _, err = run_cli("run", Q2, "--period", "2025-Q2", "--store", store, "--force", "-q")
    assert (code, err) == (0, "")
    first = rows(store / "snapshots" / "2025-Q2.csv")[0]
    assert first["success_measure"] == "People are supported to live independently"
    assert "extra:Shared Outcome" not in first
    recorded = json.loads((store / "manifest.json").read_text())["entries"][0]["config"]
    assert len(recorded) == 16

    before = (store / "manifest.json").read_bytes()
    code, _, err = run_cli("run", Q2, "--period", "2025-Q2", "--store", store, "--force", "-q")
    assert (code, err) == (0, "")  # nothing changed now: answered from the store
    assert (store / "manifest.json").read_bytes() == before


def test_a_forced_rerun_refuses_a_broken_config(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run_cli("run", Q2, "--period", "2025-Q2", "--store", store, "-q")[0] == 0
    before = (store / "manifest.json").read_bytes()
    (store / "plantrack.toml").write_text('[status]\norder = ["Red"]\n', encoding="utf-8")
    code, out, err = run_cli("run", Q2, "--period", "2025-Q2", "--store", store, "--force")
    assert code == 2 and out == ""
    assert err.startswith(f"Error: {store / 'plantrack.toml'}: [status]") and err.count("\n") == 1
    assert (store / "manifest.json").read_bytes() == before
