"""Learning from outcomes: what experience says across decision files of the same template.

For each template, over the decision files given (one workspace: the files
are never mixed with others), this counts

- how often each factor was decisive: the sensitivity analysis's critical
  factor, the one whose weight needs the smallest change to change the winner;
- the typical weights by stakeholder role: the median of each role's own
  normalised weights, with how many stakeholders gave them;
- the option kinds the clients chose (``outcome.chosen``) and how they turned
  out (``outcome.met_goal``).

Every statement carries its counts ("in 9 of 14 similar decisions ...") so a
reader can judge the evidence. docs/library.md, "Learning from outcomes".
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from decisionroom.model.decision import Decision

__all__ = ["Experience", "learn"]


@dataclass
class Experience:
    """What a set of decisions of one template says."""

    template: str
    decisions: int = 0
    decisive: Counter[str] = field(default_factory=Counter)
    no_flip: int = 0
    weights_by_role: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    chosen: dict[str, dict[str, int]] = field(default_factory=dict)
    with_outcome: int = 0
    names: dict[str, str] = field(default_factory=dict)

    def sentences(self) -> list[str]:
        """The findings as sentences, each with its counts."""
        n = self.decisions
        out = []
        for factor, count in self.decisive.most_common():
            out.append(
                f"In {count} of {n} similar decisions, {self.names.get(factor, factor)} "
                "decided it: its weight was the closest to changing the winner."
            )
        if self.no_flip:
            out.append(
                f"In {self.no_flip} of {n}, no single weight change could change the winner."
            )
        for role, factors in sorted(self.weights_by_role.items()):
            top = sorted(factors.items(), key=lambda kv: -statistics.median(kv[1]))[:3]
            parts = ", ".join(
                f"{self.names.get(f, f)} {100 * statistics.median(v):.0f}% (n={len(v)})"
                for f, v in top
            )
            out.append(f"{role} typically weighs {parts} (median).")
        for kind, c in sorted(self.chosen.items(), key=lambda kv: -kv[1]["chosen"]):
            measured = c["met"] + c["missed"]
            result = (
                f"; it met the goal in {c['met']} of {measured} measured"
                if measured
                else "; no result measured yet"
            )
            out.append(
                f"An option of kind {kind} was chosen in {c['chosen']} of "
                f"{self.with_outcome} decisions with a recorded choice{result}."
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {
            "template": self.template,
            "decisions": self.decisions,
            "decisive": dict(self.decisive.most_common()),
            "no_single_flip": self.no_flip,
            "weights_by_role": {
                role: {f: {"median": statistics.median(v), "n": len(v)} for f, v in factors.items()}
                for role, factors in sorted(self.weights_by_role.items())
            },
            "chosen": self.chosen,
            "with_outcome": self.with_outcome,
            "insights": self.sentences(),
        }


def learn(decisions: list[Decision]) -> list[Experience]:
    """What the decisions say, one :class:`Experience` per template (files without one skipped)."""
    from decisionroom.analysis import analyze
    from decisionroom.model import to_problem

    found: dict[str, Experience] = {}
    for d in decisions:
        if d.template is None:
            continue
        exp = found.setdefault(d.template, Experience(d.template))
        exp.decisions += 1
        for f in d.factors:
            exp.names.setdefault(f.id, f.name or f.id)
        result = analyze(d, smaa=0).to_dict()
        critical = result.get("sensitivity", {}).get("critical_factor")
        if critical:
            exp.decisive[critical] += 1
        else:
            exp.no_flip += 1
        bridged = to_problem(d)
        roles = {p.id: (p.role or p.id) for p in d.stakeholders}
        for person, weights in bridged.stakeholder_weights.items():
            role = exp.weights_by_role.setdefault(roles.get(person, person), defaultdict(list))
            for factor, w in zip(bridged.problem.factors, weights, strict=True):
                if not math.isnan(float(w)):
                    role[factor].append(float(w))
        if d.outcome is not None:
            exp.with_outcome += 1
            kind = d.option(d.outcome.chosen).kind or "unspecified"
            counts = exp.chosen.setdefault(kind, {"chosen": 0, "met": 0, "missed": 0})
            counts["chosen"] += 1
            if d.outcome.met_goal is True:
                counts["met"] += 1
            elif d.outcome.met_goal is False:
                counts["missed"] += 1
    for exp in found.values():
        exp.weights_by_role = {r: dict(v) for r, v in exp.weights_by_role.items()}
    return sorted(found.values(), key=lambda e: e.template)
