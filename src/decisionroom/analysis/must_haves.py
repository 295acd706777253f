"""Must-haves: hard limits that no weight may trade away.

An option whose *likely* performance breaks a factor's ``must_have`` limit is
set aside before ranking, with the reason. When only the uncertain end of its
range breaks the limit, it stays in and the analysis warns.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from decisionroom.errors import AnalysisFailed, ErrorDetail
from decisionroom.explain.words import quantity
from decisionroom.model.bridge import Bridged
from decisionroom.model.decision import Decision


def apply_must_haves(
    decision: Decision, bridged: Bridged
) -> tuple[Bridged, list[dict[str, Any]], list[ErrorDetail]]:
    """Remove options that fail a must-have; return the rest, what was set aside and warnings."""
    problem = bridged.problem
    keep = np.ones(len(problem.options), dtype=bool)
    excluded: list[dict[str, Any]] = []
    warnings: list[ErrorDetail] = []
    for j, factor in enumerate(decision.factors):
        limit = factor.must_have
        if limit is None:
            continue
        name, unit = factor.name or factor.id, factor.unit
        for i, option in enumerate(problem.options):
            value = float(problem.matrix[i, j])
            lo, hi = float(bridged.low[i, j]), float(bridged.high[i, j])
            reason = None
            if limit.max is not None and value > limit.max:
                reason = (
                    f"its {name} of {quantity(value, unit)} is above the must-have maximum of "
                    f"{quantity(float(limit.max), unit)}."
                )
            elif limit.min is not None and value < limit.min:
                reason = (
                    f"its {name} of {quantity(value, unit)} is below the must-have minimum of "
                    f"{quantity(float(limit.min), unit)}."
                )
            if reason is not None:
                if keep[i]:
                    excluded.append({"option": option, "factor": factor.id, "reason": reason})
                keep[i] = False
                continue
            risky = (limit.max is not None and hi > limit.max) or (
                limit.min is not None and lo < limit.min
            )
            if risky:
                warnings.append(
                    ErrorDetail(
                        f"performance.{option}.{factor.id}",
                        "warn_must_have_at_risk",
                        f"Option {option!r} meets the must-have on {name} with its likely value, "
                        "but its range crosses the limit: confirm it before deciding.",
                    )
                )
    if not keep.any():
        raise AnalysisFailed.at(
            "factors",
            "Every option fails a must-have, so nothing is left to rank; relax a must-have "
            "or add options. " + " ".join(f"{e['option']}: {e['reason']}" for e in excluded),
            code="all_excluded",
        )
    if keep.all():
        return bridged, excluded, warnings
    options = tuple(o for o, k in zip(problem.options, keep, strict=True) if k)
    trimmed = replace(problem, matrix=problem.matrix[keep], options=options)
    return (
        replace(bridged, problem=trimmed, low=bridged.low[keep], high=bridged.high[keep]),
        excluded,
        warnings,
    )
