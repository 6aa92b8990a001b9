"""Stable action identities: "ACT-0001", "ACT-0002", ... handed out once and then inherited.

Sequential numbers are short enough to quote in a meeting, and collision-free because a fresh
number is always above every number already in use (ids of any other form are kept as they
are and simply avoided).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

PREFIX = "ACT-"
_ID = re.compile(rf"^{PREFIX}(\d+)$")


def format_id(number: int) -> str:
    return f"{PREFIX}{number:04d}"


def fresh_ids(count: int, taken: Iterable[str]) -> tuple[str, ...]:
    """`count` new ids numbered after the highest id in `taken`, none of them in `taken`."""
    taken = set(taken)
    numbers = [int(m.group(1)) for t in taken if (m := _ID.match(t))]
    start = max(numbers, default=0) + 1
    out: list[str] = []
    n = start
    while len(out) < count:
        candidate = format_id(n)
        if candidate not in taken:
            out.append(candidate)
        n += 1
    return tuple(out)


def new_ids(actions: Sequence[object]) -> tuple[str, ...]:
    """Ids for a first period: ACT-0001.. in document order."""
    return fresh_ids(len(actions), ())


def assign_ids(
    old_ids: Sequence[str],
    new_count: int,
    matched: dict[int, int],
    reserved: Iterable[str] = (),
) -> tuple[str, ...]:
    """Ids of the new actions: inherited through `matched` (new index -> old index), else fresh.

    Fresh ids go to unmatched new actions in document order, above every id in `old_ids`
    and `reserved` (ids retired in earlier periods).
    """
    unmatched = [j for j in range(new_count) if j not in matched]
    fresh = iter(fresh_ids(len(unmatched), [*old_ids, *reserved]))
    return tuple(old_ids[matched[j]] if j in matched else next(fresh) for j in range(new_count))
