"""A decision's stakeholders, their weights, and their survey links."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response

from decisionroom.store import decisions, surveys
from decisionroom.store.tables import SurveyLink
from decisionroom.web.deps import Ctx
from decisionroom.web.routes._shared import Id, base_version, errs, located, public, workspace_names
from decisionroom.web.schemas import (
    DecisionPublic,
    StakeholderPublic,
    SurveyLinkCreate,
    SurveyLinkPublic,
    WeightsSubmit,
)

router = APIRouter(
    prefix="/decisions/{decision_id}",
    tags=["stakeholders"],
    responses=errs(401, 404, 422),
)


@router.get("/stakeholders")
def list_stakeholders(decision_id: Id, ctx: Ctx) -> list[StakeholderPublic]:
    """The decision's stakeholders with their role, influence and own weights."""
    with ctx.begin() as tx:
        doc = dict(tx.decision(decision_id).document)
        return [
            StakeholderPublic(
                id=p["id"],
                name=p.get("name"),
                role=p.get("role"),
                influence=p.get("influence", 1),
                weights=p.get("weights"),
            )
            for p in doc.get("stakeholders") or []
        ]


@router.put(
    "/stakeholders/{stakeholder_id}/weights",
    responses=errs(403, 409, 428),
)
def set_weights(
    decision_id: Id,
    stakeholder_id: str,
    body: WeightsSubmit,
    ctx: Ctx,
    response: Response,
    if_match: Annotated[str | None, Header(description='The base version, as "3".')] = None,
    base: Annotated[
        int | None, Query(ge=1, le=2_147_483_647, description="The base version (or If-Match).")
    ] = None,
) -> DecisionPublic:
    """Set one stakeholder's weights (any form the decision file takes) on a named version."""
    with ctx.begin() as tx:
        row = tx.decision(decision_id, write=True)
        version = base_version(if_match, base)
        doc = dict(row.document)
        with located("path"):
            index = surveys.stakeholder_index(doc, stakeholder_id)
        people = [dict(p) for p in doc["stakeholders"]]
        people[index]["weights"] = body.weights
        with located("body"):
            decisions.write(
                tx.session,
                row,
                version,
                {**doc, "stakeholders": people},
                tx.actor(),
                f"weights of stakeholder {stakeholder_id}",
            )
        response.headers["ETag"] = f'"{row.version}"'
        return public(row, workspace_names(tx.session, [row.workspace_id])[row.workspace_id])


def _link(link: SurveyLink, token: str | None = None, base: str = "") -> SurveyLinkPublic:
    return SurveyLinkPublic(
        id=link.id,
        stakeholder=link.stakeholder,
        show_options=link.show_options,
        created_at=link.created_at,
        expires_at=link.expires_at,
        revoked_at=link.revoked_at,
        token=token,
        url=f"{base}/api/v1/survey/{token}" if token else None,
    )


@router.post("/stakeholders/{stakeholder_id}/survey-links", status_code=201, responses=errs(403))
def create_survey_link(
    decision_id: Id,
    stakeholder_id: str,
    body: SurveyLinkCreate,
    ctx: Ctx,
    request: Request,
) -> SurveyLinkPublic:
    """Create a secret survey link for one stakeholder; the token is shown in this answer only."""
    with ctx.begin() as tx:
        row = tx.decision(decision_id, write=True)
        with located("path"):
            link, token = surveys.create(
                tx.session,
                row,
                stakeholder_id,
                days=body.expires_in_days or ctx.store.settings.survey_days,
                show_options=body.show_options,
                user_id=tx.user.id,
            )
        return _link(link, token, str(request.base_url).rstrip("/"))


@router.get("/survey-links")
def list_survey_links(decision_id: Id, ctx: Ctx) -> list[SurveyLinkPublic]:
    """The decision's survey links (without their tokens), with expiry and revocation."""
    with ctx.begin() as tx:
        tx.decision(decision_id)
        return [_link(link) for link in surveys.links(tx.session, decision_id)]


@router.delete("/survey-links/{link_id}", status_code=204, responses=errs(403))
def revoke_survey_link(decision_id: Id, link_id: Id, ctx: Ctx) -> Response:
    """Revoke a survey link; it stops working at once."""
    with ctx.begin() as tx:
        tx.decision(decision_id, write=True)
        surveys.revoke(tx.session, decision_id, link_id)
    return Response(status_code=204)
