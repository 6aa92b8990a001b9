"""Bounded fuzzing of whole sample documents (every page), outside the CI suite.

Each committed sample (every PDF and DOCX under samples/<period>/ and samples/narrow/) is
damaged whole, by the deterministic mutations of tests/_fuzz_support (cut, bytes flipped,
zeroed, a chunk copied elsewhere, and for PDFs a broken cross-reference table), with
seeds 0, 1, 2, ... so any case is rebuilt from its label. Each damaged file goes through
what `plantrack run` does before saving: ingest.read_plan, the conservation check and
normalise, in a child process with a CPU and a wall-clock limit. A case may parse or be
refused with an `ingest.IngestError` (plantrack's own one-line refusal); an exception of
any other kind, a dead child ("crash") or a timeout ("hang") is a failure.

The run stops at --budget seconds or --cases cases, whichever comes first, and prints the
figures the README quotes: files, cases, verdicts, crashes, hangs, time.
Run: `.venv/bin/python benchmarks/fuzz_samples.py [--budget 180] [--cases 400] [--workers 1]`
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests._fuzz_support import MUTATIONS, mutate, run_isolated  # noqa: E402

#: CPU seconds a whole damaged sample may take (an intact one reads in 1-5 s).
SECONDS_PER_CASE = 30


def probe_run(path: Path) -> tuple[str, str]:
    """read_plan, then the conservation check and normalise, as `plantrack run` does."""
    import ingest
    import normalise

    logging.disable(logging.WARNING)  # pdfminer's warnings about the damage, by the thousand
    try:
        plan = ingest.read_plan(path)
        losses = ingest.check_conservation(plan, path)
    except ingest.IngestError as exc:
        message = str(exc)
        if not message.strip() or "\n" in message:
            return "error", f"{type(exc).__name__} whose message is not one line: {message!r}"
        return "refused", f"{type(exc).__name__}: {message}"
    actions = normalise.normalise(plan).actions
    return "parsed", f"{len(actions)} actions, {plan.page_count} pages, {len(losses)} losses"


def samples() -> list[Path]:
    found = sorted(ROOT.glob("samples/*/plan*.pdf")) + sorted(ROOT.glob("samples/*/plan*.docx"))
    return [p for p in found if p.parent.name != "bad"]


def cases(sources: list[Path], directory: Path, limit: int) -> list[tuple[str, Path]]:
    """Mutants round-robin over files and kinds, so a short budget still covers them all."""
    out: list[tuple[str, Path]] = []
    seed = 0
    data = {s: s.read_bytes() for s in sources}
    while len(out) < limit:
        for source in sources:
            kinds = [k for k in MUTATIONS if k != "xref" or source.suffix == ".pdf"]
            kind = kinds[seed % len(kinds)]
            damaged, note = mutate(data[source], kind, seed)
            path = directory / f"{source.parent.name}-{source.stem}-{kind}-{seed}{source.suffix}"
            path.write_bytes(damaged)
            out.append(
                (f"mutate({source.relative_to(ROOT)}, {kind!r}, seed={seed}) [{note}]", path)
            )
            seed += 1
            if len(out) >= limit:
                break
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=180, help="seconds, at most")
    parser.add_argument("--cases", type=int, default=400, help="cases, at most")
    parser.add_argument("--workers", type=int, default=1, help="child processes at once")
    args = parser.parse_args()
    sources = samples()
    started = time.monotonic()
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="plantrack-fuzz-") as tmp:
        pending = cases(sources, Path(tmp), args.cases)
        probe_run(sources[0])  # imports once, so every forked child inherits them
        while pending and time.monotonic() - started < args.budget:
            batch, pending = pending[: args.workers], pending[args.workers :]
            outcomes += run_isolated(
                batch, probe_run, timeout=SECONDS_PER_CASE, workers=args.workers
            )
    elapsed = time.monotonic() - started
    verdicts = Counter(o.verdict for o in outcomes)
    bad = [o for o in outcomes if not o.ok]
    names = ", ".join(s.relative_to(ROOT).as_posix() for s in sources)
    print(f"files: {len(sources)} samples ({names})")
    print(f"cases: {len(outcomes)} in {elapsed:.0f} s ({args.workers} worker(s))")
    print("verdicts: " + ", ".join(f"{v} {n}" for v, n in sorted(verdicts.items())))
    crashes, hangs, errors = verdicts["crash"], verdicts["timeout"], verdicts["error"]
    print(f"crashes: {crashes}, hangs: {hangs}, other errors: {errors}")
    slowest = max(outcomes, key=lambda o: o.seconds, default=None)
    if slowest is not None:
        print(f"slowest case: {slowest.seconds:.1f} s ({slowest.case})")
    for outcome in bad:
        print("FAILED " + outcome.describe())
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
