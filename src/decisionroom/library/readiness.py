"""One-up readiness: how well the seller understands the decision, with the checklist behind it.

Six checks, each scored 0 to 1 (the share of its items that pass); the score
is their mean times 100. A check with nothing to count (no template, so no
questions) is left out of the mean and says so. docs/library.md lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from decisionroom.library.discovery import goal_is_measurable, is_backed
from decisionroom.library.template import Template
from decisionroom.model.decision import STAGES, Decision

__all__ = ["Check", "Readiness", "decisive_factors", "readiness"]


@dataclass(frozen=True)
class Check:
    """One item of the checklist."""

    id: str
    label: str
    score: float | None  # None: not applicable
    detail: str

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {"id": self.id, "label": self.label, "score": self.score, "detail": self.detail}


@dataclass(frozen=True)
class Readiness:
    """The score (0-100) and its checklist."""

    score: int
    checks: list[Check]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {"score": self.score, "checks": [c.to_dict() for c in self.checks]}


def _share(ok: int, total: int) -> float:
    return ok / total if total else 0.0


def decisive_factors(analysis: dict[str, Any]) -> list[str]:
    """Factors that could decide the choice.

    These are the factors whose uncertain estimates alone flip the winner, the
    factor whose weight is closest to flipping it, and the two heaviest factors.
    """
    found: list[str] = [u["factor"] for u in analysis.get("unknowns", [])]
    critical = analysis.get("sensitivity", {}).get("critical_factor")
    if critical:
        found.append(critical)
    heaviest = sorted(analysis["weights"], key=lambda f: -analysis["weights"][f])[:2]
    found.extend(heaviest)
    return list(dict.fromkeys(found))


def readiness(decision: Decision, template: Template | None, analysis: dict[str, Any]) -> Readiness:
    """The readiness of a decision, from the file, its template and its analysis."""
    checks: list[Check] = []
    goal_ok = goal_is_measurable(decision)
    checks.append(
        Check(
            "goal",
            "Goal measurable, with a horizon",
            1.0 if goal_ok else (0.5 if decision.goal else 0.0),
            "yes"
            if goal_ok
            else ("the goal needs a number and a horizon" if decision.goal else "no goal yet"),
        )
    )
    traced = sum(1 for n in decision.needs if n.challenges)
    tied = sum(1 for f in decision.factors if f.needs)
    total = len(decision.needs) + len(decision.factors)
    has_chain = bool(decision.challenges) and bool(decision.needs)
    checks.append(
        Check(
            "traced",
            "Challenges and needs traced",
            _share(traced + tied, total) if has_chain else 0.0,
            f"{traced} of {len(decision.needs)} needs name a challenge; "
            f"{tied} of {len(decision.factors)} factors serve a need"
            if has_chain
            else "no challenges or needs yet",
        )
    )
    why = sum(1 for f in decision.factors if f.why)
    checks.append(
        Check(
            "why",
            "Every factor has a why",
            _share(why, len(decision.factors)),
            f"{why} of {len(decision.factors)} factors",
        )
    )
    heard = sum(1 for p in decision.stakeholders if p.weights is not None)
    checks.append(
        Check(
            "heard",
            "All stakeholders heard",
            _share(heard, len(decision.stakeholders)),
            f"{heard} of {len(decision.stakeholders)} stakeholders weighed in"
            if decision.stakeholders
            else "no stakeholders yet",
        )
    )
    ranked = [r["option"] for r in analysis["ranking"]][:2]
    decisive = [f for f in decisive_factors(analysis) if any(x.id == f for x in decision.factors)]
    cells = [(o, f) for o in ranked for f in decisive]
    names = {f.id: f.name or f.id for f in decision.factors}
    backed = sum(1 for o, f in cells if is_backed(decision.performance[o][f]))
    checks.append(
        Check(
            "evidence",
            "Decisive estimates backed by evidence",
            _share(backed, len(cells)),
            f"{backed} of {len(cells)} values of the top two options on the decisive "
            f"factors ({', '.join(names[f] for f in decisive)})",
        )
    )
    if template is None:
        checks.append(
            Check("questions", "Key questions answered", None, "no template: no questions")
        )
    else:
        at = STAGES.index(decision.stage or "goal")
        due = [q for q in template.questions if STAGES.index(q.stage) <= at]
        answered = sum(1 for q in due if q.id in decision.answers)
        checks.append(
            Check(
                "questions",
                "Key questions answered",
                _share(answered, len(due)) if due else 1.0,
                f"{answered} of {len(due)} questions up to the {STAGES[at]} stage",
            )
        )
    counted = [c.score for c in checks if c.score is not None]
    score = round(100 * sum(counted) / len(counted))
    return Readiness(score, checks)
