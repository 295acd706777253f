"""What-ifs stay within what can happen and read as the user wrote the data (issue #10)."""

from __future__ import annotations

from decisionroom.analysis import analyze
from decisionroom.explain.words import decimals_of, round_toward
from decisionroom.model import validate
from decisionroom.reports import build

SOFTWARE = {
    "decisionroom": 1,
    "title": "Route-planning software",
    "stage": "shortlist",
    "factors": [
        {"id": "cost", "name": "3-year cost", "direction": "min", "unit": "kEUR"},
        {"id": "savings", "name": "Fuel savings", "direction": "max", "unit": "%"},
        {"id": "fit", "name": "Fit", "direction": "max", "unit": "score 1-5",
         "value": {"worst": 1, "best": 5}},
    ],
    "options": [
        {"id": "routex", "name": "RouteX", "kind": "external"},
        {"id": "inhouse", "name": "Build our own planner", "kind": "build"},
        {"id": "sheets", "name": "Keep the spreadsheets", "kind": "status-quo"},
    ],
    "performance": {
        "routex": {"cost": 1200, "savings": 12, "fit": 4},
        "inhouse": {"cost": 1500, "savings": 9, "fit": 3},
        "sheets": {"cost": 0, "savings": 0, "fit": 1},
    },
    "weights": {"cost": 20, "savings": 60, "fit": 20},
}  # fmt: skip


def test_what_ifs_never_leave_the_possible_values():
    data = analyze(SOFTWARE, smaa=500).to_dict()
    performance = data["sensitivity"]["performance"]
    for option, row in performance.items():
        for factor, change in row.items():
            if change is None:
                continue
            if factor == "cost":
                assert change["to"] >= 0, (option, change)  # a cost cannot go below zero
            if factor == "fit":
                assert 1 <= change["to"] <= 5, (option, change)  # the declared scale
    # keeping the spreadsheets cannot win on cost: it already costs nothing
    assert performance["sheets"]["cost"] is None


def test_what_if_sentences_read_as_the_data_was_written():
    decision = validate(SOFTWARE)
    analysis = analyze(decision, smaa=500).to_dict()
    brief = build(decision, analysis)
    sentences = [s for s in brief.what_would_change if " would come first with " in s]
    assert sentences
    for s in sentences:
        assert "-" not in s.split(" at ")[1].split(" instead")[0]  # no negative value
        assert "Keep the spreadsheets would" not in s  # a course of action is quoted
    joined = " ".join(sentences)
    assert ".0" not in joined.replace(".0 ", "x")  # integers stay integers


def test_decimals_and_rounding_toward_the_threshold():
    assert decimals_of([143.88, 120, 99.5]) == 2
    assert decimals_of([4, 3, 5]) == 0
    assert round_toward(4.15, 0, up=True) == 5
    assert round_toward(143.871, 2, up=False) == 143.87
    assert round_toward(12.0, 0, up=True) == 12
