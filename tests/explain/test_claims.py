"""Every claim of an explanation is checked against numbers computed here independently."""

from pathlib import Path

import numpy as np
import pytest

import decisionroom
from decisionroom.engine import methods
from decisionroom.engine.ranking import order
from decisionroom.engine.sensitivity import rescaled_weights
from decisionroom.explain import as_text, explain
from decisionroom.explain.option_words import choose, is_person
from decisionroom.explain.words import first_clause, pct, quantity, signed
from decisionroom.model import to_problem

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
METHODS = ["weighted-sum", "topsis", "vikor"]


@pytest.fixture(
    scope="module",
    params=[(p, m) for p in EXAMPLES for m in METHODS],
    ids=lambda pm: f"{pm[0].stem}-{pm[1]}",
)
def case(request):
    path, method = request.param
    decision = decisionroom.load(path)
    analysis = decisionroom.analyze(decision, method=method, smaa=4000, seed=1)
    return decision, analysis, analysis.to_dict()


def claims_of(data, kind):
    return [c for c in data["explanation"]["claims"] if c["kind"] == kind]


def names(decision):
    return {o.id: o.name for o in decision.options} | {f.id: f.name for f in decision.factors}


def winner_with(decision, method, weights):
    problem = to_problem(decision).problem.with_weights(np.asarray(weights))
    spec = methods.get(method)
    result = spec.run(problem, spec.kwargs({}, problem))
    return problem.options[int(order(np.asarray(result.scores), result.higher_is_better)[0])]


def test_recommendation_names_the_winner_and_the_margin(case):
    decision, _, data = case
    (claim,) = claims_of(data, "recommendation")
    first, second = data["ranking"][:2]
    n = claim["numbers"]
    assert n["winner"] == first["option"] and n["runner_up"] == second["option"]
    assert n["margin"] == pytest.approx(abs(first["score"] - second["score"]))
    winner = names(decision)[first["option"]]
    if n["verdict"] == "close":
        assert claim["text"].startswith("It is too close to call between ")
        assert n["contenders"][0] == first["option"] and len(n["contenders"]) >= 2
        assert "Settle it before choosing" in claim["text"]
    else:
        kind = next(o.kind for o in decision.options if o.id == first["option"])
        joint = ", who " if is_person(winner, kind) else ": it "  # a person is not "it"
        assert claim["text"].startswith(f"{choose(winner, kind)}{joint}ranks first")
    assert winner in claim["text"]
    assert f"{n['margin']:.3f}" in claim["text"]


def test_mainly_because_of_names_the_largest_contribution_gap(case):
    decision, _, data = case
    w, r = data["ranking"][0]["option"], data["ranking"][1]["option"]
    gaps = {f: data["contributions"][w][f] - data["contributions"][r][f] for f in data["weights"]}
    largest = max(gaps, key=gaps.get)
    smallest = min(gaps, key=gaps.get)
    label = names(decision)
    for claim in claims_of(data, "why"):
        assert claim["numbers"]["largest_gain"] == largest
        after = claim["text"].split("mainly because of ", 1)[1]
        assert after.startswith(f"{label[largest]} ({signed(gaps[largest])})")
        for f, g in claim["numbers"]["gains"].items():
            assert g == pytest.approx(gaps[f]) and g > 0
    for claim in claims_of(data, "tradeoff"):
        if claim["numbers"]["losses"]:
            assert claim["numbers"]["largest_loss"] == smallest
            assert f"{label[smallest]} ({signed(gaps[smallest])})" in claim["text"]
        else:
            assert all(g > -0.005 for g in gaps.values())


def test_factor_claims_trace_needs_and_challenges_to_the_goal(case):
    decision, _, data = case
    top = sorted(data["weights"], key=lambda f: -data["weights"][f])[:3]
    found = claims_of(data, "factor_need")
    assert [c["numbers"]["factor"] for c in found] == top
    for claim in found:
        factor = decision.factor(claim["numbers"]["factor"])
        assert claim["numbers"]["weight"] == pytest.approx(data["weights"][factor.id])
        assert f"counts for {pct(data['weights'][factor.id])}" in claim["text"]
        assert claim["numbers"]["needs"] == [n.id for n in decision.needs if n.id in factor.needs]
        for need in decision.needs:
            if need.id in factor.needs:
                assert need.statement in claim["text"]
                for c in decision.challenges:
                    if c.id in need.challenges:
                        assert first_clause(c.statement) in claim["text"]
        assert decision.goal.statement in claim["text"]


def test_safety_claims_match_smaa_and_a_real_flip(case):
    decision, analysis, data = case
    winner = data["ranking"][0]["option"]
    # the claim about the options on the table is tested in test_option_set.py
    smaa_claim, *flip_claims = [
        c for c in claims_of(data, "safety") if "winner_changes" not in c["numbers"]
    ]
    a1 = data["smaa"]["rank_acceptability"][winner][0]
    assert smaa_claim["numbers"]["first_rank_acceptability"] == a1
    assert f"stays first in {pct(a1)} of 4,000" in smaa_claim["text"]
    (flip,) = flip_claims
    factors = data["sensitivity"]["factors"]
    candidates = {
        f: abs(s["flip"]["weight"] - s["weight"]) for f, s in factors.items() if s["flip"]
    }
    if not candidates:
        assert flip["numbers"]["critical_factor"] is None
        return
    critical = min(candidates, key=candidates.get)
    n = flip["numbers"]
    assert n["critical_factor"] == critical
    assert (
        f"{'more' if n['flip_weight'] > n['weight'] else 'less'} than {pct(n['flip_weight'])}"
        in flip["text"]
    )
    # the recommendation really changes just past the flip, and not just before it
    j = list(data["weights"]).index(critical)
    step = 1e-4 if n["flip_weight"] > n["weight"] else -1e-4
    before = rescaled_weights(np.array(list(data["weights"].values())), j, n["flip_weight"] - step)[
        0
    ]
    after = rescaled_weights(np.array(list(data["weights"].values())), j, n["flip_weight"] + step)[
        0
    ]
    assert winner_with(decision, analysis.method, before) == winner
    assert winner_with(decision, analysis.method, after) == n["new_winner"]


def test_stakeholder_claims_match_their_own_rankings(case):
    decision, analysis, data = case
    consensus = data["consensus"]
    agree, winners, *rest = claims_of(data, "stakeholders")
    assert agree["numbers"]["kendall_w"] == consensus["kendall_w"]
    assert consensus["verdict"] in agree["text"]
    bridged = to_problem(decision)
    for sid, w in bridged.stakeholder_weights.items():
        own = np.where(np.isnan(w), 0, w)
        assert winners["numbers"]["winners"][sid] == winner_with(
            decision, analysis.method, own / own.sum()
        )
    for claim in rest:
        sid, fid = claim["numbers"]["stakeholder"], claim["numbers"]["factor"]
        assert sid == consensus["outlier"]["stakeholder"] and fid == consensus["outlier"]["factor"]
        gap = {
            f: abs(consensus["stakeholders"][sid]["weights"].get(f, 0) - data["weights"][f])
            for f in data["weights"]
        }
        assert fid == max(gap, key=gap.get)


def test_unknown_claims_really_change_the_winner(case):
    decision, analysis, data = case
    for claim in claims_of(data, "unknowns"):
        n = claim["numbers"]
        if not n.get("factor"):
            continue
        bridged = to_problem(decision)
        problem = bridged.problem
        j = problem.factors.index(n["factor"])
        assert n["rival_value"] in (bridged.low[:, j].tolist() + bridged.high[:, j].tolist())
        unit = decision.factor(n["factor"]).unit
        assert quantity(n["winner_value"], unit) in claim["text"]
        assert names(decision)[n["rival"]] + " would rank first" in claim["text"]


def test_explanation_is_deterministic_and_readable(case):
    decision, _, data = case
    again = explain(decision, {k: v for k, v in data.items() if k != "explanation"})
    assert again == data["explanation"]
    text = as_text(data["explanation"], decision.title)
    assert "Next steps" in text and "How safe the choice is" in text
    for claim in data["explanation"]["claims"]:
        assert claim["text"].endswith(".")
        assert "_" not in claim["text"].replace(decision.title, "")  # names, never raw ids
