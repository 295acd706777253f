"""Normalisations are refused only where they are undefined (issue #9)."""

import numpy as np
import pytest

from decisionroom.engine.methods import get
from decisionroom.engine.problem import Problem
from decisionroom.errors import InvalidParameter


def _problem(x, benefit):
    x = np.asarray(x, dtype=float)
    m = x.shape[1]
    return Problem(
        x,
        np.full(m, 1.0 / m),
        np.asarray(benefit, dtype=bool),
        tuple(f"o{i}" for i in range(x.shape[0])),
        tuple(f"f{j}" for j in range(m)),
    )


def test_checks_max_takes_zeros_on_benefit_factors():
    # an admission-style scoring: test scores of 0 on benefit factors, x / max is defined
    x = [[0, 80, 3], [90, 0, 4], [60, 70, 0]]
    problem = _problem(x, [True, True, True])
    spec = get("weighted-sum")
    scores = spec.run(problem, spec.kwargs({"normalization": "max"}, problem)).scores
    # hand calculation: each column divided by its maximum (90, 80, 4), equal weights
    expected = [(0 / 90 + 80 / 80 + 3 / 4) / 3, (90 / 90 + 0 + 4 / 4) / 3, (60 / 90 + 70 / 80) / 3]
    np.testing.assert_allclose(scores, expected, rtol=1e-15)


def test_checks_sum_takes_zeros_and_negatives_on_benefit_factors():
    x = [[0, 2], [-1, 3], [4, 5]]
    problem = _problem(x, [True, True])
    spec = get("weighted-sum")
    scores = spec.run(problem, spec.kwargs({"normalization": "sum"}, problem)).scores
    np.testing.assert_allclose(
        scores, [(0 / 3 + 2 / 10) / 2, (-1 / 3 + 3 / 10) / 2, (4 / 3 + 5 / 10) / 2]
    )


@pytest.mark.parametrize(
    ("normalization", "divides"), [("max", "min / x"), ("sum", "(1/x) / sum(1/x)")]
)
def test_checks_cost_factor_needs_positive_values(normalization, divides):
    problem = _problem([[1, 5], [2, 0], [3, 4]], [True, False])
    with pytest.raises(InvalidParameter) as info:
        get("weighted-sum").kwargs({"normalization": normalization}, problem)
    (error,) = info.value.errors
    assert error.loc == "method.params.normalization"
    assert error.code == "normalization_undefined"
    assert error.msg == (
        f"{normalization} normalisation divides by a cost factor's values ({divides}), so they "
        "must be positive, but option 'o1' has 0 on factor 'f1'; use normalization 'minmax' "
        "instead."
    )


def test_checks_benefit_factor_needs_a_positive_maximum():
    problem = _problem([[0, 5], [-2, 1]], [True, True])
    with pytest.raises(InvalidParameter) as info:
        get("weighted-sum").kwargs({"normalization": "max"}, problem)
    assert info.value.errors[0].msg == (
        "max normalisation divides a benefit factor by its largest value (x / max), which must "
        "be positive, but on factor 'f0' it is 0; use normalization 'minmax' instead."
    )


@pytest.mark.parametrize("normalization", ["minmax", "vector"])
def test_checks_minmax_and_vector_take_any_finite_data(normalization):
    problem = _problem([[0, -5], [-2, 0], [3, 4]], [True, False])
    spec = get("weighted-sum")
    scores = spec.run(problem, spec.kwargs({"normalization": normalization}, problem)).scores
    assert np.all(np.isfinite(scores))
