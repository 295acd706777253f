import json

from decisionroom.model.schema import SCHEMA_PATH, json_schema, render


def test_schema_is_draft_2020_12_with_id_and_title():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("https://")
    assert schema["title"] == "decisionroom decision file"
    assert schema["description"]
    assert set(schema["required"]) == {"decisionroom", "title", "factors", "options", "performance"}
    assert schema["additionalProperties"] is False


def test_schema_describes_every_factor_field():
    factor = json_schema()["$defs"]["Factor"]
    assert factor["properties"]["direction"]["enum"] == ["max", "min"]
    assert all(
        "description" in v or "$ref" in v or "anyOf" in v for v in factor["properties"].values()
    )


def test_shipped_schema_is_up_to_date():
    # Regenerate with: python -m decisionroom.model.schema
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render()
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == json_schema()
