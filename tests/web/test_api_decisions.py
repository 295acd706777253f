from __future__ import annotations

import json

from decisionroom.analysis import analyze
from decisionroom.model import load
from decisionroom.model.fileio import read
from tests.web.conftest import EXAMPLE


def test_create_read_round_trip(team):
    got = team.client.get(f"/api/v1/decisions/{team.decision_id}", headers=team.owner)
    assert got.status_code == 200
    assert got.headers["etag"] == '"1"'
    body = got.json()
    assert body["decision"] == read(EXAMPLE)
    assert list(body["decision"]) == list(read(EXAMPLE))  # the file's key order
    assert (body["workspace"], body["version"], body["stage"]) == ("northwind", 1, "shortlist")
    assert body["recommendation"] == analyze(load(EXAMPLE), robustness=False).winner.option


def test_list_filters_by_stage_and_client(team):
    c, h = team.client, team.owner
    other = {**read(EXAMPLE), "client": "Globex Media", "stage": "needs"}
    assert c.post("/api/v1/decisions", json={"decision": other}, headers=h).status_code == 201
    everything = c.get("/api/v1/decisions", headers=h).json()
    assert len(everything) == 2
    needs = c.get("/api/v1/decisions?stage=needs", headers=h).json()
    assert [d["client"] for d in needs] == ["Globex Media"]
    acme = c.get("/api/v1/decisions", params={"client": "lumen media"}, headers=h).json()
    assert [d["id"] for d in acme] == [team.decision_id]


def test_merge_patch_needs_base_version_and_refuses_stale(team):
    c, h, url = team.client, team.owner, f"/api/v1/decisions/{team.decision_id}"
    patch = {"title": "Renamed"}
    missing = c.patch(url, json=patch, headers=h)
    assert missing.status_code == 428
    assert missing.json()["errors"][0]["loc"] == ["header", "If-Match"]
    ok = c.patch(url, json=patch, headers={**h, "If-Match": '"1"'})
    assert ok.status_code == 200 and ok.json()["version"] == 2 and ok.headers["etag"] == '"2"'
    stale = c.patch(url, json={"title": "Other"}, headers={**h, "If-Match": '"1"'})
    assert stale.status_code == 409
    body = stale.json()
    assert body["ok"] is False and body["current_version"] == 2
    assert body["errors"] == [
        {
            "loc": ["header", "If-Match"],
            "msg": "The decision changed since version 1; it is now at version 2. Read it again, apply your change to the current version and send that.",
            "type": "stale_version",
        }
    ]
    assert {"op": "replace", "path": "/title", "value": "Renamed"} in body["changes"][0]["patch"]
    assert c.get(url, headers=h).json()["title"] == "Renamed"


def test_merge_patch_null_removes_and_invalid_is_located(team):
    c, url = team.client, f"/api/v1/decisions/{team.decision_id}"
    h = {**team.owner, "If-Match": '"1"'}
    removed = c.patch(url, json={"client": None}, headers=h)
    assert removed.status_code == 200 and "client" not in removed.json()["decision"]
    bad = c.patch(
        url, json={"method": {"name": "magic"}}, headers={**team.owner, "If-Match": '"2"'}
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"][:3] == ["body", "method", "name"]


def test_put_whole_and_delete(team):
    c, h, url = team.client, team.owner, f"/api/v1/decisions/{team.decision_id}"
    data = {**read(EXAMPLE), "stage": "decision"}
    put = c.put(url, json=data, headers={**h, "If-Match": '"1"'})
    assert put.status_code == 200 and put.json()["stage"] == "decision"
    assert c.delete(url, headers=h).status_code == 204
    gone = c.get(url, headers=h)
    assert gone.status_code == 404
    assert gone.json() == {
        "ok": False,
        "errors": [
            {
                "loc": ["path", "decision_id"],
                "msg": f"There is no decision with this id. Got {team.decision_id} instead.",
                "type": "invalid",
            }
        ],
    }


def test_create_from_template_and_invalid_file(team):
    c, h = team.client, team.owner
    starter = c.post("/api/v1/decisions", json={"template": "starter"}, headers=h)
    assert starter.status_code == 201
    bad = read(EXAMPLE)
    bad["factors"][1]["direction"] = "up"
    refused = c.post("/api/v1/decisions", json={"decision": bad}, headers=h)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["loc"] == ["body", "decision", "factors", 1, "direction"]
    neither = c.post("/api/v1/decisions", json={}, headers=h)
    assert neither.status_code == 422


def test_viewer_reads_but_cannot_write(team):
    c, url = team.client, f"/api/v1/decisions/{team.decision_id}"
    assert c.get(url, headers=team.viewer).status_code == 200
    refused = c.patch(url, json={"title": "x"}, headers={**team.viewer, "If-Match": '"1"'})
    assert refused.status_code == 403
    assert (
        refused.json()["errors"][0]["msg"]
        == "Viewers can read this workspace's decisions but not change them."
    )
    assert c.delete(url, headers=team.viewer).status_code == 403


def test_history_versions_and_restore(team):
    c, h, url = team.client, team.owner, f"/api/v1/decisions/{team.decision_id}"
    c.patch(url, json={"title": "Renamed"}, headers={**h, "If-Match": '"1"'})
    versions = c.get(f"{url}/versions", headers=h).json()
    assert [(v["version"], v["actor"], v["summary"]) for v in versions] == [
        (1, "dana@example.com", "created"),
        (2, "dana@example.com", "changed title"),
    ]
    assert versions[1]["patch"][0] == {
        "op": "test",
        "path": "/title",
        "value": "Marketing capability for growth",
    }
    old = c.get(f"{url}/versions/1", headers=h).json()
    assert old["decision"]["title"] == "Marketing capability for growth"
    restored = c.post(f"{url}/versions/1/restore", headers={**h, "If-Match": '"2"'})
    assert restored.status_code == 200
    assert (restored.json()["version"], restored.json()["title"]) == (
        3,
        "Marketing capability for growth",
    )


def test_not_authenticated_and_bad_token(team):
    none = team.client.get("/api/v1/decisions")
    assert none.status_code == 401
    assert none.json()["errors"][0]["loc"] == ["headers", "authorization"]
    bad = team.client.get("/api/v1/decisions", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401


def test_session_cookie_sign_in_and_out(team):
    c = team.client
    wrong = c.post("/api/v1/session", json={"email": "dana@example.com", "password": "wrong one"})
    assert wrong.status_code == 401
    assert wrong.json()["errors"][0]["msg"] == "The email or the password is wrong."
    ok = c.post("/api/v1/session", json={"email": "dana@example.com", "password": "correct horse"})
    assert ok.status_code == 204 and "decisionroom_session" in ok.cookies
    me = c.get("/api/v1/me")
    assert me.json() == {
        "email": "dana@example.com",
        "name": "dana",
        "workspaces": [{"name": "northwind", "role": "owner"}],
    }
    assert c.delete("/api/v1/session").status_code == 204
    c.cookies.clear()
    assert c.get("/api/v1/me").status_code == 401


def test_api_tokens_create_list_revoke(team):
    c = team.client
    made = c.post("/api/v1/tokens", json={"name": "crm sync"}, headers=team.owner)
    assert made.status_code == 201
    token = made.json()["token"]
    mine = {"Authorization": f"Bearer {token}"}
    assert c.get("/api/v1/me", headers=mine).status_code == 200
    listed = c.get("/api/v1/tokens", headers=mine).json()
    assert all(t["token"] is None for t in listed) and len(listed) == 2
    assert c.delete(f"/api/v1/tokens/{made.json()['id']}", headers=team.owner).status_code == 204
    assert c.get("/api/v1/me", headers=mine).status_code == 401
    assert c.delete(f"/api/v1/tokens/{made.json()['id']}", headers=team.outsider).status_code == 404


def test_bad_input_never_500(team):
    c, h = team.client, team.owner
    assert c.get("/api/v1/decisions/abc", headers=h).status_code == 422
    broken = c.post(
        "/api/v1/decisions", content=b"{not json", headers={**h, "Content-Type": "application/json"}
    )
    assert broken.status_code == 422 and broken.json()["ok"] is False
    big = c.post(
        "/api/v1/decisions",
        content=b"x" * (3 * 1024 * 1024),
        headers={**h, "Content-Type": "application/json"},
    )
    assert big.status_code == 413
    assert big.json()["errors"][0]["type"] == "too_large"
    assert c.get("/api/v1/nothing", headers=h).json()["errors"][0]["type"] == "not_found"
    listy = c.patch(
        f"/api/v1/decisions/{team.decision_id}", json=[1], headers={**h, "If-Match": '"1"'}
    )
    assert listy.status_code == 422


def test_streamed_body_over_the_limit_is_413(team):
    def chunks():
        for _ in range(40):
            yield b"x" * (64 * 1024)

    big = team.client.post(
        "/api/v1/decisions",
        content=chunks(),
        headers={**team.owner, "Content-Type": "application/json"},
    )
    assert big.status_code == 413
    assert big.json()["errors"] == [
        {
            "loc": ["body"],
            "msg": "The request body is larger than 2,097,152 bytes.",
            "type": "too_large",
        }
    ]


def test_a_bug_answers_500_in_the_error_shape(team, monkeypatch):
    from decisionroom.store import decisions

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(decisions, "listing", broken)
    answer = team.client.get("/api/v1/decisions", headers=team.owner)
    assert answer.status_code == 500
    assert answer.json() == {
        "ok": False,
        "errors": [{"loc": [], "msg": "Something went wrong on the server.", "type": "internal"}],
    }


def test_a_number_beyond_any_float_is_refused_with_its_location(team):
    data = read(EXAMPLE)
    data["performance"]["build"]["user_growth"] = 10**400
    answer = team.client.post("/api/v1/decisions", json={"decision": data}, headers=team.owner)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["loc"] == [
        "body",
        "decision",
        "performance",
        "build",
        "user_growth",
    ]


def test_set_a_stakeholders_weights(team):
    c, url = team.client, f"/api/v1/decisions/{team.decision_id}/stakeholders/cfo/weights"
    ok = c.put(
        url,
        json={"weights": {"swing": {"user_growth": 100, "first_year_cost": 50}}},
        headers={**team.owner, "If-Match": '"1"'},
    )
    assert ok.status_code == 200 and ok.json()["version"] == 2
    cfo = next(p for p in ok.json()["decision"]["stakeholders"] if p["id"] == "cfo")
    assert cfo["weights"] == {"swing": {"user_growth": 100, "first_year_cost": 50}}
    history = c.get(f"/api/v1/decisions/{team.decision_id}/versions", headers=team.owner).json()
    assert history[-1]["summary"] == "weights of stakeholder cfo"
    stale = c.put(
        url,
        json={"weights": {"ranking": ["user_growth"]}},
        headers={**team.owner, "If-Match": '"1"'},
    )
    assert stale.status_code == 409
    bad = c.put(
        url, json={"weights": {"swing": {"nope": 1}}}, headers={**team.owner, "If-Match": '"2"'}
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"][:4] == ["body", "stakeholders", 1, "weights"]
    missing = c.put(
        url.replace("/cfo/", "/nobody/"),
        json={"weights": {}},
        headers={**team.owner, "If-Match": '"2"'},
    )
    assert missing.status_code == 404 and missing.json()["errors"][0]["loc"] == [
        "path",
        "stakeholder_id",
    ]


def test_unknown_email_and_wrong_password_get_one_answer(team):
    unknown = team.client.post(
        "/api/v1/session", json={"email": "nobody@example.com", "password": "correct horse"}
    )
    wrong = team.client.post(
        "/api/v1/session", json={"email": "dana@example.com", "password": "wrong horse"}
    )
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json() == wrong.json()


def test_a_write_based_on_a_future_version_is_refused(team):
    answer = team.client.patch(
        f"/api/v1/decisions/{team.decision_id}",
        json={"title": "x"},
        headers={**team.owner, "If-Match": '"7"'},
    )
    assert answer.status_code == 409
    assert answer.json()["errors"][0]["msg"] == (
        "The decision has no version 7; it is at version 1. Read it again, apply your change to the current version and send that."
    )
    assert answer.json()["changes"] == []


def test_import_a_decision_file_as_it_is(team):
    c, h = team.client, team.owner
    text = EXAMPLE.read_bytes()
    made = c.post(
        "/api/v1/decisions/import?workspace=northwind",
        content=text,
        headers={**h, "Content-Type": "application/yaml"},
    )
    assert made.status_code == 201, made.text
    assert made.json()["decision"] == read(EXAMPLE)
    assert made.headers["location"] == f"/api/v1/decisions/{made.json()['id']}"
    as_json = c.post(
        "/api/v1/decisions/import",
        content=json.dumps(read(EXAMPLE)),
        headers={**h, "Content-Type": "application/json"},
    )
    assert as_json.status_code == 201
    broken = c.post(
        "/api/v1/decisions/import",
        content=b"title: [unclosed",
        headers={**h, "Content-Type": "application/yaml"},
    )
    assert broken.status_code == 422
    assert broken.json()["errors"][0]["loc"] == ["body"]
    assert (
        broken.json()["errors"][0]["msg"]
        == "The YAML is not valid at line 2, column 1: did not find expected ',' or ']'."
    )
    invalid = c.post(
        "/api/v1/decisions/import",
        content=text.replace(b"direction: min", b"direction: up", 1),
        headers={**h, "Content-Type": "application/yaml"},
    )
    assert invalid.status_code == 422 and invalid.json()["errors"][0]["loc"][0:2] == [
        "body",
        "factors",
    ]
    elsewhere = c.post(
        "/api/v1/decisions/import?workspace=globex",
        content=text,
        headers={**h, "Content-Type": "application/yaml"},
    )
    assert elsewhere.status_code == 422 and elsewhere.json()["errors"][0]["loc"] == [
        "query",
        "workspace",
    ]
    viewer = c.post(
        "/api/v1/decisions/import",
        content=text,
        headers={**team.viewer, "Content-Type": "application/yaml"},
    )
    assert viewer.status_code == 403


def test_sign_in_is_refused_after_ten_failures(team):
    c = team.client
    for _ in range(10):
        assert (
            c.post(
                "/api/v1/session", json={"email": "Dana@example.com", "password": "guess guess"}
            ).status_code
            == 401
        )
    refused = c.post(
        "/api/v1/session", json={"email": "dana@example.com", "password": "correct horse"}
    )
    assert refused.status_code == 429
    assert refused.json()["errors"] == [
        {
            "loc": ["body", "email"],
            "msg": "Too many failed sign-ins for this email; try again in 15 minutes.",
            "type": "too_many_sign_ins",
        }
    ]
    assert (
        team.client.get("/api/v1/me", headers=team.owner).status_code == 200
    )  # API tokens still work
    other = c.post(
        "/api/v1/session", json={"email": "vic@example.com", "password": "correct horse"}
    )
    assert other.status_code == 204
