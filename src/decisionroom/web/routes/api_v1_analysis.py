"""The analysis JSON and the brief of a decision; long work as jobs the client polls."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from decisionroom.errors import DecisionroomError, InvalidInput
from decisionroom.store import analyses, jobs
from decisionroom.web.deps import Ctx
from decisionroom.web.downloads import JOB_FORMATS, attachment
from decisionroom.web.routes._shared import Id, errs, located
from decisionroom.web.schemas import JobPublic
from decisionroom.web.worker import MEDIA, brief_bytes

router = APIRouter(tags=["analysis"], responses=errs(401, 404, 422))

#: SMAA runs above this many samples, and long brief renders, run as jobs (202 + a job to poll).
JOB_FROM_SAMPLES = 50_000
_CONTENT: dict[int | str, dict[str, Any]] = {
    200: {"content": {m: {} for m in MEDIA.values()}, "description": "The brief or result."}
}
MAX_SAMPLES = 2_000_000
_ACCEPTED: dict[int | str, dict[str, Any]] = {
    202: {"model": JobPublic, "description": "Queued as a job; poll its url."}
}


def _queued(request: Request, ctx: Ctx, decision_id: Id, kind: str, params: Any) -> JSONResponse:
    with ctx.begin(write=True) as tx:  # a GET that queues a job writes
        row = tx.decision(decision_id)
        job = jobs.enqueue(tx.session, row.workspace_id, decision_id, kind, params)
        public = _job(job.id, kind, "queued")
    worker = getattr(request.app.state, "worker", None)
    if worker is not None:
        worker.wake.set()
    return JSONResponse(public.model_dump(), 202, headers={"Location": public.url})


def _job(job_id: Id, kind: str, status: str, errors: Any = None) -> JobPublic:
    url = f"/api/v1/jobs/{job_id}"
    return JobPublic(
        id=job_id,
        kind=kind,
        status=status,
        url=url,
        result_url=f"{url}/result" if status == "done" else None,
        errors=errors,
    )


@router.get("/decisions/{decision_id}/analysis", responses=_ACCEPTED)
def read_analysis(
    decision_id: Id,
    ctx: Ctx,
    request: Request,
    method: Annotated[str | None, Query(description="Method id; default the file's.")] = None,
    smaa: Annotated[int, Query(ge=0, le=MAX_SAMPLES, description="SMAA-2 samples.")] = 10_000,
    seed: Annotated[int, Query(ge=0, description="SMAA-2 seed.")] = 0,
) -> Any:
    """The analysis JSON (contract 2) of the current version, cached by version.

    Runs above 50,000 SMAA samples are queued as a job (202 with the job to poll).
    """
    if smaa > JOB_FROM_SAMPLES:
        params = {"method": method, "smaa": smaa, "seed": seed}
        return _queued(request, ctx, decision_id, "analysis", params)
    key = analyses.cache_key(method, {}, smaa, seed)
    with ctx.begin() as tx:
        # A cached analysis is sent as the database holds it: no parsing, no re-encoding.
        version, raw = tx.cached_analysis(decision_id, key)
        document = None if raw is not None else dict(tx.decision(decision_id).document)
    if raw is not None:
        headers = {"ETag": f'"{version}"', "X-Analysis-Cache": "hit"}
        return Response(raw, media_type="application/json", headers=headers)
    assert document is not None
    result, hit = analyses.lookup(
        ctx.store, decision_id, version, document, method=method, smaa=smaa, seed=seed
    )
    headers = {"ETag": f'"{version}"', "X-Analysis-Cache": "hit" if hit else "miss"}
    return JSONResponse(result, headers=headers)


@router.get(
    "/decisions/{decision_id}/brief",
    responses={
        **_ACCEPTED,
        **_CONTENT,
    },
)
def read_brief(
    decision_id: Id,
    ctx: Ctx,
    request: Request,
    format: Annotated[
        str, Query(description="md or xlsx (at once); html, pptx or pdf (a job).")
    ] = "html",
    reader: Annotated[
        str,
        Query(
            alias="for",
            description="The reader: decision-maker (default), stakeholder:ID (their weights "
            "against the group's) or subject:ID (for one option; no other option named).",
        ),
    ] = "decision-maker",
) -> Any:
    """The brief of the current version, as an attachment named after the decision's title.

    Markdown and XLSX answer at once; HTML, PPTX and PDF take a second or more to
    render and are queued as a job (202 with the job to poll; its result is the file).
    ``for`` writes it for one reader, as ``decisionroom brief --for`` does.
    """
    fmt = format.lower()
    if fmt not in MEDIA:
        raise InvalidInput.at(
            "query.format",
            "The brief format must be one of html, md, xlsx, pptx, pdf.",
            code="choice",
            input=format,
        )
    with ctx.begin() as tx:
        row = tx.decision(decision_id)
        decision_id, version, document = row.id, row.version, dict(row.document)
    _check_reader(reader, document)
    if fmt in JOB_FORMATS:
        return _queued(request, ctx, decision_id, "brief", {"format": fmt, "for": reader})
    data = brief_bytes(ctx.store, decision_id, version, document, fmt, reader)
    disposition = attachment(str(document.get("title") or ""), fmt)
    return Response(data, media_type=MEDIA[fmt], headers={"Content-Disposition": disposition})


def _check_reader(reader: str, document: dict[str, Any]) -> None:
    """Refuse a ``for`` that names no view, stakeholder or option, located at the query."""
    from decisionroom.explain.views import parse_view
    from decisionroom.model.validate import validate

    if reader in ("", "decision-maker"):
        return
    try:
        parse_view(reader, validate(dict(document)))
    except DecisionroomError as exc:
        msg = exc.errors[0].msg if exc.errors else str(exc)
        raise InvalidInput.at("query.for", msg, code="view", input=reader) from None


@router.get("/jobs/{job_id}")
def read_job(job_id: Id, ctx: Ctx) -> JobPublic:
    """A job's status: queued, running, done (with its result_url) or failed (with errors)."""
    with ctx.begin() as tx:
        with located("path"):
            job = jobs.get(tx.session, tx.roles, job_id)
        return _job(job.id, job.kind, job.status, job.error)


@router.get("/jobs/{job_id}/result", responses=_CONTENT)
def read_job_result(job_id: Id, ctx: Ctx) -> Response:
    """A finished job's result: the analysis JSON, or the brief as a named attachment."""
    with ctx.begin() as tx:
        with located("path"):
            job = jobs.get(tx.session, tx.roles, job_id)
        if job.status != "done" or job.result is None:
            raise InvalidInput.at(
                "job_id",
                f"The job is {job.status}; poll its url until it is done.",
                code="not_ready",
            )
        headers = {}
        if job.kind == "brief":
            title = tx.decision(job.decision_id).title
            headers["Content-Disposition"] = attachment(title, str(job.params["format"]))
        media = job.media_type or "application/octet-stream"
        return Response(job.result, media_type=media, headers=headers)


@router.get(
    "/decisions/{decision_id}/crm-export",
    responses={200: {"content": {"text/csv": {}}, "description": "One CSV row."}},
)
def read_crm_export(decision_id: Id, ctx: Ctx) -> Response:
    """The decision as one CSV row to update the CRM (formula injection is neutralised).

    Columns: recommendation, margin, the winner's first-place share, consensus
    verdict and the client's stage, from the cached analysis of this version.
    """
    from decisionroom.store.crm.export import crm_row, export_csv

    with ctx.begin() as tx:
        row = tx.decision(decision_id)
        version, document = row.version, dict(row.document)
    analysis = analyses.analysis_of(ctx.store, decision_id, version, document)
    data = export_csv([crm_row(decision_id, version, document, analysis)])
    headers = {"Content-Disposition": f'attachment; filename="decision-{decision_id}.csv"'}
    return Response(data, media_type="text/csv; charset=utf-8", headers=headers)
