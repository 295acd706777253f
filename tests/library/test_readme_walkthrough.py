"""The README's "From a template, step by step" shows real output: replay it and compare."""

from pathlib import Path

from tests.library.conftest import invoke

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
GOAL = """client: Lumen Media
stage: needs
goal:
  statement: Be in the top 5 streaming news apps by monthly users, with 20% market share
  horizon: 3 years
"""


def shown(*args):
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    command = " ".join(f'"{a}"' if " " in str(a) else str(a) for a in args)
    block = f"$ decisionroom {command}\n{result.output}"
    assert block in README, block
    return result.output


def test_the_readme_walkthrough_is_real_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shown(
        "new",
        "--template",
        "marketing-capability",
        "-o",
        "lumen.yaml",
        "--title",
        "Marketing capability for growth",
    )
    shown("answer", "lumen.yaml", "proof_point_months", "12")
    path = tmp_path / "lumen.yaml"
    path.write_text(path.read_text().replace("stage: goal\n", GOAL))
    shown("answer", "lumen.yaml", "own_or_rent", "own it")
    shown("answer", "lumen.yaml", "trust_sensitive", "yes")
    shown("answer", "lumen.yaml", "budget_ceiling", "300")
    shown("status", "lumen.yaml")
