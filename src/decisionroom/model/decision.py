"""The decision file (DESIGN contract 1) as pydantic models, one class per concept.

The models check the *shape* of each part: types, allowed values, positive
numbers, ordered ranges, and unknown keys (``extra="forbid"``, so a typo such
as ``direciton`` is caught). Checks that need more than one part (unknown ids,
missing performance, duplicate ids) live in :mod:`decisionroom.model.validate`,
which also turns pydantic's errors into located plain sentences. Field
descriptions feed the JSON Schema that ``decisionroom schema`` prints.

A challenge that does not stand between the client and the goal is marked
``goal_related: false``; the validator warns about it, because every need
should trace back through a challenge to the goal.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

__all__ = [
    "Author",
    "BestWorst",
    "BestWorstWeights",
    "Challenge",
    "Decision",
    "DecisionMaker",
    "Evidenced",
    "Factor",
    "Goal",
    "ID_PATTERN",
    "Method",
    "MustHave",
    "Need",
    "ObjectiveWeights",
    "Option",
    "Outcome",
    "Pairwise",
    "PairwiseWeights",
    "RankingWeights",
    "Risk",
    "Stakeholder",
    "SwingWeights",
    "ValueBounds",
    "WEIGHT_FORMS",
    "likely",
    "spread",
]

FORMAT_VERSION = 1
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
STAGES = ("goal", "challenges", "needs", "options", "shortlist", "decision", "results")
KINDS = ("build", "hire", "external", "partner", "status-quo")
WEIGHT_FORMS = ("ranking", "swing", "pairwise", "best_worst", "objective")

#: Longest id, name and free text a file may hold (docs/limits.md): every view lays
#: these out (terminal tables, the PDF's line breaking), so they are bounded here.
MAX_ID = 100
MAX_NAME = 200
MAX_TEXT = 5_000

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=MAX_ID),
    Field(description="An id: letters, digits, '_', '.' or '-', starting with a letter or digit."),
]
#: A short text shown in tables and headings: a name, a title, a role, a unit.
Name = Annotated[str, StringConstraints(max_length=MAX_NAME)]
#: A sentence or a paragraph: a statement, a reason, a description.
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]


# --- numbers -----------------------------------------------------------------
# Plain validators so that a bool or a numeric string is never taken for a
# number, ints stay ints (files round-trip unchanged), and NaN/inf are refused.


def _number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("number", "must be a number")
    try:
        finite = math.isfinite(value)
    except OverflowError:  # an integer beyond any float, e.g. 10**400 sent through the API
        finite = False
    if not finite:
        raise PydanticCustomError("finite", "must be a finite number")
    return value


def _positive(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise PydanticCustomError("positive", "must be a positive number")
    if value <= 0:
        raise PydanticCustomError("positive", "must be a positive number")
    return value


def _range(value: Any) -> tuple[int | float, int | float, int | float]:
    if (
        not isinstance(value, list | tuple)
        or len(value) != 3
        or any(isinstance(x, bool) or not isinstance(x, int | float) for x in value)
    ):
        raise PydanticCustomError("range", "must be a range of three numbers [low, likely, high]")
    if not all(math.isfinite(x) for x in value):
        raise PydanticCustomError("finite", "must hold finite numbers")
    low, mid, high = value
    if not low <= mid <= high:
        raise PydanticCustomError("range_order", "must be ordered low <= likely <= high")
    return (low, mid, high)


Number = Annotated[int | float, PlainValidator(_number), WithJsonSchema({"type": "number"})]
PositiveNumber = Annotated[
    int | float,
    PlainValidator(_positive),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0}),
]
Range = Annotated[
    tuple[int | float, int | float, int | float],
    PlainValidator(_range),
    PlainSerializer(list, return_type=list),
    WithJsonSchema(
        {
            "type": "array",
            "prefixItems": [{"type": "number"}] * 3,
            "minItems": 3,
            "maxItems": 3,
            "description": "[low, likely, high], ordered low <= likely <= high.",
        }
    ),
]


def _estimate_kind(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return "<number>"
    if isinstance(value, list | tuple):
        return "<range>"
    return None


# Tags appear in pydantic's error locations; they are written so that they can
# never be an id, and validate.py drops them from the locations it reports.
Estimate = Annotated[
    Annotated[Number, Tag("<number>")] | Annotated[Range, Tag("<range>")],
    Discriminator(
        _estimate_kind,
        custom_error_type="estimate",
        custom_error_message="must be a number or a range [low, likely, high]",
    ),
]


class _Model(BaseModel):
    """Base of every part of the file: unknown keys are errors, numbers may name text."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)

    noun: ClassVar[str] = "this part"


# --- goal, challenges, needs ---------------------------------------------------


class DecisionMaker(_Model):
    """The person who makes the decision on the client's side."""

    noun: ClassVar[str] = "the decision maker"

    name: Name | None = Field(None, description="Full name.")
    role: Name | None = Field(None, description="Role, e.g. CEO.")


class Author(_Model):
    """Who prepared the decision and its brief: the seller, consultant or analyst."""

    noun: ClassVar[str] = "the author"

    name: Name | None = Field(None, description="Full name.")
    role: Name | None = Field(None, description="Role, e.g. Account executive.")
    organisation: Name | None = Field(None, description="Their organisation, e.g. the seller's.")


class Goal(_Model):
    """The client's business goal: measurable, with a horizon."""

    noun: ClassVar[str] = "the goal"

    statement: Text = Field(description="The goal, measurable, e.g. 'Top 5 by users'.")
    horizon: Name | None = Field(None, description="When the goal should be reached, e.g. 3 years.")


class Challenge(_Model):
    """What stands between the client and the goal."""

    noun: ClassVar[str] = "a challenge"

    id: Id
    statement: Text = Field(description="The challenge in one or two sentences.")
    goal_related: bool = Field(
        True,
        description="false marks a challenge that does not stand in the way of the goal "
        "(the validator warns: needs built on it do not serve the goal).",
    )


class Need(_Model):
    """What must be true to overcome one or more challenges."""

    noun: ClassVar[str] = "a need"

    id: Id
    statement: Text = Field(description="What must be true.")
    challenges: list[Id] = Field(
        default_factory=list, description="Ids of the challenges this need helps overcome."
    )


# --- factors and options -------------------------------------------------------


class ValueBounds(_Model):
    """Fixed bounds of a factor's linear value function: 0 at worst, 1 at best."""

    noun: ClassVar[str] = "value bounds"

    worst: Number = Field(description="The value that scores 0.")
    best: Number = Field(description="The value that scores 1.")


class MustHave(_Model):
    """A hard limit on a factor: options whose likely value breaks it are set aside."""

    noun: ClassVar[str] = "a must-have"

    min: Number | None = Field(None, description="The lowest acceptable value.")
    max: Number | None = Field(None, description="The highest acceptable value.")


class Factor(_Model):
    """A decision criterion: why it matters, which way is better, its unit."""

    noun: ClassVar[str] = "a factor"

    id: Id
    name: Name | None = Field(None, description="A short human name.")
    why: Text | None = Field(None, description="Why the factor matters to this client.")
    needs: list[Id] = Field(default_factory=list, description="Ids of the needs it serves.")
    direction: Literal["max", "min"] = Field(
        description="max: more is better (benefit); min: less is better (cost)."
    )
    unit: Name | None = Field(None, description="Unit of the performance values.")
    value: ValueBounds | None = Field(
        None, description="Optional fixed bounds of the linear value function."
    )
    must_have: MustHave | None = Field(
        None, description="A hard limit no weight may trade away, e.g. {max: 500}."
    )


class Option(_Model):
    """A potential solution, including the ones the seller does not sell."""

    noun: ClassVar[str] = "an option"

    id: Id
    name: Name | None = Field(None, description="A short human name.")
    kind: Literal["build", "hire", "external", "partner", "status-quo"] | None = Field(
        None, description="build, hire, external, partner or status-quo."
    )
    ours: bool = Field(False, description="true marks the seller's own offer.")
    shortlisted: bool = Field(True, description="false leaves the option out of the analysis.")
    description: Text | None = Field(None, description="What the option is.")


class Evidenced(_Model):
    """A performance value with the evidence behind it."""

    noun: ClassVar[str] = "a performance value with evidence"

    value: Estimate = Field(description="A number or a range [low, likely, high].")
    evidence: Text | None = Field(None, description="Where the value comes from.")


def _cell_kind(value: Any) -> str | None:
    if isinstance(value, dict | Evidenced):
        return "<evidence>"
    return _estimate_kind(value)


Cell = Annotated[
    Annotated[Number, Tag("<number>")]
    | Annotated[Range, Tag("<range>")]
    | Annotated[Evidenced, Tag("<evidence>")],
    Discriminator(
        _cell_kind,
        custom_error_type="cell",
        custom_error_message="must be a number, a range [low, likely, high] "
        "or {value: ..., evidence: ...}",
    ),
]
"""How an option does on a factor."""


def likely(cell: Any) -> float:
    """The point value of a performance cell: the number, or a range's likely value."""
    if isinstance(cell, Evidenced):
        cell = cell.value
    if isinstance(cell, tuple | list):
        return float(cell[1])
    return float(cell)


def spread(cell: Any) -> tuple[float, float, float]:
    """``(low, likely, high)`` of a performance cell; all three equal for a number."""
    if isinstance(cell, Evidenced):
        cell = cell.value
    if isinstance(cell, tuple | list):
        return float(cell[0]), float(cell[1]), float(cell[2])
    x = float(cell)
    return x, x, x


# --- weights --------------------------------------------------------------------

Points = dict[Id, PositiveNumber]
"""Points on any positive scale: factor id -> points."""


class RankingWeights(_Model):
    """Factors ranked most important first; weights by rank-order centroid."""

    noun: ClassVar[str] = "ranking weights"

    ranking: list[Id] = Field(min_length=1, description="Factor ids, most important first.")


class SwingWeights(_Model):
    """Swing weights: the most important worst-to-best swing gets 100."""

    noun: ClassVar[str] = "swing weights"

    swing: dict[Id, PositiveNumber] = Field(description="Factor id -> rating of its swing.")


Judgment = Annotated[
    tuple[Id, Id, PositiveNumber],
    Field(description="[a, b, v]: factor a is v times as important as factor b."),
]


class Pairwise(_Model):
    """Pairwise comparisons: a full matrix with its order, or a list of judgments."""

    noun: ClassVar[str] = "pairwise comparisons"

    order: list[Id] | None = Field(None, description="Factor ids of the matrix rows.")
    matrix: list[list[PositiveNumber]] | None = Field(
        None, description="Reciprocal comparison matrix in the order of `order`."
    )
    judgments: list[Judgment] | None = Field(
        None, description="Judgments [a, b, v]; missing pairs are completed."
    )

    @model_validator(mode="after")
    def _one_form(self) -> Pairwise:
        if self.judgments is not None:
            if self.order is not None or self.matrix is not None:
                raise PydanticCustomError(
                    "pairwise_form", "must give either order and matrix, or judgments, not both"
                )
        elif self.order is None or self.matrix is None:
            raise PydanticCustomError(
                "pairwise_form", "must give order and matrix together, or judgments"
            )
        return self


class PairwiseWeights(_Model):
    """Weights from pairwise comparisons (AHP eigenvector)."""

    noun: ClassVar[str] = "pairwise weights"

    pairwise: Pairwise


class BestWorst(_Model):
    """The best-worst method: the best factor against the others, the others against the worst."""

    noun: ClassVar[str] = "best-worst comparisons"

    best: Id = Field(description="The most important factor.")
    worst: Id = Field(description="The least important factor.")
    best_to_others: dict[Id, PositiveNumber] = Field(
        description="Factor id -> how much more important the best factor is (1-9)."
    )
    others_to_worst: dict[Id, PositiveNumber] = Field(
        description="Factor id -> how much more important it is than the worst factor (1-9)."
    )


class BestWorstWeights(_Model):
    """Weights by the best-worst method."""

    noun: ClassVar[str] = "best-worst weights"

    best_worst: BestWorst


class ObjectiveWeights(_Model):
    """Weights computed from the performance table."""

    noun: ClassVar[str] = "objective weights"

    objective: Literal["entropy", "critic"] = Field(description="entropy or critic.")


_FORM_TAGS = {
    "ranking": "<ranking>",
    "swing": "<swing>",
    "pairwise": "<pairwise>",
    "best_worst": "<best_worst>",
    "objective": "<objective>",
}
_FORM_TYPES: dict[type, str] = {
    RankingWeights: "<ranking>",
    SwingWeights: "<swing>",
    PairwiseWeights: "<pairwise>",
    BestWorstWeights: "<best_worst>",
    ObjectiveWeights: "<objective>",
}


def weights_form(value: Any) -> str | None:
    """The tag of a weights mapping: a named form (one key), else points."""
    if type(value) in _FORM_TYPES:
        return _FORM_TYPES[type(value)]
    if not isinstance(value, dict):
        return None
    forms = [k for k, v in value.items() if k in _FORM_TAGS and not _is_number(v)]
    if not forms:
        return "<points>"
    if len(value) == 1:
        return _FORM_TAGS[forms[0]]
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


Weights = Annotated[
    Annotated[Points, Tag("<points>")]
    | Annotated[RankingWeights, Tag("<ranking>")]
    | Annotated[SwingWeights, Tag("<swing>")]
    | Annotated[PairwiseWeights, Tag("<pairwise>")]
    | Annotated[BestWorstWeights, Tag("<best_worst>")]
    | Annotated[ObjectiveWeights, Tag("<objective>")],
    Discriminator(
        weights_form,
        custom_error_type="weights_form",
        custom_error_message="must be points {factor: number} or exactly one of "
        "ranking, swing, pairwise, best_worst, objective",
    ),
]
"""Weights in any of the forms of contract 1."""


class Stakeholder(_Model):
    """A person who weighs in, with an influence and their own weights."""

    noun: ClassVar[str] = "a stakeholder"

    id: Id
    name: Name | None = Field(None, description="Full name.")
    role: Name | None = Field(None, description="Role, e.g. CFO.")
    influence: PositiveNumber = Field(1, description="Relative influence in the group weights.")
    weights: Weights | None = Field(
        None, description="Their weights in any form; they may skip factors."
    )


class Method(_Model):
    """The method that ranks the options, with its parameters."""

    noun: ClassVar[str] = "the method"

    name: str = Field("weighted-sum", description="A method id, e.g. topsis.")
    params: dict[str, Any] = Field(
        default_factory=dict, description="The method's parameters (see `decisionroom methods`)."
    )


# --- discovery and outcome (issue 14; docs/library.md) ------------------------------

AnswerValue = Annotated[
    bool | int | float | str,
    Field(description="The answer: text, a number, or true/false."),
]


class Risk(_Model):
    """A risk an answer brought to light, with the reason it matters."""

    noun: ClassVar[str] = "a risk"

    statement: str = Field(description="The risk in one sentence.")
    because: str | None = Field(None, description="Why it matters here (the rule's reason).")
    question: Id | None = Field(None, description="The question whose answer raised it.")


class Outcome(_Model):
    """What the client chose and, later, how it turned out against the goal."""

    noun: ClassVar[str] = "the outcome"

    chosen: Id = Field(description="Id of the option the client chose.")
    decided_on: str | None = Field(None, description="When the client decided, e.g. 2026-03-01.")
    result: Number | None = Field(
        None, description="The goal's metric measured later, in the goal's own unit."
    )
    measured_on: str | None = Field(None, description="When the result was measured.")
    met_goal: bool | None = Field(None, description="Whether the result met the goal.")
    note: str | None = Field(None, description="What happened, in a sentence or two.")


class Decision(_Model):
    """One client decision: goal, challenges, needs, factors, options, performance, weights."""

    model_config = ConfigDict(
        title="decisionroom decision file",
        json_schema_extra={"$comment": "Format version 1 (DESIGN contract 1)."},
    )
    noun: ClassVar[str] = "a decision file"

    decisionroom: Literal[1] = Field(description="Format version of the file: 1.")
    title: Name = Field(min_length=1, description="What is being decided.")
    client: Name | None = Field(None, description="The client organisation.")
    decision_maker: DecisionMaker | None = None
    prepared_by: Author | None = Field(
        None, description="Who prepared the analysis; the brief's author (not the decision maker)."
    )
    stage: (
        Literal["goal", "challenges", "needs", "options", "shortlist", "decision", "results"] | None
    ) = Field(None, description="Where the client is in its decision.")
    goal: Goal | None = None
    challenges: list[Challenge] = Field(default_factory=list)
    needs: list[Need] = Field(default_factory=list)
    factors: list[Factor] = Field(min_length=1, description="The decision factors (at least 1).")
    options: list[Option] = Field(min_length=2, description="The options (at least 2).")
    performance: dict[Id, dict[Id, Cell]] = Field(
        description="Option id -> factor id -> number, [low, likely, high] or {value, evidence}."
    )
    weights: Weights | None = Field(
        None, description="Joint weights; when absent, the stakeholders' weights are combined."
    )
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    method: Method | None = Field(None, description="The method; weighted-sum when absent.")
    # discovery and outcome (issue 14): the template, the answers, what they raised
    template: Id | None = Field(None, description="Id of the template the decision started from.")
    answers: dict[Id, AnswerValue] = Field(
        default_factory=dict, description="Question id -> the client's answer."
    )
    risks: list[Risk] = Field(default_factory=list, description="Risks the answers raised.")
    outcome: Outcome | None = Field(
        None, description="The client's final choice and, later, the result against the goal."
    )

    def factor(self, factor_id: str) -> Factor:
        """The factor with this id."""
        for f in self.factors:
            if f.id == factor_id:
                return f
        raise KeyError(factor_id)

    def option(self, option_id: str) -> Option:
        """The option with this id."""
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(option_id)

    @property
    def shortlist(self) -> list[Option]:
        """The options that take part in the analysis."""
        return [o for o in self.options if o.shortlisted]
