"""What is still unknown and matters: estimates whose range could change the winner.

For each factor with uncertain performance, take the least favourable end of
the winner's range and the most favourable end of every rival's, one factor at
a time, and re-run the method. A factor matters when that alone changes the
winner.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from decisionroom.engine.methods import MethodSpec
from decisionroom.engine.problem import FloatArray, Problem
from decisionroom.engine.ranking import order


def unknowns_that_matter(
    spec: MethodSpec,
    resolved: Mapping[str, Any],
    problem: Problem,
    low: FloatArray,
    high: FloatArray,
) -> list[dict[str, Any]]:
    """Factors whose uncertain estimates alone can change the winner, most decisive first."""
    base = spec.run(problem, spec.prepare(resolved, problem, "method.params"))
    winner = int(order(np.asarray(base.scores), base.higher_is_better)[0])
    found = []
    for j in range(problem.matrix.shape[1]):
        if np.all(low[:, j] == high[:, j]):
            continue
        worst = low[:, j] if problem.benefit[j] else high[:, j]
        best = high[:, j] if problem.benefit[j] else low[:, j]
        matrix = problem.matrix.copy()
        matrix[:, j] = best
        matrix[winner, j] = worst[winner]
        scenario = problem.with_matrix(matrix)
        result = spec.run(scenario, spec.prepare(resolved, scenario, "method.params"))
        scores = np.asarray(result.scores)
        new = int(order(scores, result.higher_is_better)[0])
        if new != winner:
            gap = abs(float(scores[new] - scores[winner]))
            found.append(
                {
                    "factor": problem.factors[j],
                    "rival": problem.options[new],
                    "winner_value": float(matrix[winner, j]),
                    "rival_value": float(matrix[new, j]),
                    "gap": gap,
                }
            )
    return sorted(found, key=lambda item: -item["gap"])
