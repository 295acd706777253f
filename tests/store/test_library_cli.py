"""The library commands on the team store: --workspace, store-template, remove-template."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from decisionroom.cli import app
from decisionroom.model import load
from tests.conftest import EXAMPLES

runner = CliRunner()
EXAMPLE = EXAMPLES / "marketing-capability.yaml"


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def team(store, tmp_path, monkeypatch):
    """The commands use the test's store (SQLite file or PostgreSQL); two workspaces."""
    monkeypatch.setenv("DECISIONROOM_TEMPLATES_DIR", str(tmp_path / "no-user-templates"))
    if store.dialect == "sqlite":
        monkeypatch.delenv("DECISIONROOM_DATABASE_URL", raising=False)
        monkeypatch.setenv("DECISIONROOM_DATA_DIR", str(store.settings.data_dir))
    else:
        monkeypatch.setenv("DECISIONROOM_DATABASE_URL", store.settings.url())
    for email, workspace in [("dana@example.com", "northwind"), ("olga@example.com", "globex")]:
        assert (
            run("user", "add", email, "--name", "X", "--password", "correct horse").exit_code == 0
        )
        assert run("workspace", "add", workspace, "--owner", email).exit_code == 0
    assert run("import", EXAMPLE, "-w", "northwind").exit_code == 0
    hiring = tmp_path / "hiring.yaml"
    assert run("new", "-t", "hiring", "-o", hiring).exit_code == 0
    assert run("import", hiring, "-w", "northwind").exit_code == 0
    return tmp_path


def _ids(output):
    return {t["id"]: t["source"] for t in json.loads(output)}


def test_store_template_then_list_search_and_remove(team):
    stored = run(
        "library",
        "store-template",
        1,
        "--id",
        "media-growth",
        "--title",
        "Media app growth",
        "--as",
        "dana@example.com",
    )
    assert stored.exit_code == 0, stored.output
    assert stored.output == (
        "stored the template 'media-growth' in the workspace northwind, without client, "
        "people, goal, challenges, needs, answers or outcome\n"
    )
    mine = _ids(run("templates", "--workspace", "northwind", "--format", "json").output)
    assert mine["media-growth"] == "workspace" and mine["hiring"] == "shipped"
    assert "media-growth" not in _ids(run("templates", "-w", "globex", "--format", "json").output)
    assert "media-growth" not in _ids(run("templates", "--format", "json").output)
    table = run("templates", "-w", "northwind").output
    assert "Media app growth (workspace northwind)" in table
    hits = json.loads(
        run("library", "search", "media app growth", "-w", "northwind", "--format", "json").output
    )
    assert (hits[0]["kind"], hits[0]["id"]) == ("template", "media-growth")
    assert set(hits[0]) == {"kind", "id", "title", "score", "snippet", "template"}
    elsewhere = run("library", "search", "media app growth", "-w", "globex", "--format", "json")
    assert "media-growth" not in {h["id"] for h in json.loads(elsewhere.output)}
    out = team / "podcast.yaml"
    started = run("new", "--template", "media-growth", "--workspace", "northwind", "-o", out)
    assert started.exit_code == 0, started.output
    assert load(out).template == "media-growth" and load(out).client is None
    assert run("new", "--template", "media-growth", "-o", team / "x.yaml").exit_code == 2
    removed = run("library", "remove-template", "media-growth", "-w", "northwind")
    assert removed.output == "removed the template 'media-growth' from the workspace northwind\n"
    assert "media-growth" not in _ids(
        run("templates", "-w", "northwind", "--format", "json").output
    )


def test_store_template_bad_input(team):
    bad_id = run("library", "store-template", 1, "--id", "no spaces")
    assert bad_id.exit_code == 2
    assert bad_id.output.startswith("error: --id: A template id is letters, digits")
    missing = run("library", "store-template", 99, "--id", "x")
    assert (missing.exit_code, missing.output) == (
        2,
        "error: DECISION: There is no decision with this id. Got 99 instead.\n",
    )
    assert run("library", "store-template", 1, "--id", "x").exit_code == 0
    taken = run("library", "store-template", 1, "--id", "x")
    assert taken.exit_code == 2 and taken.output.startswith("error: --id: This workspace has")
    assert run("library", "store-template", 1, "--id", "x", "--replace").exit_code == 0
    shipped = run("library", "remove-template", "hiring", "-w", "northwind")
    assert (shipped.exit_code, shipped.output) == (
        2,
        "error: TEMPLATE_ID: This workspace has no template of its own with this id. "
        "Got 'hiring' instead.\n",
    )
    nowhere = run("library", "search", "crm", "-w", "nowhere")
    assert (nowhere.exit_code, nowhere.output) == (
        2,
        "error: --workspace: There is no workspace with this name. Got 'nowhere' instead.\n",
    )


def test_learn_from_a_workspace_in_the_store(team):
    found = run("library", "learn", "--workspace", "northwind", "--format", "json")
    assert found.exit_code == 0, found.output
    assert [(e["template"], e["decisions"]) for e in json.loads(found.output)] == [("hiring", 1)]
    table = run("library", "learn", "-w", "northwind").output
    assert table.startswith("hiring: 1 decision(s)\n")
    assert table.endswith("(1 stored decision(s) without a template left out)\n")
    assert json.loads(run("library", "learn", "-w", "globex", "--format", "json").output) == []
    neither = run("library", "learn")
    assert neither.exit_code == 2 and "or --workspace" in neither.output
