"""Alembic environment: runs on the connection :func:`decisionroom.store.db.migrate` passes."""

from __future__ import annotations

from alembic import context

from decisionroom.store.tables import Base, include_name

connection = context.config.attributes["connection"]
# render_as_batch: SQLite cannot ALTER most things; batch mode copies the table instead.
# include_name: autogenerate must never propose dropping the PostgreSQL search index table.
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    include_name=include_name,
)
context.run_migrations()
