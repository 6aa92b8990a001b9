"""Run a document reader on many files, each in its own child process with a hard time limit.

Robustness tests (wild PDFs, mutated samples) must survive what they look for: a hang, a
segfault or a memory blow-up in a parser would otherwise take the whole test run down with it
and hide which file did it. Each case runs in a forked child; the parent only collects a small
verdict, kills children that overrun, and reports a dead child as a crash with its exit code.

Also here: the deterministic byte mutations used to build the mutated-sample corpus, so a
failing case can be rebuilt from its (source, kind, seed) label alone.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import random
import re
import resource
import signal
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

#: Verdicts a case may end with. Only the first two are acceptable for a document reader.
ACCEPTABLE = ("parsed", "refused")

#: Address-space cap for each child: a small document that needs more than this is a bug.
CHILD_MEMORY_BYTES = 3 * 1024**3


@dataclass(frozen=True)
class Outcome:
    """What happened to one case. `detail` is one line; `trace` is the innermost traceback."""

    case: str
    verdict: str  # "parsed", "refused", "error", "crash", "timeout"
    detail: str
    seconds: float  # wall clock
    trace: str = ""
    cpu_seconds: float = -1.0  # the child's own CPU time; -1 when it never answered

    @property
    def ok(self) -> bool:
        return self.verdict in ACCEPTABLE

    def describe(self) -> str:
        """A paragraph for a failure message: enough to find and reproduce the case."""
        cpu = f", {self.cpu_seconds:.1f}s CPU" if self.cpu_seconds >= 0 else ""
        text = f"{self.case}: {self.verdict} after {self.seconds:.1f}s{cpu}: {self.detail}"
        if self.trace:
            text += "\n    " + self.trace.rstrip().replace("\n", "\n    ")
        return text


Probe = Callable[[Path], tuple[str, str]]


def probe_read_plan(path: Path) -> tuple[str, str]:
    """Read `path` with `ingest.read_plan`; classify the result as parsed or refused.

    Anything other than a `Plan` or an `ingest.IngestError` with a one-line message
    escapes as an exception and is reported by the child wrapper as an "error".
    """
    import ingest

    try:
        plan = ingest.read_plan(path)
    except ingest.IngestError as exc:
        message = str(exc)
        if not message.strip() or "\n" in message:
            return "error", f"{type(exc).__name__} whose message is not one line: {message!r}"
        return "refused", f"{type(exc).__name__}: {message}"
    if not isinstance(plan, ingest.Plan):
        return "error", f"read_plan returned {type(plan).__name__}, not a Plan"
    return "parsed", f"Plan with {len(plan.actions)} actions, {plan.page_count} pages"


def excerpt(source: Path, pages: Sequence[int], target: Path) -> Path:
    """Write the given 0-based pages of `source` to `target` (pypdf; deterministic bytes).

    Mutating a two-page excerpt exercises the same parser paths as mutating the whole plan
    at a fraction of the cost, which is what lets a few hundred cases fit in CI.
    """
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(source)
    writer = PdfWriter()
    for page in pages:
        writer.add_page(reader.pages[page])
    with target.open("wb") as handle:
        writer.write(handle)
    return target


def warm_up(sample: Path, directory: Path, probe: Probe = probe_read_plan) -> str:
    """Read a one-page excerpt of a real plan in this process before forking any child.

    The reader's lazy imports (pdfplumber, scipy...) then happen once and every forked
    child inherits them, instead of each paying seconds for them against its time limit.
    """
    return probe(excerpt(sample, [0], directory / "warm-up.pdf"))[0]


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _child(probe: Probe, path: Path, out: Connection, cpu_limit: int) -> None:
    """Runs in the child: apply the probe, send back (verdict, detail, trace, CPU seconds).

    The CPU limit is enforced by the kernel (SIGXCPU), so a busy loop dies on time however
    loaded the machine is; the parent's wall-clock limit catches a child that waits forever.
    """
    with contextlib.suppress(ValueError, OSError):  # a lower hard limit is in force: keep it
        resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_limit, cpu_limit + 5))
    try:
        verdict, detail = probe(path)
        out.send((verdict, detail, "", _cpu_seconds()))
    except BaseException as exc:  # the point of the harness: nothing may escape unreported
        name = f"{type(exc).__module__}.{type(exc).__qualname__}"
        detail = f"{name}: {exc}".replace("\n", " ")[:500]
        out.send(("error", detail, traceback.format_exc()[-2500:], _cpu_seconds()))
    finally:
        out.close()


@dataclass
class _Job:
    case: str
    process: multiprocessing.process.BaseProcess
    conn: Connection
    started: float


def _finish(job: _Job, timed_out: bool) -> Outcome:
    """Collect a job's verdict (or its absence) and make sure its process is gone."""
    elapsed = time.monotonic() - job.started
    if timed_out:
        job.process.terminate()
        job.process.join(2)
        if job.process.is_alive():
            job.process.kill()
            job.process.join()
        job.conn.close()
        return Outcome(
            job.case, "timeout", "killed: no answer within the wall-clock limit", elapsed
        )
    message = None
    try:
        if job.conn.poll():
            message = job.conn.recv()
    except (EOFError, OSError):
        message = None
    job.conn.close()
    job.process.join(10)
    if job.process.is_alive():
        job.process.kill()
        job.process.join()
    if message is None:
        code = job.process.exitcode
        if code == -signal.SIGXCPU:
            return Outcome(job.case, "timeout", "killed: CPU time limit reached", elapsed)
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return Outcome(job.case, "crash", f"child died without answering ({how})", elapsed)
    verdict, detail, trace, cpu = message
    return Outcome(job.case, verdict, detail, elapsed, trace, cpu)


def run_isolated(
    cases: Sequence[tuple[str, Path]],
    probe: Probe = probe_read_plan,
    *,
    timeout: int,
    workers: int = 2,
    wall_factor: float = 3.0,
) -> list[Outcome]:
    """Run `probe` on every (label, path) case in a fresh child, at most `workers` at once.

    A child that uses more than `timeout` seconds of CPU, or takes more than
    `wall_factor * timeout` seconds on the clock, is killed ("timeout"). The limit is on CPU
    time because that is what "n seconds per file" means on a dedicated machine and it does
    not shift when other work shares the cores. A child that dies without answering is a
    "crash". Outcomes come back in the order of `cases`.
    """
    wall_limit = timeout * wall_factor
    context = multiprocessing.get_context("fork")  # no pickling: the probe may be any callable
    pending = list(enumerate(cases))
    running: dict[int, _Job] = {}
    outcomes: dict[int, Outcome] = {}
    while pending or running:
        while pending and len(running) < workers:
            index, (label, path) = pending.pop(0)
            receive, send = context.Pipe(duplex=False)
            process = context.Process(
                target=_child, args=(probe, Path(path), send, timeout), daemon=True
            )
            process.start()
            send.close()  # the parent keeps only the reading end, so a dead child means EOF
            running[index] = _Job(label, process, receive, time.monotonic())
        now = time.monotonic()
        nearest = min(job.started + wall_limit for job in running.values())
        waitables = [job.conn for job in running.values()]
        waitables += [job.process.sentinel for job in running.values()]
        ready = set(wait(waitables, timeout=max(0.0, nearest - now)))
        now = time.monotonic()
        for index, job in list(running.items()):
            if job.conn in ready or job.process.sentinel in ready:
                outcomes[index] = _finish(job, timed_out=False)
                del running[index]
            elif now >= job.started + wall_limit:
                outcomes[index] = _finish(job, timed_out=True)
                del running[index]
    return [outcomes[index] for index in range(len(cases))]


def failure_report(outcomes: Sequence[Outcome], title: str) -> str:
    """The failure message for a corpus test: every bad case, then a one-line summary."""
    bad = [outcome for outcome in outcomes if not outcome.ok]
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.verdict] = counts.get(outcome.verdict, 0) + 1
    summary = ", ".join(f"{count} {verdict}" for verdict, count in sorted(counts.items()))
    lines = [f"{title}: {len(bad)} of {len(outcomes)} cases failed ({summary})"]
    lines += [outcome.describe() for outcome in bad]
    return "\n".join(lines)


# --- deterministic mutations ------------------------------------------------------------

MUTATIONS = ("truncate", "flip", "zero", "xref", "duplicate")


def mutate(data: bytes, kind: str, seed: int) -> tuple[bytes, str]:
    """Damage `data` in one way; return the damaged bytes and a note of exactly what was done.

    The same (data, kind, seed) always gives the same bytes, so a failing case is rebuilt
    with `mutate(Path(source).read_bytes(), kind, seed)`.
    """
    rng = random.Random(seed)
    size = len(data)
    if kind == "truncate":
        offset = rng.randrange(1, size)
        return data[:offset], f"cut at byte {offset} of {size}"
    if kind == "flip":
        buffer = bytearray(data)
        offsets = sorted(rng.randrange(size) for _ in range(rng.randint(1, 8)))
        for offset in offsets:
            buffer[offset] ^= rng.randrange(1, 256)
        return bytes(buffer), f"bytes changed at offsets {offsets}"
    if kind == "zero":
        length = rng.randint(16, 4096)
        offset = rng.randrange(size)
        end = min(size, offset + length)
        return data[:offset] + bytes(end - offset) + data[end:], f"zeroed bytes {offset}..{end}"
    if kind == "xref":
        return _damage_xref(data, rng)
    if kind == "duplicate":
        length = rng.randint(16, 4096)
        start = rng.randrange(size)
        chunk = data[start : start + length]
        at = rng.randrange(size)
        note = f"copied bytes {start}..{start + len(chunk)} to offset {at}"
        return data[:at] + chunk + data[at:], note
    raise ValueError(f"unknown mutation {kind!r}")


def _damage_xref(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Break the cross-reference machinery: wrong startxref, garbled table, or no trailer."""
    way = rng.choice(("startxref", "table", "trailer"))
    pointer = list(re.finditer(rb"startxref\s+(\d+)", data))
    tables = [match.start() for match in re.finditer(rb"(?<![a-z])xref\s", data)]
    if way == "startxref" and pointer:
        match = pointer[-1]
        wrong = str(rng.randrange(len(data))).encode()
        damaged = data[: match.start(1)] + wrong + data[match.end(1) :]
        return damaged, f"last startxref {match.group(1).decode()} -> {wrong.decode()}"
    if way == "table" and tables:
        start = rng.choice(tables)
        buffer = bytearray(data)
        hits = sorted(rng.randrange(start, min(len(data), start + 400)) for _ in range(12))
        for offset in hits:
            buffer[offset] = rng.choice(b"0123456789 nfx")
        return bytes(buffer), f"xref table at {start} garbled at offsets {hits}"
    trailer = data.rfind(b"trailer")
    if trailer < 0:
        trailer = pointer[-1].start() if pointer else max(0, len(data) - 64)
    return data[:trailer] + b"%%EOF\n", f"trailer from byte {trailer} replaced by %%EOF"


def build_mutants(
    sources: Sequence[Path], counts: dict[str, int], directory: Path, base_seed: int = 0
) -> list[tuple[str, Path]]:
    """Write `counts[kind]` mutants of each kind for every source; return (label, path) cases.

    Seeds run base_seed, base_seed+1, ... across the whole corpus, so every label is unique.
    """
    cases: list[tuple[str, Path]] = []
    seed = base_seed
    for source in sources:
        data = source.read_bytes()
        for kind, count in counts.items():
            for _ in range(count):
                damaged, note = mutate(data, kind, seed)
                path = directory / f"{source.stem}-{kind}-{seed}.pdf"
                path.write_bytes(damaged)
                label = f"mutate({source.name}, {kind!r}, seed={seed}) [{note}]"
                cases.append((label, path))
                seed += 1
    return cases


def child_count() -> int:
    """Workers to use: two, as on CI, unless the machine has only one core."""
    return max(1, min(2, os.cpu_count() or 1))
