"""plantrack.toml: written on a store's first run, validated on load with one clear line,
and its header aliases and key column change how a plan's columns are read."""

from __future__ import annotations

import csv
import io
import tomllib
from pathlib import Path

import pytest

from ingest.columns import map_columns, name_columns
from normalise import normalise_status
from plantrack.cli import main
from plantrack.config import DEFAULT_CONFIG, StoreConfig, load_config, parse_config
from plantrack.errors import UsageError

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "columns"


def run_cli(*argv: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_the_default_file_is_valid_toml_and_means_the_defaults() -> None:
    assert parse_config(tomllib.loads(DEFAULT_CONFIG), Path("x")) == StoreConfig()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[columns]\naliases = { "Shared Outcome" = "outcome" }\n',
            "'Shared Outcome' = 'outcome' is not one of printed_no",
        ),
        ("[colours]\n", "unknown section [colours]"),
        ("[dates]\nday_first = 'yes'\n", "[dates] day_first must be true or false"),
        ("[columns]\nkey = ''\n", "[columns] key must be a header"),
        ("[columns\n", "not valid TOML"),
        ('[status]\nwords = { "On track" = "green" }\n', "'On track' = 'green' is not one of Red"),
    ],
)
def test_a_bad_file_is_one_line_naming_it(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "plantrack.toml").write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as info:
        load_config(tmp_path)
    assert message in info.value.message and "\n" not in info.value.message
    assert info.value.message.startswith(str(tmp_path / "plantrack.toml"))


def test_aliases_outrank_the_vocabulary_and_extra_keeps_a_known_header() -> None:
    headers = ["Ref", "What we will do", "Measures of success", "Shared Outcome", "Led by"]
    aliases = [("Shared Outcome", "success_measure"), ("Led by", "extra")]
    assert name_columns(headers, aliases=aliases) == {
        0: "printed_no",
        1: "action",
        2: "extra:Measures of success",
        3: "success_measure",
        4: "extra:Led by",
    }
    # the key column: a register whose rows are hazards
    assert map_columns(["Hazard", "Owner", "Status"], aliases=[("Hazard", "action")]) == {
        0: "action",
        1: "team",
        2: "status",
    }


@pytest.mark.slow
def test_first_run_writes_the_file_and_a_store_alias_is_used(tmp_path: Path) -> None:
    store = tmp_path / "store"
    doc = SAMPLES / "timescale" / "2025-Q1.docx"
    code, _, err = run_cli("run", doc, "--period", "2025-Q1", "--store", store)
    assert code == 0, err
    assert (store / "plantrack.toml").read_text(encoding="utf-8") == DEFAULT_CONFIG
    (store / "plantrack.toml").write_text(
        '[columns]\naliases = { "Shared Outcome" = "success_measure" }\n', encoding="utf-8"
    )
    code, _, err = run_cli("run", SAMPLES / "timescale" / "2025-Q2.docx", "--period", "2025-Q2",
                           "--store", store)  # fmt: skip
    assert code == 0, err
    with (store / "snapshots" / "2025-Q2.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["success_measure"] == "People are supported to live independently"
    assert rows[0]["extra:Measures of success"] == "Strategy adopted by Cabinet"


def test_a_bad_file_stops_the_run_with_exit_2_and_leaves_the_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = SAMPLES / "timescale" / "2025-Q1.docx"
    assert run_cli("run", first, "--period", "2025-Q1", "--store", store)[0] == 0
    (store / "plantrack.toml").write_text("[columns]\nalias = {}\n", encoding="utf-8")
    before = sorted(str(p.relative_to(store)) for p in store.rglob("*"))
    doc = SAMPLES / "timescale" / "2025-Q2.docx"
    code, out, err = run_cli("run", doc, "--period", "2025-Q2", "--store", store)
    assert (code, out) == (2, "")
    assert err == f"Error: {store / 'plantrack.toml'}: unknown setting 'alias'\n"
    assert sorted(str(p.relative_to(store)) for p in store.rglob("*")) == before


def test_a_publishers_status_words_are_read_as_their_rag_status(tmp_path: Path) -> None:
    (tmp_path / "plantrack.toml").write_text(
        '[status]\nwords = { "On track" = "Green", "Complete" = "Blue" }\n', encoding="utf-8"
    )
    words = load_config(tmp_path).normalise_settings["status_words"]
    assert normalise_status("On track", words=words) == ("Green", "Completed", ())
    # a BRAG scheme: "Complete" is Blue there, overriding the built-in reading (Green)
    assert normalise_status("complete", words=words)[0] == "Blue"
    assert normalise_status("Complete")[0] == "Green"
    assert normalise_status("On track")[0] == "On track"  # unknown without the file
