"""AHP: the analytic hierarchy process with option comparisons per factor.

For each factor the options get local priorities: from a pairwise comparison
matrix when the user compared them, otherwise from the performance table in
distributive mode. The global score of an option is the weighted sum of its
local priorities.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from decisionroom.engine.ahp import eigen_priorities, parse_pairwise
from decisionroom.engine.methods._spec import MethodResult, MethodSpec, Param
from decisionroom.engine.normalize import sum_norm
from decisionroom.engine.problem import BoolArray, FloatArray, Problem
from decisionroom.errors import ErrorDetail, InvalidParameter

#: Saaty's rule of thumb: judgments with a consistency ratio above this deserve a review.
CR_THRESHOLD = 0.1


def ahp(
    matrix: FloatArray,
    weights: FloatArray,
    benefit: BoolArray,
    *,
    local: FloatArray,
    consistency: Mapping[int, float] | None = None,
    worst_judgment: Mapping[int, tuple[int, int] | None] | None = None,
) -> MethodResult:
    """Score options by the weighted sum of their local priorities.

    ``local`` is ``(n, m)``: column ``j`` holds the options' local priorities
    on factor ``j`` from its comparison matrix, or NaN where the factor had no
    comparisons; those columns are computed here from the performance table in
    distributive mode (benefit ``x / sum x``, cost ``(1/x) / sum(1/x)``), so a
    batch of perturbed matrices ``(k, n, m)`` gets its own local priorities.
    Works on a batch: ``weights`` ``(k, m)`` gives scores ``(k, n)``.

    Steps: (1) local priorities ``l_ij`` per factor (eigenvector of the
    option comparisons, or distributive normalisation); (2) contributions
    ``w_j l_ij``; (3) global priority ``P_i = sum_j w_j l_ij``.

    ``consistency`` and ``worst_judgment`` (factor index -> CR / pair of
    option indices) are passed through to ``details``; factors whose CR is
    above 0.1 are listed under ``details["inconsistent"]``.

    References:
        Saaty, T. L. (1980). The Analytic Hierarchy Process. McGraw-Hill.
        Saaty, T. L. (1990). How to make a decision: The analytic hierarchy
        process. European Journal of Operational Research 48(1), 9-26.
    """
    given = ~np.isnan(local)
    values = np.where(given, local, sum_norm(matrix, benefit)) if not given.all() else local  # (1)
    w = weights[..., None, :]
    contributions = values * w  # (2)
    scores = contributions.sum(axis=-1)  # (3)
    cr = dict(consistency or {})
    return MethodResult(
        scores=scores,
        higher_is_better=True,
        details={
            "local": values,
            "contributions": contributions,
            "consistency": cr,
            "inconsistent": {j: v for j, v in cr.items() if v > CR_THRESHOLD},
            "worst_judgment": dict(worst_judgment or {}),
        },
    )


def _prepare(params: Mapping[str, Any], problem: Problem, loc: str) -> dict[str, Any]:
    comparisons: Mapping[str, Any] = params["comparisons"]
    base = f"{loc}.comparisons"
    n, m = problem.shape
    local = np.full((n, m), np.nan)
    consistency: dict[int, float] = {}
    worst: dict[int, tuple[int, int] | None] = {}
    problems: list[ErrorDetail] = []
    factor_index = {f: j for j, f in enumerate(problem.factors)}
    for factor, spec in comparisons.items():
        where = f"{base}.{factor}"
        j = factor_index.get(factor)
        if j is None:
            known = ", ".join(problem.factors)
            problems.append(
                ErrorDetail(
                    where, "unknown_factor", f"is not a factor; the factors are: {known}.", factor
                )
            )
            continue
        if not isinstance(spec, Mapping) or set(spec) != {"order", "matrix"}:
            problems.append(
                ErrorDetail(
                    where,
                    "comparison",
                    "must be a mapping with exactly the keys 'order' (option ids) and "
                    "'matrix' (their pairwise comparisons).",
                    spec,
                )
            )
            continue
        order = _check_order(spec["order"], problem.options, f"{where}.order", problems)
        try:
            a = parse_pairwise(spec["matrix"], f"{where}.matrix")
        except InvalidParameter as exc:
            problems.extend(exc.errors)
            continue
        if order is None:
            continue
        if a.shape[0] != len(order):
            problems.append(
                ErrorDetail(
                    f"{where}.matrix",
                    "size",
                    f"must be {len(order)} x {len(order)}, one row and column per option in order.",
                    f"{a.shape[0]} x {a.shape[0]}",
                )
            )
            continue
        priorities = eigen_priorities(a)
        rows = np.array(order)  # position in the problem of each compared option
        local[rows, j] = priorities.weights
        consistency[j] = priorities.cr
        pair = priorities.worst_judgment
        worst[j] = None if pair is None else (int(rows[pair[0]]), int(rows[pair[1]]))
    for col in np.flatnonzero(np.isnan(local[0])):
        # distributive mode: a benefit factor's x / sum needs no negative value and a
        # positive sum (a 0 is a priority of 0); a cost factor's 1 / x needs x > 0 (#9)
        column = problem.matrix[:, col]
        cost = not problem.benefit[col]
        bad = np.flatnonzero(column <= 0 if cost else column < 0)
        if bad.size or not np.any(column > 0):  # no sum: 1e308 + 1e308 overflows
            i = int(bad[0]) if bad.size else int(np.argmin(column))
            need = "positive values" if cost else "values of 0 or more, not all 0"
            problems.append(
                ErrorDetail(
                    f"{base}.{problem.factors[col]}",
                    "positive_required",
                    f"is missing, so AHP derives the local priorities of factor "
                    f"{problem.factors[col]!r} from the performance table, which needs {need}; "
                    f"option {problem.options[i]!r} has {problem.matrix[i, col]:g}. "
                    "Compare the options on this factor pairwise instead.",
                )
            )
    if problems:
        raise InvalidParameter(problems)
    return {"local": local, "consistency": consistency, "worst_judgment": worst}


def _check_order(
    order: Any, options: tuple[str, ...], loc: str, problems: list[ErrorDetail]
) -> list[int] | None:
    if not isinstance(order, list | tuple) or not all(isinstance(o, str) for o in order):
        problems.append(ErrorDetail(loc, "order", "must be a list of option ids.", order))
        return None
    position = {o: i for i, o in enumerate(options)}
    unknown = [o for o in order if o not in position]
    repeated = sorted({o for o in order if order.count(o) > 1})
    missing = [o for o in options if o not in order]
    if unknown or repeated or missing:
        parts = []
        if missing:
            parts.append(f"missing {', '.join(repr(o) for o in missing)}")
        if unknown:
            parts.append(f"unknown {', '.join(repr(o) for o in unknown)}")
        if repeated:
            parts.append(f"repeated {', '.join(repr(o) for o in repeated)}")
        problems.append(
            ErrorDetail(
                loc,
                "order",
                f"must list every option exactly once ({'; '.join(parts)}); "
                f"the options are: {', '.join(options)}.",
                list(order),
            )
        )
        return None
    return [position[o] for o in order]


SPEC = MethodSpec(
    id="ahp",
    name="Analytic hierarchy process (AHP)",
    func=ahp,
    params=(
        Param(
            "comparisons",
            "Per factor, pairwise comparisons of the options: {order: [option ids], "
            "matrix: [[...]]}; factors without comparisons use the performance table.",
            default={},
            kind="per-factor",
        ),
    ),
    higher_is_better=True,
    # option comparisons need not agree with the performance table
    respects_dominance=False,
    batched=True,
    prepare=_prepare,
    references=(
        "Saaty, T. L. (1980). The Analytic Hierarchy Process. McGraw-Hill.",
        "Saaty, T. L. (1990). How to make a decision: The analytic hierarchy process. "
        "European Journal of Operational Research 48(1), 9-26.",
    ),
    summary="Weighs each option's local priorities per factor, from pairwise comparisons "
    "of the options or from the performance table.",
    additive="local",
)
