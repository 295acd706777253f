"""The stakeholder survey behind a secret link: no account, one decision, one person's weights.

The token in the address is the only credential and opens only these pages
(the survey and its submission); it reaches no other page or API route
(docs/web.md). A submission is checked like a file, recorded in the audit
trail as the stakeholder's, and analysed at once, so the stakeholder sees
what their own weights would choose.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from decisionroom.errors import ErrorDetail, InvalidDecision
from decisionroom.store import analyses, surveys
from decisionroom.web.pages.forms import Form
from decisionroom.web.pages.render import render
from decisionroom.web.pages.security import check_csrf

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)
FORMS = {
    "points": "Points",
    "ranking": "Rank",
    "swing": "Swing",
    "pairwise": "Pairs",
    "best_worst": "Best and worst",
}
SCALE = [9, 7, 5, 3, 2, 1]


def current_form(weights: Any) -> str:
    """The form the stakeholder answered in last (points when not yet)."""
    if isinstance(weights, dict):
        for key in ("ranking", "swing", "pairwise", "best_worst"):
            if key in weights:
                return key
    return "points"


def weights_from(kind: str, form: Form, factors: list[str]) -> Any:
    """The weights a survey form describes, in the decision file's form."""
    if kind == "ranking":
        order = [f for f in form.getlist("ranking") if f in factors]
        return {"ranking": order or factors}
    if kind == "swing":
        return {"swing": {f: form.number(f"swing.{f}", required=True) for f in factors}}
    if kind == "pairwise":
        judgments = []
        for a, b in combinations(factors, 2):
            value = form.number(f"pair.{a}.{b}", required=True)
            if value is None:
                continue
            # the select says how strongly the left (negative) or right factor wins
            judgments.append([a, b, 1 / -value if value < 0 else value if value > 0 else 1])
        return {"pairwise": {"judgments": judgments}}
    if kind == "best_worst":
        best, worst = form.get("best"), form.get("worst")
        out: dict[str, Any] = {
            "best_worst": {
                "best": best,
                "worst": worst,
                "best_to_others": {
                    f: 1 if f == best else form.number(f"bo.{f}", required=True) for f in factors
                },
                "others_to_worst": {
                    f: 1 if f == worst else form.number(f"ow.{f}", required=True) for f in factors
                },
            }
        }
        # best over worst is one judgment, asked once: both maps hold it
        pair = out["best_worst"]
        if best in pair["others_to_worst"] and worst in pair["best_to_others"]:
            pair["others_to_worst"][best] = pair["best_to_others"][worst]
        return out
    return {f: form.number(f"points.{f}", required=True) for f in factors}


def _context(view: dict[str, Any], kind: str) -> dict[str, Any]:
    factors = [f["id"] for f in view["factors"]]
    return {
        "v": view,
        "kind": kind if kind in FORMS else current_form(view.get("weights")),
        "forms": FORMS,
        "pairs": list(combinations(view["factors"], 2)),
        "scale": SCALE,
        "mine": view.get("weights") or {},
        "factor_ids": factors,
    }


@router.get("/s/{token}")
def survey(request: Request, token: str, form: str = "") -> HTMLResponse:
    """The survey: the goal, the factors and why each matters, the weighing."""
    with request.app.state.store.transaction(read_only=True) as session:
        link, row = surveys.resolve(session, token)
        view = surveys.view(link, row)
    return render(
        request, "survey.html", token=token, errors={}, result=None, **_context(view, form)
    )


@router.post("/s/{token}")
async def submit(request: Request, token: str) -> HTMLResponse:
    """Record the stakeholder's weights and show what they would choose."""
    data = await request.form()
    form = Form([(k, v) for k, v in data.multi_items() if isinstance(v, str)])
    kind = form.get("kind") if form.get("kind") in FORMS else "points"
    store = request.app.state.store
    errors: dict[str, str] = {}
    with store.transaction() as session:
        link, row = surveys.resolve(session, token)
        factors = [f["id"] for f in row.document["factors"]]
        weights = weights_from(kind, form, factors)
        if not form.errors:
            try:
                row = surveys.submit(session, link, row, weights)
            except InvalidDecision as exc:
                errors = {
                    d.loc: ErrorDetail("", d.code, d.msg, d.input).render() for d in exc.errors
                }
        view = surveys.view(link, row)
        decision_id, version, document = row.id, row.version, dict(row.document)
        show_options, stakeholder = link.show_options, link.stakeholder
    errors.update(form.errors)
    if errors:
        context = _context(view, kind)
        return render(
            request,
            "survey.html",
            422,
            token=token,
            errors=errors,
            result=None,
            posted=form.values,
            **context,
        )
    result = analyses.analysis_of(store, decision_id, version, document)  # cached by the write
    mine = ((result.get("consensus") or {}).get("stakeholders") or {}).get(stakeholder) or {}
    names = {o["id"]: o.get("name") or o["id"] for o in document["options"]}
    outcome = {
        "weights": mine.get("weights") or {},
        "choice": names.get(mine.get("winner"), mine.get("winner")) if show_options else None,
    }
    return render(
        request, "survey.html", token=token, errors={}, result=outcome, **_context(view, kind)
    )
