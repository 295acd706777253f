"""Consensus among stakeholders: Kendall's W, tau-b agreement, spread, outlier, verdict.

Kendall's W is checked against values worked by hand from its definition
(Kendall & Babington Smith 1939; Kendall & Gibbons 1990 ch. 6) and, with ties,
against scipy's Friedman test, whose tie-corrected statistic equals
``s (n - 1) W`` (Kendall & Gibbons 1990, eq. 6.5) -- an independent
implementation. No published worked example with raw rankings and a printed
W was at hand while writing this.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from decisionroom.engine.consensus import (
    UNDEFINED,
    agreement_matrix,
    kendall_w,
    kendall_w_test,
    mean_agreement,
    outlier,
    verdict,
    weight_spread,
)
from decisionroom.errors import InvalidParameter


def test_kendall_w_by_hand():
    # 4 stakeholders rank 3 options; rank sums 7, 9, 8, mean 8, S = 2
    # W = 12 * 2 / (4^2 * (3^3 - 3)) = 24 / 384 = 1/16
    r = np.array([[1, 3, 2], [1, 2, 3], [2, 3, 1], [3, 1, 2]])
    assert kendall_w(r) == pytest.approx(1 / 16)
    assert kendall_w(np.tile([1, 2, 3, 4], (5, 1))) == pytest.approx(1.0)
    assert kendall_w(np.array([[1, 2, 3], [3, 2, 1]])) == pytest.approx(0.0)


def test_kendall_w_ten_projects_four_judges():
    """Worked example: 4 judges rank 10 projects; rank sums 10, 8, 12, 16, 21, 22, 25, 31, 37, 38.

    Source: "The Kendall's coefficient of concordance W", statistics course
    notes, Example 1 (sum of squared deviations from the mean rank sum 22 is
    1048, so W = 12 * 1048 / (4^2 * 10 * (10^2 - 1)) = 0.794).
    """
    by_project = np.array(
        [
            [1, 2, 3, 4], [3, 1, 2, 2], [4, 4, 1, 3], [5, 5, 5, 1], [2, 6, 7, 6],
            [8, 3, 4, 7], [6, 8, 6, 5], [7, 7, 8, 9], [10, 10, 9, 8], [9, 9, 10, 10],
        ]
    )  # fmt: skip
    judges = by_project.T  # (stakeholders, options)
    assert judges.sum(axis=0).tolist() == [10, 8, 12, 16, 21, 22, 25, 31, 37, 38]
    assert kendall_w(judges) == pytest.approx(12 * 1048 / (16 * 10 * 99))
    assert round(kendall_w(judges), 3) == 0.794


def test_kendall_w_ties_by_hand():
    # 3 stakeholders, 4 options; stakeholder 2 ties options 2 and 3 (mid-rank 2.5)
    # rank sums 3, 6.5, 8.5, 12 (mean 7.5): S = 20.25 + 1 + 1 + 20.25 = 42.5
    # sum T = 2^3 - 2 = 6; W = 12 * 42.5 / (9 * 60 - 3 * 6) = 510 / 522
    r = np.array([[1, 2, 3, 4], [1, 2, 2, 4], [1, 2, 3, 4]])
    assert kendall_w(r) == pytest.approx(510 / 522)
    uncorrected = 12 * 42.5 / (9 * 60)
    assert kendall_w(r) > uncorrected


def test_kendall_w_matches_friedman_with_ties():
    rng = np.random.default_rng(1)
    for _ in range(20):
        s, n = rng.integers(2, 8), rng.integers(3, 9)
        r = rng.integers(1, 4, size=(s, n)).astype(float)  # many ties
        if np.any(np.all(r == r[:, :1], axis=1)):
            continue
        test = kendall_w_test(r)
        friedman = stats.friedmanchisquare(*r.T)
        assert test.chi2 == pytest.approx(friedman.statistic)
        assert test.p == pytest.approx(friedman.pvalue)
        assert test.dof == n - 1


def test_kendall_w_one_stakeholder_is_undefined():
    assert math.isnan(kendall_w(np.array([[1, 2, 3]])))
    assert verdict(kendall_w(np.array([[1, 2, 3]]))) == UNDEFINED
    assert math.isnan(kendall_w(np.array([[1, 1], [2, 2]])))  # everyone ties everything


def test_agreement_matrix_matches_scipy_tau_b():
    rng = np.random.default_rng(2)
    r = rng.integers(1, 5, size=(6, 7))
    tau = agreement_matrix(r)
    for i in range(6):
        for j in range(6):
            expected = 1.0 if i == j else stats.kendalltau(r[i], r[j], variant="b").statistic
            assert tau[i, j] == pytest.approx(expected)
    np.testing.assert_allclose(tau, tau.T)
    m = mean_agreement(r)
    np.testing.assert_allclose(m[0], (tau[0].sum() - 1) / 5)


def test_weight_spread_per_factor():
    w = np.array([[0.5, 0.3, 0.2], [2.0, 1.0, 1.0], [1.0, 1.0, np.nan]])
    spread = weight_spread(w)
    # normalised: [.5 .3 .2], [.5 .25 .25], [.5 .5 -]
    np.testing.assert_allclose(spread.min, [0.5, 0.25, 0.2])
    np.testing.assert_allclose(spread.max, [0.5, 0.5, 0.25])
    np.testing.assert_allclose(spread.std, [0.0, np.std([0.3, 0.25, 0.5]), 0.025])
    np.testing.assert_array_equal(spread.most, [0, 2, 1])
    np.testing.assert_array_equal(spread.least, [0, 1, 0])


def test_outlier_lowest_agreement_and_its_factor():
    rankings = np.array([[1, 2, 3, 4], [1, 2, 4, 3], [4, 3, 2, 1]])
    weights = np.array([[0.4, 0.3, 0.3], [0.35, 0.35, 0.3], [0.1, 0.2, 0.7]])
    group = weights.mean(axis=0)
    out = outlier(rankings, weights, group)
    assert out is not None
    assert out.stakeholder == 2 and out.factor == 2
    assert out.gap == pytest.approx(0.7 - group[2])
    assert out.agreement == pytest.approx(np.mean([-1.0, -2 / 3]))
    assert outlier(rankings[:1], weights[:1], group) is None


@pytest.mark.parametrize(
    ("w", "words"),
    [
        (0.95, "strong agreement"),
        (0.7, "strong agreement"),
        (0.69, "broad agreement"),
        (0.5, "broad agreement"),
        (0.3, "partial agreement"),
        (0.29, "little agreement"),
        (0.0, "little agreement"),
    ],
)
def test_verdict_thresholds(w, words):
    assert verdict(w) == words


def test_consensus_rejects_bad_input():
    with pytest.raises(InvalidParameter, match="consensus.rankings"):
        kendall_w(np.array([1, 2, 3]))
    with pytest.raises(InvalidParameter, match="consensus.weights"):
        weight_spread(np.array([[0.0, 0.0]]))


def test_mean_agreement_of_a_stakeholder_who_ties_everything_is_nan_without_a_warning():
    import warnings

    from decisionroom.engine.consensus import mean_agreement

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # np.nanmean would warn "Mean of empty slice"
        out = mean_agreement([[1, 2, 3], [2, 2, 2], [1, 2, 3]])
    assert np.isnan(out[1]) and out[0] == pytest.approx(1.0) and out[2] == pytest.approx(1.0)
