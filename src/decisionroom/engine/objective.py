"""Objective weights: how much each factor's data tells the options apart.

These weights come from the performance table, not from people. A factor on
which the options barely differ gets little weight. Use them as a reference
point next to the stakeholders' weights, not as a replacement.
"""

from __future__ import annotations

import numpy as np

from decisionroom.engine.normalize import minmax
from decisionroom.engine.problem import BoolArray, FloatArray

__all__ = ["critic_weights", "entropy_weights"]


def entropy_weights(matrix: FloatArray) -> FloatArray:
    """Shannon-entropy weights on the raw values, directions ignored.

    Steps: (1) ``p_ij = x_ij / sum_i x_ij``; (2) entropy ``E_j = -sum_i p_ij
    ln p_ij / ln n`` (with ``0 ln 0 = 0``); (3) diversity ``d_j = 1 - E_j``;
    (4) ``w_j = d_j / sum_k d_k``. Values must not be negative. When no factor
    varies (every ``d_j = 0``) or there is a single option, every factor gets
    the same weight.

    References:
        Shannon, C. E. (1948). A mathematical theory of communication. Bell
        System Technical Journal 27, 379-423.
        Hwang, C. L. & Yoon, K. (1981). Multiple Attribute Decision Making:
        Methods and Applications. Springer.
        Zeleny, M. (1982). Multiple Criteria Decision Making. McGraw-Hill.
    """
    x = np.asarray(matrix, dtype=float)
    n, m = x.shape
    if n < 2:
        return np.full(m, 1.0 / m)
    totals = x.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(totals > 0, x / totals, 1.0 / n)  # (1) an all-zero column is flat
        plogp = np.where(p > 0, p * np.log(p), 0.0)
    entropy = -plogp.sum(axis=0) / np.log(n)  # (2)
    diversity = np.clip(1.0 - entropy, 0.0, None)  # (3) clip float noise below 0
    return _share(diversity)  # (4)


def critic_weights(matrix: FloatArray, benefit: BoolArray) -> FloatArray:
    """CRITIC weights: contrast (standard deviation) times conflict (1 - correlation).

    Steps: (1) min-max normalise each factor to 0-1 with cost factors
    reversed, ``r_ij``; (2) ``sigma_j``, the standard deviation of ``r_.j``;
    (3) Pearson correlations ``rho_jk`` between factors; (4) information
    ``C_j = sigma_j sum_k (1 - rho_jk)``; (5) ``w_j = C_j / sum_k C_k``.

    A factor on which every option performs the same carries no information:
    its ``C_j`` is 0 and it adds no conflict to the others (its correlation is
    undefined). When every factor is flat, every factor gets the same weight.

    References:
        Diakoulaki, D., Mavrotas, G. & Papayannakis, L. (1995). Determining
        objective weights in multiple criteria problems: The CRITIC method.
        Computers & Operations Research 22(7), 763-770.
    """
    x = np.asarray(matrix, dtype=float)
    r = minmax(x, np.asarray(benefit, dtype=bool))  # (1)
    flat = np.ptp(x, axis=0) == 0
    r = np.where(flat, 0.0, r)
    sigma = r.std(axis=0, ddof=1) if x.shape[0] > 1 else np.zeros(x.shape[1])  # (2)
    centred = r - r.mean(axis=0)
    norms = np.sqrt((centred**2).sum(axis=0))
    safe = np.where(norms > 0, norms, 1.0)
    rho = (centred.T @ centred) / np.outer(safe, safe)  # (3)
    rho = np.where(flat[None, :] | flat[:, None], 1.0, rho)  # a flat factor adds no conflict
    information = sigma * (1.0 - rho).sum(axis=1)  # (4)
    return _share(np.clip(information, 0.0, None))  # (5)


def _share(values: FloatArray) -> FloatArray:
    total = values.sum()
    if total <= 0:
        return np.full(values.shape, 1.0 / values.size)
    shares: FloatArray = values / total
    return shares
