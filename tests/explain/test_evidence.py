"""Evidence behind decisive numbers is quoted; decisive numbers without it are flagged."""

import decisionroom

FILE = """
decisionroom: 1
title: Route planning
factors:
  - {id: cost, name: 3-year cost, direction: min, unit: kEUR}
  - {id: fit, name: Fit, direction: max, unit: score 1-5}
  - {id: support, name: Support, direction: max}
options:
  - {id: a, name: Alpha Suite}
  - {id: b, name: Beta Cloud}
performance:
  a:
    cost: {value: 900, evidence: Alpha's quote of 3 May}
    fit: {value: [3, 4, 5]}
    support: {value: 3, evidence: not decisive so never quoted}
  b: {cost: 1200, fit: 3, support: 3}
weights: {cost: 5, fit: 4, support: 1}
"""


def evidence_claims(text):
    data = decisionroom.analyze(decisionroom.loads(text), smaa=500, seed=1).to_dict()
    return [c for c in data["explanation"]["claims"] if c["kind"] == "evidence"]


def test_decisive_evidence_quoted_and_missing_flagged():
    claims = evidence_claims(FILE)
    texts = [c["text"] for c in claims]
    # cost and fit make the whole difference; support is level, so its evidence is not decisive
    assert texts == [
        "3-year cost for Alpha Suite, 900 kEUR, rests on: Alpha's quote of 3 May.",
        "No evidence is recorded for 3-year cost for Beta Cloud, 1,200 kEUR; "
        "Fit for Alpha Suite, 4 (range 3–5, score 1-5); Fit for Beta Cloud, 3 (score 1-5); "
        "yet these numbers decide between the first two. "
        "Add a source (a quote, a reference) to the file.",
    ]
    assert claims[1]["numbers"]["missing"] == [
        {"option": "b", "factor": "cost"},
        {"option": "a", "factor": "fit"},
        {"option": "b", "factor": "fit"},
    ]


def test_no_flag_when_every_decisive_number_has_evidence():
    text = FILE.replace(
        "b: {cost: 1200, fit: 3, support: 3}",
        "b: {cost: {value: 1200, evidence: Beta's list price}, fit: {value: 3, evidence: demo on 9 May}, support: 3}",
    )
    text = text.replace("fit: {value: [3, 4, 5]}", "fit: {value: [3, 4, 5], evidence: pilot}")
    texts = [c["text"] for c in evidence_claims(text)]
    assert not any(t.startswith("No evidence") for t in texts)
    assert len(texts) == 4
