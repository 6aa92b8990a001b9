"""`plantrack extract`: one document (or several) to a table with the snapshot columns.

One document spreads its PDF pages over the cores; several documents are spread one per
worker process instead, each refusal reported without stopping the others.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click

import compare
import outputs
from outputs.safe import terminal_text as _t
from plantrack.config import StoreConfig
from plantrack.errors import EXIT_OK, InputError, PlantrackError, UsageError, writing
from plantrack.feedback import QUIET, Feedback
from plantrack.options import (
    PATH,
    Command,
    config_option,
    console,
    example,
    jobs_option,
    limits_of,
    output_options,
    period_option,
    reading_options,
    runtime,
    store_option,
)
from plantrack.reading import config_for, read_document, refuse_undecodable_name
from plantrack.store import validate_period

__all__ = [
    "DOCUMENT_SUFFIXES",
    "TABLE_SUFFIXES",
    "Extracted",
    "batch_outputs",
    "command",
    "documents_in",
    "extract",
    "extract_many",
]

TABLE_SUFFIXES = outputs.TABLE_SUFFIXES  # what `extract` writes
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".xlsx", ".xlsm", ".ods")


def extract(
    path: Path,
    out: Path,
    *,
    period: str = "",
    allow_loss: bool = False,
    password: str | None = None,
    feedback: Feedback = QUIET,
    jobs: int = 0,
    limits: dict[str, float] | None = None,
    raw_csv: bool = False,
    config: StoreConfig | None = None,
) -> tuple[Path, int]:
    """One document to one table (.csv, .parquet or .xlsx) with the snapshot columns,
    read with `config` (a plantrack.toml; the defaults if None)."""
    out = Path(out)
    if out.suffix.lower() not in outputs.TABLE_SUFFIXES:
        raise UsageError(
            f"cannot write '{out.name}': the output must end in "
            + ", ".join(outputs.TABLE_SUFFIXES)
        )
    if period:
        validate_period(period)
    if not out.parent.is_dir():  # before the (slow) read, not after
        raise InputError(f"{out.parent}: no such folder for the output")
    plan, _ = read_document(
        path,
        allow_loss=allow_loss,
        password=password,
        feedback=feedback,
        jobs=jobs,
        limits=limits,
        config=config,
    )
    with writing(out):
        written = outputs.write_snapshot(
            plan.actions, compare.new_ids(plan.actions), period, out, raw_csv=raw_csv
        )
    return written, len(plan.actions)


@dataclass(frozen=True)
class Extracted:
    """One document of a batch extract: its table, or why it was refused."""

    source: Path
    output: Path
    actions: int = 0
    error: str = ""
    exit_code: int = 0


def usable_cores() -> int:
    """Cores this process may run on (respects CPU affinity)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def documents_in(inputs: Sequence[Path]) -> list[Path]:
    """The documents named, with each folder replaced by its PDF/DOCX files (sorted)."""
    found: list[Path] = []
    for p in map(Path, inputs):
        if p.is_dir():
            found.extend(sorted(f for f in p.iterdir() if f.suffix.lower() in DOCUMENT_SUFFIXES))
        elif not p.exists():
            raise InputError(f"{p}: no such file")
        else:
            found.append(p)
    if not found:
        raise InputError("no PDF or DOCX documents to extract")
    seen: set[Path] = set()
    unique = []
    for f in found:  # the same file named twice (or also via its folder) is read once
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append(f)
    return unique


def batch_outputs(docs: Sequence[Path], out_dir: Path, suffix: str = ".csv") -> list[Path]:
    """One distinct output per document, named after it (pure).

    `plan.csv`; when two documents share a name, `<folder>-plan.csv`; then `plan.pdf.csv`;
    a number as the last resort.
    """
    namings = (
        lambda d: d.stem,
        lambda d: f"{d.parent.name}-{d.stem}",
        lambda d: f"{d.parent.name}-{d.name}",
    )
    names: list[str] = []
    for d in docs:
        for naming in namings:
            name = naming(d)
            if sum(naming(o) == name for o in docs) == 1:
                break
        names.append(name)
    taken: Counter[str] = Counter()
    out = []
    for name in names:
        taken[name] += 1
        out.append(out_dir / (name + (f"-{taken[name]}" if taken[name] > 1 else "") + suffix))
    return out


def _extract_one(
    args: tuple[
        Path, Path, str, bool, str | None, int, dict[str, float] | None, bool, StoreConfig | None
    ],
) -> Extracted:
    """One document of a batch; refusals come back as values so one bad file stops nothing."""
    path, out, period, allow_loss, password, jobs, limits, raw_csv, config = args
    try:
        refuse_undecodable_name(path)  # a file found in a folder, never checked before
        written, n = extract(
            path,
            out,
            period=period,
            allow_loss=allow_loss,
            password=password,
            jobs=jobs,
            limits=limits,
            raw_csv=raw_csv,
            config=config,
        )
    except PlantrackError as exc:
        return Extracted(path, out, error=str(exc), exit_code=exc.exit_code)
    return Extracted(path, written, n)


def extract_many(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    suffix: str = ".csv",
    period: str = "",
    allow_loss: bool = False,
    password: str | None = None,
    jobs: int = 0,
    feedback: Feedback = QUIET,
    limits: dict[str, float] | None = None,
    raw_csv: bool = False,
    config: StoreConfig | None = None,
) -> list[Extracted]:
    """Several documents (or folders of them), one table each in out_dir, in input order.

    Documents are spread over `jobs` worker processes (0 = one per core), each reading its
    document's pages in-process; a single document instead spreads its pages.
    """
    if suffix not in outputs.TABLE_SUFFIXES:
        raise UsageError(f"output format must be one of {', '.join(outputs.TABLE_SUFFIXES)}")
    if period:
        validate_period(period)
    docs = documents_in(inputs)
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: exists and is not a folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    workers = min(usable_cores() if jobs == 0 else jobs, len(docs))
    tasks = [
        (d, o, period, allow_loss, password, 1 if workers > 1 else jobs, limits, raw_csv, config)
        for d, o in zip(docs, batch_outputs(docs, out_dir, suffix), strict=True)
    ]
    if workers <= 1:
        results = []
        for i, task in enumerate(tasks, start=1):
            feedback.document(task[0], i, len(tasks))
            results.append(_extract_one(task))
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_leave_interrupts_to_parent
    )
    results = []
    try:
        for i, result in enumerate(pool.map(_extract_one, tasks), start=1):
            feedback.document(result.source, i, len(tasks))
            results.append(result)
    except BaseException:  # Ctrl-C: stop the documents being read now, not when done
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)
    return results


def _leave_interrupts_to_parent() -> None:
    """In a batch worker: Ctrl-C is the parent's (it terminates the workers itself)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


# --------------------------------------------------------------------------- the command


@click.command(cls=Command, epilog=example("plantrack extract plan.pdf -o actions.xlsx"))
@click.argument("file", type=PATH, nargs=-1, required=True, metavar="FILE...")
@click.option(
    "-o",
    "--output",
    type=PATH,
    required=True,
    metavar="OUT",
    help="output table: .csv (UTF-8 with BOM), .parquet or .xlsx; "
    "for several documents a folder, one .csv per document",
)
@period_option(text="fill the period column; ")
@jobs_option
@config_option
@store_option(": its plantrack.toml, if it has one, unless --config is given")
@reading_options
@output_options
def command(
    file: tuple[Path, ...],
    output: Path,
    period: str,
    jobs: int,
    config_path: Path | None,
    store: Path,
    allow_loss: bool,
    password: str | None,
    limit: tuple[tuple[str, float], ...],
    raw_csv: bool,
) -> int:
    """Read one plan into one table with the snapshot columns (.csv, .parquet or .xlsx).

    FILE is the appendix (PDF, DOCX, XLSX, XLSM, ODS or CSV); or several, or a folder of
    them, with -o naming a folder.
    """
    rt, feedback = runtime(), console()
    files = list(file)
    config = config_for(config_path, store)  # a bad file stops here, before reading
    if len(files) > 1 or (files[0].is_dir() and output.suffix.lower() not in TABLE_SUFFIXES):
        if output.suffix.lower() in TABLE_SUFFIXES:
            raise UsageError(
                f"cannot write several documents to '{output.name}': give a folder with -o"
            )
        results = extract_many(
            files,
            output,
            period=period,
            allow_loss=allow_loss,
            password=password,
            jobs=jobs,
            feedback=feedback,
            limits=limits_of(limit),
            raw_csv=raw_csv,
            config=config,
        )
        feedback.finish()
        for r in results:
            if r.error:
                print(f"Error: {_t(r.error)}", file=rt.err)
            elif not rt.quiet:
                print(f"{r.actions} actions written to {_t(r.output)}", file=rt.out)
        return next((r.exit_code for r in results if r.error), EXIT_OK)
    feedback.document(files[0], 1, 1)
    path, n = extract(
        files[0],
        output,
        period=period,
        allow_loss=allow_loss,
        password=password,
        feedback=feedback,
        jobs=jobs,
        limits=limits_of(limit),
        raw_csv=raw_csv,
        config=config,
    )
    feedback.finish()
    if not rt.quiet:
        print(f"{n} actions written to {_t(path)}", file=rt.out)
    return EXIT_OK
