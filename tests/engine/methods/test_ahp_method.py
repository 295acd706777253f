import numpy as np
import pytest

from decisionroom.engine.ahp import eigen_priorities
from decisionroom.engine.methods import get
from decisionroom.engine.problem import Problem
from decisionroom.errors import InvalidParameter
from tests.engine.test_ahp import HOUSE_CRITERIA

FACTORS = ("size", "transport", "neighborhood", "age", "yard", "modern", "condition", "financing")
HOUSES = ("A", "B", "C")

# Saaty (1990), the three houses compared under each criterion.
HOUSE_COMPARISONS = {
    "size": [[1, 6, 8], [1 / 6, 1, 4], [1 / 8, 1 / 4, 1]],
    "transport": [[1, 7, 1 / 5], [1 / 7, 1, 1 / 8], [5, 8, 1]],
    "neighborhood": [[1, 8, 6], [1 / 8, 1, 1 / 4], [1 / 6, 4, 1]],
    "age": [[1, 1, 1], [1, 1, 1], [1, 1, 1]],
    "yard": [[1, 5, 4], [1 / 5, 1, 1 / 3], [1 / 4, 3, 1]],
    "modern": [[1, 8, 6], [1 / 8, 1, 1 / 5], [1 / 6, 5, 1]],
    "condition": [[1, 1 / 2, 1 / 2], [2, 1, 1], [2, 1, 1]],
    "financing": [[1, 1 / 7, 1 / 5], [7, 1, 3], [5, 1 / 3, 1]],
}


def house_problem(matrix=None):
    weights = eigen_priorities(HOUSE_CRITERIA).weights
    matrix = np.ones((3, 8)) if matrix is None else matrix
    return Problem(matrix, weights, np.ones(8, bool), HOUSES, FACTORS)


def run(problem, params):
    spec = get("ahp")
    return spec.run(problem, spec.kwargs(params, problem))


def test_ahp_house_saaty1990():
    """Saaty, T. L. (1990). How to make a decision: The analytic hierarchy process.
    European Journal of Operational Research 48, 9-26, house example: criteria weights
    from the criteria matrix, houses A, B, C compared under each of the eight criteria;
    composite priorities A .396, B .341, C .263 (three decimals)."""
    params = {
        "comparisons": {
            f: {"order": list(HOUSES), "matrix": m} for f, m in HOUSE_COMPARISONS.items()
        }
    }
    result = run(house_problem(), params)
    np.testing.assert_allclose(result.scores, [0.396, 0.341, 0.263], atol=5e-4)
    assert result.higher_is_better
    assert result.scores.sum() == pytest.approx(1.0)
    # per-factor CR of the option comparisons, and the ones above 0.1 flagged
    cr = result.details["consistency"]
    assert set(cr) == set(range(8))
    assert cr[3] == 0 and cr[6] == 0  # age and condition are consistent
    assert result.details["inconsistent"] == {j: v for j, v in cr.items() if v > 0.1}
    assert 1 in result.details["inconsistent"]  # transportation, CR about 0.24
    assert result.details["worst_judgment"][3] is None


def test_ahp_order_is_mapped_to_the_problem_options():
    m = HOUSE_COMPARISONS["size"]
    forward = run(
        house_problem(),
        {"comparisons": {f: {"order": ["A", "B", "C"], "matrix": m} for f in FACTORS}},
    )
    # the same judgments written in the order C, A, B
    perm = [2, 0, 1]
    permuted = [[m[i][j] for j in perm] for i in perm]
    backward = run(
        house_problem(),
        {"comparisons": {f: {"order": ["C", "A", "B"], "matrix": permuted} for f in FACTORS}},
    )
    np.testing.assert_allclose(backward.scores, forward.scores)
    np.testing.assert_allclose(forward.scores, eigen_priorities(m).weights)
    worst = forward.details["worst_judgment"][0]
    assert {HOUSES[i] for i in worst} == {HOUSES[i] for i in backward.details["worst_judgment"][0]}


def test_ahp_distributive_mode_without_comparisons():
    x = np.array([[2.0, 10.0], [6.0, 20.0], [2.0, 40.0]])
    problem = Problem(x, np.array([0.5, 0.5]), np.array([True, False]), HOUSES, ("gain", "cost"))
    result = run(problem, {})
    gain = x[:, 0] / x[:, 0].sum()
    cost = (1 / x[:, 1]) / (1 / x[:, 1]).sum()
    np.testing.assert_allclose(result.details["local"], np.c_[gain, cost])
    np.testing.assert_allclose(result.scores, 0.5 * gain + 0.5 * cost)
    assert result.details["consistency"] == {}


def test_ahp_mixes_comparisons_and_performance():
    x = np.array([[1.0, 3.0], [1.0, 1.0], [2.0, 1.0]])
    problem = Problem(x, np.array([0.6, 0.4]), np.ones(2, bool), HOUSES, ("gain", "style"))
    params = {
        "comparisons": {
            "style": {"order": list(HOUSES), "matrix": [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]]}
        }
    }
    result = run(problem, params)
    np.testing.assert_allclose(result.details["local"][:, 1], [4 / 7, 2 / 7, 1 / 7])
    np.testing.assert_allclose(result.details["local"][:, 0], [0.25, 0.25, 0.5])
    assert result.details["consistency"] == {1: pytest.approx(0.0, abs=1e-12)}


def test_ahp_batch_matches_single_runs():
    spec = get("ahp")
    rng = np.random.default_rng(0)
    problem = house_problem(rng.uniform(1, 5, (3, 8)))
    params = {"comparisons": {"size": {"order": list(HOUSES), "matrix": HOUSE_COMPARISONS["size"]}}}
    kwargs = spec.kwargs(params, problem)
    weights = rng.dirichlet(np.ones(8), 20)
    batch = spec.batch_scores(problem.matrix, weights, problem.benefit, kwargs)
    assert batch.shape == (20, 3)
    for k in range(20):
        single = spec.run(problem.with_weights(weights[k]), kwargs).scores
        np.testing.assert_allclose(batch[k], single)
    # a batch of perturbed matrices gets its own distributive local priorities
    matrices = problem.matrix * rng.uniform(0.5, 1.5, (20, 3, 8))
    batch = spec.batch_scores(matrices, weights, problem.benefit, kwargs)
    for k in range(20):
        single = spec.run(problem.with_matrix(matrices[k]).with_weights(weights[k]), kwargs).scores
        np.testing.assert_allclose(batch[k], single)


def test_ahp_scaling_weights_keeps_the_ranking():
    params = {
        "comparisons": {
            f: {"order": list(HOUSES), "matrix": m} for f, m in HOUSE_COMPARISONS.items()
        }
    }
    problem = house_problem()
    a = run(problem, params).scores
    b = run(problem.with_weights(problem.weights * 7), params).scores
    np.testing.assert_array_equal(np.argsort(a), np.argsort(b))


def test_ahp_order_must_list_every_option():
    with pytest.raises(InvalidParameter) as info:
        run(
            house_problem(),
            {
                "comparisons": {
                    "size": {"order": ["A", "B", "D"], "matrix": HOUSE_COMPARISONS["size"]}
                }
            },
        )
    (error,) = info.value.errors
    assert error.loc == "method.params.comparisons.size.order"
    assert error.msg == (
        "must list every option exactly once (missing 'C'; unknown 'D'); the options are: A, B, C."
    )


def test_ahp_performance_table_takes_a_zero_on_a_benefit_factor():
    # distributive mode x / sum is defined with a 0: that option's local priority is 0
    x = np.array([[1.0, 0.0], [2.0, 3.0], [1.0, 1.0]])
    problem = Problem(x, np.array([0.5, 0.5]), np.ones(2, bool), HOUSES, ("gain", "style"))
    scores = run(problem, {}).scores
    np.testing.assert_allclose(
        scores, 0.5 * np.array([1 / 4, 2 / 4, 1 / 4]) + 0.5 * np.array([0, 3 / 4, 1 / 4])
    )


def test_ahp_reports_every_problem_with_its_location():
    x = np.array([[1.0, -1.0], [2.0, 3.0], [1.0, 1.0]])
    problem = Problem(x, np.array([0.5, 0.5]), np.ones(2, bool), HOUSES, ("gain", "style"))
    params = {
        "comparisons": {
            "gain": {"order": ["A", "B", "C"], "matrix": [[1, 2, 3], [0.5, 1, 2], [1, 0.5, 1]]},
            "colour": {"order": ["A", "B", "C"], "matrix": [[1]]},
            "size": "big",
        }
    }
    with pytest.raises(InvalidParameter) as info:
        run(problem, params)
    errors = {(e.loc, e.code) for e in info.value.errors}
    assert errors == {
        ("method.params.comparisons.gain.matrix[2][0]", "not_reciprocal"),
        ("method.params.comparisons.colour", "unknown_factor"),
        ("method.params.comparisons.size", "unknown_factor"),
        ("method.params.comparisons.style", "positive_required"),
    }


def test_ahp_comparison_shape_problems():
    problem = house_problem()
    with pytest.raises(InvalidParameter) as info:
        run(
            problem,
            {"comparisons": {"size": {"order": list(HOUSES), "matrix": [[1, 2], [0.5, 1]]}}},
        )
    assert info.value.errors[0].code == "size"
    with pytest.raises(InvalidParameter) as info:
        run(problem, {"comparisons": {"size": {"order": list(HOUSES)}}})
    assert info.value.errors[0].loc == "method.params.comparisons.size"
    with pytest.raises(InvalidParameter) as info:
        run(
            problem,
            {"comparisons": {"size": {"order": "A B C", "matrix": HOUSE_COMPARISONS["size"]}}},
        )
    assert info.value.errors[0].loc == "method.params.comparisons.size.order"
    with pytest.raises(InvalidParameter) as info:
        run(problem, {"comparisons": ["size"]})
    assert info.value.errors[0].loc == "method.params.comparisons"


def test_ahp_is_registered_with_references():
    spec = get("ahp")
    assert spec.id == "ahp" and spec.batched and spec.higher_is_better
    assert any("Saaty" in r for r in spec.references)
