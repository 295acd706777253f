import numpy as np
import pytest

from decisionroom.engine.methods import get
from decisionroom.engine.methods.weighted_sum import weighted_sum
from decisionroom.engine.problem import Problem

# Triantaphyllou (2000), Chapter 2: three options on four benefit factors.
TRIANTAPHYLLOU = np.array([[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]], dtype=float)
TRIANTAPHYLLOU_WEIGHTS = np.array([0.20, 0.15, 0.40, 0.25])


def test_weighted_sum_triantaphyllou2000():
    """Triantaphyllou, E. (2000). Multi-Criteria Decision Making Methods: A Comparative
    Study. Kluwer, Chapter 2, the WSM numerical example: weights 0.20, 0.15, 0.40, 0.25;
    WSM scores A1 = 21.50, A2 = 22.00, A3 = 22.00 (two decimals) on the raw values. Every
    factor's best value is 30, so ``max`` normalisation gives those scores divided by 30."""
    result = weighted_sum(
        TRIANTAPHYLLOU, TRIANTAPHYLLOU_WEIGHTS, np.ones(4, bool), normalization="max"
    )
    np.testing.assert_allclose(result.scores * 30, [21.50, 22.00, 22.00], atol=5e-3)
    np.testing.assert_allclose(result.details["contributions"].sum(axis=1), result.scores)


def test_weighted_sum_minmax_uses_value_bounds():
    spec = get("weighted-sum")
    x = np.array([[3.0, 10.0], [12.0, 30.0], [24.0, 20.0]])
    bounds = np.array([[24.0, 3.0], [np.nan, np.nan]])  # months: worst 24, best 3
    problem = Problem(
        x, np.array([0.5, 0.5]), np.array([False, True]), tuple("abc"), ("t", "q"), bounds
    )
    result = spec.run(problem, spec.kwargs({}, problem))
    np.testing.assert_allclose(result.details["values"][:, 0], [1.0, 12 / 21, 0.0])
    np.testing.assert_allclose(result.scores, [0.5, 0.5 * 12 / 21 + 0.5, 0.25])


@pytest.mark.parametrize("normalization", ["minmax", "max", "sum", "vector"])
def test_weighted_sum_batch_equals_single(normalization):
    rng = np.random.default_rng(5)
    benefit = np.array([True, False, True, True])
    w = rng.dirichlet(np.ones(4), size=20)
    batch = weighted_sum(TRIANTAPHYLLOU, w, benefit, normalization=normalization)
    assert batch.scores.shape == (20, 3)
    single = [
        weighted_sum(TRIANTAPHYLLOU, wi, benefit, normalization=normalization).scores for wi in w
    ]
    np.testing.assert_allclose(batch.scores, single, rtol=1e-12)
    xs = TRIANTAPHYLLOU * rng.uniform(0.8, 1.2, size=(20, 3, 4))
    batch = weighted_sum(xs, w, benefit, normalization=normalization)
    single = [
        weighted_sum(xi, wi, benefit, normalization=normalization).scores
        for xi, wi in zip(xs, w, strict=True)
    ]
    np.testing.assert_allclose(batch.scores, single, rtol=1e-12)


def test_weighted_sum_spec_is_batched():
    spec = get("weighted-sum")
    assert spec.batched
    assert spec.defaults == {"normalization": "minmax"}
