"""The additive view of a decision: 0-1 values and per-factor contributions.

Whatever method ranks the options, people understand a decision through
"how much does each factor add to each option". This view uses the additive
value model (min-max value functions, the factor's fixed bounds when given)
with the analysis weights; for ``weighted-sum`` it is exactly the method.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from decisionroom.engine.normalize import minmax
from decisionroom.engine.problem import Problem


def additive_view(problem: Problem) -> dict[str, Any]:
    """``{"values": {option: {factor: v}}, "contributions": {option: {factor: w*v}}}``."""
    values = minmax(problem.matrix, problem.benefit, problem.bounds)
    contributions = values * problem.weights
    return {
        "values": _table(values, problem),
        "contributions": _table(contributions, problem),
    }


def _table(array: np.ndarray, problem: Problem) -> dict[str, dict[str, float]]:
    return {
        o: {f: float(array[i, j]) for j, f in enumerate(problem.factors)}
        for i, o in enumerate(problem.options)
    }
