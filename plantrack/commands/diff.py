"""`plantrack diff`: compare two plans, each a document or a snapshot, and report what
changed (the report files into a folder, the Markdown report, or the comparison as JSON)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

import outputs
from outputs.safe import terminal_text as _t
from plantrack import __version__
from plantrack.commands import generated_now
from plantrack.config import StoreConfig
from plantrack.errors import EXIT_OK, InputError, writing
from plantrack.feedback import QUIET, Feedback
from plantrack.options import (
    PATH,
    Command,
    allow_loss_option,
    config_option,
    console,
    example,
    limits_of,
    output_options,
    period_option,
    runtime,
    safety_options,
    store_option,
)
from plantrack.reading import Side, config_for, load_side
from plantrack.stages import compare_actions
from plantrack.store import validate_period

__all__ = ["DiffResult", "command", "diff"]


@dataclass(frozen=True)
class DiffResult:
    markdown: str
    paths: dict[str, Path] = field(default_factory=dict)
    changes: int = 0
    #: the comparison itself, as `plantrack diff --json` prints it (compare's to_json())
    comparison: dict[str, Any] = field(default_factory=dict)


def _label(side: Side, fallback: str) -> str:
    return side.period or (Path(side.source).name if side.source else fallback)


def diff(
    old_path: Path,
    new_path: Path,
    *,
    out_dir: Path | None = None,
    period: str = "",
    previous_period: str = "",
    allow_loss: bool = False,
    feedback: Feedback = QUIET,
    limits: dict[str, float] | None = None,
    raw_csv: bool = False,
    config: StoreConfig | None = None,
) -> DiffResult:
    """Compare two documents or snapshots; the report (and changes.csv) into out_dir."""
    if period:
        validate_period(period)
    if previous_period:
        validate_period(previous_period)
    if out_dir is not None and Path(out_dir).exists() and not Path(out_dir).is_dir():
        raise InputError(f"{out_dir}: exists and is not a folder")
    feedback.document(Path(old_path), 1, 2)
    old = load_side(
        old_path, allow_loss=allow_loss, feedback=feedback, limits=limits, config=config
    )
    feedback.document(Path(new_path), 2, 2)
    new = load_side(
        new_path, allow_loss=allow_loss, feedback=feedback, limits=limits, config=config
    )
    scale = (config or StoreConfig()).status_scale
    comparison = compare_actions(old.actions, new.actions, old_ids=old.ids, scale=scale)
    old_ids = old.ids if old.ids is not None else tuple(comparison.old_ids)
    report = outputs.build_report(
        new.actions,
        tuple(comparison.new_ids),
        period or _label(new, "new"),
        old_actions=old.actions,
        old_ids=old_ids,
        previous_period=previous_period or _label(old, "old"),
        comparison=comparison,
        source=new.source,
        previous_source=old.source,
        generated=generated_now(),
        tool_version=__version__,
        scale=scale,
    )
    markdown = outputs.render_markdown(report)
    paths: dict[str, Path] = {}
    if out_dir is not None:
        out_dir = Path(out_dir)
        with writing(out_dir):
            out_dir.mkdir(parents=True, exist_ok=True)
            paths = outputs.write_report(report, out_dir)
            paths["changes.csv"] = outputs.write_changes_csv(
                comparison, out_dir / "changes.csv", raw_csv=raw_csv
            )
            paths["report.pptx"] = outputs.write_deck(report, out_dir / "report.pptx")
            paths["changes.xlsx"] = outputs.write_changes_workbook(
                report, new.actions, tuple(comparison.new_ids), out_dir / "changes.xlsx", comparison
            )
    return DiffResult(markdown, paths, len(comparison.changes), comparison.to_json())


# --------------------------------------------------------------------------- the command


@click.command(
    cls=Command, epilog=example("plantrack diff plan-2025-Q1.pdf plan-2025-Q2.pdf -o changes-q2")
)
@click.argument("old", type=PATH, metavar="OLD")
@click.argument("new", type=PATH, metavar="NEW")
@click.option(
    "-o",
    "--output",
    type=PATH,
    default=None,
    metavar="DIR",
    help="write report.md, report.html, report.pptx, changes.csv and changes.xlsx here "
    "(default: Markdown report to stdout)",
)
@period_option(text="the later plan's quarter; ")
@click.option("--previous-period", default="", help="the earlier plan's quarter")
@allow_loss_option
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="print the comparison itself as JSON on stdout (every change with its typed "
    "detail, notes, matches, ids) instead of the Markdown report",
)
@config_option
@store_option(": its plantrack.toml, if it has one, unless --config is given")
@safety_options
@output_options
def command(
    old: Path,
    new: Path,
    output: Path | None,
    period: str,
    previous_period: str,
    allow_loss: bool,
    as_json: bool,
    config_path: Path | None,
    store: Path,
    limit: tuple[tuple[str, float], ...],
    raw_csv: bool,
) -> int:
    """Compare two plans (documents or snapshot .parquet/.csv files) and report what changed.

    OLD is the earlier plan or snapshot, NEW the later one.
    """
    rt, feedback = runtime(), console()
    config = config_for(config_path, store)  # a bad file stops here, before reading
    result = diff(
        old,
        new,
        out_dir=output,
        period=period,
        previous_period=previous_period,
        allow_loss=allow_loss,
        feedback=feedback,
        limits=limits_of(limit),
        raw_csv=raw_csv,
        config=config,
    )
    feedback.finish()
    if as_json:
        # ASCII-only JSON: document text can never reach the terminal as control codes
        rt.out.write(json.dumps(result.comparison, indent=2, ensure_ascii=True) + "\n")
    elif output is None:
        rt.out.write(result.markdown)
    elif not rt.quiet:
        print(f"{result.changes} changes", file=rt.out)
        for path in result.paths.values():
            print(f"  {_t(path)}", file=rt.out)
    return EXIT_OK
