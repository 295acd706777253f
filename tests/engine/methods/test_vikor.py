import numpy as np
import pytest

from decisionroom.engine.methods import get
from decisionroom.engine.methods.vikor import vikor
from decisionroom.engine.problem import Problem
from decisionroom.errors import InvalidParameter

# Opricovic & Tzeng (2007), hydropower options A1..A6 on eight factors: profit, investment
# cost, energy, peak energy (benefit), homes relocated, reservoir area, villages displaced
# (cost), environmental protection grade (benefit).
HYDRO = np.array(
    [
        [4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41],
        [5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41],
        [5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42],
        [5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36],
        [5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04],
        [4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36],
    ]
)
HYDRO_BENEFIT = np.array([True, False, True, True, False, False, False, True])

# weight set -> (S, R, Q, C1, C2, compromise set as option indices), three decimals
HYDRO_CASES = {
    "W1": (
        [1, 1, 1, 1, 1, 1, 1, 1],
        [0.692, 0.700, 0.290, 0.423, 0.280, 0.346],
        [0.125, 0.125, 0.121, 0.125, 0.067, 0.125],
        [0.991, 1.000, 0.473, 0.670, 0.000, 0.578],
        True,
        True,
        {4},
    ),
    "W2": (
        [2, 2, 2, 2, 1, 1, 1, 1],
        [0.701, 0.600, 0.386, 0.365, 0.317, 0.459],
        [0.167, 0.114, 0.161, 0.167, 0.089, 0.167],
        [1.000, 0.533, 0.552, 0.563, 0.000, 0.686],
        True,
        True,
        {4},
    ),
    "W3": (
        [1, 1, 1, 1, 2, 2, 2, 2],
        [0.683, 0.800, 0.193, 0.480, 0.243, 0.232],
        [0.113, 0.167, 0.080, 0.122, 0.044, 0.083],
        [0.684, 1.000, 0.147, 0.554, 0.041, 0.191],
        False,
        True,
        {2, 4, 5},
    ),
    "W4": (
        [1, 1, 1, 1, 3.2, 3.2, 3.2, 3.2],
        [0.678, 0.857, 0.138, 0.513, 0.222, 0.167],
        [0.129, 0.190, 0.057, 0.139, 0.042, 0.060],
        [0.668, 1.000, 0.051, 0.588, 0.058, 0.078],
        False,
        True,
        {2, 4, 5},
    ),
}

HALF_UNIT = 5e-4 + 1e-12  # printed to three decimals


def test_vikor_opricovic2004():
    """Opricovic, S. & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: A
    comparative analysis of VIKOR and TOPSIS. European Journal of Operational Research
    156(2), 445-455, Section 5 numerical example: three options on risk (cost) 1, 2, 5 and
    altitude (benefit) 3000, 3750, 4500, equal weights, v = 0.5; S = 0.5, 0.375, 0.5,
    R = 0.5, 0.25, 0.5, Q = 1, 0, 1; A2 is the compromise solution (C1 and C2 hold)."""
    x = np.array([[1.0, 3000.0], [2.0, 3750.0], [5.0, 4500.0]])
    result = vikor(x, np.array([0.5, 0.5]), np.array([False, True]))
    d = result.details
    np.testing.assert_allclose(d["S"], [0.5, 0.375, 0.5])
    np.testing.assert_allclose(d["R"], [0.5, 0.25, 0.5])
    np.testing.assert_allclose(result.scores, [1.0, 0.0, 1.0])
    assert not result.higher_is_better
    assert d["conditions"] == {
        "acceptable_advantage": True,
        "acceptable_stability": True,
        "dq": 0.5,
    }
    assert d["compromise_set"] == (1,)


@pytest.mark.parametrize("case", sorted(HYDRO_CASES))
def test_vikor_opricovic2007(case):
    """Opricovic, S. & Tzeng, G.-H. (2007). Extended VIKOR method in comparison with
    outranking methods. European Journal of Operational Research 178(2), 514-529,
    Section 5 numerical example (hydropower system, six options, eight factors): S, R, Q
    for the weight sets W1 (equal), W2 (economic x2), W3 (environmental x2) and W4
    (environmental x3.2), v = 0.5, printed to three decimals; A5 is the compromise for W1
    and W2, and {A5, A3, A6} for W3 and W4, where C1 fails."""
    weights, s, r, q, advantage, stability, compromise = HYDRO_CASES[case]
    w = np.array(weights) / np.sum(weights)
    result = vikor(HYDRO, w, HYDRO_BENEFIT)
    d = result.details
    np.testing.assert_allclose(d["S"], s, atol=HALF_UNIT)
    np.testing.assert_allclose(d["R"], r, atol=HALF_UNIT)
    np.testing.assert_allclose(result.scores, q, atol=HALF_UNIT)
    assert d["conditions"]["acceptable_advantage"] is advantage
    assert d["conditions"]["acceptable_stability"] is stability
    assert d["conditions"]["dq"] == pytest.approx(0.2)
    assert set(d["compromise_set"]) == compromise
    assert d["compromise_set"][0] == int(np.argmin(result.scores))


def test_vikor_compromise_pair_when_only_stability_fails():
    # regrets d_ij chosen so that the best option by Q (index 2) is best by neither S
    # (index 0 is) nor R (index 1 is), yet leads Q by more than DQ = 1/8
    regret = np.array(
        [
            [1.0] + [0.0] * 7,
            [0.49] * 8,
            [0.5] + [0.1] * 7,
            [0.0] + [1.0] * 7,
        ]
        + [[1.0] * 8] * 5
    )
    result = vikor(10 * (1 - regret), np.full(8, 1 / 8), np.ones(8, bool))
    d = result.details
    np.testing.assert_allclose(d["S"][:3], [0.125, 0.49, 0.15])
    assert int(np.argmin(result.scores)) == 2
    assert d["conditions"]["acceptable_advantage"] is True
    assert d["conditions"]["acceptable_stability"] is False
    assert d["compromise_set"] == (2, 1)


def test_vikor_v_blends_utility_and_regret():
    x = HYDRO
    w = np.full(8, 1 / 8)
    s_only = vikor(x, w, HYDRO_BENEFIT, v=1.0)
    r_only = vikor(x, w, HYDRO_BENEFIT, v=0.0)
    s, r = s_only.details["S"], s_only.details["R"]
    np.testing.assert_allclose(s_only.scores, (s - s.min()) / (s.max() - s.min()))
    np.testing.assert_allclose(r_only.scores, (r - r.min()) / (r.max() - r.min()))
    half = vikor(x, w, HYDRO_BENEFIT, v=0.5)
    np.testing.assert_allclose(half.scores, (s_only.scores + r_only.scores) / 2)


def test_vikor_constant_factor_adds_nothing():
    x = np.array([[1.0, 3000.0], [2.0, 3750.0], [5.0, 4500.0]])
    base = vikor(x, np.array([0.5, 0.5]), np.array([False, True]))
    wide = np.column_stack([x, np.full(3, 9.0)])
    result = vikor(wide, np.array([0.25, 0.25, 0.5]), np.array([False, True, True]))
    assert np.all(np.isfinite(result.scores))
    np.testing.assert_allclose(result.details["S"], base.details["S"] / 2)
    np.testing.assert_allclose(result.scores, base.scores)


def test_vikor_equal_s_leaves_q_to_r():
    # S is 0.5 for every option while R differs
    x = np.array([[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]])
    result = vikor(x, np.array([0.5, 0.5]), np.ones(2, bool))
    d = result.details
    np.testing.assert_allclose(d["S"], 0.5)
    np.testing.assert_allclose(d["R"], [0.5, 0.5, 0.25])
    np.testing.assert_allclose(result.scores, [0.5, 0.5, 0.0])


def test_vikor_identical_options_all_score_zero():
    x = np.tile([[3.0, 7.0, 1.0]], (4, 1))
    result = vikor(x, np.array([0.2, 0.3, 0.5]), np.array([True, False, True]))
    np.testing.assert_array_equal(result.scores, 0.0)
    np.testing.assert_array_equal(result.details["S"], 0.0)
    assert result.details["conditions"]["acceptable_advantage"] is False
    assert result.details["compromise_set"] == (0, 1, 2, 3)


def test_vikor_two_options():
    x = np.array([[1.0, 2.0], [2.0, 1.0]])
    result = vikor(x, np.array([0.7, 0.3]), np.ones(2, bool))
    np.testing.assert_allclose(result.scores, [1.0, 0.0])
    assert result.details["conditions"]["dq"] == 1.0
    assert result.details["compromise_set"] == (1,)


def test_vikor_batch_equals_single():
    rng = np.random.default_rng(3)
    w = rng.dirichlet(np.ones(8), size=30)
    batch = vikor(HYDRO, w, HYDRO_BENEFIT, v=0.4)
    assert batch.scores.shape == (30, 6)
    assert "conditions" not in batch.details and "compromise_set" not in batch.details
    single = [vikor(HYDRO, wi, HYDRO_BENEFIT, v=0.4) for wi in w]
    np.testing.assert_allclose(batch.scores, [s.scores for s in single], atol=1e-12)
    np.testing.assert_allclose(batch.details["R"], [s.details["R"] for s in single], atol=1e-15)
    xs = HYDRO * rng.uniform(0.9, 1.1, size=(30, *HYDRO.shape))
    batch = vikor(xs, w, HYDRO_BENEFIT, v=0.4)
    single = [vikor(xi, wi, HYDRO_BENEFIT, v=0.4).scores for xi, wi in zip(xs, w, strict=True)]
    np.testing.assert_allclose(batch.scores, single, atol=1e-12)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1.5, "method.params.v: v must be between 0 and 1. Got 1.5 instead."),
        (-0.1, "method.params.v: v must be between 0 and 1. Got -0.1 instead."),
        ("half", "method.params.v: v must be a finite number between 0 and 1. Got 'half' instead."),
    ],
)
def test_vikor_spec_rejects_bad_v(value, message):
    with pytest.raises(InvalidParameter) as info:
        get("vikor").resolve({"v": value})
    assert str(info.value) == message


def test_vikor_spec_runs_a_problem():
    spec = get("vikor")
    assert spec.defaults == {"v": 0.5}
    assert spec.resolve({"v": "0.25"}) == {"v": 0.25}  # CLI strings become numbers
    problem = Problem(HYDRO, np.full(8, 1 / 8), HYDRO_BENEFIT, tuple("ABCDEF"), tuple("stuvwxyz"))
    result = spec.run(problem, spec.kwargs({}, problem))
    np.testing.assert_allclose(result.scores, HYDRO_CASES["W1"][3], atol=HALF_UNIT)
