"""Evidence behind the decisive numbers: quoted where it exists, flagged where it does not.

A number is *decisive* when it is the winner's or the runner-up's performance
on one of the factors that make most of the difference between them (the
largest contribution gaps, docs/advice.md).
"""

from __future__ import annotations

from typing import Any

from decisionroom.explain.claims import Claim, contribution_gaps
from decisionroom.explain.facts import Facts
from decisionroom.explain.option_words import refer
from decisionroom.explain.words import num, quantity
from decisionroom.model.decision import Evidenced, spread

#: How many of the largest contribution gaps count as decisive.
DECISIVE_FACTORS = 2


def evidence_of(cell: Any) -> str:
    """The evidence written with a performance cell, or ''."""
    if isinstance(cell, Evidenced) and cell.evidence:
        return str(cell.evidence).strip()
    return ""


def decisive(facts: Facts) -> list[tuple[str, str]]:
    """``(option, factor)`` pairs whose numbers decide between the first two."""
    gaps = contribution_gaps(facts)
    runner = facts.runner_up
    if not gaps or runner is None:
        return []
    top = sorted(gaps, key=lambda kv: -abs(kv[1]))[:DECISIVE_FACTORS]
    return [(o, f) for f, g in top if g != 0 for o in (facts.winner, runner)]


def value_text(facts: Facts, cell: Any, factor_id: str) -> str:
    """The value as the file gives it, with its unit: '200 kEUR', '9 months (range 7–11)'."""
    low, likely, high = spread(cell)
    unit = getattr(facts.factor(factor_id), "unit", None)
    if low == high:
        return quantity(likely, unit)
    if unit and ("score" in unit or "rating" in unit):  # one pair of brackets, not two
        return f"{num(likely)} (range {num(low)}–{num(high)}, {unit})"
    return f"{quantity(likely, unit)} (range {num(low)}–{num(high)})"


def evidence_claims(facts: Facts) -> list[Claim]:
    """The evidence behind each decisive number, and the decisive numbers that have none."""
    performance = facts.decision.performance
    backed: list[Claim] = []
    missing: list[tuple[str, str]] = []
    for oid, fid in decisive(facts):
        cell = performance.get(oid, {}).get(fid)
        if cell is None:
            continue
        source = evidence_of(cell)
        if not source:
            missing.append((oid, fid))
            continue
        backed.append(
            Claim(
                "evidence",
                f"{facts.factor_name(fid)} for {refer(facts.option_name(oid))}, "
                f"{value_text(facts, cell, fid)}, rests on: {source.rstrip('.')}.",
                {"option": oid, "factor": fid, "evidence": source},
            )
        )
    if missing:
        parts = [
            f"{facts.factor_name(f)} for {refer(facts.option_name(o))}, "
            f"{value_text(facts, performance[o][f], f)}"
            for o, f in missing
        ]
        backed.append(
            Claim(
                "evidence",
                f"No evidence is recorded for {'; '.join(parts)}; yet "
                f"{'these numbers decide' if len(parts) > 1 else 'this number decides'} "
                "between the first two. Add a source (a quote, a reference) to the file.",
                {"missing": [{"option": o, "factor": f} for o, f in missing]},
            )
        )
    return backed
