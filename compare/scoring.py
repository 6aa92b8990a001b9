"""Pair scores: word-level text similarity plus agreement of ref, objective, team and measure.

Everything is vectorised: one `rapidfuzz.process.cdist` over word-encoded texts, and field
agreement as integer-code equality broadcast by numpy, accumulated in place in float32.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from compare.settings import MatchSettings
from compare.text import encode_words
from normalise import Action

#: Taken off per unit of relative-position distance: breaks exact ties in document order.
TIE_BREAK = 0.01


def field_keys(actions: Sequence[Action]) -> dict[str, list[str]]:
    """The compared fields of each action, normalised ("" = no evidence)."""
    return {
        "ref": [a.ref.strip() for a in actions],
        "objective": [f"{a.theme}/{a.objective}" if a.objective else "" for a in actions],
        "team": [default_process(a.team or "") for a in actions],
        "measure": [default_process(a.success_measure or "") for a in actions],
    }


def _codes(old: list[str], new: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes shared by both sides; empty values get codes that never agree."""
    table: dict[str, int] = {}
    a = np.array([table.setdefault(v, len(table)) if v else -1 for v in old], dtype=np.int64)
    b = np.array([table.setdefault(v, len(table)) if v else -2 for v in new], dtype=np.int64)
    return a, b


def text_scores(
    old_texts: Sequence[str], new_texts: Sequence[str], workers: int = -1
) -> np.ndarray:
    """Word-level Indel similarity (0..100, float32) of every old x new action text."""
    vocabulary: dict[str, int] = {}
    a = encode_words(old_texts, vocabulary)
    b = encode_words(new_texts, vocabulary)
    if not a or not b:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    return process.cdist(a, b, scorer=fuzz.ratio, dtype=np.float32, workers=workers)


def score_matrix(
    old: Sequence[Action],
    new: Sequence[Action],
    settings: MatchSettings,
    old_pos: np.ndarray | None = None,
    new_pos: np.ndarray | None = None,
) -> np.ndarray:
    """Combined pair scores (len(old) x len(new), float32, 0..100 less a tiny tie-break).

    old_pos/new_pos are the actions' relative positions (0..1) in their whole documents, used
    only to break exact ties; default: their positions within these sequences.
    """
    w = settings.normalised_weights()
    scores = text_scores([a.action for a in old], [a.action for a in new], settings.workers)
    scores *= np.float32(w["text"])
    if not len(old) or not len(new):
        return scores
    old_keys, new_keys = field_keys(old), field_keys(new)
    for name in ("ref", "objective", "team", "measure"):
        if w[name] == 0:
            continue
        a, b = _codes(old_keys[name], new_keys[name])
        agree = np.equal.outer(a, b)
        np.add(scores, np.float32(100.0 * w[name]), out=scores, where=agree)
    if old_pos is None:
        old_pos = positions(len(old))
    if new_pos is None:
        new_pos = positions(len(new))
    distance = np.subtract.outer(old_pos.astype(np.float32), new_pos.astype(np.float32))
    np.abs(distance, out=distance)
    distance *= np.float32(TIE_BREAK)
    scores -= distance
    return scores


def positions(n: int) -> np.ndarray:
    """Relative document positions 0..1, used only to break exact ties in document order."""
    return np.arange(n, dtype=np.float32) / max(n - 1, 1)


def pair_scores(
    old: Sequence[Action],
    new: Sequence[Action],
    pairs: Sequence[tuple[int, int]],
    settings: MatchSettings,
) -> np.ndarray:
    """The combined score of specific (old, new) pairs, same formula as `score_matrix`."""
    if not pairs:
        return np.zeros(0, dtype=np.float32)
    w = settings.normalised_weights()
    olds = [old[i] for i, _ in pairs]
    news = [new[j] for _, j in pairs]
    vocabulary: dict[str, int] = {}
    a = encode_words([x.action for x in olds], vocabulary)
    b = encode_words([x.action for x in news], vocabulary)
    scores = process.cpdist(a, b, scorer=fuzz.ratio, dtype=np.float32, workers=settings.workers)
    scores *= np.float32(w["text"])
    ok, nk = field_keys(olds), field_keys(news)
    for name in ("ref", "objective", "team", "measure"):
        agree = np.array([x == y and x != "" for x, y in zip(ok[name], nk[name], strict=True)])
        scores[agree] += np.float32(100.0 * w[name])
    op, np_ = positions(len(old)), positions(len(new))
    idx_o = np.array([i for i, _ in pairs])
    idx_n = np.array([j for _, j in pairs])
    scores -= np.float32(TIE_BREAK) * np.abs(op[idx_o] - np_[idx_n])
    return scores
