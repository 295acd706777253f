"""The board: a workspace's decisions by the client's stage; move, filter, search, create.

A new decision starts from the starter file or from any template of the
library (issue 14); a template's decision opens on the discovery guide.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from decisionroom.errors import InvalidDecision
from decisionroom.library import Catalog, new_decision
from decisionroom.model.decision import STAGES
from decisionroom.store import decisions
from decisionroom.web.pages.cards import cards
from decisionroom.web.pages.library import safe_catalog
from decisionroom.web.pages.render import error_page, page, redirect, signed_in
from decisionroom.web.pages.security import check_csrf
from decisionroom.web.routes.api_v1_decisions import _template

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)
STARTER = "starter"


def _choices(catalog: Catalog) -> list[tuple[str, str, str]]:
    """What the new-decision form offers: (value, title, description), the starter first."""
    out = [(STARTER, "Blank starter", "Fill in the goal, challenges, needs and factors yourself.")]
    return out + [(t.id, t.title, t.description) for t in catalog.templates]


def _matches(card_text: str, q: str) -> bool:
    return all(word in card_text for word in q.lower().split())


@router.get("/board")
def board(request: Request, q: str = "", stage: str = "", client: str = "") -> HTMLResponse:
    """Every decision of the current workspace, in columns by the client's stage."""
    with signed_in(request) as pg:
        ids = [pg.current] if pg.current is not None else []
        rows = decisions.listing(pg.session, ids)
        clients = sorted({r.client for r in rows if r.client})
        if client:
            rows = [r for r in rows if (r.client or "").lower() == client.lower()]
        if stage in STAGES:
            rows = [r for r in rows if (r.stage or "goal") == stage]
        if q:
            rows = [
                r
                for r in rows
                if _matches(f"{r.title} {r.client or ''} {r.recommendation or ''}".lower(), q)
            ]
        catalog, problem = safe_catalog(request, pg.current)
        found = cards(pg.session, rows, catalog)
        columns = {s: [c for c in found if c.stage == s] for s in STAGES}
        return page(
            request,
            "board.html",
            pg,
            columns=columns,
            q=q,
            stage=stage,
            client=client,
            clients=clients,
            total=len(found),
            writer=pg.current is not None and pg.can_write(pg.current),
            errors={},
            templates=_choices(catalog),
            catalog_problem=problem,
        )


@router.post("/d/{decision_id}/stage", response_model=None)
def move(
    request: Request, decision_id: int, stage: Annotated[str, Form()] = ""
) -> HTMLResponse | RedirectResponse:
    """Move a card to another stage of the client's decision."""
    if stage not in STAGES:
        return error_page(request, 422, f"The stage must be one of {', '.join(STAGES)}.")
    with signed_in(request) as pg:
        row = pg.tx.decision(decision_id, write=True)
        doc = dict(row.document)
        doc["stage"] = stage
        decisions.write(pg.session, row, row.version, doc, pg.tx.actor(), f"moved to {stage}")
    back = request.headers.get("referer", "")
    return redirect(back if "/board" in back else "/board")


@router.post("/board/new", response_model=None)
def create(
    request: Request,
    title: Annotated[str, Form()] = "",
    client: Annotated[str, Form()] = "",
    template: Annotated[str, Form()] = STARTER,
) -> HTMLResponse | RedirectResponse:
    """Start a decision from the starter or a library template, with its title and client.

    A template's decision may leave the title blank: it takes the template's title.
    """
    with signed_in(request) as pg:
        if pg.current is None or not pg.can_write(pg.current):
            return error_page(request, 403, "Viewers cannot create decisions.")
        catalog, problem = safe_catalog(request, pg.current)
        chosen = next((t for t in catalog.templates if t.id == template), None)
        errors = {}
        if template != STARTER and chosen is None:
            errors["template"] = "Choose a template from the list; this one is not in the library."
        elif not title.strip() and chosen is None:
            errors["title"] = "Give the decision a title, e.g. 'Marketing capability for growth'."
        if errors:
            return page(
                request,
                "board.html",
                pg,
                422,
                columns={s: [] for s in STAGES},
                q="",
                stage="",
                client="",
                clients=[],
                total=0,
                writer=True,
                errors=errors,
                new_title=title,
                new_client=client,
                new_template=template,
                templates=_choices(catalog),
                catalog_problem=problem,
            )
        if chosen is not None:
            data = new_decision(chosen, title.strip() or None)
        else:
            data = _template("starter")
            data.update(title=title.strip())
        data.update(client=client.strip() or None, stage="goal")
        try:
            row = decisions.create(pg.session, pg.current, data, pg.tx.actor())
        except InvalidDecision as exc:  # pragma: no cover - the templates are valid
            return error_page(request, 422, exc.errors[0].msg)
        return redirect(f"/d/{row.id}?tab={'discovery' if chosen is not None else 'map'}")
