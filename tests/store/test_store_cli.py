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
