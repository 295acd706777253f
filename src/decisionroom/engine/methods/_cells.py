"""Shared by the methods' cell scorers: scores with one performance cell changed.

The sensitivity of performance asks, thousands of times, "who is first if
option ``i`` scored ``x`` on factor ``j``?". A full evaluation per question
costs ``O(n m)`` or more; a cell scorer (``MethodSpec.cell_scorer``)
recomputes only what the changed column touches, in ``O(n)``. Every cell
scorer is tested against the full method (tests/engine/methods/test_cells.py).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from decisionroom.engine.problem import FloatArray

__all__ = ["modified_columns"]


def modified_columns(
    matrix: FloatArray, rows: NDArray[np.intp], cols: NDArray[np.intp], values: FloatArray
) -> FloatArray:
    """``(n, c)``: column ``cols[k]`` of ``matrix`` with row ``rows[k]`` set to ``values[k]``."""
    out = np.array(matrix[:, cols], dtype=np.float64)
    out[rows, np.arange(cols.size)] = values
    return out
