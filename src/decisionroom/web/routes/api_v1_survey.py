"""What a stakeholder's secret survey link opens: one decision's factors and their own weights.

No account is needed: the token in the address is the credential, and it
opens only that stakeholder's view of that one decision.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from decisionroom.store import analyses, surveys
from decisionroom.web.deps import Ctx
from decisionroom.web.routes._shared import errs, located
from decisionroom.web.schemas import SurveyPublic, WeightsSubmit

router = APIRouter(prefix="/survey/{token}", tags=["survey"], responses=errs(404, 422))


@router.get("")
def read_survey(token: str, ctx: Ctx) -> SurveyPublic:
    """The goal, the factors and why each matters, the options if allowed, your weights."""
    with ctx.anonymous() as session:
        link, row = surveys.resolve(session, token)
        return SurveyPublic(**surveys.view(link, row))


@router.put("/weights")
def submit_weights(token: str, body: WeightsSubmit, ctx: Ctx) -> dict[str, Any]:
    """Submit or change your weights (points, ranking, swing, pairwise or best-worst).

    The weights are checked like a decision file (each problem located under
    ``weights``), recorded in the decision's audit trail, and the decision is
    analysed again at once.
    """
    with ctx.anonymous() as session:
        link, row = surveys.resolve(session, token)
        with located("body"):
            row = surveys.submit(session, link, row, body.weights)
        decision_id, version, document = row.id, row.version, dict(row.document)
    key = analyses.cache_key(None, {}, 10_000, 0)
    result = analyses.compute(document)
    analyses.store_result(ctx.store, decision_id, version, key, result)
    answer: dict[str, Any] = {"ok": True, "version": version}
    if link.show_options:  # their own first choice names an option: only when options are shown
        mine = (result.get("consensus") or {}).get("stakeholders", {}).get(link.stakeholder)
        answer["your_first_choice"] = (mine or {}).get("winner")
    return answer
