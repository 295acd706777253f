"""Every route is checked for isolation: another workspace's things answer 404, viewers never write."""

from __future__ import annotations

import re

import pytest
from openapi_spec_validator import validate

from decisionroom.model.fileio import read
from decisionroom.web import create_app
from tests.web.conftest import EXAMPLE

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
#: Routes that need no decision: accounts (scoped to the caller) and the survey (scoped to a token).
UNSCOPED = {
    "/api/v1/session",
    "/api/v1/me",
    "/api/v1/tokens",
    "/api/v1/tokens/{token_id}",
    "/api/v1/survey/{token}",
    "/api/v1/survey/{token}/weights",
}


def _routes():
    """Every API route, from the OpenAPI document (FastAPI lists every route there)."""
    paths = create_app(worker=False).openapi()["paths"]
    return sorted((m.upper(), p) for p, item in paths.items() for m in item)


ROUTES = _routes()


def _body(method, path, decision_id=1):
    if path == "/api/v1/templates" and method == "POST":
        return {"decision_id": decision_id, "template_id": "viewers-own"}
    if path.endswith("/weights"):
        return {"weights": {"ranking": ["user_growth"]}}
    if path.endswith("/survey-links"):
        return {}
    if path == "/api/v1/decisions" and method == "POST":
        return {"template": "starter"}
    if path == "/api/v1/decisions/{decision_id}" and method == "PUT":
        return read(EXAMPLE)
    if path == "/api/v1/decisions/{decision_id}" and method == "PATCH":
        return {"title": "x"}
    return None


def _fill(team, path, job_id):
    values = {
        "decision_id": team.decision_id,
        "version": 1,
        "stakeholder_id": "cfo",
        "link_id": 1,
        "job_id": job_id,
        "template_id": "northwind-growth",
    }
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), path)


@pytest.fixture
def scoped(team):
    """A survey link, a job and a template in the owner's workspace: every id in a path exists."""
    c, h = team.client, team.owner
    assert (
        c.post(
            f"/api/v1/decisions/{team.decision_id}/stakeholders/cfo/survey-links",
            json={},
            headers=h,
        ).status_code
        == 201
    )
    job = c.get(f"/api/v1/decisions/{team.decision_id}/analysis?smaa=60000", headers=h).json()
    template = {"decision_id": team.decision_id, "template_id": "northwind-growth"}
    assert c.post("/api/v1/templates", json=template, headers=h).status_code == 201
    return team, job["id"]


def test_every_scoped_route_answers_404_to_another_workspace(scoped):
    team, job_id = scoped
    checked = 0
    for method, path in ROUTES:
        if path in UNSCOPED or "{" not in path:
            continue  # the list and create routes: test_outsider_list_is_empty
        url = _fill(team, path, job_id)
        body = _body(method, path)
        answer = team.client.request(
            method, url, json=body, headers={**team.outsider, "If-Match": '"1"'}
        )
        assert answer.status_code == 404, (method, path, answer.text)
        assert answer.json()["ok"] is False
        checked += 1
    assert checked >= 16
    # and the decision is untouched
    assert (
        team.client.get(f"/api/v1/decisions/{team.decision_id}", headers=team.owner).json()[
            "version"
        ]
        == 1
    )


def test_every_write_route_refuses_a_viewer(scoped):
    team, job_id = scoped
    checked = 0
    for method, path in ROUTES:
        if method not in WRITES or path in UNSCOPED or path == "/api/v1/decisions":
            continue
        url = _fill(team, path, job_id)
        answer = team.client.request(
            method,
            url,
            json=_body(method, path, team.decision_id),
            headers={**team.viewer, "If-Match": '"1"'},
        )
        assert answer.status_code == 403, (method, path, answer.text)
        checked += 1
    assert checked >= 8
    create = team.client.post(
        "/api/v1/decisions", json={"decision": read(EXAMPLE)}, headers=team.viewer
    )
    assert create.status_code == 403


def test_every_route_requires_a_caller(scoped):
    team, job_id = scoped
    for method, path in ROUTES:
        if path in UNSCOPED:
            continue
        answer = team.client.request(method, _fill(team, path, job_id), json=_body(method, path))
        assert answer.status_code == 401, (method, path)


def test_outsider_list_is_empty(team):
    assert team.client.get("/api/v1/decisions", headers=team.outsider).json() == []
    refused = team.client.post(
        "/api/v1/decisions",
        json={"workspace": "northwind", "decision": read(EXAMPLE)},
        headers=team.outsider,
    )
    assert refused.status_code == 422
    assert (
        refused.json()["errors"][0]["msg"]
        == "You have no workspace with this name. Got 'northwind' instead."
    )


def test_openapi_document_validates_and_every_route_is_described(team):
    doc = team.client.get("/api/v1/openapi.json").json()
    validate(doc)
    operations = [(m, p, op) for p, item in doc["paths"].items() for m, op in item.items()]
    assert len(operations) == len(ROUTES) >= 22
    for method, path, op in operations:
        assert op.get("description", "").strip(), (method, path)
        assert op.get("summary"), (method, path)
        codes = set(op["responses"])
        if path not in UNSCOPED and ("{decision_id}" in path or "{template_id}" in path):
            assert "404" in codes, (method, path)


@pytest.mark.parametrize("bad", ["0", "-1", str(10**30), "1.5", "%00"])
def test_odd_ids_never_answer_500(team, bad):
    for method, path in ROUTES:
        if "{" not in path:
            continue
        url = re.sub(r"\{\w+\}", bad, path)
        answer = team.client.request(
            method, url, json=_body(method, path), headers={**team.owner, "If-Match": '"1"'}
        )
        assert 400 <= answer.status_code < 500, (method, url, answer.status_code)
        assert answer.json()["ok"] is False
