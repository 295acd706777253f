"""Next steps that fit where the client is in its decision (its stage)."""

from __future__ import annotations

from decisionroom.explain.claims import Claim
from decisionroom.explain.facts import Facts
from decisionroom.explain.firm_up import firm_up_step, worth_knowing
from decisionroom.explain.option_words import refer


def _is_decision_maker(facts: Facts, stakeholder_id: str) -> bool:
    """Whether a stakeholder is the decision maker the brief is written for."""
    maker = getattr(facts.decision, "decision_maker", None)
    name = getattr(maker, "name", None)
    if not name:
        return False
    for s in facts.decision.stakeholders or []:
        if s.id == stakeholder_id:
            return bool(getattr(s, "name", None) == name)
    return False


def next_steps(facts: Facts, claims: list[Claim]) -> list[str]:
    """Concrete next steps, most useful first, drawn from the analysis."""
    stage = getattr(facts.decision, "stage", None) or "options"
    winner = refer(facts.option_name(facts.winner))
    steps: list[str] = []
    unknown = [c for c in claims if c.kind == "unknowns" and c.numbers.get("factor")]
    firm_up = firm_up_step(facts)
    if firm_up is not None:
        steps.append(firm_up)
    elif unknown and "firm_up" not in facts.analysis:  # valued: only what is worth knowing
        first = unknown[0].numbers
        steps.append(
            f"Firm up {facts.factor_name(first['factor'])} for {winner} and "
            f"{facts.option_name(first['rival'])} (references, a pilot or a written commitment): "
            "it is the estimate that could change the choice."
        )
    outlier = next(
        (c for c in claims if c.kind == "stakeholders" and "stakeholder" in c.numbers), None
    )
    if outlier is not None:
        who = outlier.numbers["stakeholder"]
        factor = facts.factor_name(outlier.numbers["factor"])
        if _is_decision_maker(facts, who):  # the brief's reader: never "talk with yourself"
            steps.append(
                f"Revisit your own weight on {factor} before the decision meeting: it differs "
                "most from the group's."
            )
        else:
            steps.append(
                f"Talk with {facts.stakeholder_label(who)} about {factor} before the decision "
                "meeting; their view differs most from the group's."
            )
    flip = next(
        (c for c in claims if c.kind == "safety" and c.numbers.get("critical_factor")), None
    )
    settled = {i["factor"] for i in worth_knowing(facts.analysis) if i["kind"] == "weight"}
    if flip is not None and flip.numbers["critical_factor"] not in settled:
        steps.append(
            f"Agree with the stakeholders how much "
            f"{facts.factor_name(flip.numbers['critical_factor'])} should count: "
            "it is the weight closest to changing the recommendation."
        )
    verdict = next((c.numbers.get("verdict") for c in claims if c.kind == "recommendation"), None)
    if verdict == "close":  # a close call has no winner to set a date for yet
        settle = "Settle the close call first (above); then"
        by_close = {
            "shortlist": f"{settle} share this brief and agree a decision date.",
            "decision": f"{settle} decide, and plan the first 90 days with the option chosen.",
        }
        if stage in by_close:
            steps.append(by_close[stage])
            return steps
    by_stage = {
        "goal": "Agree the goal in measurable terms and its horizon, then list what is in its way.",
        "challenges": "Turn each challenge into the needs it creates; confirm them with the team.",
        "needs": "List every way to meet the needs, including build, hire and doing nothing.",
        "options": "Shortlist the options worth a closer look and collect their performance.",
        "shortlist": f"Share this brief with the stakeholders; agree a decision date for {winner}.",
        "decision": f"Decide, then plan the first 90 days with {winner} and how to measure them.",
        "results": "Compare the results with the estimates used here, and record what was learnt.",
    }
    steps.append(by_stage.get(stage, by_stage["options"]))
    return steps
