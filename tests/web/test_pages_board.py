"""The board: cards by the client's stage, what each card says, moving, filtering, creating."""

from __future__ import annotations

import re

from decisionroom.store import analyses
from decisionroom.web.pages.cards import safety
from tests.web.pages_fixtures import csrf, sign_in, site  # noqa: F401


def _column(html: str, stage: str) -> str:
    found = re.search(
        rf'<section class="column" aria-labelledby="col-{stage}" data-stage="{stage}">(.*?)</section>',
        html,
        re.S,
    )
    assert found, stage
    return found.group(1)


def test_cards_sit_in_the_clients_stage_and_say_what_is_known(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    html = c.get("/board").text
    assert 'Board <span class="muted">· 1 decision</span>' in html
    column = _column(html, "shortlist")
    assert "Marketing capability for growth" in column
    # the write that stored it also analysed it (issue 12), so the card knows at once
    assert "Not analysed since the last change" not in column
    assert '<span class="label">Recommended</span> Northwind Growth Partners' in column
    assert ">clear</span>" in column
    assert "first in 92% of simulations, 0.121 ahead" in column
    assert '<span class="label">Consensus</span> broad agreement' in column
    # what is unknown is valued as in the explanation: nothing is worth delaying this choice
    assert "none worth firming up before choosing" in column
    assert "could change the choice" not in column


def test_safety_is_the_advice_verdict():
    def a(scores, first=None):
        ranking = [{"option": f"o{i}", "score": s} for i, s in enumerate(scores)]
        out = {"ranking": ranking}
        if first is not None:  # o1 comes first in the other simulations
            out["smaa"] = {
                "rank_acceptability": {"o0": [first, 1 - first], "o1": [1 - first, first]}
            }
        return out

    assert safety(a([0.7, 0.5], 0.92)) == ("clear", "first in 92% of simulations, 0.200 ahead")
    assert safety(a([0.7, 0.5], 0.8))[0] == "clear"
    assert safety(a([0.7, 0.69], 0.79))[0] == "likely"
    assert safety(a([0.7, 0.69], 0.5))[0] == "close call"  # the runner-up is first as often
    assert safety(a([0.7, 0.69], 0.49))[0] == "close call"
    # without simulations, from the margin as a share of the winner's score
    assert safety(a([0.7, 0.6])) == ("clear", "0.100 ahead of the runner-up (no simulations)")
    assert safety(a([0.7, 0.69]))[0] == "likely"
    assert safety(a([0.7, 0.695]))[0] == "close call"
    assert safety({"ranking": []}) == (None, "")


def test_move_a_card_between_stages(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    r = c.post(f"/d/{site.decision_id}/stage", data={"stage": "decision", "csrf_token": csrf(c)})
    assert r.status_code == 303
    html = c.get("/board").text
    assert "Marketing capability" in _column(html, "decision")
    assert "Marketing capability" not in _column(html, "shortlist")
    history = c.get(f"/api/v1/decisions/{site.decision_id}/versions").json()
    assert history[-1]["summary"] == "moved to decision"
    r = c.post(f"/d/{site.decision_id}/stage", data={"stage": "later", "csrf_token": csrf(c)})
    assert r.status_code == 422
    assert (
        "The stage must be one of goal, challenges, needs, options, shortlist, decision, results."
        in r.text
    )


CARD = ">Marketing capability for growth</a>"  # the card's link, not the template list


def test_filter_and_search(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    assert CARD in c.get("/board?q=marketing").text
    assert CARD in c.get("/board?q=northwind").text  # the recommendation column
    assert CARD not in c.get("/board?q=zebra").text
    assert CARD in c.get("/board?stage=shortlist").text
    assert CARD not in c.get("/board?stage=goal").text
    assert CARD not in c.get("/board?client=Globex").text
    assert CARD in c.get("/board?client=lumen media").text


def test_create_a_decision_and_a_located_error(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    r = c.post("/board/new", data={"title": " ", "csrf_token": csrf(c)})
    assert r.status_code == 422
    assert (
        'id="new-title-error">Give the decision a title, e.g. &#39;Marketing capability for growth&#39;.</p>'
        in r.text
    )
    r = c.post(
        "/board/new",
        data={"title": "CRM for the field team", "client": "Initech", "csrf_token": csrf(c)},
    )
    assert r.status_code == 303
    new_id = int(r.headers["location"].split("/d/")[1].split("?")[0])
    doc = c.get(f"/api/v1/decisions/{new_id}").json()
    assert (doc["title"], doc["client"], doc["stage"]) == (
        "CRM for the field team",
        "Initech",
        "goal",
    )
    assert "CRM for the field team" in _column(c.get("/board").text, "goal")


def test_viewers_see_the_board_but_cannot_change_it(site):  # noqa: F811
    c = site.client
    sign_in(c, "vic@example.com")
    html = c.get("/board").text
    assert "Marketing capability" in html
    assert "New decision" not in html and 'action="/d/' not in html
    r = c.post(f"/d/{site.decision_id}/stage", data={"stage": "results", "csrf_token": csrf(c)})
    assert r.status_code == 403
    assert "Viewers can read this workspace&#39;s decisions but not change them." in r.text
    r = c.post("/board/new", data={"title": "x", "csrf_token": csrf(c)})
    assert r.status_code == 403


def test_another_workspaces_decision_is_not_found(site):  # noqa: F811
    c = site.client
    sign_in(c, "olga@example.com")
    for url in (
        f"/d/{site.decision_id}",
        f"/d/{site.decision_id}?tab=history",
        f"/d/{site.decision_id}/charts",
    ):
        r = c.get(url)
        assert r.status_code == 404
        assert "There is no decision with this id." in r.text
    r = c.post(f"/d/{site.decision_id}/stage", data={"stage": "results", "csrf_token": csrf(c)})
    assert r.status_code == 404


def test_the_board_reads_only_the_cache(site, monkeypatch):  # noqa: F811
    calls = []
    monkeypatch.setattr(analyses, "compute", lambda *a, **k: calls.append(1))
    sign_in(site.client, "dana@example.com")
    assert site.client.get("/board").status_code == 200
    assert calls == []


def test_a_card_names_what_to_firm_up_first():
    from decisionroom.web.pages.cards import card

    class Row:
        id, title, client, stage, version, recommendation = 1, "T", "C", "options", 1, "a"
        document = {
            "title": "T",
            "factors": [{"id": "cost", "name": "3-year cost"}],
            "options": [{"id": "a", "name": "RouteLogic"}, {"id": "b", "name": "FleetPath"}],
            "performance": {"a": {"cost": [1, 2, 3]}, "b": {"cost": 2}},
        }

    analysis = {
        "ranking": [{"option": "a", "score": 0.6}, {"option": "b", "score": 0.5}],
        "firm_up": {
            "items": [{"kind": "estimate", "option": "a", "factor": "cost", "gain": 0.12}],
            "chance_today": 0.5,
        },
        "unknowns": [{"factor": "cost", "rival": "b"}],
    }
    found = card(Row(), analysis)
    assert "firm up first: 3-year cost for RouteLogic" in found.unknowns
    assert not any("could change" in u for u in found.unknowns)
