import time

import numpy as np
import pytest

from decisionroom.engine.ahp import (
    RANDOM_INDEX,
    RANDOM_INDEX_1980,
    JudgmentsDisconnected,
    check_pairwise,
    eigen_priorities,
    eigen_priorities_batch,
    gci_threshold,
    geometric_consistency_index,
    geometric_mean_priorities,
    matrix_from_judgments,
    parse_pairwise,
    random_index,
)
from decisionroom.errors import InvalidParameter
from tests.engine.published_ahp import (
    DONG_GCI,
    DONG_MATRICES,
    DONG_PRIORITIES,
    ESCOBAR_GCI,
    ESCOBAR_MATRICES,
    ESCOBAR_PRIORITIES,
)

# Saaty (1990), EJOR 48, 9-26, house example: size, transportation, neighbourhood, age,
# yard space, modern facilities, general condition, financing.
HOUSE_CRITERIA = [
    [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
    [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
    [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
    [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
    [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
    [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
    [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
    [4, 7, 5, 8, 6, 6, 2, 1],
]

# Saaty (2008), Int. J. Services Sciences 1(1), 83-98: relative consumption of drinks in
# the US (coffee, wine, tea, beer, sodas, milk, water).
DRINKS = [
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
]


def consistent(w):
    w = np.asarray(w, dtype=float)
    return w[:, None] / w[None, :]


def test_eigen_house_saaty1990():
    """Saaty, T. L. (1990). How to make a decision: The analytic hierarchy process.
    European Journal of Operational Research 48, 9-26, house example, criteria matrix:
    priorities .173 .054 .188 .018 .031 .036 .167 .333, lambda_max = 9.669, CI = .238,
    CR = .169 (with the 1980 random index 1.41); three decimals."""
    p = eigen_priorities(HOUSE_CRITERIA)
    np.testing.assert_allclose(
        p.weights, [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333], atol=5e-4
    )
    assert p.lambda_max == pytest.approx(9.669, abs=5e-4)
    assert p.ci == pytest.approx(0.238, abs=5e-4)
    assert p.ci / RANDOM_INDEX_1980[7] == pytest.approx(0.169, abs=5e-4)
    assert p.random_index == RANDOM_INDEX[7] == 1.40
    assert p.cr == pytest.approx(p.ci / 1.40)


def test_eigen_drinks_saaty2008():
    """Saaty, T. L. (2008). Decision making with the analytic hierarchy process. Int. J.
    Services Sciences 1(1), 83-98, drinks consumption in the US: derived priorities
    .177 .019 .042 .116 .190 .129 .327 (three decimals), CR = .022."""
    p = eigen_priorities(DRINKS)
    np.testing.assert_allclose(
        p.weights, [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327], atol=5e-4
    )
    assert p.cr == pytest.approx(0.022, abs=5e-4)


@pytest.mark.parametrize("k", range(5))
def test_geometric_mean_dong_2010(k):
    """Dong, Zhang, Hong & Xu (2010), Decision Support Systems 49(3), 281-289, Section 5:
    the RGM priorities of five inconsistent 4 x 4 matrices (four decimals) and their GCI
    (Table 3, four decimals)."""
    p = geometric_mean_priorities(DONG_MATRICES[k])
    np.testing.assert_allclose(p.weights, DONG_PRIORITIES[k], atol=5e-5)
    assert p.gci == pytest.approx(DONG_GCI[k], abs=5e-5)
    # the matrices are inconsistent enough that the eigenvector gives other weights
    assert np.abs(eigen_priorities(DONG_MATRICES[k]).weights - p.weights).max() > 5e-4


@pytest.mark.parametrize("party", sorted(ESCOBAR_PRIORITIES))
def test_geometric_mean_escobar_2015(party):
    """Escobar, Aguarón & Moreno-Jiménez (2015), Decision Support Systems, doi
    10.1016/j.dss.2015.04.005, Table 3: RGM priorities and GCI of four inconsistent 5 x 5
    matrices (three decimals)."""
    p = geometric_mean_priorities(ESCOBAR_MATRICES[party])
    np.testing.assert_allclose(p.weights, ESCOBAR_PRIORITIES[party], atol=5e-4 + 1e-12)
    assert geometric_consistency_index(ESCOBAR_MATRICES[party]) == pytest.approx(
        ESCOBAR_GCI[party], abs=5e-4
    )


def test_gci_thresholds_and_small_matrices():
    """Aguarón & Moreno-Jiménez (2003), EJOR 147(1), 137-145: 0.31, 0.35, 0.37."""
    assert [gci_threshold(n) for n in (3, 4, 5, 9)] == [0.31, 0.35, 0.37, 0.37]
    assert gci_threshold(2) == float("inf")
    assert geometric_consistency_index([[1, 3], [1 / 3, 1]]) == 0
    assert geometric_mean_priorities([[1.0]]).gci == 0
    assert eigen_priorities(DONG_MATRICES[0]).gci is None
    # Dong's A2 passes the n = 4 threshold and a reversed judgment does not
    assert geometric_consistency_index(DONG_MATRICES[1]) < gci_threshold(4)
    a = np.array(DONG_MATRICES[1], dtype=float)
    a[0, 3], a[3, 0] = 1 / 9, 9
    assert geometric_consistency_index(a) > gci_threshold(4)


def test_published_typo_is_caught():
    # the copy of Dong et al. we read prints a32 = 1/2 next to a23 = 1/2
    a = [row[:] for row in DONG_MATRICES[4]]
    a[2][1] = 1 / 2
    with pytest.raises(InvalidParameter, match=r"A5\[2\]\[1\].*reciprocal"):
        check_pairwise(a, "A5")


def test_random_index_tables():
    assert len(RANDOM_INDEX) == 15
    assert random_index(3) == 0.52
    assert random_index(3, "saaty1980") == 0.58
    assert random_index(40) == RANDOM_INDEX[-1]
    assert random_index(12, "saaty1980") == RANDOM_INDEX_1980[-1]
    with pytest.raises(ValueError):
        random_index(0)


@pytest.mark.parametrize("method", [eigen_priorities, geometric_mean_priorities])
def test_consistent_matrix_gives_exact_weights_and_cr_zero(method):
    w = np.array([0.4, 0.25, 0.2, 0.1, 0.05])
    p = method(consistent(w))
    np.testing.assert_allclose(p.weights, w, atol=1e-12)
    assert p.lambda_max == pytest.approx(5.0)
    assert p.ci == 0 and p.cr == 0
    assert p.worst_judgment is None


@pytest.mark.parametrize("method", [eigen_priorities, geometric_mean_priorities])
def test_small_matrices_have_cr_zero(method):
    assert method([[1.0]]).weights.tolist() == [1.0]
    p = method([[1, 3], [1 / 3, 1]])
    np.testing.assert_allclose(p.weights, [0.75, 0.25])
    assert p.cr == 0 and p.random_index == 0


@pytest.mark.parametrize("pair", [(0, 3), (1, 2), (2, 4)])
def test_perturbed_judgment_is_the_worst(pair):
    a = consistent([0.35, 0.25, 0.2, 0.12, 0.08])
    i, j = pair
    a[i, j] *= 4
    a[j, i] = 1 / a[i, j]
    p = eigen_priorities(a)
    assert p.worst_judgment == pair
    assert p.cr > 0
    assert geometric_mean_priorities(a).worst_judgment == pair


def test_geometric_mean_close_to_eigen_on_house():
    g = geometric_mean_priorities(HOUSE_CRITERIA)
    e = eigen_priorities(HOUSE_CRITERIA)
    assert g.weights.sum() == pytest.approx(1.0)
    assert np.argmax(g.weights) == np.argmax(e.weights)
    # lambda estimated against the GM weights: mean of (A w)_i / w_i
    a = np.array(HOUSE_CRITERIA)
    assert g.lambda_max == pytest.approx(np.mean(a @ g.weights / g.weights))


def random_reciprocal(rng, k, n):
    scale = np.array([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9])
    a = np.ones((k, n, n))
    iu = np.triu_indices(n, 1)
    v = rng.choice(scale, (k, len(iu[0])))
    a[:, iu[0], iu[1]] = v
    a[:, iu[1], iu[0]] = 1 / v
    return a


def test_batch_matches_single():
    rng = np.random.default_rng(7)
    stack = random_reciprocal(rng, 50, 6)
    stack[0] = np.array(HOUSE_CRITERIA)[:6, :6]
    w, cr = eigen_priorities_batch(stack)
    for k in range(len(stack)):
        p = eigen_priorities(stack[k])
        np.testing.assert_allclose(w[k], p.weights, atol=1e-9)
        assert cr[k] == pytest.approx(p.cr, abs=1e-9)


def test_batch_falls_back_to_eig_when_not_converged():
    rng = np.random.default_rng(3)
    stack = random_reciprocal(rng, 5, 5)
    w, cr = eigen_priorities_batch(stack, max_iter=1)
    for k in range(5):
        np.testing.assert_allclose(w[k], eigen_priorities(stack[k]).weights, atol=1e-9)


def test_batch_small_n_has_cr_zero():
    w, cr = eigen_priorities_batch(np.array([[[1, 2], [0.5, 1]]] * 3))
    np.testing.assert_allclose(w, [[2 / 3, 1 / 3]] * 3)
    assert cr.tolist() == [0, 0, 0]


def test_batch_is_fast():
    # issue 5 times 10,000 9x9 matrices; no Python loop over k
    stack = random_reciprocal(np.random.default_rng(0), 10_000, 9)
    start = time.perf_counter()
    w, cr = eigen_priorities_batch(stack)
    assert time.perf_counter() - start < 2.0
    assert w.shape == (10_000, 9) and cr.shape == (10_000,)
    np.testing.assert_allclose(w.sum(axis=1), 1.0)


def test_incomplete_consistent_judgments_reproduce_exact_weights():
    w = np.array([0.4, 0.3, 0.15, 0.1, 0.05])
    # a spanning tree plus one extra edge: 5 of the 10 pairs
    pairs = [(0, 1), (1, 2), (2, 3), (3, 4), (0, 4)]
    a = matrix_from_judgments(5, [(i, j, w[i] / w[j]) for i, j in pairs])
    np.testing.assert_allclose(a, consistent(w))
    p = eigen_priorities(a)
    np.testing.assert_allclose(p.weights, w, atol=1e-12)
    assert p.worst_judgment is None


def test_incomplete_judgments_fill_by_log_least_squares():
    # 0 vs 1 judged 2, 1 vs 2 judged 3: the only path gives a_02 = 6
    a = matrix_from_judgments(3, [(0, 1, 2.0), (2, 1, 1 / 3)])
    assert a[0, 2] == pytest.approx(6.0)
    assert a[2, 0] == pytest.approx(1 / 6)
    assert a[0, 1] == 2.0 and a[1, 2] == pytest.approx(3.0)


def test_complete_judgments_are_kept_as_given():
    a = matrix_from_judgments(3, [(0, 1, 2), (0, 2, 5), (1, 2, 2)])
    np.testing.assert_allclose(a, [[1, 2, 5], [0.5, 1, 2], [0.2, 0.5, 1]])


def test_disconnected_judgments_name_the_groups():
    with pytest.raises(JudgmentsDisconnected) as info:
        matrix_from_judgments(5, [(0, 1, 2), (2, 3, 3)])
    assert info.value.groups == [[0, 1], [2, 3], [4]]
    assert "[0, 1]; [2, 3]; [4]" in str(info.value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "judgments, match",
    [
        ([(0, 3, 2)], "outside"),
        ([(1, 1, 2)], "itself"),
        ([(0, 1, 2), (1, 0, 0.5)], "more than once"),
        ([(0, 1, 0)], "positive"),
    ],
)
def test_bad_judgments(judgments, match):
    with pytest.raises(ValueError, match=match):
        matrix_from_judgments(3, judgments)


def test_check_pairwise_accepts_rounded_reciprocals_and_fractions():
    check_pairwise([[1, 3], [0.333, 1]], "weights.pairwise.matrix")
    a = parse_pairwise([[1, "1/3"], ["3", 1]], "m")
    np.testing.assert_allclose(a, [[1, 1 / 3], [3, 1]])
    check_pairwise(np.array(DRINKS), "m")


def test_check_pairwise_reports_every_problem_with_its_location():
    with pytest.raises(InvalidParameter) as info:
        check_pairwise([[1, 3, -2], [0.5, 1, "x"], [0.5, 1, 2]], "weights.pairwise.matrix")
    errors = {(e.loc, e.code) for e in info.value.errors}
    assert errors == {
        ("weights.pairwise.matrix[0][2]", "positive_number"),
        ("weights.pairwise.matrix[1][2]", "positive_number"),
        ("weights.pairwise.matrix[1][0]", "not_reciprocal"),
        ("weights.pairwise.matrix[2][2]", "diagonal"),
    }
    rendered = str(info.value)
    assert (
        "weights.pairwise.matrix[1][0]: must be the reciprocal of [0][1] = 3, that is about "
        "0.3333; the two entries of a pair multiply to 1. Got 0.5 instead." in rendered
    )


def test_check_pairwise_not_square():
    with pytest.raises(InvalidParameter) as info:
        check_pairwise([[1, 2, 3], [0.5, 1]], "m")
    (error,) = info.value.errors
    assert error.loc == "m[0]" and error.code == "not_square"
    for bad in ([], "1 2; 3 4", 5, {"a": 1}):
        with pytest.raises(InvalidParameter) as info:
            check_pairwise(bad, "m")
        assert info.value.errors[0].loc == "m"


def test_check_pairwise_rejects_booleans_and_infinity():
    with pytest.raises(InvalidParameter) as info:
        check_pairwise([[1, True], [float("inf"), 1]], "m")
    assert {e.loc for e in info.value.errors} == {"m[0][1]", "m[1][0]"}
