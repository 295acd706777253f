"""Decisions: list, create, read, replace, update by JSON Merge Patch, delete."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from decisionroom.errors import InvalidInput
from decisionroom.store import decisions
from decisionroom.web.deps import Context, Ctx, Tx
from decisionroom.web.routes._shared import (
    Id,
    base_version,
    errs,
    located,
    merge_patch,
    public,
    summary,
    target_workspace,
    workspace_names,
)
from decisionroom.web.schemas import DecisionCreate, DecisionPublic, DecisionSummary

router = APIRouter(
    prefix="/decisions",
    tags=["decisions"],
    responses=errs(401, 404, 413, 422),
)
IfMatch = Annotated[str | None, Header(description='The base version, as "3".')]
BaseQuery = Annotated[
    int | None, Query(ge=1, le=2_147_483_647, description="The base version (or If-Match).")
]
WRITE = errs(403, 409, 428)


def _target_workspace(tx: Tx, name: str | None, loc: str = "body.workspace") -> int:
    return target_workspace(tx.session, tx.roles, name, loc)


def _answer(tx: Tx, row: Any, response: Response) -> DecisionPublic:
    response.headers["ETag"] = f'"{row.version}"'
    return public(row, workspace_names(tx.session, [row.workspace_id])[row.workspace_id])


@router.get("")
def list_decisions(
    ctx: Ctx,
    stage: Annotated[str | None, Query(description="Only decisions at this stage.")] = None,
    client: Annotated[str | None, Query(description="Only this client (any case).")] = None,
    workspace: Annotated[str | None, Query(description="Only this workspace.")] = None,
) -> list[DecisionSummary]:
    """The decisions of your workspaces, most recently updated first; filter by stage or client."""
    with ctx.begin() as tx:
        names = workspace_names(tx.session, tx.roles)
        ids = [i for i, n in names.items() if workspace is None or n == workspace]
        rows = decisions.listing(tx.session, ids, stage=stage, client=client)
        return [summary(r, names[r.workspace_id]) for r in rows]


@router.post("", status_code=201, responses=errs(403))
def create_decision(body: DecisionCreate, ctx: Ctx, response: Response) -> DecisionPublic:
    """Create a decision from a decision file's content or from a template.

    A template is any of the workspace's catalog (shipped or its own, see
    GET /api/v1/templates), or 'starter', the commented starter decision.
    """
    with ctx.begin() as tx:
        workspace_id = _target_workspace(tx, body.workspace)
        tx.require_writer(workspace_id)
        if (body.decision is None) == (body.template is None):
            raise InvalidInput.at("body", "Send either 'decision' or 'template'.", code="one_of")
        if body.decision is not None:
            data, prefix = body.decision, ("body", "decision")
        else:
            with located("body"):
                data = _from_template(tx, workspace_id, body.template or "", body.title)
            prefix = ("body", "template")
        with located(*prefix):
            row = decisions.create(tx.session, workspace_id, data, tx.actor())
        response.headers["Location"] = f"/api/v1/decisions/{row.id}"
        return _answer(tx, row, response)


_FILE_BODY = {
    "requestBody": {
        "required": True,
        "description": "A decision file: YAML, or JSON with Content-Type application/json.",
        "content": {
            "application/yaml": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "object"}},
        },
    }
}


@router.post("/import", status_code=201, responses=errs(403), openapi_extra=_FILE_BODY)
async def import_decision(
    request: Request,
    ctx: Ctx,
    response: Response,
    workspace: Annotated[str | None, Query(description="Workspace name.")] = None,
) -> DecisionPublic:
    """Create a decision from a decision file sent as it is (YAML or JSON), like `import`."""
    fmt = "json" if "json" in request.headers.get("content-type", "") else "yaml"
    raw = await request.body()
    return await run_in_threadpool(_import, ctx, response, raw, fmt, workspace)


def _import(
    ctx: Context, response: Response, raw: bytes, fmt: str, workspace: str | None
) -> DecisionPublic:
    from decisionroom.model.fileio import parse

    with ctx.begin() as tx:
        workspace_id = _target_workspace(tx, workspace, loc="query.workspace")
        tx.require_writer(workspace_id)
        with located("body"):
            data = parse(raw, "json" if fmt == "json" else "yaml", source="")
            row = decisions.create(tx.session, workspace_id, data, tx.actor())
        response.headers["Location"] = f"/api/v1/decisions/{row.id}"
        return _answer(tx, row, response)


def _template(name: str) -> dict[str, Any]:
    """The starter decision (the board page's "new decision" starts from it too)."""
    from importlib.resources import files

    from decisionroom.model.fileio import parse

    if name != "starter":
        raise InvalidInput.at("", "The only template is 'starter'.", code="choice", input=name)
    text = files("decisionroom").joinpath("starter.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = parse(text, "yaml", source="starter.yaml")
    return data


def _from_template(tx: Tx, workspace_id: int, name: str, title: str | None) -> dict[str, Any]:
    """A new decision from 'starter' or any template of the workspace's catalog."""
    from decisionroom.library import new_decision
    from decisionroom.store.library import workspace_catalog

    if name == "starter":
        data = _template(name)
        if title is not None:
            data["title"] = title
        return data
    catalog = workspace_catalog(tx.session, workspace_id)
    for template in catalog.templates:
        if template.id == name:
            return new_decision(template, title)
    known = ", ".join(["starter"] + [t.id for t in catalog.templates])
    raise InvalidInput.at(
        "template",
        f"There is no template with this id; the templates are: {known}.",
        code="unknown_template",
        input=name,
    )


@router.get("/{decision_id}")
def read_decision(decision_id: Id, ctx: Ctx, response: Response) -> DecisionPublic:
    """A decision with its decision file; the ETag header is its version."""
    with ctx.begin() as tx:
        return _answer(tx, tx.decision(decision_id), response)


@router.put("/{decision_id}", responses=WRITE)
def replace_decision(
    decision_id: Id,
    document: Annotated[dict[str, Any], Body(description="The whole decision file.")],
    ctx: Ctx,
    response: Response,
    if_match: IfMatch = None,
    base: BaseQuery = None,
) -> DecisionPublic:
    """Replace the decision file, based on the version named by If-Match (409 if stale)."""
    with ctx.begin() as tx:
        row = tx.decision(decision_id, write=True)
        version = base_version(if_match, base)
        with located("body"):
            row = decisions.write(tx.session, row, version, document, tx.actor())
        return _answer(tx, row, response)


@router.patch("/{decision_id}", responses=WRITE)
def update_decision(
    decision_id: Id,
    patch: Annotated[
        dict[str, Any],
        Body(media_type="application/merge-patch+json", description="A JSON Merge Patch."),
    ],
    ctx: Ctx,
    response: Response,
    if_match: IfMatch = None,
    base: BaseQuery = None,
) -> DecisionPublic:
    """Change part of the decision file by JSON Merge Patch (RFC 7386) on a named version."""
    with ctx.begin() as tx:
        row = tx.decision(decision_id, write=True)
        version = base_version(if_match, base)
        document = merge_patch(dict(row.document), patch)
        with located("body"):
            row = decisions.write(tx.session, row, version, document, tx.actor())
        return _answer(tx, row, response)


@router.delete("/{decision_id}", status_code=204, responses=errs(403))
def delete_decision(decision_id: Id, ctx: Ctx) -> Response:
    """Delete a decision with its versions, survey links and cached analyses."""
    with ctx.begin() as tx:
        decisions.delete(tx.session, tx.decision(decision_id, write=True))
    return Response(status_code=204)
