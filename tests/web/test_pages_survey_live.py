"""The stakeholder survey behind its link, and live updates by server-sent events."""

from __future__ import annotations

import json
import re

import pytest

from decisionroom.store import surveys
from tests._db import pg_store, pg_url, store  # noqa: F401
from tests.web.pages_fixtures import csrf, sign_in, site  # noqa: F401

FACTORS = [
    "user_growth",
    "time_to_impact",
    "first_year_cost",
    "sector_experience",
    "capability_retained",
    "execution_risk",
]


@pytest.fixture
def link(site):  # noqa: F811
    with site.store.transaction() as s:
        from decisionroom.store.tables import Decision

        row = s.get(Decision, site.decision_id)
        _, token = surveys.create(s, row, "cfo", days=30, show_options=True, user_id=None)
    return token


def _weights(site, sid="cfo"):  # noqa: F811
    c = site.browser()
    sign_in(c, "dana@example.com")
    people = c.get(f"/api/v1/decisions/{site.decision_id}/stakeholders").json()
    return next(p for p in people if p["id"] == sid)["weights"]


def test_the_survey_shows_goal_factors_and_why(site, link):  # noqa: F811
    s = site.browser()
    html = s.get(f"/s/{link}").text
    assert "Be in the top 5 streaming news apps by monthly users, with 20% market share" in html
    assert html.count('<li draggable="true"') == 6  # the CFO answered by ranking: shown again so
    html = s.get(f"/s/{link}?form=points").text
    assert "<dt>Time to impact</dt>" in html
    assert html.count("data-points") == 6  # points by default, one slider per factor
    assert 'Total: <strong id="points-total">100</strong>' in html


@pytest.mark.parametrize(
    "kind,data,expected",
    [
        (
            "points",
            {f"points.{f}": str(v) for f, v in zip(FACTORS, [40, 20, 10, 10, 10, 10], strict=True)},
            {
                "user_growth": 40,
                "time_to_impact": 20,
                "first_year_cost": 10,
                "sector_experience": 10,
                "capability_retained": 10,
                "execution_risk": 10,
            },
        ),
        ("ranking", {"ranking": list(reversed(FACTORS))}, {"ranking": list(reversed(FACTORS))}),
        (
            "swing",
            {f"swing.{f}": str(v) for f, v in zip(FACTORS, [100, 50, 30, 20, 10, 5], strict=True)},
            {"swing": dict(zip(FACTORS, [100, 50, 30, 20, 10, 5], strict=True))},
        ),
    ],
)
def test_each_form_is_stored_in_the_file_form(site, link, kind, data, expected):  # noqa: F811
    s = site.browser()
    r = s.post(f"/s/{link}", data={"kind": kind, **data, "csrf_token": csrf(s)})
    assert r.status_code == 200, r.text[:300]
    assert "Thank you — your weights are recorded" in r.text
    assert re.search(
        r'With your weights the analysis would choose <strong id="your-choice">[^<]+</strong>',
        r.text,
    )
    assert _weights(site) == expected


def test_pairwise_and_best_worst(site, link):  # noqa: F811
    s = site.browser()
    data = {"kind": "pairwise", "csrf_token": csrf(s)}
    for i, a in enumerate(FACTORS):
        for b in FACTORS[i + 1 :]:
            data[f"pair.{a}.{b}"] = "3" if a == "user_growth" else "1"
    data["pair.time_to_impact.first_year_cost"] = "-2"  # cost twice as important as time
    r = s.post(f"/s/{link}", data=data)
    assert r.status_code == 200, re.findall(r"<li>[^<]*</li>", r.text)
    judgments = _weights(site)["pairwise"]["judgments"]
    assert ["user_growth", "time_to_impact", 3] in judgments
    assert ["time_to_impact", "first_year_cost", 0.5] in judgments
    data = {
        "kind": "best_worst",
        "best": "user_growth",
        "worst": "execution_risk",
        "csrf_token": csrf(s),
    }
    data.update({f"bo.{f}": "4" for f in FACTORS})
    data.update({f"ow.{f}": "3" for f in FACTORS})
    r = s.post(f"/s/{link}", data=data)
    assert r.status_code == 200, re.findall(r"<li>[^<]*</li>", r.text)
    bw = _weights(site)["best_worst"]
    assert bw["best_to_others"]["user_growth"] == 1 and bw["others_to_worst"]["execution_risk"] == 1
    assert bw["best_to_others"]["time_to_impact"] == 4


def test_bad_answers_are_reported_and_nothing_is_stored(site, link):  # noqa: F811
    before = _weights(site)
    s = site.browser()
    r = s.post(
        f"/s/{link}",
        data={"kind": "swing", **{f"swing.{f}": "x" for f in FACTORS}, "csrf_token": csrf(s)},
    )
    assert r.status_code == 422
    assert "&#39;x&#39; is not a number; write it like 12 or 12.5." in r.text
    assert _weights(site) == before


def test_a_survey_link_reaches_nothing_else(site, link):  # noqa: F811
    s = site.browser()
    s.get(f"/s/{link}")
    d = site.decision_id
    for url in ("/board", f"/d/{d}", f"/d/{d}/charts", f"/d/{d}/events?lifetime=0.5"):
        assert s.get(url).status_code == 303  # to sign in
    for url in (f"/api/v1/decisions/{d}", "/api/v1/decisions", f"/api/v1/decisions/{d}/versions"):
        assert s.get(url).status_code == 401
    assert s.get(f"/s/{link}x").status_code == 404
    assert (
        "This survey link is unknown, expired or revoked; ask for a new one."
        in s.get("/s/nope").text
    )


def test_a_new_version_is_announced_on_the_event_stream(site, link):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    d = site.decision_id
    # the stream announces the version when the view is behind it
    with c.stream("GET", f"/d/{d}/events?v=0&lifetime=0.6") as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        body = "".join(r.iter_text())
    assert "retry: 1000" in body
    event = re.search(r"event: change\ndata: (.*)\n", body).group(1)
    assert json.loads(event) == {"version": 1, "by": "dana"}
    # a survey answer moves it on; a view at version 1 hears of version 2 and who made it
    s = site.browser()
    s.post(f"/s/{link}", data={"kind": "ranking", "ranking": FACTORS, "csrf_token": csrf(s)})
    with c.stream("GET", f"/d/{d}/events?v=1&lifetime=0.6") as r:
        body = "".join(r.iter_text())
    event = json.loads(re.search(r"event: change\ndata: (.*)\n", body).group(1))
    assert event["version"] == 2 and event["by"].startswith("stakeholder cfo (survey link")
    # an up-to-date view hears nothing
    with c.stream("GET", f"/d/{d}/events?v=2&lifetime=0.6") as r:
        assert "event: change" not in "".join(r.iter_text())


def test_the_version_poll_reads_every_backend(store):  # noqa: F811 - SQLite and PostgreSQL
    from decisionroom.model.fileio import read
    from decisionroom.store import accounts, decisions
    from decisionroom.web.pages.live import state_of
    from tests.conftest import EXAMPLES

    with store.transaction() as s:
        user = accounts.add_user(s, "dana@example.com", "Dana", "correct horse")
        space = accounts.add_workspace(s, "northwind", user)
        row = decisions.create(
            s, space.id, read(EXAMPLES / "marketing-capability.yaml"), decisions.Actor("dana")
        )
        decision_id = row.id
    assert state_of(store, decision_id) == (1, "dana", None)
    with store.transaction() as s:
        from decisionroom.store.tables import Decision

        row = s.get(Decision, decision_id)
        decisions.write(s, row, 1, {**row.document, "stage": "results"}, decisions.Actor("sam"))
    assert state_of(store, decision_id) == (2, "sam", None)
    assert state_of(store, decision_id + 99) is None


def test_a_change_through_one_app_process_reaches_a_view_served_by_another(site, link):  # noqa: F811
    from fastapi.testclient import TestClient

    from decisionroom.web import create_app

    with TestClient(create_app(store=site.store, worker=False), follow_redirects=False) as other:
        sign_in(other, "dana@example.com")
        s = site.browser()  # the stakeholder answers through the first process
        s.post(f"/s/{link}", data={"kind": "ranking", "ranking": FACTORS, "csrf_token": csrf(s)})
        with other.stream("GET", f"/d/{site.decision_id}/events?v=1&lifetime=0.6") as r:
            body = "".join(r.iter_text())
    assert json.loads(re.search(r"event: change\ndata: (.*)\n", body).group(1))["version"] == 2
