"""What a Python user expects of the command line (issue #9): precision, stdin, stdout."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from decisionroom.cli import app

ROOT = Path(__file__).resolve().parents[2]
STARTUP = ROOT / "examples" / "marketing-capability.yaml"

RANKED = """\
decisionroom: 1
title: Three factors by rank
factors:
  - {id: a, direction: max}
  - {id: b, direction: max}
  - {id: c, direction: min}
options:
  - {id: x, name: X}
  - {id: y, name: Y}
performance:
  x: {a: 1, b: 2, c: 3}
  y: {a: 2, b: 1, c: 1}
weights: {ranking: [a, b, c]}
"""

runner = CliRunner()


def _exe() -> Path:
    return Path(sys.executable).with_name("decisionroom")


def test_cli_json_keeps_full_precision(tmp_path):
    # rank-order centroid of three: 11/18, 5/18, 2/18 (Barron & Barrett 1996)
    path = tmp_path / "ranked.yaml"
    path.write_text(RANKED)
    result = runner.invoke(app, ["analyze", str(path), "--format", "json", "--smaa", "0"])
    assert result.exit_code == 0, result.output
    weights = json.loads(result.output)["weights"]
    assert abs(weights["a"] - 11 / 18) < 1e-15
    assert abs(weights["b"] - 5 / 18) < 1e-15
    assert abs(weights["c"] - 2 / 18) < 1e-15


def test_cli_reads_the_decision_from_stdin():
    text = STARTUP.read_text()
    result = runner.invoke(app, ["analyze", "-", "--format", "json", "--smaa", "0"], input=text)
    assert result.exit_code == 0, result.output
    from_file = runner.invoke(app, ["analyze", str(STARTUP), "--format", "json", "--smaa", "0"])
    assert json.loads(result.output)["ranking"] == json.loads(from_file.output)["ranking"]
    valid = runner.invoke(app, ["validate", "-"], input=text)
    assert valid.exit_code == 0 and "valid" in valid.output


def test_cli_brief_to_stdout_is_markdown():
    proc = subprocess.run(
        [str(_exe()), "brief", str(STARTUP), "-o", "-", "--smaa", "200"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# ")
    assert "wrote" not in proc.stdout


def test_cli_python_dash_m_is_the_same_command():
    proc = subprocess.run(
        [sys.executable, "-m", "decisionroom", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("decisionroom ")


def test_cli_shell_completion_can_be_shown():
    proc = subprocess.run(
        [str(_exe()), "--show-completion", "bash"],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "SHELL": "/bin/bash"},
    )
    assert proc.returncode == 0, proc.stderr
    assert "complete" in proc.stdout and "decisionroom" in proc.stdout


def test_cli_no_robustness_gives_only_the_ranking(tmp_path):
    result = runner.invoke(app, ["analyze", str(STARTUP), "--format", "json", "--no-robustness"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert "smaa" not in data and "sensitivity" not in data
    assert len(data["ranking"]) == 5


def test_cli_output_piped_into_a_closed_reader_is_quiet():
    # `decisionroom analyze FILE | head -1`: the reader closes the pipe after one line
    proc = subprocess.run(
        f"{_exe()} analyze {STARTUP} --smaa 200 | head -1 > /dev/null",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.stderr == ""
