"""The library routes: search, templates, saving a decision as a template, starting from one."""

from __future__ import annotations

import json

import pytest

from tests.library.test_search import DESCRIPTIONS

SEARCH = "/api/v1/library/search"


def _save(team, template_id="northwind-growth", headers=None, **extra):
    return team.client.post(
        "/api/v1/templates",
        json={"decision_id": team.decision_id, "template_id": template_id, **extra},
        headers=headers or team.owner,
    )


def test_search_ranks_templates_first_and_has_the_cli_shape(team):
    c, h = team.client, team.owner
    for text, expected in DESCRIPTIONS[::3]:
        hits = c.get(SEARCH, params={"q": text, "limit": 3}, headers=h).json()
        assert (hits[0]["kind"], hits[0]["id"]) == ("template", expected), text
    hits = c.get(SEARCH, params={"q": "structured interview"}, headers=h).json()
    assert set(hits[0]) == {"kind", "id", "title", "score", "snippet", "template"}
    assert hits[0]["id"] == "structured-selection" and "**structured" in hits[0]["snippet"]
    assert [x["score"] for x in hits] == sorted((x["score"] for x in hits), reverse=True)
    only = c.get(SEARCH, params={"q": "budget", "kind": "question"}, headers=h).json()
    assert only and {x["kind"] for x in only} == {"question"}
    assert c.get(SEARCH, params={"q": "zzzqx"}, headers=h).json() == []


@pytest.mark.parametrize(
    ("params", "loc", "msg"),
    [
        ({}, ["query", "q"], "Give some words to search for."),
        ({"q": "the of"}, ["query", "q"], "Give some words to search for. Got 'the of' instead."),
        ({"q": "crm", "kind": "page"}, ["query", "kind", 0], None),
        ({"q": "crm", "limit": 0}, ["query", "limit"], None),
        ({"q": "crm", "workspace": "globex"}, ["query", "workspace"], None),
    ],
)
def test_search_bad_input_is_a_located_422(team, params, loc, msg):
    answer = team.client.get(SEARCH, params=params, headers=team.owner)
    assert answer.status_code == 422, answer.text
    error = answer.json()["errors"][0]
    assert error["loc"] == loc
    if msg:
        assert error["msg"] == msg


def test_templates_list_read_save_delete(team):
    c, h = team.client, team.owner
    listed = c.get("/api/v1/templates", headers=h).json()
    assert {t["source"] for t in listed} == {"shipped"} and len(listed) >= 6
    assert set(listed[0]) == {"id", "title", "description", "source"}
    saved = _save(team, title="Media app growth")
    assert saved.status_code == 201, saved.text
    assert saved.headers["Location"] == "/api/v1/templates/northwind-growth"
    body = saved.json()
    assert (body["id"], body["title"], body["source"]) == (
        "northwind-growth",
        "Media app growth",
        "workspace",
    )
    for secret in ("Lumen", "Dana Reyes", "Series A"):
        assert secret not in json.dumps(body["template"])
    read = c.get("/api/v1/templates/northwind-growth", headers=h)
    assert read.status_code == 200 and read.json() == body
    assert "northwind-growth" in {t["id"] for t in c.get("/api/v1/templates", headers=h).json()}
    hits = c.get(SEARCH, params={"q": "media app growth", "kind": "template"}, headers=h).json()
    assert hits[0]["id"] == "northwind-growth"
    again = _save(team)
    assert again.status_code == 409
    assert again.json()["errors"][0]["loc"] == ["body", "template_id"]
    assert _save(team, title="Second", replace=True).json()["title"] == "Second"
    assert c.delete("/api/v1/templates/northwind-growth", headers=h).status_code == 204
    assert c.get("/api/v1/templates/northwind-growth", headers=h).status_code == 404
    shipped = c.delete("/api/v1/templates/hiring", headers=h)
    assert shipped.status_code == 404
    assert shipped.json()["errors"][0]["loc"] == ["path", "template_id"]
    assert c.get("/api/v1/templates/hiring", headers=h).json()["source"] == "shipped"


def test_another_workspaces_template_is_404_and_viewers_cannot_write(team):
    c = team.client
    assert _save(team).status_code == 201
    outsider = c.get("/api/v1/templates/northwind-growth", headers=team.outsider)
    assert outsider.status_code == 404 and outsider.json()["ok"] is False
    assert "northwind-growth" not in {
        t["id"] for t in c.get("/api/v1/templates", headers=team.outsider).json()
    }
    theirs = c.get(SEARCH, params={"q": "media growth"}, headers=team.outsider).json()
    mine = c.get(SEARCH, params={"q": "media growth"}, headers=team.owner).json()
    assert "northwind-growth" in {x["id"] for x in mine}
    assert "northwind-growth" not in {x["id"] for x in theirs}
    stolen = _save(team, "stolen", headers=team.outsider)  # a decision of another workspace
    assert stolen.status_code == 404
    assert stolen.json()["errors"][0]["loc"] == ["body", "decision_id"]
    assert c.delete("/api/v1/templates/northwind-growth", headers=team.outsider).status_code == 404
    # the viewer reads the workspace's templates but cannot save or delete one
    assert c.get("/api/v1/templates/northwind-growth", headers=team.viewer).status_code == 200
    assert _save(team, "viewers-own", headers=team.viewer).status_code == 403
    refused = c.delete("/api/v1/templates/northwind-growth", headers=team.viewer)
    assert refused.status_code == 403
    assert c.get("/api/v1/templates/northwind-growth", headers=team.owner).status_code == 200


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"template_id": "x"}, ["body", "decision_id"]),
        ({"decision_id": 1, "template_id": "no spaces"}, ["body", "template_id"]),
        ({"decision_id": 1, "template_id": ""}, ["body", "template_id"]),
        ({"decision_id": 0, "template_id": "x"}, ["body", "decision_id"]),
        ({"decision_id": 1, "template_id": "x", "title": ""}, ["body", "title"]),
        ({"decision_id": 1, "template_id": "x", "colour": "red"}, ["body", "colour"]),
    ],
)
def test_save_template_bad_input_is_a_located_422(team, body, loc):
    answer = team.client.post("/api/v1/templates", json=body, headers=team.owner)
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["loc"] == loc


def test_create_a_decision_from_any_template_of_the_workspace(team):
    c, h = team.client, team.owner
    shipped = c.post("/api/v1/decisions", json={"template": "hiring", "title": "CTO"}, headers=h)
    assert shipped.status_code == 201, shipped.text
    decision = shipped.json()["decision"]
    assert (decision["template"], decision["title"]) == ("hiring", "CTO")
    assert _save(team).status_code == 201
    own = c.post("/api/v1/decisions", json={"template": "northwind-growth"}, headers=h)
    assert own.status_code == 201, own.text
    assert own.json()["decision"]["template"] == "northwind-growth"
    assert own.json()["recommendation"]
    # another workspace's template is unknown there
    elsewhere = c.post(
        "/api/v1/decisions", json={"template": "northwind-growth"}, headers=team.outsider
    )
    assert elsewhere.status_code == 422
    error = elsewhere.json()["errors"][0]
    assert error["loc"] == ["body", "template"]
    assert error["msg"].startswith(
        "There is no template with this id; the templates are: starter, "
    )
    assert "'northwind-growth'" in error["msg"]
    assert c.post("/api/v1/decisions", json={"template": "starter"}, headers=h).status_code == 201
