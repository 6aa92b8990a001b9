"""The `plantrack` command: the click group, the commands it holds, and `main`.

Each command lives in its own module under `plantrack/commands/` (library function, then
its click command); this module adds them to the group, turns every error into one
`Error: <message>` line with its documented exit code (plantrack.errors; a traceback only
with --debug), and handles Ctrl-C. click's usage errors keep the words plantrack has
always printed ("the following arguments are required: --period (see 'plantrack run
--help')"), which the README lists (`plantrack.options.Parsing`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import traceback
from collections.abc import Iterator, Sequence
from typing import IO

import click

from outputs.safe import terminal_text as _t
from plantrack import __version__
from plantrack.commands import demo, diff, extract, history, init, run, serve
from plantrack.errors import (
    EXIT_CODES_HELP,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNEXPECTED,
    PlantrackError,
    UsageError,
    write_error,
    write_refused,
)
from plantrack.options import Command, Parsing, Runtime, output_options, runtime, see

__all__ = ["COMMANDS", "Interrupts", "cli", "main"]


class Group(Parsing, click.Group):
    """The `plantrack` group: commands listed in the order they are added; an unknown one
    refused in argparse's words."""

    command_class = Command

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        if name not in self.commands and not name.startswith("-"):
            choices = ", ".join(repr(c) for c in self.commands)
            raise UsageError(
                f"argument COMMAND: invalid choice: {name!r} (choose from {choices})" + see(ctx)
            )
        return super().resolve_command(ctx, args)


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(
    cls=Group,
    invoke_without_command=True,
    context_settings=CONTEXT,
    epilog=EXIT_CODES_HELP,
)
@click.version_option(__version__, "--version", message="%(prog)s %(version)s")
@output_options
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Track a published EDI action plan from quarter to quarter: extract the table, keep a
    snapshot per quarter, report what changed."""
    if ctx.invoked_subcommand is None:
        print(ctx.get_help(), file=runtime().out)


for _module in (run, extract, diff, history, demo, serve, init):
    cli.add_command(_module.command, _module.__name__.rsplit(".", 1)[-1])

#: The commands, by name, in the order `plantrack --help` lists them.
COMMANDS: dict[str, click.Command] = dict(cli.commands)


# --------------------------------------------------------------------------- running


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
    try:
        # click prints --help and --version to sys.stdout: make that `out`
        with (
            contextlib.redirect_stdout(out),
            cli.make_context("plantrack", argv, obj=Runtime(out=out, err=err)) as ctx,
        ):
            code = cli.invoke(ctx)
        return code if isinstance(code, int) else EXIT_OK
    except click.exceptions.Exit as exc:  # --help, --version
        return exc.exit_code
    except PlantrackError as exc:
        if debug:
            traceback.print_exc(file=err)
        print(f"Error: {_t(exc)}", file=err)
        return exc.exit_code
    except click.ClickException as exc:  # a usage error click words itself
        if debug:
            traceback.print_exc(file=err)
        print(f"Error: {_t(exc.format_message())}", file=err)
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
