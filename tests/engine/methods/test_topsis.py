import numpy as np
import pytest

from decisionroom.engine.methods import get
from decisionroom.engine.methods.topsis import topsis
from decisionroom.engine.problem import Problem
from decisionroom.engine.ranking import ranks
from decisionroom.errors import InvalidParameter

# Hwang & Yoon (1981), fighter aircraft: maximum speed (Mach), ferry range (NM), maximum
# payload (lb), acquisition cost ($10^6, a cost), reliability and maneuverability (interval
# scale: low 3, average 5, high 7, very high 9).
AIRCRAFT = np.array(
    [
        [2.0, 1500, 20000, 5.5, 5, 9],
        [2.5, 2700, 18000, 6.5, 3, 5],
        [1.8, 2000, 21000, 4.5, 7, 7],
        [2.2, 1800, 20000, 5.0, 5, 5],
    ]
)
AIRCRAFT_WEIGHTS = np.array([0.2, 0.1, 0.1, 0.1, 0.2, 0.3])
AIRCRAFT_BENEFIT = np.array([True, True, True, False, True, True])


def test_topsis_hwang1981():
    """Hwang, C.-L. & Yoon, K. (1981). Multiple Attribute Decision Making: Methods and
    Applications. Springer (LNEMS 186), pp. 133-134, TOPSIS on the fighter aircraft
    example, weights 0.2, 0.1, 0.1, 0.1, 0.2, 0.3. Printed (as transcribed from the book
    in the mcdajs examples): distances S* = .0545 .1197 .0580 .1009, S- = .0983 .0439
    .0920 .0458 (four decimals), relative closeness C* = .643 .268 .613 .312, so
    A1 > A3 > A4 > A2.

    The book computes each step from the previous step rounded to four decimals, and
    its normalised matrix has slips (5.5 / sqrt(117.75) = .5069, printed .5063), so its later figures differ from the exact ones in the fourth decimal: C*
    of A3 is .61354 exactly and .613 in print. The tolerances below are those of the
    book's rounding, not of ours."""
    result = topsis(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT)
    d = result.details
    np.testing.assert_allclose(d["d_plus"], [0.0545, 0.1197, 0.0580, 0.1009], atol=1e-4)
    np.testing.assert_allclose(d["d_minus"], [0.0983, 0.0439, 0.0920, 0.0458], atol=1e-4)
    np.testing.assert_allclose(result.scores, [0.643, 0.268, 0.613, 0.312], atol=6e-4)
    assert list(ranks(result.scores, True)) == [1, 4, 2, 3]
    # the printed normalised matrix is right to four decimals but for the book's slips:
    # the cost column and A4's ferry range (1800 / sqrt(16.78e6) = .4394, printed .4392)
    printed = np.array(
        [
            [0.4671, 0.3662, 0.5056, 0.5063, 0.4811, 0.6708],
            [0.5839, 0.6591, 0.4550, 0.5983, 0.2887, 0.3727],
            [0.4204, 0.4882, 0.5308, 0.4143, 0.6736, 0.5217],
            [0.5139, 0.4392, 0.5056, 0.4603, 0.4811, 0.3727],
        ]
    )
    slips = np.zeros_like(printed, dtype=bool)
    slips[:, 3] = slips[3, 1] = True
    np.testing.assert_allclose(d["normalized"][~slips], printed[~slips], atol=5e-5)
    np.testing.assert_allclose(d["normalized"][slips], printed[slips], atol=1e-3)
    v = d["weighted"]
    # ideal and anti-ideal in the weighted space; acquisition cost is a cost factor
    np.testing.assert_allclose(d["ideal"], np.where(AIRCRAFT_BENEFIT, v.max(axis=0), v.min(axis=0)))
    np.testing.assert_allclose(
        d["anti_ideal"], np.where(AIRCRAFT_BENEFIT, v.min(axis=0), v.max(axis=0))
    )


def test_topsis_tzeng2011():
    """Tzeng, G.-H. & Huang, J.-J. (2011). Multiple Attribute Decision Making: Methods and
    Applications. CRC Press, TOPSIS numerical example: four options, three benefit factors,
    weights 0.3, 0.4, 0.3; relative closeness 0.5037, 0.6581, 0.7482, 0.3340 (four
    decimals)."""
    x = np.array([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], dtype=float)
    result = topsis(x, np.array([0.3, 0.4, 0.3]), np.ones(3, bool))
    np.testing.assert_allclose(result.scores, [0.5037, 0.6581, 0.7482, 0.3340], atol=5e-5)


def test_topsis_details_are_consistent():
    result = topsis(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT)
    d = result.details
    v = d["weighted"]
    np.testing.assert_allclose(v, d["normalized"] * AIRCRAFT_WEIGHTS)
    np.testing.assert_allclose(np.sqrt(np.square(d["normalized"]).sum(axis=0)), 1.0)
    np.testing.assert_allclose(d["d_plus"], np.linalg.norm(v - d["ideal"], axis=1))
    np.testing.assert_allclose(d["d_minus"], np.linalg.norm(v - d["anti_ideal"], axis=1))
    np.testing.assert_allclose(result.scores, d["d_minus"] / (d["d_plus"] + d["d_minus"]))


def test_topsis_minmax_ideal_is_one_and_anti_ideal_zero():
    result = topsis(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT, normalization="minmax")
    d = result.details
    np.testing.assert_allclose(d["ideal"], AIRCRAFT_WEIGHTS)
    np.testing.assert_allclose(d["anti_ideal"], 0.0)
    assert d["normalized"][:, 3].argmax() == 2  # the cheapest aircraft has the best value
    assert np.all((result.scores >= 0) & (result.scores <= 1))


@pytest.mark.parametrize("normalization", ["vector", "minmax"])
def test_topsis_constant_factor_changes_nothing(normalization):
    base = topsis(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT, normalization=normalization)
    x = np.column_stack([AIRCRAFT, np.full(4, 7.0)])
    w = np.append(AIRCRAFT_WEIGHTS, 0.25)
    for direction in (True, False):
        other = topsis(x, w, np.append(AIRCRAFT_BENEFIT, direction), normalization=normalization)
        np.testing.assert_allclose(other.scores, base.scores)


@pytest.mark.parametrize("normalization", ["vector", "minmax"])
def test_topsis_identical_options_score_one_half(normalization):
    x = np.tile([[3.0, 5.0, 1.0]], (3, 1))
    result = topsis(
        x, np.array([0.2, 0.5, 0.3]), np.array([True, False, True]), normalization=normalization
    )
    np.testing.assert_array_equal(result.scores, 0.5)


def test_topsis_ideal_option_scores_one_and_anti_ideal_zero():
    x = np.array([[10.0, 1.0], [5.0, 4.0], [0.0, 9.0]])
    result = topsis(x, np.array([0.6, 0.4]), np.array([True, False]))
    assert result.scores[0] == pytest.approx(1.0)
    assert result.scores[2] == pytest.approx(0.0)


@pytest.mark.parametrize("normalization", ["vector", "minmax"])
def test_topsis_batch_equals_single(normalization):
    rng = np.random.default_rng(7)
    w = rng.dirichlet(np.ones(6), size=25)
    batch = topsis(AIRCRAFT, w, AIRCRAFT_BENEFIT, normalization=normalization)
    assert batch.scores.shape == (25, 4)
    assert "weighted" not in batch.details  # never builds (k, n, m) for a fixed matrix
    single = [
        topsis(AIRCRAFT, wi, AIRCRAFT_BENEFIT, normalization=normalization).scores for wi in w
    ]
    np.testing.assert_allclose(batch.scores, single, rtol=1e-12, atol=1e-14)
    # one perturbed matrix per weight vector
    xs = AIRCRAFT * rng.uniform(0.9, 1.1, size=(25, *AIRCRAFT.shape))
    batch = topsis(xs, w, AIRCRAFT_BENEFIT, normalization=normalization)
    single = [
        topsis(xi, wi, AIRCRAFT_BENEFIT, normalization=normalization).scores
        for xi, wi in zip(xs, w, strict=True)
    ]
    np.testing.assert_allclose(batch.scores, single, rtol=1e-12, atol=1e-14)


def test_topsis_spec_rejects_an_unknown_distance():
    spec = get("topsis")
    assert spec.defaults == {"normalization": "vector", "distance": "euclidean"}
    with pytest.raises(InvalidParameter) as info:
        spec.resolve({"distance": "manhattan"})
    assert str(info.value) == (
        "method.params.distance: distance must be one of 'euclidean'. Got 'manhattan' instead."
    )


def test_topsis_spec_runs_a_problem():
    spec = get("topsis")
    problem = Problem(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT, tuple("ABCD"), tuple("uvwxyz"))
    result = spec.run(problem, spec.kwargs({}, problem))
    np.testing.assert_allclose(result.scores, [0.643, 0.268, 0.614, 0.312], atol=5e-4)
    assert result.higher_is_better
