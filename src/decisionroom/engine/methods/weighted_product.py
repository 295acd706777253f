"""Weighted product: the multiplicative value model.

Each option's score is the product of its normalised values, each raised to
its factor's weight. Unlike the weighted sum, a poor value on one factor
cannot be fully made up by good values elsewhere, and with a ratio
normalisation (``max``, ``sum``) the ranking does not depend on the units of
the factors.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from decisionroom.engine.methods._cells import modified_columns
from decisionroom.engine.methods._checks import require_defined
from decisionroom.engine.methods._linalg import row_dot
from decisionroom.engine.methods._spec import CellScorer, MethodResult, MethodSpec, Param
from decisionroom.engine.normalize import NORMALIZATIONS, normalize
from decisionroom.engine.problem import BoolArray, FloatArray, Problem

IntArray = NDArray[np.intp]


def weighted_product(
    matrix: FloatArray,
    weights: FloatArray,
    benefit: BoolArray,
    *,
    normalization: str = "max",
    bounds: FloatArray | None = None,
) -> MethodResult:
    """Score options by the weighted product of their normalised values.

    Works on a batch: ``weights`` ``(k, m)`` with ``matrix`` ``(n, m)`` or
    ``(k, n, m)`` gives scores ``(k, n)``; the per-factor terms go into
    ``details`` only for a single weight vector.

    Steps: (1) normalise each factor, cost factors reversed (``max``: benefit
    ``x / max``, cost ``min / x``); (2) log-terms ``w_j ln v_ij``;
    (3) score ``P_i = prod_j v_ij^w_j = exp(sum_j w_j ln v_ij)``. Working in
    log space keeps a product of many small values from underflowing and turns
    a batch of weights into one matrix product. The ratio of two scores,
    ``P_a / P_b = prod_j (v_aj / v_bj)^w_j``, is Bridgman's dimensionless
    comparison, the same under every ratio normalisation.

    A value of 0 (only possible with ``minmax``, at a factor's worst value, or
    ``vector`` with a single option) makes the product 0 whenever that factor
    has a positive weight; a factor with weight 0 is left out (``0^0 = 1``).

    References:
        Bridgman, P. W. (1922). Dimensional Analysis. Yale University Press.
        Miller, D. W. & Starr, M. K. (1969). Executive Decisions and Operations
        Research. Prentice-Hall.
    """
    values = normalize(normalization, matrix, benefit, bounds)  # (1)
    positive = values > 0
    logs = np.where(positive, np.log(np.where(positive, values, 1.0)), 0.0)
    log_scores = row_dot(logs, weights)  # (2) summed
    zero_hit = row_dot((~positive).astype(float), (weights > 0).astype(float)) > 0
    scores = np.where(zero_hit, 0.0, np.exp(log_scores))  # (3)
    details: dict[str, Any] = {"values": values}
    if weights.ndim == 1:
        details["log_contributions"] = np.where(
            positive, logs * weights, np.where(weights > 0, -np.inf, 0.0)
        )
    return MethodResult(scores=scores, higher_is_better=True, details=details)


def _prepare(params: Mapping[str, Any], problem: Problem, loc: str) -> dict[str, Any]:
    name = params["normalization"]
    require_defined(problem, name, f"{loc}.normalization", powers=True)
    return {"normalization": name, "bounds": problem.bounds if name == "minmax" else None}


def _cell_scorer(
    matrix: FloatArray,
    weights: FloatArray,
    benefit: BoolArray,
    *,
    normalization: str = "max",
    bounds: FloatArray | None = None,
) -> CellScorer:
    """Scores with one cell changed: that factor's log-terms are replaced."""

    def terms(values: FloatArray) -> tuple[FloatArray, FloatArray]:
        positive = values > 0
        logs = np.where(positive, np.log(np.where(positive, values, 1.0)), 0.0)
        return logs, (~positive).astype(float)

    values = normalize(normalization, matrix, benefit, bounds)
    logs, zeros = terms(values)
    used = (weights > 0).astype(float)
    log_base, zero_base = logs @ weights, zeros @ used

    def score(rows: IntArray, cols: IntArray, new: FloatArray) -> FloatArray:
        column = modified_columns(matrix, rows, cols, new)
        fixed = None if bounds is None or not bounds.size else bounds[cols]
        new_logs, new_zeros = terms(normalize(normalization, column, benefit[cols], fixed))
        w = weights[cols]
        log_scores = log_base[:, None] + w * (new_logs - logs[:, cols])
        zero_hit = zero_base[:, None] + used[cols] * (new_zeros - zeros[:, cols]) > 0.5
        return np.asarray(np.where(zero_hit, 0.0, np.exp(log_scores)).T)

    return score


SPEC = MethodSpec(
    id="weighted-product",
    name="Weighted product (multiplicative value model)",
    func=weighted_product,
    params=(
        Param(
            "normalization",
            "How performance becomes a value before it is raised to the weight; max, sum and "
            "vector need positive performance, minmax gives the worst option a 0 on that factor.",
            default="max",
            choices=NORMALIZATIONS,
        ),
    ),
    higher_is_better=True,
    respects_dominance=True,
    batched=True,
    prepare=_prepare,
    references=(
        "Bridgman, P. W. (1922). Dimensional Analysis. Yale University Press.",
        "Miller, D. W. & Starr, M. K. (1969). Executive Decisions and Operations Research. "
        "Prentice-Hall.",
    ),
    summary="Multiplies each option's values raised to the factor weights; a weak factor "
    "weighs on the score more than in a weighted sum.",
    cell_scorer=_cell_scorer,
)
