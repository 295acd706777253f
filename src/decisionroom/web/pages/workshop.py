"""The live workshop's what-if: slider moves shared with every open view, saved only on request.

A writer's slider release posts the positions here; they become the
decision's what-if (:mod:`decisionroom.store.whatif`), which the room's event
stream sends to every open view within a second. "Save these weights" is the
room's weights form (a real version, in the audit trail); "Reset" ends the
what-if so every view shows the saved weights again.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response

from decisionroom.store import whatif
from decisionroom.web.pages.forms import Form
from decisionroom.web.pages.render import signed_in
from decisionroom.web.pages.security import check_csrf

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)


@router.post("/d/{decision_id}/whatif", status_code=204)
async def share(request: Request, decision_id: int) -> Response:
    """Share slider positions (fields ``weights.<factor>``) as the unsaved what-if."""
    data = await request.form()
    form = Form([(k, v) for k, v in data.multi_items() if isinstance(v, str)])
    given = {k.removeprefix("weights."): v for k, v in form.pairs if k.startswith("weights.")}
    with signed_in(request) as pg:
        row = pg.tx.decision(decision_id, write=True)
        whatif.put(pg.session, row, whatif.weights_of(row, given), pg.tx.user.name)
    return Response(status_code=204)


@router.post("/d/{decision_id}/whatif/reset", status_code=204)
def reset(request: Request, decision_id: int) -> Response:
    """End the what-if: every open view goes back to the saved weights."""
    with signed_in(request) as pg:
        whatif.clear(pg.session, pg.tx.decision(decision_id, write=True))
    return Response(status_code=204)
