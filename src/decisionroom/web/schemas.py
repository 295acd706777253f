"""The API's request and response bodies (role suffixes: ``Create``, ``Public``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from decisionroom.model.decision import ID_PATTERN, MAX_ID

__all__ = [
    "ChangePublic",
    "DecisionCreate",
    "DecisionPublic",
    "DecisionSummary",
    "ErrorItem",
    "ErrorPublic",
    "HitPublic",
    "JobPublic",
    "Login",
    "MePublic",
    "StakeholderPublic",
    "SurveyLinkCreate",
    "SurveyLinkPublic",
    "SurveyPublic",
    "TemplateCreate",
    "TemplatePublic",
    "TemplateSummary",
    "TokenCreate",
    "TokenPublic",
    "WeightsSubmit",
]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorItem(BaseModel):
    """One located problem."""

    loc: list[str | int]
    msg: str
    type: str


class ErrorPublic(BaseModel):
    """The shape of every error."""

    ok: bool = False
    errors: list[ErrorItem]


class Login(_Body):
    """Email and password."""

    email: str = Field(max_length=320)
    password: str = Field(max_length=1000)


class WorkspaceRole(BaseModel):
    """A workspace and the caller's role in it."""

    name: str
    role: str


class MePublic(BaseModel):
    """The signed-in user."""

    email: str
    name: str
    workspaces: list[WorkspaceRole]


class TokenCreate(_Body):
    """What a new personal API token is for."""

    name: str = Field(min_length=1, max_length=200)


class TokenPublic(BaseModel):
    """A personal API token; ``token`` is shown only when it is created."""

    id: int
    name: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None
    token: str | None = None


class DecisionCreate(_Body):
    """A new decision: a decision file's content, or a template of the workspace's catalog."""

    workspace: str | None = Field(None, description="Workspace name; default your only one.")
    decision: dict[str, Any] | None = Field(None, description="Decision file content (contract 1).")
    template: str | None = Field(
        None,
        max_length=100,
        description="A template id (GET /api/v1/templates: shipped or the workspace's own), "
        "or 'starter' for the commented starter decision.",
    )
    title: str | None = Field(
        None, min_length=1, max_length=200, description="Title of a decision from a template."
    )


class DecisionSummary(BaseModel):
    """A decision in a list: the queried fields."""

    id: int
    workspace: str
    version: int
    title: str
    client: str | None
    stage: str | None
    recommendation: str | None
    updated_at: dt.datetime


class DecisionPublic(DecisionSummary):
    """A decision with its document (the decision file)."""

    created_at: dt.datetime
    decision: dict[str, Any]


class ChangePublic(BaseModel):
    """One version in the audit trail, with the JSON Patch from the version before."""

    version: int
    actor: str
    at: str
    summary: str
    patch: list[dict[str, Any]]
    decision: dict[str, Any] | None = Field(None, description="The file at this version.")


class StakeholderPublic(BaseModel):
    """A stakeholder and their own weights."""

    id: str
    name: str | None
    role: str | None
    influence: float
    weights: Any = None


class SurveyLinkCreate(_Body):
    """Options of a new survey link."""

    expires_in_days: int | None = Field(None, gt=0, le=365)
    show_options: bool = Field(False, description="Let the stakeholder see the options.")


class SurveyLinkPublic(BaseModel):
    """A survey link; ``token`` and ``url`` are shown only when it is created."""

    id: int
    stakeholder: str
    show_options: bool
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None = None
    token: str | None = None
    url: str | None = None


class SurveyPublic(BaseModel):
    """What a stakeholder sees to weigh the factors."""

    title: str
    goal: dict[str, Any] | None
    stakeholder: dict[str, Any]
    factors: list[dict[str, Any]]
    options: list[dict[str, Any]] | None
    weights: Any = None
    forms: list[str]


class WeightsSubmit(_Body):
    """A stakeholder's weights, in any form a decision file takes."""

    weights: Any = Field(description="Points, ranking, swing, pairwise or best_worst.")


class JobPublic(BaseModel):
    """Long work run in the background; poll ``url`` until ``status`` is done or failed."""

    id: int
    kind: str
    status: str
    url: str
    result_url: str | None = None
    errors: list[dict[str, Any]] | None = None


TemplateId = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=MAX_ID),
    Field(description="A template id: letters, digits, '_', '.' or '-'."),
]


class TemplateSummary(BaseModel):
    """A template in a list: where it comes from is ``shipped``, ``user`` or ``workspace``."""

    id: str
    title: str
    description: str
    source: Literal["shipped", "user", "workspace"]


class TemplatePublic(TemplateSummary):
    """A template with its document (the template file, docs/library.md)."""

    template: dict[str, Any]


class TemplateCreate(_Body):
    """Save a decision of the workspace as a template of that workspace."""

    decision_id: int = Field(ge=1, le=2_147_483_647, description="The decision to save.")
    template_id: TemplateId
    title: str | None = Field(
        None, min_length=1, max_length=200, description="Default: the decision's title."
    )
    description: str | None = Field(
        None, min_length=1, max_length=5_000, description="When to use it."
    )
    replace: bool = Field(False, description="Replace the workspace's template with this id.")


class HitPublic(BaseModel):
    """A search hit, as ``decisionroom library search --format json`` prints it."""

    kind: Literal["template", "insight", "question"]
    id: str
    title: str
    score: float
    snippet: str = Field(description="The matched words marked with **.")
    template: str = Field(description="The template the hit belongs to.")
