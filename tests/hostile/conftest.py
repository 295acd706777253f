"""Decision files an attacker or a careless user would write (issue 11)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from decisionroom.cli import app

BASE: dict[str, Any] = {
    "decisionroom": 1,
    "title": "Choosing a partner",
    "factors": [
        {"id": "cost", "name": "Cost", "direction": "min", "unit": "kEUR"},
        {"id": "speed", "name": "Speed", "direction": "max", "unit": "score"},
    ],
    "options": [
        {"id": "a", "name": "Alpha"},
        {"id": "b", "name": "Beta"},
        {"id": "c", "name": "Gamma"},
    ],
    "performance": {
        "a": {"cost": 100, "speed": 7},
        "b": {"cost": 120, "speed": 9},
        "c": {"cost": 90, "speed": 4},
    },
    "weights": {"cost": 40, "speed": 60},
}


def decision(**changes: Any) -> dict[str, Any]:
    """A valid small decision, with top-level keys replaced."""
    out = copy.deepcopy(BASE)
    out.update(copy.deepcopy(changes))
    return out


def write(tmp_path: Path, data: dict[str, Any], name: str = "d.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


_runner = CliRunner()


def run(*args: Any) -> Any:
    """Run the CLI in-process; stdout and stderr kept apart."""
    return _runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def base() -> dict[str, Any]:
    return decision()
