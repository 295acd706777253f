"""API fixtures: the app on SQLite and PostgreSQL, three users in two workspaces."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from decisionroom.model.fileio import read
from decisionroom.store import accounts
from decisionroom.web import create_app
from tests._db import pg_store, pg_url, store  # noqa: F401
from tests.conftest import EXAMPLES

# Shared by every browser test module here: two sync Playwrights cannot run at once.
from tests.web.browser_fixtures import browser, server  # noqa: F401

EXAMPLE = EXAMPLES / "marketing-capability.yaml"


@dataclass
class Team:
    client: TestClient
    owner: dict[str, str]
    viewer: dict[str, str]
    outsider: dict[str, str]
    decision_id: int


@pytest.fixture
def team(store) -> Team:  # noqa: F811
    headers = {}
    with store.transaction() as s:
        for email, workspace, role in [
            ("dana@example.com", "northwind", "owner"),
            ("vic@example.com", "northwind", "viewer"),
            ("olga@example.com", "globex", "owner"),
        ]:
            user = accounts.add_user(s, email, email.split("@")[0], "correct horse")
            if role == "owner":
                accounts.add_workspace(s, workspace, user)
            else:
                accounts.set_role(s, accounts.workspace_by_name(s, workspace), user, role)
            _, token = accounts.create_api_token(s, user, "tests")
            headers[email] = {"Authorization": f"Bearer {token}"}
    app = create_app(store=store)
    with TestClient(app, raise_server_exceptions=False) as client:
        created = client.post(
            "/api/v1/decisions",
            json={"workspace": "northwind", "decision": read(EXAMPLE)},
            headers=headers["dana@example.com"],
        )
        assert created.status_code == 201, created.text
        yield Team(
            client,
            headers["dana@example.com"],
            headers["vic@example.com"],
            headers["olga@example.com"],
            created.json()["id"],
        )
