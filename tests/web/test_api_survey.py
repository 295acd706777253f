from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from decisionroom.store.tables import SurveyLink

FACTORS = [
    "user_growth",
    "time_to_impact",
    "first_year_cost",
    "sector_experience",
    "capability_retained",
    "execution_risk",
]


def _link(team, stakeholder="cfo", **body):
    url = f"/api/v1/decisions/{team.decision_id}/stakeholders/{stakeholder}/survey-links"
    made = team.client.post(url, json=body, headers=team.owner)
    assert made.status_code == 201, made.text
    return made.json()


def test_survey_link_is_secret_and_stored_hashed(team, store):
    link = _link(team)
    assert len(link["token"]) >= 43  # 256 bits in URL-safe base64
    assert link["url"].endswith(f"/api/v1/survey/{link['token']}")
    with store.transaction() as s:
        row = s.get(SurveyLink, link["id"])
        assert row.token_hash != link["token"] and len(row.token_hash) == 64
    listed = team.client.get(
        f"/api/v1/decisions/{team.decision_id}/survey-links", headers=team.owner
    ).json()
    assert [(x["stakeholder"], x["token"]) for x in listed] == [("cfo", None)]


def test_survey_shows_goal_factors_why_and_hides_options(team):
    token = _link(team)["token"]
    view = team.client.get(f"/api/v1/survey/{token}")
    assert view.status_code == 200
    body = view.json()
    assert body["stakeholder"] == {"id": "cfo", "name": "Sam Okafor", "role": "CFO"}
    assert [f["id"] for f in body["factors"]] == FACTORS
    assert all("why" in f for f in body["factors"])
    assert body["options"] is None
    assert "performance" not in body and "northwind" not in view.text
    assert body["weights"]["ranking"][0] == "first_year_cost"
    assert body["forms"] == ["points", "ranking", "swing", "pairwise", "best_worst"]
    shown = team.client.get(f"/api/v1/survey/{_link(team, show_options=True)['token']}").json()
    assert [o["id"] for o in shown["options"]] == [
        "build",
        "hire",
        "northwind",
        "brightline",
        "status_quo",
    ]


def test_survey_submission_in_every_form_is_audited_and_analysed(team):
    token = _link(team, show_options=True)["token"]
    forms = [
        {f: i + 1 for i, f in enumerate(FACTORS)},
        {"ranking": list(reversed(FACTORS))},
        {"swing": {f: 100 - 10 * i for i, f in enumerate(FACTORS)}},
        {"pairwise": {"judgments": [[FACTORS[0], f, 2] for f in FACTORS[1:]]}},
        {
            "best_worst": {
                "best": FACTORS[0],
                "worst": FACTORS[1],
                "best_to_others": {
                    f: (1 if f == FACTORS[0] else 8 if f == FACTORS[1] else 3) for f in FACTORS
                },
                "others_to_worst": {
                    f: (8 if f == FACTORS[0] else 1 if f == FACTORS[1] else 3) for f in FACTORS
                },
            }
        },
    ]
    for n, weights in enumerate(forms):
        sent = team.client.put(f"/api/v1/survey/{token}/weights", json={"weights": weights})
        assert sent.status_code == 200, sent.text
        assert sent.json()["version"] == n + 2
        assert sent.json()["your_first_choice"] in {
            "build",
            "hire",
            "northwind",
            "brightline",
            "status_quo",
        }
    stakeholders = team.client.get(
        f"/api/v1/decisions/{team.decision_id}/stakeholders", headers=team.owner
    ).json()
    assert next(p for p in stakeholders if p["id"] == "cfo")["weights"] == forms[-1]
    assert next(p for p in stakeholders if p["id"] == "ceo")["weights"][FACTORS[0]] == 35
    history = team.client.get(
        f"/api/v1/decisions/{team.decision_id}/versions", headers=team.owner
    ).json()
    assert history[-1]["actor"].startswith("stakeholder cfo (survey link ")
    assert all(op["path"].startswith("/stakeholders/1/weights") for op in history[-1]["patch"])
    analysis = team.client.get(f"/api/v1/decisions/{team.decision_id}/analysis", headers=team.owner)
    assert analysis.headers["etag"] == f'"{len(forms) + 1}"'


def test_survey_submission_errors_are_located_under_weights(team):
    token = _link(team)["token"]
    bad = team.client.put(
        f"/api/v1/survey/{token}/weights", json={"weights": {"ranking": ["nope"]}}
    )
    assert bad.status_code == 422
    errors = bad.json()["errors"]
    assert errors and all(e["loc"][:2] == ["body", "weights"] for e in errors)
    assert "stakeholders" not in bad.text
    objective = team.client.put(
        f"/api/v1/survey/{token}/weights", json={"weights": {"objective": "entropy"}}
    )
    assert objective.status_code == 422
    assert objective.json()["errors"][0]["loc"] == ["body", "weights", "objective"]


def test_survey_link_revoked_expired_unknown(team, store):
    link = _link(team)
    url = f"/api/v1/survey/{link['token']}"
    assert team.client.get(url).status_code == 200
    assert (
        team.client.delete(
            f"/api/v1/decisions/{team.decision_id}/survey-links/{link['id']}", headers=team.viewer
        ).status_code
        == 403
    )
    assert (
        team.client.delete(
            f"/api/v1/decisions/{team.decision_id}/survey-links/{link['id']}", headers=team.owner
        ).status_code
        == 204
    )
    revoked = team.client.get(url)
    assert revoked.status_code == 404
    assert (
        revoked.json()["errors"][0]["msg"]
        == "This survey link is unknown, expired or revoked; ask for a new one."
    )
    other = _link(team, "ceo")
    with store.transaction() as s:
        past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        s.execute(update(SurveyLink).where(SurveyLink.id == other["id"]).values(expires_at=past))
    assert team.client.get(f"/api/v1/survey/{other['token']}").status_code == 404
    assert (
        team.client.put(
            f"/api/v1/survey/{other['token']}/weights", json={"weights": {"ranking": FACTORS}}
        ).status_code
        == 404
    )
    assert team.client.get("/api/v1/survey/not-a-token").status_code == 404


def test_survey_link_for_unknown_stakeholder(team):
    url = f"/api/v1/decisions/{team.decision_id}/stakeholders/nobody/survey-links"
    made = team.client.post(url, json={}, headers=team.owner)
    assert made.status_code == 404
    assert made.json()["errors"][0]["loc"] == ["path", "stakeholder_id"]
