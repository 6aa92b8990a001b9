"""Benchmark: match 10,000 synthetic actions against 10,000, beside a plain rapidfuzz cdist.

Run: .venv/bin/python benchmarks/bench_match.py [--n 10000] [--seed 0]

The new plan is the old one shuffled and renumbered, with 55% of texts unchanged, 15% lightly
reworded (one or two words), 20% heavily reworded (a third of the words), and 10% removed and
replaced by new actions. It times `compare.compare` twice (default settings, and with the
exact-text pre-pairing switched off so all 10k x 10k pairs go through the assignment), and a
plain `rapidfuzz.process.cdist` over the same strings (default `ratio` scorer, all cores).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

import numpy as np
from rapidfuzz import process

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare import MatchSettings, compare  # noqa: E402
from normalise import Action  # noqa: E402

TEAMS = [
    f"{name} Team"
    for name in (
        "EDI",
        "Recruitment",
        "Learning",
        "Property",
        "Comms",
        "Policy",
        "Libraries",
        "Procurement",
        "IT",
        "HR",
    )
]


def vocabulary() -> list[str]:
    """Words of the sample plan, repeated by frequency so common words stay common."""
    with (ROOT / "samples" / "truth" / "2024-Q4.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [w for r in rows for w in (r["action"] + " " + r["success_measure"]).split()]


def make_action(rng: random.Random, words: list[str], k: int, text: str | None = None) -> Action:
    objective = str(rng.randint(1, 12))
    return Action(
        theme="ABC"[(int(objective) - 1) // 4],
        theme_title="",
        objective=objective,
        objective_title="",
        printed_no="",
        ref=f"{objective}.{k}",
        action=text or " ".join(rng.choice(words) for _ in range(rng.randint(10, 45))),
        team=rng.choice(TEAMS),
        start="Jan-25",
        end="Dec-25",
        start_date="2025-01-01",
        end_date="2025-12-31",
        end_kind="date",
        recurrence="",
        success_measure=" ".join(rng.choice(words) for _ in range(rng.randint(5, 20))),
        status=rng.choice(["Red", "Amber", "Green", "Blue"]),
        status_label="",
        progress_update="",
        source_file="bench",
        pages=(),
    )


def reword(text: str, rng: random.Random, words: list[str], fraction: float) -> str:
    tokens = text.split()
    count = max(1, round(len(tokens) * fraction))
    for i in rng.sample(range(len(tokens)), count):
        tokens[i] = rng.choice(words)
    return " ".join(tokens)


def synthetic(n: int, seed: int) -> tuple[list[Action], list[Action], dict[int, int]]:
    """(old, new, truth new index -> old index)."""
    rng = random.Random(seed)
    words = vocabulary()
    old = [make_action(rng, words, k) for k in range(n)]
    new_pairs: list[tuple[Action, int | None]] = []
    for i, a in enumerate(old):
        roll = rng.random()
        if roll < 0.10:
            new_pairs.append((make_action(rng, words, n + i), None))  # removed + added
            continue
        if roll < 0.25:
            text = reword(a.action, rng, words, 0.05)
        elif roll < 0.45:
            text = reword(a.action, rng, words, 1 / 3)
        else:
            text = a.action
        new_pairs.append((Action(**{**a.__dict__, "action": text, "ref": a.ref + "0"}), i))
    rng.shuffle(new_pairs)
    new = [a for a, _ in new_pairs]
    truth = {j: i for j, (_, i) in enumerate(new_pairs) if i is not None}
    return old, new, truth


def run(old, new, truth, settings: MatchSettings) -> tuple[float, float, int, int]:
    """(seconds, share of true pairs found, false matches, pairs flagged for review)."""
    t0 = time.perf_counter()
    result = compare(old, new, settings=settings)
    elapsed = time.perf_counter() - t0
    got = {m.new_index: m.old_index for m in result.matches}
    correct = sum(got.get(j) == i for j, i in truth.items())
    false_matches = sum(1 for j in got if j not in truth)
    return elapsed, correct / len(truth), false_matches, len(result.review)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    old, new, truth = synthetic(args.n, args.seed)
    mean_len = np.mean([len(a.action) for a in old])
    print(f"{args.n:,} old x {len(new):,} new actions, mean text {mean_len:.0f} chars")

    t0 = time.perf_counter()
    process.cdist([a.action for a in old], [a.action for a in new], workers=-1, dtype=np.uint8)
    plain = time.perf_counter() - t0
    print(f"plain rapidfuzz cdist (ratio, all cores):      {plain:7.2f} s")

    for label, settings in (
        ("compare (default settings)", MatchSettings()),
        ("compare (no exact pre-pairing, full matrix)", MatchSettings(exact_prematch=False)),
    ):
        elapsed, recall, false, review = run(old, new, truth, settings)
        print(
            f"{label + ':':<47}{elapsed:7.2f} s  ({elapsed / plain:.2f}x plain cdist), "
            f"{recall:.2%} of true pairs found, {false} false matches, {review} for review"
        )


if __name__ == "__main__":
    main()
