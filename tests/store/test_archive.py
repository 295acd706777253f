from __future__ import annotations

import io
import json
import zipfile

import pytest

from decisionroom.errors import InvalidInput
from decisionroom.model import load, validate
from decisionroom.model.fileio import dumps, read
from decisionroom.store import archive, audit, decisions
from decisionroom.store.accounts import add_user, add_workspace
from decisionroom.store.decisions import Actor
from decisionroom.store.library import get_template, list_templates, save_decision_as_template
from decisionroom.store.tables import Decision
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "marketing-capability.yaml"


def test_stored_decision_dumps_as_the_file(store):
    with store.transaction() as s:
        user = add_user(s, "dana@example.com", "Dana", "correct horse")
        ws = add_workspace(s, "northwind", user)
        row = decisions.create(s, ws.id, read(EXAMPLE), Actor(user.email, user.id))
    with store.transaction() as s:
        back = decisions.model_of(s.get(Decision, row.id))
    assert back == load(EXAMPLE)
    # Same text on every backend: maps keyed by factors or options follow those lists.
    expected = dumps(validate(decisions.in_file_order(read(EXAMPLE))))
    assert dumps(back) == expected
    assert "      swing:\n        user_growth: 100\n        time_to_impact: 50\n" in expected


def test_archive_round_trip(store):
    with store.transaction() as s:
        user = add_user(s, "dana@example.com", "Dana", "correct horse")
        sam = add_user(s, "sam@example.com", "Sam", "correct horse")
        ws = add_workspace(s, "northwind", user)
        actor = Actor(user.email, user.id)
        row = decisions.create(s, ws.id, read(EXAMPLE), actor)
        decisions.write(s, row, 1, {**read(EXAMPLE), "title": "Renamed"}, actor)
        from decisionroom.store.accounts import set_role

        set_role(s, ws, sam, "viewer")
        save_decision_as_template(s, row.id, [ws.id], "media-growth", actor)
        data = archive.backup(s, ws)
    with store.transaction() as s:
        copy, notes = archive.restore(s, data, user, name="copy")
        assert notes == []
        new = s.query(Decision).filter(Decision.workspace_id == copy.id).one()
        old = s.get(Decision, row.id)
        assert (new.document, new.version, new.title) == (old.document, 2, "Renamed")
        assert [c.patch for c in audit.history(s, new.id)] == [
            c.patch for c in audit.history(s, old.id)
        ]
        from decisionroom.store.accounts import roles_of

        assert roles_of(s, sam.id)[copy.id] == "viewer"
        # the workspace's own templates travel with it
        [template] = list_templates(s, copy.id)
        original = get_template(s, ws.id, "media-growth")
        assert (template.template_id, template.actor) == ("media-growth", "dana@example.com")
        assert template.document == original.document


def test_archive_with_an_invalid_version_restores_nothing(store):
    with store.transaction() as s:
        user = add_user(s, "dana@example.com", "Dana", "correct horse")
        ws = add_workspace(s, "northwind", user)
        decisions.create(s, ws.id, read(EXAMPLE), Actor(user.email, user.id))
        data = archive.backup(s, ws)
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(broken, "w") as dst:
        for name in src.namelist():
            content = src.read(name)
            if name.startswith("decisions/"):
                entry = json.loads(content)
                entry["versions"][0]["document"]["factors"][0]["direction"] = "up"
                content = json.dumps(entry).encode()
            dst.writestr(name, content)
    with pytest.raises(InvalidInput) as info, store.transaction() as s:
        archive.restore(s, broken.getvalue(), s.merge(user), name="copy", source="a.zip")
    assert (
        info.value.errors[0].loc == "a.zip: decisions/00001.json: versions[0].factors[0].direction"
    )
    with store.transaction() as s:
        assert s.query(Decision).count() == 1


def test_archive_with_a_broken_template_restores_nothing(store):
    with store.transaction() as s:
        user = add_user(s, "dana@example.com", "Dana", "correct horse")
        ws = add_workspace(s, "northwind", user)
        row = decisions.create(s, ws.id, read(EXAMPLE), Actor(user.email, user.id))
        save_decision_as_template(s, row.id, [ws.id], "media-growth", Actor(user.email))
        data = archive.backup(s, ws)
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(broken, "w") as dst:
        for name in src.namelist():
            content = src.read(name)
            if name.startswith("templates/"):
                entry = json.loads(content)
                entry["template"]["factors"][0]["direction"] = "up"
                content = json.dumps(entry).encode()
            dst.writestr(name, content)
    with pytest.raises(InvalidInput) as info, store.transaction() as s:
        archive.restore(s, broken.getvalue(), s.merge(user), name="copy", source="a.zip")
    assert (
        info.value.errors[0].loc
        == "a.zip: templates/media-growth.json: template: factors.0.direction"
    )
    with store.transaction() as s:
        assert len(list_templates(s, ws.id)) == 1
