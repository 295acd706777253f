"""SMAA-2 against reference answers: exact geometry and the method authors' software.

The example tables of Lahdelma & Salminen (2001) were not at hand, so SMAA-2
is checked two other ways:

- **Exact.** With fixed performance and weights uniform on the simplex, the
  acceptability of a ranking is the volume of the region of weight space where
  it holds, and a central weight vector is the centroid of the region where an
  option comes first (Lahdelma & Salminen 2001, section 3). The regions are
  convex polytopes; the test computes their volumes and centroids with scipy's
  half-space intersection, independently of the sampler.
- **JSMAA.** Tervonen's implementation of SMAA-2 (JSMAA; Tervonen & Lahdelma
  2007, EJOR 178(2), 500-513, describe its algorithms) checks its simulator
  against a benefit-risk model of four second-generation antidepressants
  (lognormal efficacy, normal adverse-event rates) with rank acceptabilities,
  central weights and confidence factors to two decimals; we reproduce them
  within its tolerances.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scipy.optimize import linprog
from scipy.spatial import Delaunay, HalfspaceIntersection

from decisionroom.engine.methods import get
from decisionroom.engine.smaa import smaa2

# Nemeroff & Thase: fluoxetine, venlafaxine and placebo on treatment response (more is
# better) and the rates of nausea, insomnia and anxiety (less is better), with the fixed
# value-function ranges [worst, best] of the "Nemeroff and Thase anti-depressants"
# example of the drugis MCDA web tool (mcda-elicitation-web, examples/nemeroff-exact.json).
NEMEROFF = np.array(
    [
        [0.45, 0.22, 0.15, 0.077],
        [0.53, 0.40, 0.23, 0.11],
        [0.37, 0.087, 0.14, 0.019],
    ]
)
NEMEROFF_BENEFIT = np.array([True, False, False, False])
NEMEROFF_BOUNDS = np.array([[0.28, 0.63], [0.50, 0.04], [0.31, 0.08], [0.17, 0.00]])


def exact_smaa(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rank acceptability and central weights of an additive model, by geometry.

    ``values`` is ``(n, m)`` of partial values; weights are uniform on the simplex,
    parametrised by their first ``m - 1`` components ``x`` (``w_m = 1 - sum x``), a
    linear map with constant Jacobian, so volumes in ``x`` are proportional to
    probability.
    """
    n, m = values.shape
    # score_i(x) = values[i, m-1] + sum_j x_j (values[i, j] - values[i, m-1])
    slope = values[:, :-1] - values[:, -1:]
    base = values[:, -1]
    # scipy's half-spaces are rows [A | b] with A x + b <= 0: here x >= 0 and sum x <= 1
    simplex = np.vstack(
        [np.hstack([-np.eye(m - 1), np.zeros((m - 1, 1))]), np.append(np.ones(m - 1), -1.0)]
    )
    acceptability = np.zeros((n, n))
    moment = np.zeros((n, m - 1))
    total = 0.0
    for order in itertools.permutations(range(n)):
        # and each option scores at least as much as the next one in the order
        ordered = [
            np.append(slope[worse] - slope[better], base[worse] - base[better])
            for better, worse in itertools.pairwise(order)
        ]
        volume, centroid = _polytope(np.vstack([simplex, *ordered]))
        if volume == 0.0:
            continue
        total += volume
        for rank, option in enumerate(order):
            acceptability[option, rank] += volume
        moment[order[0]] += volume * centroid
    first = acceptability[:, 0]
    central = np.column_stack([moment / first[:, None], 1 - moment.sum(axis=1) / first])
    return acceptability / total, central


def _polytope(halfspaces: np.ndarray) -> tuple[float, np.ndarray]:
    a, b = halfspaces[:, :-1], halfspaces[:, -1]
    norms = np.linalg.norm(a, axis=1)
    # the centre of the largest ball inside: maximise r with a x + r |a| <= -b
    cost = np.zeros(a.shape[1] + 1)
    cost[-1] = -1.0
    lp = linprog(cost, A_ub=np.column_stack([a, norms]), b_ub=-b, bounds=(None, None))
    if lp.status != 0 or lp.x[-1] < 1e-9:
        return 0.0, np.zeros(a.shape[1])
    if a.shape[1] == 1:  # an interval: qhull needs two dimensions or more
        ends = -b / a[:, 0]
        lo, hi = ends[a[:, 0] < 0].max(), ends[a[:, 0] > 0].min()
        return float(hi - lo), np.array([(lo + hi) / 2])
    vertices = HalfspaceIntersection(halfspaces, lp.x[:-1]).intersections
    pieces = vertices[Delaunay(vertices).simplices]  # (k, d + 1, d)
    edges = pieces[:, 1:] - pieces[:, :1]
    volumes = np.abs(np.linalg.det(edges)) / math.factorial(a.shape[1])
    centroid = (volumes[:, None] * pieces.mean(axis=1)).sum(axis=0) / volumes.sum()
    return float(volumes.sum()), centroid


def test_exact_geometry_reproduces_the_two_option_case():
    # the hand-derived case of test_smaa: A wins for w1 > 5/9
    acceptability, central = exact_smaa(np.array([[0.8, 0.2], [0.4, 0.7]]))
    np.testing.assert_allclose(acceptability[:, 0], [4 / 9, 5 / 9])
    np.testing.assert_allclose(central[:, 0], [7 / 9, 5 / 18])


def test_smaa2_matches_exact_geometry_nemeroff():
    """Three options, four factors, fixed performance, weights uniform on the simplex: the
    simulated acceptabilities and central weights equal the exact polytope volumes and
    centroids within Monte Carlo error; every confidence factor is 1."""
    worst, best = NEMEROFF_BOUNDS[:, 0], NEMEROFF_BOUNDS[:, 1]
    values = (NEMEROFF - worst) / (best - worst)
    acceptability, central = exact_smaa(values)
    assert acceptability.sum(axis=1) == pytest.approx(np.ones(3))
    samples = 400_000
    r = smaa2(
        get("weighted-sum"),
        {"normalization": "minmax", "bounds": NEMEROFF_BOUNDS},
        NEMEROFF,
        NEMEROFF_BENEFIT,
        samples=samples,
        seed=5,
    )
    sd = np.sqrt(acceptability * (1 - acceptability) / samples)
    assert np.all(np.abs(r.rank_acceptability - acceptability) <= 5 * sd + 1e-4)
    # a central weight averages about samples * b_i^1 weight vectors, each with sd < 0.3
    central_sd = 0.3 / np.sqrt(samples * acceptability[:, 0])
    assert np.all(np.abs(r.central_weights - central) <= 5 * central_sd[:, None])
    np.testing.assert_array_equal(r.confidence, 1.0)


# JSMAA (github.com/tommite/jsmaa), SMAA2SimulationTest.testCorrectResultsWithBRModel, the
# model "Benefit-risk model of second generation antidepressants" (after Hansen et al. 2005,
# Annals of Internal Medicine 143, 415-426): efficacy is an odds ratio against fluoxetine,
# lognormal with these mean and sd of its log; the adverse-event rates (%) are normal.
BR_OPTIONS = ["fluoxetine", "paroxetine", "sertraline", "venlafaxine"]
BR_FACTORS = ["efficacy", "diarrhea", "dizziness", "headache", "insomnia", "nausea"]
BR_MEAN = np.array(
    [
        [0.0, 11.7, 7.2, 16.6, 13.7, 18.6],
        [0.086, 9.2, 10.6, 21.2, 14.3, 18.3],
        [0.095, 15.4, 7.5, 20.2, 15.0, 19.5],
        [0.113, 5.5, 15.7, 12.8, 11.2, 31.0],
    ]
)
BR_SD = np.array(
    [
        [0.0, 2.5, 1.45, 3.27, 1.89, 1.79],
        [0.056, 1.86, 1.58, 5.15, 2.93, 3.7],
        [0.044, 2.65, 1.48, 3.78, 3.21, 2.6],
        [0.048, 2.32, 4.44, 2.45, 3.98, 1.68],
    ]
)
BR_ACCEPTABILITY = np.array(
    [
        [0.20, 0.28, 0.30, 0.22],
        [0.25, 0.29, 0.27, 0.19],
        [0.17, 0.25, 0.29, 0.30],
        [0.39, 0.18, 0.15, 0.29],
    ]
)
BR_CENTRAL = np.array(
    [
        [0.08, 0.14, 0.23, 0.18, 0.16, 0.22],
        [0.18, 0.17, 0.15, 0.13, 0.15, 0.22],
        [0.21, 0.10, 0.22, 0.13, 0.15, 0.20],
        [0.18, 0.21, 0.12, 0.21, 0.19, 0.09],
    ]
)
BR_CONFIDENCE = np.array([0.48, 0.44, 0.34, 0.74])


def test_smaa2_jsmaa_benefit_risk_model():
    """JSMAA's benefit-risk model of second-generation antidepressants (the kind of model
    of Tervonen, van Valkenhoef, Buskens, Hillege & Postmus 2011, Statistics in Medicine
    30(12), 1419-1428) and its SMAA-2 results as JSMAA's simulator test asserts them (two
    decimals, tolerance 0.02 for acceptabilities and central weights, 0.03 for confidence
    factors); not checked against a printed table.

    A range is the central 95% interval (mean -+ 1.96 sd, of the log for efficacy) and
    each factor's value scale runs over the union of the options' intervals, as in
    JSMAA. JSMAA extends the linear value function beyond that scale where we clip at
    it, which moves the results by under 0.005."""
    benefit = np.array([True, False, False, False, False, False])
    z = 1.96
    low, likely, high = BR_MEAN - z * BR_SD, BR_MEAN.copy(), BR_MEAN + z * BR_SD
    low[:, 0], likely[:, 0], high[:, 0] = (
        np.exp(low[:, 0]),
        np.exp(likely[:, 0]),
        np.exp(high[:, 0]),
    )
    worst = np.where(benefit, low.min(axis=0), high.max(axis=0))
    best = np.where(benefit, high.max(axis=0), low.min(axis=0))
    r = smaa2(
        get("weighted-sum"),
        {"normalization": "minmax", "bounds": np.column_stack([worst, best])},
        likely,
        benefit,
        low=low,
        high=high,
        performance=["lognormal"] + ["normal"] * 5,
        coverage=0.95,
        samples=100_000,
        seed=0,
    )
    np.testing.assert_allclose(r.rank_acceptability, BR_ACCEPTABILITY, atol=0.02)
    np.testing.assert_allclose(r.central_weights, BR_CENTRAL, atol=0.02)
    np.testing.assert_allclose(r.confidence, BR_CONFIDENCE, atol=0.03)
    # venlafaxine is the most likely first, and far the most robust with its own weights
    assert int(np.argmax(r.rank_acceptability[:, 0])) == BR_OPTIONS.index("venlafaxine")
    assert int(np.argmax(r.confidence)) == BR_OPTIONS.index("venlafaxine")
