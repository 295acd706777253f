"""SMAA-2 (Lahdelma & Salminen 2001, Operations Research 49(3)).

No published example with printed acceptability indices could be found in the
sources available while writing this, so the cases below are derived by hand
(the two-option case is exact), checked against the method's own scores, or
checked against distribution theory; tolerances are about 5 Monte Carlo
standard deviations.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from scipy import stats

from decisionroom.engine._smaa_performance import Performance
from decisionroom.engine.methods import all_methods, get
from decisionroom.engine.problem import Problem
from decisionroom.engine.smaa import (
    BLOCK,
    Intervals,
    Mixture,
    UniformSimplex,
    holistic_acceptability,
    meta_weights,
    pert_mean,
    smaa2,
)
from decisionroom.errors import InvalidParameter

SPECS = [pytest.param(spec, id=spec.id) for spec in all_methods()]


def _problem(matrix: np.ndarray, benefit: np.ndarray) -> Problem:
    n, m = matrix.shape
    return Problem(
        matrix,
        np.full(m, 1 / m),
        benefit,
        tuple(f"o{i}" for i in range(n)),
        tuple(f"f{j}" for j in range(m)),
    )


def _random_case(seed: int = 3, n: int = 5, m: int = 4):
    rng = np.random.default_rng(seed)
    likely = rng.uniform(10, 20, (n, m))
    low = likely - rng.uniform(0, 3, (n, m))
    high = likely + rng.uniform(0, 3, (n, m))
    low[0, 0] = high[0, 0] = likely[0, 0]  # a fixed cell
    benefit = np.arange(m) % 2 == 0
    return likely, low, high, benefit


def test_smaa_two_options_exact_acceptability():
    """Two options, two factors, uniform weights: acceptability = measure of the winning region.

    Values are used as they are (minmax with fixed bounds [0, 1]). A = (0.8, 0.2),
    B = (0.4, 0.7); with w2 = 1 - w1, A wins iff 0.4 w1 > 0.5 (1 - w1), i.e.
    w1 > 5/9. w1 is uniform on [0, 1], so b_A^1 = 4/9 and b_B^1 = 5/9; A's central
    weights are the mean of w1 over (5/9, 1) = 7/9, B's over (0, 5/9) = 5/18.
    """
    spec = get("weighted-sum")
    x = np.array([[0.8, 0.2], [0.4, 0.7]])
    kwargs = {"normalization": "minmax", "bounds": np.array([[0.0, 1.0], [0.0, 1.0]])}
    generic = dataclasses.replace(spec)  # not the built-in object: forces batch_scores
    for s in (spec, generic):
        r = smaa2(s, kwargs, x, np.array([True, True]), samples=200_000, seed=1)
        sd = np.sqrt(0.25 / 200_000)
        np.testing.assert_allclose(r.rank_acceptability[:, 0], [4 / 9, 5 / 9], atol=5 * sd)
        np.testing.assert_allclose(r.central_weights[0], [7 / 9, 2 / 9], atol=0.003)
        np.testing.assert_allclose(r.central_weights[1], [5 / 18, 13 / 18], atol=0.003)
        np.testing.assert_array_equal(r.confidence, [1.0, 1.0])  # no performance uncertainty


def test_smaa_dominant_option_always_first_every_method():
    x = np.array([[9.0, 9.0, 1.0], [5.0, 4.0, 3.0], [4.0, 6.0, 5.0], [3.0, 5.0, 6.0]])
    low, high = x - 0.4, x + 0.4
    benefit = np.array([True, True, False])
    for spec in all_methods():
        if not spec.respects_dominance:
            continue
        kwargs = spec.kwargs({}, _problem(x, benefit))
        r = smaa2(spec, kwargs, x, benefit, low=low, high=high, samples=3000, seed=2)
        assert r.rank_acceptability[0, 0] == 1.0, spec.id
        assert r.confidence[0] == 1.0, spec.id
        assert np.isnan(r.confidence[1:]).all() and np.isnan(r.central_weights[1:]).all()


@pytest.mark.parametrize("spec", SPECS)
def test_smaa_every_method_rows_and_columns_sum_to_one(spec):
    likely, low, high, benefit = _random_case()
    kwargs = spec.kwargs({}, _problem(likely, benefit))
    for lo, hi in ((None, None), (low, high)):
        r = smaa2(spec, kwargs, likely, benefit, low=lo, high=hi, samples=5000, seed=4)
        b = r.rank_acceptability
        assert b.shape == (5, 5)
        np.testing.assert_allclose(b.sum(axis=0), 1.0)
        np.testing.assert_allclose(b.sum(axis=1), 1.0)
        leaders = b[:, 0] > 0
        np.testing.assert_allclose(r.central_weights[leaders].sum(axis=1), 1.0, atol=1e-6)
        assert np.all((r.confidence[leaders] >= 0) & (r.confidence[leaders] <= 1))
        np.testing.assert_allclose(r.holistic, holistic_acceptability(b))


def test_smaa_vikor_lower_is_better():
    spec = get("vikor")
    assert not spec.higher_is_better
    x = np.array([[1.0, 1.0], [8.0, 9.0], [9.0, 8.0]])  # option 0 is worst on both
    benefit = np.array([True, True])
    r = smaa2(spec, spec.kwargs({}, _problem(x, benefit)), x, benefit, samples=4000)
    assert r.rank_acceptability[0, 2] == 1.0  # always last, though its Q is the highest


def test_smaa_same_seed_same_result_for_any_chunk():
    likely, low, high, benefit = _random_case()
    stakeholders = Mixture([[0.4, 0.3, 0.2, 0.1], [0.1, 0.1, 0.4, 0.4]], [2, 1], jitter=0.2)
    for spec in (get("weighted-sum"), get("topsis")):
        kwargs = spec.kwargs({}, _problem(likely, benefit))
        for model in (None, stakeholders, Intervals([0.1, 0.1, 0.1, 0.1], [0.5, 0.4, 0.4, 0.4])):
            runs = [
                smaa2(
                    spec,
                    kwargs,
                    likely,
                    benefit,
                    low=low,
                    high=high,
                    weights=model,
                    samples=3 * BLOCK + 123,
                    seed=9,
                    chunk=chunk,
                    confidence_samples=BLOCK + 7,
                )
                for chunk in (None, 1, 2 * BLOCK, 10 * BLOCK)
            ]
            for other in runs[1:]:
                np.testing.assert_array_equal(other.rank_acceptability, runs[0].rank_acceptability)
                np.testing.assert_array_equal(other.central_weights, runs[0].central_weights)
                np.testing.assert_array_equal(other.confidence, runs[0].confidence)
    spec = get("weighted-sum")
    kwargs = spec.kwargs({}, _problem(likely, benefit))
    a = smaa2(spec, kwargs, likely, benefit, low=low, high=high, samples=5000, seed=1)
    b = smaa2(spec, kwargs, likely, benefit, low=low, high=high, samples=5000, seed=2)
    assert not np.array_equal(a.rank_acceptability, b.rank_acceptability)


@pytest.mark.parametrize(
    ("normalization", "bounds"),
    [("minmax", False), ("minmax", True), ("max", False), ("sum", False), ("vector", False)],
)
def test_smaa_weighted_sum_kernel_ranks_as_the_method(normalization, bounds):
    """The dedicated weighted-sum kernel gives the same ranks as batch_scores."""
    likely, low, high, benefit = _random_case(seed=11, n=6, m=5)
    problem = _problem(likely, benefit)
    if bounds:  # fixed bounds on two factors, one of them cutting into the ranges
        b = np.full((5, 2), np.nan)
        b[0] = [8.0, 22.0]
        b[1] = [19.0, 12.0]  # a cost factor: worst 19, best 12, values beyond are clipped
        b[2, 0] = 11.0  # one bound fixed, the other from the data
        problem = dataclasses.replace(problem, bounds=b)
    spec = get("weighted-sum")
    kwargs = spec.kwargs({"normalization": normalization}, problem)
    generic = dataclasses.replace(spec)
    for lo, hi in ((None, None), (low, high)):
        runs = [
            smaa2(
                s,
                kwargs,
                likely,
                benefit,
                low=lo,
                high=hi,
                samples=6000,
                seed=5,
                dtype=np.float64,
            )
            for s in (spec, generic)
        ]
        np.testing.assert_allclose(
            runs[0].rank_acceptability, runs[1].rank_acceptability, atol=2 / 6000
        )
        np.testing.assert_allclose(runs[0].confidence, runs[1].confidence, atol=2 / 6000)


def test_smaa_pert_and_triangular_sample_moments():
    low = np.array([[2.0, 0.0, 9.0]])
    likely = np.array([[3.0, 0.0, 9.0]])
    high = np.array([[10.0, 4.0, 9.0]])
    k = 400_000
    for kind in ("pert", "triangular"):
        perf = Performance(likely, low, high, [kind] * 3, np.float64, None)
        draws = perf.draw_buffer(k)
        perf.draw(np.random.default_rng(0), draws, 0, k)
        x = perf.buffer(k)
        perf.fill(draws, x, k)
        sample = x[:2, 0, :]  # the two uncertain cells, (2, k)
        a, c, b = low[0, :2], likely[0, :2], high[0, :2]
        if kind == "pert":
            mean = pert_mean(a, c, b)
            alpha, beta = 1 + 4 * (c - a) / (b - a), 1 + 4 * (b - c) / (b - a)
            var = alpha * beta / ((alpha + beta) ** 2 * (alpha + beta + 1)) * (b - a) ** 2
        else:
            mean = (a + c + b) / 3
            var = (a**2 + b**2 + c**2 - a * b - a * c - b * c) / 18
        for got, want, v in zip(sample.mean(axis=1), mean, var, strict=True):
            assert abs(got - want) < 5 * np.sqrt(v / k)
        np.testing.assert_allclose(sample.var(axis=1), var, rtol=0.01)
        assert sample[0].min() >= 2 and sample[0].max() <= 10
        np.testing.assert_array_equal(x[2, 0], 9.0)  # low == high: fixed
    # the PERT quantile table against scipy's exact Beta quantiles
    perf = Performance(likely, low, high, ["pert"] * 3, np.float64, None)
    p = (np.arange(perf.tables.shape[1]) + 0.5) / perf.tables.shape[1]
    exact = 2 + 8 * stats.beta.ppf(p, 1 + 4 / 8, 1 + 4 * 7 / 8)
    np.testing.assert_allclose(perf.tables[0], exact, atol=8 * 5e-5)  # 2e-5 of the range seen


def test_smaa_normal_and_lognormal_ranges():
    # [low, high] is the central 95% interval: mean -+ 1.96 sd (of the log for lognormal)
    low = np.array([[10.0 - 1.96 * 2.0, np.exp(1.0 - 1.96 * 0.5), 4.0]])
    likely = np.array([[10.0, np.exp(1.0), 4.0]])
    high = np.array([[10.0 + 1.96 * 2.0, np.exp(1.0 + 1.96 * 0.5), 4.0]])
    k = 400_000
    perf = Performance(likely, low, high, ["normal", "lognormal", "normal"], np.float64, None)
    draws = perf.draw_buffer(k)
    perf.draw(np.random.default_rng(0), draws, 0, k)
    x = perf.buffer(k)
    perf.fill(draws, x, k)
    normal, lognormal = x[0, 0], x[1, 0]
    assert normal.mean() == pytest.approx(10.0, abs=5 * 2.0 / np.sqrt(k))
    assert normal.std() == pytest.approx(2.0, rel=0.01)
    assert np.mean((normal >= low[0, 0]) & (normal <= high[0, 0])) == pytest.approx(0.95, abs=0.002)
    assert np.log(lognormal).mean() == pytest.approx(1.0, abs=5 * 0.5 / np.sqrt(k))
    assert np.log(lognormal).std() == pytest.approx(0.5, rel=0.01)
    assert np.median(lognormal) == pytest.approx(np.exp(1.0), rel=0.005)
    np.testing.assert_array_equal(x[2, 0], 4.0)  # low == high: fixed
    # coverage 0.9: the same interval is mean -+ 1.645 sd
    perf = Performance(likely, low, high, ["normal"] * 3, np.float64, None, coverage=0.9)
    assert perf.tables[0].std() == pytest.approx(1.96 * 2.0 / 1.6449, rel=0.01)


def test_smaa_normal_ranges_reject_what_they_cannot_be():
    spec = get("weighted-sum")
    x = np.array([[1.0, 2.0], [2.0, 1.0]])
    benefit = np.array([True, True])
    with pytest.raises(InvalidParameter, match=r"smaa.performance\[1\]\[0\].*middle of low"):
        smaa2(
            spec,
            {},
            x,
            benefit,
            low=x - [[1, 1], [1, 1]],
            high=x + [[1, 1], [2, 1]],
            performance="normal",
        )
    with pytest.raises(InvalidParameter, match=r"smaa.performance\[0\]\[1\].*positive"):
        smaa2(
            spec,
            {},
            x,
            benefit,
            low=x - [[0, 2], [0, 0]],
            high=x + [[0, 2], [0, 0]],
            performance=["pert", "lognormal"],
        )
    with pytest.raises(InvalidParameter, match=r"smaa.performance\[1\].*one of"):
        smaa2(spec, {}, x, benefit, performance=["pert", "uniform"])
    with pytest.raises(InvalidParameter, match="one distribution per factor"):
        smaa2(spec, {}, x, benefit, performance=["pert"])
    with pytest.raises(InvalidParameter, match="smaa.coverage"):
        smaa2(spec, {}, x, benefit, low=x - 1, high=x + 1, performance="normal", coverage=1.0)
    # a symmetric range is accepted and PERT is untouched by coverage
    r = smaa2(spec, {}, x, benefit, low=x - 0.5, high=x + 0.5, performance="normal", samples=4096)
    assert r.rank_acceptability.sum() == pytest.approx(2.0)


def test_smaa_weight_models():
    rng = np.random.default_rng(0)
    w = UniformSimplex(3).sample(rng, 200_000)
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    np.testing.assert_allclose(w.mean(axis=0), 1 / 3, atol=0.003)
    np.testing.assert_allclose(np.mean(w[:, 0] < 0.5), 0.75, atol=0.004)  # 1 - (1 - 0.5)^2

    box = Intervals([0.1, 0.2, 0.0], [0.5, 0.6, 0.4])
    assert box.exact
    w = box.sample(rng, 100_000)
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    assert np.all(w >= [0.1, 0.2, 0.0]) and np.all(w <= np.array([0.5, 0.6, 0.4]) + 1e-12)
    u = UniformSimplex(3).sample(rng, 400_000)
    inside = u[np.all((u >= [0.1, 0.2, 0.0]) & (u <= [0.5, 0.6, 0.4]), axis=1)]
    np.testing.assert_allclose(w.mean(axis=0), inside.mean(axis=0), atol=0.004)  # uniform
    if box.method == "simplex":
        shifted = (u * 0.7)[:, :]  # acceptance: u on the simplex of mass 0.7 below caps
        expected = np.mean(np.all(shifted <= [0.4, 0.4, 0.4], axis=1))
    else:  # box: w1, w2 uniform in their ranges, w0 = 1 - w1 - w2 within [0.1, 0.5]
        b, c = rng.uniform(0.2, 0.6, 400_000), rng.uniform(0.0, 0.4, 400_000)
        expected = np.mean((1 - b - c >= 0.1) & (1 - b - c <= 0.5))
    np.testing.assert_allclose(box.acceptance, expected, atol=0.015)  # pilot of 8,192

    # narrow ranges on many factors: the simplex method would accept about 1e-8
    # of its draws; the box method is exact and accepts nearly all
    tight = Intervals([0.0] * 12, [0.1] * 11 + [1.0])
    assert tight.exact and tight.method == "box" and tight.acceptance > 0.9
    w = tight.sample(rng, 20_000)
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    assert np.all(w[:, :11] <= 0.1) and np.all(w >= 0)
    np.testing.assert_allclose(w[:, :11].mean(), 0.05, atol=0.002)  # uniform in [0, 0.1]

    impossible = Intervals([0.0] * 12, [0.0834] * 12)  # sum of highs barely above 1
    assert not impossible.exact and impossible.method == "renormalised"
    np.testing.assert_allclose(impossible.sample(rng, 10).sum(axis=1), 1.0)

    mix = Mixture([[2, 1, 1], [0, 1, 3]], [3, 1])
    w = mix.sample(rng, 40_000)
    np.testing.assert_allclose(np.mean(w[:, 0] == 0.5), 0.75, atol=0.01)
    jittered = Mixture([[0.5, 0.5, 0.0]], [1], jitter=0.1).sample(rng, 50_000)
    assert np.all(jittered[:, 2] == 0)
    np.testing.assert_allclose(jittered[:, 0].std(), 0.1 * 0.5, rtol=0.03)


def test_smaa_meta_weights():
    np.testing.assert_allclose(meta_weights(3, "linear"), [1, 0.5, 0])
    np.testing.assert_allclose(meta_weights(3, "inverse"), [1, 1 / 2, 1 / 3])
    h = 1 + 1 / 2 + 1 / 3
    np.testing.assert_allclose(meta_weights(3, "centroid"), [1, (1 / 2 + 1 / 3) / h, 1 / 3 / h])


def test_smaa_progress_and_to_dict():
    likely, low, high, benefit = _random_case()
    spec = get("weighted-sum")
    seen: list[tuple[int, int]] = []
    r = smaa2(
        spec,
        spec.kwargs({}, _problem(likely, benefit)),
        likely,
        benefit,
        low=low,
        high=high,
        samples=2 * BLOCK + 5,
        chunk=BLOCK,
        progress=lambda d, t: seen.append((d, t)),
    )
    done = [d for d, _ in seen]
    assert done == sorted(done) and seen[-1][0] == seen[-1][1]
    assert done[:3] == [BLOCK, 2 * BLOCK, 2 * BLOCK + 5]
    out = r.to_dict([f"o{i}" for i in range(5)], [f"f{j}" for j in range(4)])
    assert set(out) == {
        "samples",
        "seed",
        "ranks",
        "rank_acceptability",
        "central_weights",
        "confidence",
    }
    assert len(out["rank_acceptability"]["o0"]) == 5


def test_smaa_rejects_bad_input():
    spec = get("weighted-sum")
    x = np.array([[1.0, 2.0], [2.0, 1.0]])
    benefit = np.array([True, True])
    with pytest.raises(InvalidParameter, match=r"smaa.performance\[1\]\[0\]"):
        smaa2(spec, {}, x, benefit, low=x - [[0, 0], [3, 0]] + [[0, 0], [4, 0]], high=x + 1)
    with pytest.raises(InvalidParameter, match="smaa.samples"):
        smaa2(spec, {}, x, benefit, samples=0)
    with pytest.raises(InvalidParameter, match="smaa.weights"):
        smaa2(spec, {}, x, benefit, weights=UniformSimplex(3))
    with pytest.raises(InvalidParameter, match="sum to at most 1"):
        Intervals([0.6, 0.6], [0.9, 0.9])
