"""Fixtures of the page tests: the app on a fresh SQLite store, a team, a signed-in browser."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from decisionroom.model.fileio import read
from decisionroom.settings import Settings
from decisionroom.store import accounts, decisions, open_store
from decisionroom.web import create_app
from tests.conftest import EXAMPLES

PASSWORD = "correct horse"


@dataclass
class Site:
    app: object
    store: object
    client: TestClient
    decision_id: int

    def browser(self) -> TestClient:
        """Another browser (its own cookies) on the same app."""
        return TestClient(self.app, raise_server_exceptions=False, follow_redirects=False)


def csrf(client: TestClient) -> str:
    if not client.cookies.get("decisionroom_csrf"):
        client.get("/login")
    return client.cookies["decisionroom_csrf"]


def sign_in(client: TestClient, email: str) -> None:
    token = csrf(client)
    r = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 303, r.text


def field(html: str, name: str) -> str:
    found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', html)
    assert found, name
    return found.group(1)


@pytest.fixture
def site(tmp_path):
    store = open_store(Settings(data_dir=tmp_path, database_url=None))
    with store.transaction() as s:
        dana = accounts.add_user(s, "dana@example.com", "Dana Reyes", PASSWORD)
        vic = accounts.add_user(s, "vic@example.com", "Vic", PASSWORD)
        olga = accounts.add_user(s, "olga@example.com", "Olga", PASSWORD)
        north = accounts.add_workspace(s, "northwind", dana)
        accounts.set_role(s, north, vic, "viewer")
        accounts.add_workspace(s, "globex", olga)
        second = accounts.add_workspace(s, "dana-lab", dana)
        row = decisions.create(
            s, north.id, read(EXAMPLES / "marketing-capability.yaml"), decisions.Actor("dana")
        )
        decisions.create(
            s, second.id, read(EXAMPLES / "head-of-marketing-hire.yaml"), decisions.Actor("dana")
        )
        decision_id = row.id
    app = create_app(store=store, worker=True)
    with TestClient(app, raise_server_exceptions=False, follow_redirects=False) as client:
        yield Site(app, store, client, decision_id)
    store.close()
