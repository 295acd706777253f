from __future__ import annotations

from fastapi.testclient import TestClient

from decisionroom.web.app import app_from_environment


def test_app_from_environment_opens_the_configured_store(tmp_path, monkeypatch):
    monkeypatch.setenv("DECISIONROOM_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DECISIONROOM_DATABASE_URL", raising=False)
    with TestClient(app_from_environment()) as client:
        assert client.get("/api/v1/openapi.json").json()["info"]["title"] == "decisionroom"
        assert client.get("/api/v1/me").status_code == 401
    assert (tmp_path / "decisionroom.db").is_file()


def test_serve_refuses_a_database_it_cannot_open(monkeypatch):
    from typer.testing import CliRunner

    from decisionroom.cli import app

    monkeypatch.setenv("DECISIONROOM_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/x")
    result = CliRunner().invoke(app, ["serve", "--port", "8799"])
    assert result.exit_code == 1
    assert result.output.startswith(
        "error: DECISIONROOM_DATABASE_URL: The database at 127.0.0.1:1/x cannot be opened:"
    )
