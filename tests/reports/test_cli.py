from __future__ import annotations

import pytest
from typer.testing import CliRunner

from decisionroom.cli import app

from .conftest import ROOT

EXAMPLE = str(ROOT / "examples" / "head-of-marketing-hire.yaml")


def test_brief_writes_the_format_of_the_extension(tmp_path):
    out = tmp_path / "brief.md"
    result = CliRunner().invoke(
        app, ["brief", EXAMPLE, "-o", str(out), "--smaa", "500", "--author", "Kim Lee"]
    )
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out}\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Head of marketing hire") and "Kim Lee" in text


def test_brief_format_option_overrides_the_extension(tmp_path):
    out = tmp_path / "brief.bin"
    result = CliRunner().invoke(
        app, ["brief", EXAMPLE, "-o", str(out), "--format", "xlsx", "--smaa", "200"]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"PK")


def test_brief_unknown_format_is_bad_input(tmp_path):
    result = CliRunner().invoke(app, ["brief", EXAMPLE, "-o", str(tmp_path / "b.docx")])
    assert result.exit_code == 2
    assert "error: --output: The brief format must be one of html, pdf, pptx, md, xlsx." in (
        result.output
    )


def test_brief_for_a_subject_names_no_other_candidate(tmp_path):
    out = tmp_path / "priya.md"
    result = CliRunner().invoke(
        app, ["brief", EXAMPLE, "-o", str(out), "--smaa", "300", "--for", "subject:priya"]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Decision brief for Priya Nair" in text and "## Where you stand" in text
    for other in ("Amara Cole", "Jonas Berg", "Leo Marchetti", "Keep the role open"):
        assert other not in text


def test_brief_for_a_stakeholder_shows_their_weights(tmp_path):
    out = tmp_path / "cfo.md"
    result = CliRunner().invoke(
        app, ["brief", EXAMPLE, "-o", str(out), "--smaa", "300", "--for", "stakeholder:cfo"]
    )
    assert result.exit_code == 0, result.output
    assert "## Your weights and the group's" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("boss", "error: --for: 'boss' is not a view; use one of decision-maker, "
         "stakeholder:ID, subject:ID"),
        ("subject:nobody", "error: --for: 'nobody' is not one of the decision's options"),
        ("stakeholder:nobody", "error: --for: 'nobody' is not one of the decision's stakeholders"),
    ],
)  # fmt: skip
def test_brief_wrong_view_is_bad_input_and_writes_nothing(tmp_path, value, message):
    out = tmp_path / "brief.pdf"
    # a huge simulation would take minutes: the error must come before any analysis
    result = CliRunner().invoke(
        app, ["brief", EXAMPLE, "-o", str(out), "--smaa", "50000000", "--for", value]
    )
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists() and list(tmp_path.iterdir()) == []
