import pytest

import decisionroom
from decisionroom.errors import AnalysisFailed

BASE = """
decisionroom: 1
title: Vendor choice
factors:
  - {id: cost, name: Cost, direction: min, unit: kEUR, why: Budget, must_have: {max: 500}}
  - {id: quality, name: Quality, direction: max, why: Users}
options:
  - {id: cheap, name: Cheap Co}
  - {id: premium, name: Premium Ltd}
  - {id: mid, name: Middle Inc}
performance:
  cheap: {cost: 200, quality: 3}
  premium: {cost: 650, quality: 10}
  mid: {cost: [380, 450, 520], quality: 6}
weights: {cost: 1, quality: 9}
"""


def test_option_breaking_a_must_have_is_set_aside_not_traded_away():
    result = decisionroom.analyze(decisionroom.loads(BASE), smaa=500)
    data = result.to_dict()
    # with 90% on quality premium would win; the must-have keeps it out
    assert [row["option"] for row in data["ranking"]] == ["mid", "cheap"]
    assert data["excluded"] == [
        {
            "option": "premium",
            "factor": "cost",
            "reason": "its Cost of 650 kEUR is above the must-have maximum of 500 kEUR.",
        }
    ]
    texts = [c["text"] for c in data["explanation"]["claims"] if c["kind"] == "must_have"]
    assert texts == [
        "Premium Ltd was set aside: its Cost of 650 kEUR is above the must-have maximum of 500 kEUR."
    ]


def test_range_crossing_a_must_have_warns():
    data = decisionroom.analyze(decisionroom.loads(BASE), smaa=0).to_dict()
    risky = [w for w in data["warnings"] if w["code"] == "warn_must_have_at_risk"]
    assert [w["loc"] for w in risky] == ["performance.mid.cost"]


def test_every_option_failing_is_a_clear_failure():
    text = BASE.replace("must_have: {max: 500}", "must_have: {max: 100}")
    with pytest.raises(AnalysisFailed, match="Every option fails a must-have"):
        decisionroom.analyze(decisionroom.loads(text))


def test_single_survivor_is_ranked_alone():
    text = BASE.replace("must_have: {max: 500}", "must_have: {max: 300}")
    data = decisionroom.analyze(decisionroom.loads(text), smaa=500).to_dict()
    assert [row["option"] for row in data["ranking"]] == ["cheap"]
    assert "sensitivity" not in data and "smaa" not in data
    assert data["explanation"]["claims"][0]["text"] == "Cheap Co is the only option left."


def test_must_have_set_aside_option_stays_in_the_terminal_table():
    # issue #10: an option set aside is shown, marked with the reason, not dropped
    from rich.console import Console

    from decisionroom._terminal import print_analysis
    from decisionroom.analysis import analyze
    from decisionroom.model import validate

    data = {
        "decisionroom": 1,
        "title": "Budget cap",
        "factors": [
            {"id": "cost", "direction": "min", "unit": "kEUR", "must_have": {"max": 500}},
            {"id": "speed", "direction": "max"},
        ],
        "options": [
            {"id": "a", "name": "Alpha"},
            {"id": "b", "name": "Beta"},
            {"id": "c", "name": "Gamma Deluxe"},
        ],
        "performance": {
            "a": {"cost": 300, "speed": 5},
            "b": {"cost": 400, "speed": 7},
            "c": {"cost": 900, "speed": 9},
        },
    }
    decision = validate(data)
    result = analyze(decision, smaa=200)
    console = Console(width=160, record=True)
    print_analysis(result, decision, console)
    text = console.export_text()
    line = next(ln for ln in text.splitlines() if "Gamma Deluxe" in ln)
    assert "set aside" in line and "500" in line
