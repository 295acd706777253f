"""Two app processes on one database serve one team: nothing lives in a process."""

from __future__ import annotations

from fastapi.testclient import TestClient

from decisionroom.model.fileio import read
from decisionroom.store import accounts, open_store
from decisionroom.web import create_app
from tests.web.conftest import EXAMPLE


def test_two_apps_share_sessions_versions_and_cached_analyses(store):
    with store.transaction() as s:
        user = accounts.add_user(s, "dana@example.com", "Dana", "correct horse")
        accounts.add_workspace(s, "northwind", user)
    other = open_store(store.settings)  # a second process: its own engine and connections
    try:
        with (
            TestClient(create_app(store=store, worker=False)) as a,
            TestClient(create_app(store=other, worker=False)) as b,
        ):
            login = a.post(
                "/api/v1/session", json={"email": "dana@example.com", "password": "correct horse"}
            )
            assert login.status_code == 204
            b.cookies.update(a.cookies)  # the load balancer sends the next request elsewhere
            created = b.post("/api/v1/decisions", json={"decision": read(EXAMPLE)})
            assert created.status_code == 201
            url = f"/api/v1/decisions/{created.json()['id']}"
            first = a.get(f"{url}/analysis?smaa=500")
            second = b.get(f"{url}/analysis?smaa=500")
            assert (first.headers["x-analysis-cache"], second.headers["x-analysis-cache"]) == (
                "miss",
                "hit",
            )
            assert a.patch(url, json={"title": "A"}, headers={"If-Match": '"1"'}).status_code == 200
            stale = b.patch(url, json={"title": "B"}, headers={"If-Match": '"1"'})
            assert stale.status_code == 409 and stale.json()["current_version"] == 2
            assert a.delete("/api/v1/session").status_code == 204
            assert b.get("/api/v1/me").status_code == 401  # signed out everywhere
    finally:
        other.close()
