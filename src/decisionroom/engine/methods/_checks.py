"""Boundary checks shared by methods' ``prepare`` hooks.

A normalisation is refused only where it is undefined (issue #9): ``max``
divides a benefit factor by its largest value and a cost factor's smallest
value by each value, so only a cost factor needs every value positive (and a
benefit factor a positive largest value); ``sum`` likewise with the column
sum. Zeros and negatives on a benefit factor are fine. The weighted product
raises values to powers, so it also needs no negative value on a benefit
factor. ``minmax`` and ``vector`` are defined for any finite data.
"""

from __future__ import annotations

import numpy as np

from decisionroom.engine.problem import Problem
from decisionroom.errors import InvalidParameter

_FIX = "use normalization 'minmax' instead."


def require_defined(problem: Problem, name: str, loc: str, *, powers: bool = False) -> None:
    """Reject data on which normalisation ``name`` is undefined, naming the option and factor.

    Args:
        problem: the decision matrix with its directions.
        name: the normalisation id.
        loc: where the normalisation was chosen, for the error.
        powers: the values are raised to powers (weighted product).
    """
    x, benefit = problem.matrix, problem.benefit
    if name in ("max", "sum"):
        divides = "min / x" if name == "max" else "(1/x) / sum(1/x)"
        for j in np.flatnonzero(~benefit):
            bad = np.flatnonzero(x[:, j] <= 0)
            if bad.size:
                _refuse(
                    problem,
                    loc,
                    name,
                    f"{name} normalisation divides by a cost factor's values ({divides}), so "
                    f"they must be positive, but option {problem.options[bad[0]]!r} has "
                    f"{x[bad[0], j]:g} on factor {problem.factors[j]!r}; {_FIX}",
                )
        what = "largest value (x / max)" if name == "max" else "sum (x / sum)"
        for j in np.flatnonzero(benefit):
            top = x[:, j].max() if name == "max" else x[:, j].sum()
            if top <= 0:
                _refuse(
                    problem,
                    loc,
                    name,
                    f"{name} normalisation divides a benefit factor by its {what}, which "
                    f"must be positive, but on factor {problem.factors[j]!r} it is "
                    f"{top:g}; {_FIX}",
                )
    if powers and name in ("max", "sum", "vector"):
        for j in np.flatnonzero(benefit):
            bad = np.flatnonzero(x[:, j] < 0)
            if bad.size:
                _refuse(
                    problem,
                    loc,
                    name,
                    "the weighted product raises values to powers, so a benefit factor "
                    f"needs values of 0 or more, but option {problem.options[bad[0]]!r} has "
                    f"{x[bad[0], j]:g} on factor {problem.factors[j]!r}; {_FIX}",
                )


def _refuse(problem: Problem, loc: str, name: str, msg: str) -> None:
    raise InvalidParameter.at(loc, msg, code="normalization_undefined", input=name)
