"""The live workshop's what-if: slider moves shared with every open view, no version until saved."""

from __future__ import annotations

import json
import re

import pytest

from decisionroom.errors import InvalidInput
from decisionroom.model.fileio import read
from decisionroom.store import accounts, decisions, whatif
from decisionroom.store.tables import Decision
from tests._db import pg_store, pg_url, store  # noqa: F401
from tests.conftest import EXAMPLES
from tests.web.pages_fixtures import csrf, sign_in, site  # noqa: F401

SLIDERS = {
    "user_growth": 5,
    "time_to_impact": 5,
    "first_year_cost": 80,
    "sector_experience": 5,
    "capability_retained": 3,
    "execution_risk": 2,
}


def _events(client, d, v, kind="whatif"):
    with client.stream("GET", f"/d/{d}/events?v={v}&lifetime=0.6") as r:
        body = "".join(r.iter_text())
    return [json.loads(x) for x in re.findall(rf"event: {kind}\ndata: (.*)\n", body)]


def _post(client, url, data):
    return client.post(url, data={**data, "csrf_token": csrf(client)})


def test_whatif_store_every_backend(store):  # noqa: F811 - SQLite and PostgreSQL
    from decisionroom.web.pages.live import state_of

    with store.transaction() as s:
        user = accounts.add_user(s, "dana@example.com", "Dana", "correct horse")
        space = accounts.add_workspace(s, "northwind", user)
        row = decisions.create(
            s, space.id, read(EXAMPLES / "marketing-capability.yaml"), decisions.Actor("dana")
        )
        decision_id = row.id
        assert whatif.current(s, decision_id, 1) is None
        whatif.put(s, row, {**SLIDERS, "first_year_cost": 50}, "Dana")
    with store.transaction() as s:
        row = s.get(Decision, decision_id)
        whatif.put(s, row, SLIDERS, "Sam")  # a second move replaces the first
    version, actor, shared = state_of(store, decision_id)
    assert (version, actor) == (1, "dana")
    assert shared["weights"] == SLIDERS and shared["by"] == "Sam"
    with store.transaction() as s:
        row = s.get(Decision, decision_id)
        decisions.write(s, row, 1, {**row.document, "stage": "results"}, decisions.Actor("sam"))
    assert state_of(store, decision_id)[1:] == ("sam", None)  # it belonged to version 1
    with store.transaction() as s:
        row = s.get(Decision, decision_id)
        whatif.put(s, row, SLIDERS, "Sam")
        whatif.clear(s, row)
    assert state_of(store, decision_id)[2] is None
    assert state_of(store, decision_id + 99) is None


def test_whatif_weights_are_validated_field_by_field(store):  # noqa: F811
    with store.transaction() as s:
        user = accounts.add_user(s, "dana@example.com", "Dana", "correct horse")
        space = accounts.add_workspace(s, "northwind", user)
        row = decisions.create(
            s, space.id, read(EXAMPLES / "marketing-capability.yaml"), decisions.Actor("dana")
        )
        with pytest.raises(InvalidInput) as caught:
            whatif.weights_of(row, {**SLIDERS, "user_growth": "120", "colour": "3"})
        assert [(e.loc, e.code) for e in caught.value.errors] == [
            ("weights.colour", "unknown_factor"),
            ("weights.user_growth", "weight_range"),
        ]
        with pytest.raises(InvalidInput) as caught:
            whatif.weights_of(row, dict.fromkeys(SLIDERS, 0))
        assert caught.value.errors[0].code == "all_zero"


def test_a_slider_move_is_shared_with_every_view_and_saved_only_on_request(site):  # noqa: F811
    c, d = site.client, site.decision_id
    sign_in(c, "dana@example.com")
    screen = site.browser()
    sign_in(screen, "vic@example.com")  # a viewer watching the room
    assert _events(screen, d, 1) == []
    fields = {f"weights.{k}": str(v) for k, v in SLIDERS.items()}
    assert _post(c, f"/d/{d}/whatif", fields).status_code == 204
    shared = _events(screen, d, 1)
    assert len(shared) == 1 and shared[0]["weights"] == SLIDERS
    assert shared[0]["by"] == "Dana Reyes" and shared[0]["version"] == 1
    # nothing saved: the same version, one entry in the audit trail
    assert c.get(f"/api/v1/decisions/{d}").json()["version"] == 1
    assert len(c.get(f"/api/v1/decisions/{d}/versions").json()) == 1
    # reset: every view hears that the what-if ended
    assert _post(c, f"/d/{d}/whatif/reset", {}).status_code == 204
    assert _events(screen, d, 1) == []
    # save: a real version with those weights, and no what-if on it
    _post(c, f"/d/{d}/whatif", fields)
    assert _post(c, f"/d/{d}/edit/weights", {"base": "1", **fields}).status_code in (200, 303)
    doc = c.get(f"/api/v1/decisions/{d}").json()
    assert doc["version"] == 2 and doc["decision"]["weights"]["first_year_cost"] == 80
    assert _events(screen, d, 2) == []


def test_only_writers_share_a_whatif_and_bad_weights_are_refused(site):  # noqa: F811
    d = site.decision_id
    fields = {f"weights.{k}": str(v) for k, v in SLIDERS.items()}
    viewer = site.browser()
    sign_in(viewer, "vic@example.com")
    assert _post(viewer, f"/d/{d}/whatif", fields).status_code == 403
    assert _post(viewer, f"/d/{d}/whatif/reset", {}).status_code == 403
    outsider = site.browser()
    sign_in(outsider, "olga@example.com")
    assert _post(outsider, f"/d/{d}/whatif", fields).status_code == 404
    c = site.client
    sign_in(c, "dana@example.com")
    bad = _post(c, f"/d/{d}/whatif", {**fields, "weights.user_growth": "lots"})
    assert bad.status_code == 422 and "A weight is a number from 0 to 100." in bad.text
    assert _events(c, d, 1) == []
    no_csrf = c.post(f"/d/{d}/whatif", data=fields)
    assert no_csrf.status_code == 403
