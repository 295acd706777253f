"""The decision room: a decision's map, discovery, factors, options, stakeholders, analysis, brief.

Every tab is a plain server-rendered page; the analysis is read from the cache
of the current version (computed once, outside the request's transaction, so
a slow run never holds the database). Edits live in :mod:`.room_edit`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from decisionroom.errors import DecisionroomError
from decisionroom.model.decision import KINDS
from decisionroom.store import analyses, audit, surveys
from decisionroom.store.decisions import in_file_order
from decisionroom.store.tables import DecisionChange
from decisionroom.web.pages.cards import safety
from decisionroom.web.pages.render import Page, page, signed_in
from decisionroom.web.pages.security import check_csrf

__all__ = ["TABS", "Room", "room_page"]

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)
TABS = {
    "map": "Map",
    "discovery": "Discovery",
    "factors": "Factors",
    "options": "Options",
    "stakeholders": "Stakeholders",
    "analysis": "Analysis",
    "brief": "Brief",
    "history": "History",
}


@dataclass
class Room:
    """What a room page shows; the edit routes fill ``errors``, ``form`` and ``conflict``."""

    id: int
    version: int
    doc: dict[str, Any]
    writer: bool
    tab: str
    errors: dict[str, str] = field(default_factory=dict)
    form: dict[str, str] | None = None
    conflict: dict[str, Any] | None = None
    notice: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def val(self, name: str, default: Any = "") -> Any:
        """The value a field shows: what the user typed (after an error), else the stored one."""
        if self.form is not None and name in self.form:
            return self.form[name]
        return "" if default is None else default

    def err(self, name: str) -> str:
        """The error next to a field."""
        return self.errors.get(name, "")


def load(pg: Page, decision_id: int, tab: str) -> Room:
    """The room of a decision the caller may read."""
    row = pg.tx.decision(decision_id)
    return Room(
        id=row.id,
        version=row.version,
        doc=in_file_order(dict(row.document)),
        writer=pg.can_write(row.workspace_id),
        tab=tab if tab in TABS else "map",
        extra={"workspace_id": row.workspace_id},  # whose templates the library offers
    )


def gather(pg: Page, room: Room, view: int | None = None) -> None:
    """Read what the tab needs from the database (inside the request's transaction)."""
    if room.tab == "stakeholders":
        room.extra["links"] = surveys.links(pg.session, room.id)
        room.extra["answered"] = answered(pg, room.id)
    if room.tab == "history":
        room.extra["changes"] = [
            {**audit.change_public(c), "lines": old_new(c.patch)}
            for c in audit.history(pg.session, room.id)
        ]
        if view is not None:
            try:
                room.extra["viewed"] = audit.version(pg.session, room.id, view)
            except DecisionroomError:
                room.errors["version"] = "The decision has no such version."


def answered(pg: Page, decision_id: int) -> dict[str, str]:
    """Stakeholder id -> when their weights last changed, from the audit trail."""
    rows = pg.session.execute(
        select(DecisionChange.summary, DecisionChange.created_at)
        .where(
            DecisionChange.decision_id == decision_id,
            DecisionChange.summary.like("weights of stakeholder %"),
        )
        .order_by(DecisionChange.version)
    )
    out: dict[str, str] = {}
    for summary, at in rows:
        sid = summary.removeprefix("weights of stakeholder ").split(" ")[0]
        out[sid] = at.strftime("%Y-%m-%d %H:%M UTC")
    return out


def analysis(request: Request, room: Room, method: str | None = None) -> None:
    """The analysis of the current version (cached), after the transaction closed."""
    if room.tab not in ("analysis", "brief", "stakeholders", "map", "discovery"):
        return
    try:
        result, _ = analyses.lookup(
            request.app.state.store, room.id, room.version, room.doc, method=method
        )
    except DecisionroomError as exc:
        room.extra["analysis_error"] = exc.errors[0].msg if exc.errors else str(exc)
        return
    room.extra["analysis"] = result
    room.extra["safety"] = safety(result)
    if room.tab in ("map", "discovery"):
        from decisionroom.web.pages.cards import readiness_of
        from decisionroom.web.pages.library import safe_catalog

        catalog = safe_catalog(request, room.extra.get("workspace_id"))[0]
        room.extra["readiness"] = readiness_of(room.doc, result, catalog)
    if room.tab == "analysis":
        from decisionroom.engine.methods import all_methods

        room.extra["methods"] = [m.id for m in all_methods()]
        room.extra["method"] = method or (room.doc.get("method") or {}).get("name", "weighted-sum")


def room_page(request: Request, pg: Page, room: Room, status: int = 200) -> HTMLResponse:
    """Render the room (after :func:`analysis`)."""
    return page(
        request,
        f"room_{room.tab}.html",
        pg,
        status,
        room=room,
        d=room.doc,
        tabs=TABS,
        kinds=KINDS,
        gaps=gaps(room.doc),
        names={
            str(x["id"]): x.get("name") or x["id"]
            for key in ("options", "stakeholders")
            for x in room.doc.get(key) or []
        },
    )


@router.get("/d/{decision_id}")
def show(
    request: Request,
    decision_id: int,
    tab: str = "map",
    method: str | None = None,
    v: int | None = None,
    reader: Annotated[str, Query(alias="for")] = "decision-maker",
) -> HTMLResponse:
    """One tab of the decision room (the brief tab for one reader, ``for``)."""
    from decisionroom.web.pages import discovery

    with signed_in(request) as pg:
        room = load(pg, decision_id, tab)
        gather(pg, room, v)
        if room.tab == "discovery":
            discovery.gather(request, pg, room)
    analysis(request, room, method)
    if room.tab == "discovery":
        discovery.finish(request, room)
    if room.tab == "brief":
        brief_for(room, reader)
    return room_page(request, pg, room)


def brief_for(room: Room, reader: str) -> None:
    """The brief tab for one reader: the choices, and that reader's explanation as a preview.

    A subject's preview is that option's own view, with no other option named
    (docs/advice.md, "Views for each reader").
    """
    from decisionroom.explain.views import parse_view, view_text
    from decisionroom.model.validate import validate

    doc = room.doc
    room.extra["readers"] = (
        [("decision-maker", "The decision maker")]
        + [
            (f"stakeholder:{p['id']}", f"Stakeholder: {p.get('name') or p['id']}")
            for p in doc.get("stakeholders") or []
        ]
        + [
            (f"subject:{o['id']}", f"The option itself: {o.get('name') or o['id']}")
            for o in doc.get("options") or []
        ]
    )
    room.extra["reader"] = "decision-maker"
    if reader in ("", "decision-maker") or "analysis" not in room.extra:
        return
    try:
        decision = validate(dict(doc))
        parse_view(reader, decision)
    except DecisionroomError as exc:
        room.errors["for"] = exc.errors[0].msg if exc.errors else str(exc)
        return
    room.extra["reader"] = reader
    room.extra["reader_text"] = view_text(decision, room.extra["analysis"], reader)


def gaps(doc: dict[str, Any]) -> dict[str, str]:
    """What is missing in the chain goal -> challenges -> needs -> factors, with a hint each."""
    out: dict[str, str] = {}
    if not doc.get("goal"):
        out["goal"] = "No goal yet: write the client's goal, measurable and with a horizon."
    challenges = {c["id"] for c in doc.get("challenges") or []}
    served = {c for n in doc.get("needs") or [] for c in n.get("challenges") or []}
    for c in doc.get("challenges") or []:
        if c["id"] not in served:
            out[f"challenge:{c['id']}"] = (
                "No need answers this challenge: add a need below and tick this challenge."
            )
    used = {n for f in doc.get("factors") or [] for n in f.get("needs") or []}
    for n in doc.get("needs") or []:
        if not [c for c in n.get("challenges") or [] if c in challenges]:
            out[f"need:{n['id']}"] = (
                "This need overcomes no challenge: tick the challenge it answers."
            )
        elif n["id"] not in used:
            out[f"need:{n['id']}"] = "No factor measures this need: tie a factor to it."
    for f in doc.get("factors") or []:
        if not f.get("why"):
            out[f"factor:{f['id']}"] = (
                "No why: say on the Factors tab why it matters to the client."
            )
        elif not f.get("needs"):
            out[f"factor:{f['id']}"] = (
                "Serves no need: pick the need it measures on the Factors tab."
            )
    return out


@router.get("/d/{decision_id}/charts")
def charts(request: Request, decision_id: int) -> HTMLResponse:
    """The brief's charts of the current version, as inline SVG (loaded after the page)."""
    with signed_in(request) as pg:
        room = load(pg, decision_id, "analysis")
    analysis(request, room)
    svgs: dict[str, str] = {}
    if "analysis" in room.extra:
        svgs = _svgs(room)
    from decisionroom.web.pages.render import render

    return render(request, "charts.html", svgs=svgs)


# Drawn charts of recent versions: a cache of derived output, not state (any process can
# redraw them from the database), bounded so a long-running process stays small.
_CHARTS: dict[tuple[int, int, str], dict[str, str]] = {}
_CHARTS_MAX = 32


def _svgs(room: Room) -> dict[str, str]:
    key = (room.id, room.version, str(room.extra.get("method")))
    if key not in _CHARTS:
        if len(_CHARTS) >= _CHARTS_MAX:
            _CHARTS.pop(next(iter(_CHARTS)))
        _CHARTS[key] = _draw(room)
    return _CHARTS[key]


def _draw(room: Room) -> dict[str, str]:
    from markupsafe import Markup

    from decisionroom.reports import charts as chart_code
    from decisionroom.reports.content import build
    from decisionroom.store.decisions import model_of

    class _Row:  # model_of reads only the document
        document = room.doc

    brief = build(model_of(_Row()), room.extra["analysis"])  # type: ignore[arg-type]
    return {name: Markup(svg) for name, svg in chart_code.svgs(brief).items()}


def _short(value: Any) -> str:
    import json

    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return text if len(text) <= 70 else text[:67] + "..."


def old_new(patch: list[dict[str, Any]]) -> list[str]:
    """A change's JSON Patch as lines ``path: old -> new`` (the test ops hold the old values)."""
    old: dict[str, Any] = {}
    lines = []
    for op in patch:
        path = op.get("path", "")
        if op.get("op") == "test":
            old[path] = op.get("value")
        elif op.get("op") == "replace":
            lines.append(f"{path}: {_short(old.get(path))} → {_short(op.get('value'))}")
        elif op.get("op") == "remove":
            lines.append(f"{path}: {_short(old.get(path))} → removed")
        elif op.get("op") == "add":
            lines.append(f"{path}: added {_short(op.get('value'))}")
        else:
            lines.append(f"{path}: {op.get('op')}")
    return lines
