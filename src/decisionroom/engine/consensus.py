"""Agreement among stakeholders: how far their rankings and weights agree.

Rankings are ``(s, n)`` arrays: row ``k`` holds stakeholder ``k``'s rank of
each option, 1 = best (any rank-like numbers where lower is better work;
equal numbers are ties). They are turned into mid-ranks (a tie for 2nd and
3rd place gives both 2.5) before anything is computed.

- :func:`kendall_w`: one number for the whole group, 0 (no agreement) to 1
  (identical rankings), corrected for ties.
- :func:`agreement_matrix`: Kendall's tau-b between every two stakeholders,
  -1 (opposite) to 1 (identical); tau-b because it handles ties and counts
  agreeing pairs of options, which is what a stakeholder can check.
- :func:`weight_spread`, :func:`outlier`: who pulls the group where, and on
  which factor.
- :func:`verdict`: W in plain words.

References:
    Kendall, M. G. & Babington Smith, B. (1939). The problem of m rankings.
    Annals of Mathematical Statistics 10(3), 275-287.
    Kendall, M. G. & Gibbons, J. D. (1990). Rank Correlation Methods, 5th ed.
    Edward Arnold.
    Schmidt, R. C. (1997). Managing Delphi surveys using nonparametric
    statistical techniques. Decision Sciences 28(3), 763-774.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from decisionroom.engine._finite import rescaled, shares
from decisionroom.engine.problem import FloatArray
from decisionroom.errors import InvalidParameter

__all__ = [
    "ALL_TIED",
    "ONE_OPTION",
    "UNDEFINED",
    "VERDICTS",
    "KendallW",
    "Outlier",
    "WeightSpread",
    "agreement_matrix",
    "kendall_w",
    "kendall_w_test",
    "mean_agreement",
    "outlier",
    "verdict",
    "weight_spread",
]


def _rankings(rankings: ArrayLike) -> FloatArray:
    r = np.asarray(rankings, dtype=float)
    if r.ndim != 2 or r.shape[0] == 0 or r.shape[1] == 0:
        raise InvalidParameter.at(
            "consensus.rankings", "must be one ranking per stakeholder, (s, n).", input=r.shape
        )
    if not np.all(np.isfinite(r)):
        raise InvalidParameter.at("consensus.rankings", "every rank must be a finite number.")
    return midranks(r)


def midranks(r: FloatArray) -> FloatArray:
    """Row-wise ranks 1..n with ties given the mean of their positions.

    The same as ``scipy.stats.rankdata(r, method="average", axis=1)``, kept
    in numpy because importing ``scipy.stats`` costs about a second of
    start-up on the command line.
    """
    idx = np.argsort(r, axis=1, kind="stable")
    sorted_r = np.take_along_axis(r, idx, axis=1)
    n = r.shape[1]
    out = np.empty_like(r, dtype=float)
    for k in range(r.shape[0]):  # one row per stakeholder: a handful
        values = sorted_r[k]
        starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
        ends = np.r_[starts[1:], n]
        mean_pos = (starts + ends + 1) / 2.0  # mean of 1-based positions start+1..end
        out[k, idx[k]] = np.repeat(mean_pos, ends - starts)
    return out


@dataclass(frozen=True)
class KendallW:
    """Kendall's W with its chi-square test.

    ``chi2 = s (n - 1) W`` with ``n - 1`` degrees of freedom; ``p`` is the
    chance of a W at least this large if the stakeholders ranked at random
    (large-sample approximation, reasonable from about n = 7 options).
    """

    w: float
    chi2: float
    dof: int
    p: float


def kendall_w(rankings: ArrayLike) -> float:
    """Kendall's coefficient of concordance W, corrected for ties.

    With ``s`` stakeholders ranking ``n`` options, ``R_i`` the sum of option
    ``i``'s mid-ranks and ``S = sum_i (R_i - mean R)^2``,

        ``W = 12 S / (s^2 (n^3 - n) - s sum_k T_k)``,  ``T_k = sum (t^3 - t)``

    over the groups of ``t`` tied options in stakeholder ``k``'s ranking
    (Kendall & Babington Smith 1939; Kendall & Gibbons 1990, ch. 6).

    W is undefined, and NaN is returned, with fewer than two stakeholders
    or two options, or when every stakeholder ties every option; callers
    show that with :func:`verdict` (which says why) and write null in JSON.
    """
    r = _rankings(rankings)
    s, n = r.shape
    if s < 2 or n < 2:
        return math.nan
    totals = r.sum(axis=0)
    spread = float(np.sum((totals - totals.mean()) ** 2))
    ties = 0.0
    for row in r:
        _, t = np.unique(row, return_counts=True)
        ties += float(np.sum(t.astype(float) ** 3 - t))
    denominator = s**2 * (n**3 - n) - s * ties
    if denominator <= 0:
        return math.nan
    return float(12.0 * spread / denominator)


def kendall_w_test(rankings: ArrayLike) -> KendallW:
    """Kendall's W and its chi-square test (see :func:`kendall_w`)."""
    w = kendall_w(rankings)
    s, n = np.asarray(rankings).shape
    if math.isnan(w):
        return KendallW(math.nan, math.nan, max(n - 1, 0), math.nan)
    chi2 = s * (n - 1) * w
    from scipy import stats  # only the test needs it; see midranks()

    return KendallW(w, chi2, n - 1, float(stats.chi2.sf(chi2, n - 1)))


def _pair_signs(r: FloatArray) -> FloatArray:
    """``sign(r_i - r_j)`` for every pair ``i < j``: ``(s, n (n - 1) / 2)``."""
    i, j = np.triu_indices(r.shape[1], 1)
    return np.sign(r[:, i] - r[:, j])


def agreement_matrix(rankings: ArrayLike) -> FloatArray:
    """Kendall's tau-b between every two stakeholders' rankings: ``(s, s)``.

    ``tau_b = sum_pairs a_p b_p / sqrt(sum a_p^2 sum b_p^2)`` with ``a_p``,
    ``b_p`` the signs of the two stakeholders' rank differences on each pair
    of options, so ties count in neither the numerator nor the denominator
    (Kendall & Gibbons 1990). Equals ``scipy.stats.kendalltau`` (variant b).
    The diagonal is 1; a stakeholder who ties every option has NaN.
    """
    a = _pair_signs(_rankings(rankings))
    norms = np.sqrt(np.sum(a * a, axis=1))
    with np.errstate(invalid="ignore", divide="ignore"):
        tau = (a @ a.T) / np.outer(norms, norms)
    tau = np.clip(tau, -1.0, 1.0)
    np.fill_diagonal(tau, np.where(norms > 0, 1.0, np.nan))
    return np.asarray(tau)


def mean_agreement(rankings: ArrayLike) -> FloatArray:
    """Each stakeholder's mean tau-b with the others: ``(s,)``; NaN for one stakeholder."""
    tau = agreement_matrix(rankings)
    s = tau.shape[0]
    if s < 2:
        return np.full(s, np.nan)
    off = tau.copy()
    np.fill_diagonal(off, np.nan)
    # A stakeholder whose own weights tie every option has no tau with anyone: their mean
    # is NaN. Counted by hand, because np.nanmean warns on an all-NaN row.
    known = ~np.isnan(off)
    counts = known.sum(axis=1)
    sums = np.where(known, off, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    return np.asarray(out, dtype=float)


@dataclass(frozen=True)
class WeightSpread:
    """Per factor, how far the stakeholders' (normalised) weights spread.

    ``most``/``least`` are the index of the stakeholder who gives the factor
    the largest/smallest weight (the first one on a tie); ``std`` is the
    population standard deviation (ddof 0) over those who weighed it.
    """

    min: FloatArray
    max: FloatArray
    std: FloatArray
    most: NDArray[np.intp]
    least: NDArray[np.intp]


def _normalised(weights: ArrayLike) -> FloatArray:
    w = np.asarray(weights, dtype=float)
    if w.ndim != 2 or w.shape[0] == 0 or w.shape[1] == 0:
        raise InvalidParameter.at(
            "consensus.weights", "must be one weight vector per stakeholder, (s, m).", input=w.shape
        )
    if np.any(w[~np.isnan(w)] < 0) or np.any(np.isinf(w)):
        raise InvalidParameter.at("consensus.weights", "weights must be non-negative and finite.")
    w = rescaled(w, axis=1)  # weights of 1e308 must not sum to infinity (docs/limits.md)
    sums = np.nansum(w, axis=1, keepdims=True)
    if np.any(sums <= 0):
        raise InvalidParameter.at(
            "consensus.weights", "every stakeholder needs at least one positive weight."
        )
    return np.asarray(w / sums)


def weight_spread(weights: ArrayLike) -> WeightSpread:
    """Min, max, std and who wants each factor most and least.

    ``weights`` is ``(s, m)``; each stakeholder's row is normalised to sum to
    1 over the factors they weighed; NaN (skipped) entries are ignored. A
    factor nobody weighed has NaN statistics and index -1.
    """
    w = _normalised(weights)
    given = ~np.isnan(w)
    any_given = given.any(axis=0)
    safe = np.where(any_given, 0, 1)[None, :]  # columns with no data get a dummy value
    lo = np.where(given, w, np.inf)
    hi = np.where(given, w, -np.inf)
    most = np.where(any_given, np.argmax(np.where(safe, 0, hi), axis=0), -1)
    least = np.where(any_given, np.argmin(np.where(safe, 0, lo), axis=0), -1)
    count = given.sum(axis=0)
    mean = np.where(given, w, 0).sum(axis=0) / np.maximum(count, 1)
    var = np.where(given, (w - mean) ** 2, 0).sum(axis=0) / np.maximum(count, 1)
    nan = np.full(w.shape[1], np.nan)
    return WeightSpread(
        min=np.where(any_given, lo.min(axis=0), nan),
        max=np.where(any_given, hi.max(axis=0), nan),
        std=np.where(any_given, np.sqrt(var), nan),
        most=most.astype(np.intp),
        least=least.astype(np.intp),
    )


@dataclass(frozen=True)
class Outlier:
    """The stakeholder furthest from the group and the factor that drives it.

    ``agreement`` is their mean tau-b with the others; ``gap`` is
    ``w_s - w_group`` on ``factor`` (positive: they want it more).
    """

    stakeholder: int
    factor: int
    agreement: float
    gap: float


def outlier(rankings: ArrayLike, weights: ArrayLike, group_weights: ArrayLike) -> Outlier | None:
    """Who disagrees most with the others, and on which factor.

    The stakeholder is the one with the lowest mean Kendall tau-b with the
    others (:func:`mean_agreement`); a tie goes to the one whose normalised
    weights are furthest (L1) from the group weights, then to the first. The
    factor is the one with the largest ``|w_s - w_group|`` (skipped factors
    ignored). Returns None with fewer than two stakeholders: nobody can stand
    out from a group of one.
    """
    w = _normalised(weights)
    g = np.asarray(group_weights, dtype=float)
    if g.shape != (w.shape[1],):
        raise InvalidParameter.at(
            "consensus.group_weights", f"needs one weight per factor ({w.shape[1]}).", input=g.shape
        )
    g = shares(g)
    r = _rankings(rankings)
    if r.shape[0] != w.shape[0]:
        raise InvalidParameter.at(
            "consensus.rankings",
            "needs one ranking per stakeholder with weights.",
            input=(r.shape[0], w.shape[0]),
        )
    if r.shape[0] < 2:
        return None
    agreement = mean_agreement(r)
    gaps = np.where(np.isnan(w), 0.0, w - g)
    distance = np.abs(gaps).sum(axis=1)
    key = np.where(np.isnan(agreement), np.inf, agreement)
    candidates = np.flatnonzero(np.isclose(key, key.min(), rtol=0, atol=1e-12))
    who = int(candidates[np.argmax(distance[candidates])])
    factor = int(np.argmax(np.abs(gaps[who])))
    return Outlier(who, factor, float(agreement[who]), float(gaps[who, factor]))


#: ``(lowest W, words)``, best first: the bands of Schmidt (1997), whose table
#: reads W = 0.1 very weak, 0.3 weak, 0.5 moderate, 0.7 strong, 0.9 unusually
#: strong agreement; put in the words a decision maker uses.
VERDICTS: tuple[tuple[float, str], ...] = (
    (0.7, "strong agreement"),
    (0.5, "broad agreement"),
    (0.3, "partial agreement"),
    (0.0, "little agreement"),
)
UNDEFINED = "agreement undefined: it needs at least two stakeholders who rank the options"
ONE_OPTION = "agreement undefined: there is only one option to rank"
ALL_TIED = "agreement undefined: every stakeholder scores all the options the same"


def verdict(w: float, rankings: ArrayLike | None = None) -> str:
    """Kendall's W in plain words.

    W >= 0.7 "strong agreement", 0.5 <= W < 0.7 "broad agreement",
    0.3 <= W < 0.5 "partial agreement", W < 0.3 "little agreement"
    (thresholds from Schmidt 1997, Table 4). When W is NaN the
    ``rankings`` say why: fewer than two stakeholders (:data:`UNDEFINED`),
    a single option (:data:`ONE_OPTION`), or every stakeholder tying every
    option (:data:`ALL_TIED`); without them, :data:`UNDEFINED`.
    """
    if w is None or math.isnan(w):
        if rankings is None:
            return UNDEFINED
        r = np.asarray(rankings, dtype=float)
        if r.ndim != 2 or r.shape[0] < 2:
            return UNDEFINED
        if r.shape[1] < 2:
            return ONE_OPTION
        return ALL_TIED
    for lowest, words in VERDICTS:
        if w >= lowest:
            return words
    return VERDICTS[-1][1]
