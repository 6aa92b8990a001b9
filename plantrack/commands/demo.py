"""`plantrack demo`: run the bundled sample quarters, in order, into a fresh folder."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import click

import outputs
from outputs.safe import terminal_text as _t
from plantrack.commands.run import RunResult, run_period
from plantrack.errors import EXIT_OK, InputError, writing
from plantrack.feedback import QUIET, Feedback
from plantrack.options import PATH, Command, console, example, output_options, runtime

__all__ = ["DEMO_FILE", "command", "demo", "demo_inputs", "find_samples"]

DEMO_FILE = "plan-libreoffice.pdf"
_PERIOD_DIR = re.compile(r"\d{4}-Q[1-4]")


def find_samples() -> Path:
    """The bundled samples folder: next to the package (repo checkout) or in the cwd."""
    here = Path(__file__).resolve().parents[2] / "samples"
    for candidate in (here, Path.cwd() / "samples"):
        if candidate.is_dir() and demo_inputs(candidate):
            return candidate
    raise InputError(
        "bundled samples not found (expected samples/<period>/plan-libreoffice.pdf beside "
        "the plantrack package); run the demo from a plantrack checkout"
    )


def demo_inputs(samples: Path) -> list[tuple[str, Path]]:
    """(period, document) for every sample quarter, oldest first."""
    found = [
        (d.name, d / DEMO_FILE)
        for d in samples.iterdir()
        if d.is_dir() and _PERIOD_DIR.fullmatch(d.name) and (d / DEMO_FILE).is_file()
    ]
    return sorted(found, key=lambda item: outputs.period_key(item[0]))


def demo(dest: Path | None = None, *, feedback: Feedback = QUIET) -> list[RunResult]:
    """Run every sample quarter, in order, into a fresh store; the last result is the latest."""
    inputs = demo_inputs(find_samples())
    if dest is not None and not Path(dest).is_dir():
        raise InputError(f"{dest}: no such folder for the demo")
    with writing(dest or Path(tempfile.gettempdir())):
        root = Path(tempfile.mkdtemp(prefix="plantrack-demo-", dir=dest))
    store_dir = root / "plantrack-store"
    results = []
    for index, (period, document) in enumerate(inputs, start=1):
        feedback.document(document, index, len(inputs))
        results.append(run_period(document, period, store_dir=store_dir, feedback=feedback))
    return results


# --------------------------------------------------------------------------- the command


@click.command(cls=Command, epilog=example("plantrack demo"))
@click.option(
    "--dir",
    "dest",
    type=PATH,
    default=None,
    metavar="DIR",
    help="make the demo folder inside DIR (default: the system temp folder)",
)
@output_options
def command(dest: Path | None) -> int:
    """Run the bundled sample quarters in order into a fresh temporary folder and print the
    path of the latest report."""
    rt, feedback = runtime(), console()
    results = demo(dest, feedback=feedback)
    feedback.finish()
    if not rt.quiet:
        for r in results:
            print(
                f"{r.period}: {r.actions} actions, {r.changes} changes -> "
                f"{_t(r.report_html.parent)}",
                file=rt.out,
            )
    print(_t(results[-1].report_html), file=rt.out)
    return EXIT_OK
