"""The database engine from the settings, and the migrations applied on start.

SQLite (the default, one file in the user's data directory) runs in WAL mode
with foreign keys on; every transaction starts with ``BEGIN IMMEDIATE`` so two
writers queue for the lock instead of failing half-way with "database is
locked" (SQLite cannot upgrade a read transaction to a write one while another
writer holds it); transactions that only read begin with a plain ``BEGIN``
and never wait. PostgreSQL runs the migrations under an advisory lock, so
several app processes starting at once apply them exactly once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from decisionroom.settings import Settings

__all__ = ["Store", "make_engine", "migrate", "open_store"]

_MIGRATION_LOCK = 4_711_2026  # any constant shared by every process of the app
READ_ONLY = "decisionroom_read_only"  # execution option of a transaction that never writes


def make_engine(settings: Settings) -> Engine:
    """An engine for the configured database (SQLite file by default)."""
    url = settings.url()
    if url.startswith("sqlite"):
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        _sqlite_pragmas(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, say when a transaction begins (see module doc).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # Readers need no lock in WAL mode; only a transaction that may write queues for it.
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def migrate(engine: Engine) -> None:
    """Bring the database schema up to date (Alembic ``upgrade head``)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("decisionroom.store") / "migrations"))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Store:
    """The database of one deployment: an engine and its sessions."""

    def __init__(self, settings: Settings, engine: Engine) -> None:
        self.settings = settings
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @contextmanager
    def transaction(self, *, read_only: bool = False) -> Iterator[Session]:
        """One session in one transaction: committed on success, rolled back on any error.

        ``read_only`` promises that nothing is written: on SQLite such a
        transaction does not wait for the write lock.
        """
        with self._sessions() as session, session.begin():
            if read_only:
                session.connection(execution_options={READ_ONLY: True})
            yield session

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()


def open_store(settings: Settings, *, apply_migrations: bool = True) -> Store:
    """Open the configured database and apply the migrations it lacks.

    Raises:
        StoreUnavailable: the database cannot be reached or opened.
    """
    from sqlalchemy.exc import ArgumentError, OperationalError

    from decisionroom.store.errors import StoreUnavailable

    url = settings.url()
    shown = url.split("@")[-1] if "@" in url else url  # never print a password
    try:
        engine = make_engine(settings)
        if apply_migrations:
            migrate(engine)
    except (OperationalError, ArgumentError, OSError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise StoreUnavailable.at(
            "DECISIONROOM_DATABASE_URL",
            f"The database at {shown} cannot be opened: {reason}",
            code="store_unavailable",
        ) from None
    return Store(settings, engine)
