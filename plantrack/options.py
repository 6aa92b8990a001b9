"""The options several commands share, as click decorators; the CLI's runtime state; and
`Command`, the click command class every plantrack command uses.

Each decorator adds one family of options the same way on every command that takes it
(`--store`, `--period`, the output switches, the reading limits), so a command's
signature is its list of decorators. Value types fail with argparse's wording, which the
README and tests document ("argument --jobs: must be a whole number …").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from plantrack.errors import UsageError
from plantrack.feedback import Console
from plantrack.reading import refuse_undecodable_name
from plantrack.store import DEFAULT_STORE

__all__ = [
    "PERIOD_HELP",
    "Command",
    "Parsing",
    "Runtime",
    "allow_loss_option",
    "config_option",
    "console",
    "example",
    "jobs_option",
    "limits_of",
    "output_options",
    "password_option",
    "period_option",
    "reading_options",
    "runtime",
    "safety_options",
    "see",
    "store_option",
]

F = TypeVar("F", bound=Callable[..., Any])

PERIOD_HELP = (
    "the quarter it reports: calendar YYYY-Qn (2025-Q3 = July-September 2025) or "
    "financial year YYYY/YY-Qn (2025/26-Q1 = April-June 2025; the year starts in April); "
    "ASCII digits; overdue is judged at the quarter's last day"
)


@dataclass
class Runtime:
    """Where a command prints, and how much: set by `plantrack.cli.main`, shared by the group
    and the command (an output switch counts before or after the command name)."""

    out: IO[str]
    err: IO[str]
    quiet: bool = False
    verbose: bool = False
    debug: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def runtime() -> Runtime:
    """The current invocation's Runtime (click's context object)."""
    obj = click.get_current_context().find_object(Runtime)
    if obj is None:  # invoked without plantrack.cli.main (e.g. click's CliRunner)
        import sys

        obj = Runtime(out=sys.stdout, err=sys.stderr)
        click.get_current_context().obj = obj
    return obj


def example(command: str) -> str:
    """A command's epilog: one example, then the exit codes (kept as laid out)."""
    from plantrack.errors import EXIT_CODES_HELP

    return f"example:\n  {command}\n\n{EXIT_CODES_HELP}"


# --------------------------------------------------------------------------- value types


class PathType(click.ParamType[Path, Any]):
    """Any text as a `Path`; whether it exists is the command's to say, in its own words."""

    name = "path"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        return value if isinstance(value, Path) else Path(value)


PATH = PathType()


class _Number(click.ParamType[float, Any]):
    """An int or float, refused in argparse's words: "invalid int value: 'x'"."""

    def __init__(self, kind: type[int] | type[float]) -> None:
        self.kind = kind
        self.name = kind.__name__

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        if not isinstance(value, str):  # a default, as given (50 stays 50, not 50.0)
            return value  # type: ignore[no-any-return]
        try:
            return self.kind(value)
        except ValueError:
            self.fail(f"invalid {self.name} value: {value!r}", param, ctx)


INT = _Number(int)
FLOAT = _Number(float)


class Jobs(click.ParamType[int, Any]):
    """Worker processes: a whole number, 0 for every core."""

    name = "N"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if not isinstance(value, str):
            return int(value)
        try:
            n = int(value)
        except ValueError:
            n = -1
        if n < 0:
            self.fail(f"must be a whole number, 0 for every core: {value!r}", param, ctx)
        return n


class Limit(click.ParamType[tuple[str, float], Any]):
    """`NAME=N`, one reading limit (ingest.Limits)."""

    name = "NAME=N"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, float]:
        if isinstance(value, tuple):
            return value
        from ingest.limits import Limits

        try:
            return Limits.parse_option(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def limits_of(limit: tuple[tuple[str, float], ...]) -> dict[str, float] | None:
    """The `--limit` pairs as ingest's limit overrides (None: the defaults)."""
    return dict(limit) or None


# --------------------------------------------------------------------------- decorators


def _switch(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    """An output switch given before or after the command name: either one counts."""
    if value and param.name:
        rt = ctx.find_object(Runtime)
        if rt is not None:
            setattr(rt, param.name, True)
    return value


def output_options(f: F) -> F:
    """--quiet, --verbose, --debug: on the group and on every command."""
    for decl, name, text in reversed(
        (
            (("-q", "--quiet"), "quiet", "print nothing but errors (and the data asked for)"),
            (("-v", "--verbose"), "verbose", "also print warnings and run details on stderr"),
            (("--debug",), "debug", "show a traceback with any error"),
        )
    ):
        f = click.option(
            *decl,
            name,
            is_flag=True,
            expose_value=False,
            callback=_switch,
            help=text,
        )(f)
    return f


def store_option(text: str = "") -> Callable[[F], F]:
    """--store DIR, default ./plantrack-store."""
    return click.option(
        "--store",
        type=PATH,
        default=DEFAULT_STORE,
        metavar="STORE",
        show_default=False,
        help=f"store folder (default: ./{DEFAULT_STORE}{text})",
    )


def period_option(*, required: bool = False, text: str = "") -> Callable[[F], F]:
    """--period P: a quarter, validated by the command (so the message is the store's)."""
    return click.option(
        "--period",
        required=required,
        default=None if required else "",
        metavar="PERIOD",
        help=(text + PERIOD_HELP) if text else PERIOD_HELP,
    )


def allow_loss_option(f: F) -> F:
    return click.option(
        "--allow-loss",
        is_flag=True,
        help="go on (with a warning) if table text was not conserved",
    )(f)


def password_option(f: F) -> F:
    return click.option("--password", default=None, help="password for an encrypted PDF")(f)


def jobs_option(f: F) -> F:
    return click.option(
        "--jobs",
        type=Jobs(),
        default=0,
        metavar="N",
        help="worker processes: a PDF's pages, or several documents, across N cores "
        "(default: every core; 1: one process)",
    )(f)


def config_option(f: F) -> F:
    """--config FILE: a plantrack.toml for a one-off read (extract, diff)."""
    return click.option(
        "--config",
        "config_path",
        type=PATH,
        default=None,
        metavar="FILE",
        help="read with this plantrack.toml (column aliases, key, status words, day_first); "
        "default: the plantrack.toml of --store, if it has one",
    )(f)


def safety_options(f: F) -> F:
    """--limit NAME=N (reading limits) and --raw-csv, on every command that reads and writes."""
    f = click.option(
        "--raw-csv",
        is_flag=True,
        help="write CSV cells exactly as read, for machines: without it a cell beginning "
        "with = + - @ tab or CR gets a leading ' so a spreadsheet shows it as text",
    )(f)
    return click.option(
        "--limit",
        type=Limit(),
        multiple=True,
        metavar="NAME=N",
        help="raise or lower a reading limit (repeatable): file_mb=100, pages=1000, "
        "rows=20000, page_chars=100000, member_mb=100, seconds=600 (0: no time limit)",
    )(f)


def reading_options(f: F) -> F:
    """--allow-loss, --password, --limit, --raw-csv: every command that reads a document
    into the store or a table."""
    return allow_loss_option(password_option(safety_options(f)))


# --------------------------------------------------------------------------- parsing


def see(ctx: click.Context, *, top: bool = False) -> str:
    """The hint every usage error ends with: the help of the command it concerns."""
    return f" (see '{(ctx.find_root() if top else ctx).command_path} --help')"


def _hint(param: click.Parameter) -> str:
    """How argparse named a parameter: `FILE`, `--period`, `-o/--output`."""
    if isinstance(param, click.Argument):
        return param.human_readable_name.removesuffix("...")
    return "/".join(param.opts)


def _expand_abbreviations(cmd: click.Command, ctx: click.Context, args: list[str]) -> list[str]:
    """`--per 2025-Q1` for `--period 2025-Q1`, as argparse allowed (a unique prefix)."""
    longs = sorted({o for p in cmd.get_params(ctx) for o in p.opts if o.startswith("--")})
    out: list[str] = []
    for i, arg in enumerate(args):
        if arg == "--" or (isinstance(cmd, click.Group) and not arg.startswith("-")):
            return out + args[i:]
        name, eq, value = arg.partition("=")
        if name.startswith("--") and name not in longs:
            found = [o for o in longs if o.startswith(name)]
            if len(found) > 1:
                raise UsageError(
                    f"ambiguous option: {name} could match {', '.join(found)}" + see(ctx)
                )
            if found:
                arg = found[0] + eq + value
        out.append(arg)
    return out


def _absent(value: object) -> bool:
    """Not given on the command line (click's parser marks a missing argument UNSET)."""
    return value is None or type(value).__name__ == "Sentinel" or value == ()


class Parsing:
    """argparse's messages for click's parse errors, and the checks every command shares."""

    epilog: str | None

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The example and the exit codes exactly as laid out, not rewrapped."""
        if self.epilog:
            formatter.write_paragraph()
            formatter.write(self.epilog.rstrip("\n") + "\n")

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        cmd: Any = self
        args = _expand_abbreviations(cmd, ctx, list(args))
        try:
            opts, _, _ = cmd.make_parser(ctx).parse_args(args=list(args))
        except click.NoSuchOption as exc:
            raise UsageError(
                f"unrecognized arguments: {exc.option_name}" + see(ctx, top=True)
            ) from None
        except click.BadOptionUsage as exc:
            param = next((p for p in cmd.get_params(ctx) if exc.option_name in p.opts), None)
            shown = _hint(param) if param is not None else exc.option_name
            raise UsageError(f"argument {shown}: expected one argument" + see(ctx)) from None
        params = cmd.get_params(ctx)
        if not any(p.is_eager and p.name in opts for p in params):  # --help, --version
            missing = [_hint(p) for p in params if p.required and _absent(opts.get(p.name))]
            if missing:
                raise UsageError(
                    "the following arguments are required: " + ", ".join(missing) + see(ctx)
                )
        allowed, ctx.allow_extra_args = ctx.allow_extra_args, True
        try:
            rest: list[str] = super().parse_args(ctx, args)  # type: ignore[misc]
        except click.BadParameter as exc:
            shown = _hint(exc.param) if exc.param is not None else "value"
            raise UsageError(f"argument {shown}: {exc.message}" + see(ctx)) from None
        finally:
            ctx.allow_extra_args = allowed
        if not isinstance(self, click.Group) and ctx.args:
            raise UsageError(f"unrecognized arguments: {' '.join(ctx.args)}" + see(ctx, top=True))
        return rest


class Command(Parsing, click.Command):
    """A plantrack command: argparse's messages, undecodable names refused, a Console."""

    def invoke(self, ctx: click.Context) -> Any:
        for value in ctx.params.values():
            for path in value if isinstance(value, tuple | list) else [value]:
                if isinstance(path, Path):
                    refuse_undecodable_name(path)
        rt = runtime()
        with Console(quiet=rt.quiet, verbose=rt.verbose, err=rt.err) as console:
            rt.extra["console"] = console
            return super().invoke(ctx)


def console() -> Console:
    """The running command's progress and notes (made by `Command.invoke`)."""
    made: Console = runtime().extra["console"]
    return made
