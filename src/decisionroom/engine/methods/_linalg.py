"""Small array helpers shared by the methods."""

from __future__ import annotations

import numpy as np

from decisionroom.engine.problem import FloatArray


def row_dot(x: FloatArray, w: FloatArray) -> FloatArray:
    """``sum_j x[..., i, j] w[..., j]``: ``(n, m)`` or ``(k, n, m)`` with ``(m,)`` or ``(k, m)``."""
    if x.ndim == 2:
        # one matrix product for a whole batch of weights
        return np.asarray(w @ x.T, dtype=np.float64)
    return np.asarray(np.einsum("...nm,...m->...n", x, w), dtype=np.float64)
