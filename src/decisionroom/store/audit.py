"""The audit trail: every version of a decision, who made it and when, as a JSON Patch.

Each change's patch turns the previous version into this one. Before every
``replace`` or ``remove`` it holds a ``test`` operation with the old value, so
the patch shows old -> new and still applies with any JSON Patch library
(RFC 6902). Weights and performance changes are therefore visible to the
client: nobody can tune the weights after seeing the scores unseen.
"""

from __future__ import annotations

from typing import Any

import jsonpatch
from sqlalchemy import select
from sqlalchemy.orm import Session

from decisionroom.store.accounts import now
from decisionroom.store.errors import NotFound
from decisionroom.store.tables import Decision, DecisionChange

__all__ = ["changes_since", "diff", "history", "record", "version", "version_document"]


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """The JSON Patch from ``old`` to ``new``, with the old values as ``test`` operations."""
    out: list[dict[str, Any]] = []
    for op in jsonpatch.make_patch(old, new).patch:
        if op["op"] in ("replace", "remove"):
            previous = jsonpatch.JsonPointer(op["path"]).resolve(old)
            out.append({"op": "test", "path": op["path"], "value": previous})
        out.append(dict(op))
    return out


def _summary(patch: list[dict[str, Any]]) -> str:
    keys = []
    for op in patch:
        if op["op"] == "test":
            continue
        key = op["path"].split("/")[1] if op["path"] else "(document)"
        if key not in keys:
            keys.append(key)
    return "changed " + ", ".join(keys) if keys else "no change"


def record(
    session: Session, row: Decision, old: dict[str, Any], actor: Any, summary: str = ""
) -> DecisionChange:
    """Record the row's current version, made by ``actor`` from the ``old`` document."""
    patch = diff(old, dict(row.document))
    change = DecisionChange(
        decision_id=row.id,
        version=row.version,
        actor=actor.label,
        user_id=actor.user_id,
        summary=summary or _summary(patch),
        patch=patch,
        document=dict(row.document),
        created_at=now(),
    )
    session.add(change)
    session.flush()
    return change


def history(session: Session, decision_id: int) -> list[DecisionChange]:
    """Every version, oldest first."""
    query = select(DecisionChange).where(DecisionChange.decision_id == decision_id)
    return list(session.scalars(query.order_by(DecisionChange.version)))


def version(session: Session, decision_id: int, number: int) -> DecisionChange:
    """One version of a decision.

    Raises:
        NotFound: the decision has no such version.
    """
    found = session.scalar(
        select(DecisionChange).where(
            DecisionChange.decision_id == decision_id, DecisionChange.version == number
        )
    )
    if found is None:
        raise NotFound.at("version", "The decision has no such version.", input=number)
    return found


def version_document(session: Session, decision_id: int, number: int) -> dict[str, Any]:
    """The decision file as it was at one version."""
    return dict(version(session, decision_id, number).document)


def change_public(change: DecisionChange) -> dict[str, Any]:
    """A change as the API and the CLI show it."""
    return {
        "version": change.version,
        "actor": change.actor,
        "at": change.created_at.isoformat(),
        "summary": change.summary,
        "patch": change.patch,
    }


def changes_since(session: Session, row: Decision, base: int) -> list[dict[str, Any]]:
    """The changes made after version ``base``, oldest first."""
    query = select(DecisionChange).where(
        DecisionChange.decision_id == row.id, DecisionChange.version > base
    )
    return [change_public(c) for c in session.scalars(query.order_by(DecisionChange.version))]
