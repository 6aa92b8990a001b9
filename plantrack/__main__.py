"""`plantrack` as a program (the console script, and `python -m plantrack`).

Ctrl-C is handled from the first instant: until the command line is parsed an interrupt
has nothing to undo, so it prints the one line and exits 130 at once, instead of a
traceback from inside an import. After an interrupt the process leaves without the
interpreter's shutdown (which could wait on a worker), every clean-up having already run.
Once a command has finished, Ctrl-C is ignored (and blocked): there is nothing left to
interrupt, and the interpreter's shutdown puts back the default SIGINT action for a Python
handler (never for SIG_IGN), which would otherwise kill the finished process with no message
and no exit code of its own; ignoring is process-wide, so a SIGINT delivered to another
thread (a worker pool's) during shutdown is ignored too, where blocking covers one thread.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys

EXIT_INTERRUPTED = 130


def _interrupted_early(signum: int, frame: object) -> None:
    print("Error: interrupted", file=sys.stderr, flush=True)
    os._exit(EXIT_INTERRUPTED)


def main() -> None:
    signal.signal(signal.SIGINT, _interrupted_early)
    from plantrack.cli import main as cli_main

    code = cli_main()
    if code == EXIT_INTERRUPTED:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    sys.exit(code)


if __name__ == "__main__":
    main()
