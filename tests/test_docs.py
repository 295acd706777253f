"""The README documents every command and every method (STYLE rule 20)."""

from pathlib import Path

from decisionroom.cli import app
from decisionroom.engine.methods import all_methods

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_has_the_two_command_quick_start():
    assert "make run" in README and "make test" in README


def test_every_command_is_documented():
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert commands
    for name in commands:
        assert f"`decisionroom {name}" in README, name


def test_every_method_and_parameter_is_documented():
    for spec in all_methods():
        assert f"`{spec.id}`" in README, spec.id
        for param in spec.params:
            assert f"`{param.name}`" in README, (spec.id, param.name)
