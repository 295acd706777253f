"""Persistence for teams: decisions as versioned documents, accounts, the audit trail.

SQLite by default (one file in the user's data directory, no setup),
PostgreSQL by one URL (``DECISIONROOM_DATABASE_URL``). The schema is created
and upgraded by the Alembic migrations shipped in ``store/migrations``,
applied when the store opens::

    from decisionroom.settings import Settings
    from decisionroom.store import open_store

    store = open_store(Settings())
    with store.transaction() as session:
        ...
"""

from __future__ import annotations

from decisionroom.store.db import Store, make_engine, migrate, open_store

__all__ = ["Store", "make_engine", "migrate", "open_store"]
