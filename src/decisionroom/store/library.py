"""A workspace's library in the team store: its own templates, its catalog, search, learning.

A workspace's templates are template documents (docs/library.md) stored in
``workspace_template``; its catalog is the shipped templates, then the user
folder's (when one is given), then the workspace's own, which win on the same
id. Nothing here ever reads another workspace's templates or decisions
(issue 14: "never mixing workspaces").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from decisionroom.errors import InvalidInput
from decisionroom.library.catalog import Catalog, parse_template
from decisionroom.library.learn import Experience, learn
from decisionroom.library.search import Hit
from decisionroom.library.starter import decision_as_template
from decisionroom.library.template import Template
from decisionroom.model.decision import ID_PATTERN, MAX_ID
from decisionroom.store import decisions
from decisionroom.store.accounts import now
from decisionroom.store.db import Store
from decisionroom.store.errors import AlreadyExists, NotFound
from decisionroom.store.tables import WorkspaceTemplate

__all__ = [
    "delete_template",
    "get_template",
    "learn_workspace",
    "list_templates",
    "save_decision_as_template",
    "save_template",
    "search_library",
    "template_of",
    "workspace_catalog",
]

_ID = re.compile(ID_PATTERN)


def template_of(row: WorkspaceTemplate) -> Template:
    """The stored document as a :class:`~decisionroom.library.Template`."""
    return parse_template(dict(row.document), f"workspace template {row.template_id}")


def list_templates(session: Session, workspace_id: int) -> list[WorkspaceTemplate]:
    """The workspace's own templates, by id."""
    query = select(WorkspaceTemplate).where(WorkspaceTemplate.workspace_id == workspace_id)
    return list(session.scalars(query.order_by(WorkspaceTemplate.template_id)))


def workspace_catalog(
    session_or_store: Session | Store, workspace_id: int, user_folder: Path | None = None
) -> Catalog:
    """Shipped templates, the user folder's, then the workspace's own (which win on the same id)."""
    base = Catalog.load(user_folder)
    if isinstance(session_or_store, Store):
        with session_or_store.transaction(read_only=True) as session:
            own = [template_of(r) for r in list_templates(session, workspace_id)]
    else:
        own = [template_of(r) for r in list_templates(session_or_store, workspace_id)]
    return base.with_templates(own)


def get_template(
    session: Session, workspace_id: int, template_id: str, loc: str = "template_id"
) -> WorkspaceTemplate:
    """The workspace's own template with this id.

    Raises:
        NotFound: the workspace has no template of its own with this id (shipped
            templates and other workspaces' are not its own).
    """
    row = session.scalars(
        select(WorkspaceTemplate).where(
            WorkspaceTemplate.workspace_id == workspace_id,
            WorkspaceTemplate.template_id == template_id,
        )
    ).first()
    if row is None:
        raise NotFound.at(
            loc, "This workspace has no template of its own with this id.", input=template_id
        )
    return row


def _taken(template_id: str, loc: str) -> AlreadyExists:
    return AlreadyExists.at(
        loc,
        "This workspace has a template with this id already; delete it first, "
        "choose another id or replace it.",
        code="exists",
        input=template_id,
    )


def save_template(
    session: Session,
    workspace_id: int,
    data: Mapping[str, Any],
    actor: decisions.Actor,
    *,
    replace: bool = False,
    loc: str = "template",
) -> WorkspaceTemplate:
    """Store template data as one of the workspace's templates (checked first).

    Raises:
        InvalidTemplate: the data breaks the template schema (every problem located).
        AlreadyExists: the workspace has a template with this id and ``replace`` is false.
    """
    from decisionroom.store import library_search

    template = parse_template(dict(data), loc)
    document = template.model_dump(mode="json", by_alias=True, exclude_none=True)
    stamp = now()
    row = session.scalars(
        select(WorkspaceTemplate).where(
            WorkspaceTemplate.workspace_id == workspace_id,
            WorkspaceTemplate.template_id == template.id,
        )
    ).first()
    if row is not None and not replace:
        raise _taken(template.id, f"{loc}.id" if loc else "id")
    if row is None:
        row = WorkspaceTemplate(
            workspace_id=workspace_id, template_id=template.id, created_at=stamp
        )
    row.document = document
    row.actor = actor.label
    row.user_id = actor.user_id
    row.updated_at = stamp
    try:
        # A savepoint: on PostgreSQL two requests saving the same new id can both pass
        # the check above; the loser gets AlreadyExists (409), not a failed transaction.
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        raise _taken(template.id, f"{loc}.id" if loc else "id") from None
    library_search.index_template(session, row, template)
    return row


def save_decision_as_template(
    session: Session,
    decision_id: int,
    workspace_ids: list[int],
    template_id: str,
    actor: decisions.Actor,
    *,
    title: str | None = None,
    description: str | None = None,
    replace: bool = False,
) -> WorkspaceTemplate:
    """Save a stored decision as a template of its own workspace, client details stripped.

    The same as ``decisionroom library save-template`` on a file
    (:func:`decisionroom.library.to_template`): the client, decision maker,
    goal, challenges, needs, stakeholders, answers, risks and outcome are
    left out, and names in the texts are replaced by roles.

    Raises:
        NotFound: the decision is not in ``workspace_ids``.
        InvalidInput: ``template_id`` is not an id.
        AlreadyExists: the workspace has a template with this id already.
    """
    if len(template_id) > MAX_ID or not _ID.match(template_id):
        raise InvalidInput.at(
            "template_id",
            "A template id is letters, digits, '_', '.' or '-', starting with a letter or "
            f"digit, at most {MAX_ID} characters.",
            code="pattern",
            input=template_id,
        )
    row = decisions.get(session, workspace_ids, decision_id)
    if not replace and template_id in {
        t.template_id for t in list_templates(session, row.workspace_id)
    }:
        raise _taken(template_id, "template_id")
    catalog = workspace_catalog(session, row.workspace_id)
    data = decision_as_template(decisions.model_of(row), catalog, template_id, title, description)
    return save_template(session, row.workspace_id, data, actor, replace=replace, loc="")


def delete_template(session: Session, workspace_id: int, template_id: str) -> None:
    """Delete one of the workspace's own templates (its search entries go with it).

    Raises:
        NotFound: the workspace has no template of its own with this id.
    """
    row = get_template(session, workspace_id, template_id)
    session.execute(sql_delete(WorkspaceTemplate).where(WorkspaceTemplate.id == row.id))
    session.expunge(row)


def search_library(
    store: Store,
    workspace_id: int,
    text: str,
    limit: int = 10,
    kinds: tuple[str, ...] = (),
    *,
    user_folder: Path | None = None,
) -> list[Hit]:
    """Ranked full-text search over the workspace's library, best first.

    PostgreSQL: its own full-text search over the ``library_entry`` index;
    SQLite: FTS5 over the workspace's catalog, in memory. The hits have the
    shape of ``decisionroom library search --format json``.

    Raises:
        InvalidParameter: the text holds no word to search for.
    """
    from decisionroom.store import library_search

    return library_search.search(store, workspace_id, text, limit, kinds, user_folder)


def learn_workspace(
    session: Session, workspace_id: int, template_id: str | None = None
) -> list[Experience]:
    """What the workspace's stored decisions say, per template (one template if named).

    Only this workspace's decisions are read; each decision's current version.
    A decision whose recorded choice is not one of its options is left out.
    """
    found = []
    rows = sorted(decisions.listing(session, [workspace_id]), key=lambda r: r.id)  # oldest first
    for row in rows:
        d = decisions.model_of(row)
        if d.template is None or (template_id is not None and d.template != template_id):
            continue
        if d.outcome is not None and d.outcome.chosen not in {o.id for o in d.options}:
            continue
        found.append(d)
    return learn(found)
