"""How firm the recommendation is: a clear winner, a likely winner, or a close call.

One documented rule (``docs/advice.md``) reads three things together: the
score margin, the SMAA first-place shares and the stability of the weights.

- **Close call** between the winner and its contenders when another option
  comes first in the simulation at least as often as the winner, or when
  the winner is first in under half the simulations and a contender comes
  within :data:`CONTEST` of its share. Without a simulation: when the
  margin is under :data:`THIN_MARGIN` of the winner's score.
- **Clear winner** when the winner is first in at least :data:`SAFE` of the
  simulations (or, without one, leads by at least :data:`WIDE_MARGIN`) and
  no single weight needs to move less than :data:`STABLE_WEIGHT` to change
  the winner.
- **Likely winner** otherwise, with the risk named: the option that comes
  first most often besides the winner, or the weight closest to changing
  the choice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CONTEST", "SAFE", "STABLE_WEIGHT", "THIN_MARGIN", "WIDE_MARGIN", "Verdict", "decide"]

#: First-place share at or above which the winner is safe.
SAFE = 0.8
#: A contender within this many points of the winner's share, below half, makes a close call.
CONTEST = 0.15
#: Share of the winner's score under which a margin is too thin to call (no simulation).
THIN_MARGIN = 0.01
#: Share of the winner's score above which a margin is wide (no simulation).
WIDE_MARGIN = 0.05
#: A weight change (absolute, as a share of all weight) that a clear winner withstands.
STABLE_WEIGHT = 0.1


@dataclass(frozen=True)
class Verdict:
    """The firmness of a recommendation and the numbers behind it.

    Attributes:
        kind: ``clear``, ``likely`` or ``close``.
        winner: the first-ranked option.
        contenders: for a close call, the options it is between (winner first).
        shares: first-place share per option named (from SMAA), if simulated.
        margin: the score margin over the runner-up.
        challenger: for a likely winner, the option most often first besides it.
        weight_risk: the factor whose weight is closest to changing the winner,
            with that weight and the flip weight.
    """

    kind: str
    winner: str
    contenders: list[str] = field(default_factory=list)
    shares: dict[str, float] = field(default_factory=dict)
    margin: float = 0.0
    challenger: str | None = None
    weight_risk: dict[str, Any] | None = None


def decide(analysis: Mapping[str, Any]) -> Verdict:
    """Apply the rule of the module docstring to an analysis dict."""
    ranking = analysis["ranking"]
    winner = str(ranking[0]["option"])
    if len(ranking) < 2:
        return Verdict("clear", winner)
    top, second = float(ranking[0]["score"]), float(ranking[1]["score"])
    margin = abs(top - second)
    relative = margin / max(abs(top), abs(second), 1e-12)
    risk = _weight_risk(analysis)
    stable = risk is None or risk["distance"] >= STABLE_WEIGHT
    smaa = analysis.get("smaa") or {}
    acceptability = smaa.get("rank_acceptability") or {}
    firsts = {str(o): float(v[0]) for o, v in acceptability.items() if v}
    if not firsts:
        if relative < THIN_MARGIN:
            runner = str(ranking[1]["option"])
            return Verdict("close", winner, [winner, runner], margin=margin, weight_risk=risk)
        kind = "clear" if relative >= WIDE_MARGIN and stable else "likely"
        return Verdict(kind, winner, margin=margin, weight_risk=risk)
    mine = firsts.get(winner, 0.0)
    others = sorted(
        ((o, s) for o, s in firsts.items() if o != winner and s > 0), key=lambda kv: -kv[1]
    )
    contenders = [o for o, s in others if s >= mine or (mine < 0.5 and s >= mine - CONTEST)]
    if contenders:
        named = [winner, *contenders]
        return Verdict(
            "close",
            winner,
            named,
            {o: firsts.get(o, 0.0) for o in named},
            margin,
            weight_risk=risk,
        )
    challenger = others[0][0] if others else None
    shares = {winner: mine} | ({challenger: firsts[challenger]} if challenger else {})
    kind = "clear" if mine >= SAFE and stable else "likely"
    return Verdict(kind, winner, [], shares, margin, challenger, risk)


def _weight_risk(analysis: Mapping[str, Any]) -> dict[str, Any] | None:
    """The flip nearest to the current weights: factor, weight, flip weight, distance."""
    factors = (analysis.get("sensitivity") or {}).get("factors") or {}
    best: dict[str, Any] | None = None
    for fid, info in factors.items():
        flip = info.get("flip")
        if not flip:
            continue
        distance = abs(float(flip["weight"]) - float(info["weight"]))
        if best is None or distance < best["distance"]:
            best = {
                "factor": fid,
                "weight": float(info["weight"]),
                "flip_weight": float(flip["weight"]),
                "new_winner": flip["new_winner"],
                "distance": distance,
            }
    return best
