"""The winner's margin in the decisive factors' own units (exact for the additive model).

In the weighted sum a score is ``sum_f w_f v_f(x_f)``. Where the value function
of factor ``f`` is linear, ``v_f`` changes by ``dv/dx`` per unit, so a margin
``m`` equals a change of ``m / (w_f |dv/dx|)`` in that factor's own units: what
the runner-up would have to gain on that factor alone to draw level.
"""

from __future__ import annotations

from decisionroom.explain.claims import Claim
from decisionroom.explain.facts import Facts
from decisionroom.explain.option_words import refer
from decisionroom.explain.words import decimals_of, fixed, join, num, quantity
from decisionroom.model.decision import spread

#: How many factors the margin is translated into (the weightiest linear ones).
FACTORS = 2


def _slope(facts: Facts, fid: str) -> float | None:
    """``dv/dx`` of the factor's value function when it is linear over the options, else None."""
    values = facts.analysis.get("values") or {}
    points = []
    for oid, row in values.items():
        cell = facts.decision.performance.get(oid, {}).get(fid)
        if cell is None or fid not in row:
            continue
        points.append((spread(cell)[1], float(row[fid])))
    points.sort()
    if len(points) < 2 or points[0][0] == points[-1][0]:
        return None
    (x0, v0), (x1, v1) = points[0], points[-1]
    slope = (v1 - v0) / (x1 - x0)
    for x, v in points:  # every option on one straight line, or no exact translation
        if abs(v0 + slope * (x - x0) - v) > 1e-9:
            return None
    return slope if slope != 0 else None


def margin_in_units(facts: Facts) -> list[Claim]:
    """The margin as an amount of the weightiest linear factors, in their own units."""
    if facts.analysis["method"]["name"] != "weighted-sum" or facts.runner_up is None:
        return []
    rows = facts.ranking
    margin = abs(float(rows[0]["score"]) - float(rows[1]["score"]))
    if margin == 0:
        return []
    weights = facts.analysis["weights"]
    parts: list[str] = []
    worth: dict[str, float] = {}
    for fid in sorted(weights, key=lambda f: -float(weights[f])):
        slope = _slope(facts, fid)
        if slope is None or float(weights[fid]) <= 0:
            continue
        amount = margin / (float(weights[fid]) * abs(slope))
        places = decimals_of(
            [spread(r[fid])[1] for r in facts.decision.performance.values() if fid in r]
        )
        places = max(places, 1) if amount < 1 else places
        worth[fid] = amount
        unit = getattr(facts.factor(fid), "unit", None)
        if unit and ("score" in unit or "rating" in unit):  # '0.7 points of Fit (score 1-5)'
            word = "point" if num(amount, places) == "1" else "points"
            parts.append(f"{num(amount, places)} {word} of {facts.factor_name(fid)} ({unit})")
        elif unit and unit.startswith("%"):  # '19 percentage points of Growth (% per year)'
            word = "percentage point" if num(amount, places) == "1" else "percentage points"
            detail = f" ({unit})" if unit.strip() != "%" else ""
            parts.append(f"{num(amount, places)} {word} of {facts.factor_name(fid)}{detail}")
        else:
            parts.append(f"{quantity(amount, unit, places)} of {facts.factor_name(fid)}")
        if len(parts) == FACTORS:
            break
    if not parts:
        return []
    text = (
        f"The lead of {fixed(margin)} is worth about {join(parts, 'or')}: what "
        f"{refer(facts.option_name(facts.runner_up))} would have to gain on that factor alone "
        "to draw level."
    )
    return [Claim("margin_units", text, {"margin": margin, "worth": worth})]
