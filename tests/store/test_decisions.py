from __future__ import annotations

import jsonpatch
import pytest
from sqlalchemy import text

from decisionroom.errors import InvalidDecision
from decisionroom.model import load
from decisionroom.model.fileio import read, to_data
from decisionroom.store import audit, decisions
from decisionroom.store.accounts import add_user, add_workspace
from decisionroom.store.decisions import Actor
from decisionroom.store.errors import NotFound, StaleVersion
from tests.conftest import EXAMPLES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def _setup(session):
    user = add_user(session, "dana@example.com", "Dana", "correct horse")
    workspace = add_workspace(session, "northwind", user)
    return user, workspace, Actor(user.email, user.id)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_decision_round_trip_equals_the_file(store, path):
    with store.transaction() as s:
        _, ws, actor = _setup(s)
        decision_id = decisions.create(s, ws.id, read(path), actor).id
    with store.transaction() as s:
        row = decisions.get(s, [ws.id], decision_id)
        back = decisions.model_of(row)
    original = load(path)
    assert back == original
    assert to_data(back) == to_data(original)
    assert row.title == original.title
    assert row.client == original.client
    assert row.stage == original.stage
    assert row.recommendation in {o.id for o in original.options}


def test_decision_columns_and_listing_filters(store):
    data = read(EXAMPLE_FILES[0])
    with store.transaction() as s:
        _, ws, actor = _setup(s)
        a = decisions.create(s, ws.id, {**data, "client": "Acme", "stage": "options"}, actor)
        decisions.create(s, ws.id, {**data, "client": "Globex", "stage": "shortlist"}, actor)
    with store.transaction() as s:
        assert [r.id for r in decisions.listing(s, [ws.id], stage="options")] == [a.id]
        assert [r.client for r in decisions.listing(s, [ws.id], client="acme")] == ["Acme"]
        assert len(decisions.listing(s, [ws.id])) == 2
        assert decisions.listing(s, [ws.id + 1]) == []


def test_decision_invalid_data_is_refused_with_locations(store):
    data = read(EXAMPLE_FILES[0])
    data["factors"][0]["direction"] = "up"
    with store.transaction() as s:
        _, ws, actor = _setup(s)
    with pytest.raises(InvalidDecision) as info, store.transaction() as s:
        decisions.create(s, ws.id, data, actor)
    assert info.value.errors[0].loc == "factors[0].direction"
    with store.transaction() as s:
        assert decisions.listing(s, [ws.id]) == []


def test_decision_other_workspace_is_not_found(store):
    with store.transaction() as s:
        _, ws, actor = _setup(s)
        row = decisions.create(s, ws.id, read(EXAMPLE_FILES[0]), actor)
    with pytest.raises(NotFound), store.transaction() as s:
        decisions.get(s, [ws.id + 1], row.id)


def test_write_on_an_old_version_is_stale_with_what_changed(store):
    data = read(EXAMPLE_FILES[0])
    factor = data["factors"][0]["id"]
    with store.transaction() as s:
        _, ws, actor = _setup(s)
        decision_id = decisions.create(s, ws.id, data, actor).id
    first = {**data, "title": "First writer"}
    second = {**data, "title": "Second writer"}
    with store.transaction() as s:
        row = decisions.get(s, [ws.id], decision_id)
        assert decisions.write(s, row, 1, first, actor).version == 2
    with pytest.raises(StaleVersion) as info, store.transaction() as s:
        row = decisions.get(s, [ws.id], decision_id)
        decisions.write(s, row, 1, second, actor)
    stale = info.value
    assert (stale.base, stale.current) == (1, 2)
    assert stale.changes[0]["version"] == 2
    assert {"op": "replace", "path": "/title", "value": "First writer"} in stale.changes[0]["patch"]
    assert stale.errors[0].msg.startswith("The decision changed since version 1; it is now at")
    with store.transaction() as s:
        row = decisions.get(s, [ws.id], decision_id)
        assert (row.version, row.title) == (2, "First writer")
    assert factor


def test_audit_patch_shows_old_and_new_weights_and_applies(store):
    data = read(EXAMPLE_FILES[0])
    with store.transaction() as s:
        _, ws, actor = _setup(s)
        row = decisions.create(s, ws.id, data, actor)
    changed = read(EXAMPLE_FILES[0])
    old_weights = data["stakeholders"][0]["weights"]
    changed["stakeholders"][0]["weights"] = {f["id"]: 1 for f in data["factors"]}
    with store.transaction() as s:
        row = decisions.get(s, [ws.id], row.id)
        decisions.write(s, row, 1, changed, actor)
    with store.transaction() as s:
        versions = audit.history(s, row.id)
        assert [v.version for v in versions] == [1, 2]
        change = versions[1]
        assert change.actor == "dana@example.com"
        assert change.summary == "changed stakeholders"
        tests = [op for op in change.patch if op["op"] == "test"]
        assert tests and all(op["path"].startswith("/stakeholders/0/weights") for op in tests)
        assert {op["value"] for op in tests} <= set(old_weights.values())
        v1 = audit.version_document(s, row.id, 1)
        assert jsonpatch.apply_patch(v1, change.patch) == audit.version_document(s, row.id, 2)


def test_restore_makes_a_new_version(store):
    data = read(EXAMPLE_FILES[0])
    with store.transaction() as s:
        _, ws, actor = _setup(s)
        row = decisions.create(s, ws.id, data, actor)
    with store.transaction() as s:
        row = decisions.get(s, [ws.id], row.id)
        decisions.write(s, row, 1, {**data, "title": "Changed"}, actor)
        restored = decisions.restore(s, row, 1, actor)
        assert restored.version == 3
        assert restored.title == data["title"]
        assert audit.history(s, row.id)[-1].summary == "restored version 1"
        with pytest.raises(NotFound):
            audit.version(s, row.id, 9)


def test_unchanged_write_makes_no_version(store):
    data = read(EXAMPLE_FILES[0])
    with store.transaction() as s:
        _, ws, actor = _setup(s)
        row = decisions.create(s, ws.id, data, actor)
        assert decisions.write(s, row, 1, data, actor).version == 1


def test_delete_removes_versions(store):
    with store.transaction() as s:
        _, ws, actor = _setup(s)
        row = decisions.create(s, ws.id, read(EXAMPLE_FILES[0]), actor)
        decisions.delete(s, row)
    with store.transaction() as s:
        assert audit.history(s, row.id) == []
        count = s.execute(text("SELECT count(*) FROM decision_change")).scalar()
        assert count == 0


def test_a_write_caches_its_versions_analysis_unless_the_list_is_long(store):
    """Issue 12: a usual decision is analysed once, by the write; a long list on first read."""
    from sqlalchemy import select

    from decisionroom.store import analyses
    from decisionroom.store.tables import AnalysisCache

    data = read(EXAMPLES / "marketing-capability.yaml")
    extra = decisions.ANALYSE_ON_WRITE_OPTIONS + 1 - len(data["options"])
    template = data["options"][-1]["id"]
    long = {
        **data,
        "options": data["options"]
        + [{"id": f"copy{i}", "name": f"Copy {i}", "kind": "external"} for i in range(extra)],
        "performance": {
            **data["performance"],
            **{f"copy{i}": data["performance"][template] for i in range(extra)},
        },
    }
    with store.transaction() as s:
        _, ws, actor = _setup(s)
        usual = decisions.create(s, ws.id, data, actor)
        listed = decisions.create(s, ws.id, long, actor)
        usual_id, long_id = usual.id, listed.id
        assert listed.recommendation == decisions.recommendation(listed.document)
        usual = decisions.write(s, usual, 1, {**data, "stage": "decision"}, actor)
    with store.transaction() as s:
        rows = s.execute(select(AnalysisCache.decision_id, AnalysisCache.version)).all()
        document = dict(decisions.get(s, [ws.id], usual_id).document)
        cached = analyses.cached_text(s, usual_id, 2, analyses.DEFAULT_KEY)
    assert sorted(rows) == [(usual_id, 1), (usual_id, 2)]  # none for the long list
    assert long_id not in {d for d, _ in rows}
    assert cached is not None
    assert analyses.cached(store, usual_id, 2, analyses.DEFAULT_KEY) == analyses.compute(document)
