"""Atomic file writes: a reader never sees a half-written file.

Every file plantrack writes goes to a temporary file in the *same* folder (so the final
`os.replace` is a rename on one filesystem, atomic on POSIX and Windows) and is moved into
place only once it is complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path


@contextlib.contextmanager
def temp_path_beside(path: Path) -> Iterator[Path]:
    """Yield a fresh temp path next to `path`; remove it if the caller did not use it up."""
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_atomic(path: Path, writer: Callable[[Path], None]) -> Path:
    """Call `writer(tmp)` to fill a temp file, fsync it, then rename it over `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with temp_path_beside(path) as tmp:
        writer(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    return path


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    """Atomically replace `path` with `data`."""

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    return write_atomic(Path(path), write)


def write_text_atomic(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Atomically replace `path` with `text`."""
    return write_bytes_atomic(Path(path), text.encode(encoding))
