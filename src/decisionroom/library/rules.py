"""Apply an answer's rules to a decision: the consequences, each with its reason.

The rules are data (docs/library.md, "Questions and rules"). This module
works on the decision file's plain data, so what it changes is exactly what
is written back; the caller validates the result. What each effect does:

- ``raise_weight`` / ``lower_weight``: with joint weights in points, the
  factor's share moves to the middle of the new range when it lies below
  (raise) or above (lower) it; a share already on the right side stays. With
  weights from stakeholders nothing is changed; the new range is reported so
  it can be put to them.
- ``must_have``: sets the factor's ``must_have`` limit (fixed, or the numeric
  answer itself with ``limit``); options beyond it are set aside.
- ``add_factor``: adds one of the template's optional factors, with the
  template's typical performance and a weight at the middle of its range.
- ``add_option``: adds one of the template's optional options to consider.
- ``flag_risk``: adds a risk to the file's ``risks``, shown by ``questions``
  and ``status``; the ranking does not change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from decisionroom.errors import InvalidParameter
from decisionroom.library.starter import factor_data, middle, option_data, template_cell
from decisionroom.library.template import (
    AddFactor,
    AddOption,
    FlagRisk,
    MustHaveEffect,
    Question,
    Template,
    WeightEffect,
)
from decisionroom.model.decision import WEIGHT_FORMS, AnswerValue

__all__ = ["Consequence", "apply_answer", "parse_answer"]

_YES = {"yes", "y", "true"}
_NO = {"no", "n", "false"}


@dataclass(frozen=True)
class Consequence:
    """One change an answer made (or would have made), in words, with the rule's reason."""

    effect: str
    text: str
    because: str
    changed: bool = True

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {
            "effect": self.effect,
            "text": self.text,
            "because": self.because,
            "changed": self.changed,
        }


def parse_answer(question: Question, raw: str, loc: str = "VALUE") -> AnswerValue:
    """The typed answer to a question from the text the user gave."""
    text = raw.strip()
    if question.answer == "yes-no":
        if text.casefold() in _YES:
            return True
        if text.casefold() in _NO:
            return False
        raise InvalidParameter.at(loc, "Answer yes or no.", code="yes_no", input=raw)
    if question.answer == "number":
        try:
            number = float(text)
        except ValueError:
            unit = f" (in {question.unit})" if question.unit else ""
            raise InvalidParameter.at(
                loc, f"The answer must be a number{unit}.", code="number", input=raw
            ) from None
        return int(number) if number.is_integer() else number
    if question.answer == "choice":
        for choice in question.choices:
            if choice.casefold() == text.casefold():
                return choice
        allowed = "; ".join(question.choices)
        raise InvalidParameter.at(loc, f"Answer one of: {allowed}.", code="choice", input=raw)
    if not text:
        raise InvalidParameter.at(loc, "The answer is empty.", code="empty", input=raw)
    return text


def apply_answer(
    data: dict[str, Any], template: Template, question: Question, value: AnswerValue
) -> list[Consequence]:
    """Record ``value`` in ``data`` (changed in place) and apply the rules it meets."""
    out: list[Consequence] = []
    for rule in question.rules:
        if not rule.when.holds(value):
            continue
        for effect in rule.then:
            out.append(_apply(data, template, question, value, effect, rule.because))
    answers = dict(data.get("answers") or {})
    answers[question.id] = value
    data["answers"] = answers
    return out


def _apply(
    data: dict[str, Any],
    template: Template,
    question: Question,
    value: AnswerValue,
    effect: Any,
    because: str,
) -> Consequence:
    if isinstance(effect, WeightEffect):
        return _weight(data, template, effect, because)
    if isinstance(effect, MustHaveEffect):
        return _must_have(data, template, effect, value, because)
    if isinstance(effect, AddFactor):
        return _add_factor(data, template, effect, because)
    if isinstance(effect, AddOption):
        return _add_option(data, template, effect, because)
    assert isinstance(effect, FlagRisk)
    risks = list(data.get("risks") or [])
    if any(r.get("statement") == effect.risk for r in risks):
        return Consequence("flag_risk", f"Risk already flagged: {effect.risk}", because, False)
    risks.append({"statement": effect.risk, "because": because, "question": question.id})
    data["risks"] = risks
    return Consequence("flag_risk", f"Risk flagged: {effect.risk}", because)


def _name(data: dict[str, Any], template: Template, factor_id: str) -> str:
    for f in data["factors"]:
        if f["id"] == factor_id:
            return str(f.get("name") or factor_id)
    return next((f.name for f in template.factors if f.id == factor_id), factor_id)


def _points(data: dict[str, Any]) -> dict[str, Any] | None:
    """The joint weights when they are points (the form a rule can move), else None."""
    weights = data.get("weights")
    if not isinstance(weights, dict) or any(k in WEIGHT_FORMS for k in weights):
        return None
    return weights


def _share_to(points: dict[str, Any], factor_id: str, target: float) -> float:
    """The points that give ``factor_id`` a share of ``target`` percent, the others unchanged."""
    rest = sum(float(v) for k, v in points.items() if k != factor_id)
    return round(target * rest / (100.0 - target), 2)


def _weight(
    data: dict[str, Any], template: Template, effect: WeightEffect, because: str
) -> Consequence:
    name = _name(data, template, effect.factor)
    low, high = float(effect.range[0]), float(effect.range[1])
    span = f"{low:g}-{high:g}%"
    verb = "raised" if effect.effect == "raise_weight" else "lowered"
    if not any(f["id"] == effect.factor for f in data["factors"]):
        return Consequence(
            effect.effect,
            f"{name} is not a factor of this decision; nothing to weigh.",
            because,
            False,
        )
    points = _points(data)
    if points is None or effect.factor not in points:
        return Consequence(
            effect.effect,
            f"Suggested weight of {name} {verb} to {span}; the weights come from the "
            "stakeholders, so put the new range to them.",
            because,
            False,
        )
    total = sum(float(v) for v in points.values())
    share = 100.0 * float(points[effect.factor]) / total
    inside = share >= low if effect.effect == "raise_weight" else share <= high
    if inside:
        return Consequence(
            effect.effect,
            f"Weight of {name} stays at {share:.1f}%, already within the suggested {span}.",
            because,
            False,
        )
    target = float(middle((low, high)))
    new = _share_to(points, effect.factor, target)
    updated = dict(points)
    updated[effect.factor] = int(new) if float(new).is_integer() else new
    data["weights"] = updated
    return Consequence(
        effect.effect,
        f"Weight of {name} {verb} from {share:.1f}% to {target:.1f}% (suggested {span}).",
        because,
    )


def _must_have(
    data: dict[str, Any],
    template: Template,
    effect: MustHaveEffect,
    value: AnswerValue,
    because: str,
) -> Consequence:
    name = _name(data, template, effect.factor)
    factor = next((f for f in data["factors"] if f["id"] == effect.factor), None)
    if factor is None:
        return Consequence(
            "must_have", f"{name} is not a factor of this decision; no limit set.", because, False
        )
    limit = dict(factor.get("must_have") or {})
    if effect.min is not None:
        limit["min"] = effect.min
    if effect.max is not None:
        limit["max"] = effect.max
    if effect.limit is not None and isinstance(value, int | float) and not isinstance(value, bool):
        limit[effect.limit] = value
    factor["must_have"] = limit
    unit = f" {factor['unit']}" if factor.get("unit") else ""
    words = " and ".join(
        f"{'at least' if k == 'min' else 'at most'} {v:g}{unit}" for k, v in sorted(limit.items())
    )
    return Consequence("must_have", f"{name} is now a must-have: {words}.", because)


def _add_factor(
    data: dict[str, Any], template: Template, effect: AddFactor, because: str
) -> Consequence:
    f = template.factor(effect.factor)
    if any(x["id"] == f.id for x in data["factors"]):
        return Consequence("add_factor", f"{f.name} is already a factor.", because, False)
    data["factors"] = [*data["factors"], factor_data(f)]
    by_id = {o.id: o for o in template.options}
    for option_id, row in data["performance"].items():
        known = by_id.get(option_id)
        typical = known.performance.get(f.id) if known is not None else None
        row[f.id] = template_cell(typical if typical is not None else f.estimate)
    points = _points(data)
    weight_text = ""
    if points is not None:
        target = float(middle(f.weight))
        updated = dict(points)
        updated[f.id] = _share_to(points, f.id, target)
        data["weights"] = updated
        weight_text = f", weighted {target:.1f}%"
    return Consequence(
        "add_factor",
        f"Factor added: {f.name}{weight_text}, with template estimates to replace.",
        because,
    )


def _add_option(
    data: dict[str, Any], template: Template, effect: AddOption, because: str
) -> Consequence:
    if any(o["id"] == effect.option for o in data["options"]):
        return Consequence(
            "add_option", f"Option {effect.option!r} is already there.", because, False
        )
    known = {f.id for f in template.factors}
    factor_ids = [f["id"] for f in data["factors"]]
    option, row = option_data(template, effect.option, [f for f in factor_ids if f in known])
    for fid in factor_ids:
        if fid not in row:  # a factor the client added: no typical value is known
            row[fid] = _median_cell(data, fid)
    data["options"] = [*data["options"], option]
    data["performance"] = {**data["performance"], effect.option: row}
    return Consequence(
        "add_option", f"Option to consider: {option['name']} ({option['kind']}).", because
    )


def _median_cell(data: dict[str, Any], factor_id: str) -> dict[str, Any]:
    values = sorted(raw_likely(row[factor_id]) for row in data["performance"].values())
    return template_cell(values[len(values) // 2])


def raw_likely(cell: Any) -> float:
    """The likely value of a performance cell as written in the file's plain data."""
    if isinstance(cell, dict):
        cell = cell.get("value")
    if isinstance(cell, list | tuple):
        return float(cell[1])
    return float(cell)
