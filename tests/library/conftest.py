"""Shared helpers of the library tests: the CLI runner and a clean user folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from decisionroom.cli import app

ROOT = Path(__file__).resolve().parents[2]
STARTUP = ROOT / "examples" / "marketing-capability.yaml"

runner = CliRunner()


def invoke(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(autouse=True)
def _own_templates_folder(tmp_path, monkeypatch):
    """Each test sees only the shipped templates unless it puts files in this folder."""
    folder = tmp_path / "user-templates"
    folder.mkdir()
    monkeypatch.setenv("DECISIONROOM_TEMPLATES_DIR", str(folder))
    return folder
