"""The CLI in-process: exit codes and exact one-line messages; help for every subcommand."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from plantrack.cli import COMMANDS, cli, main


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_subcommand_has_help_with_an_example(command: str) -> None:
    code, out, err = run_cli(command, "--help")
    assert code == 0 and err == ""
    assert f"Usage: plantrack {command} [OPTIONS]" in out
    assert f"example:\n  plantrack {command}" in out
    assert "exit codes:" in out


def test_top_level_help_lists_every_subcommand() -> None:
    code, out, _ = run_cli("--help")
    assert code == 0
    for command in COMMANDS:
        assert command in out
    assert set(cli.commands) == set(COMMANDS)
    for name, command in cli.commands.items():
        assert command.help and len(command.help) > 40, name  # help from its docstring


def test_unknown_subcommand_is_a_usage_error() -> None:
    code, out, err = run_cli("frobnicate")
    assert code == 2 and out == ""
    assert err.startswith("Error: argument COMMAND: invalid choice: 'frobnicate'")
    assert err.count("\n") == 1


def test_missing_required_option_is_one_line() -> None:
    code, _, err = run_cli("run", "plan.pdf")
    assert code == 2
    assert err == (
        "Error: the following arguments are required: --period (see 'plantrack run --help')\n"
    )
    code, _, err = run_cli("run")
    assert (code, err) == (
        2,
        "Error: the following arguments are required: FILE, --period "
        "(see 'plantrack run --help')\n",
    )


RUN, EXTRACT, SERVE, TOP = (
    " (see 'plantrack run --help')",
    " (see 'plantrack extract --help')",
    " (see 'plantrack serve --help')",
    " (see 'plantrack --help')",
)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "x.pdf", "--period"], "argument --period: expected one argument" + RUN),
        (["extract", "x.pdf", "-o", "x.csv", "--bogus"], "unrecognized arguments: --bogus" + TOP),
        (["diff", "a.pdf", "b.pdf", "c.pdf"], "unrecognized arguments: c.pdf" + TOP),
        (["serve", "--port", "eighty"], "argument --port: invalid int value: 'eighty'" + SERVE),
        (
            ["extract", "x.pdf", "-o", "x.csv", "--jobs", "x"],
            "argument --jobs: must be a whole number, 0 for every core: 'x'" + EXTRACT,
        ),
        (
            ["run", "x.pdf", "--p", "2025-Q1"],
            "ambiguous option: --p could match --password, --period" + RUN,
        ),
        (["--bogus", "history"], "unrecognized arguments: --bogus" + TOP),
        (["extract", "-o", "x.csv"], "the following arguments are required: FILE" + EXTRACT),
    ],
)
def test_usage_errors_keep_their_one_line_messages(argv: list[str], message: str) -> None:
    """click parses, but every usage error reads as it always has (argparse's words)."""
    code, out, err = run_cli(*argv)
    assert (code, out, err) == (2, "", f"Error: {message}\n")


def test_a_unique_option_prefix_still_works(tmp_path: Path) -> None:
    """`--per` for `--period`, `--sto` for `--store`, as before click."""
    code, _, err = run_cli(
        "run", str(tmp_path / "x.pdf"), "--per", "2025-Q5", "--sto", str(tmp_path)
    )
    assert (code, err.split(":")[0]) == (2, "Error")
    assert "invalid period '2025-Q5'" in err


def test_output_switches_count_before_or_after_the_command(tmp_path: Path) -> None:
    store = tmp_path / "none"
    for argv in (
        ["-q", "history", "--store", str(store)],
        ["history", "--store", str(store), "-q"],
    ):
        code, out, err = run_cli(*argv)
        assert (code, out) == (3, "")
        assert err == f"Error: no plantrack store at {store} (run 'plantrack run' first)\n"


def test_a_plantrack_error_is_a_click_exception_with_its_exit_code() -> None:
    import click

    from plantrack.errors import DocumentError, PlantrackError, StoreError

    assert issubclass(PlantrackError, click.ClickException)
    assert (DocumentError("x").exit_code, StoreError("y").exit_code) == (4, 6)
    assert str(StoreError("the store said no")) == "the store said no"


def test_invalid_period_exits_2(tmp_path: Path) -> None:
    code, _, err = run_cli("run", "plan.pdf", "--period", "2025-Q5", "--store", str(tmp_path / "s"))
    assert code == 2
    assert err == (
        "Error: invalid period '2025-Q5': use the form YYYY-Qn, e.g. 2025-Q3 (calendar), "
        "or YYYY/YY-Qn, e.g. 2025/26-Q1 (financial year from April)\n"
    )
    assert not (tmp_path / "s").exists()


def test_missing_file_exits_3_and_writes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    missing = tmp_path / "nowhere.pdf"
    code, out, err = run_cli("run", str(missing), "--period", "2025-Q3", "--store", str(store))
    assert code == 3 and out == ""
    assert err == f"Error: {missing}: no such file\n"
    assert not store.exists()


def test_folder_as_input_exits_3(tmp_path: Path) -> None:
    code, _, err = run_cli("extract", str(tmp_path), "-o", str(tmp_path / "x.csv"))
    assert code == 3
    assert err == f"Error: {tmp_path}: is a folder, not a document\n"


def test_extract_refuses_unknown_output_format(tmp_path: Path) -> None:
    code, _, err = run_cli("extract", "plan.pdf", "-o", str(tmp_path / "out.json"))
    assert code == 2
    assert err == "Error: cannot write 'out.json': the output must end in .csv, .parquet, .xlsx\n"


def test_history_without_a_store_exits_3(tmp_path: Path) -> None:
    code, _, err = run_cli("history", "--store", str(tmp_path / "none"))
    assert code == 3
    assert err == (
        f"Error: no plantrack store at {tmp_path / 'none'} (run 'plantrack run' first)\n"
    )


def test_diff_of_a_foreign_csv_exits_4(tmp_path: Path) -> None:
    other = tmp_path / "budget.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    code, _, err = run_cli("diff", str(other), str(other))
    assert code == 4
    assert err.startswith(f"Error: {other}: not a plantrack snapshot: missing column(s) period,")
    assert err.count("\n") == 1


@pytest.mark.slow
def test_installed_command_smoke(tmp_path: Path) -> None:
    """The console script from pyproject runs, prints its version, and refuses cleanly."""
    import shutil
    import subprocess
    import sys

    from plantrack import __version__

    exe = shutil.which("plantrack", path=str(Path(sys.executable).parent))
    assert exe, "pip install -e . puts a plantrack command beside the interpreter"
    done = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (0, f"plantrack {__version__}\n")
    missing = tmp_path / "missing.pdf"
    done = subprocess.run(
        [exe, "extract", str(missing), "-o", str(tmp_path / "o.csv")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout) == (3, "")
    assert done.stderr == f"Error: {missing}: no such file\n"


def test_output_folder_problems_are_found_before_reading(tmp_path: Path) -> None:
    doc = tmp_path / "never-read.pdf"  # missing: proves the output check comes first
    code, _, err = run_cli("extract", str(doc), "-o", str(tmp_path / "no" / "such" / "out.csv"))
    assert (code, err) == (3, f"Error: {tmp_path / 'no' / 'such'}: no such folder for the output\n")
    blocker = tmp_path / "report"
    blocker.write_text("a file, not a folder")
    code, _, err = run_cli("diff", str(doc), str(doc), "-o", str(blocker))
    assert (code, err) == (3, f"Error: {blocker}: exists and is not a folder\n")


@pytest.mark.slow
def test_verbose_extract_names_each_skipped_table(tmp_path: Path) -> None:
    """A ruled table that is not an action table is left out, and the run says so."""
    pdf = Path(__file__).parents[1] / "samples" / "drawings" / "report" / "plan.pdf"
    code, _, err = run_cli("extract", str(pdf), "-o", str(tmp_path / "x.csv"), "-v")
    assert code == 0, err
    skipped = [line for line in err.splitlines() if "skipped a table" in line]
    assert skipped == [
        f"warning: {pdf}: page 1: skipped a table that is not an action table: "
        "'Rating | Meaning | Count'",
        f"warning: {pdf}: page 11: skipped a table that is not an action table: "
        "'Budget line | 2024/25 | 2025/26 | Funding source'",
    ]
