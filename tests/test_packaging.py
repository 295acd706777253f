"""What a Python user gets from the package (issue #9): typing, one version."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

import decisionroom

ROOT = Path(__file__).resolve().parents[1]


def test_packaging_ships_py_typed_inside_the_package():
    package = Path(decisionroom.__file__).parent
    assert (package / "py.typed").is_file()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    # the wheel holds the whole package folder, py.typed included
    assert config["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["src/decisionroom"]


def test_packaging_has_one_version():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" in config["project"]["dynamic"]  # read from the package, not repeated
    assert config["tool"]["hatch"]["version"]["path"] == "src/decisionroom/__init__.py"
    assert version("decisionroom") == decisionroom.__version__


def test_packaging_brief_libraries_are_an_extra():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    core = " ".join(config["project"]["dependencies"]).lower()
    for name in ("matplotlib", "jinja2", "python-pptx", "openpyxl", "weasyprint"):
        assert name not in core
        assert any(name in d.lower() for d in config["project"]["optional-dependencies"]["brief"])
    assert any("brief" in d for d in config["project"]["optional-dependencies"]["all"])
