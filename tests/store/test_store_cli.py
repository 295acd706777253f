from __future__ import annotations

import pytest
from typer.testing import CliRunner

from decisionroom.cli import app
from decisionroom.model import load
from tests.conftest import EXAMPLES

runner = CliRunner()
EXAMPLE = EXAMPLES / "marketing-capability.yaml"


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("DECISIONROOM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DECISIONROOM_DATABASE_URL", raising=False)
    return tmp_path


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def _team():
    assert (
        run(
            "user", "add", "dana@example.com", "--name", "Dana", "--password", "correct horse"
        ).exit_code
        == 0
    )
    assert run("workspace", "add", "northwind", "--owner", "dana@example.com").exit_code == 0


def test_user_add_and_workspace_add(env):
    result = run("user", "add", "dana@example.com", "--password", "correct horse")
    assert (result.exit_code, result.output) == (0, "added user dana@example.com\n")
    again = run("user", "add", "DANA@example.com", "--password", "correct horse")
    assert again.exit_code == 2
    assert "error: email: A user with this email exists already." in again.output
    short = run("user", "add", "sam@example.com", "--password", "short")
    assert "error: password: A password needs at least 8 characters." in short.output
    ws = run("workspace", "add", "northwind", "--owner", "dana@example.com")
    assert (ws.exit_code, ws.output) == (0, "added workspace northwind (owner dana@example.com)\n")
    nobody = run("workspace", "add", "globex", "--owner", "nobody@example.com")
    assert (
        nobody.exit_code == 2
        and "error: --owner: There is no user with this email." in nobody.output
    )


def test_import_export_history_round_trip(env):
    _team()
    result = run("import", EXAMPLE, "--as", "dana@example.com")
    assert result.output == f"imported {EXAMPLE} as decision 1 in northwind\n"
    out = env / "back.yaml"
    assert run("export", 1, "-o", out).exit_code == 0
    assert load(out) == load(EXAMPLE)
    hist = run("history", 1)
    assert hist.exit_code == 0
    assert hist.output.startswith("v1  ") and hist.output.endswith("  dana@example.com  created\n")
    shown = run("history", 1, "--show", 1)
    assert shown.output == out.read_text(encoding="utf-8")


def test_import_is_all_or_nothing(env, tmp_path):
    _team()
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("direction: min", "direction: up", 1)
    )
    result = run("import", EXAMPLE, bad)
    assert result.exit_code == 2
    assert f"error: {bad}: factors[" in result.output
    assert run("history", 1).exit_code == 2


def test_history_of_an_unknown_decision(env):
    _team()
    result = run("history", 7)
    assert (result.exit_code, result.output) == (
        2,
        "error: DECISION: There is no decision with this id. Got 7 instead.\n",
    )


def test_workspace_backup_restore_round_trip(env):
    _team()
    assert (
        run(
            "import", EXAMPLE, EXAMPLES / "head-of-marketing-hire.yaml", "--as", "dana@example.com"
        ).exit_code
        == 0
    )
    from decisionroom.model.fileio import read
    from decisionroom.settings import Settings
    from decisionroom.store import audit, decisions, open_store
    from decisionroom.store.decisions import Actor
    from decisionroom.store.tables import Decision

    store = open_store(Settings())
    with store.transaction() as s:
        row = s.get(Decision, 1)
        decisions.write(
            s, row, 1, {**read(EXAMPLE), "stage": "decision"}, Actor("dana@example.com")
        )
    archive = env / "northwind.zip"
    result = run("workspace", "backup", "northwind", "-o", archive)
    assert (result.exit_code, result.output) == (0, f"wrote {archive}\n")
    restored = run(
        "workspace", "restore", archive, "--owner", "dana@example.com", "--name", "northwind-copy"
    )
    assert (restored.exit_code, restored.output) == (0, "restored workspace northwind-copy\n")
    again = run("workspace", "restore", archive, "--owner", "dana@example.com")
    assert again.exit_code == 2 and "A workspace with this name exists already." in again.output
    with store.transaction() as s:
        rows = s.query(Decision).order_by(Decision.id).all()
        originals, copies = rows[:2], rows[2:]
        assert len(copies) == 2
        for a, b in zip(originals, copies, strict=True):
            assert (b.document, b.version, b.title, b.stage, b.recommendation) == (
                a.document,
                a.version,
                a.title,
                a.stage,
                a.recommendation,
            )
            old, new = audit.history(s, a.id), audit.history(s, b.id)
            assert [(c.version, c.actor, c.patch, c.document, c.created_at) for c in old] == [
                (c.version, c.actor, c.patch, c.document, c.created_at) for c in new
            ]
    store.close()


def test_workspace_restore_refuses_a_broken_archive(env):
    _team()
    bad = env / "bad.zip"
    bad.write_bytes(b"not a zip")
    result = run("workspace", "restore", bad, "--owner", "dana@example.com")
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {bad}: This is not a decisionroom workspace archive")


def test_crm_import_and_export(env):
    _team()
    data = EXAMPLES.parent / "tests" / "store" / "data"
    result = run(
        "crm",
        "import",
        data / "sf_opportunities.csv",
        "--template",
        EXAMPLE,
        "--contacts",
        data / "sf_contact_roles.csv",
        "--competitors",
        data / "sf_competitors.csv",
    )
    assert result.exit_code == 0, result.output
    assert "imported 2 decision(s) into northwind\n" in result.output
    out = env / "crm.csv"
    exported = run("crm", "export", 1, 2, "-o", out)
    assert exported.output == f"wrote {out} (2 decision(s))\n"
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith(
        "Decision ID,Opportunity Name,Account Name,Client Stage,Recommendation"
    )
    assert lines[1].startswith("1,Lumen growth marketing,Lumen Media,shortlist,")
    assert run("crm", "export", 9, "-o", env / "none.csv").exit_code == 2


def test_crm_import_broken_row_imports_nothing(env, tmp_path):
    _team()
    deals = tmp_path / "opps.csv"
    deals.write_text("Opportunity Name,Stage\nGood,Qualification\n,Prospecting\n")
    result = run("crm", "import", deals, "--template", EXAMPLE)
    assert result.exit_code == 2
    assert f"error: {deals}: line 3: name: The name is empty." in result.output
    assert run("history", 1).exit_code == 2


def test_user_token_and_workspace_member(env):
    _team()
    assert run("user", "add", "sam@example.com", "--password", "correct horse").exit_code == 0
    member = run("workspace", "member", "northwind", "sam@example.com", "--role", "viewer")
    assert (member.exit_code, member.output) == (0, "sam@example.com is now viewer of northwind\n")
    wrong = run("workspace", "member", "northwind", "sam@example.com", "--role", "boss")
    assert (
        wrong.exit_code == 2
        and "error: role: The role must be owner, member or viewer. Got 'boss' instead."
        in wrong.output
    )
    token = run("user", "token", "sam@example.com")
    assert token.exit_code == 0 and len(token.output.strip()) >= 43
    from decisionroom.settings import Settings
    from decisionroom.store import open_store
    from decisionroom.store.accounts import roles_of, user_for_secret

    store = open_store(Settings())
    with store.transaction() as s:
        user = user_for_secret(s, cookie=None, bearer=token.output.strip())
        assert user.email == "sam@example.com"
        assert list(roles_of(s, user.id).values()) == ["viewer"]
    store.close()
    nobody = run("user", "token", "nobody@example.com")
    assert (
        nobody.exit_code == 2 and "error: EMAIL: There is no user with this email." in nobody.output
    )


def test_every_team_subcommand_is_documented():
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    groups = {g.name: g.typer_instance for g in app.registered_groups}
    assert set(groups) >= {"user", "workspace", "crm"}
    for name, group in groups.items():
        for command in group.registered_commands:
            assert f"`decisionroom {name} {command.name}" in readme, (name, command.name)


def test_a_bulk_import_ranks_now_and_analyses_on_first_read(env):
    """An import sets the recommendation column but leaves the full analysis (40 ms a
    decision) to the first read, so 200 decisions import in seconds."""
    from sqlalchemy import func, select

    from decisionroom.settings import Settings
    from decisionroom.store import analyses, open_store
    from decisionroom.store.tables import AnalysisCache, Decision

    _team()
    assert run("import", EXAMPLE, "--as", "dana@example.com").exit_code == 0
    store = open_store(Settings(data_dir=env / "data", database_url=None))
    try:
        with store.transaction() as s:
            row = s.get(Decision, 1)
            assert row is not None and row.recommendation == "northwind"
            version, document = row.version, dict(row.document)
            assert s.scalar(select(func.count()).select_from(AnalysisCache)) == 0
        _, hit = analyses.lookup(store, 1, version, document)
        assert not hit
        _, hit = analyses.lookup(store, 1, version, document)
        assert hit
    finally:
        store.close()
