from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from decisionroom.settings import Settings, default_data_dir
from decisionroom.store import open_store
from decisionroom.store.tables import Base, include_name


def test_migrations_build_exactly_the_tables(store):
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        assert compare_metadata(context, Base.metadata) == []
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        tables = set(inspect(connection).get_table_names())
    assert version == "0004"
    # the full-text index of the library is PostgreSQL's (SQLite searches in memory)
    assert ("library_entry" in tables) == (store.dialect == "postgresql")


def test_sqlite_default_file_wal_and_foreign_keys(tmp_path, monkeypatch):
    monkeypatch.delenv("DECISIONROOM_DATABASE_URL", raising=False)
    monkeypatch.setenv("DECISIONROOM_DATA_DIR", str(tmp_path / "data"))
    settings = Settings()
    assert settings.url() == f"sqlite:///{tmp_path / 'data' / 'decisionroom.db'}"
    store = open_store(settings)
    try:
        assert (tmp_path / "data" / "decisionroom.db").is_file()
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()


def test_opening_twice_migrates_once(tmp_path):
    settings = Settings(data_dir=tmp_path, database_url=None)
    open_store(settings).close()
    store = open_store(settings)
    with store.engine.connect() as connection:
        rows = connection.execute(text("SELECT count(*) FROM alembic_version")).scalar()
    store.close()
    assert rows == 1


def test_settings_database_url_from_environment(monkeypatch):
    monkeypatch.setenv("DECISIONROOM_DATABASE_URL", "postgresql+psycopg://u@db/team")
    assert Settings().url() == "postgresql+psycopg://u@db/team"


def test_default_data_dir_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_data_dir() == tmp_path / "decisionroom"


def test_upgrade_from_the_first_schema_keeps_the_data(tmp_path):
    from importlib.resources import files

    from alembic import command
    from alembic.config import Config

    from decisionroom.store.db import make_engine, migrate

    settings = Settings(data_dir=tmp_path, database_url=None)
    engine = make_engine(settings)
    config = Config()
    config.set_main_option("script_location", str(files("decisionroom.store") / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text("INSERT INTO workspace (id, name, created_at) VALUES (1, 'w', '2026-01-01')")
        )
        connection.execute(
            text(
                "INSERT INTO decision (id, workspace_id, version, document, title, created_at, updated_at)"
                " VALUES (1, 1, 1, '{}', 't', '2026-01-01', '2026-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO job (id, workspace_id, decision_id, kind, params, status, created_at)"
                " VALUES (1, 1, 1, 'brief', '{}', 'queued', '2026-01-01')"
            )
        )
    migrate(engine)  # SQLite batch mode copies the job table with its new columns
    with engine.connect() as connection:
        row = connection.execute(text("SELECT kind, status, attempts, started_at FROM job")).one()
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    assert tuple(row) == ("brief", "queued", 0, None)
    assert version == "0004"


def test_sqlite_readers_do_not_wait_for_a_writer(tmp_path):
    import threading
    import time

    from decisionroom.store.accounts import add_user

    store = open_store(Settings(data_dir=tmp_path, database_url=None))
    holding, release = threading.Event(), threading.Event()

    def writer():
        with store.transaction() as s:
            add_user(s, "dana@example.com", "Dana", "correct horse")
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert holding.wait(10)
        started = time.perf_counter()
        with store.transaction(read_only=True) as s:
            assert s.execute(text("SELECT count(*) FROM user")).scalar() == 0  # not committed yet
        assert time.perf_counter() - started < 1
    finally:
        release.set()
        thread.join()
    with store.transaction(read_only=True) as s:
        assert s.execute(text('SELECT count(*) FROM "user"')).scalar() == 1
    store.close()
