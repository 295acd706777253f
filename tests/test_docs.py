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


DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_decision_file_reference_is_generated_from_the_models():
    from decisionroom.model.schema_doc import BEGIN, END, reference

    text = (DOCS / "decision-file.md").read_text(encoding="utf-8")
    generated = text[text.index(BEGIN) + len(BEGIN) : text.index(END)]
    assert generated.strip() == reference().strip(), (
        "docs/decision-file.md is out of date: run python -m decisionroom.model.schema_doc"
    )


def test_every_analysis_json_key_is_documented():
    from decisionroom.analysis import analyze

    text = (DOCS / "analysis-json.md").read_text(encoding="utf-8")
    root = Path(__file__).resolve().parents[1] / "examples"
    for example in sorted(root.glob("*.yaml")):
        data = analyze(example, smaa=300).to_dict()
        for key, value in data.items():
            assert f"`{key}`" in text or f"`{key}." in text, (example.name, key)
            if key in ("sensitivity", "smaa"):
                for sub in value:
                    assert f"`{key}.{sub}`" in text or f"{key}.{sub}" in text, (key, sub)


def test_code_points_to_docs_inside_the_repository():
    src = Path(__file__).resolve().parents[1] / "src"
    for path in src.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "shared/" not in text and "DESIGN.md" not in text, path
        for doc in set(__import__("re").findall(r"docs/[\w.-]+\.md", text)):
            assert (DOCS.parent / doc).is_file(), (path, doc)
