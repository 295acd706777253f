import numpy as np
import pytest

from decisionroom.engine.methods import get
from decisionroom.engine.methods.weighted_product import weighted_product
from decisionroom.engine.problem import Problem
from decisionroom.errors import InvalidParameter

# Triantaphyllou (2000), Chapter 2: three options on four benefit factors.
TRIANTAPHYLLOU = np.array([[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]], dtype=float)
TRIANTAPHYLLOU_WEIGHTS = np.array([0.20, 0.15, 0.40, 0.25])


@pytest.mark.parametrize("normalization", ["max", "sum", "vector"])
def test_weighted_product_triantaphyllou2000(normalization):
    """Triantaphyllou, E. (2000). Multi-Criteria Decision Making Methods: A Comparative
    Study. Kluwer, Chapter 2, the WPM numerical example (the same decision matrix as its
    WSM example, weights 0.20, 0.15, 0.40, 0.25): R(A1/A2) = 1.007, R(A1/A3) = 1.067 and
    R(A2/A3) = 1.059 (three decimals), so A1 is the best option. The ratio of two WPM scores
    is that dimensionless ratio under every ratio normalisation."""
    result = weighted_product(
        TRIANTAPHYLLOU, TRIANTAPHYLLOU_WEIGHTS, np.ones(4, bool), normalization=normalization
    )
    p = result.scores
    np.testing.assert_allclose(
        [p[0] / p[1], p[0] / p[2], p[1] / p[2]], [1.007, 1.067, 1.059], atol=5e-4
    )
    assert int(np.argmax(p)) == 0


def test_weighted_product_max_is_the_product_of_ratios_to_the_best():
    result = weighted_product(TRIANTAPHYLLOU, TRIANTAPHYLLOU_WEIGHTS, np.ones(4, bool))
    expected = np.prod((TRIANTAPHYLLOU / 30.0) ** TRIANTAPHYLLOU_WEIGHTS, axis=1)
    np.testing.assert_allclose(result.scores, expected)
    np.testing.assert_allclose(
        result.details["log_contributions"].sum(axis=1), np.log(result.scores)
    )


@pytest.mark.parametrize("normalization", ["max", "sum"])
def test_weighted_product_cost_factor_is_its_reciprocal(normalization):
    # a cost factor x ranks exactly as a benefit factor 1/x under the ratio normalisations
    x = TRIANTAPHYLLOU.copy()
    cost = weighted_product(
        x, TRIANTAPHYLLOU_WEIGHTS, np.array([True, False, True, True]), normalization=normalization
    )
    x[:, 1] = 1.0 / x[:, 1]
    benefit = weighted_product(
        x, TRIANTAPHYLLOU_WEIGHTS, np.ones(4, bool), normalization=normalization
    )
    ratio = cost.scores / benefit.scores
    np.testing.assert_allclose(ratio, ratio[0])


def test_weighted_product_minmax_zero_value_and_zero_weight():
    x = np.array([[1.0, 5.0], [2.0, 7.0], [3.0, 6.0]])
    result = weighted_product(x, np.array([0.5, 0.5]), np.ones(2, bool), normalization="minmax")
    # the worst option on a weighted factor scores 0, whatever else it does
    np.testing.assert_allclose(result.scores, [0.0, np.sqrt(0.5), np.sqrt(0.5)])
    assert result.details["log_contributions"][0, 0] == -np.inf
    # a factor without weight is left out, even where its value is 0 (0^0 = 1)
    result = weighted_product(x, np.array([1.0, 0.0]), np.ones(2, bool), normalization="minmax")
    np.testing.assert_allclose(result.scores, [0.0, 0.5, 1.0])
    assert np.all(np.isfinite(result.details["log_contributions"][:, 1]))


def test_weighted_product_many_small_values_do_not_underflow():
    x = np.vstack([np.full(400, 1.0), np.full(400, 2.0), np.full(400, 1e-3)])
    result = weighted_product(x, np.full(400, 1 / 400), np.ones(400, bool))
    np.testing.assert_allclose(result.scores, [0.5, 1.0, 5e-4])


@pytest.mark.parametrize("normalization", ["max", "sum", "vector", "minmax"])
def test_weighted_product_batch_equals_single(normalization):
    rng = np.random.default_rng(11)
    benefit = np.array([True, False, True, False])
    w = rng.dirichlet(np.ones(4), size=20)
    w[0, 1] = 0.0  # a zero weight on a factor where minmax gives a 0
    batch = weighted_product(TRIANTAPHYLLOU, w, benefit, normalization=normalization)
    assert batch.scores.shape == (20, 3)
    assert "log_contributions" not in batch.details
    single = [
        weighted_product(TRIANTAPHYLLOU, wi, benefit, normalization=normalization).scores
        for wi in w
    ]
    np.testing.assert_allclose(batch.scores, single, rtol=1e-12)
    xs = TRIANTAPHYLLOU * rng.uniform(0.8, 1.2, size=(20, 3, 4))
    batch = weighted_product(xs, w, benefit, normalization=normalization)
    single = [
        weighted_product(xi, wi, benefit, normalization=normalization).scores
        for xi, wi in zip(xs, w, strict=True)
    ]
    np.testing.assert_allclose(batch.scores, single, rtol=1e-12)


@pytest.mark.parametrize("normalization", ["max", "sum", "vector"])
def test_weighted_product_zero_on_a_benefit_factor_scores_zero(normalization):
    # 0 raised to a positive weight is 0: defined, and the option scores 0
    spec = get("weighted-product")
    x = TRIANTAPHYLLOU.copy()
    x[1, 2] = 0.0
    problem = Problem(
        x, TRIANTAPHYLLOU_WEIGHTS, np.ones(4, bool), ("a1", "a2", "a3"), tuple("pqrs")
    )
    scores = spec.run(problem, spec.kwargs({"normalization": normalization}, problem)).scores
    assert scores[1] == 0.0 and np.all(scores[[0, 2]] > 0)


@pytest.mark.parametrize("normalization", ["max", "sum", "vector"])
def test_weighted_product_negative_benefit_value_is_refused(normalization):
    spec = get("weighted-product")
    x = TRIANTAPHYLLOU.copy()
    x[1, 2] = -1.0
    problem = Problem(
        x, TRIANTAPHYLLOU_WEIGHTS, np.ones(4, bool), ("a1", "a2", "a3"), tuple("pqrs")
    )
    with pytest.raises(InvalidParameter) as info:
        spec.kwargs({"normalization": normalization}, problem)
    (error,) = info.value.errors
    assert error.loc == "method.params.normalization"
    assert error.msg == (
        "the weighted product raises values to powers, so a benefit factor needs values of 0 "
        "or more, but option 'a2' has -1 on factor 'r'; use normalization 'minmax' instead."
    )
    # minmax takes any sign, and the factor's value bounds
    kwargs = spec.kwargs({"normalization": "minmax"}, problem)
    assert np.all(np.isfinite(spec.run(problem, kwargs).scores))


def test_weighted_product_spec_defaults_to_max():
    spec = get("weighted-product")
    assert spec.defaults == {"normalization": "max"}
    problem = Problem(
        TRIANTAPHYLLOU, TRIANTAPHYLLOU_WEIGHTS, np.ones(4, bool), ("a1", "a2", "a3"), tuple("pqrs")
    )
    kwargs = spec.kwargs({}, problem)
    assert kwargs == {"normalization": "max", "bounds": None}
    assert spec.run(problem, kwargs).higher_is_better
