"""The margin in the decisive factors' units: giving the runner-up exactly that much levels them."""

import pytest

import decisionroom

FILE = """
decisionroom: 1
title: Route planning
factors:
  - {id: cost, name: 3-year cost, direction: min, unit: kEUR, value: {worst: 2000, best: 0}}
  - {id: fit, name: Fit, direction: max, unit: score 1-5, value: {worst: 1, best: 5}}
options:
  - {id: a, name: Alpha Suite}
  - {id: b, name: Beta Cloud}
performance:
  a: {cost: 900, fit: 4}
  b: {cost: 1200, fit: 4.5}
weights: {cost: 6, fit: 4}
"""


def analyse(text):
    return decisionroom.analyze(decisionroom.loads(text), smaa=0).to_dict()


def test_margin_in_kEUR_and_in_points_levels_the_scores():
    data = analyse(FILE)
    (claim,) = [c for c in data["explanation"]["claims"] if c["kind"] == "margin_units"]
    worth = claim["numbers"]["worth"]
    # by hand: scores 0.6*0.55+0.4*0.75=0.63 and 0.6*0.4+0.4*0.875=0.59; margin 0.04
    assert claim["numbers"]["margin"] == pytest.approx(0.04)
    assert worth["cost"] == pytest.approx(0.04 / (0.6 / 2000))  # 133.3 kEUR
    assert worth["fit"] == pytest.approx(0.04 / (0.4 / 4))  # 0.4 points
    assert claim["text"] == (
        "The lead of 0.040 is worth about 133 kEUR of 3-year cost or 0.4 points of Fit "
        "(score 1-5): what Beta Cloud would have to gain on that factor alone to draw level."
    )
    # giving Beta Cloud exactly that much on cost alone levels the two
    level = FILE.replace("b: {cost: 1200", f"b: {{cost: {1200 - worth['cost']}")
    rows = analyse(level)["ranking"]
    assert rows[0]["score"] == pytest.approx(rows[1]["score"])


def test_no_translation_for_other_methods():
    data = decisionroom.analyze(decisionroom.loads(FILE), method="topsis", smaa=0).to_dict()
    assert not [c for c in data["explanation"]["claims"] if c["kind"] == "margin_units"]


def test_a_percentage_margin_reads_in_percentage_points():
    from decisionroom.analysis import analyze

    data = analyze("examples/marketing-capability.yaml", smaa=500).to_dict()
    (text,) = [c["text"] for c in data["explanation"]["claims"] if c["kind"] == "margin_units"]
    assert "19 percentage points of Expected user growth (% per year)" in text
    assert "what “Hire a head of marketing” would have to gain" in text
