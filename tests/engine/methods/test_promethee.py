import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decisionroom.engine.methods import get
from decisionroom.engine.methods.promethee import FUNCTIONS, NEEDS, factor_flows, promethee_ii
from decisionroom.engine.problem import Problem
from decisionroom.engine.ranking import ranks
from decisionroom.errors import InvalidParameter

NAN = math.nan

# Brans, Vincke & Mareschal (1986): six hydroelectric projects a1..a6 on manpower (min),
# power in MW (max), construction cost in 10^9 $ (min), maintenance cost in 10^6 $ (min),
# villages to evacuate (min) and security level (max), one generalised criterion each.
HYDRO = np.array(
    [
        [80, 90, 6, 5.4, 8, 5],
        [65, 58, 2, 9.7, 1, 1],
        [83, 60, 4, 7.2, 4, 7],
        [40, 80, 10, 7.5, 7, 10],
        [52, 72, 6, 2.0, 3, 8],
        [94, 96, 7, 3.6, 5, 6],
    ]
)
HYDRO_BENEFIT = np.array([False, True, False, False, False, True])
HYDRO_SETTINGS = {
    "functions": ("u-shape", "v-shape", "linear", "level", "usual", "gaussian"),
    "q": np.array([10, NAN, 0.5, 1, NAN, NAN]),
    "p": np.array([NAN, 30, 5, 6, NAN, NAN]),
    "s": np.array([NAN, NAN, NAN, NAN, NAN, 5]),
}
# the published preference indices pi(a, b), rows a, columns b, three decimals
HYDRO_PI = np.array(
    [
        [0.000, 0.296, 0.250, 0.268, 0.100, 0.185],
        [0.462, 0.000, 0.389, 0.333, 0.296, 0.500],
        [0.236, 0.180, 0.000, 0.333, 0.056, 0.429],
        [0.399, 0.505, 0.305, 0.000, 0.223, 0.212],
        [0.444, 0.515, 0.487, 0.380, 0.000, 0.448],
        [0.286, 0.399, 0.250, 0.432, 0.133, 0.000],
    ]
)
# the paper rounds each criterion's share before adding, so pi is good to one unit of the
# third decimal, not half a unit
PI_PRECISION = 1e-3 + 1e-12


# --- a straightforward pairwise reference: the definitions, one pair at a time -------------


def _degree(function, d, q, p, s):
    if function == "usual":
        return 1.0 if d > 0 else 0.0
    if function == "u-shape":
        return 1.0 if d > q else 0.0
    if function == "v-shape":
        return 0.0 if d <= 0 else (d / p if d <= p else 1.0)
    if function == "level":
        return 0.0 if d <= q else (0.5 if d <= p else 1.0)
    if function == "linear":
        return 0.0 if d <= q else ((d - q) / (p - q) if d <= p else 1.0)
    return 1.0 - math.exp(-d * d / (2 * s * s)) if d > 0 else 0.0


def _reference_preferences(matrix, benefit, functions, q, p, s):
    """P[j, a, b] = P_j(a, b) with d = x_a - x_b on max factors, x_b - x_a on min factors."""
    n, m = matrix.shape
    out = np.zeros((m, n, n))
    for j in range(m):
        for a in range(n):
            for b in range(n):
                x_a, x_b = float(matrix[a, j]), float(matrix[b, j])
                d = x_a - x_b if benefit[j] else x_b - x_a
                out[j, a, b] = _degree(functions[j], d, q[j], p[j], s[j])
    return out


def _reference_flows(matrix, benefit, functions, q, p, s):
    pref = _reference_preferences(matrix, benefit, functions, q, p, s)
    n = matrix.shape[0]
    plus = pref.sum(axis=2).T / (n - 1)
    minus = pref.sum(axis=1).T / (n - 1)
    return plus, minus


# --- published worked example ------------------------------------------------------------------


def test_promethee_brans1986():
    """Brans, J.-P., Vincke, Ph. & Mareschal, B. (1986). How to select and how to rank
    projects: The PROMETHEE method. European Journal of Operational Research 24(2),
    228-238: the six-project hydroelectric example (data and criteria as above: u-shape
    q = 10; v-shape p = 30; linear q = 0.5, p = 5; level q = 1, p = 6; usual; Gaussian
    s = 5; equal weights). Its table of preference indices pi(a, b) is printed to three
    decimals from per-criterion shares rounded before adding, so it holds to 1e-3; the
    flows are the row and column means of that table, so they hold to 1e-3 too (net flow
    2e-3). The PROMETHEE II ranking is a5 > a2 > a4 > a6 > a3 > a1."""
    weights = np.full(6, 1 / 6)
    # pi from the pairwise reference, which the fast path matches exactly (tests below)
    pref = _reference_preferences(HYDRO, HYDRO_BENEFIT, **HYDRO_SETTINGS)
    np.testing.assert_allclose(np.tensordot(weights, pref, axes=1), HYDRO_PI, atol=PI_PRECISION)

    result = promethee_ii(HYDRO, weights, HYDRO_BENEFIT, **HYDRO_SETTINGS)
    d = result.details
    np.testing.assert_allclose(d["phi_plus"], HYDRO_PI.sum(axis=1) / 5, atol=PI_PRECISION)
    np.testing.assert_allclose(d["phi_minus"], HYDRO_PI.sum(axis=0) / 5, atol=PI_PRECISION)
    published_net = (HYDRO_PI.sum(axis=1) - HYDRO_PI.sum(axis=0)) / 5
    np.testing.assert_allclose(result.scores, published_net, atol=2 * PI_PRECISION)
    assert list(ranks(result.scores, True)) == [6, 2, 5, 3, 1, 4]


def test_promethee_brans1986_through_the_spec():
    """The same example written as a decision file would write it, with ids and '*'."""
    factors = ("manpower", "power", "construction", "maintenance", "villages", "security")
    problem = Problem(
        HYDRO,
        np.full(6, 1 / 6),
        HYDRO_BENEFIT,
        tuple(f"a{i}" for i in range(1, 7)),
        factors,
    )
    preference = {
        "manpower": {"function": "u-shape", "q": 10},
        "power": {"function": "v-shape", "p": 30},
        "construction": {"function": "linear", "q": 0.5, "p": 5},
        "maintenance": {"function": "level", "q": 1, "p": 6},
        "security": {"function": "gaussian", "s": 5},
    }
    spec = get("promethee-ii")
    result = spec.run(problem, spec.kwargs({"preference": preference}, problem))
    direct = promethee_ii(HYDRO, problem.weights, HYDRO_BENEFIT, **HYDRO_SETTINGS)
    np.testing.assert_array_equal(result.scores, direct.scores)
    assert list(ranks(result.scores, True)) == [6, 2, 5, 3, 1, 4]


# --- the sorted fast path equals the pairwise definition ----------------------------------------

HALVES = st.integers(-12, 12).map(lambda k: k / 2)  # half-integers: ties and exact hits
THRESHOLDS = st.integers(0, 8).map(lambda k: k / 2)


@st.composite
def criteria(draw, grid=HALVES, thresholds=THRESHOLDS):
    """A small matrix and one generalised criterion per factor, any direction."""
    n = draw(st.integers(2, 9))
    m = draw(st.integers(1, 4))
    matrix = np.array(draw(st.lists(grid, min_size=n * m, max_size=n * m))).reshape(n, m)
    benefit = np.array(draw(st.lists(st.booleans(), min_size=m, max_size=m)))
    functions = tuple(draw(st.lists(st.sampled_from(FUNCTIONS), min_size=m, max_size=m)))
    q, p, s = np.full(m, NAN), np.full(m, NAN), np.full(m, NAN)
    for j, function in enumerate(functions):
        a, b = sorted([draw(thresholds), draw(thresholds)])
        if "q" in NEEDS[function]:
            q[j] = a
        if "p" in NEEDS[function]:
            p[j] = b if function != "v-shape" or b > 0 else 0.5
        if "s" in NEEDS[function]:
            s[j] = draw(st.sampled_from([0.25, 0.5, 1.0, 2.5]))
    return matrix, benefit, {"functions": functions, "q": q, "p": p, "s": s}


EXHAUSTIVE = settings(
    max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


@EXHAUSTIVE
@given(case=criteria())
def test_promethee_flows_equal_pairwise_reference(case):
    matrix, benefit, kwargs = case
    plus, minus = factor_flows(matrix, benefit, **kwargs)
    ref_plus, ref_minus = _reference_flows(matrix, benefit, **kwargs)
    np.testing.assert_allclose(plus, ref_plus, rtol=0, atol=1e-12)
    np.testing.assert_allclose(minus, ref_minus, rtol=0, atol=1e-12)


@EXHAUSTIVE
@given(
    case=criteria(
        grid=st.integers(-30, 30).map(lambda k: k / 10),  # tenths: d rounds off the threshold
        thresholds=st.integers(0, 12).map(lambda k: k / 10),
    )
)
def test_promethee_flows_equal_pairwise_reference_at_rounded_boundaries(case):
    matrix, benefit, kwargs = case
    plus, minus = factor_flows(matrix, benefit, **kwargs)
    ref_plus, ref_minus = _reference_flows(matrix, benefit, **kwargs)
    np.testing.assert_allclose(plus, ref_plus, rtol=0, atol=1e-12)
    np.testing.assert_allclose(minus, ref_minus, rtol=0, atol=1e-12)


def test_promethee_rounded_deviation_decides_like_the_pairwise_definition():
    # -2.9 - (-3.0) rounds above 0.1 while -2.9 - 0.1 rounds to -3.0: a searchsorted on
    # u_b < u_a - q alone would miss the pair (-2.9, -3.0) that the definition counts
    x = np.array([[-3.0], [-2.9], [-2.7]])
    assert -2.9 - -3.0 > 0.1 and -2.9 - 0.1 == -3.0
    for function in ("u-shape", "level", "linear"):
        kwargs = {
            "functions": (function,),
            "q": np.array([0.1]),
            "p": np.array([0.2]),
            "s": np.array([NAN]),
        }
        for benefit in (np.array([True]), np.array([False])):
            plus, minus = factor_flows(x, benefit, **kwargs)
            ref_plus, ref_minus = _reference_flows(x, benefit, **kwargs)
            np.testing.assert_allclose(plus, ref_plus, rtol=0, atol=1e-15)
            np.testing.assert_allclose(minus, ref_minus, rtol=0, atol=1e-15)


@pytest.mark.parametrize("function", FUNCTIONS)
@pytest.mark.parametrize("benefit", [True, False])
def test_promethee_values_exactly_at_thresholds(function, benefit):
    # deviations 0, 1, 2, 3, 4, 5 with q = 1, p = 3: every branch and both edges
    x = np.array([[0.0], [1.0], [1.0], [3.0], [4.0], [5.0]])
    kwargs = {
        "functions": (function,),
        "q": np.array([1.0 if "q" in NEEDS[function] else NAN]),
        "p": np.array([3.0 if "p" in NEEDS[function] else NAN]),
        "s": np.array([1.5 if "s" in NEEDS[function] else NAN]),
    }
    plus, minus = factor_flows(x, np.array([benefit]), **kwargs)
    ref_plus, ref_minus = _reference_flows(x, np.array([benefit]), **kwargs)
    np.testing.assert_allclose(plus, ref_plus, rtol=0, atol=1e-12)
    np.testing.assert_allclose(minus, ref_minus, rtol=0, atol=1e-12)


def test_promethee_linear_with_q_equal_to_p_is_a_step():
    x = np.array([[0.0], [2.0], [4.0], [5.0]])
    kwargs = {"functions": ("linear",), "q": np.array([2.0]), "p": np.array([2.0])}
    plus, minus = factor_flows(x, np.array([True]), s=np.array([NAN]), **kwargs)
    # pairs with d > 2: (4, 0), (5, 0), (5, 2)
    np.testing.assert_allclose(plus[:, 0] * 3, [0, 0, 1, 2])
    np.testing.assert_allclose(minus[:, 0] * 3, [2, 1, 0, 0])


def test_promethee_large_random_floats_equal_reference():
    rng = np.random.default_rng(3)
    matrix = np.round(rng.normal(1000.0, 50.0, size=(150, 6)), 1)
    benefit = np.array([True, False, True, False, True, False])
    kwargs = {
        "functions": ("usual", "u-shape", "v-shape", "level", "linear", "gaussian"),
        "q": np.array([NAN, 10.0, NAN, 5.0, 5.0, NAN]),
        "p": np.array([NAN, NAN, 40.0, 25.0, 60.0, NAN]),
        "s": np.array([NAN, NAN, NAN, NAN, NAN, 30.0]),
    }
    plus, minus = factor_flows(matrix, benefit, **kwargs)
    ref_plus, ref_minus = _reference_flows(matrix, benefit, **kwargs)
    np.testing.assert_allclose(plus, ref_plus, rtol=0, atol=1e-12)
    np.testing.assert_allclose(minus, ref_minus, rtol=0, atol=1e-12)


# --- flows add up ---------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None, derandomize=True)
@given(case=criteria(), seed=st.integers(0, 2**16))
def test_promethee_factor_net_flows_add_up(case, seed):
    matrix, benefit, kwargs = case
    m = matrix.shape[1]
    weights = np.random.default_rng(seed).dirichlet(np.ones(m))
    result = promethee_ii(matrix, weights, benefit, **kwargs)
    d = result.details
    net = d["factor_net_flows"]
    assert net.shape == matrix.shape
    np.testing.assert_allclose(net @ weights, result.scores, rtol=0, atol=1e-12)
    np.testing.assert_allclose(d["contributions"].sum(axis=1), result.scores, atol=1e-12)
    np.testing.assert_allclose(d["phi_plus"] - d["phi_minus"], result.scores, atol=1e-12)
    # every preference counted once as leaving and once as entering
    np.testing.assert_allclose(net.sum(axis=0), 0.0, atol=1e-12)
    assert np.all((d["phi_plus"] >= -1e-15) & (d["phi_plus"] <= 1 + 1e-12))
    assert np.all((d["phi_minus"] >= -1e-15) & (d["phi_minus"] <= 1 + 1e-12))
    ref_plus, ref_minus = _reference_flows(matrix, benefit, **kwargs)
    np.testing.assert_allclose(net, ref_plus - ref_minus, rtol=0, atol=1e-12)


def test_promethee_batch_uses_flows_once():
    rng = np.random.default_rng(5)
    weights = rng.dirichlet(np.ones(6), size=7)
    batch = promethee_ii(HYDRO, weights, HYDRO_BENEFIT, **HYDRO_SETTINGS).scores
    single = [promethee_ii(HYDRO, w, HYDRO_BENEFIT, **HYDRO_SETTINGS).scores for w in weights]
    np.testing.assert_allclose(batch, single, rtol=1e-12, atol=1e-15)
    matrices = HYDRO * rng.uniform(0.9, 1.1, size=(7, 6, 6))
    sampled = promethee_ii(matrices, weights, HYDRO_BENEFIT, **HYDRO_SETTINGS).scores
    each = [
        promethee_ii(x, w, HYDRO_BENEFIT, **HYDRO_SETTINGS).scores
        for x, w in zip(matrices, weights, strict=True)
    ]
    np.testing.assert_allclose(sampled, each, rtol=1e-12, atol=1e-15)


# --- parameters ----------------------------------------------------------------------------------

FACTORS = ("cost", "speed", "risk")


def _problem():
    x = np.array([[3.0, 5.0, 1.0], [4.0, 2.0, 2.0], [1.0, 4.0, 3.0]])
    return Problem(x, np.full(3, 1 / 3), np.array([False, True, False]), ("a", "b", "c"), FACTORS)


def _kwargs(preference):
    spec = get("promethee-ii")
    problem = _problem()
    return spec.kwargs({"preference": preference}, problem)


def test_promethee_spec_defaults_to_usual():
    kwargs = _kwargs({})
    assert kwargs["functions"] == ("usual", "usual", "usual")
    assert np.isnan(kwargs["q"]).all() and np.isnan(kwargs["p"]).all()


def test_promethee_star_sets_every_factor_not_listed():
    kwargs = _kwargs(
        {"*": {"function": "linear", "q": 0.5, "p": 2}, "speed": {"function": "gaussian", "s": 1}}
    )
    assert kwargs["functions"] == ("linear", "gaussian", "linear")
    np.testing.assert_array_equal(kwargs["q"], [0.5, NAN, 0.5])
    np.testing.assert_array_equal(kwargs["p"], [2.0, NAN, 2.0])
    np.testing.assert_array_equal(kwargs["s"], [NAN, 1.0, NAN])


def test_promethee_parameter_errors_are_located_and_reported_at_once():
    preference = {
        "price": {"function": "usual"},
        "cost": {"function": "linear", "q": 3, "p": 1, "r": 2},
        "speed": {"function": "v-shape", "p": 0},
        "risk": {"function": "gaussian", "s": 0, "q": 1},
        "*": {"function": "triangle"},
    }
    with pytest.raises(InvalidParameter) as info:
        _kwargs(preference)
    errors = {e.loc: e for e in info.value.errors}
    base = "method.params.preference"
    assert set(errors) == {
        f"{base}.price",
        f"{base}.cost.r",
        f"{base}.cost.q",
        f"{base}.speed.p",
        f"{base}.risk.s",
        f"{base}.risk.q",
        f"{base}.*.function",
    }
    assert errors[f"{base}.price"].code == "unknown_factor"
    assert "cost, speed, risk" in errors[f"{base}.price"].msg
    assert errors[f"{base}.cost.r"].code == "unknown_key"
    assert errors[f"{base}.cost.q"].render() == (
        f"{base}.cost.q: must be at most p (1): the indifference threshold cannot exceed the "
        "preference threshold. Got 3.0 instead."
    )
    assert errors[f"{base}.speed.p"].msg == "must be greater than 0 for the 'v-shape' function."
    assert errors[f"{base}.risk.s"].msg == "must be greater than 0 (the Gaussian spread)."
    assert errors[f"{base}.risk.q"].code == "unused"
    function = errors[f"{base}.*.function"]
    assert function.input == "triangle"
    assert all(repr(name) in function.msg for name in FUNCTIONS)


@pytest.mark.parametrize(
    ("entry", "loc", "code"),
    [
        ({"function": "u-shape"}, "cost.q", "missing"),
        ({"function": "level", "q": 1}, "cost.p", "missing"),
        ({"function": "gaussian"}, "cost.s", "missing"),
        ({"function": "linear", "q": -1, "p": 2}, "cost.q", "range"),
        ({"function": "level", "q": 0, "p": -2}, "cost.p", "range"),
        ({"function": "u-shape", "q": "wide"}, "cost.q", "number"),
        ({"function": "u-shape", "q": True}, "cost.q", "number"),
        ({"function": "v-shape", "p": NAN}, "cost.p", "number"),
        ({"q": 1}, "cost.function", "missing"),
        ({"function": 3}, "cost.function", "choice"),
        ("linear", "cost", "mapping"),
    ],
)
def test_promethee_parameter_error(entry, loc, code):
    with pytest.raises(InvalidParameter) as info:
        _kwargs({"cost": entry})
    (error,) = info.value.errors
    assert error.loc == f"method.params.preference.{loc}"
    assert error.code == code


def test_promethee_threshold_order_and_zero_are_accepted():
    kwargs = _kwargs(
        {
            "cost": {"function": "linear", "q": 2, "p": 2},
            "speed": {"function": "level", "q": 0, "p": 0},
            "risk": {"function": "u-shape", "q": 0},
        }
    )
    assert kwargs["functions"] == ("linear", "level", "u-shape")
