"""One-to-one assignment: forced pairs, exact-text pairs, then the optimal assignment.

Order of work, each step shrinking the next:
1. pairs forced by overrides are fixed;
2. actions whose normalised text is identical and unique on both sides are paired (identical
   wording is decisive, and in a typical quarter most actions are unchanged);
3. the rest are scored all-against-all (`scoring.score_matrix`), forbidden pairs are made
   impossible, and `scipy.optimize.linear_sum_assignment` picks the pairing with the highest
   total score among pairs at or above the threshold (solved per connected group of candidate
   pairs); what is left unpaired is removed / added;
4. a kept pair whose score beats its best competitor (any other pair sharing its old or its
   new action) by less than the review margin is marked `review=True`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from compare.overrides import ResolvedOverrides
from compare.records import Match
from compare.scoring import pair_scores, positions, score_matrix
from compare.settings import MatchSettings
from compare.text import match_words
from normalise import Action

#: Score given to forbidden pairs: far below any threshold, yet finite so the assignment stays
#: feasible.
FORBIDDEN = np.float32(-1.0e6)


def exact_pairs(
    old: Sequence[Action],
    new: Sequence[Action],
    skip_old: set[int],
    skip_new: set[int],
    forbidden: set[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Pairs whose normalised action text is non-empty, identical, and unique on each side."""
    old_keys = [" ".join(match_words(a.action)) for a in old]
    new_keys = [" ".join(match_words(a.action)) for a in new]
    old_count, new_count = Counter(old_keys), Counter(new_keys)
    old_at = {k: i for i, k in enumerate(old_keys) if old_count[k] == 1 and i not in skip_old}
    out = []
    for j, key in enumerate(new_keys):
        if not key or new_count[key] != 1 or j in skip_new:
            continue
        i = old_at.get(key)
        if i is not None and (i, j) not in forbidden:
            out.append((i, j))
    return out


def assign(
    old: Sequence[Action],
    new: Sequence[Action],
    settings: MatchSettings,
    resolved: ResolvedOverrides,
) -> list[Match]:
    """All matches (forced, exact, assigned), sorted by new index."""
    forbidden = set(resolved.forbidden)
    fixed: dict[tuple[int, int], bool] = dict.fromkeys(resolved.forced, True)  # pair -> forced
    used_old = {i for i, _ in fixed}
    used_new = {j for _, j in fixed}
    if settings.exact_prematch:
        for pair in exact_pairs(old, new, used_old, used_new, forbidden):
            fixed[pair] = False
            used_old.add(pair[0])
            used_new.add(pair[1])
    fixed_pairs = list(fixed)
    fixed_scores = pair_scores(old, new, fixed_pairs, settings)
    matches = [
        Match(i, j, round(float(s), 2), forced=fixed[(i, j)])
        for (i, j), s in zip(fixed_pairs, fixed_scores, strict=True)
    ]

    rows = np.array([i for i in range(len(old)) if i not in used_old], dtype=np.int64)
    cols = np.array([j for j in range(len(new)) if j not in used_new], dtype=np.int64)
    if len(rows) and len(cols):
        matches.extend(_assign_rest(old, new, rows, cols, settings, forbidden))
    return sorted(matches, key=lambda m: m.new_index)


def optimal_pairs(scores: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """The one-to-one pairing with the highest total score among pairs scoring >= threshold.

    Pairs under the threshold can never be kept, so the graph of candidate pairs splits into
    independent components (usually one old and one new action each); each component is solved
    with `linear_sum_assignment` on its own dense block. Same optimum as one assignment over
    the whole matrix, without its O(n^3) cost on 10k x 10k.
    """
    rows, cols = np.nonzero(scores >= threshold)
    if not len(rows):
        return rows, cols
    # scipy costs ~0.5 s to import: only a comparison with candidate pairs pays for it
    from scipy.optimize import linear_sum_assignment
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n, m = scores.shape
    graph = coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols + n)), shape=(n + m,) * 2)
    _, labels = connected_components(graph, directed=False)
    component = labels[rows]
    sizes = np.bincount(component)
    single = sizes[component] == 1  # the component is one candidate pair: nothing to decide
    out_r, out_c = [rows[single]], [cols[single]]
    rest = np.flatnonzero(~single)
    rest = rest[np.argsort(component[rest], kind="stable")]
    for edges in np.split(rest, np.flatnonzero(np.diff(component[rest])) + 1):
        if not len(edges):
            continue
        block_rows, block_cols = np.unique(rows[edges]), np.unique(cols[edges])
        block = scores[np.ix_(block_rows, block_cols)]
        block = np.where(block >= threshold, block, 0)
        r, c = linear_sum_assignment(block, maximize=True)
        keep = block[r, c] >= threshold
        out_r.append(block_rows[r[keep]])
        out_c.append(block_cols[c[keep]])
    return np.concatenate(out_r), np.concatenate(out_c)


def _assign_rest(
    old: Sequence[Action],
    new: Sequence[Action],
    rows: np.ndarray,
    cols: np.ndarray,
    settings: MatchSettings,
    forbidden: set[tuple[int, int]],
) -> list[Match]:
    """Optimal assignment over the actions not yet paired, with review flags."""
    scores = score_matrix(
        [old[i] for i in rows],
        [new[j] for j in cols],
        settings,
        positions(len(old))[rows],
        positions(len(new))[cols],
    )
    if forbidden:
        row_at = {int(i): r for r, i in enumerate(rows)}
        col_at = {int(j): c for c, j in enumerate(cols)}
        for i, j in forbidden:
            if i in row_at and j in col_at:
                scores[row_at[i], col_at[j]] = FORBIDDEN
    r_idx, c_idx = optimal_pairs(scores, settings.threshold)
    chosen = scores[r_idx, c_idx].copy()

    # best competitor of each kept pair: the best other pair in its row or its column
    scores[r_idx, c_idx] = -np.inf
    competitor = np.maximum(scores.max(axis=1)[r_idx], scores.max(axis=0)[c_idx])
    review = (chosen - competitor) < settings.review_margin

    return [
        Match(int(rows[r]), int(cols[c]), round(float(s), 2), review=bool(v))
        for r, c, s, v in zip(r_idx, c_idx, chosen, review, strict=True)
    ]
