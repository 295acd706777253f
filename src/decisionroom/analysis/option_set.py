"""Whether the result depends on which options are on the table.

A factor without declared value bounds is scaled to the options present
(min-max, vector or sum normalisation, and every outranking or distance
method compares options with each other). Then adding or removing an option,
even one that ranks last, can change how the others compare: the lead
between the first two, or the winner itself. This module takes each other
option off the table in turn, re-runs the method, and reports what moves,
with the factors to give declared bounds (docs/advice.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from decisionroom.engine.methods import MethodSpec
from decisionroom.engine.problem import Problem
from decisionroom.engine.ranking import order

__all__ = ["MARGIN_CHANGE", "option_set_section"]

#: A lead that grows or shrinks by more than this share when one option is removed
#: is reported (a lead that halves or grows by half changes how safe the choice reads).
MARGIN_CHANGE = 0.5
#: The most options taken off in turn (on a long list: the examined ones and the last).
MAX_REMOVED = 30


def _without(problem: Problem, k: int) -> Problem:
    keep = [i for i in range(len(problem.options)) if i != k]
    return Problem(
        problem.matrix[keep],
        problem.weights,
        problem.benefit,
        tuple(problem.options[i] for i in keep),
        problem.factors,
        problem.bounds,
    )


def option_set_section(
    spec: MethodSpec,
    resolved: Mapping[str, Any],
    problem: Problem,
    ranked: Sequence[int],
    examined: Sequence[int] | None = None,
) -> dict[str, Any] | None:
    """The ``option_set`` key of the analysis JSON, or None when nothing moves.

    ``ranked`` lists the option indices best first. Each option other than the
    first two (on a long list: the examined ones and the last-ranked) is
    removed in turn. ``bounds_used`` says whether the method scales factors to
    declared value bounds (then only ``unbounded_factors`` depend on the
    options present); otherwise the method compares the options with each
    other whatever the bounds.
    """
    n = len(problem.options)
    if n < 3:
        return None
    winner, runner_up = ranked[0], ranked[1]
    candidates = list(examined) if examined is not None and n > MAX_REMOVED else list(ranked)
    if ranked[-1] not in candidates:
        candidates.append(ranked[-1])
    candidates = [k for k in candidates if k not in (winner, runner_up)][:MAX_REMOVED]
    base = spec.run(problem, spec.prepare(resolved, problem, "method.params"))
    sign = 1.0 if base.higher_is_better else -1.0
    margin = sign * float(base.scores[winner] - base.scores[runner_up])
    winner_changes: list[dict[str, Any]] = []
    margin_changes: list[dict[str, Any]] = []
    for k in candidates:
        sub = _without(problem, k)
        result = spec.run(sub, spec.prepare(resolved, sub, "method.params"))
        scores = np.asarray(result.scores, dtype=float)
        at = {o: i for i, o in enumerate(sub.options)}
        first = sub.options[int(order(scores, result.higher_is_better)[0])]
        removed = problem.options[k]
        if first != problem.options[winner]:
            winner_changes.append({"removed": removed, "new_winner": first})
            continue
        after = sign * float(
            scores[at[problem.options[winner]]] - scores[at[problem.options[runner_up]]]
        )
        if margin > 0 and abs(after - margin) > MARGIN_CHANGE * margin:
            margin_changes.append({"removed": removed, "margin": margin, "margin_without": after})
    if not winner_changes and not margin_changes:
        return None
    margin_changes.sort(key=lambda c: -abs(c["margin_without"] - c["margin"]))
    unbounded = [
        f for j, f in enumerate(problem.factors) if not np.all(np.isfinite(problem.bounds[j]))
    ]
    prepared = spec.prepare(resolved, problem, "method.params")
    return {
        "winner_changes": winner_changes,
        "margin_changes": margin_changes[:3],
        "bounds_used": prepared.get("bounds") is not None,
        "unbounded_factors": unbounded,
    }
