"""What a long command tells its caller as it goes: pages read, documents, warnings.

`Feedback` is the library's interface (silent by default: tests and the web app's jobs
subclass or use it as is); `Console` is the CLI's, drawing a rich progress bar on stderr
when it is a terminal (never otherwise) and printing notes with --verbose.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from outputs.safe import terminal_text as _t

__all__ = ["QUIET", "Console", "Feedback"]


class Feedback:
    """What a long run tells its caller as it goes; the default says nothing."""

    def document(self, path: Path, index: int, total: int) -> None:
        """A document is about to be read (index is 1-based)."""

    def pages(self, done: int, total: int) -> None:
        """`done` of `total` pages of the current document are read."""

    def note(self, message: str) -> None:
        """A warning worth showing with --verbose."""


QUIET = Feedback()


class Console(Feedback):
    """Progress on stderr (a rich bar on a terminal), notes with --verbose."""

    def __init__(self, *, quiet: bool, verbose: bool, err: IO[str]) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.err = err
        self._progress: Any = None
        self._task: Any = None
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
