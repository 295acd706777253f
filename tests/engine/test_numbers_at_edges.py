"""Any finite number a file accepts gives a right answer (issue 11, "Numbers at the edges")."""

import numpy as np
import pytest

from decisionroom.engine import group, normalize, weighting
from decisionroom.engine._smaa_weights import Mixture

HUGE = 1.0e308
BENEFIT = np.array([True, False])


def test_influences_of_1e308_give_the_same_group_judgment_as_equal_influences():
    a = np.array([[[1, 3], [1 / 3, 1]], [[1, 0.5], [2, 1]]], dtype=float)
    expected = group.aggregate_judgments(a, [1.0, 1.0])
    got = group.aggregate_judgments(a, [HUGE, HUGE])
    assert np.all(np.isfinite(got))
    # geometric mean of 3 and 0.5, by hand
    assert got[0, 1] == pytest.approx(np.sqrt(1.5))
    np.testing.assert_allclose(got, expected)


def test_influences_and_weights_of_1e308_give_the_group_mean():
    w = np.array([[HUGE, HUGE], [1.0, 3.0]])
    got = group.aggregate_priorities(w, [HUGE, HUGE])
    # stakeholder 1: 0.5/0.5, stakeholder 2: 0.25/0.75, equal influence
    np.testing.assert_allclose(got, [0.375, 0.625])
    geo = group.aggregate_priorities(w, [HUGE, HUGE / 2], mean="geometric")
    assert np.all(np.isfinite(geo)) and geo.sum() == pytest.approx(1.0)


def test_points_of_1e308_are_shares_not_zeros():
    np.testing.assert_allclose(weighting.normalize_points([HUGE, HUGE, HUGE / 2]), [0.4, 0.4, 0.2])


def test_smaa_stakeholder_mixture_with_huge_values():
    model = Mixture(np.array([[HUGE, HUGE], [1.0, 1.0]]), np.array([HUGE, HUGE]))
    np.testing.assert_allclose(model.weight_vectors, [[0.5, 0.5], [0.5, 0.5]])
    np.testing.assert_allclose(model.probabilities, [0.5, 0.5])


def test_minmax_over_the_whole_float_range():
    m = np.array([[-HUGE, HUGE], [0.0, 0.0], [HUGE, -HUGE]])
    v = normalize.minmax(m, BENEFIT)
    np.testing.assert_allclose(v, [[0.0, 0.0], [0.5, 0.5], [1.0, 1.0]])


def test_vector_and_sum_norms_of_huge_values_match_the_small_ones():
    m = np.array([[HUGE, HUGE], [HUGE / 2, HUGE / 4]])
    small = m / HUGE
    for name in ("vector", "sum", "max"):
        got = normalize.normalize(name, m, BENEFIT)
        assert np.all(np.isfinite(got)), name
        np.testing.assert_allclose(got, normalize.normalize(name, small, BENEFIT), err_msg=name)


def test_consensus_of_weights_near_the_float_limit():
    from decisionroom.engine import consensus

    w = np.array([[HUGE, HUGE / 3], [1.0, 3.0]])
    spread = consensus.weight_spread(w)
    small = consensus.weight_spread(np.array([[3.0, 1.0], [1.0, 3.0]]))
    for got, want in zip(
        (spread.min, spread.max, spread.std), (small.min, small.max, small.std), strict=True
    ):
        np.testing.assert_allclose(got, want)
    odd = consensus.outlier(
        np.array([[1, 2], [2, 1], [1, 2]]), np.vstack([w, [[1.0, 1.0]]]), [HUGE, HUGE]
    )
    assert odd is not None and np.isfinite(odd.gap) and abs(odd.gap) <= 1
