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
