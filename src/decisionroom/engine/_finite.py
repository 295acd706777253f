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
