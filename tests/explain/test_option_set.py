"""Saying when the result depends on which options are on the table (issue #10)."""

from __future__ import annotations

import copy

from decisionroom.analysis import analyze

# With the dominated option "legacy" on the table, both factors are scaled from 0 and
# RouteFlow leads; without it, min-max scales to the two leaders alone and FleetPath
# comes first (55% x 1 against 45% x 1). By hand:
#   with legacy:    fleetpath 0.55 x 1.0 + 0.45 x 0.4 = 0.730, routeflow 0.55 x 0.6 + 0.45 = 0.780
#   without legacy: fleetpath 0.55 x 1.0 + 0.45 x 0.0 = 0.550, routeflow 0.55 x 0.0 + 0.45 = 0.450
DECISION = {
    "decisionroom": 1,
    "title": "Route-planning software",
    "factors": [
        {"id": "coverage", "name": "Depot coverage", "direction": "max", "unit": "depots"},
        {"id": "savings", "name": "Fuel savings", "direction": "max", "unit": "%"},
    ],
    "options": [
        {"id": "fleetpath", "name": "FleetPath", "kind": "external"},
        {"id": "routeflow", "name": "RouteFlow", "kind": "external"},
        {"id": "legacy", "name": "Keep the spreadsheets", "kind": "status-quo"},
    ],
    "performance": {
        "fleetpath": {"coverage": 10, "savings": 4},
        "routeflow": {"coverage": 6, "savings": 10},
        "legacy": {"coverage": 0, "savings": 0},
    },
    "weights": {"coverage": 55, "savings": 45},
}


def _claims(result):
    return [c for c in result["explanation"]["claims"] if c["kind"] == "safety"]


def test_a_winner_that_depends_on_a_dominated_option_is_called_out():
    result = analyze(DECISION).to_dict()
    assert [r["option"] for r in result["ranking"]] == ["routeflow", "fleetpath", "legacy"]
    found = result["option_set"]
    assert found["winner_changes"] == [{"removed": "legacy", "new_winner": "fleetpath"}]
    assert found["unbounded_factors"] == ["coverage", "savings"]
    (text,) = [c["text"] for c in _claims(result) if "on the table" in c["text"]]
    assert text.startswith(
        "The recommendation depends on which options are on the table: without “Keep the "
        "spreadsheets”, FleetPath would rank first instead of RouteFlow."
    )
    assert "Depot coverage and Fuel savings are scaled to the options present" in text
    assert "value bounds" in text


def test_declared_bounds_make_the_result_independent_of_the_options_present():
    bounded = copy.deepcopy(DECISION)
    bounded["factors"][0]["value"] = {"worst": 0, "best": 10}
    bounded["factors"][1]["value"] = {"worst": 0, "best": 10}
    result = analyze(bounded).to_dict()
    assert "option_set" not in result
    assert not any("on the table" in c["text"] for c in _claims(result))


def test_a_lead_that_moves_with_another_option_is_called_out():
    result = analyze("examples/head-of-marketing-hire.yaml").to_dict()
    change = result["option_set"]["margin_changes"][0]
    assert change["removed"] == "jonas"
    assert change["margin_without"] > 2 * change["margin"]
    (text,) = [c["text"] for c in _claims(result) if "depends on which other" in c["text"]]
    assert "without Jonas Berg it would be" in text


def test_a_relative_method_is_named_as_the_reason():
    result = analyze(DECISION, method="topsis").to_dict()
    found = result.get("option_set")
    assert found is not None and not found["bounds_used"]
    (text,) = [c["text"] for c in _claims(result) if "That is because" in c["text"]]
    assert "topsis scores each option against the others present" in text
