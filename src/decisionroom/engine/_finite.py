"""Arithmetic that stays finite for any finite input (docs/limits.md, "Numbers").

A file may hold any finite number, up to about ``1.8e308``. Summing two such
numbers, or squaring one, overflows to infinity, and a weight divided by an
infinite total becomes 0. Every sum of user numbers in the engine therefore
divides by the largest magnitude first: shares, means and ratios do not change
under a common factor, and after the rescaling no sum of ``n`` values can
exceed ``n``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from decisionroom.engine.problem import FloatArray

__all__ = ["rescaled", "shares"]


def rescaled(values: ArrayLike, axis: int | None = None) -> FloatArray:
    """``values`` divided by their largest magnitude (along ``axis``), NaN ignored.

    A slice that is all zero (or all NaN) is returned unchanged, so zeros stay
    zeros and NaN stays NaN.
    """
    x = np.asarray(values, dtype=float)
    if x.size == 0:
        return x
    with np.errstate(invalid="ignore"):
        big = np.max(np.where(np.isnan(x), 0.0, np.abs(x)), axis=axis, keepdims=axis is not None)
    scale = np.where((big > 0) & np.isfinite(big), big, 1.0)
    return np.asarray(x / scale, dtype=np.float64)


def shares(values: ArrayLike, axis: int | None = None) -> FloatArray:
    """Non-negative ``values`` as shares of their total (along ``axis``), without overflow.

    The caller checks that the values are finite, non-negative and not all
    zero; a slice whose total is 0 gives NaN shares.
    """
    x = rescaled(values, axis)
    total = x.sum(axis=axis, keepdims=axis is not None)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(x / total, dtype=np.float64)


def tame(
    matrix: FloatArray, lo: FloatArray, hi: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``matrix`` and its column range, rescaled per column when the magnitudes are extreme.

    For methods whose result does not change when a factor's values are all
    multiplied by one positive number (min-max values, VIKOR's regrets):
    ``hi - lo`` of values near 1.8e308 overflows and ``w / span`` of
    subnormal spans does too. ``lo`` and ``hi`` are ``(..., m)``; ``matrix``
    is ``(..., n, m)``, float64 or float32 (SMAA). Magnitudes between the
    square roots of the type's smallest normal and largest numbers are
    ordinary and returned as they are, without a copy.
    """
    info = np.finfo(matrix.dtype if np.issubdtype(matrix.dtype, np.floating) else np.float64)
    high, low = float(np.sqrt(info.max)), float(np.sqrt(info.tiny))
    big = np.maximum(np.abs(lo), np.abs(hi)).astype(np.float64)
    ordinary = (big < high) & ((big > low) | (big == 0))
    if np.all(ordinary):
        return matrix, lo, hi
    scale = np.where(ordinary | ~np.isfinite(big), 1.0, big).astype(matrix.dtype)
    return matrix / scale[..., None, :], lo / scale, hi / scale
