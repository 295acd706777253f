"""Rank credit in SMAA: ties share the ranks they occupy, long lists count the first ranks."""

from __future__ import annotations

import numpy as np
import pytest

from decisionroom.engine._smaa_ranks import PAIRWISE_MAX_N, rank_credit


def _reference(scores: np.ndarray, higher: bool, ranks: int) -> tuple[np.ndarray, np.ndarray]:
    """Counts and first-place credit by the definition, one sample at a time."""
    n, k = scores.shape
    counts = np.zeros((n, ranks))
    firsts = np.zeros(n)
    for s in range(k):
        col = scores[:, s]
        for i in range(n):
            better = np.sum(col > col[i]) if higher else np.sum(col < col[i])
            tied = np.sum(col == col[i])  # itself included
            for r in range(better, better + tied):
                if r < ranks:
                    counts[i, r] += 1 / tied
            if better == 0:
                firsts[i] += 1 / tied
    return counts, firsts


@pytest.mark.parametrize("n", [5, PAIRWISE_MAX_N, PAIRWISE_MAX_N + 9])
@pytest.mark.parametrize("higher", [True, False])
def test_rank_credit_shares_ties_like_the_definition(n, higher):
    rng = np.random.default_rng(n)
    scores = rng.integers(0, 4, size=(n, 60)).astype(float)  # many ties, across the cut too
    for ranks in (n, 3, 1):
        credit = rank_credit(scores, higher, ranks)
        counts, firsts = _reference(scores, higher, ranks)
        np.testing.assert_allclose(credit.counts(n, ranks), counts, atol=1e-12)
        np.testing.assert_allclose(credit.first_per_option(n), firsts, atol=1e-12)


def test_rank_credit_identical_options_get_identical_shares():
    rng = np.random.default_rng(1)
    scores = rng.random((30, 200))
    scores[7] = scores[3]
    credit = rank_credit(scores, True, 5)
    counts = credit.counts(30, 5)
    np.testing.assert_allclose(counts[3], counts[7])
    np.testing.assert_allclose(counts.sum(axis=0), 200)  # every rank of every sample credited once


def test_rank_credit_first_weights_follow_the_credit():
    scores = np.array([[1.0, 2.0, 3.0], [1.0, 0.0, 3.0], [0.0, 1.0, 0.0]])  # (n=3, k=3)
    w = np.array([[0.2, 0.4, 0.6], [0.8, 0.6, 0.4]])  # (m=2, k=3)
    out = np.zeros((3, 2))
    rank_credit(scores, True, 1).add_first_weights(w, out)
    # sample 0: options 0 and 1 tie (half each); sample 1: option 0; sample 2: 0 and 1 tie
    np.testing.assert_allclose(out[0], 0.5 * w[:, 0] + w[:, 1] + 0.5 * w[:, 2])
    np.testing.assert_allclose(out[1], 0.5 * w[:, 0] + 0.5 * w[:, 2])
    np.testing.assert_allclose(out[2], 0.0)
