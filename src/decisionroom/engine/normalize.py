"""Normalisation and linear value functions.

Every function works on the last two axes ``(..., n_options, n_factors)`` so a
batch of matrices (SMAA samples) normalises in one call. Directions are a
boolean ``benefit`` vector: ``True`` for ``max`` factors, ``False`` for ``min``.
"""

from __future__ import annotations

import numpy as np

from decisionroom.engine.problem import BoolArray, FloatArray

__all__ = [
    "NORMALIZATIONS",
    "max_norm",
    "minmax",
    "normalize",
    "sum_norm",
    "vector",
    "vector_directed",
]


def column_range(matrix: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Per-factor minimum and maximum over the options, shape ``(..., 1, m)``.

    For one tall matrix the reduction runs on a transposed copy: reducing a
    C-ordered ``(n, m)`` array along its rows with few columns is several
    times slower than reducing contiguous rows.
    """
    if matrix.ndim == 2 and matrix.shape[0] > 4 * matrix.shape[1]:
        t = np.ascontiguousarray(matrix.T)
        return t.min(axis=1)[None, :], t.max(axis=1)[None, :]
    return matrix.min(axis=-2, keepdims=True), matrix.max(axis=-2, keepdims=True)


def minmax(matrix: FloatArray, benefit: BoolArray, bounds: FloatArray | None = None) -> FloatArray:
    """Linear value function: 0 at the worst value, 1 at the best.

    ``bounds`` is ``(n_factors, 2)`` of fixed ``[worst, best]``; NaN entries fall
    back to the data's own range. Values outside fixed bounds are clipped, so
    a value function never goes below 0 or above 1. A factor on which every
    option performs the same gives every option 1 (it cannot discriminate).
    """
    lo, hi = column_range(matrix)
    worst = np.where(benefit, lo, hi)
    best = np.where(benefit, hi, lo)
    if bounds is not None and bounds.size:
        worst = np.where(np.isnan(bounds[:, 0]), worst, bounds[:, 0])
        best = np.where(np.isnan(bounds[:, 1]), best, bounds[:, 1])
    # (x - worst) / (best - worst) does not change when all three are divided by
    # one number; dividing by the column's largest magnitude keeps the
    # differences finite for values up to 1.8e308 (docs/limits.md, "Numbers")
    scale = _column_scale(np.maximum(np.abs(worst), np.abs(best)))
    worst, best = worst / scale, best / scale
    span = best - worst
    flat = span == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        value = (matrix / scale - worst) / np.where(flat, 1.0, span)
    value = np.where(flat, 1.0, value)
    return np.clip(value, 0.0, 1.0) + 0.0  # + 0.0 turns -0.0 into 0.0


def _column_scale(big: FloatArray) -> FloatArray:
    """A per-column divisor: the largest magnitude, or 1 where it is 0 or not finite."""
    return np.where((big > 0) & np.isfinite(big), big, 1.0)


def vector(matrix: FloatArray) -> FloatArray:
    """Vector normalisation ``x / sqrt(sum x^2)`` per factor, directions ignored (TOPSIS).

    The column is divided by its largest magnitude first, so squares of large
    values do not overflow (the result is the same).
    """
    x = matrix / _column_scale(np.abs(matrix).max(axis=-2, keepdims=True))
    norm = np.sqrt(np.square(x).sum(axis=-2, keepdims=True))
    return np.asarray(x / np.where(norm == 0, 1.0, norm), dtype=np.float64)


def vector_directed(matrix: FloatArray, benefit: BoolArray) -> FloatArray:
    """Vector normalisation with cost factors reversed as ``1 - r``."""
    r = vector(matrix)
    return np.where(benefit, r, 1.0 - r)


def max_norm(matrix: FloatArray, benefit: BoolArray) -> FloatArray:
    """Benefit ``x / max`` (needs ``max > 0``), cost ``min / x`` (needs ``x > 0``)."""
    lo, hi = column_range(matrix)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(np.where(benefit, matrix / hi, lo / matrix), dtype=np.float64)


def sum_norm(matrix: FloatArray, benefit: BoolArray) -> FloatArray:
    """Benefit ``x / sum x`` (needs ``sum > 0``), cost ``(1/x) / sum(1/x)`` (needs ``x > 0``)."""
    lo, hi = column_range(matrix)
    with np.errstate(divide="ignore", invalid="ignore"):
        # both forms are ratios, so scaling first keeps the sums finite:
        # x / max for benefit, min / x (at most 1) for cost; a zero min keeps 1 / x
        big = matrix / _column_scale(hi)
        inv = _column_scale(lo) / matrix
        out = np.where(
            benefit,
            big / big.sum(axis=-2, keepdims=True),
            inv / inv.sum(axis=-2, keepdims=True),
        )
        return np.asarray(out, dtype=np.float64)


NORMALIZATIONS = ("minmax", "max", "sum", "vector")


def normalize(
    name: str, matrix: FloatArray, benefit: BoolArray, bounds: FloatArray | None = None
) -> FloatArray:
    """Dispatch to a normalisation by its id, every factor turned into benefit form."""
    if name == "minmax":
        return minmax(matrix, benefit, bounds)
    if name == "max":
        return max_norm(matrix, benefit)
    if name == "sum":
        return sum_norm(matrix, benefit)
    if name == "vector":
        return vector_directed(matrix, benefit)
    raise ValueError(f"unknown normalization {name!r}")
