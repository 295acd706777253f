"""Best-worst method: weights from two vectors of comparisons.

The stakeholder names the most important (best) and the least important
(worst) factor, says how many times the best is more important than each
factor (``best_to_others``, 1-9) and how many times each factor is more
important than the worst (``others_to_worst``, 1-9). That is ``2n - 3``
judgments instead of the ``n(n - 1)/2`` of a full pairwise matrix.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from decisionroom.engine.problem import FloatArray
from decisionroom.errors import ErrorDetail, InvalidParameter

__all__ = [
    "CONSISTENCY_INDEX",
    "INPUT_THRESHOLDS",
    "BwmResult",
    "best_worst",
    "check_best_worst",
    "input_threshold",
]

#: Consistency index CI(a_BW) for a_BW = 1..9 (index 0 is a_BW = 1): the largest
#: possible xi of the non-linear model for that best-to-worst judgment.
#: Rezaei, J. (2015). Best-worst multi-criteria decision-making method. Omega 53,
#: 49-57, Table 5.
CONSISTENCY_INDEX: tuple[float, ...] = (0.0, 0.44, 1.00, 1.63, 2.30, 3.00, 3.73, 4.47, 5.23)


#: Thresholds of the input-based consistency ratio, by the best-to-worst judgment
#: a_BW (rows, 3 to 9) and the number of factors (columns, 3 to 9): judgments whose
#: ratio exceeds the threshold are not acceptably consistent.
#: Liang, F., Brunelli, M. & Rezaei, J. (2020). Consistency issues in the best worst
#: method: Measurements and thresholds. Omega 96, 102175, thresholds table.
INPUT_THRESHOLDS: dict[int, tuple[float, ...]] = {
    3: (0.1667, 0.1667, 0.1667, 0.1667, 0.1667, 0.1667, 0.1667),
    4: (0.1121, 0.1529, 0.1898, 0.2206, 0.2527, 0.2577, 0.2683),
    5: (0.1354, 0.1994, 0.2306, 0.2546, 0.2716, 0.2844, 0.2960),
    6: (0.1330, 0.1990, 0.2643, 0.2868, 0.3015, 0.3093, 0.3144),
    7: (0.1294, 0.2457, 0.2819, 0.3091, 0.3245, 0.3307, 0.3351),
    8: (0.1309, 0.2521, 0.2958, 0.3236, 0.3345, 0.3450, 0.3524),
    9: (0.1359, 0.2681, 0.3062, 0.3229, 0.3403, 0.3516, 0.3605),
}


def input_threshold(a_bw: float, n: int) -> float | None:
    """The published threshold of the input-based ratio, or None where none is published.

    The table covers a best-to-worst judgment of 3 to 9 (rounded) and 3 to 9
    factors; more than 9 factors use the 9-factor column, the nearest
    published. With two factors, or ``a_BW`` below 3, there is no threshold.
    """
    row = INPUT_THRESHOLDS.get(round(a_bw))
    if row is None or n < 3:
        return None
    return row[min(n, 9) - 3]


@dataclass(frozen=True)
class BwmResult:
    """Weights of the best-worst method and how consistent the vectors are.

    Attributes:
        weights: factor weights, summing to 1.
        xi: optimal ``xi^L`` of the linear model (0 when fully consistent).
        consistency_ratio: ``xi^L / CI(a_BW)`` with Rezaei's (2015) table (0
            when ``a_BW = 1``). The table was derived for the non-linear
            model, whose xi is a ratio; ``xi^L`` is in weight units and much
            smaller, so this ratio is small even for poor judgments; read it
            together with ``input_consistency_ratio``.
        input_consistency_ratio: ``max_j |a_Bj a_jW - a_BW| / (a_BW^2 - a_BW)``
            (Liang, Brunelli & Rezaei 2020), from the judgments alone; 0 when
            ``a_BW = 1``.
        threshold: the published threshold of ``input_consistency_ratio`` for
            this ``a_BW`` and number of factors (:func:`input_threshold`), or
            None where none is published.
        worst_factor: index of the factor ``j`` whose two judgments
            (best against ``j``, ``j`` against worst) break ``a_Bj a_jW = a_BW``
            the most, or None when the judgments are fully consistent.
    """

    weights: FloatArray
    xi: float
    consistency_ratio: float
    input_consistency_ratio: float
    threshold: float | None = None
    worst_factor: int | None = None

    @property
    def acceptable(self) -> bool:
        """Whether the judgments are within the published threshold (or none applies)."""
        return self.threshold is None or self.input_consistency_ratio <= self.threshold


def best_worst(
    best: int,
    worst: int,
    best_to_others: Sequence[float] | FloatArray,
    others_to_worst: Sequence[float] | FloatArray,
    *,
    loc: str = "weights.best_worst",
    names: Sequence[str] | None = None,
) -> BwmResult:
    """Weights by Rezaei's linear best-worst model, solved as a linear program.

    Model (Rezaei 2016, model 19): minimise ``xi`` subject to
    ``|w_B - a_Bj w_j| <= xi`` and ``|w_j - a_jW w_W| <= xi`` for every ``j``,
    ``sum_j w_j = 1`` and ``w_j >= 0``. Each absolute value becomes two linear
    inequalities; the solution is unique. The input is checked first by
    :func:`check_best_worst` with ``loc`` and ``names``.

    Raises:
        InvalidParameter: the vectors break the rules of the method.

    References:
        Rezaei, J. (2015). Best-worst multi-criteria decision-making method.
        Omega 53, 49-57.
        Rezaei, J. (2016). Best-worst multi-criteria decision-making method:
        Some properties and a linear model. Omega 64, 126-130.
        Liang, F., Brunelli, M. & Rezaei, J. (2020). Consistency issues in the
        best worst method: Measurements and thresholds. Omega 96, 102175.
    """
    from scipy.optimize import linprog  # imported here: importing the engine stays fast

    check_best_worst(best, worst, list(best_to_others), list(others_to_worst), loc, names)
    a_b = np.asarray(best_to_others, dtype=float)
    a_w = np.asarray(others_to_worst, dtype=float)
    n = a_b.size
    # variables: w_1..w_n, xi; rows: +-(w_B - a_Bj w_j) - xi <= 0, +-(w_j - a_jW w_W) - xi <= 0
    rows = np.zeros((4 * n, n + 1))
    for j in range(n):
        for s, offset in ((1.0, 0), (-1.0, n)):
            rows[offset + j, best] += s
            rows[offset + j, j] -= s * a_b[j]
            rows[2 * n + offset + j, j] += s
            rows[2 * n + offset + j, worst] -= s * a_w[j]
    rows[:, n] = -1.0
    cost = np.zeros(n + 1)
    cost[n] = 1.0
    result = linprog(
        cost,
        A_ub=rows,
        b_ub=np.zeros(4 * n),
        A_eq=np.r_[np.ones(n), 0.0][None, :],
        b_eq=[1.0],
        bounds=[(0.0, None)] * (n + 1),
        method="highs",
    )
    if not result.success:  # pragma: no cover - the LP is always feasible and bounded
        raise RuntimeError(f"best-worst linear program failed: {result.message}")
    weights = np.clip(result.x[:n], 0.0, None)
    weights = weights / weights.sum()
    xi = max(0.0, float(result.x[n]))
    a_bw = float(a_b[worst])
    ci = CONSISTENCY_INDEX[min(max(round(a_bw), 1), 9) - 1]
    ratio = xi / ci if ci > 0 else 0.0
    deviation = np.abs(a_b * a_w - a_bw)
    input_ratio = float(deviation.max() / (a_bw * a_bw - a_bw)) if a_bw > 1 else 0.0
    worst_factor = int(np.argmax(deviation)) if input_ratio > 0 else None
    return BwmResult(weights, xi, ratio, input_ratio, input_threshold(a_bw, n), worst_factor)


def check_best_worst(
    best: int,
    worst: int,
    best_to_others: Sequence[Any],
    others_to_worst: Sequence[Any],
    loc: str = "weights.best_worst",
    names: Sequence[str] | None = None,
) -> None:
    """Check best-worst input at the boundary; report every problem at once.

    Values must be numbers from 1 to 9, ``best_to_others[best]`` and
    ``others_to_worst[worst]`` must be 1, ``best`` and ``worst`` must differ,
    and both vectors must give the same best-to-worst judgment
    (``best_to_others[worst] == others_to_worst[best]``). ``names`` (factor
    ids) makes locations read ``weights.best_worst.best_to_others.cost``;
    without them, ``[2]``.

    Raises:
        InvalidParameter: with one :class:`ErrorDetail` per problem.
    """
    problems: list[ErrorDetail] = []
    n = len(best_to_others)

    def key(j: int) -> str:
        return f".{names[j]}" if names is not None else f"[{j}]"

    if len(others_to_worst) != n:
        problems.append(
            ErrorDetail(
                f"{loc}.others_to_worst",
                "length",
                f"must have one value per factor ({n}), like best_to_others.",
                len(others_to_worst),
            )
        )
    for name, index in (("best", best), ("worst", worst)):
        if not (isinstance(index, int) and 0 <= index < n):
            problems.append(
                ErrorDetail(f"{loc}.{name}", "unknown_factor", "must be one of the factors.", index)
            )
    if best == worst:
        problems.append(
            ErrorDetail(
                f"{loc}.worst",
                "same_as_best",
                "must differ from best: the most and the least important factor cannot be "
                "the same.",
                worst,
            )
        )
    for vector_name, vector, anchor in (
        ("best_to_others", best_to_others, best),
        ("others_to_worst", others_to_worst, worst),
    ):
        for j, value in enumerate(vector):
            where = f"{loc}.{vector_name}{key(j)}"
            number = _scale_value(value)
            if number is None:
                problems.append(ErrorDetail(where, "scale", "must be a number from 1 to 9.", value))
            elif j == anchor and number != 1:
                which = "best" if vector_name == "best_to_others" else "worst"
                problems.append(
                    ErrorDetail(
                        where,
                        "self_comparison",
                        f"must be 1: it compares the {which} factor with itself.",
                        value,
                    )
                )
    if not problems:
        a_bw = best_to_others[worst]
        if _scale_value(others_to_worst[best]) != _scale_value(a_bw):
            problems.append(
                ErrorDetail(
                    f"{loc}.others_to_worst{key(best)}",
                    "best_to_worst_mismatch",
                    f"must equal best_to_others{key(worst)} = {a_bw:g}: both compare the "
                    "best factor with the worst one.",
                    others_to_worst[best],
                )
            )
    if problems:
        raise InvalidParameter(problems)


def _scale_value(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        return None
    number = float(value)
    if not math.isfinite(number) or not 1 <= number <= 9:
        return None
    return number
