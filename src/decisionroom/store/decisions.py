"""Decisions as versioned documents: create, read, list, write on a base version, delete.

A write names the version it is based on; the ``UPDATE`` only matches that
version, so of two writers based on the same version exactly one wins and the
other gets :class:`~decisionroom.store.errors.StaleVersion` with what changed
meanwhile, on SQLite and PostgreSQL alike, with no lock held between requests.
Every version is recorded by :mod:`decisionroom.store.audit`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from decisionroom.errors import DecisionroomError
from decisionroom.model.decision import Decision as DecisionModel
from decisionroom.model.fileio import to_data
from decisionroom.model.validate import validate
from decisionroom.store import analyses, audit
from decisionroom.store.accounts import now
from decisionroom.store.errors import NotFound, StaleVersion
from decisionroom.store.tables import AnalysisCache, Decision

__all__ = [
    "Actor",
    "create",
    "delete",
    "document_of",
    "in_file_order",
    "get",
    "listing",
    "model_of",
    "recommendation",
    "restore",
    "version_of",
    "write",
]


class Actor:
    """Who makes a change: a user (``user_id``) or someone named by ``label``."""

    def __init__(self, label: str, user_id: int | None = None) -> None:
        self.label = label
        self.user_id = user_id


def document_of(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate decision-file data and return the document stored for it.

    Raises:
        InvalidDecision: every located problem, as for a file.
    """
    return to_data(validate(dict(data)))


def model_of(row: Decision) -> DecisionModel:
    """The stored document as a :class:`~decisionroom.model.Decision`, keys in file order."""
    return validate(in_file_order(dict(row.document)))


def in_file_order(document: dict[str, Any]) -> dict[str, Any]:
    """The document with every map keyed by factor or option ids in the file's list order.

    PostgreSQL's JSONB keeps the content but not the key order, so a decision
    read back from it would list performance and weights in JSONB's order;
    this puts them back in the order of the factors and options lists.
    """
    lists = [
        [str(x.get("id")) for x in document.get(key) or [] if isinstance(x, dict)]
        for key in ("factors", "options")
    ]

    def order(value: Any) -> Any:
        if isinstance(value, list):
            return [order(v) for v in value]
        if not isinstance(value, dict):
            return value
        keys = set(value)
        for ids in lists:
            if keys and keys <= set(ids):
                return {k: order(value[k]) for k in ids if k in keys}
        return {k: order(v) for k, v in value.items()}

    return {k: order(v) for k, v in document.items()}


def recommendation(document: Mapping[str, Any]) -> str | None:
    """The first-ranked option of a quick analysis (no robustness), for the list column."""
    from decisionroom.analysis import analyze

    try:
        return analyze(validate(dict(document)), robustness=False).winner.option
    except DecisionroomError:
        return None


#: Decisions with at most this many options are analysed in full when written (see _analysed):
#: about 0.1 s for 30 options, while 200 take over 2 s, too long to hold a version's row lock.
ANALYSE_ON_WRITE_OPTIONS = 30


def _analysed(session: Session, row: Decision) -> None:
    """Set the recommendation column of the row's new version and cache its analysis.

    A new version is analysed once, here, after its ``UPDATE`` won (a stale
    write never pays for it), and cached in the same transaction: every read
    then finds it, instead of each app process recomputing it on its first read
    (issue 12, analysis read p95). Long lists only get the quick ranking here;
    their full analysis is computed when first read.
    """
    document = dict(row.document)
    result: dict[str, Any] | None = None
    if len(document.get("options") or []) > ANALYSE_ON_WRITE_OPTIONS:
        winner = recommendation(document)
    else:
        try:
            result = analyses.compute(document)
        except DecisionroomError:
            winner = None
        else:
            ranking = result.get("ranking") or []
            winner = str(ranking[0]["option"]) if ranking else None
    row.recommendation = winner
    if result is not None:
        session.add(
            AnalysisCache(
                decision_id=row.id,
                version=row.version,
                key=analyses.DEFAULT_KEY,
                result=result,
                created_at=now(),
            )
        )
    session.flush()


def _columns(document: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "title": document["title"],
        "client": document.get("client"),
        "stage": document.get("stage"),
    }


def create(
    session: Session,
    workspace_id: int,
    data: Mapping[str, Any],
    actor: Actor,
    *,
    analyse: bool = True,
) -> Decision:
    """Store a new decision (version 1) from decision-file data.

    ``analyse=False`` (bulk imports) sets only the recommendation column from
    the quick ranking; the full analysis then waits for the first read,
    instead of costing every imported decision its 40 ms up front.
    """
    document = document_of(data)
    stamp = now()
    row = Decision(
        workspace_id=workspace_id,
        version=1,
        document=document,
        created_at=stamp,
        updated_at=stamp,
        **_columns(document),
    )
    session.add(row)
    session.flush()
    audit.record(session, row, {}, actor, "created")
    if analyse:
        _analysed(session, row)
    else:
        row.recommendation = recommendation(document)
        session.flush()
    return row


def get(session: Session, workspace_ids: Iterable[int], decision_id: int) -> Decision:
    """The decision, if it belongs to one of these workspaces.

    Raises:
        NotFound: no such decision in these workspaces (existence is not revealed).
    """
    row = session.get(Decision, decision_id)
    if row is None or row.workspace_id not in set(workspace_ids):
        raise NotFound.at("decision_id", "There is no decision with this id.", input=decision_id)
    return row


def version_of(session: Session, workspace_ids: Iterable[int], decision_id: int) -> int:
    """The current version of a decision of these workspaces, without reading its document.

    Raises:
        NotFound: no such decision in these workspaces.
    """
    found = session.execute(
        select(Decision.workspace_id, Decision.version).where(Decision.id == decision_id)
    ).first()
    if found is None or found[0] not in set(workspace_ids):
        raise NotFound.at("decision_id", "There is no decision with this id.", input=decision_id)
    return int(found[1])


def listing(
    session: Session,
    workspace_ids: Iterable[int],
    *,
    stage: str | None = None,
    client: str | None = None,
) -> list[Decision]:
    """The decisions of these workspaces, most recently updated first."""
    query = select(Decision).where(Decision.workspace_id.in_(list(workspace_ids)))
    if stage is not None:
        query = query.where(Decision.stage == stage)
    if client is not None:
        query = query.where(func.lower(Decision.client) == client.lower())
    return list(session.scalars(query.order_by(Decision.updated_at.desc(), Decision.id.desc())))


def write(
    session: Session,
    row: Decision,
    base_version: int,
    data: Mapping[str, Any],
    actor: Actor,
    summary: str = "",
) -> Decision:
    """Replace the document with ``data`` if ``base_version`` is still current.

    Raises:
        InvalidDecision: the new document is not a valid decision.
        StaleVersion: someone wrote a newer version first.
    """
    document = document_of(data)
    old = dict(row.document)
    if base_version != row.version:
        raise _stale(session, row, base_version)
    if document == old:
        return row  # nothing changed: no new version
    result = session.execute(
        update(Decision)
        .where(Decision.id == row.id, Decision.version == base_version)
        .values(
            version=base_version + 1,
            document=document,
            updated_at=now(),
            **_columns(document),
        )
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        session.refresh(row)
        raise _stale(session, row, base_version)
    session.refresh(row)
    audit.record(session, row, old, actor, summary)
    _analysed(session, row)
    return row


def _stale(session: Session, row: Decision, base_version: int) -> StaleVersion:
    session.refresh(row)
    return StaleVersion(base_version, row.version, audit.changes_since(session, row, base_version))


def delete(session: Session, row: Decision) -> None:
    """Delete a decision with its versions, links and cached analyses."""
    session.delete(row)
    session.flush()


def restore(session: Session, row: Decision, number: int, actor: Actor) -> Decision:
    """Make a past version the current one again, as a new version."""
    document = audit.version_document(session, row.id, number)
    return write(session, row, row.version, document, actor, f"restored version {number}")
