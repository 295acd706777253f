from __future__ import annotations

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
