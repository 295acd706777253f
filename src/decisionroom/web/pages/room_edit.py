"""The room's writes: each form names its base version; errors return next to the fields.

A write based on an old version is not applied: the tab comes back with what
the user typed still in the form and a panel of what changed meanwhile, with
"apply my changes to the new version" (the same form applied to the current
document, rows matched by id) or "reload".
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from decisionroom.errors import ErrorDetail, InvalidDecision, InvalidInput
from decisionroom.store import decisions, jobs, surveys
from decisionroom.store.errors import StaleVersion
from decisionroom.web.downloads import JOB_FORMATS
from decisionroom.web.pages.edits import EDITS
from decisionroom.web.pages.forms import Form
from decisionroom.web.pages.render import error_page, redirect, render, signed_in
from decisionroom.web.pages.room import analysis, gather, load, old_new, room_page
from decisionroom.web.pages.security import check_csrf

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)


async def _form(request: Request) -> Form:
    data = await request.form()
    return Form([(k, v) for k, v in data.multi_items() if isinstance(v, str)])


def _errors(exc: InvalidDecision) -> dict[str, str]:
    out: dict[str, str] = {}
    for d in exc.errors:
        out.setdefault(d.loc or "_", ErrorDetail("", d.code, d.msg, d.input).render())
    return out


@router.post("/d/{decision_id}/edit/{section}", response_model=None)
async def edit(request: Request, decision_id: int, section: str) -> HTMLResponse | RedirectResponse:
    """Apply one room form to the decision, on the version it was based on."""
    if section not in EDITS:
        return error_page(request, 404, "There is nothing at this address.")
    change, tab = EDITS[section]
    form = await _form(request)
    base = form.number("merge_onto") or form.number("base", required=True)
    with signed_in(request) as pg:
        room = load(pg, decision_id, tab)
        row = pg.tx.decision(decision_id, write=True)
        status = 200
        try:
            if base is None:
                raise InvalidInput.at("base", "The form lacks its version; reload the page.")
            if int(base) != row.version:
                raise decisions._stale(pg.session, row, int(base))
            document = change(dict(row.document), form)
            if form.errors:
                raise InvalidDecision([])
            decisions.write(pg.session, row, int(base), document, pg.tx.actor(), "")
        except InvalidDecision as exc:
            room.errors = {**form.errors, **_errors(exc)}
            room.form = form.values
            room.extra["pairs"] = form.pairs
            status = 422
        except StaleVersion as exc:
            room.form = form.values
            room.extra["pairs"] = form.pairs
            changes = [{**c, "lines": old_new(c.get("patch") or [])} for c in exc.changes]
            room.conflict = {"current": exc.current, "changes": changes, "section": section}
            status = 409
        else:
            return redirect(f"/d/{decision_id}?tab={tab}&saved=1")
        gather(pg, room)
    analysis(request, room)
    return room_page(request, pg, room, status)


@router.post("/d/{decision_id}/links/{stakeholder}", response_model=None)
async def create_link(request: Request, decision_id: int, stakeholder: str) -> HTMLResponse:
    """A new survey link for one stakeholder; its address is shown once, with a copy button."""
    form = await _form(request)
    with signed_in(request) as pg:
        row = pg.tx.decision(decision_id, write=True)
        link, token = surveys.create(
            pg.session,
            row,
            stakeholder,
            days=request.app.state.store.settings.survey_days,
            show_options=bool(form.get("show_options")),
            user_id=pg.tx.user.id,
        )
        room = load(pg, decision_id, "stakeholders")
        room.notice = str(request.base_url).rstrip("/") + f"/s/{token}"
        room.extra["new_link_for"] = stakeholder
        gather(pg, room)
    analysis(request, room)
    return room_page(request, pg, room, 201)


@router.post("/d/{decision_id}/links/{link_id}/revoke", response_model=None)
def revoke_link(request: Request, decision_id: int, link_id: int) -> RedirectResponse:
    """Revoke a survey link: it stops working at once."""
    with signed_in(request) as pg:
        pg.tx.decision(decision_id, write=True)
        surveys.revoke(pg.session, decision_id, int(link_id))
    return redirect(f"/d/{decision_id}?tab=stakeholders")


@router.post("/d/{decision_id}/restore/{number}", response_model=None)
async def restore(request: Request, decision_id: int, number: int) -> RedirectResponse:
    """Make a past version current again (a new version)."""
    with signed_in(request) as pg:
        row = pg.tx.decision(decision_id, write=True)
        decisions.restore(pg.session, row, number, pg.tx.actor())
    return redirect(f"/d/{decision_id}?tab=history")


@router.post("/d/{decision_id}/brief/{fmt}", response_model=None)
async def brief_job(request: Request, decision_id: int, fmt: str) -> HTMLResponse:
    """Queue a long brief render (HTML, PPTX, PDF) and answer the fragment that shows progress."""
    if fmt not in JOB_FORMATS:
        return error_page(request, 404, "Only the HTML, PowerPoint and PDF briefs run as jobs.")
    form = await _form(request)
    reader = str(form.get("for") or "decision-maker")
    with signed_in(request) as pg:
        row = pg.tx.decision(decision_id)
        problem = _unknown_reader(reader, dict(row.document))
        if problem:
            return error_page(request, 422, problem)
        params = {"format": fmt, "for": reader}
        job = jobs.enqueue(pg.session, row.workspace_id, decision_id, "brief", params)
        job_id = job.id
    worker = getattr(request.app.state, "worker", None)
    if worker is not None:
        worker.wake.set()
    return render(
        request, "job.html", job_id=job_id, job_status="queued", decision_id=decision_id, fmt=fmt
    )


def _unknown_reader(reader: str, document: dict[str, Any]) -> str:
    """Why ``reader`` names no view, stakeholder or option of the decision, or ''."""
    from decisionroom.errors import DecisionroomError
    from decisionroom.explain.views import parse_view
    from decisionroom.model.validate import validate

    if reader == "decision-maker":
        return ""
    try:
        parse_view(reader, validate(dict(document)))
    except DecisionroomError as exc:
        return exc.errors[0].msg if exc.errors else str(exc)
    return ""


@router.get("/d/{decision_id}/jobs/{job_id}")
def job_progress(request: Request, decision_id: int, job_id: int) -> HTMLResponse:
    """The progress of a job (polled by the brief tab until it is done)."""
    with signed_in(request) as pg:
        job = jobs.get(pg.session, pg.tx.roles, job_id)
        status, errors, fmt = job.status, job.error, str((job.params or {}).get("format", ""))
    return render(
        request,
        "job.html",
        job_id=job_id,
        job_status=status,
        errors=errors,
        decision_id=decision_id,
        fmt=fmt,
    )


def pairs_of(room: Any) -> list[tuple[str, str]]:
    """The submitted fields, to post again after a conflict."""
    return list(room.extra.get("pairs") or [])
