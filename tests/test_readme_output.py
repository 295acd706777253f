"""The README's worked example shows what `decisionroom explain` prints today."""

from pathlib import Path

from typer.testing import CliRunner

from decisionroom.cli import app

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_explain_block_is_real_output(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["explain", "examples/marketing-capability.yaml"])
    assert result.exit_code == 0, result.output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```text\n{result.output}```" in readme
