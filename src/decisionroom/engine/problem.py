"""The numeric form of a decision: a matrix, weights and directions."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class Problem:
    """A decision matrix ready for a method.

    Attributes:
        matrix: performance, shape ``(n_options, n_factors)``.
        weights: factor weights, shape ``(n_factors,)``, summing to 1.
        benefit: ``True`` where more is better (direction ``max``).
        options: option ids, in row order.
        factors: factor ids, in column order.
        bounds: ``(n_factors, 2)`` fixed value-function bounds ``[worst, best]``;
            NaN where the data's own range is used.
    """

    matrix: FloatArray
    weights: FloatArray
    benefit: BoolArray
    options: tuple[str, ...]
    factors: tuple[str, ...]
    bounds: FloatArray = field(default_factory=lambda: np.empty((0, 2)))

    def __post_init__(self) -> None:
        # array-likes (lists, pandas DataFrames and Series) become arrays once, here
        object.__setattr__(self, "matrix", np.asarray(self.matrix, dtype=np.float64))
        object.__setattr__(self, "weights", np.asarray(self.weights, dtype=np.float64))
        object.__setattr__(self, "benefit", np.asarray(self.benefit, dtype=bool))
        object.__setattr__(self, "bounds", np.asarray(self.bounds, dtype=np.float64))
        for name in ("options", "factors"):
            ids = getattr(self, name)
            if not isinstance(ids, tuple):  # a list, an Index: converted once
                object.__setattr__(self, name, tuple(str(i) for i in ids))
        if self.matrix.ndim != 2:
            raise ValueError("the matrix must be two-dimensional: options by factors")
        n, m = self.matrix.shape
        if self.bounds.shape != (m, 2):
            object.__setattr__(self, "bounds", np.full((m, 2), np.nan))
        if len(self.options) != n or len(self.factors) != m:
            raise ValueError("options and factors must match the matrix shape")
        if self.weights.shape != (m,) or self.benefit.shape != (m,):
            raise ValueError("weights and benefit need one entry per factor")

    @property
    def shape(self) -> tuple[int, int]:
        """``(n_options, n_factors)``."""
        n, m = self.matrix.shape
        return int(n), int(m)

    def with_weights(self, weights: FloatArray) -> Problem:
        """Return the same problem with other weights."""
        return Problem(self.matrix, weights, self.benefit, self.options, self.factors, self.bounds)

    def with_matrix(self, matrix: FloatArray) -> Problem:
        """Return the same problem with another performance matrix."""
        return Problem(matrix, self.weights, self.benefit, self.options, self.factors, self.bounds)
