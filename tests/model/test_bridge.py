import copy
from pathlib import Path

import numpy as np
import pytest

from decisionroom.engine import ahp
from decisionroom.engine.group import aggregate_priorities as group_mean
from decisionroom.errors import InvalidDecision
from decisionroom.model import Decision, load, to_problem
from decisionroom.model.bridge import resolve_weights

DATA = Path(__file__).parent / "data"

BASE = {
    "decisionroom": 1,
    "title": "T",
    "factors": [
        {"id": "a", "direction": "max"},
        {"id": "b", "direction": "min", "value": {"worst": 10, "best": 0}},
        {"id": "c", "direction": "max"},
    ],
    "options": [{"id": "x"}, {"id": "y"}, {"id": "z", "shortlisted": False}],
    "performance": {
        "x": {"a": 1, "b": 1, "c": 1},
        "y": {"a": 1, "b": [2, 3, 5], "c": 2},
        "z": {"a": 9, "b": 9, "c": 9},
    },
}


def bridged(weights=None, stakeholders=None):
    d = copy.deepcopy(BASE)
    if weights is not None:
        d["weights"] = weights
    if stakeholders is not None:
        d["stakeholders"] = stakeholders
    return to_problem(Decision.model_validate(d))


def test_problem_of_the_shortlisted_options():
    b = bridged({"a": 1, "b": 1, "c": 2})
    p = b.problem
    assert p.options == ("x", "y") and p.factors == ("a", "b", "c")
    np.testing.assert_array_equal(p.matrix, [[1, 1, 1], [1, 3, 2]])
    np.testing.assert_array_equal(b.low, [[1, 1, 1], [1, 2, 2]])
    np.testing.assert_array_equal(b.high, [[1, 1, 1], [1, 5, 2]])
    assert b.has_ranges
    np.testing.assert_array_equal(p.benefit, [True, False, True])
    np.testing.assert_array_equal(p.bounds[1], [10, 0])
    assert np.isnan(p.bounds[0]).all()
    assert [w.code for w in b.warnings] == ["warn_not_shortlisted"]


def test_point_values_have_no_ranges():
    d = copy.deepcopy(BASE)
    d["performance"]["y"]["b"] = {"value": 3, "evidence": "quote"}
    b = to_problem(Decision.model_validate(d))
    assert not b.has_ranges
    np.testing.assert_array_equal(b.low, b.problem.matrix)


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ({"a": 30, "b": 10, "c": 60}, [0.3, 0.1, 0.6]),
        # rank-order centroid for 3: (1 + 1/2 + 1/3)/3, (1/2 + 1/3)/3, (1/3)/3
        ({"ranking": ["b", "a", "c"]}, [5 / 18, 11 / 18, 2 / 18]),
        ({"swing": {"a": 100, "b": 50, "c": 50}}, [0.5, 0.25, 0.25]),
        # a consistent matrix a = 2b = 4c gives 4/7, 2/7, 1/7
        (
            {
                "pairwise": {
                    "order": ["a", "b", "c"],
                    "matrix": [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]],
                }
            },
            [4 / 7, 2 / 7, 1 / 7],
        ),
        # incomplete judgments are completed consistently: a = 2b, b = 2c
        ({"pairwise": {"judgments": [["a", "b", 2], ["b", "c", 2]]}}, [4 / 7, 2 / 7, 1 / 7]),
        # fully consistent best-worst input reproduces the ratios exactly
        (
            {
                "best_worst": {
                    "best": "a",
                    "worst": "c",
                    "best_to_others": {"a": 1, "b": 2, "c": 4},
                    "others_to_worst": {"a": 4, "b": 2, "c": 1},
                }
            },
            [4 / 7, 2 / 7, 1 / 7],
        ),
    ],
    ids=["points", "ranking", "swing", "pairwise-matrix", "pairwise-judgments", "best-worst"],
)
def test_joint_weight_forms(weights, expected):
    b = bridged(weights)
    np.testing.assert_allclose(b.problem.weights, expected, atol=1e-6)
    assert b.weights_source == "joint"


def test_pairwise_consistency_in_contract_2_shape():
    matrix = [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]
    b = bridged({"pairwise": {"order": ["c", "a", "b"], "matrix": matrix}})
    c = b.consistency
    assert set(c) == {"method", "index", "ratio", "random_index", "worst_judgment"}
    assert c["method"] == "pairwise"
    assert c["random_index"] == ahp.random_index(3)
    assert c["ratio"] == pytest.approx(c["index"] / c["random_index"])
    assert all(f in ("a", "b", "c") for f in c["worst_judgment"])
    consistent = bridged({"pairwise": {"judgments": [["a", "b", 2], ["b", "c", 2]]}}).consistency
    assert consistent["ratio"] == pytest.approx(0, abs=1e-9)
    assert consistent["worst_judgment"] is None


def test_inconsistent_pairwise_is_warned():
    matrix = [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]
    b = bridged({"pairwise": {"order": ["a", "b", "c"], "matrix": matrix}})
    (warning,) = [w for w in b.warnings if w.code == "warn_inconsistent_pairwise"]
    assert warning.loc == "weights"
    assert warning.msg.startswith("The joint pairwise comparisons have a consistency ratio of ")


def test_objective_entropy_by_hand():
    # shortlisted x, y: a = [1, 1] (no diversity), b = [1, 3], c = [1, 2]
    # E_b = -(.25 ln .25 + .75 ln .75)/ln 2 = 0.811278, E_c = 0.918296
    b = bridged({"objective": "entropy"})
    d_b, d_c = 1 - 0.8112781245, 1 - 0.9182958341
    np.testing.assert_allclose(
        b.problem.weights, [0, d_b / (d_b + d_c), d_c / (d_b + d_c)], atol=1e-9
    )
    assert b.weights_source == "objective:entropy"


def test_objective_critic_sums_to_one():
    b = bridged({"objective": "critic"})
    assert b.weights_source == "objective:critic"
    assert b.problem.weights.sum() == pytest.approx(1)


def test_group_mean_of_stakeholders_who_skip_factors():
    # s1 (influence 2) weighs a, b equally; s2 (influence 1) gives 1, 1, 2.
    # a = (2 * .5 + .25) / 3 = 5/12, b = 5/12, c = .5 (s2 only) -> renormalised 5/16, 5/16, 6/16
    people = [
        {"id": "s1", "influence": 2, "weights": {"a": 50, "b": 50}},
        {"id": "s2", "weights": {"a": 1, "b": 1, "c": 2}},
        {"id": "s3"},
    ]
    b = bridged(stakeholders=people)
    np.testing.assert_allclose(b.problem.weights, [5 / 16, 5 / 16, 6 / 16])
    assert b.weights_source == "stakeholders"
    np.testing.assert_allclose(b.stakeholder_weights["s1"], [0.5, 0.5, np.nan])
    assert set(b.stakeholder_weights) == {"s1", "s2"}


def test_group_mean_function():
    w = np.array([[0.5, 0.5, np.nan], [0.25, 0.25, 0.5]])
    np.testing.assert_allclose(group_mean(w, np.array([2.0, 1.0])), [5 / 16, 5 / 16, 6 / 16])
    np.testing.assert_allclose(group_mean(w[:1], np.array([1.0])), [0.5, 0.5, 0])


def test_factor_nobody_weighed_is_warned():
    b = bridged(stakeholders=[{"id": "s1", "weights": {"a": 1, "b": 1}}])
    np.testing.assert_allclose(b.problem.weights, [0.5, 0.5, 0])
    assert [w.code for w in b.warnings][-1] == "warn_factor_unweighed"


def test_joint_weights_win_over_stakeholders():
    b = bridged({"a": 1, "b": 1, "c": 2}, [{"id": "s1", "weights": {"a": 1}}])
    assert b.weights_source == "joint"
    np.testing.assert_allclose(b.problem.weights, [0.25, 0.25, 0.5])


def test_no_weights_means_equal_weights_with_a_warning():
    b = bridged()
    np.testing.assert_allclose(b.problem.weights, [1 / 3] * 3)
    assert b.weights_source == "equal"
    assert b.warnings[-1].code == "warn_no_weights"


def test_resolve_weights_marks_skipped_factors():
    from decisionroom.model.decision import RankingWeights

    w, c = resolve_weights(
        RankingWeights(ranking=["c", "a"]), ["a", "b", "c"], np.ones((2, 3)), np.ones(3, bool)
    )
    np.testing.assert_allclose(w, [0.25, np.nan, 0.75])
    assert c is None


def test_clipped_values_are_warned_for_shortlisted_options_only():
    d = copy.deepcopy(BASE)
    d["performance"]["y"]["b"] = 12
    b = to_problem(Decision.model_validate(d))
    assert [(w.loc, w.code) for w in b.warnings] == [
        ("options[2].shortlisted", "warn_not_shortlisted"),
        ("performance.y.b", "warn_outside_bounds"),
        ("weights", "warn_no_weights"),
    ]


def test_a_decision_built_in_code_is_checked():
    d = copy.deepcopy(BASE)
    del d["performance"]["y"]["c"]
    with pytest.raises(InvalidDecision, match="performance.y.c"):
        to_problem(Decision.model_validate(d))


def test_full_fixture_bridges_every_form():
    b = to_problem(load(DATA / "full.yaml"))
    assert b.problem.options == ("vendor_a", "vendor_b", "build")
    assert set(b.stakeholder_weights) == {
        "coo",
        "cfo",
        "it",
        "sales",
        "marketing",
        "ops",
        "analyst",
    }
    np.testing.assert_allclose(b.stakeholder_weights["marketing"], [0.1, 0.3, 0.6])
    np.testing.assert_allclose(b.stakeholder_weights["it"], [np.nan, 100 / 140, 40 / 140])
    assert b.problem.weights.sum() == pytest.approx(1)


def _best_worst(b_to_b, b_to_worst):
    return {
        "best_worst": {
            "best": "a",
            "worst": "c",
            "best_to_others": {"a": 1, "b": b_to_b, "c": 9},
            "others_to_worst": {"a": 9, "b": b_to_worst, "c": 1},
        }
    }


def test_best_worst_consistency_is_reported_with_its_threshold():
    # a_BW = 9 with 3 factors: threshold 0.1359 (Liang, Brunelli & Rezaei 2020).
    # b: 3 x 3 = 9 = a_BW, fully consistent.
    c = bridged(_best_worst(3, 3)).consistency
    assert c["method"] == "best_worst" and c["threshold"] == 0.1359
    assert c["ratio"] == pytest.approx(0) and c["worst_judgment"] is None
    assert not [w for w in bridged(_best_worst(3, 3)).warnings if "best_worst" in w.code]


def test_inconsistent_best_worst_is_warned_like_pairwise():
    # b: 3 x 9 = 27 against a_BW = 9, ratio 18 / 72 = 0.25 > 0.1359.
    b = bridged(_best_worst(3, 9))
    assert b.consistency["ratio"] == pytest.approx(0.25)
    assert b.consistency["worst_judgment"] == ["a", "b", "c"]
    (warning,) = [w for w in b.warnings if w.code == "warn_inconsistent_best_worst"]
    assert warning.loc == "weights.best_worst"
    assert "0.25, above the threshold of 0.14" in warning.msg
    assert "'a' matters than 'b' and 'b' than 'c'" in warning.msg
    person = {"id": "cfo", "weights": _best_worst(3, 9)}
    b = bridged(stakeholders=[person])
    (warning,) = [w for w in b.warnings if w.code == "warn_inconsistent_best_worst"]
    assert warning.loc == "stakeholders[0].weights.best_worst"
    assert warning.msg.startswith("Stakeholder 'cfo''s best-worst judgments")
