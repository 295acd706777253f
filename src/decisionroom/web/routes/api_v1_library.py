"""The library of a workspace: search, templates (shipped and its own), saving a decision as one.

A caller sees the shipped templates and their workspace's own; another
workspace's templates answer 404 as missing ones do. Saving and deleting a
template is for owners and members (viewers get 403).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response

from decisionroom.errors import InvalidInput
from decisionroom.library.search import checked_terms
from decisionroom.model.decision import ID_PATTERN, MAX_ID
from decisionroom.store import decisions
from decisionroom.store import library as lib
from decisionroom.store.errors import NotFound
from decisionroom.web.deps import Ctx, Tx
from decisionroom.web.routes._shared import errs, located, target_workspace
from decisionroom.web.schemas import (
    ErrorPublic,
    HitPublic,
    TemplateCreate,
    TemplatePublic,
    TemplateSummary,
)

__all__ = ["router"]

router = APIRouter(tags=["library"], responses=errs(401, 422))

WorkspaceQuery = Annotated[
    str | None, Query(description="Workspace name; may be left out when you have only one.")
]
TemplatePath = Annotated[
    str,
    Path(pattern=ID_PATTERN, max_length=MAX_ID, description="A template id."),
]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorPublic, "description": "No such template in your workspace."}
}
WRITE = {**NOT_FOUND, **errs(403, 409)}


def _workspace(tx: Tx, name: str | None) -> int:
    return target_workspace(tx.session, tx.roles, name, loc="query.workspace")


def _summary(catalog: Any, template: Any) -> TemplateSummary:
    return TemplateSummary(
        id=template.id,
        title=template.title,
        description=template.description,
        source=catalog.source(template.id),
    )


def _public(catalog: Any, template: Any) -> TemplatePublic:
    return TemplatePublic(
        **_summary(catalog, template).model_dump(),
        template=template.model_dump(mode="json", by_alias=True, exclude_none=True),
    )


@router.get("/library/search")
def search_library(
    ctx: Ctx,
    q: Annotated[
        str | None,
        Query(max_length=2000, description="Free text: the client's goal, challenge, a word."),
    ] = None,
    kind: Annotated[
        list[Literal["template", "insight", "question"]] | None,
        Query(description="Only hits of these kinds (repeat the parameter)."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100, description="Most hits returned.")] = 10,
    workspace: WorkspaceQuery = None,
) -> list[HitPublic]:
    """Ranked full-text search over templates, insights and questions; best first.

    The shipped templates and the workspace's own are searched (PostgreSQL
    full-text search, or SQLite FTS5); matches in the snippet are marked
    with **, as by `decisionroom library search --format json`.
    """
    with ctx.begin() as tx:
        workspace_id = _workspace(tx, workspace)
    with located("query"):
        if q is None:
            raise InvalidInput.at("q", "Give some words to search for.", code="missing")
        checked_terms(q, loc="q")
        hits = lib.search_library(ctx.store, workspace_id, q, limit, tuple(kind or ()))
    return [HitPublic(**h.to_dict()) for h in hits]


@router.get("/templates")
def list_templates(ctx: Ctx, workspace: WorkspaceQuery = None) -> list[TemplateSummary]:
    """The templates a decision can start from: shipped ones and the workspace's own.

    ``source`` says which; a workspace template with a shipped id replaces
    the shipped one in that workspace.
    """
    with ctx.begin() as tx:
        catalog = lib.workspace_catalog(tx.session, _workspace(tx, workspace))
    return [_summary(catalog, t) for t in catalog.templates]


@router.get("/templates/{template_id}", responses=NOT_FOUND)
def read_template(
    template_id: TemplatePath, ctx: Ctx, workspace: WorkspaceQuery = None
) -> TemplatePublic:
    """A template with its document: factors, options, questions and insights."""
    with ctx.begin() as tx:
        catalog = lib.workspace_catalog(tx.session, _workspace(tx, workspace))
    for t in catalog.templates:
        if t.id == template_id:
            return _public(catalog, t)
    with located("path"):
        raise NotFound.at("template_id", "There is no template with this id.", input=template_id)


@router.post("/templates", status_code=201, responses=WRITE)
def save_template(body: TemplateCreate, ctx: Ctx, response: Response) -> TemplatePublic:
    """Save a decision as a template of its workspace, without the client's details.

    Kept: factors with their why (names replaced by roles), options and their
    performance as typical values, weight ranges from the weights. Left out:
    client, decision maker, goal, challenges, needs, stakeholders, answers,
    risks and outcome. Owners and members only.
    """
    with ctx.begin() as tx:
        with located("body"):
            row = decisions.get(tx.session, tx.roles, body.decision_id)
        tx.require_writer(row.workspace_id)
        with located("body"):
            saved = lib.save_decision_as_template(
                tx.session,
                body.decision_id,
                [row.workspace_id],
                body.template_id,
                tx.actor(),
                title=body.title,
                description=body.description,
                replace=body.replace,
            )
        catalog = lib.workspace_catalog(tx.session, row.workspace_id)
    response.headers["Location"] = f"/api/v1/templates/{saved.template_id}"
    return _public(catalog, catalog.get(saved.template_id))


@router.delete("/templates/{template_id}", status_code=204, responses=WRITE)
def delete_template(
    template_id: TemplatePath, ctx: Ctx, workspace: WorkspaceQuery = None
) -> Response:
    """Delete one of the workspace's own templates; shipped templates cannot be deleted."""
    with ctx.begin() as tx:
        workspace_id = _workspace(tx, workspace)
        tx.require_writer(workspace_id)
        with located("path"):
            lib.delete_template(tx.session, workspace_id, template_id)
    return Response(status_code=204)
