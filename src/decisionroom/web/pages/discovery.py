"""The discovery guide, a tab of the decision room: the template's questions, answers, consequences.

Questions are grouped by stage, the client's current stage first. Answering
one applies the template's rules (:mod:`decisionroom.library.rules`) and saves
the result as a new version, with the same base-version check and 409 conflict
panel as every room form. The save redirects to the guide with
``answered=QUESTION&since=BASE``; the guide then shows what the answer did,
each consequence with its reason, and how the ranking moved from version
``BASE`` to now. Both are recomputed from the stored versions (the rules are
deterministic), so a reload or a live refresh shows the same thing.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from decisionroom.errors import DecisionroomError, ErrorDetail, InvalidDecision, InvalidInput
from decisionroom.library import Catalog, Template
from decisionroom.library.discovery import gaps, insights_for
from decisionroom.library.rules import Consequence, apply_answer, parse_answer
from decisionroom.library.template import Question
from decisionroom.model.decision import STAGES, AnswerValue
from decisionroom.model.decision import Decision as DecisionModel
from decisionroom.store import audit, decisions
from decisionroom.store.errors import StaleVersion
from decisionroom.web.pages.library import safe_catalog
from decisionroom.web.pages.render import Page, error_page, redirect, signed_in
from decisionroom.web.pages.room import Room, analysis, load, old_new, room_page
from decisionroom.web.pages.room_edit import _errors, _form
from decisionroom.web.pages.security import check_csrf

__all__ = ["finish", "gather", "stage_order"]

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)


@dataclass(frozen=True)
class Asked:
    """A question as the guide shows it, with the client's answer when there is one."""

    question: Question
    answered: bool
    answer: AnswerValue | None
    factors: list[str]


def stage_order(current: str) -> list[str]:
    """The stages as the guide lists them: the current one, the earlier ones, then later ones."""
    at = STAGES.index(current) if current in STAGES else 0
    return [STAGES[at], *STAGES[:at], *STAGES[at + 1 :]]


def template_of(doc: dict[str, Any], catalog: Catalog) -> Template | None:
    """The decision's template, None when it names none or the library no longer has it."""
    wanted = doc.get("template")
    return next((t for t in catalog.templates if t.id == wanted), None) if wanted else None


def gather(request: Request, pg: Page, room: Room) -> None:
    """Inside the transaction: the version an answer was based on, to show what it changed."""
    since = request.query_params.get("since", "")
    answered = request.query_params.get("answered", "")
    if not (since.isdigit() and answered):
        return
    try:
        room.extra["before_doc"] = audit.version_document(pg.session, room.id, int(since))
    except DecisionroomError:
        return  # an address from an old link: no comparison to show
    room.extra["answered_id"] = answered
    room.extra["since"] = int(since)


def finish(request: Request, room: Room) -> None:
    """After the analysis: questions by stage, gaps, insights, and what an answer changed."""
    catalog, _ = safe_catalog(request, room.extra.get("workspace_id"))
    template = template_of(room.doc, catalog)
    room.extra["template"] = template
    current = room.doc.get("stage") or "goal"
    room.extra["current_stage"] = current
    answers = room.doc.get("answers") or {}
    if template is not None:
        names = {f.id: f.name for f in template.factors}
        names.update({f["id"]: f.get("name") or f["id"] for f in room.doc.get("factors") or []})
        groups = []
        for stage in stage_order(current):
            asked = [
                Asked(q, q.id in answers, answers.get(q.id), [names.get(f, f) for f in q.factors])
                for q in template.questions
                if q.stage == stage
            ]
            if asked:
                groups.append((stage, asked))
        room.extra["groups"] = groups
    try:
        decision = DecisionModel.model_validate(room.doc)
    except ValidationError:  # pragma: no cover - stored documents were validated on write
        return
    room.extra["gaps"] = gaps(decision, room.extra.get("analysis"))
    room.extra["insights"] = insights_for(decision, template)
    if template is not None and "before_doc" in room.extra:
        _what_changed(room, template)


def _what_changed(room: Room, template: Template) -> None:
    qid = room.extra["answered_id"]
    question = next((q for q in template.questions if q.id == qid), None)
    answers = room.doc.get("answers") or {}
    if question is None or qid not in answers:
        return
    before = copy.deepcopy(room.extra["before_doc"])
    earlier = (before.get("answers") or {}).get(qid)
    consequences: list[Consequence] = apply_answer(
        copy.deepcopy(before), template, question, answers[qid]
    )
    room.extra["changed"] = {
        "question": question,
        "answer": answers[qid],
        "earlier": earlier,
        "consequences": consequences,
        **_ranking_moves(before, room.doc),
    }


def _quick(doc: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """The ranking without the robustness runs (milliseconds), or why it cannot run."""
    from decisionroom.analysis import analyze
    from decisionroom.model.validate import validate

    try:
        result: dict[str, Any] = analyze(validate(dict(doc)), robustness=False).to_dict()
    except DecisionroomError as exc:
        return None, "; ".join(d.msg for d in exc.errors) or str(exc)
    return result, ""


def _ranking_moves(before_doc: dict[str, Any], after_doc: dict[str, Any]) -> dict[str, Any]:
    """The winner before and now, each option's rank and score move, and what is set aside."""
    before, _ = _quick(before_doc)
    after, failure = _quick(after_doc)
    if before is None or after is None:
        return {"failure": failure or "the earlier version could not be analysed"}
    old = {r["option"]: r for r in before["ranking"]}
    rows = []
    for r in after["ranking"]:
        was = old.get(r["option"])
        rows.append(
            {
                "name": r["name"],
                "rank": r["rank"],
                "score": r["score"],
                "old_rank": was["rank"] if was else None,
                "old_score": was["score"] if was else None,
            }
        )
    ranked = {r["option"] for r in after["ranking"]}
    names = {f["id"]: f.get("name") or f["id"] for f in after_doc.get("factors") or []}
    w_old, w_new = before.get("weights") or {}, after.get("weights") or {}
    weights = [
        (names.get(f, f), 100 * float(w_old[f]) if f in w_old else None, 100 * float(w))
        for f, w in w_new.items()
        if f not in w_old or abs(float(w) - float(w_old[f])) >= 0.0005
    ]
    return {
        "winner_before": before["ranking"][0]["name"],
        "winner_after": after["ranking"][0]["name"],
        "rows": rows,
        "set_aside": [e for e in after.get("excluded") or [] if e.get("option") not in ranked],
        "weights": weights,
    }


@router.post("/d/{decision_id}/answer/{question_id}", response_model=None)
async def answer(
    request: Request, decision_id: int, question_id: str
) -> HTMLResponse | RedirectResponse:
    """Record the client's answer to a discovery question; the rules adapt the decision."""
    form = await _form(request)
    name = f"answers.{question_id}"
    base = form.number("merge_onto") or form.number("base", required=True)
    with signed_in(request) as pg:
        room = load(pg, decision_id, "discovery")
        row = pg.tx.decision(decision_id, write=True)
        catalog, _ = safe_catalog(request, row.workspace_id)
        template = template_of(dict(row.document), catalog)
        questions = template.questions if template is not None else []
        question = next((q for q in questions if q.id == question_id), None)
        if template is None or question is None:
            return error_page(request, 404, "This decision's template has no such question.")
        status = 200
        try:
            if base is None:
                raise InvalidInput.at("base", "The form lacks its version; reload the page.")
            if int(base) != row.version:
                raise decisions._stale(pg.session, row, int(base))
            typed = parse_answer(question, form.get(name), loc=name)
            document = copy.deepcopy(dict(row.document))  # the rules change nested rows in place
            apply_answer(document, template, question, typed)
            decisions.write(
                pg.session, row, int(base), document, pg.tx.actor(), f"answered {question_id}"
            )
        except InvalidDecision as exc:
            room.errors = _errors(exc)
            status = 422
        except InvalidInput as exc:
            room.errors = {
                d.loc or "_": ErrorDetail("", d.code, d.msg, d.input).render() for d in exc.errors
            }
            status = 422
        except StaleVersion as exc:
            changes = [{**c, "lines": old_new(c.get("patch") or [])} for c in exc.changes]
            room.conflict = {
                "current": exc.current,
                "changes": changes,
                "action": f"/d/{decision_id}/answer/{question_id}",
            }
            status = 409
        else:
            return redirect(
                f"/d/{decision_id}?tab=discovery&answered={question_id}&since={int(base)}"
                "#consequences"
            )
        room.form = form.values
        room.extra["pairs"] = form.pairs
    analysis(request, room)
    finish(request, room)
    return room_page(request, pg, room, status)
