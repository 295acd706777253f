"""Simple weighting schemes: points, rankings and swings.

Each function turns what a stakeholder said into factor weights that sum to
1. They are pure functions on numbers; the model layer checks the input a
user wrote and reports problems with their location, so the ``ValueError``
raised here only guards against programming mistakes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

from decisionroom.engine._finite import shares
from decisionroom.engine.problem import FloatArray

__all__ = [
    "RANKING_SCHEMES",
    "from_ranking",
    "normalize_points",
    "rank_order_centroid",
    "rank_sum",
    "swing",
]

RankingScheme = Literal["roc", "rank-sum"]
RANKING_SCHEMES: tuple[str, ...] = ("roc", "rank-sum")


def normalize_points(points: Sequence[float] | FloatArray) -> FloatArray:
    """Scale points given on any positive scale so that they sum to 1.

    A factor may get 0 points (it does not matter to this stakeholder), but
    not every factor.

    Raises:
        ValueError: a point is negative or not finite, or all points are 0.
    """
    p = np.asarray(points, dtype=float)
    if p.ndim != 1 or p.size == 0:
        raise ValueError("points must be a non-empty vector")
    if not np.all(np.isfinite(p)) or np.any(p < 0):
        raise ValueError("points must be finite and not negative")
    if not np.any(p > 0):
        raise ValueError("at least one factor needs more than 0 points")
    return shares(p)


def rank_order_centroid(n: int) -> FloatArray:
    """Rank-order centroid weights for ranks 1..n (rank 1 is the most important).

    ``w_k = (1/n) sum_{i=k..n} 1/i``: the centroid of the set of weight vectors
    consistent with the ranking ``w_1 >= w_2 >= ... >= w_n``.

    References:
        Barron, F. H. & Barrett, B. E. (1996). Decision quality using ranked
        attribute weights. Management Science 42(11), 1515-1523.
    """
    _check_n(n)
    inv = 1.0 / np.arange(1, n + 1)
    # reversed cumulative sum: sum_{i=k..n} 1/i for every k
    return np.cumsum(inv[::-1])[::-1] / n


def rank_sum(n: int) -> FloatArray:
    """Rank-sum weights for ranks 1..n: ``w_k = 2 (n + 1 - k) / (n (n + 1))``.

    References:
        Stillwell, W. G., Seaver, D. A. & Edwards, W. (1981). A comparison of
        weight approximation techniques in multiattribute utility decision
        making. Organizational Behavior and Human Performance 28, 62-77.
        Barron, F. H. & Barrett, B. E. (1996). Decision quality using ranked
        attribute weights. Management Science 42(11), 1515-1523.
    """
    _check_n(n)
    k = np.arange(1, n + 1)
    return 2.0 * (n + 1 - k) / (n * (n + 1))


def from_ranking(n: int, scheme: RankingScheme | str = "roc") -> FloatArray:
    """Weights for ranks 1..n by a named scheme: ``roc`` (default) or ``rank-sum``."""
    if scheme == "roc":
        return rank_order_centroid(n)
    if scheme == "rank-sum":
        return rank_sum(n)
    raise ValueError(f"unknown ranking scheme {scheme!r}; use one of {RANKING_SCHEMES}")


def swing(points: Sequence[float] | FloatArray) -> FloatArray:
    """Swing weights, normalised to sum 1.

    The stakeholder imagines every factor at its worst level, picks the swing
    from worst to best that matters most and gives it 100, then rates every
    other swing relative to it (0-100). The weights are the ratings divided by
    their sum.

    Raises:
        ValueError: a rating is outside 0-100, or no swing is rated 100.

    References:
        von Winterfeldt, D. & Edwards, W. (1986). Decision Analysis and
        Behavioral Research. Cambridge University Press.
    """
    p = np.asarray(points, dtype=float)
    if p.ndim != 1 or p.size == 0:
        raise ValueError("swing ratings must be a non-empty vector")
    if not np.all(np.isfinite(p)) or np.any(p < 0) or np.any(p > 100):
        raise ValueError("swing ratings must be between 0 and 100")
    if not np.isclose(p.max(), 100.0):
        raise ValueError("the most important swing must be rated 100")
    return shares(p)


def _check_n(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"the number of ranked factors must be a positive integer, got {n!r}")
