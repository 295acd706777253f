"""What to firm up first, in words: the uncertain numbers ranked by what knowing them is worth.

The numbers come from :mod:`decisionroom.analysis.firm_up` (the ``firm_up``
key of the analysis JSON); the rule for when a number is worth firming up
before choosing is in docs/advice.md.
"""

from __future__ import annotations

from typing import Any

from decisionroom.explain.claims import Claim
from decisionroom.explain.facts import Facts
from decisionroom.explain.option_words import refer
from decisionroom.explain.words import join, pct, quantity

__all__ = [
    "WORTH",
    "firm_up_claims",
    "firm_up_step",
    "item_words",
    "points",
    "settle_words",
    "worth_knowing",
]

#: A number is worth firming up before choosing when knowing it raises the chance of
#: choosing the option that comes out best by at least this much (5 percentage points).
WORTH = 0.05


def item_words(facts: Facts, item: dict[str, Any]) -> str:
    """One uncertain number as a person names it."""
    factor = facts.factor_name(item["factor"])
    if item["kind"] == "weight":
        return f"how much {factor} should count, on which the stakeholders differ"
    unit = getattr(facts.factor(item["factor"]), "unit", None)
    option = refer(facts.option_name(item["option"]))
    return (
        f"{factor} for {option} (between {quantity(item['low'], unit)} and "
        f"{quantity(item['high'], unit)} today)"
    )


def settle_words(facts: Facts, item: dict[str, Any]) -> str:
    """What to do to learn the number: agree a weight, or firm up an estimate."""
    if item["kind"] == "weight":
        return (
            f"agree with the stakeholders how much {facts.factor_name(item['factor'])} should count"
        )
    return f"firm up {item_words(facts, item)}"


def points(gain: float) -> str:
    """A gain in chance as percentage points: 0.043 -> '4 percentage points'."""
    value = round(100 * gain)
    return "1 percentage point" if value == 1 else f"{value} percentage points"


def worth_knowing(analysis: Any) -> list[dict[str, Any]]:
    """The uncertain numbers worth firming up before choosing, most valuable first."""
    found = analysis.get("firm_up") or {}
    return [item for item in found.get("items") or [] if item["gain"] >= WORTH]


def _cases(share: float) -> str:
    """How often knowing a number would change the choice, in plain words."""
    if share >= 0.45:
        return "in about half of its possible values"
    if share >= 0.3:
        return "in about a third of its possible values"
    if share >= 0.2:
        return "in about a quarter of its possible values"
    if share > 0:
        return f"in about {pct(share)} of its possible values"
    return "rarely"


def firm_up_claims(facts: Facts) -> list[Claim]:
    """The ranked list of what to firm up first, or why nothing is worth it."""
    found = facts.analysis.get("firm_up")
    if not found:
        return []
    items = list(found.get("items") or [])
    today = float(found["chance_today"])
    worth = worth_knowing(facts.analysis)
    numbers: dict[str, Any] = {"chance_today": today, "items": items}
    if not worth:
        if items:
            top = items[0]
            text = (
                "Nothing still uncertain is worth much before choosing: the most useful number "
                f"to firm up, {item_words(facts, top)}, would raise the chance of choosing the "
                f"option that proves best by only {points(top['gain'])}."
            )
        else:
            text = (
                "Nothing still uncertain is worth firming up before choosing: knowing any one "
                "estimate or weight exactly would raise the chance of choosing the option that "
                "proves best by less than one point."
            )
        return [Claim("unknowns", text, numbers)]
    parts = [
        f"{item_words(facts, item)}: +{points(item['gain'])}, and it would change the "
        f"choice {_cases(item['changes_choice'])}"
        for item in worth[:3]
    ]
    text = (
        "What to firm up first, ranked by how much knowing it would raise the chance of "
        "choosing the option that proves best: "
        + "; ".join(f"({i}) {part}" for i, part in enumerate(parts, 1))
        + "."
    )
    return [Claim("unknowns", text, {**numbers, "firm_up_first": worth[0]})]


def firm_up_step(facts: Facts) -> str | None:
    """The next step that firms up the most valuable number, if one is worth it."""
    worth = worth_knowing(facts.analysis)
    if not worth:
        return None
    top = worth[0]
    rest = [item_words(facts, item) for item in worth[1:3]]
    then = f" Then {join(rest)}." if rest else ""
    if top["kind"] == "weight":
        return (
            f"Agree with the stakeholders how much {facts.factor_name(top['factor'])} should "
            "count: they differ on it, and of everything still uncertain, settling it would "
            f"improve the choice most.{then}"
        )
    from decisionroom.explain.evidence import evidence_of

    cell = facts.decision.performance.get(top["option"], {}).get(top["factor"])
    source = evidence_of(cell)
    how = (
        f"it rests on {source.rstrip('.')}; narrow it with a longer trial, references or a "
        "written commitment"
        if source
        else "check it with references, a pilot or a written commitment"
    )
    return (
        f"Firm up {item_words(facts, top)} first: {how}. Of everything still uncertain, "
        f"knowing it would improve the choice most.{then}"
    )
