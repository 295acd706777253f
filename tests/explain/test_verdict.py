"""The decision rule: clear winner, likely winner with a named risk, close call (issue #10)."""

from __future__ import annotations

import pytest

from decisionroom.analysis import analyze
from decisionroom.explain.option_words import choose, is_course_of_action, refer
from decisionroom.explain.verdict import decide


def _analysis(first_shares, scores=(0.70, 0.60, 0.30), flip=None):
    options = ["a", "b", "c"][: len(scores)]
    return {
        "ranking": [
            {"option": o, "name": o.upper(), "score": s, "rank": i + 1}
            for i, (o, s) in enumerate(zip(options, scores, strict=True))
        ],
        "smaa": {"rank_acceptability": {o: [v, 1 - v] for o, v in first_shares.items()}},
        "sensitivity": {
            "factors": {
                "cost": {"weight": 0.4, "stable_interval": [0.0, 1.0], "flip": flip},
            }
        },
    }


def test_verdict_clear_winner():
    v = decide(_analysis({"a": 0.9, "b": 0.1, "c": 0.0}))
    assert v.kind == "clear" and v.winner == "a"


def test_verdict_likely_winner_names_the_challenger():
    v = decide(_analysis({"a": 0.62, "b": 0.30, "c": 0.08}))
    assert v.kind == "likely" and v.challenger == "b"


def test_verdict_a_near_weight_flip_keeps_a_safe_share_from_being_clear():
    flip = {"weight": 0.45, "new_winner": "b"}
    v = decide(_analysis({"a": 0.85, "b": 0.15, "c": 0.0}, flip=flip))
    assert v.kind == "likely" and v.weight_risk["factor"] == "cost"


def test_verdict_close_call_when_the_runner_up_wins_more_often():
    v = decide(_analysis({"a": 0.35, "b": 0.48, "c": 0.17}, scores=(0.643, 0.636, 0.3)))
    assert v.kind == "close" and v.contenders == ["a", "b"]
    assert v.shares == {"a": 0.35, "b": 0.48}


def test_verdict_without_simulation_uses_the_margin():
    thin = _analysis({}, scores=(0.700, 0.698, 0.3))
    thin["smaa"] = {}
    assert decide(thin).kind == "close"
    wide = _analysis({}, scores=(0.9, 0.5, 0.3))
    wide["smaa"] = {}
    assert decide(wide).kind == "clear"


CLOSE_CALL = {
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
        "routex": {"cost": 400, "savings": 10},
        "inhouse": {"cost": 300, "savings": 7.6},
        "sheets": {"cost": 0, "savings": 0},
    },
    "weights": {"cost": 50, "savings": 50},
}


def test_close_call_explained_with_the_step_that_settles_it():
    data = analyze(CLOSE_CALL, smaa=4000).to_dict()
    rec = data["explanation"]["claims"][0]
    assert rec["numbers"]["verdict"] == "close"
    text = rec["text"]
    assert text.startswith("It is too close to call between ")
    assert "Choose" not in text
    assert "Settle it before choosing" in text
    assert data["explanation"]["summary"].startswith("It is too close to call")


@pytest.mark.parametrize(
    ("name", "kind", "opening"),
    [
        ("Northwind Consulting", "external", "Choose Northwind Consulting"),
        ("Acme Partners", "partner", "Choose Acme Partners"),
        ("Leo Marchetti", "hire", "Choose Leo Marchetti"),
        ("Hire a head of marketing", "hire", "The recommendation is to hire a head of marketing"),
        ("Build an in-house team", "build", "The recommendation is to build an in-house team"),
        ("Keep the spreadsheets", "status-quo", "The recommendation is to keep the spreadsheets"),
        ("Do nothing new", "status-quo", "The recommendation is to do nothing new"),
        ("Current agency", "status-quo", "Stay with Current agency"),
        ("BUILD Inc.", "external", "Choose BUILD Inc."),
    ],
)
def test_option_words_fit_every_kind(name, kind, opening):
    assert choose(name, kind) == opening
    assert refer(name) == (f"“{name}”" if is_course_of_action(name) else name)


def test_a_person_is_never_it():
    from decisionroom.explain.option_words import is_person, subject

    assert (
        is_person("Leo Marchetti", "hire") and subject("Leo Marchetti", "hire") == "Leo Marchetti"
    )
    assert not is_person("Hire a head of marketing", "hire")
    assert not is_person("Northwind", "external") and subject("Northwind", "external") == "it"
    data = analyze("examples/head-of-marketing-hire.yaml", smaa=2000).to_dict()
    texts = [c["text"] for c in data["explanation"]["claims"]]
    assert texts[0].startswith("Choose Leo Marchetti, who ranks first")
    assert any(t.startswith("In exchange Leo Marchetti gives up") for t in texts)
    assert not any(": it ranks" in t or "exchange it gives" in t for t in texts)


def test_close_call_example_reads_as_an_advisor_would():
    """The bundled close call (examples/route-planning-software.yaml), issue #10."""
    data = analyze("examples/route-planning-software.yaml", smaa=4000).to_dict()
    texts = [c["text"] for c in data["explanation"]["claims"]]
    assert texts[0].startswith("It is too close to call between RouteLogic and FleetPath")
    # a one-point weight shift that changes the winner is not "only"
    assert any(t.startswith("It would change if Kilometres saved counted for less") for t in texts)
    steps = data["explanation"]["next_steps"]
    assert steps[0].startswith("Firm up Kilometres saved for RouteLogic")
    assert "rests on RouteLogic pilot on 20 routes" in steps[0]
    # no decision date for a winner that is not settled
    assert steps[-1].startswith("Settle the close call first")
    assert not any("decision date for RouteLogic" in s for s in steps)


def test_a_course_of_action_is_quoted_in_the_why():
    data = analyze("examples/marketing-capability.yaml", smaa=2000).to_dict()
    (why,) = [c["text"] for c in data["explanation"]["claims"] if c["kind"] == "why"]
    assert why.startswith("Northwind Growth Partners leads “Hire a head of marketing” mainly")
