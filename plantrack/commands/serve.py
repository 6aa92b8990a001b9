"""`plantrack serve`: the command that starts the web app (`plantrack.serve`, Flask,
imported only when this command runs)."""

from __future__ import annotations

from pathlib import Path

import click

from plantrack.errors import EXIT_OK
from plantrack.options import (
    FLOAT,
    INT,
    Command,
    console,
    example,
    output_options,
    runtime,
    store_option,
)

__all__ = ["command"]


@click.command(cls=Command, epilog=example("plantrack serve   (then open http://127.0.0.1:8000/)"))
@store_option("; made by the first upload")
@click.option(
    "--host",
    default="127.0.0.1",
    help="address to listen on (default 127.0.0.1: this computer only; 0.0.0.0 lets "
    "others on the network in, and there is no login)",
)
@click.option("--port", type=INT, default=8000, help="port (default 8000)")
@click.option(
    "--max-upload-mb",
    type=FLOAT,
    default=50.0,
    metavar="MB",
    help="largest document accepted, in MB (default 50)",
)
@output_options
def command(store: Path, host: str, port: int, max_upload_mb: float) -> int:
    """Open the quarterly run in the browser: the quarters held, adding a quarter, each
    report and its downloads, one action's history, checking matches (and a JSON API)."""
    from plantrack.serve import serve as serve_store  # Flask only for this command

    rt = runtime()
    console().finish()
    serve_store(
        store, host=host, port=port, max_upload_mb=max_upload_mb, verbose=rt.verbose, out=rt.out
    )
    return EXIT_OK
