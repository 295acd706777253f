"""The JSON Schema (draft 2020-12) of the decision file, printed by ``decisionroom schema``.

It is generated from the pydantic models and shipped as ``decision.schema.json``
next to this module; a test keeps the shipped copy up to date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from decisionroom.model.decision import Decision

__all__ = ["SCHEMA_ID", "SCHEMA_PATH", "json_schema", "render"]

SCHEMA_ID = "https://decisionroom.dev/schema/decision-1.json"
SCHEMA_PATH = Path(__file__).with_name("decision.schema.json")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a decision file (format version 1)."""
    body = Decision.model_json_schema(mode="validation")
    body.pop("title", None)
    body.pop("description", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "decisionroom decision file",
        "description": (
            "One client decision (format version 1): the goal, the challenges in its way, "
            "the needs they create, the factors that matter and why, the options "
            "(including build, hire and do nothing), how each option performs on each "
            "factor, and the weights of the factors, joint or by stakeholder. "
            "YAML or JSON."
        ),
        **body,
    }


def render() -> str:
    """The schema as the text of ``decision.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover - regenerates the shipped file
    SCHEMA_PATH.write_text(render(), encoding="utf-8")
