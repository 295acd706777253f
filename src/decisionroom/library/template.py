"""A template (decision type) as pydantic models: factors, option kinds, questions, insights.

Templates are data, never code: YAML files shipped in ``library/templates/``
or put in a user folder (docs/library.md). A question's ``rules`` map its
answer to consequences on the decision, each with the reason shown to the
user. The JSON Schema of a template is printed by ``decisionroom library schema``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from decisionroom.model.decision import (
    KINDS,
    STAGES,
    AnswerValue,
    Estimate,
    Id,
    Number,
    ValueBounds,
)

__all__ = [
    "AddFactor",
    "AddOption",
    "Condition",
    "Effect",
    "FlagRisk",
    "Insight",
    "MustHaveEffect",
    "Question",
    "Rule",
    "Template",
    "TemplateFactor",
    "TemplateOption",
    "WeightEffect",
]

Stage = Literal["goal", "challenges", "needs", "options", "shortlist", "decision", "results"]
Kind = Literal["build", "hire", "external", "partner", "status-quo"]
assert len(STAGES) == 7 and len(KINDS) == 5  # the Literals above repeat the model's lists

#: The evidence text of a performance value a template suggests; ``questions``
#: and ``status`` treat such values as estimates still to be confirmed.
TEMPLATE_EVIDENCE = "Template estimate; replace with the client's own figure."


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TemplateFactor(_Model):
    """A factor this kind of decision usually weighs, with its typical weight range."""

    id: Id
    name: str
    why: str = Field(description="Why the factor usually matters in this kind of decision.")
    direction: Literal["max", "min"]
    unit: str
    value: ValueBounds | None = None
    weight: tuple[Number, Number] = Field(
        description="Typical weight range in points out of 100, [low, high]."
    )
    estimate: Estimate = Field(
        description="Neutral estimate given to every option until the client's figures are in."
    )
    optional: bool = Field(
        False,
        description="true: not in a new decision; a rule adds it when an answer calls for it.",
    )

    @model_validator(mode="after")
    def _ordered(self) -> TemplateFactor:
        low, high = self.weight
        if not 0 < low <= high <= 100:
            raise PydanticCustomError(
                "weight_range", "weight must be [low, high] with 0 < low <= high <= 100"
            )
        return self


class TemplateOption(_Model):
    """A typical option of this kind of decision, with typical performance."""

    id: Id
    name: str
    kind: Kind
    description: str
    performance: dict[Id, Estimate] = Field(
        default_factory=dict, description="Factor id -> typical value; others get the estimate."
    )
    optional: bool = Field(False, description="true: added only when an answer calls for it.")


class Condition(_Model):
    """When a rule applies: exactly one of equals, in, below, at_least."""

    equals: AnswerValue | None = None
    in_: list[AnswerValue] | None = Field(None, alias="in")
    below: Number | None = None
    at_least: Number | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _exactly_one(self) -> Condition:
        given = [v for v in (self.equals, self.in_, self.below, self.at_least) if v is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                "condition", "must give exactly one of equals, in, below, at_least"
            )
        return self

    def holds(self, answer: Any) -> bool:
        """Whether an answer meets the condition."""
        if self.equals is not None:
            return bool(_same(answer, self.equals))
        if self.in_ is not None:
            return any(_same(answer, x) for x in self.in_)
        if isinstance(answer, bool) or not isinstance(answer, int | float):
            return False
        if self.below is not None:
            return answer < self.below
        return self.at_least is not None and answer >= self.at_least


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.strip().casefold() == b.strip().casefold()
    return type(a) is type(b) and a == b or (_num(a) and _num(b) and a == b)


def _num(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


class WeightEffect(_Model):
    """Raise or lower a factor's suggested weight range."""

    effect: Literal["raise_weight", "lower_weight"]
    factor: Id
    range: tuple[Number, Number] = Field(description="The new suggested range, [low, high].")


class MustHaveEffect(_Model):
    """Make a factor a must-have: options beyond the limit are set aside."""

    effect: Literal["must_have"]
    factor: Id
    min: Number | None = None
    max: Number | None = None
    limit: Literal["min", "max"] | None = Field(
        None, description="Take the limit from the (numeric) answer: as the min or the max."
    )


class AddFactor(_Model):
    """Add one of the template's optional factors."""

    effect: Literal["add_factor"]
    factor: Id


class AddOption(_Model):
    """Add one of the template's optional options to consider."""

    effect: Literal["add_option"]
    option: Id


class FlagRisk(_Model):
    """Flag a risk to address, shown by ``questions`` and ``status``."""

    effect: Literal["flag_risk"]
    risk: str


Effect = Annotated[
    WeightEffect | MustHaveEffect | AddFactor | AddOption | FlagRisk,
    Field(discriminator="effect"),
]


class Rule(_Model):
    """When the answer meets ``when``, apply ``then``; ``because`` is shown to the user."""

    when: Condition
    then: list[Effect] = Field(min_length=1)
    because: str = Field(description="The reason, e.g. 'the funding round is in 12 months'.")


class Question(_Model):
    """A discovery question for a stage, tied to factors, asked as an advisor asks it."""

    id: Id
    stage: Stage
    text: str
    factors: list[Id] = Field(default_factory=list)
    answer: Literal["yes-no", "number", "choice", "text"] = "text"
    choices: list[str] = Field(default_factory=list)
    unit: str | None = None
    rules: list[Rule] = Field(default_factory=list)


class Insight(_Model):
    """A short piece of experience with its source, tied to factors."""

    id: Id
    text: str
    source: str
    factors: list[Id] = Field(default_factory=list)


class Template(_Model):
    """A decision type: its usual factors, option kinds, questions and insights."""

    id: Id
    title: str
    description: str
    concepts: list[str] = Field(
        default_factory=list,
        description="Words and phrases clients use for this decision (search matches them).",
    )
    factors: list[TemplateFactor] = Field(min_length=1)
    options: list[TemplateOption] = Field(min_length=2)
    questions: list[Question] = Field(default_factory=list)
    insights: list[Insight] = Field(default_factory=list)

    def factor(self, factor_id: str) -> TemplateFactor:
        """The template factor with this id."""
        return next(f for f in self.factors if f.id == factor_id)

    def question(self, question_id: str) -> Question:
        """The question with this id."""
        return next(q for q in self.questions if q.id == question_id)

    @model_validator(mode="after")
    def _references(self) -> Template:
        factor_ids = {f.id for f in self.factors}
        option_ids = {o.id for o in self.options}
        problems = []
        for name, ids in (
            ("factors", [f.id for f in self.factors]),
            ("options", [o.id for o in self.options]),
            ("questions", [q.id for q in self.questions]),
        ):
            if len(set(ids)) != len(ids):
                problems.append(f"{name} ids must be unique")
        if sum(1 for o in self.options if not o.optional) < 2:
            problems.append("at least two options must not be optional")
        for o in self.options:
            problems += [
                f"option {o.id!r} names unknown factor {f!r}"
                for f in o.performance
                if f not in factor_ids
            ]
        for q in self.questions:
            problems += [
                f"question {q.id!r} names unknown factor {f!r}"
                for f in q.factors
                if f not in factor_ids
            ]
            if q.answer == "choice" and not q.choices:
                problems.append(f"question {q.id!r} is a choice with no choices")
            for rule in q.rules:
                for effect in rule.then:
                    ref = getattr(effect, "factor", None)
                    if ref is not None and ref not in factor_ids:
                        problems.append(f"question {q.id!r} has a rule on unknown factor {ref!r}")
                    opt = getattr(effect, "option", None)
                    if opt is not None and opt not in option_ids:
                        problems.append(f"question {q.id!r} adds unknown option {opt!r}")
        for i in self.insights:
            problems += [
                f"insight {i.id!r} names unknown factor {f!r}"
                for f in i.factors
                if f not in factor_ids
            ]
        if problems:
            raise PydanticCustomError("template_refs", "; ".join(problems))
        return self
