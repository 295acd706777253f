"""Search a workspace's library: PostgreSQL full-text search, or FTS5 in memory on SQLite.

On PostgreSQL the entries (the shipped templates, each workspace's own, their
insights and questions) live in ``library_entry`` (migration 0004) with a
generated ``tsvector``: title weighted A, concepts B, body C, Porter-like
English stemming, under a GIN index, so every app process searches the same
data. A workspace's entries are written with its template, in the same
transaction, and deleted with it (foreign key cascade). The shipped entries
carry the digest of the shipped set and are rewritten when a new release
ships different templates.

Ranking follows :mod:`decisionroom.library.search`: the query's words and
adjacent word pairs (as phrases) are ORed, the columns are weighted 4:3:1
(title, concepts, body) in ``ts_rank_cd``, and a template's score counts 1.5
times a single question's or insight's. ``ts_headline`` marks the matched
words with ``**``.

On SQLite the existing in-memory FTS5 search runs over the workspace's
catalog: about 2 ms for the shipped library (docs/library.md), so there is
no index to keep.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from decisionroom.library.catalog import Catalog, shipped
from decisionroom.library.search import BOOST, Entry, Hit, checked_terms, entries, query_pairs
from decisionroom.library.template import Template
from decisionroom.store.db import Store
from decisionroom.store.tables import WorkspaceTemplate

__all__ = ["index_template", "search", "sync_shipped"]

_LOCK = 4_711_2027  # advisory lock taken while the shipped entries are rewritten
#: ts_rank_cd's weights of D, C (body), B (concepts) and A (title): 1 : 3 : 4 as in FTS5.
_WEIGHTS = "{0, 0.25, 0.75, 1.0}"
_HEADLINE = 'StartSel="**", StopSel="**", MaxWords=16, MinWords=6, MaxFragments=1'
_VECTOR = (
    "setweight(to_tsvector('english', coalesce({t}.title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce({t}.concepts, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce({t}.body, '')), 'C')"
)
_INSERT = sql(
    "INSERT INTO library_entry (workspace_id, workspace_template_id, digest, kind, entry_id, "
    "template_id, title, body, concepts) VALUES (:workspace_id, :workspace_template_id, "
    ":digest, :kind, :id, :template, :title, :body, :concepts)"
)


def _rows(found: list[Entry], **columns: Any) -> list[dict[str, Any]]:
    return [{**e._asdict(), **columns} for e in found]


def index_template(session: Session, row: WorkspaceTemplate, template: Template) -> None:
    """Write the search entries of a workspace's template (PostgreSQL; nothing on SQLite)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    session.execute(
        sql("DELETE FROM library_entry WHERE workspace_template_id = :id"), {"id": row.id}
    )
    session.execute(
        _INSERT,
        _rows(
            entries([template]),
            workspace_id=row.workspace_id,
            workspace_template_id=row.id,
            digest=None,
        ),
    )


def shipped_digest() -> str:
    """A fingerprint of the shipped templates: it changes when a release changes them."""
    data = [t.model_dump(mode="json") for t in shipped()]
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _stored_digest(session: Session) -> str | None:
    found = session.execute(
        sql("SELECT digest FROM library_entry WHERE workspace_id IS NULL LIMIT 1")
    ).scalar()
    return None if found is None else str(found)


def sync_shipped(store: Store) -> bool:
    """Make the shipped entries match this release's templates; True when they were rewritten.

    Several processes may start at once: the rewrite runs under an advisory
    lock and checks the digest again once it holds it.
    """
    digest = shipped_digest()
    with store.transaction(read_only=True) as session:
        if _stored_digest(session) == digest:
            return False
    with store.transaction() as session:
        session.execute(sql("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK})
        if _stored_digest(session) == digest:
            return False
        session.execute(sql("DELETE FROM library_entry WHERE workspace_id IS NULL"))
        session.execute(
            _INSERT,
            _rows(entries(shipped()), workspace_id=None, workspace_template_id=None, digest=digest),
        )
    return True


def search(
    store: Store,
    workspace_id: int,
    text: str,
    limit: int = 10,
    kinds: tuple[str, ...] = (),
    user_folder: Path | None = None,
) -> list[Hit]:
    """The best ``limit`` hits of the workspace's library for a free-text query, best first."""
    from decisionroom.library import search as memory
    from decisionroom.store.library import list_templates, workspace_catalog

    checked_terms(text)
    if store.dialect != "postgresql":
        return memory.search(
            workspace_catalog(store, workspace_id, user_folder), text, limit=limit, kinds=kinds
        )
    sync_shipped(store)
    folder = Catalog.load(user_folder)
    own = [t for t in folder.templates if t.id in folder.user_ids]
    with store.transaction(read_only=True) as session:
        workspace_ids = [r.template_id for r in list_templates(session, workspace_id)]
        hidden = sorted(set(workspace_ids) | {t.id for t in own if t.id not in workspace_ids})
        extra = [t for t in own if t.id not in workspace_ids]
        return _query(session, workspace_id, text, limit, kinds, hidden, extra)


def _query(
    session: Session,
    workspace_id: int,
    text: str,
    limit: int,
    kinds: tuple[str, ...],
    hidden: list[str],
    extra: list[Template],
) -> list[Hit]:
    # The query's words ORed with its word pairs as phrases; the words are \w+ only, so
    # websearch_to_tsquery (which never fails on odd input) reads them as plain words.
    words = checked_terms(text) + [f'"{p}"' for p in query_pairs(text)]
    params: dict[str, Any] = {
        "q": " OR ".join(words),
        "ws": workspace_id,
        "hidden": hidden,
        "limit": limit * 3,  # room for the boost to reorder
    }
    # The user folder's templates are the calling machine's, not the team's: they join
    # the search as rows of this query only, with the same weighted vector.
    union = ""
    if extra:
        values = []
        for n, e in enumerate(entries(extra)):
            values.append(f"(:k{n}, :i{n}, :t{n}, :ti{n}, :b{n}, :c{n})")
            params.update(
                {
                    f"k{n}": e.kind,
                    f"i{n}": e.id,
                    f"t{n}": e.template,
                    f"ti{n}": e.title,
                    f"b{n}": e.body,
                    f"c{n}": e.concepts,
                }
            )
        union = (
            " UNION ALL SELECT x.kind, x.entry_id, x.template_id, x.title, x.body, x.concepts, "
            + _VECTOR.format(t="x")
            + " FROM (VALUES "
            + ", ".join(values)
            + ") AS x(kind, entry_id, template_id, title, body, concepts)"
        )
    kind_filter = ""
    if kinds:
        kind_filter = " AND e.kind = ANY(:kinds)"
        params["kinds"] = list(kinds)
    statement = (
        "WITH q AS (SELECT websearch_to_tsquery('english', :q) AS query), "
        "e AS (SELECT kind, entry_id, template_id, title, body, concepts, search "
        "FROM library_entry WHERE workspace_id = :ws "
        "OR (workspace_id IS NULL AND NOT (template_id = ANY(:hidden)))"
        f"{union}), "
        f"best AS (SELECT e.*, ts_rank_cd('{_WEIGHTS}', e.search, q.query) AS rank "
        f"FROM e, q WHERE e.search @@ q.query{kind_filter} "
        "ORDER BY rank DESC, e.kind, e.entry_id LIMIT :limit) "
        "SELECT kind, entry_id, template_id, title, rank, "
        f"ts_headline('english', concat_ws(' ', body, concepts), q.query, '{_HEADLINE}') "
        "FROM best, q"
    )
    hits = [
        Hit(kind, hid, title, float(rank) * BOOST.get(kind, 1.0), snippet, template)
        for kind, hid, template, title, rank, snippet in session.execute(sql(statement), params)
    ]
    return sorted(hits, key=lambda h: (-h.score, h.kind, h.id))[:limit]
