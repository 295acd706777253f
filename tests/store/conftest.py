"""Store fixtures (SQLite and PostgreSQL)."""

from tests._db import pg_store, pg_url, postgres_store, store  # noqa: F401
