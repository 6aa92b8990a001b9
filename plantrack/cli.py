"""The `plantrack` command: argument parsing and printing only; the work is in pipeline.

Every refusal is one `Error: <message>` line on stderr and a documented exit code
(plantrack.errors); a traceback appears only with --debug.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import signal
import sys
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from outputs.safe import terminal_text as _t
from plantrack import __version__, pipeline
from plantrack.errors import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNEXPECTED,
    PlantrackError,
    UsageError,
    write_error,
    write_refused,
)
from plantrack.store import DEFAULT_STORE

EXIT_CODES_HELP = """exit codes:
  0  success
  1  unexpected internal error (run again with --debug and report it)
  2  usage error: bad option, invalid period, unsupported output format
  3  input missing or unreadable (file, folder, store, samples)
  4  not a readable action plan: empty, not PDF/DOCX, corrupt, encrypted, no text layer,
     no action table, missing columns, not a plantrack snapshot, over a reading limit
  5  table text not conserved while reading (use --allow-loss to go on)
  6  store refused: period exists or the file is another period's (use --force),
     same months as a held period, locked, newer schema, damaged manifest or snapshot,
     a link out of the store
  7  cannot write: the disk is full, the folder is read-only, or permission denied
     (nothing half-written is left)
130  interrupted (Ctrl-C): workers stopped, nothing half-written left, lock released
"""


PERIOD_HELP = (
    "the quarter it reports: calendar YYYY-Qn (2025-Q3 = July-September 2025) or "
    "financial year YYYY/YY-Qn (2025/26-Q1 = April-June 2025; the year starts in April); "
    "ASCII digits; overdue is judged at the quarter's last day"
)


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """--quiet/--verbose/--debug, accepted before or after the subcommand.

    On subcommands the default is SUPPRESS so an option given before the subcommand
    is not reset by the subparser.
    """
    default = False if top else argparse.SUPPRESS
    g = parser.add_argument_group("output")
    g.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default,
        help="print nothing but errors (and the data asked for)",
    )
    g.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=default,
        help="also print warnings and run details on stderr",
    )
    g.add_argument(
        "--debug", action="store_true", default=default, help="show a traceback with any error"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="plantrack",
        description="Track a published EDI action plan from quarter to quarter: "
        "extract the table, keep a snapshot per quarter, report what changed.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"plantrack {__version__}")
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, help_text: str, example: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"example:\n  {example}\n\n{EXIT_CODES_HELP}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        _common(p, top=False)
        return p

    run = add(
        "run",
        "Read this quarter's plan, store its snapshot, compare with the previous quarter "
        "and write the report, the forum deck (report.pptx) and the changes (CSV, XLSX).",
        "plantrack run plan-2025-Q3.pdf --period 2025-Q3",
    )
    run.add_argument("file", type=Path, metavar="FILE", help="the appendix, PDF or DOCX")
    run.add_argument("--period", required=True, help=PERIOD_HELP)
    run.add_argument(
        "--store",
        type=Path,
        default=DEFAULT_STORE,
        help=f"store folder (default: ./{DEFAULT_STORE})",
    )
    run.add_argument(
        "--force",
        action="store_true",
        help="replace the period if the store already holds it; store a file identical to "
        "another period's (same SHA-256) anyway",
    )
    _reading_options(run)

    ext = add(
        "extract",
        "Read one plan into one table with the snapshot columns (.csv, .parquet or .xlsx).",
        "plantrack extract plan.pdf -o actions.xlsx",
    )
    ext.add_argument(
        "file",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="the appendix, PDF or DOCX; or several, or a folder of them (with -o FOLDER)",
    )
    ext.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT",
        help="output table: .csv (UTF-8 with BOM), .parquet or .xlsx; "
        "for several documents a folder, one .csv per document",
    )
    ext.add_argument("--period", default="", help="fill the period column; " + PERIOD_HELP)
    ext.add_argument(
        "--jobs",
        type=_jobs,
        default=0,
        metavar="N",
        help="worker processes: a PDF's pages, or several documents, across N cores "
        "(default: every core; 1: one process)",
    )
    _reading_options(ext)

    dif = add(
        "diff",
        "Compare two plans (documents or snapshot .parquet/.csv files) and report what changed.",
        "plantrack diff plan-2025-Q1.pdf plan-2025-Q2.pdf -o changes-q2",
    )
    dif.add_argument("old", type=Path, metavar="OLD", help="the earlier plan or snapshot")
    dif.add_argument("new", type=Path, metavar="NEW", help="the later plan or snapshot")
    dif.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DIR",
        help="write report.md, report.html, report.pptx, changes.csv and changes.xlsx here "
        "(default: Markdown report to stdout)",
    )
    dif.add_argument("--period", default="", help="the later plan's quarter; " + PERIOD_HELP)
    dif.add_argument("--previous-period", default="", help="the earlier plan's quarter")
    dif.add_argument(
        "--allow-loss",
        action="store_true",
        help="go on (with a warning) if table text was not conserved",
    )
    dif.add_argument(
        "--json",
        action="store_true",
        help="print the comparison itself as JSON on stdout (every change with its typed "
        "detail, notes, matches, ids) instead of the Markdown report",
    )
    _safety_options(dif)

    his = add(
        "history",
        "List the quarters held in a store, with counts by status.",
        "plantrack history --store plantrack-store",
    )
    his.add_argument(
        "--store",
        type=Path,
        default=DEFAULT_STORE,
        help=f"store folder (default: ./{DEFAULT_STORE})",
    )

    dem = add(
        "demo",
        "Run the bundled sample quarters in order into a fresh temporary folder and print "
        "the path of the latest report.",
        "plantrack demo",
    )
    dem.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="make the demo folder inside DIR (default: the system temp folder)",
    )
    srv = add(
        "serve",
        "Open the quarterly run in the browser: the quarters held, adding a quarter, each "
        "report and its downloads, one action's history, checking matches (and a JSON API).",
        "plantrack serve   (then open http://127.0.0.1:8000/)",
    )
    srv.add_argument(
        "--store",
        type=Path,
        default=DEFAULT_STORE,
        help=f"store folder (default: ./{DEFAULT_STORE}; made by the first upload)",
    )
    srv.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this computer only; 0.0.0.0 lets "
        "others on the network in, and there is no login)",
    )
    srv.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    srv.add_argument(
        "--max-upload-mb",
        type=float,
        default=50,
        metavar="MB",
        help="largest document accepted, in MB (default 50)",
    )
    return parser


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number, 0 for every core: {text!r}")
    return n


def _reading_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--allow-loss",
        action="store_true",
        help="go on (with a warning) if table text was not conserved",
    )
    p.add_argument("--password", default=None, help="password for an encrypted PDF")
    _safety_options(p)


def _limit(text: str) -> tuple[str, float | int]:
    from ingest.limits import Limits

    try:
        return Limits.parse_option(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _safety_options(p: argparse.ArgumentParser) -> None:
    """--limit NAME=N (reading limits) and --raw-csv, on every command that reads and writes."""
    p.add_argument(
        "--limit",
        type=_limit,
        action="append",
        default=[],
        metavar="NAME=N",
        help="raise or lower a reading limit (repeatable): file_mb=100, pages=1000, "
        "rows=20000, page_chars=100000, member_mb=100, seconds=600 (0: no time limit)",
    )
    p.add_argument(
        "--raw-csv",
        action="store_true",
        help="write CSV cells exactly as read, for machines: without it a cell beginning "
        "with = + - @ tab or CR gets a leading ' so a spreadsheet shows it as text",
    )


def _limits(args: argparse.Namespace) -> dict[str, float] | None:
    return dict(args.limit) or None


# --------------------------------------------------------------------------- feedback


class Console(pipeline.Feedback):
    """Progress on stderr (a rich bar on a terminal), notes with --verbose."""

    def __init__(self, *, quiet: bool, verbose: bool, err: IO[str]) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.err = err
        self._progress = None
        self._task = None
        if not quiet and err.isatty():
            from rich.console import Console as RichConsole
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("pages"),
                console=RichConsole(file=err),
                transient=True,
            )

    def __enter__(self) -> Console:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.finish()

    def finish(self) -> None:
        """Take the progress bar off the terminal before results are printed."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def document(self, path: Path, index: int, total: int) -> None:
        if self._progress is not None:
            from rich.markup import escape

            label = escape(f"[{index}/{total}] {_t(Path(path).name)}")
            if self._task is not None:
                self._progress.remove_task(self._task)
            self._task = self._progress.add_task(label, total=None)
        elif self.verbose:
            print(f"reading {_t(path)} ({index}/{total})", file=self.err)

    def pages(self, done: int, total: int) -> None:
        if self._progress is None:
            return
        if self._task is None:
            self._task = self._progress.add_task("reading", total=None)
        self._progress.update(self._task, completed=done, total=total)

    def note(self, message: str) -> None:
        if self.verbose:
            print(f"warning: {_t(message)}", file=self.err)


# --------------------------------------------------------------------------- commands


def _cmd_run(args: argparse.Namespace, out: IO[str], console: Console) -> int:
    console.document(args.file, 1, 1)
    r = pipeline.run_period(
        args.file,
        args.period,
        store_dir=args.store,
        force=args.force,
        allow_loss=args.allow_loss,
        password=args.password,
        feedback=console,
        limits=_limits(args),
        raw_csv=args.raw_csv,
    )
    console.finish()
    if not args.quiet:
        _print_run(r, out)
    return EXIT_OK


def _print_run(r: pipeline.RunResult, out: IO[str]) -> None:
    counts = ", ".join(f"{k} {v}" for k, v in r.counts.items() if v)
    cached = " (unchanged file: read from the stored snapshot)" if r.cached else ""
    print(f"{r.period}: {r.actions} actions ({counts}), {r.warnings} warnings{cached}", file=out)
    print(f"  snapshot  {_t(r.snapshot)}", file=out)
    print(f"            {_t(r.snapshot_csv)}", file=out)
    if r.snapshot_xlsx is not None:
        print(f"            {_t(r.snapshot_xlsx)}", file=out)
    if r.changes_csv is not None:
        print(f"  changes   {_t(r.changes_csv)} ({r.changes} since {r.previous_period})", file=out)
    else:
        print("  changes   none: first period in the store", file=out)
    print(f"  report    {_t(r.report_md)}", file=out)
    print(f"            {_t(r.report_html)}", file=out)
    if r.report_pptx is not None:
        print(f"  deck      {_t(r.report_pptx)}", file=out)
    if r.changes_xlsx is not None:
        print(f"  workbook  {_t(r.changes_xlsx)}", file=out)
    if r.stale_later is not None:
        later = r.stale_later.period
        store = f" --store {shlex.quote(str(r.store))}" if r.store != DEFAULT_STORE else ""
        print(
            f"  note      {later}'s report was made before {r.period} was stored; to compare"
            f" {later} with {r.period}:\n            plantrack run"
            f" {_t(shlex.quote(r.stale_later.source_file))} --period {later}{store} --force",
            file=out,
        )


def _cmd_extract(args: argparse.Namespace, out: IO[str], console: Console) -> int:
    files: list[Path] = args.file
    if len(files) > 1 or (
        files[0].is_dir() and args.output.suffix.lower() not in pipeline.TABLE_SUFFIXES
    ):
        return _extract_many(args, out, console)
    console.document(files[0], 1, 1)
    path, n = pipeline.extract(
        files[0],
        args.output,
        period=args.period,
        allow_loss=args.allow_loss,
        password=args.password,
        feedback=console,
        jobs=args.jobs,
        limits=_limits(args),
        raw_csv=args.raw_csv,
    )
    console.finish()
    if not args.quiet:
        print(f"{n} actions written to {_t(path)}", file=out)
    return EXIT_OK


def _extract_many(args: argparse.Namespace, out: IO[str], console: Console) -> int:
    """Several documents into a folder; every refusal is reported, the first sets the code."""
    if args.output.suffix.lower() in pipeline.TABLE_SUFFIXES:
        raise UsageError(
            f"cannot write several documents to '{args.output.name}': give a folder with -o"
        )
    results = pipeline.extract_many(
        args.file,
        args.output,
        period=args.period,
        allow_loss=args.allow_loss,
        password=args.password,
        jobs=args.jobs,
        feedback=console,
        limits=_limits(args),
        raw_csv=args.raw_csv,
    )
    console.finish()
    for r in results:
        if r.error:
            print(f"Error: {_t(r.error)}", file=console.err)
        elif not args.quiet:
            print(f"{r.actions} actions written to {_t(r.output)}", file=out)
    return next((r.exit_code for r in results if r.error), EXIT_OK)


def _cmd_diff(args: argparse.Namespace, out: IO[str], console: Console) -> int:
    result = pipeline.diff(
        args.old,
        args.new,
        out_dir=args.output,
        period=args.period,
        previous_period=args.previous_period,
        allow_loss=args.allow_loss,
        feedback=console,
        limits=_limits(args),
        raw_csv=args.raw_csv,
    )
    console.finish()
    if args.json:
        # ASCII-only JSON: document text can never reach the terminal as control codes
        out.write(json.dumps(result.comparison, indent=2, ensure_ascii=True) + "\n")
    elif args.output is None:
        out.write(result.markdown)
    elif not args.quiet:
        print(f"{result.changes} changes", file=out)
        for path in result.paths.values():
            print(f"  {_t(path)}", file=out)
    return EXIT_OK


def _cmd_history(args: argparse.Namespace, out: IO[str], console: Console) -> int:
    entries = pipeline.history(args.store)
    statuses = ["Red", "Amber", "Green", "Blue"]
    header = ["period", "actions", *statuses, "other", "warnings", "source"]
    rows = []
    for e in entries:
        other = sum(v for k, v in e.counts.items() if k not in statuses)
        rows.append(
            [
                _t(e.period),
                str(e.actions),
                *(str(e.counts.get(s, 0)) for s in statuses),
                str(other),
                str(e.warnings),
                _t(Path(e.source_file).name),  # a file name is someone's text: escaped
            ]
        )
    if not rows:
        print(f"No periods in {_t(args.store)}", file=out)
        return EXIT_OK
    if out.isatty():
        from rich.console import Console as RichConsole
        from rich.table import Table
        from rich.text import Text

        table = Table(title=Text(f"plantrack store {_t(args.store)}"))
        for name in header:
            if name in ("period", "source"):
                table.add_column(name, overflow="fold", min_width=len(name))
            else:
                table.add_column(name, justify="right")
        for row in rows:
            table.add_row(*(Text(c) for c in row))  # Text: never read as rich markup
        RichConsole(file=out).print(table)
    else:
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
        for row in [header, *rows]:
            print(
                "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip(), file=out
            )
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace, out: IO[str], console: Console) -> int:
    results = pipeline.demo(args.dir, feedback=console)
    console.finish()
    if not args.quiet:
        for r in results:
            print(
                f"{r.period}: {r.actions} actions, {r.changes} changes -> "
                f"{_t(r.report_html.parent)}",
                file=out,
            )
    print(_t(results[-1].report_html), file=out)
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace, out: IO[str], console: Console) -> int:
    from plantrack.serve import serve  # Flask only for this command

    console.finish()
    serve(
        args.store,
        host=args.host,
        port=args.port,
        max_upload_mb=args.max_upload_mb,
        verbose=args.verbose,
        out=out,
    )
    return EXIT_OK


COMMANDS = {
    "run": _cmd_run,
    "extract": _cmd_extract,
    "diff": _cmd_diff,
    "history": _cmd_history,
    "demo": _cmd_demo,
    "serve": _cmd_serve,
}


class Interrupts:
    """SIGINT while a command runs. The first raises KeyboardInterrupt, so the run unwinds
    through its clean-ups (workers terminated, staging removed, lock released) and `main`
    prints one line; a second one, during that unwinding, leaves at once (what is left is
    tidied by the next run). Either way exactly one line, exit 130, no traceback."""

    def __init__(self, err: IO[str]) -> None:
        self.err = err
        self.count = 0
        self.reported = False

    def __call__(self, signum: int, frame: object) -> None:
        self.count += 1
        if self.count == 1:
            raise KeyboardInterrupt
        self.report()
        os._exit(EXIT_INTERRUPTED)

    def report(self) -> None:
        if not self.reported:
            self.reported = True
            with contextlib.suppress(OSError, ValueError):
                print("Error: interrupted", file=self.err, flush=True)

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        """This handler for the duration (main thread only), the previous one after."""
        try:
            previous = signal.signal(signal.SIGINT, self)
        except ValueError:  # not the main thread: leave signals alone
            yield
            return
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)


def _refuse_undecodable_names(args: argparse.Namespace) -> None:
    """Every path given on the command line must have a name plantrack can record."""
    for value in vars(args).values():
        for path in value if isinstance(value, list) else [value]:
            if isinstance(path, Path):
                pipeline.refuse_undecodable_name(path)


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """Entry point; returns the exit code (the console script passes it to sys.exit)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    interrupts = Interrupts(err)
    try:
        with interrupts.installed():
            return _main(argv, out, err)
    except KeyboardInterrupt:
        interrupts.report()
        return EXIT_INTERRUPTED


def _main(argv: Sequence[str] | None, out: IO[str], err: IO[str]) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    parser = build_parser()
    try:
        try:
            with contextlib.redirect_stdout(out):
                args = parser.parse_args(argv)
        except SystemExit as exc:  # --help / --version
            return int(exc.code or 0)
        if args.command is None:
            parser.print_help(out)
            return EXIT_OK
        _refuse_undecodable_names(args)
        with Console(quiet=args.quiet, verbose=args.verbose, err=err) as console:
            return COMMANDS[args.command](args, out, console)
    except PlantrackError as exc:
        if debug:
            traceback.print_exc(file=err)
        print(f"Error: {_t(exc)}", file=err)
        return exc.exit_code
    except Exception as exc:
        if debug:
            traceback.print_exc(file=err)
        if isinstance(exc, OSError) and write_refused(exc):  # a write outside the store
            refused = write_error(exc.filename or "a file", exc)
            print(f"Error: {refused}", file=err)
            return refused.exit_code
        print(
            f"Error: unexpected failure ({type(exc).__name__}: {_t(exc)}); "
            "run again with --debug and report it",
            file=err,
        )
        return EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
