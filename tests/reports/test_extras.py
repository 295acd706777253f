"""A missing brief library is named with the command that installs it (issue #9)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from decisionroom.reports._extras import INSTALL, ReportDependencyMissing, require_format

ROOT = Path(__file__).resolve().parents[2]
STARTUP = ROOT / "examples" / "marketing-capability.yaml"


def test_extras_markdown_needs_nothing():
    require_format("md")


def test_extras_missing_library_is_named(monkeypatch):
    import decisionroom.reports._extras as extras

    monkeypatch.setattr(extras, "find_spec", lambda name: None if name == "openpyxl" else object())
    with pytest.raises(ReportDependencyMissing) as info:
        require_format("xlsx")
    (error,) = info.value.errors
    assert error.loc == "--format"
    assert error.msg == (
        "xlsx briefs need the Python package openpyxl, which is not installed; install the "
        f"brief's libraries with `{INSTALL}`."
    )
    assert info.value.exit_code == 1


def test_extras_cli_refuses_before_the_analysis(tmp_path):
    # python-pptx hidden from the import system, as on `pip install decisionroom`
    script = textwrap.dedent(
        f"""
        import sys
        sys.modules["pptx"] = None
        import importlib.util
        real = importlib.util.find_spec
        importlib.util.find_spec = lambda name, *a: None if name == "pptx" else real(name, *a)
        import decisionroom.reports._extras as extras
        extras.find_spec = importlib.util.find_spec
        sys.argv = ["decisionroom", "brief", {str(STARTUP)!r}, "-o", {str(tmp_path / "b.pptx")!r}]
        from decisionroom.cli import main
        main()
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr == (
        "error: --format: pptx briefs need the Python package python-pptx, which is not "
        f"installed; install the brief's libraries with `{INSTALL}`.\n"
    )
    assert not (tmp_path / "b.pptx").exists()
