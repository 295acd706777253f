"""Weight stability and performance sensitivity.

The closed forms (additive methods) are checked against algebra done by hand
and against the numeric search; the numeric search is checked by re-running
the method at the weights and performances it reports.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from decisionroom.engine.methods import MethodSpec, all_methods, get
from decisionroom.engine.problem import Problem
from decisionroom.engine.ranking import order
from decisionroom.engine.sensitivity import (
    FactorStability,
    Flip,
    WeightSensitivity,
    performance_sensitivity,
    rescaled_weights,
    sensitivity,
    weight_stability,
    weight_sweep,
)

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)

SPECS = [pytest.param(spec, id=spec.id) for spec in all_methods()]
#: Methods whose scores jump as a performance passes another option's (PROMETHEE's
#: usual criterion): the change puts the option just past the jump, not at a tie.
STEP_METHODS = {"promethee-ii"}


def _known(method_id: str) -> bool:
    return any(s.id == method_id for s in all_methods())


ADDITIVE = [
    pytest.param(get(i), id=i) for i in ("weighted-sum", "ahp", "promethee-ii") if _known(i)
]


def _problem(matrix: Any, weights: Any, benefit: Any = None, bounds: Any = None) -> Problem:
    x = np.asarray(matrix, dtype=float)
    n, m = x.shape
    w = np.asarray(weights, dtype=float)
    return Problem(
        x,
        w / w.sum(),
        np.ones(m, dtype=bool) if benefit is None else np.asarray(benefit, dtype=bool),
        tuple(f"o{i}" for i in range(n)),
        tuple(f"f{j}" for j in range(m)),
        np.empty((0, 2)) if bounds is None else np.asarray(bounds, dtype=float),
    )


def _close_problem(seed: int = 3, n: int = 5, m: int = 4) -> Problem:
    """Positive performance with options close enough that weights and values can flip them."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(4.0, 6.0, (n, m))
    w = rng.uniform(0.5, 1.0, m)
    benefit = np.arange(m) % 3 != 2
    return _problem(x, w, benefit)


def _winner(spec: MethodSpec, problem: Problem) -> int:
    kwargs = spec.kwargs({}, problem)
    return int(order(spec.run(problem, kwargs).scores, spec.higher_is_better)[0])


def _first(spec: MethodSpec, problem: Problem, option: int) -> bool:
    """Whether ``option`` is first, ties counting (the module's convention)."""
    scores = spec.run(problem, spec.kwargs({}, problem)).scores
    key = scores if spec.higher_is_better else -scores
    others = np.delete(key, option)
    return bool(key[option] >= others.max() - 1e-12 * max(1.0, np.abs(scores).max()))


# ---------------------------------------------------------------------------
# Rescaled weights and the sweep


def test_rescaled_weights_keep_proportions():
    w = np.array([0.2, 0.3, 0.5])
    out = rescaled_weights(w, 1, np.array([0.0, 0.3, 1.0]))
    np.testing.assert_allclose(out.sum(axis=1), 1.0)
    np.testing.assert_allclose(out[1], w)
    np.testing.assert_allclose(out[0], [0.2 / 0.7, 0.0, 0.5 / 0.7])
    np.testing.assert_allclose(out[2], [0.0, 1.0, 0.0])


def test_rescaled_weights_others_zero_share_equally():
    out = rescaled_weights(np.array([0.0, 1.0, 0.0]), 1, 0.4)
    np.testing.assert_allclose(out, [[0.3, 0.4, 0.3]])


def test_weight_sweep_shape_and_scores():
    problem = _close_problem()
    spec = get("topsis")
    kwargs = spec.kwargs({}, problem)
    t, scores = weight_sweep(spec, problem, kwargs, "f2", points=11)
    assert t.shape == (11,) and scores.shape == (11, 5)
    np.testing.assert_allclose(t, np.linspace(0, 1, 11))
    moved = problem.with_weights(rescaled_weights(problem.weights, 2, 0.3)[0])
    np.testing.assert_allclose(scores[3], spec.run(moved, kwargs).scores)


# ---------------------------------------------------------------------------
# Weight stability: closed form


def test_weight_stability_hand_computed_three_options_two_factors():
    # Both factors max, fixed value bounds [0, 10], so the values are x / 10:
    #   A (0.8, 0.4), B (0.2, 1.0), C (0.5, 0.5); weights (0.6, 0.4).
    # With f0's weight t (f1 gets 1 - t):
    #   A(t) = 0.8 t + 0.4 (1 - t) = 0.4 + 0.4 t
    #   B(t) = 0.2 t + 1.0 (1 - t) = 1.0 - 0.8 t
    #   C(t) = 0.5
    # A >= B  <=>  1.2 t >= 0.6  <=>  t >= 1/2;  A >= C  <=>  t >= 1/4.
    # So f0's stable interval is [1/2, 1], the flip at 1/2 to B.
    # With f1's weight t: A(t) = 0.8 - 0.4 t, B(t) = 0.2 + 0.8 t, C(t) = 0.5:
    # A >= B <=> t <= 1/2; A >= C <=> t <= 3/4: interval [0, 1/2], flip at 1/2 to B.
    problem = _problem([[8, 4], [2, 10], [5, 5]], [0.6, 0.4], bounds=[[0.0, 10.0], [0.0, 10.0]])
    spec = get("weighted-sum")
    result = weight_stability(spec, problem, spec.kwargs({}, problem))
    assert result.exact and result.winner == 0
    f0, f1 = result.factors
    assert f0.weight == pytest.approx(0.6)
    assert f0.interval == pytest.approx((0.5, 1.0), abs=1e-12)
    assert f0.flip is not None and f0.flip.new_winner == 1
    assert f0.flip.weight == pytest.approx(0.5, abs=1e-12)
    assert f1.interval == pytest.approx((0.0, 0.5), abs=1e-12)
    assert f1.flip is not None and f1.flip.new_winner == 1
    assert f1.flip.weight == pytest.approx(0.5, abs=1e-12)
    assert f0.change == pytest.approx(-0.1) and f1.change == pytest.approx(0.1)


@pytest.mark.parametrize("exact", [None, False])
def test_weight_stability_interval_closed_on_both_sides(exact):
    # Values x / 10: A (0.6, 0.6), B (1, 0), C (0, 1); f0 at t: A = 0.6, B = t,
    # C = 1 - t. A stays first for 0.4 <= t <= 0.6; from 0.55 the nearer end is 0.6 (B).
    problem = _problem([[6, 6], [10, 0], [0, 10]], [0.55, 0.45], bounds=[[0.0, 10.0], [0.0, 10.0]])
    spec = get("weighted-sum")
    f0 = weight_stability(spec, problem, spec.kwargs({}, problem), exact=exact).factors[0]
    assert f0.interval == pytest.approx((0.4, 0.6), abs=1e-6)
    assert f0.flip is not None and f0.flip.new_winner == 1
    assert f0.flip.weight == pytest.approx(0.6, abs=1e-6)


def test_weight_stability_hand_computed_matches_numeric():
    problem = _problem([[8, 4], [2, 10], [5, 5]], [0.6, 0.4], bounds=[[0.0, 10.0], [0.0, 10.0]])
    spec = get("weighted-sum")
    numeric = weight_stability(spec, problem, spec.kwargs({}, problem), exact=False)
    assert not numeric.exact
    assert numeric.factors[0].interval == pytest.approx((0.5, 1.0), abs=1e-6)
    assert numeric.factors[1].interval == pytest.approx((0.0, 0.5), abs=1e-6)


def _random_additive(draw: Any) -> Problem:
    n = draw(st.integers(2, 6))
    m = draw(st.integers(2, 5))
    cells = st.integers(0, 20)
    x = np.array(draw(st.lists(cells, min_size=n * m, max_size=n * m)), float).reshape(n, m)
    w = np.array(draw(st.lists(st.integers(0, 9), min_size=m, max_size=m)), float)
    assume(w.sum() > 0)
    benefit = np.array(draw(st.lists(st.booleans(), min_size=m, max_size=m)))
    bounds = None
    if draw(st.booleans()):  # fixed value bounds, some of them
        fixed = np.array(draw(st.lists(st.booleans(), min_size=m, max_size=m)))
        worst = np.where(benefit, -2.0, 22.0)
        best = np.where(benefit, 22.0, -2.0)
        bounds = np.where(fixed[:, None], np.stack([worst, best], axis=1), np.nan)
    return _problem(x, w, benefit, bounds)


additive_problems = st.composite(_random_additive)


def _crossings_apart(spec: MethodSpec, problem: Problem, result: WeightSensitivity) -> bool:
    """Just past every flip only one option leads, so the new winner is well defined.

    Two options overtaking the winner within 1e-5 of each other may leave the
    numeric search (precise to 1e-6) on either side of the second crossing.
    """
    kwargs = spec.kwargs({}, problem)
    for j, f in enumerate(result.factors):
        if f.flip is None:
            continue
        step = 1e-5 if f.flip.weight > f.weight else -1e-5
        t = np.clip(f.flip.weight + step, 0.0, 1.0)
        scores = spec.run(problem.with_weights(rescaled_weights(problem.weights, j, t)[0]), kwargs)
        if (scores.scores > scores.scores[result.winner] + 1e-12).sum() > 1:
            return False
    return True


@SETTINGS
@given(additive_problems(), st.sampled_from(["minmax", "max", "vector"]))
def test_weight_stability_closed_form_agrees_with_numeric(problem, normalization):
    if normalization != "minmax":
        assume((problem.matrix > 0).all())
    spec = get("weighted-sum")
    kwargs = spec.kwargs({"normalization": normalization}, problem)
    exact = weight_stability(spec, problem, kwargs)
    numeric = weight_stability(spec, problem, kwargs, exact=False)
    assert exact.exact and not numeric.exact
    assert exact.winner == numeric.winner
    for fe, fn in zip(exact.factors, numeric.factors, strict=True):
        assert fe.weight == pytest.approx(fn.weight)
        assert fe.interval == pytest.approx(fn.interval, abs=2e-6)
        assert 0.0 <= fe.interval[0] <= fe.weight <= fe.interval[1] <= 1.0
        assert (fe.flip is None) == (fn.flip is None)
        if fe.flip is not None and fn.flip is not None:
            assert fe.flip.weight == pytest.approx(fn.flip.weight, abs=2e-6)
            if _crossings_apart(spec, problem, exact):
                assert fe.flip.new_winner == fn.flip.new_winner
    if exact.critical_factor != numeric.critical_factor:
        # only an (almost) equal smallest change on two factors may pick another one
        ce = exact.factors[exact.critical_factor].change
        cn = numeric.factors[numeric.critical_factor].change
        assert abs(ce) == pytest.approx(abs(cn), abs=4e-6)


@pytest.mark.parametrize("spec", ADDITIVE)
def test_weight_stability_additive_methods_closed_form_agrees_with_numeric(spec):
    for seed in range(5):
        problem = _close_problem(seed, n=6, m=4)
        kwargs = spec.kwargs({}, problem)
        exact = weight_stability(spec, problem, kwargs)
        numeric = weight_stability(spec, problem, kwargs, exact=False)
        assert exact.exact
        for fe, fn in zip(exact.factors, numeric.factors, strict=True):
            assert fe.interval == pytest.approx(fn.interval, abs=2e-6)
            assert (fe.flip is None) == (fn.flip is None)
            if fe.flip is not None and fn.flip is not None:
                assert fe.flip.new_winner == fn.flip.new_winner


def test_weight_stability_exact_true_needs_a_closed_form():
    problem = _close_problem()
    spec = get("topsis")
    with pytest.raises(ValueError, match="no closed form"):
        weight_stability(spec, problem, spec.kwargs({}, problem), exact=True)


# ---------------------------------------------------------------------------
# Weight stability: every method


@pytest.mark.parametrize("spec", SPECS)
def test_weight_stability_flip_new_winner_wins_past_the_flip(spec):
    eps = 1e-5
    checked = 0
    for seed in range(4):
        problem = _close_problem(seed)
        result = weight_stability(spec, problem, spec.kwargs({}, problem))
        winner = _winner(spec, problem)
        assert result.winner == winner
        for j, f in enumerate(result.factors):
            lo, hi = f.interval
            assert 0.0 <= lo <= f.weight <= hi <= 1.0
            # the winner is first at both ends of its interval
            for t in (lo, hi):
                moved = problem.with_weights(rescaled_weights(problem.weights, j, t)[0])
                assert _first(spec, moved, winner)
            if f.flip is None:
                assert (lo, hi) == (0.0, 1.0)
                continue
            assert f.flip.weight in (pytest.approx(lo, abs=1e-6), pytest.approx(hi, abs=1e-6))
            beyond = f.flip.weight + (eps if f.flip.weight > f.weight else -eps)
            if not 0.0 <= beyond <= 1.0:
                continue
            before = f.flip.weight - (eps if f.flip.weight > f.weight else -eps)
            at_flip = problem.with_weights(rescaled_weights(problem.weights, j, beyond)[0])
            inside = problem.with_weights(rescaled_weights(problem.weights, j, before)[0])
            assert _winner(spec, at_flip) == f.flip.new_winner
            assert f.flip.new_winner != winner
            assert _first(spec, inside, winner)
            checked += 1
    assert checked > 0  # the problems are close enough for some weight to flip them


@pytest.mark.parametrize("spec", [p for p in SPECS if p.values[0].respects_dominance])
def test_weight_stability_dominant_option_never_flips(spec):
    rng = np.random.default_rng(7)
    x = rng.uniform(2.0, 8.0, (5, 4))
    benefit = np.array([True, False, True, False])
    # option 2 is strictly better than every other option on every factor
    x[2] = np.where(benefit, x.max(axis=0) + 1.0, x.min(axis=0) - 1.0)
    problem = _problem(x, [0.1, 0.2, 0.3, 0.4], benefit)
    result = weight_stability(spec, problem, spec.kwargs({}, problem))
    assert result.winner == 2
    assert all(f.flip is None and f.interval == (0.0, 1.0) for f in result.factors)
    assert result.critical_factor is None
    assert result.to_dict(problem.options, problem.factors)["critical_factor"] is None


def test_weight_stability_weakly_dominant_option_ties_at_the_end_without_flip():
    # A equals B on f0 and is better on f1: at t = 1 on f0 they tie, which is no flip.
    problem = _problem([[5, 9], [5, 3], [1, 1]], [0.5, 0.5])
    spec = get("weighted-sum")
    result = weight_stability(spec, problem, spec.kwargs({}, problem))
    numeric = weight_stability(spec, problem, spec.kwargs({}, problem), exact=False)
    for r in (result, numeric):
        assert r.winner == 0
        assert all(f.flip is None and f.interval == (0.0, 1.0) for f in r.factors)


def test_weight_stability_vikor_lower_q_is_better():
    spec = get("vikor")
    assert not spec.higher_is_better
    problem = _close_problem(1)
    kwargs = spec.kwargs({}, problem)
    q = spec.run(problem, kwargs).scores
    result = weight_stability(spec, problem, kwargs)
    assert result.winner == int(np.argmin(q))
    flips = [(j, f) for j, f in enumerate(result.factors) if f.flip is not None]
    assert flips
    for j, f in flips:
        assert f.flip is not None
        step = 1e-5 if f.flip.weight > f.weight else -1e-5
        past = problem.with_weights(rescaled_weights(problem.weights, j, f.flip.weight + step)[0])
        q_past = spec.run(past, kwargs).scores
        assert int(np.argmin(q_past)) == f.flip.new_winner
        assert q_past[f.flip.new_winner] < q_past[result.winner]


def test_weight_stability_single_factor():
    problem = _problem([[1.0], [2.0]], [1.0])
    spec = get("weighted-sum")
    result = weight_stability(spec, problem, spec.kwargs({}, problem))
    assert result.factors == (FactorStability(1.0, (1.0, 1.0), None),)


def test_weight_stability_tied_winner_flips_at_its_weight():
    # A and B tie at weights (0.5, 0.5); A is first by option order and loses to B
    # as soon as f1 counts for more.
    problem = _problem([[10, 0], [0, 10], [4, 4]], [0.5, 0.5])
    spec = get("weighted-sum")
    result = weight_stability(spec, problem, spec.kwargs({}, problem))
    assert result.winner == 0
    f0, f1 = result.factors
    assert f0.interval == pytest.approx((0.5, 1.0)) and f0.flip == Flip(0.5, 1)
    assert f1.interval == pytest.approx((0.0, 0.5)) and f1.flip == Flip(0.5, 1)


# ---------------------------------------------------------------------------
# Performance sensitivity


def test_performance_hand_computed_three_options_two_factors():
    # Values x / 10 (bounds [0, 10]), weights (0.6, 0.4): A 0.64, B 0.52, C 0.50.
    # B needs 0.12 more: on f0 0.12 / 0.6 = 0.2 in value, 2 in units (2 -> 4);
    # on f1 0.12 / 0.4 = 0.3, but B already has the best value 1.0: impossible.
    # C needs 0.14: on f0 0.14 / 0.6 = 0.2333 (5 -> 7.333); on f1 0.35 (5 -> 8.5).
    problem = _problem([[8, 4], [2, 10], [5, 5]], [0.6, 0.4], bounds=[[0.0, 10.0], [0.0, 10.0]])
    spec = get("weighted-sum")
    result = performance_sensitivity(spec, problem, spec.kwargs({}, problem))
    assert result.winner == 0
    assert result.exact[1:].all() and not result.exact[0].any()
    assert result.at(1, 0) == pytest.approx((2.0, 4.0))
    assert result.at(1, 1) is None
    assert result.at(2, 0) == pytest.approx((7 / 3, 5 + 7 / 3))
    assert result.at(2, 1) == pytest.approx((3.5, 8.5))
    assert result.at(0, 0) is None  # the winner has nothing to gain


def test_performance_cost_factor_moves_down():
    # f1 is a cost (lower is better); B catches up by getting cheaper.
    problem = _problem(
        [[8, 4], [6, 6], [1, 9]],
        [0.5, 0.5],
        benefit=[True, False],
        bounds=[[0.0, 10.0], [10.0, 0.0]],
    )
    spec = get("weighted-sum")
    result = performance_sensitivity(spec, problem, spec.kwargs({}, problem))
    # A 0.5*0.8 + 0.5*0.6 = 0.7; B 0.5*0.6 + 0.5*0.4 = 0.5: B needs 0.4 in value on f1,
    # 4 units cheaper (6 -> 2).
    assert result.at(1, 1) == pytest.approx((-4.0, 2.0))


@pytest.mark.parametrize("spec", SPECS)
def test_performance_change_brings_the_option_to_a_tie(spec):
    checked = 0
    for seed in range(3):
        problem = _close_problem(seed)
        kwargs = spec.kwargs({}, problem)
        result = performance_sensitivity(spec, problem, kwargs)
        n, m = problem.shape
        for i in range(n):
            for j in range(m):
                hit = result.at(i, j)
                if i == result.winner or hit is None:
                    continue
                change, to = hit
                assert np.sign(change) in (0.0, 1.0 if problem.benefit[j] else -1.0)
                assert to == pytest.approx(problem.matrix[i, j] + change)
                moved = problem.matrix.copy()
                moved[i, j] = to
                scores = spec.run(problem.with_matrix(moved), kwargs).scores
                key = scores if spec.higher_is_better else -scores
                lead = key[i] - np.delete(key, i).max()
                assert lead >= -1e-12 * max(1.0, np.abs(scores).max())  # first, ties counting
                if spec.id not in STEP_METHODS:
                    assert lead <= 1e-5  # and no further ahead than needed
                if change != 0:  # a little less is not enough
                    less = problem.matrix.copy()
                    less[i, j] += change * (1 - 1e-4)
                    assert not _first(spec, problem.with_matrix(less), i)
                checked += 1
    assert checked > 0


def test_performance_none_when_the_search_range_is_not_enough():
    # C is far behind; one factor cannot make up for it within the range.
    problem = _problem([[10, 10, 10], [9, 9, 9], [0, 0, 0]], [1, 1, 1])
    for spec_id in ("weighted-sum", "topsis"):
        spec = get(spec_id)
        result = performance_sensitivity(spec, problem, spec.kwargs({}, problem))
        assert all(result.at(2, j) is None for j in range(3))
        assert all(result.at(1, j) is not None for j in range(3))


@SETTINGS
@given(additive_problems())
def test_performance_closed_form_agrees_with_numeric(problem):
    spec = get("weighted-sum")
    kwargs = spec.kwargs({}, problem)
    exact = performance_sensitivity(spec, problem, kwargs)
    numeric = performance_sensitivity(spec, problem, kwargs, exact=False)
    assert not numeric.exact.any()
    span = problem.matrix.max(axis=0) - problem.matrix.min(axis=0)
    scale = 3 * np.where(span > 0, span, 20.0) + 30.0  # search range, generously
    both = exact.exact
    np.testing.assert_array_equal(np.isnan(exact.change[both]), np.isnan(numeric.change[both]))
    close = np.abs(exact.change - numeric.change) <= 1e-6 * scale
    assert close[both & ~np.isnan(exact.change)].all()


def test_performance_past_the_best_value_rescales_the_others():
    # Data range only (no fixed bounds). f0: A 10, B 6, C 0; f1: A 6, B 10, C 0;
    # weights (0.6, 0.4). Values: A (1, 0.6), B (0.6, 1), C (0, 0).
    # Scores: A 0.6 + 0.24 = 0.84, B 0.36 + 0.4 = 0.76, C 0.
    # B on f0, within the range: 0.08 / 0.6 in value, 6 -> 6 + 10 * 0.08 / 0.6.
    # B on f1 is already the best there: past it at X, B keeps value 1 while A's
    # falls to 6 / X (the worst, C's 0, stays): 0.36 + 0.4 >= 0.6 + 0.4 * 6 / X
    # <=> X >= 15 (a straight line through the old range would say 12).
    problem = _problem([[10, 6], [6, 10], [0, 0]], [0.6, 0.4])
    spec = get("weighted-sum")
    kwargs = spec.kwargs({}, problem)
    result = performance_sensitivity(spec, problem, kwargs)
    assert result.at(1, 0) == pytest.approx((0.8 / 0.6, 6 + 0.8 / 0.6))
    assert result.at(1, 1) == pytest.approx((5.0, 15.0))
    assert result.exact[1].all()
    # C is alone at the worst value of f0: moving it moves the range's worst end.
    # Up to B's 6 C stays the worst (value 0) while the others' values fall:
    # A = 0.6 (10 - X) / (10 - X) + 0.24 = 0.84 whatever X, so C (0) cannot pass.
    # From 6 to 10 the worst is B's 6: C has 0.6 (X - 6) / 4 < 0.6 against A's 0.84.
    # Past 10: C has 0.6, A 0.6 * 4 / (X - 6) + 0.24, so X - 6 >= 2.4 / 0.36 = 20 / 3.
    hit = result.at(2, 0)
    assert hit is not None and hit[1] == pytest.approx(6 + 20 / 3)
    assert result.exact[2].all()
    numeric = performance_sensitivity(spec, problem, kwargs, exact=False)
    np.testing.assert_allclose(result.change, numeric.change, atol=1e-6)


# ---------------------------------------------------------------------------
# The contract-2 shape


def test_sensitivity_to_dict_contract_shape():
    problem = _problem([[8, 4], [2, 10], [5, 5]], [0.6, 0.4], bounds=[[0.0, 10.0], [0.0, 10.0]])
    spec = get("weighted-sum")
    result = sensitivity(spec, problem, spec.kwargs({}, problem))
    out = result.to_dict(["a", "b", "c"], ["quality", "speed"])
    assert json.loads(json.dumps(out)) == out
    assert set(out) == {"factors", "critical_factor", "performance"}
    assert out["factors"]["quality"] == {
        "weight": pytest.approx(0.6),
        "stable_interval": [pytest.approx(0.5), 1.0],
        "flip": {"weight": pytest.approx(0.5), "new_winner": "b"},
    }
    assert out["critical_factor"] in ("quality", "speed")
    assert set(out["performance"]) == {"b", "c"}  # the winner is left out
    assert out["performance"]["b"]["speed"] is None
    assert out["performance"]["b"]["quality"] == {
        "change": pytest.approx(2.0),
        "to": pytest.approx(4.0),
    }
    for value in out["factors"].values():
        assert all(type(v) is float for v in value["stable_interval"])
    assert result.winner == 0
