"""The JSON Schema (draft 2020-12) of a template file, printed by ``decisionroom library schema``.

Generated from the pydantic models and shipped as ``template.schema.json``
next to this module; a test keeps the shipped copy up to date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from decisionroom.library.template import Template

__all__ = ["SCHEMA_PATH", "json_schema", "render"]

SCHEMA_PATH = Path(__file__).with_name("template.schema.json")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a template file."""
    body = Template.model_json_schema(mode="validation", by_alias=True)
    body.pop("title", None)
    body.pop("description", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://decisionroom.dev/schema/template-1.json",
        "title": "decisionroom template",
        "description": (
            "A decision type: its usual factors (why, direction, unit, typical weight range), "
            "typical options, discovery questions by stage with declarative rules, and "
            "insights with their source. YAML or JSON."
        ),
        **body,
    }


def render() -> str:
    """The schema as the text of ``template.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover - regenerates the shipped file
    SCHEMA_PATH.write_text(render(), encoding="utf-8")
