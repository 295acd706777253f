"""Weighted sum: the additive value model.

The default method because it is the easiest to explain: each option's score
is the weighted sum of its values, and each term is that factor's
contribution.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from decisionroom.engine._finite import tame
from decisionroom.engine.methods._cells import modified_columns
from decisionroom.engine.methods._checks import require_defined
from decisionroom.engine.methods._lazy import LazyDetails
from decisionroom.engine.methods._linalg import row_dot
from decisionroom.engine.methods._spec import CellScorer, MethodResult, MethodSpec, Param
from decisionroom.engine.normalize import (
    NORMALIZATIONS,
    column_range,
    normalize,
)
from decisionroom.engine.problem import BoolArray, FloatArray, Problem

IntArray = NDArray[np.intp]


def weighted_sum(
    matrix: FloatArray,
    weights: FloatArray,
    benefit: BoolArray,
    *,
    normalization: str = "minmax",
    bounds: FloatArray | None = None,
) -> MethodResult:
    """Score options by the weighted sum of their normalised values.

    Works on a batch: ``matrix`` ``(..., n, m)`` and ``weights`` ``(..., m)``.

    Steps: (1) normalise each factor to a 0-1 value, cost factors reversed;
    (2) contribution ``c_ij = w_j v_ij``; (3) score ``U_i = sum_j c_ij``.

    References:
        Fishburn, P. C. (1967). Additive utilities with incomplete product sets.
        Keeney, R. L. & Raiffa, H. (1976). Decisions with Multiple Objectives.
    """
    data_range = bounds is None or not bounds.size or bool(np.isnan(bounds).all())
    if normalization == "minmax" and data_range and matrix.ndim == 2 and weights.ndim == 1:
        return _minmax_scores(matrix, weights, benefit)
    values = normalize(normalization, matrix, benefit, bounds)
    if weights.ndim > 1:  # a batch: no (k, n, m) contributions, just the scores
        return MethodResult(scores=row_dot(values, weights), higher_is_better=True)
    contributions = values * weights  # (2)
    scores = contributions.sum(axis=-1)  # (3)
    return MethodResult(
        scores=scores,
        higher_is_better=True,
        details={"values": values, "contributions": contributions},
    )


def _minmax_scores(matrix: FloatArray, weights: FloatArray, benefit: BoolArray) -> MethodResult:
    """Min-max values on the data's own range, folded into one matrix-vector product.

    ``sum_j w_j (x_ij - worst_j) / span_j = x_i . (w / span) - worst . (w / span)``;
    a factor on which every option is equal gives everyone 1 (its weight).
    The values and contributions are computed only if read.
    """
    lo, hi = (a[0] for a in column_range(matrix))
    matrix, lo, hi = tame(matrix, lo, hi)  # values near 1.8e308 or subnormal (docs/limits.md)
    worst = np.where(benefit, lo, hi)
    span = np.where(benefit, hi - lo, lo - hi)  # signed: best - worst
    flat = span == 0
    scale = np.where(flat, 0.0, weights / np.where(flat, 1.0, span))
    scores = matrix @ scale - (worst @ scale - weights[flat].sum())  # (1)-(3) at once

    def values() -> FloatArray:
        return normalize("minmax", matrix, benefit)

    return MethodResult(
        scores=np.asarray(scores, dtype=np.float64),
        higher_is_better=True,
        details=LazyDetails(values=values, contributions=lambda: values() * weights),
    )


def _prepare(params: Mapping[str, Any], problem: Problem, loc: str) -> dict[str, Any]:
    require_defined(problem, params["normalization"], f"{loc}.normalization")
    bounds = problem.bounds if params["normalization"] == "minmax" else None
    return {"normalization": params["normalization"], "bounds": bounds}


def _cell_scorer(
    matrix: FloatArray,
    weights: FloatArray,
    benefit: BoolArray,
    *,
    normalization: str = "minmax",
    bounds: FloatArray | None = None,
) -> CellScorer:
    """Scores with one cell changed: only that factor's values are normalised again."""
    values = normalize(normalization, matrix, benefit, bounds)
    base = values @ weights

    def score(rows: IntArray, cols: IntArray, new: FloatArray) -> FloatArray:
        column = modified_columns(matrix, rows, cols, new)
        fixed = None if bounds is None or not bounds.size else bounds[cols]
        moved = normalize(normalization, column, benefit[cols], fixed)
        return np.asarray((base[:, None] + weights[cols] * (moved - values[:, cols])).T)

    return score


SPEC = MethodSpec(
    id="weighted-sum",
    name="Weighted sum (additive value model)",
    func=weighted_sum,
    params=(
        Param(
            "normalization",
            "How performance becomes a 0-1 value; minmax uses the factor's value bounds if given.",
            default="minmax",
            choices=NORMALIZATIONS,
        ),
    ),
    higher_is_better=True,
    respects_dominance=True,
    batched=True,
    prepare=_prepare,
    references=(
        "Keeney, R. L. & Raiffa, H. (1976). Decisions with Multiple Objectives: "
        "Preferences and Value Tradeoffs. Wiley.",
    ),
    summary="Adds up each option's weighted values; each term is a factor's contribution.",
    additive="values",
    cell_scorer=_cell_scorer,
)
