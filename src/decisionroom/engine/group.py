"""Group weights: combine the stakeholders' judgments or priorities into one.

Two ways, after Forman & Peniwati (1998):

- **AIJ**, aggregation of individual judgments: the group acts as one
  decision maker, so its pairwise comparison matrix is the influence-weighted
  geometric mean of the individual matrices, cell by cell. The geometric mean
  is the only mean that keeps the matrix reciprocal (Aczél & Saaty 1983).
- **AIP**, aggregation of individual priorities: the stakeholders act as
  separate individuals, each with their own weight vector, and the group
  weight vector is a mean of those (arithmetic or geometric), renormalised.

Missing answers are NaN and are skipped: a cell (or a factor) is averaged
over the stakeholders who answered it, with their influence renormalised over
them.

References:
    Aczél, J. & Saaty, T. L. (1983). Procedures for synthesizing ratio
    judgements. Journal of Mathematical Psychology 27(1), 93-102.
    Forman, E. & Peniwati, K. (1998). Aggregating individual judgments and
    priorities with the analytic hierarchy process. European Journal of
    Operational Research 108(1), 165-169.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from decisionroom.engine._finite import rescaled, shares
from decisionroom.engine.problem import FloatArray
from decisionroom.errors import InvalidParameter

__all__ = ["aggregate_judgments", "aggregate_priorities"]


def _influence(influence: ArrayLike, s: int) -> FloatArray:
    w = np.asarray(influence, dtype=float)
    if w.shape != (s,):
        raise InvalidParameter.at(
            "stakeholders.influence", f"needs one value per stakeholder ({s}).", input=w.shape
        )
    if not np.all(np.isfinite(w)) or np.any(w < 0) or not np.any(w > 0):
        raise InvalidParameter.at(
            "stakeholders.influence",
            "must be non-negative numbers, not all zero.",
            input=w.tolist(),
        )
    # only ratios of influence matter; rescaled, no sum of them can overflow
    return rescaled(w)


def aggregate_judgments(matrices: ArrayLike, influence: ArrayLike) -> FloatArray:
    """AIJ: the influence-weighted geometric mean of pairwise comparison matrices.

    ``matrices`` is ``(s, m, m)``: stakeholder ``k`` says factor ``i`` is
    ``a_kij`` times as important as factor ``j``; NaN where they gave no
    judgment. Each stakeholder's judgment on the pair ``(i, j)`` is read from
    ``a_kij`` or, when that is NaN, from ``1 / a_kji``, so a stakeholder who
    filled in only one triangle counts fully. The group judgment is

        ``g_ij = exp( sum_k v_k log a_kij / sum_k v_k )``

    over the stakeholders ``k`` who judged the pair, with ``v`` their
    influence; ``g_ji = 1 / g_ij`` and ``g_ii = 1``, so the result is
    reciprocal (Forman & Peniwati 1998). A pair nobody judged stays NaN.

    Raises:
        InvalidParameter: a shape does not fit, or a judgment is not positive.
    """
    a = np.asarray(matrices, dtype=float)
    if a.ndim != 3 or a.shape[1] != a.shape[2] or a.shape[0] == 0:
        raise InvalidParameter.at(
            "stakeholders.weights.pairwise",
            "must be one square matrix per stakeholder, shape (s, m, m).",
            input=a.shape,
        )
    s, m, _ = a.shape
    v = _influence(influence, s)
    if np.any(a[~np.isnan(a)] <= 0) or np.any(np.isinf(a)):
        raise InvalidParameter.at(
            "stakeholders.weights.pairwise", "every judgment must be a positive finite number."
        )
    with np.errstate(divide="ignore"):
        log = np.log(a)
    # the pair (i, j) from a_ij, else from 1 / a_ji
    log = np.where(np.isnan(log), -np.swapaxes(log, 1, 2), log)
    judged = ~np.isnan(log)
    weight = np.where(judged, v[:, None, None], 0.0)
    total = weight.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_log = (np.where(judged, log, 0.0) * weight).sum(axis=0) / total
    mean_log = np.where(total > 0, mean_log, np.nan)
    # enforce exact reciprocity against rounding: build from the upper triangle
    upper = np.triu(mean_log, 1)
    out = np.exp(upper - upper.T)
    unknown = np.isnan(mean_log) | np.isnan(mean_log.T)
    out[unknown] = np.nan
    np.fill_diagonal(out, 1.0)
    return np.asarray(out)


def aggregate_priorities(
    weights: ArrayLike,
    influence: ArrayLike,
    *,
    mean: Literal["arithmetic", "geometric"] = "arithmetic",
) -> FloatArray:
    """AIP: the group weight vector from the stakeholders' own weight vectors.

    ``weights`` is ``(s, m)`` with NaN for a factor a stakeholder skipped.
    Each stakeholder's weights are first normalised to sum to 1 over the
    factors they weighed. Then, per factor, over the stakeholders who weighed
    it, with influence ``v`` renormalised over them:

    - ``arithmetic`` (default): ``g_j = sum_k v_k w_kj / sum_k v_k``;
    - ``geometric``: ``g_j = exp(sum_k v_k log w_kj / sum_k v_k)`` (a zero
      weight makes it 0);

    and finally ``g`` is renormalised to sum to 1. Forman & Peniwati (1998)
    allow either mean for AIP; the arithmetic one keeps the Pareto principle
    for weights and is the one a stakeholder can check by hand. A factor
    nobody weighed gets 0.

    Raises:
        InvalidParameter: a shape does not fit, a weight is negative, or a
            stakeholder's weights are all zero.
    """
    w = np.asarray(weights, dtype=float)
    if w.ndim != 2 or w.shape[0] == 0 or w.shape[1] == 0:
        raise InvalidParameter.at(
            "stakeholders.weights",
            "must be one weight vector per stakeholder, (s, m).",
            input=w.shape,
        )
    if mean not in ("arithmetic", "geometric"):
        raise InvalidParameter.at("group.mean", "must be 'arithmetic' or 'geometric'.", input=mean)
    s, m = w.shape
    v = _influence(influence, s)
    given = ~np.isnan(w)
    if np.any(w[given] < 0) or np.any(np.isinf(w)):
        raise InvalidParameter.at(
            "stakeholders.weights", "weights must be non-negative and finite."
        )
    w = rescaled(w, axis=1)  # a stakeholder's weights of 1e308 must not sum to infinity
    sums = np.where(given, w, 0.0).sum(axis=1)
    bad = np.flatnonzero((sums <= 0) & given.any(axis=1))
    if bad.size:
        raise InvalidParameter.at(
            f"stakeholders[{int(bad[0])}].weights",
            "needs at least one positive weight.",
            input=w[bad[0]].tolist(),
        )
    with np.errstate(invalid="ignore", divide="ignore"):
        norm = w / sums[:, None]
    influence_ = np.where(given, v[:, None], 0.0)
    total = influence_.sum(axis=0)
    safe_total = np.where(total > 0, total, 1.0)
    if mean == "arithmetic":
        group = (np.where(given, norm, 0.0) * influence_).sum(axis=0) / safe_total
    else:
        positive = given & (np.where(given, norm, 0.0) > 0)
        log = np.log(np.where(positive, norm, 1.0))
        group = np.exp((log * influence_).sum(axis=0) / safe_total)
        group[(given & ~positive & (influence_ > 0)).any(axis=0)] = 0.0
    group = np.where(total > 0, group, 0.0)
    if group.sum() <= 0:
        raise InvalidParameter.at("stakeholders.weights", "no factor has a positive group weight.")
    return shares(group)
