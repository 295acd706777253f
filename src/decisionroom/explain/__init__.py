"""Turn analysis numbers into the reasons a person reads.

Deterministic: the same analysis gives the same text. Every sentence is a
:class:`~decisionroom.explain.claims.Claim` carrying the numbers it states.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from decisionroom.explain import claims as c
from decisionroom.explain.evidence import evidence_claims
from decisionroom.explain.facts import Facts
from decisionroom.explain.firm_up import firm_up_claims
from decisionroom.explain.margin_units import margin_in_units
from decisionroom.explain.next_steps import next_steps
from decisionroom.explain.option_set import option_set_claims

__all__ = ["explain"]


def explain(decision: Any, analysis: Mapping[str, Any]) -> dict[str, Any]:
    """Build ``{"summary", "claims", "next_steps"}`` for a decision and its analysis dict."""
    facts = Facts(decision, analysis)
    found: list[c.Claim] = [c.recommendation(facts)]
    found += c.excluded(facts)
    found += c.why(facts)
    found += margin_in_units(facts)
    found += c.factor_needs(facts)
    found += c.safety(facts)
    found += option_set_claims(facts)
    found += c.stakeholders(facts)
    found += firm_up_claims(facts)
    found += c.unknowns(facts)
    found += evidence_claims(facts)
    summary_kinds = ("recommendation", "why", "safety")
    summary = " ".join(
        next(claim.text for claim in found if claim.kind == kind)
        for kind in summary_kinds
        if any(claim.kind == kind for claim in found)
    )
    return {
        "summary": summary,
        "claims": [claim.to_dict() for claim in found],
        "next_steps": next_steps(facts, found),
    }


def as_text(explanation: Mapping[str, Any], title: str = "") -> str:
    """Readable plain text: the claims grouped under headings, then the next steps."""
    headings = {
        "recommendation": "Recommendation",
        "must_have": "Set aside",
        "why": "Why",
        "tradeoff": "Why",
        "margin_units": "Why",
        "factor_need": "Why these factors matter",
        "safety": "How safe the choice is",
        "stakeholders": "Where the stakeholders stand",
        "unknowns": "What is still unknown",
        "evidence": "What the decisive numbers rest on",
    }
    lines: list[str] = [title, "=" * len(title), ""] if title else []
    current = None
    for claim in explanation["claims"]:
        heading = headings.get(claim["kind"], claim["kind"])
        if heading != current:
            if current is not None:
                lines.append("")
            lines += [heading, "-" * len(heading)]
            current = heading
        lines.append(claim["text"])
    if explanation.get("next_steps"):
        lines += ["", "Next steps", "----------"]
        lines += [f"{i}. {step}" for i, step in enumerate(explanation["next_steps"], 1)]
    return "\n".join(lines) + "\n"
