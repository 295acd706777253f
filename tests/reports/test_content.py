from __future__ import annotations

import copy

import pytest

from decisionroom.model import load
from decisionroom.reports.content import build, cell_text, humanize, pct, score

from .conftest import ROOT, fixture_analysis


def test_pct_rounds_and_marks_tiny_shares():
    assert pct(0.30000000000000004) == "30%"
    assert pct(0.004) == "<1%"
    assert pct(0.0) == "0%"
    assert pct(None) == "–"


def test_score_has_no_float_noise():
    assert score(0.1 + 0.2) == "0.300"  # no float noise, and scores line up
    assert score(0.696612) == "0.697"


def test_cell_text_shows_ranges_as_low_high():
    assert cell_text([9, 12, 18]) == "12 (9–18)"
    assert cell_text(360) == "360"
    assert cell_text(2.5, "months") == "2.5 months"


def test_humanize_reads_an_id():
    assert humanize("first_year_cost") == "First year cost"


def test_build_recommendation_states_margin_safety_and_flip(case):
    brief = build(case.decision, case.analysis)
    top, second = case.analysis["ranking"][:2]
    r = brief.recommendation
    assert r.winner_id == top["option"]
    # the explanation's verdict leads: "Choose X ..." or "It is too close to call ..."
    said = case.analysis["explanation"]["claims"][0]
    assert said["kind"] == "recommendation" and r.sentence == said["text"]
    assert top["name"] in r.sentence
    assert score(top["score"] - second["score"]) in r.kpis[0][1]
    first = case.analysis["smaa"]["rank_acceptability"][top["option"]][0]
    assert pct(first) in r.safety
    critical = case.analysis["sensitivity"]["critical_factor"]
    flip = case.analysis["sensitivity"]["factors"][critical]["flip"]
    assert pct(flip["weight"]) in r.flip


def test_build_ties_needs_to_challenges(case):
    brief = build(case.decision, case.analysis)
    assert len(brief.needs) == len(case.decision.needs)
    for need, source in zip(brief.needs, case.decision.needs, strict=True):
        assert len(need.challenges) == len(source.challenges)
        assert all(c.startswith("C") for c in need.challenges)


def test_build_weights_match_the_analysis(case):
    brief = build(case.decision, case.analysis)
    for f in brief.factors:
        assert f.weight_text == pct(case.analysis["weights"][f.id])


def test_build_uses_names_not_ids(case):
    brief = build(case.decision, case.analysis)
    ids = {o.id for o in case.decision.options if o.name and o.name != o.id}
    shown = [r.winner for r in [brief.recommendation]] + [s.winner for s in brief.stakeholders]
    assert not ids & set(shown)


@pytest.mark.parametrize(
    "missing", ["sensitivity", "smaa", "consensus", "explanation", "contributions", "values"]
)
def test_build_tolerates_a_missing_key(missing):
    decision = load(ROOT / "examples" / "marketing-capability.yaml")
    analysis = copy.deepcopy(fixture_analysis("marketing-capability"))
    del analysis[missing]
    brief = build(decision, analysis)
    assert brief.recommendation.sentence
    if missing == "smaa":
        assert not brief.acceptability and not brief.recommendation.safety
    if missing == "consensus":
        assert not brief.stakeholders


def test_build_from_contract_one_keys_only():
    decision = load(ROOT / "examples" / "head-of-marketing-hire.yaml")
    full = fixture_analysis("head-of-marketing-hire")
    keys = ("decisionroom", "method", "weights", "higher_is_better", "ranking", "warnings")
    brief = build(decision, {k: full[k] for k in keys})
    assert brief.recommendation.winner == full["ranking"][0]["name"]
    assert not brief.sensitivity and not brief.next_steps


def test_build_appendix_names_author_date_and_version():
    from decisionroom import __version__

    decision = load(ROOT / "examples" / "marketing-capability.yaml")
    brief = build(
        decision, fixture_analysis("marketing-capability"), author="A. N. Author", date="2025-01-15"
    )
    appendix = dict(brief.appendix)
    assert appendix["Prepared by"] == "A. N. Author"
    assert appendix["Date"] == "2025-01-15"
    assert appendix["decisionroom"] == __version__
    assert appendix["Method"] == "Weighted sum"
    default = dict(build(decision, fixture_analysis("marketing-capability")).appendix)
    # written for the decision maker, by whoever prepared it (issue #10)
    assert default["Prepared by"] == "Maya Lindqvist, Account director, Northwind Growth Partners"


def test_build_lists_excluded_options_with_reason():
    decision = load(ROOT / "examples" / "marketing-capability.yaml")
    analysis = copy.deepcopy(fixture_analysis("marketing-capability"))
    analysis["ranking"] = [r for r in analysis["ranking"] if r["option"] != "status_quo"]
    analysis["excluded"] = [
        {"option": "status_quo", "factor": "user_growth", "reason": "too little growth."}
    ]
    brief = build(decision, analysis)
    row = next(o for o in brief.options if o.id == "status_quo")
    assert row.rank is None and "too little growth" in row.excluded
