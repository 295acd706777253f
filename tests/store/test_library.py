"""A workspace's library in the store: its templates, catalog, search and learning (issue 14)."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from sqlalchemy import text

from decisionroom.analysis import analyze
from decisionroom.errors import InvalidInput, InvalidParameter
from decisionroom.library import Catalog, new_decision
from decisionroom.library.catalog import InvalidTemplate
from decisionroom.library.learn import learn
from decisionroom.library.search import search
from decisionroom.model.fileio import dumps, read
from decisionroom.model.validate import validate
from decisionroom.store import decisions
from decisionroom.store import library as lib
from decisionroom.store.accounts import add_user, add_workspace
from decisionroom.store.decisions import Actor
from decisionroom.store.errors import AlreadyExists, NotFound
from decisionroom.store.library_search import sync_shipped
from tests.conftest import EXAMPLES
from tests.library.test_search import DESCRIPTIONS

STARTUP = EXAMPLES / "marketing-capability.yaml"


def _two_workspaces(store):
    """Two teams, each with a member; the first one stores the startup example."""
    with store.transaction() as s:
        dana = add_user(s, "dana@example.com", "Dana", "correct horse")
        olga = add_user(s, "olga@example.com", "Olga", "correct horse")
        north, globex = add_workspace(s, "northwind", dana), add_workspace(s, "globex", olga)
        actor = Actor(dana.email, dana.id)
        decision_id = decisions.create(s, north.id, read(STARTUP), actor).id
        return north.id, globex.id, decision_id, actor


@pytest.mark.parametrize(
    ("words", "expected"), DESCRIPTIONS, ids=lambda x: x[:40] if len(x) > 30 else x
)
def test_search_library_ranks_the_right_template_first(store, words, expected):
    north, _, _, _ = _two_workspaces(store)
    hits = lib.search_library(store, north, words, limit=5)
    assert (hits[0].kind, hits[0].id) == ("template", expected)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_search_library_hits_have_the_cli_shape(store):
    north, _, _, _ = _two_workspaces(store)
    hits = lib.search_library(store, north, "structured interview", limit=3)
    assert (hits[0].kind, hits[0].id, hits[0].template) == (
        "insight",
        "structured-selection",
        "hiring",
    )
    assert set(hits[0].to_dict()) == {"kind", "id", "title", "score", "snippet", "template"}
    assert "**structured" in hits[0].snippet and "interview" in hits[0].snippet
    questions = lib.search_library(store, north, "budget", kinds=("question",))
    assert questions and all(h.kind == "question" for h in questions)
    with pytest.raises(InvalidParameter, match="Give some words"):
        lib.search_library(store, north, "the of")
    # operators in the user's text are searched as words, never run
    assert lib.search_library(store, north, 'NEAR(crm " & !| <->')[0].id == "software-platform"
    assert lib.search_library(store, north, "zzzqx") == []


def test_save_decision_as_template_strips_the_client(store):
    north, _, decision_id, actor = _two_workspaces(store)
    with store.transaction() as s:
        row = lib.save_decision_as_template(
            s, decision_id, [north], "media-growth", actor, title="Media app growth"
        )
        assert (row.template_id, row.actor) == ("media-growth", "dana@example.com")
    with store.transaction() as s:
        stored = json.dumps(lib.get_template(s, north, "media-growth").document)
        template = lib.template_of(lib.get_template(s, north, "media-growth"))
    for secret in ("Lumen", "Dana Reyes", "Sam Okafor", "top 5 streaming", "Series A"):
        assert secret not in stored
    assert template.title == "Media app growth"
    assert template.factor("user_growth").weight[1] == 35  # the CEO's own weight
    assert analyze(validate(new_decision(template)), smaa=0).winner.option


def test_workspace_catalog_adds_its_own_templates_and_never_another_workspaces(store):
    north, globex, decision_id, actor = _two_workspaces(store)
    with store.transaction() as s:
        lib.save_decision_as_template(s, decision_id, [north], "media-growth", actor)
        # a workspace template with a shipped id replaces the shipped one in that workspace
        lib.save_decision_as_template(s, decision_id, [north], "hiring", actor, title="Ours")
    mine, theirs = lib.workspace_catalog(store, north), lib.workspace_catalog(store, globex)
    assert mine.source("media-growth") == "workspace" and mine.get("hiring").title == "Ours"
    assert mine.source("hiring") == "workspace" and mine.source("outsourcing") == "shipped"
    assert "media-growth" not in {t.id for t in theirs.templates}
    assert theirs.get("hiring").title == "Hiring for a role"
    assert [t.id for t in mine.templates].count("hiring") == 1
    with store.transaction() as s, pytest.raises(NotFound):
        lib.get_template(s, globex, "media-growth")
    with store.transaction() as s, pytest.raises(NotFound):  # not in the caller's workspaces
        lib.save_decision_as_template(s, decision_id, [globex], "stolen", actor)


def test_search_library_finds_a_workspace_template_in_its_workspace_only(store):
    north, globex, decision_id, actor = _two_workspaces(store)
    data = None
    with store.transaction() as s:
        row = lib.save_decision_as_template(s, decision_id, [north], "news-app-growth", actor)
        data = dict(row.document)
    data["concepts"] = ["podcast listeners", "newsroom"]
    with store.transaction() as s:
        lib.save_template(s, north, data, actor, replace=True)
    found = lib.search_library(store, north, "more podcast listeners for the newsroom")
    assert (found[0].kind, found[0].id) == ("template", "news-app-growth")
    assert "**podcast" in found[0].snippet
    assert lib.search_library(store, globex, "podcast newsroom") == []
    with store.transaction() as s:
        lib.delete_template(s, north, "news-app-growth")
    assert lib.search_library(store, north, "podcast newsroom") == []


def test_a_workspace_template_hides_the_shipped_one_in_search(store):
    north, globex, _, actor = _two_workspaces(store)
    data = Catalog.load().get("hiring").model_dump(mode="json", by_alias=True, exclude_none=True)
    data["title"] = "Hiring engineers the northwind way"
    with store.transaction() as s:
        lib.save_template(s, north, data, actor)
    mine = [h for h in lib.search_library(store, north, "hiring", limit=20) if h.id == "hiring"]
    assert [h.title for h in mine] == ["Hiring engineers the northwind way"]
    theirs = [h for h in lib.search_library(store, globex, "hiring", limit=20) if h.id == "hiring"]
    assert [h.title for h in theirs] == ["Hiring for a role"]


def test_search_library_includes_the_user_folder(store, tmp_path):
    north, _, _, _ = _two_workspaces(store)
    data = Catalog.load().get("outsourcing").model_dump(mode="json", by_alias=True)
    data.update(id="lighthouse-keeping", title="Lighthouse keeping", concepts=["lighthouse"])
    (tmp_path / "own.yaml").write_text(dumps(data))
    hits = lib.search_library(store, north, "lighthouse", user_folder=tmp_path)
    assert (hits[0].kind, hits[0].id) == ("template", "lighthouse-keeping")
    # the same ranking as the command line's search over the same catalog
    memory = search(Catalog.load(tmp_path), "lighthouse")
    assert [(h.kind, h.id) for h in hits][:1] == [(h.kind, h.id) for h in memory][:1]


def test_save_template_refuses_a_taken_id_and_a_bad_template(store):
    north, _, decision_id, actor = _two_workspaces(store)
    with store.transaction() as s:
        lib.save_decision_as_template(s, decision_id, [north], "media-growth", actor)
    with (
        store.transaction() as s,
        pytest.raises(AlreadyExists, match="template with this id") as taken,
    ):
        lib.save_decision_as_template(s, decision_id, [north], "media-growth", actor)
    assert taken.value.errors[0].loc == "template_id"
    with store.transaction() as s:  # unless it is meant to replace it
        lib.save_decision_as_template(
            s, decision_id, [north], "media-growth", actor, title="Again", replace=True
        )
        assert lib.template_of(lib.get_template(s, north, "media-growth")).title == "Again"
    with store.transaction() as s, pytest.raises(InvalidInput) as bad:
        lib.save_decision_as_template(s, decision_id, [north], "no spaces", actor)
    assert bad.value.errors[0].loc == "template_id"
    broken = {"id": "x", "title": "X", "description": "d", "factors": [], "options": []}
    with store.transaction() as s, pytest.raises(InvalidTemplate) as bad:
        lib.save_template(s, north, broken, actor)
    assert [e.loc for e in bad.value.errors] == ["template: factors", "template: options"]
    with store.transaction() as s, pytest.raises(NotFound):
        lib.delete_template(s, north, "hiring")  # shipped templates are not the workspace's


def test_shipped_entries_follow_the_release(postgres_store):
    """PostgreSQL only: SQLite searches in memory and keeps no index."""
    store = postgres_store
    north, _, _, _ = _two_workspaces(store)
    lib.search_library(store, north, "hiring")
    assert sync_shipped(store) is False  # up to date
    with store.transaction() as s:
        s.execute(text("UPDATE library_entry SET digest = 'old' WHERE workspace_id IS NULL"))
        s.execute(text("DELETE FROM library_entry WHERE entry_id = 'hiring'"))
    assert sync_shipped(store) is True
    assert lib.search_library(store, north, "hiring")[0].id == "hiring"
    with store.transaction() as s:
        count = s.execute(text("SELECT count(*) FROM library_entry")).scalar()
    shipped = Catalog.load().templates
    assert count == sum(1 + len(t.insights) + len(t.questions) for t in shipped)


def _hiring(ceo: float, chosen: str | None = None, met: bool | None = None):
    data = new_decision(Catalog.load().get("hiring"))
    factors = [f["id"] for f in data["factors"]]
    rest = (100 - ceo) / (len(factors) - 1)
    data["stakeholders"] = [
        {
            "id": "ceo",
            "role": "CEO",
            "weights": {f: ceo if f == factors[0] else rest for f in factors},
        }
    ]
    del data["weights"]
    if chosen is not None:
        data["outcome"] = {"chosen": chosen, **({} if met is None else {"met_goal": met})}
    return data


def test_learn_workspace_counts_its_own_decisions_only(store):
    north, globex, _, actor = _two_workspaces(store)
    mine = [_hiring(50, "candidate_a", True), _hiring(30, "internal", False), _hiring(40)]
    theirs = [_hiring(10, "candidate_a", False)] * 3
    with store.transaction() as s:
        for data in mine:
            decisions.create(s, north, data, actor)
        for data in theirs:
            decisions.create(s, globex, data, actor)
    with store.transaction() as s:
        found = lib.learn_workspace(s, north)
        only = lib.learn_workspace(s, north, "hiring")
    expected = learn([validate(d) for d in mine])
    assert [e.to_dict() for e in found] == [e.to_dict() for e in expected]
    assert [e.template for e in only] == ["hiring"]  # the startup example has no template
    hiring = found[0]
    assert hiring.decisions == 3 and hiring.with_outcome == 2
    assert hiring.chosen == {
        "hire": {"chosen": 1, "met": 1, "missed": 0},
        "build": {"chosen": 1, "met": 0, "missed": 1},
    }
    assert sum(Counter(hiring.decisive).values()) + hiring.no_flip == 3
    assert len(hiring.weights_by_role["CEO"][mine[0]["factors"][0]["id"]]) == 3


def test_processes_starting_together_write_the_shipped_entries_once(postgres_store):
    """PostgreSQL only: SQLite searches in memory and keeps no index."""
    store = postgres_store
    import threading

    from decisionroom.store import open_store

    others = [open_store(store.settings, apply_migrations=False) for _ in range(3)]
    results: list[bool] = []
    start = threading.Barrier(len(others))

    def run(other):
        start.wait()
        results.append(sync_shipped(other))

    threads = [threading.Thread(target=run, args=(o,)) for o in others]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for o in others:
        o.close()
    assert sorted(results) == [False, False, True]  # one rewrote them, the others found them
    with store.transaction() as s:
        count = s.execute(text("SELECT count(*) FROM library_entry")).scalar()
    shipped = Catalog.load().templates
    assert count == sum(1 + len(t.insights) + len(t.questions) for t in shipped)


def test_two_saves_of_one_new_id_at_once_give_one_conflict(store):
    import threading
    import time

    north, _, _, actor = _two_workspaces(store)
    data = Catalog.load().get("hiring").model_dump(mode="json", by_alias=True, exclude_none=True)
    data["id"] = "ours"
    outcome: list[str] = []

    def second():
        try:
            with store.transaction() as s:
                lib.save_template(s, north, data, actor)
            outcome.append("saved")
        except AlreadyExists as exc:
            outcome.append(exc.errors[0].loc)

    with store.transaction() as s:
        lib.save_template(s, north, data, actor)
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.5)  # the second save waits for this one (lock or unique index)
    thread.join()
    assert outcome == ["template.id"]
    with store.transaction() as s:
        assert [r.template_id for r in lib.list_templates(s, north)] == ["ours"]
