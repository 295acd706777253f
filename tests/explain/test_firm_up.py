"""What to firm up first: the value of knowing each uncertain number (issue #10).

The estimator is checked on cases whose value of information is known in
closed form, then on constructed decisions.
"""

from __future__ import annotations

import numpy as np
import pytest

from decisionroom.analysis import analyze
from decisionroom.analysis.firm_up import value_of_knowing
from decisionroom.explain.firm_up import WORTH


def test_a_number_that_decides_everything_is_worth_the_whole_doubt():
    # Option 1 is best exactly when x > 0.5: knowing x makes the choice right every time,
    # deciding today is right half the time (EVPPI = 0.5).
    rng = np.random.default_rng(1)
    x = rng.uniform(size=20_000)
    best = (x > 0.5).astype(int)
    now = value_of_knowing(np.zeros_like(x), best, 2)
    assert now == pytest.approx(0.5, abs=0.02)
    assert value_of_knowing(x, best, 2) - now == pytest.approx(0.5, abs=0.03)


def test_a_number_that_tilts_the_odds_is_worth_the_closed_form_value():
    # P(option 0 best | x) = x with x ~ U(0, 1): deciding today is right half the time;
    # knowing x, choose 0 when x > 1/2 and be right with probability max(x, 1 - x),
    # whose mean is 3/4. The value of knowing x is therefore 1/4.
    rng = np.random.default_rng(2)
    x = rng.uniform(size=40_000)
    best = (rng.uniform(size=x.size) >= x).astype(int)
    gain = value_of_knowing(x, best, 2) - value_of_knowing(np.zeros_like(x), best, 2)
    assert gain == pytest.approx(0.25, abs=0.02)


def test_a_number_that_does_not_matter_is_worth_about_nothing():
    # Cross-fitting keeps the noise of the per-bin choice out of the value: a
    # plain "best choice per bin" estimate would credit a few points to pure noise.
    rng = np.random.default_rng(3)
    x = rng.uniform(size=12_000)
    best = rng.integers(0, 2, size=x.size)
    gain = value_of_knowing(x, best, 2) - value_of_knowing(np.zeros_like(x), best, 2)
    assert abs(gain) < 0.02


def _decision(vendor_range, stakeholders=None):
    doc = {
        "decisionroom": 1,
        "title": "Route-planning software",
        "factors": [
            {"id": "cost", "name": "3-year cost", "direction": "min", "unit": "kEUR"},
            {"id": "savings", "name": "Fuel savings", "direction": "max", "unit": "%"},
        ],
        "options": [
            {"id": "routex", "name": "RouteX", "kind": "external"},
            {"id": "inhouse", "name": "Build our own planner", "kind": "build"},
            {"id": "sheets", "name": "Keep the spreadsheets", "kind": "status-quo"},
        ],
        "performance": {
            "routex": {"cost": 320, "savings": vendor_range},
            "inhouse": {"cost": 300, "savings": 7.6},
            "sheets": {"cost": 500, "savings": 0},
        },
        "weights": {"cost": 50, "savings": 50},
    }
    if stakeholders:
        del doc["weights"]
        doc["stakeholders"] = stakeholders
    return doc


def test_the_deciding_estimate_comes_first_and_becomes_the_next_step():
    # RouteX's savings could be anywhere from 2% to 14%: it alone decides between
    # RouteX and the in-house build, so it must top the list and lead the next steps.
    result = analyze(_decision([2, 8, 14])).to_dict()
    items = result["firm_up"]["items"]
    assert items[0]["kind"] == "estimate"
    assert (items[0]["option"], items[0]["factor"]) == ("routex", "savings")
    assert items[0]["gain"] >= WORTH
    explanation = result["explanation"]
    text = " ".join(c["text"] for c in explanation["claims"] if c["kind"] == "unknowns")
    assert "What to firm up first" in text and "Fuel savings for RouteX" in text
    assert explanation["next_steps"][0].startswith("Firm up Fuel savings for RouteX")


def test_a_narrow_estimate_is_not_worth_delaying_the_choice():
    result = analyze(_decision([9.8, 10, 10.2])).to_dict()
    assert all(item["gain"] < WORTH for item in result["firm_up"]["items"])
    texts = [c["text"] for c in result["explanation"]["claims"] if c["kind"] == "unknowns"]
    assert texts[0].startswith("Nothing still uncertain is worth")
    assert not any(step.startswith("Firm up") for step in result["explanation"]["next_steps"])


def test_a_contested_weight_is_ranked_with_the_estimates():
    people = [
        {"id": "cfo", "name": "CFO", "weights": {"cost": 90, "savings": 10}},
        {"id": "ops", "name": "Head of operations", "weights": {"cost": 10, "savings": 90}},
    ]
    result = analyze(_decision(10, stakeholders=people)).to_dict()
    items = result["firm_up"]["items"]
    assert items and items[0]["kind"] == "weight"
    text = " ".join(c["text"] for c in result["explanation"]["claims"] if c["kind"] == "unknowns")
    assert "how much 3-year cost should count, on which the stakeholders differ" in text


def test_nothing_uncertain_means_no_firm_up_section():
    assert "firm_up" not in analyze(_decision(10)).to_dict()


def test_the_value_is_seeded_and_skipped_without_simulation():
    a = analyze(_decision([2, 8, 14]), seed=5).to_dict()["firm_up"]
    b = analyze(_decision([2, 8, 14]), seed=5).to_dict()["firm_up"]
    assert a == b
    assert "firm_up" not in analyze(_decision([2, 8, 14]), smaa=0).to_dict()
