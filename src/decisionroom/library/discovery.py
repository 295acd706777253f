"""What to ask next: the template's open questions for the client's stage, and the gaps.

Gaps are the things an advisor would notice before the client does: a goal
without a measure or a horizon, needs that trace to no challenge, factors
with no why, stakeholders who have not weighed in, options whose figures
are template estimates or lack evidence, and estimates whose range alone
could change the choice (the ``unknowns`` of the robustness analysis).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from decisionroom.library.template import TEMPLATE_EVIDENCE, Question, Template
from decisionroom.model.decision import STAGES, Decision, Evidenced

__all__ = [
    "Item",
    "current_stage",
    "evidence_gaps",
    "gaps",
    "insights_for",
    "open_questions",
    "what_to_ask",
]


@dataclass(frozen=True)
class Item:
    """One thing to ask or settle next."""

    kind: str  # "question", "gap", "insight" or "experience"
    id: str
    text: str
    stage: str | None = None
    factors: list[str] = field(default_factory=list)
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {
            "kind": self.kind,
            "id": self.id,
            "stage": self.stage,
            "text": self.text,
            "factors": self.factors,
            "detail": self.detail,
        }


def current_stage(decision: Decision) -> str:
    """The client's stage; ``goal`` when the file does not say."""
    return decision.stage or "goal"


def open_questions(decision: Decision, template: Template) -> list[Question]:
    """Unanswered questions of the current stage, then those left open at earlier stages."""
    at = STAGES.index(current_stage(decision))
    unanswered = [q for q in template.questions if q.id not in decision.answers]
    now = [q for q in unanswered if STAGES.index(q.stage) == at]
    earlier = [q for q in unanswered if STAGES.index(q.stage) < at]
    return now + earlier


def is_backed(cell: Any) -> bool:
    """Whether a performance value has evidence other than a template estimate."""
    return (
        isinstance(cell, Evidenced) and bool(cell.evidence) and cell.evidence != TEMPLATE_EVIDENCE
    )


def is_template_estimate(cell: Any) -> bool:
    """Whether a performance value is a template's typical value, not yet the client's."""
    return isinstance(cell, Evidenced) and cell.evidence == TEMPLATE_EVIDENCE


def evidence_gaps(decision: Decision) -> dict[str, list[str]]:
    """Option id -> factor ids whose value has no evidence (or only a template estimate)."""
    out: dict[str, list[str]] = {}
    for o in decision.shortlist:
        row = decision.performance.get(o.id, {})
        missing = [f.id for f in decision.factors if not is_backed(row.get(f.id))]
        if missing:
            out[o.id] = missing
    return out


def goal_is_measurable(decision: Decision) -> bool:
    """A goal with a number in its statement and a horizon."""
    goal = decision.goal
    return goal is not None and bool(re.search(r"\d", goal.statement)) and bool(goal.horizon)


def gaps(decision: Decision, analysis: dict[str, Any] | None = None) -> list[Item]:
    """The gaps in what is known about the decision, most basic first."""
    out: list[Item] = []
    if decision.goal is None:
        out.append(Item("gap", "goal", "There is no goal yet: what must be true, by when?"))
    elif not goal_is_measurable(decision):
        out.append(
            Item(
                "gap",
                "goal",
                "The goal has no number or no horizon; ask how the client will know it "
                "is reached, and by when.",
            )
        )
    for n in decision.needs:
        if not n.challenges:
            out.append(
                Item(
                    "gap",
                    f"needs.{n.id}",
                    f"Need {n.id!r} traces back to no challenge: which obstacle does it overcome?",
                )
            )
    for f in decision.factors:
        if not f.why:
            out.append(
                Item(
                    "gap",
                    f"factors.{f.id}",
                    f"Factor {f.name or f.id!r} has no why: why does it matter to this client?",
                    factors=[f.id],
                )
            )
    if not decision.stakeholders:
        out.append(
            Item(
                "gap",
                "stakeholders",
                "No stakeholder has weighed in: who else must agree, and what matters most "
                "to each of them?",
            )
        )
    for p in decision.stakeholders:
        if p.weights is None:
            who = p.name or p.id
            role = f" ({p.role})" if p.role else ""
            out.append(
                Item(
                    "gap",
                    f"stakeholders.{p.id}",
                    f"{who}{role} has not weighed the factors yet.",
                )
            )
    names = {f.id: f.name or f.id for f in decision.factors}
    for option_id, missing in evidence_gaps(decision).items():
        option = decision.option(option_id)
        row = decision.performance[option_id]
        estimates = sum(1 for f in missing if is_template_estimate(row[f]))
        if estimates == len(missing):
            what = "are template estimates"
        elif estimates == 0:
            what = "have no evidence"
        else:
            what = f"have no evidence ({estimates} are template estimates)"
        out.append(
            Item(
                "gap",
                f"performance.{option_id}",
                f"{option.name or option_id}: {len(missing)} of {len(decision.factors)} "
                f"values {what}.",
                factors=missing,
                detail=", ".join(names[f] for f in missing),
            )
        )
    for u in (analysis or {}).get("unknowns", []):
        rival = decision.option(u["rival"])
        out.append(
            Item(
                "gap",
                f"unknowns.{u['factor']}",
                f"The estimate of {names.get(u['factor'], u['factor'])} could change the "
                f"choice: at the unfavourable end of the ranges {rival.name or rival.id} "
                "would win. Narrow it with evidence.",
                factors=[u["factor"]],
            )
        )
    for r in decision.risks:
        out.append(Item("gap", "risks", f"Risk to address: {r.statement}", detail=r.because))
    return out


def what_to_ask(
    decision: Decision, template: Template | None, analysis: dict[str, Any] | None
) -> list[Item]:
    """The template's open questions for the client's stage, then the gaps."""
    items: list[Item] = []
    if template is not None:
        for q in open_questions(decision, template):
            items.append(
                Item(
                    "question",
                    q.id,
                    q.text.strip(),
                    stage=q.stage,
                    factors=list(q.factors),
                    detail=_how_to_answer(q),
                )
            )
    return items + gaps(decision, analysis) + insights_for(decision, template)


def insights_for(decision: Decision, template: Template | None) -> list[Item]:
    """The template's insights on the decision's factors, each with its source."""
    if template is None:
        return []
    ids = {f.id for f in decision.factors}
    return [
        Item("insight", i.id, i.text.strip(), factors=list(i.factors), detail=i.source)
        for i in template.insights
        if not i.factors or ids & set(i.factors)
    ]


def _how_to_answer(q: Question) -> str:
    if q.answer == "yes-no":
        return "answer yes or no"
    if q.answer == "number":
        return f"answer a number{f' in {q.unit}' if q.unit else ''}"
    if q.answer == "choice":
        return "answer one of: " + " | ".join(q.choices)
    return "answer in your own words"
