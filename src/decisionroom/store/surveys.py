"""Stakeholder survey links: a secret link per stakeholder to weigh one decision's factors.

The token is 256 random bits, shown once and stored as its SHA-256; a link
expires and can be revoked. Through it one stakeholder reads what they need to
weigh the factors (the goal, the factors and why each matters, the options if
the seller allows) and submits their own weights in any form the decision file
takes. A submission is checked like a file, recorded in the audit trail as the
stakeholder's, and never touches anything but that stakeholder's weights.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from decisionroom.errors import ErrorDetail, InvalidDecision
from decisionroom.model.decision import WEIGHT_FORMS
from decisionroom.store import decisions
from decisionroom.store.accounts import hash_secret, new_secret, now
from decisionroom.store.errors import NotFound, StaleVersion
from decisionroom.store.tables import Decision, SurveyLink

__all__ = ["create", "links", "resolve", "revoke", "stakeholder_index", "submit", "view"]

#: The forms a stakeholder may weigh in (objective weights come from the table, not a person).
FORMS = ["points", *[f for f in WEIGHT_FORMS if f != "objective"]]


def stakeholder_index(document: dict[str, Any], stakeholder: str) -> int:
    """Where the stakeholder is in the decision's list.

    Raises:
        NotFound: the decision has no such stakeholder.
    """
    for i, person in enumerate(document.get("stakeholders") or []):
        if person.get("id") == stakeholder:
            return i
    raise NotFound.at("stakeholder_id", "The decision has no such stakeholder.", input=stakeholder)


def create(
    session: Session,
    row: Decision,
    stakeholder: str,
    *,
    days: int,
    show_options: bool,
    user_id: int | None,
) -> tuple[SurveyLink, str]:
    """A new link for one stakeholder; returns it with its token (shown once)."""
    stakeholder_index(dict(row.document), stakeholder)
    token, digest = new_secret()
    stamp = now()
    link = SurveyLink(
        decision_id=row.id,
        stakeholder=stakeholder,
        token_hash=digest,
        show_options=show_options,
        created_by=user_id,
        created_at=stamp,
        expires_at=stamp + dt.timedelta(days=days),
    )
    session.add(link)
    session.flush()
    return link, token


def links(session: Session, decision_id: int) -> list[SurveyLink]:
    """The decision's links, oldest first."""
    query = select(SurveyLink).where(SurveyLink.decision_id == decision_id)
    return list(session.scalars(query.order_by(SurveyLink.id)))


def revoke(session: Session, decision_id: int, link_id: int) -> SurveyLink:
    """Revoke a link; it stops working at once."""
    link = session.get(SurveyLink, link_id)
    if link is None or link.decision_id != decision_id:
        raise NotFound.at("link_id", "The decision has no survey link with this id.", input=link_id)
    link.revoked_at = link.revoked_at or now()
    return link


def resolve(session: Session, token: str) -> tuple[SurveyLink, Decision]:
    """The live link a token opens, and its decision.

    Raises:
        NotFound: unknown, expired or revoked (one answer for all, so nothing is revealed).
    """
    link = session.scalar(select(SurveyLink).where(SurveyLink.token_hash == hash_secret(token)))
    row = session.get(Decision, link.decision_id) if link is not None else None
    if link is None or row is None or link.revoked_at is not None or link.expires_at <= now():
        raise NotFound.at(
            "token", "This survey link is unknown, expired or revoked; ask for a new one."
        )
    stakeholder_index(dict(row.document), link.stakeholder)
    return link, row


def view(link: SurveyLink, row: Decision) -> dict[str, Any]:
    """What the stakeholder sees: goal, factors and why, their weights, options if allowed."""
    doc = dict(row.document)
    person = doc["stakeholders"][stakeholder_index(doc, link.stakeholder)]
    keep = ("id", "name", "why", "direction", "unit")
    return {
        "title": doc["title"],
        "goal": doc.get("goal"),
        "stakeholder": {k: person[k] for k in ("id", "name", "role") if k in person},
        "factors": [{k: f[k] for k in keep if k in f} for f in doc["factors"]],
        "options": (
            [{k: o[k] for k in ("id", "name", "kind") if k in o} for o in doc["options"]]
            if link.show_options
            else None
        ),
        "weights": person.get("weights"),
        "forms": FORMS,
    }


def submit(session: Session, link: SurveyLink, row: Decision, weights: Any) -> Decision:
    """Replace the stakeholder's own weights; errors are located under ``weights``.

    The write is based on the version just read; when a colleague writes in
    between, it is applied again to their version (only these weights change).
    """
    if isinstance(weights, dict) and "objective" in weights:
        raise InvalidDecision.at(
            "weights.objective",
            "A stakeholder weighs the factors themselves; objective weights come from the "
            "performance table, not from a person. Use points, ranking, swing, pairwise "
            "or best_worst.",
            code="form",
        )
    actor = decisions.Actor(f"stakeholder {link.stakeholder} (survey link {link.id})")
    for _ in range(5):
        doc = dict(row.document)
        index = stakeholder_index(doc, link.stakeholder)
        people = [dict(p) for p in doc["stakeholders"]]
        people[index]["weights"] = weights
        prefix = f"stakeholders[{index}].weights"
        try:
            return decisions.write(
                session,
                row,
                row.version,
                {**doc, "stakeholders": people},
                actor,
                f"weights of stakeholder {link.stakeholder} (survey)",
            )
        except InvalidDecision as exc:
            raise InvalidDecision(
                [_relocate(d, prefix) for d in exc.errors if d.loc.startswith(prefix)] or exc.errors
            ) from None
        except StaleVersion:
            session.refresh(row)
    raise StaleVersion(row.version - 1, row.version, [])  # pragma: no cover - five writers in a row


def _relocate(detail: ErrorDetail, prefix: str) -> ErrorDetail:
    return ErrorDetail("weights" + detail.loc[len(prefix) :], detail.code, detail.msg, detail.input)
