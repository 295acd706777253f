"""The audit trail of a decision: its versions, one past version, restoring one."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response

from decisionroom.store import audit, decisions
from decisionroom.web.deps import Ctx, Tx
from decisionroom.web.routes._shared import Id, base_version, errs, located, public, workspace_names
from decisionroom.web.schemas import ChangePublic, DecisionPublic

router = APIRouter(
    prefix="/decisions/{decision_id}/versions",
    tags=["history"],
    responses=errs(401, 404, 422),
)


@router.get("")
def list_versions(decision_id: Id, ctx: Ctx) -> list[ChangePublic]:
    """Every version: who made it, when, and the JSON Patch from the one before (old -> new)."""
    with ctx.begin() as tx:
        tx.decision(decision_id)
        return [
            ChangePublic(**audit.change_public(c)) for c in audit.history(tx.session, decision_id)
        ]


@router.get("/{version}")
def read_version(decision_id: Id, version: Id, ctx: Ctx) -> ChangePublic:
    """One past version: who made it, when, the patch, and the decision file as it was then."""
    with ctx.begin() as tx:
        tx.decision(decision_id)
        with located("path"):
            change = audit.version(tx.session, decision_id, version)
        return ChangePublic(**audit.change_public(change), decision=dict(change.document))


@router.post("/{version}/restore", responses=errs(403, 409, 428))
def restore_version(
    decision_id: Id,
    version: Id,
    ctx: Ctx,
    response: Response,
    if_match: Annotated[str | None, Header(description='The base version, as "3".')] = None,
    base: Annotated[
        int | None, Query(ge=1, le=2_147_483_647, description="The base version (or If-Match).")
    ] = None,
) -> DecisionPublic:
    """Make a past version current again; the restore is itself a new version."""
    with ctx.begin() as tx:
        row = tx.decision(decision_id, write=True)
        decisions.write(
            tx.session,
            row,
            base_version(if_match, base),
            _document(tx, decision_id, version),
            tx.actor(),
            f"restored version {version}",
        )
        response.headers["ETag"] = f'"{row.version}"'
        return public(row, workspace_names(tx.session, [row.workspace_id])[row.workspace_id])


def _document(tx: Tx, decision_id: Id, version: int) -> dict[str, Any]:
    with located("path"):
        return audit.version_document(tx.session, decision_id, version)
