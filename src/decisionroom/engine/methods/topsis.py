"""TOPSIS: closeness to the ideal option and distance from the anti-ideal one.

Each option is a point in the space of weighted, normalised factors. The ideal
point takes every factor's best value, the anti-ideal its worst; an option's
score is its relative closeness ``d- / (d+ + d-)``: 1 at the ideal, 0 at the
anti-ideal.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from decisionroom.engine.methods._cells import modified_columns
from decisionroom.engine.methods._lazy import LazyDetails
from decisionroom.engine.methods._linalg import row_dot
from decisionroom.engine.methods._spec import (
    CellScorer,
    MethodResult,
    MethodSpec,
    Param,
    WeightScorer,
)
from decisionroom.engine.normalize import column_range, minmax
from decisionroom.engine.problem import BoolArray, FloatArray

IntArray = NDArray[np.intp]

NORMALIZATIONS = ("vector", "minmax")
DISTANCES = ("euclidean",)


def topsis(
    matrix: FloatArray,
    weights: FloatArray,
    benefit: BoolArray,
    *,
    normalization: str = "vector",
    distance: str = "euclidean",
) -> MethodResult:
    """Score options by their relative closeness to the ideal option.

    Works on a batch: ``weights`` ``(k, m)`` with ``matrix`` ``(n, m)`` or
    ``(k, n, m)`` gives scores ``(k, n)``. The weighted matrix (``n x m`` per
    weight vector) is only put in ``details`` for a single weight vector, so a
    large batch never builds it.

    Steps (Hwang & Yoon 1981): (1) normalise, ``r_ij = x_ij / sqrt(sum_i x_ij^2)``
    (``vector``) or a 0-1 value with cost factors reversed (``minmax``);
    (2) weight, ``v_ij = w_j r_ij``; (3) ideal ``A+`` (best ``v_j``, the
    largest for benefit and the smallest for cost factors) and anti-ideal
    ``A-``; (4) separations ``d+_i = ||v_i - A+||`` and ``d-_i = ||v_i - A-||``;
    (5) relative closeness ``C_i = d-_i / (d+_i + d-_i)``.

    With ``minmax`` every factor is already in benefit form, so the ideal is
    1 and the anti-ideal 0 on each factor, except on a factor where every
    option performs the same: there the ideal and anti-ideal are that common
    value and the factor adds to neither distance, as it does under ``vector``.
    When every option is at once ideal and anti-ideal (nothing discriminates)
    each scores 0.5. ``distance`` is the Euclidean metric of the paper, the
    only choice for now.

    References:
        Hwang, C.-L. & Yoon, K. (1981). Multiple Attribute Decision Making:
        Methods and Applications. Springer, Lecture Notes in Economics and
        Mathematical Systems 186.
    """
    r, best, worst = _normalized(matrix, benefit, normalization)  # (1), (3)
    # (2)-(4) with v - A = w (r - best) for w >= 0, so a batch of weights needs no
    # (k, n, m) weighted matrix: d^2 = sum_j w_j^2 (r_ij - best_j)^2.
    w2 = np.square(weights)
    d_plus = np.sqrt(row_dot(_squared(r - best[..., None, :]), w2))  # (4)
    d_minus = np.sqrt(row_dot(_squared(r - worst[..., None, :]), w2))  # (4)
    total = d_plus + d_minus
    with np.errstate(divide="ignore", invalid="ignore"):
        closeness = np.where(total > 0, d_minus / np.where(total > 0, total, 1.0), 0.5)  # (5)
    factories: dict[str, Any] = {
        "normalized": lambda: r,
        "ideal": lambda: weights * best,
        "anti_ideal": lambda: weights * worst,
        "d_plus": lambda: d_plus,
        "d_minus": lambda: d_minus,
    }
    if weights.ndim == 1:
        factories["weighted"] = lambda: r * weights  # (2)
    details = LazyDetails(**factories)
    return MethodResult(scores=closeness, higher_is_better=True, details=details)


def _normalized(
    matrix: FloatArray, benefit: BoolArray, normalization: str
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Steps (1) and (3): normalised values ``r`` and each factor's best and worst ``r``."""
    lo, hi = (a[..., 0, :] for a in column_range(matrix))
    if normalization == "minmax":
        r = minmax(matrix, benefit)  # (1), benefit form
        # (3): 1 and 0, except on a constant factor where every value is 1
        return r, np.ones_like(lo), np.where(hi == lo, 1.0, 0.0)
    norm = np.sqrt(np.einsum("...ij,...ij->...j", matrix, matrix))
    norm = np.where(norm == 0, 1.0, norm)
    r = matrix / norm[..., None, :]  # (1)
    hi, lo = hi / norm, lo / norm  # the normalised range, without another pass
    return r, np.where(benefit, hi, lo), np.where(benefit, lo, hi)  # (3)


def _cell_scorer(
    matrix: FloatArray,
    weights: FloatArray,
    benefit: BoolArray,
    *,
    normalization: str = "vector",
    distance: str = "euclidean",
) -> CellScorer:
    """Scores with one cell changed: that factor's terms of both distances are replaced."""
    r, best, worst = _normalized(matrix, benefit, normalization)
    w2 = np.square(weights)
    near = np.square(r - best)
    far = np.square(r - worst)
    d_plus2, d_minus2 = near @ w2, far @ w2

    def score(rows: IntArray, cols: IntArray, new: FloatArray) -> FloatArray:
        column = modified_columns(matrix, rows, cols, new)
        rc, bc, wc = _normalized(column, benefit[cols], normalization)
        w = w2[cols]
        plus = d_plus2[:, None] + w * (np.square(rc - bc) - near[:, cols])
        minus = d_minus2[:, None] + w * (np.square(rc - wc) - far[:, cols])
        dp, dm = np.sqrt(np.maximum(plus, 0.0)), np.sqrt(np.maximum(minus, 0.0))
        total = dp + dm
        with np.errstate(divide="ignore", invalid="ignore"):
            closeness = np.where(total > 0, dm / np.where(total > 0, total, 1.0), 0.5)
        return np.asarray(closeness.T)

    return score


def _weights_scorer(
    matrix: FloatArray,
    benefit: BoolArray,
    *,
    normalization: str = "vector",
    distance: str = "euclidean",
) -> WeightScorer:
    """Scores of many weight vectors: the squared gaps to both ideals are computed once.

    The scores come in the weights' precision: float32 weights (SMAA's
    default) score in float32, half the memory traffic of a long list.
    """
    r, best, worst = _normalized(matrix, benefit, normalization)
    gaps: dict[Any, tuple[NDArray[Any], NDArray[Any]]] = {
        np.dtype(np.float64): (
            np.ascontiguousarray(np.square(r - best).T),  # (m, n)
            np.ascontiguousarray(np.square(r - worst).T),
        )
    }

    def score(weights: FloatArray) -> FloatArray:
        w = np.asarray(weights)
        dtype = np.dtype(np.float32 if w.dtype == np.float32 else np.float64)
        if dtype not in gaps:
            near64, far64 = gaps[np.dtype(np.float64)]
            gaps[dtype] = (near64.astype(dtype), far64.astype(dtype))
        near, far = gaps[dtype]
        w2 = np.square(w.astype(dtype, copy=False))
        d_plus = np.sqrt(w2 @ near)  # (4)
        d_minus = np.sqrt(w2 @ far)
        total = np.add(d_plus, d_minus, out=d_plus)
        flat = total <= 0
        if flat.any():  # (5): nothing discriminates, every such option scores 0.5
            np.copyto(total, 1.0, where=flat)
            closeness = np.divide(d_minus, total, out=d_minus)
            np.copyto(closeness, 0.5, where=flat)
            return np.asarray(closeness)
        return np.asarray(np.divide(d_minus, total, out=d_minus))  # (5)

    return score


def _squared(x: FloatArray) -> FloatArray:
    """Square in place: ``x`` is a temporary, so no second array is allocated."""
    return np.square(x, out=x)


SPEC = MethodSpec(
    id="topsis",
    name="TOPSIS (closeness to the ideal option)",
    func=topsis,
    params=(
        Param(
            "normalization",
            "How performance is made comparable: vector (x / sqrt(sum x^2), as in the paper) "
            "or minmax (0 at the worst value, 1 at the best).",
            default="vector",
            choices=NORMALIZATIONS,
        ),
        Param(
            "distance",
            "How far an option is from the ideal and anti-ideal options.",
            default="euclidean",
            choices=DISTANCES,
        ),
    ),
    higher_is_better=True,
    respects_dominance=True,
    batched=True,
    references=(
        "Hwang, C.-L. & Yoon, K. (1981). Multiple Attribute Decision Making: Methods and "
        "Applications. Springer.",
    ),
    summary="Ranks options by how close they are to an ideal option that has every factor's "
    "best value, and how far from one that has every worst value.",
    cell_scorer=_cell_scorer,
    weights_scorer=_weights_scorer,
)
