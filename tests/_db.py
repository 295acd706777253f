"""Database fixtures: every store test runs on SQLite and on PostgreSQL.

PostgreSQL tests use a throwaway database created for this test session on the
server of ``DECISIONROOM_TEST_DATABASE_URL`` (default: the local ``test``
database), so engineers running the suite at once never collide. They skip with
the reason when no server answers, and fail under CI (``tests/conftest.py``).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from tests.conftest import require

pytest.importorskip("sqlalchemy", reason="the store needs the [server] extra")

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from decisionroom.settings import Settings  # noqa: E402
from decisionroom.store import Store, open_store  # noqa: E402
from decisionroom.store.tables import Base  # noqa: E402

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _server_url() -> str:
    return os.environ.get("DECISIONROOM_TEST_DATABASE_URL", DEFAULT_PG)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str | None]:
    """A fresh PostgreSQL database for this session, dropped at the end; None if unreachable."""
    server = make_url(_server_url())
    name = f"decisionroom_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception:  # noqa: BLE001 - any failure means "no server for these tests"
        admin.dispose()
        yield None
        return
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def pg_store(pg_url: str | None) -> Iterator[Store | None]:
    """One migrated store on the session's PostgreSQL database."""
    if pg_url is None:
        yield None
        return
    store = open_store(Settings(database_url=pg_url))
    yield store
    store.close()


def _empty(store: Store) -> None:
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with store.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[Store]:
    """A migrated, empty store on SQLite (a fresh file) or PostgreSQL (emptied)."""
    if request.param == "sqlite":
        settings = Settings(data_dir=tmp_path, database_url=None)  # type: ignore[arg-type]
        sqlite = open_store(settings)
        yield sqlite
        sqlite.close()
        return
    yield _postgres(request)


@pytest.fixture
def postgres_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """The emptied PostgreSQL store alone, for what only PostgreSQL has (no SQLite run)."""
    yield _postgres(request)


def _postgres(request: pytest.FixtureRequest) -> Store:
    pg: Store | None = request.getfixturevalue("pg_store")
    require(
        "PostgreSQL",
        pg is not None,
        f"no server answered at {make_url(_server_url()).render_as_string()}; "
        "start one or set DECISIONROOM_TEST_DATABASE_URL",
    )
    assert pg is not None
    _empty(pg)
    return pg
