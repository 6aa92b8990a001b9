"""`plantrack init`: write a store's commented `plantrack.toml`, to edit before the first
run (a run writes the same file into a store that has none)."""

from __future__ import annotations

from pathlib import Path

import click

from outputs.safe import terminal_text as _t
from plantrack.config import CONFIG_NAME, write_default_config
from plantrack.errors import EXIT_OK, StoreError, writing
from plantrack.options import Command, example, output_options, runtime, store_option
from plantrack.store import DEFAULT_STORE, Store

__all__ = ["command", "init_store"]


def init_store(store_dir: Path = DEFAULT_STORE) -> Path:
    """Write the commented default `plantrack.toml` into a store (made if need be); refuse
    a store that already has one, and a folder that is not a store."""
    store = Store(store_dir)
    store.manifest()  # a file, a foreign folder or a damaged store is refused here
    path = store.root / CONFIG_NAME
    if path.exists() or path.is_symlink():
        raise StoreError(
            f"{path} already exists; edit it, or delete it to write the commented defaults again"
        )
    with writing(path):
        return write_default_config(store.root)


@click.command(cls=Command, epilog=example("plantrack init --store plantrack-store"))
@store_option("; made if it does not exist")
@output_options
def command(store: Path) -> int:
    """Write the store's commented configuration file, plantrack.toml (column aliases, the
    key column, status words, day-first dates), to edit before the first run."""
    rt = runtime()
    path = init_store(store)
    if not rt.quiet:
        print(
            f"wrote {_t(path)}: every setting commented out; edit it before the first run",
            file=rt.out,
        )
    return EXIT_OK
