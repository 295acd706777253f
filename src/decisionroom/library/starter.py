"""Start a decision from a template, and turn a decision back into a template.

A new decision holds the template's factors (not the optional ones), its
typical options with their typical performance marked as template estimates,
and joint weights at the middle of each factor's typical range. Everything
client-specific (goal, challenges, needs, stakeholders) is left for discovery.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from decisionroom.library.template import TEMPLATE_EVIDENCE, Template, TemplateFactor
from decisionroom.model.decision import Decision, DecisionMaker, Stakeholder

if TYPE_CHECKING:
    from decisionroom.library.catalog import Catalog

__all__ = ["factor_data", "middle", "new_decision", "template_cell", "to_template"]


def middle(weight: tuple[float, float]) -> int | float:
    """The middle of a weight range, as an int when it is whole."""
    mid = (float(weight[0]) + float(weight[1])) / 2
    return int(mid) if mid.is_integer() else round(mid, 1)


def template_cell(value: Any) -> dict[str, Any]:
    """A performance value the template suggests, marked so it is confirmed later."""
    return {
        "value": list(value) if isinstance(value, tuple | list) else value,
        "evidence": TEMPLATE_EVIDENCE,
    }


def factor_data(f: TemplateFactor) -> dict[str, Any]:
    """A template factor as a decision-file factor."""
    out: dict[str, Any] = {
        "id": f.id,
        "name": f.name,
        "why": f.why,
        "direction": f.direction,
        "unit": f.unit,
    }
    if f.value is not None:
        out["value"] = f.value.model_dump(mode="json")
    return out


def option_data(
    template: Template, option_id: str, factor_ids: list[str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A template option and its performance row over ``factor_ids``."""
    o = next(x for x in template.options if x.id == option_id)
    row = {
        fid: template_cell(o.performance.get(fid, template.factor(fid).estimate))
        for fid in factor_ids
    }
    return {"id": o.id, "name": o.name, "kind": o.kind, "description": o.description}, row


def new_decision(template: Template, title: str | None = None) -> dict[str, Any]:
    """The data of a new decision file started from ``template`` (validates as is)."""
    factors = [f for f in template.factors if not f.optional]
    factor_ids = [f.id for f in factors]
    options, performance = [], {}
    for o in template.options:
        if o.optional:
            continue
        data, row = option_data(template, o.id, factor_ids)
        options.append(data)
        performance[o.id] = row
    return {
        "decisionroom": 1,
        "title": title or template.title,
        "stage": "goal",
        "template": template.id,
        "factors": [factor_data(f) for f in factors],
        "options": options,
        "performance": performance,
        "weights": {f.id: middle(f.weight) for f in factors},
        "method": {"name": "weighted-sum"},
    }


def decision_as_template(
    decision: Decision,
    catalog: Catalog,
    template_id: str,
    title: str | None = None,
    description: str | None = None,
) -> dict[str, Any]:
    """:func:`to_template` with the template the decision started from, found in ``catalog``.

    The title defaults to the decision's; the description to the base
    template's, else the decision's title.
    """
    base = None
    if decision.template is not None:
        base = next((t for t in catalog.templates if t.id == decision.template), None)
    return to_template(
        decision,
        template_id,
        title or decision.title,
        description or (base.description if base else decision.title),
        base,
    )


def to_template(
    decision: Decision,
    template_id: str,
    title: str,
    description: str,
    base: Template | None = None,
) -> dict[str, Any]:
    """A decision as template data, with the client's details left out.

    Kept: factors (with their why), options (names, kinds, descriptions) and
    their performance as typical values, weight ranges from the decision's
    weights. Left out: client, decision maker, goal, challenges, needs,
    stakeholders, answers, risks and outcome. Questions and insights come
    from ``base``, the template the decision started from, when there is one.
    """
    from decisionroom.model import to_problem
    from decisionroom.model.decision import likely, spread

    scrub = _scrubber(decision)
    bridged = to_problem(decision)
    weights = dict(zip(bridged.problem.factors, bridged.problem.weights, strict=True))
    people = list(bridged.stakeholder_weights.values())
    factors = []
    for j, f in enumerate(decision.factors):
        w = 100 * float(weights.get(f.id, 0.0))
        stated = [100 * float(p[j]) for p in people if p[j] == p[j]]  # NaN != NaN: skipped
        low, high = (min(stated), max(stated)) if len(stated) >= 2 else (w * 0.75, w * 1.25)
        column = [likely(decision.performance[o.id][f.id]) for o in decision.shortlist]
        mid = sorted(column)[len(column) // 2]
        data = factor_data_from_decision(f)
        data["why"] = scrub(data["why"])
        lo_pts = min(100, max(1, round(low)))
        data["weight"] = [lo_pts, min(100, max(lo_pts, round(high)))]
        data["estimate"] = mid
        factors.append(data)
    options = []
    for o in decision.options:
        perf = {}
        for f in decision.factors:
            lo, mid, hi = spread(decision.performance[o.id][f.id])
            perf[f.id] = mid if lo == hi else [lo, mid, hi]
        options.append(
            {
                "id": o.id,
                "name": o.name or o.id,
                "kind": o.kind or "external",
                "description": scrub(o.description or (o.name or o.id)),
                "performance": perf,
            }
        )
    out: dict[str, Any] = {
        "id": template_id,
        "title": title,
        "description": description,
        "concepts": [],
        "factors": factors,
        "options": options,
    }
    if base is not None:
        out["concepts"] = list(base.concepts)
        ids = {f.id for f in decision.factors} | {o.id for o in decision.options}
        out["questions"] = [
            q.model_dump(mode="json", by_alias=True, exclude_none=True)
            for q in base.questions
            if set(q.factors) <= ids and _rule_refs(q) <= ids
        ]
        out["insights"] = [
            i.model_dump(mode="json") for i in base.insights if set(i.factors) <= ids
        ]
    return out


def _scrubber(decision: Decision) -> Any:
    """A function that replaces the client's and the people's names in a text."""
    import re

    names: list[tuple[str, str]] = []
    if decision.client:
        names.append((decision.client, "the company"))
    people: list[DecisionMaker | Stakeholder] = list(decision.stakeholders)
    if decision.decision_maker is not None:
        people.append(decision.decision_maker)
    for person in people:
        if person.name:
            names.append((person.name, person.role or "a stakeholder"))
    patterns = [(re.compile(re.escape(n), re.IGNORECASE), r) for n, r in names if n.strip()]
    # the client's first word alone too ("Lumen" of "Lumen Media")
    if decision.client and " " in decision.client.strip():
        first = decision.client.split()[0]
        patterns.append((re.compile(rf"\b{re.escape(first)}\b", re.IGNORECASE), "the company"))

    def scrub(text: str) -> str:
        for pattern, replacement in patterns:
            text = pattern.sub(replacement, text)
        return text

    return scrub


def factor_data_from_decision(f: Any) -> dict[str, Any]:
    """A decision's factor as template factor data (without weight and estimate)."""
    out: dict[str, Any] = {
        "id": f.id,
        "name": f.name or f.id,
        "why": f.why or "",
        "direction": f.direction,
        "unit": f.unit or "score",
    }
    if f.value is not None:
        out["value"] = f.value.model_dump(mode="json")
    return out


def _rule_refs(question: Any) -> set[str]:
    """The factor and option ids a question's rules name."""
    refs = set()
    for rule in question.rules:
        for effect in rule.then:
            for name in ("factor", "option"):
                ref = getattr(effect, name, None)
                if ref is not None:
                    refs.add(ref)
    return refs
