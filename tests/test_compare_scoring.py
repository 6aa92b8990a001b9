"""Scoring and assignment internals: one score formula, and the split assignment is optimal."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from compare.assign import optimal_pairs
from compare.scoring import pair_scores, score_matrix, text_scores
from compare.settings import MatchSettings
from tests.test_compare_helpers import sample_actions


def test_pair_scores_equal_the_matrix_entries():
    old, new = sample_actions("2024-Q4"), sample_actions("2025-Q1")
    settings = MatchSettings()
    matrix = score_matrix(old, new, settings)
    pairs = [(0, 0), (0, 1), (29, 29), (84, 84), (53, 53), (40, 12)]
    assert np.allclose(
        pair_scores(old, new, pairs, settings), [matrix[p] for p in pairs], atol=1e-3
    )


def test_text_score_is_word_level():
    scores = text_scores(
        ["Publish the guidance", "a b c d e f"], ["publish THE guidance!", "a b x d e f"]
    )
    assert scores[0, 0] == pytest.approx(100)  # case and punctuation do not count
    assert scores[1, 1] == pytest.approx(100 * 10 / 12)  # one word of six replaced


@pytest.mark.parametrize("seed", range(20))
def test_split_assignment_finds_the_best_total(seed):
    rng = np.random.default_rng(seed)
    n, m = rng.integers(3, 25, size=2)
    scores = rng.uniform(0, 100, size=(n, m)).astype(np.float32)
    scores[rng.uniform(size=(n, m)) < 0.8] = 10  # sparse candidates, several groups
    threshold = 45.0
    r, c = optimal_pairs(scores, threshold)
    assert len(set(r)) == len(r) and len(set(c)) == len(c)
    assert (scores[r, c] >= threshold).all()
    clipped = np.where(scores >= threshold, scores, 0)
    br, bc = linear_sum_assignment(clipped, maximize=True)
    assert scores[r, c].sum() == pytest.approx(clipped[br, bc].sum(), rel=1e-5)
