import numpy as np
import pytest

from decisionroom.engine.bwm import CONSISTENCY_INDEX, best_worst
from decisionroom.errors import InvalidParameter

CRITERIA = ["quality", "price", "comfort", "safety", "style"]


def test_best_worst_linear_rezaei2016_consistent():
    """Rezaei, J. (2016). Best-worst multi-criteria decision-making method: Some
    properties and a linear model. Omega 64, 126-130, car-buying example, Table 2 (fully
    consistent, best = price, worst = style): weights 0.2105, 0.4211, 0.1053, 0.2105,
    0.0526 and xi^L = 0 (four decimals)."""
    r = best_worst(1, 4, [2, 1, 4, 2, 8], [4, 8, 2, 4, 1])
    np.testing.assert_allclose(r.weights, [0.2105, 0.4211, 0.1053, 0.2105, 0.0526], atol=5e-5)
    assert r.xi == pytest.approx(0.0, abs=1e-9)
    assert r.consistency_ratio == pytest.approx(0.0, abs=1e-9)
    assert r.input_consistency_ratio == 0


def test_best_worst_linear_rezaei2016():
    """Rezaei (2016), Omega 64, 126-130, car-buying example, Table 3 (best = price,
    worst = style), solved by the linear model (Section 4): weights 0.2295, 0.4481,
    0.1148, 0.1530, 0.0546 and xi^L = 0.0109 (four decimals)."""
    r = best_worst(1, 4, [2, 1, 4, 3, 8], [4, 8, 2, 3, 1])
    np.testing.assert_allclose(r.weights, [0.2295, 0.4481, 0.1148, 0.1530, 0.0546], atol=5e-5)
    assert r.xi == pytest.approx(0.0109, abs=5e-5)
    # CR with Rezaei's (2015) table, CI(a_BW = 8) = 4.47
    assert CONSISTENCY_INDEX[7] == 4.47
    assert r.consistency_ratio == pytest.approx(r.xi / 4.47)
    # Liang, Brunelli & Rezaei (2020): only safety breaks a_Bj a_jW = a_BW (3 * 3 = 9)
    assert r.input_consistency_ratio == pytest.approx(1 / 56)


def test_best_worst_two_factors_and_equal_importance():
    r = best_worst(0, 1, [1, 4], [4, 1])
    np.testing.assert_allclose(r.weights, [0.8, 0.2])
    r = best_worst(0, 1, [1, 1], [1, 1])
    np.testing.assert_allclose(r.weights, [0.5, 0.5])
    assert r.consistency_ratio == 0 and r.input_consistency_ratio == 0


def test_best_worst_weights_sum_to_one_and_best_is_largest():
    rng = np.random.default_rng(5)
    for _ in range(20):
        n = int(rng.integers(3, 8))
        a_b = rng.integers(2, 10, n).astype(float)
        a_w = rng.integers(2, 10, n).astype(float)
        a_b[0], a_w[-1] = 1, 1
        a_w[0] = a_b[-1]
        r = best_worst(0, n - 1, a_b, a_w)
        assert r.weights.sum() == pytest.approx(1.0)
        assert np.all(r.weights >= 0)
        assert r.xi >= 0


def test_best_worst_reports_every_problem_with_its_location():
    with pytest.raises(InvalidParameter) as info:
        best_worst(1, 4, [2, 3, 0, 12, "x"], [4, 8, 2, 3, 2], names=CRITERIA)
    errors = {(e.loc, e.code) for e in info.value.errors}
    assert errors == {
        ("weights.best_worst.best_to_others.price", "self_comparison"),
        ("weights.best_worst.best_to_others.comfort", "scale"),
        ("weights.best_worst.best_to_others.safety", "scale"),
        ("weights.best_worst.best_to_others.style", "scale"),
        ("weights.best_worst.others_to_worst.style", "self_comparison"),
    }
    text = str(info.value)
    assert (
        "weights.best_worst.best_to_others.price: must be 1: it compares the best factor "
        "with itself. Got 3 instead." in text
    )


def test_best_worst_mismatched_best_to_worst_judgment():
    with pytest.raises(InvalidParameter) as info:
        best_worst(0, 2, [1, 2, 8], [6, 3, 1], loc="stakeholders[0].weights.best_worst")
    (error,) = info.value.errors
    assert error.loc == "stakeholders[0].weights.best_worst.others_to_worst[0]"
    assert error.code == "best_to_worst_mismatch"


def test_best_worst_structure_problems():
    with pytest.raises(InvalidParameter) as info:
        best_worst(1, 1, [1, 1, 2], [2, 1])
    codes = {e.code for e in info.value.errors}
    assert codes == {"length", "same_as_best"}
    with pytest.raises(InvalidParameter) as info:
        best_worst(5, 0, [1, 2], [1, 2])
    assert info.value.errors[0].loc == "weights.best_worst.best"


def test_input_thresholds_liang_brunelli_rezaei_2020():
    """Liang, F., Brunelli, M. & Rezaei, J. (2020). Consistency issues in the best worst
    method: Measurements and thresholds. Omega 96, 102175, thresholds table of the
    input-based ratio (rows a_BW = 3..9, columns 3..9 criteria): corner and middle cells."""
    from decisionroom.engine.bwm import input_threshold

    assert input_threshold(3, 3) == 0.1667 and input_threshold(3, 9) == 0.1667
    assert input_threshold(9, 3) == 0.1359 and input_threshold(9, 9) == 0.3605
    assert input_threshold(8, 5) == 0.2958 and input_threshold(5, 7) == 0.2716
    assert input_threshold(9, 15) == 0.3605  # beyond the table: the 9-criteria column
    assert input_threshold(2, 5) is None and input_threshold(8, 2) is None


def test_rezaei2016_car_example_is_acceptably_consistent():
    """Rezaei (2016) car example, Table 3 (a_BW = 8, 5 criteria): its input-based ratio
    1/56 = 0.018 is far under the threshold 0.2958, so no warning is due."""
    r = best_worst(1, 4, [2, 1, 4, 3, 8], [4, 8, 2, 3, 1])
    assert r.threshold == 0.2958
    assert r.acceptable
    assert r.worst_factor == 3  # safety: 3 x 3 = 9, not 8


def test_best_worst_judgments_that_break_the_threshold_are_named():
    # best = price, worst = style, a_BW = 8, but comfort is "4 times less than the best"
    # and "8 times more than the worst": 4 * 8 = 32 against 8, ratio 24/56 = 0.43.
    r = best_worst(1, 4, [2, 1, 4, 3, 8], [4, 8, 8, 3, 1])
    assert r.input_consistency_ratio == pytest.approx(24 / 56)
    assert not r.acceptable and r.worst_factor == 2
