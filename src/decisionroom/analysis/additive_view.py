"""The additive view of a decision: 0-1 values and per-factor contributions.

Whatever method ranks the options, people understand a decision through
"how much does each factor add to each option". This view uses the additive
value model (min-max value functions, the factor's fixed bounds when given)
with the analysis weights; for ``weighted-sum`` it is exactly the method.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from decisionroom.engine.normalize import minmax
from decisionroom.engine.problem import Problem


def additive_view(problem: Problem, options: Sequence[int] | None = None) -> dict[str, Any]:
    """``{"values": {option: {factor: v}}, "contributions": {option: {factor: w*v}}}``.

    ``options`` limits the tables to those option indices (a long list's
    examined options); the values are scaled on every option either way.
    """
    values = minmax(problem.matrix, problem.benefit, problem.bounds)
    contributions = values * problem.weights
    rows = range(len(problem.options)) if options is None else options
    return {
        "values": _table(values, problem, rows),
        "contributions": _table(contributions, problem, rows),
    }


def _table(array: np.ndarray, problem: Problem, rows: Iterable[int]) -> dict[str, dict[str, float]]:
    return {
        problem.options[i]: {f: float(array[i, j]) for j, f in enumerate(problem.factors)}
        for i in rows
    }
