"""Boundary checks shared by methods' ``prepare`` hooks."""

from __future__ import annotations

import numpy as np

from decisionroom.engine.problem import Problem
from decisionroom.errors import InvalidParameter


def require_positive(problem: Problem, loc: str, what: str) -> None:
    """Reject a matrix with zero or negative values for ratio-based normalisations."""
    bad = np.argwhere(problem.matrix <= 0)
    if bad.size:
        i, j = bad[0]
        raise InvalidParameter.at(
            loc,
            f"{what} needs every performance value to be positive, but option "
            f"{problem.options[i]!r} has {problem.matrix[i, j]:g} on factor "
            f"{problem.factors[j]!r}; use normalization 'minmax' instead.",
            code="positive_required",
            input=what,
        )
