"""`plantrack history`: the quarters a store holds, with counts by status and warnings
(a table on a terminal, plain columns otherwise)."""

from __future__ import annotations

from pathlib import Path

import click

from normalise import RAG_STATUSES
from outputs.safe import terminal_text as _t
from plantrack.errors import EXIT_OK, InputError
from plantrack.options import Command, example, output_options, runtime, store_option
from plantrack.store import DEFAULT_STORE, ManifestEntry, Store

__all__ = ["command", "history"]


def history(store_dir: Path = DEFAULT_STORE) -> list[ManifestEntry]:
    """Periods held in a store, oldest first."""
    store = Store(store_dir)
    if not store.exists():
        raise InputError(f"no plantrack store at {store.root} (run 'plantrack run' first)")
    return list(store.manifest().entries)


# --------------------------------------------------------------------------- the command


@click.command(cls=Command, epilog=example("plantrack history --store plantrack-store"))
@store_option()
@output_options
def command(store: Path) -> int:
    """List the quarters held in a store, with counts by status."""
    out = runtime().out
    entries = history(store)
    statuses = list(RAG_STATUSES)
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
        print(f"No periods in {_t(store)}", file=out)
        return EXIT_OK
    if out.isatty():
        from rich.console import Console as RichConsole
        from rich.table import Table
        from rich.text import Text

        table = Table(title=Text(f"plantrack store {_t(store)}"))
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
