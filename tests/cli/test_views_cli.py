"""`explain --for`: each reader's view from the command line; a wrong view exits 2."""

from pathlib import Path

from typer.testing import CliRunner

from decisionroom.cli import app

HIRE = Path(__file__).resolve().parents[2] / "examples" / "head-of-marketing-hire.yaml"


def run(*args: str):
    return CliRunner().invoke(app, ["explain", str(HIRE), "--smaa", "500", *args])


def test_subject_view_from_the_command_line():
    result = run("--for", "subject:priya")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Head of marketing hire: for Priya Nair\n")
    for other in ("Amara Cole", "Jonas Berg", "Leo Marchetti", "Keep the role open"):
        assert other not in result.output


def test_stakeholder_view_from_the_command_line():
    result = run("--for", "stakeholder:ceo")
    assert result.exit_code == 0, result.output
    assert "Your weights and the group's" in result.output


def test_wrong_view_is_error_exit_2():
    result = run("--for", "subject:nobody")
    assert result.exit_code == 2
    assert "error: --for: 'nobody' is not one of the decision's options" in result.output
