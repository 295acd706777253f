"""Contract tests run over every registered method, built-in or added later.

Each method is checked under every combination of its choice parameters and
the ends and default of its number parameters (per-factor parameters keep
their default), on random problems drawn by hypothesis and on hand-made
corner cases.

Weight scale: the engine's contract is weights that sum to 1 (see
``Problem``), so multiplying the weights by a constant and renormalising must
leave the scores unchanged. Methods are also checked with the scaled weights
as they are, without renormalising: every method must keep its ranking then,
while its scores may change scale (additive ones such as the weighted sum
and AHP multiply by the constant, the weighted product raises to its power;
TOPSIS and VIKOR are unchanged). Nothing in the product relies on more.
"""

from __future__ import annotations

import inspect
import itertools
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decisionroom.engine.methods import MethodSpec, all_methods
from decisionroom.engine.problem import Problem
from decisionroom.engine.ranking import batch_ranks, order, ranks
from decisionroom.errors import InvalidParameter

SETTINGS = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def _variants(spec: MethodSpec) -> list[dict[str, Any]]:
    axes = []
    for p in spec.params:
        if p.kind == "choice":
            axes.append([(p.name, c) for c in p.choices])
        elif p.kind == "number":
            values = {p.default}
            if p.minimum is not None and not p.exclusive:
                values.add(p.minimum)
            if p.maximum is not None and not p.exclusive:
                values.add(p.maximum)
            axes.append([(p.name, v) for v in sorted(values)])
    return [dict(combo) for combo in itertools.product(*axes)]


VARIANTS = [
    pytest.param(spec, params, id=f"{spec.id}[{','.join(f'{k}={v}' for k, v in params.items())}]")
    for spec in all_methods()
    for params in _variants(spec)
]
SPECS = [pytest.param(spec, id=spec.id) for spec in all_methods()]


def _problem(matrix: Any, weights: Any, benefit: Any) -> Problem:
    matrix = np.asarray(matrix, dtype=float)
    n, m = matrix.shape
    return Problem(
        matrix,
        np.asarray(weights, dtype=float),
        np.asarray(benefit, dtype=bool),
        tuple(f"o{i}" for i in range(n)),
        tuple(f"f{j}" for j in range(m)),
    )


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    """A random positive problem: 2-7 options, 1-5 factors, some with tied values."""
    n = draw(st.integers(2, 7))
    m = draw(st.integers(1, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    if draw(st.booleans()):
        matrix = rng.uniform(1.0, 100.0, size=(n, m))
    else:
        matrix = rng.integers(1, 6, size=(n, m)).astype(float)  # many ties
    weights = rng.dirichlet(np.ones(m))
    benefit = rng.random(m) < 0.6
    return _problem(matrix, weights, benefit)


HAND_MADE = {
    "two-options": _problem([[1.0, 9.0], [9.0, 1.0]], [0.5, 0.5], [True, False]),
    "one-factor": _problem([[3.0], [1.0], [2.0]], [1.0], [True]),
    "constant-factor": _problem(
        [[2.0, 7.0, 5.0], [4.0, 7.0, 1.0], [3.0, 7.0, 3.0]], [0.3, 0.4, 0.3], [True, True, False]
    ),
    "identical-options": _problem([[2.0, 5.0]] * 4, [0.6, 0.4], [True, False]),
    "duplicate-option": _problem([[2.0, 5.0], [3.0, 4.0], [2.0, 5.0]], [0.5, 0.5], [True, True]),
    "wide-scales": _problem(
        [[1e-6, 2e9, 0.5], [3e-6, 1e9, 0.25], [2e-6, 5e9, 0.75]],
        [0.2, 0.5, 0.3],
        [False, True, True],
    ),
    "many-factors": _problem(
        np.arange(1.0, 61.0).reshape(3, 20) % 7 + 1, np.full(20, 0.05), [True, False] * 10
    ),
}
HAND_MADE_CASES = [pytest.param(p, id=name) for name, p in HAND_MADE.items()]


def _run(spec: MethodSpec, params: dict[str, Any], problem: Problem) -> Any:
    return spec.run(problem, spec.kwargs(params, problem))


def _check_scores(spec: MethodSpec, params: dict[str, Any], problem: Problem) -> None:
    n = problem.shape[0]
    result = _run(spec, params, problem)
    scores = np.asarray(result.scores, dtype=float)
    assert scores.shape == (n,)
    assert np.all(np.isfinite(scores)), scores
    assert result.higher_is_better is spec.higher_is_better
    assert sorted(order(scores, result.higher_is_better)) == list(range(n))
    r = ranks(scores, result.higher_is_better)
    assert r.min() == 1 and r.max() <= n
    # competition ranks: a rank k is shared by the options tied there, then k + ties follows
    for k in np.unique(r):
        assert np.sum(r < k) == k - 1
    assert sorted(batch_ranks(scores[None, :], result.higher_is_better)[0]) == list(range(n))


# --- finite scores, a permutation as ranking ---------------------------------------------


@pytest.mark.parametrize(("spec", "params"), VARIANTS)
@SETTINGS
@given(problem=problems())
def test_contract_scores_are_finite_and_ranking_is_a_permutation(spec, params, problem):
    _check_scores(spec, params, problem)


@pytest.mark.parametrize("problem", HAND_MADE_CASES)
@pytest.mark.parametrize(("spec", "params"), VARIANTS)
def test_contract_hand_made_problems(spec, params, problem):
    _check_scores(spec, params, problem)


@pytest.mark.parametrize(("spec", "params"), VARIANTS)
def test_contract_identical_options_tie(spec, params):
    result = _run(spec, params, HAND_MADE["identical-options"])
    assert list(ranks(np.asarray(result.scores), result.higher_is_better)) == [1, 1, 1, 1]


# --- weight scale --------------------------------------------------------------------------


@pytest.mark.parametrize(("spec", "params"), VARIANTS)
@SETTINGS
@given(problem=problems(), factor=st.sampled_from([1e-3, 0.5, 4.0, 1e3]))
def test_contract_scaling_weights_changes_nothing(spec, params, problem, factor):
    base = _run(spec, params, problem)
    scaled = problem.weights * factor
    renormalised = _run(spec, params, problem.with_weights(scaled / scaled.sum()))
    np.testing.assert_allclose(renormalised.scores, base.scores, rtol=1e-9, atol=1e-12)
    if factor in (0.5, 4.0):  # extreme powers of a weighted product underflow to ties
        raw = _run(spec, params, problem.with_weights(scaled))
        assert np.all(np.isfinite(raw.scores))
        np.testing.assert_array_equal(
            ranks(np.asarray(raw.scores), raw.higher_is_better),
            ranks(np.asarray(base.scores), base.higher_is_better),
        )


# --- option order ----------------------------------------------------------------------------


@pytest.mark.parametrize(("spec", "params"), VARIANTS)
@SETTINGS
@given(problem=problems(), seed=st.integers(0, 2**16))
def test_contract_permuting_options_permutes_scores(spec, params, problem, seed):
    perm = np.random.default_rng(seed).permutation(problem.shape[0])
    permuted = Problem(
        problem.matrix[perm],
        problem.weights,
        problem.benefit,
        tuple(problem.options[i] for i in perm),
        problem.factors,
    )
    base = _run(spec, params, problem)
    other = _run(spec, params, permuted)
    assert other.higher_is_better is base.higher_is_better
    np.testing.assert_allclose(other.scores, np.asarray(base.scores)[perm], rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(
        ranks(np.asarray(other.scores), other.higher_is_better),
        ranks(np.asarray(base.scores), base.higher_is_better)[perm],
    )


# --- dominance -------------------------------------------------------------------------------

DOMINANCE_VARIANTS = [v for v in VARIANTS if v.values[0].respects_dominance]


@pytest.mark.parametrize(("spec", "params"), DOMINANCE_VARIANTS)
@SETTINGS
@given(problem=problems(), seed=st.integers(0, 2**16))
def test_contract_dominated_option_never_ranks_above(spec, params, problem, seed):
    rng = np.random.default_rng(seed)
    n, m = problem.shape
    good, bad = rng.choice(n, size=2, replace=False)
    worse = rng.random(m) < 0.5
    worse[rng.integers(m)] = True  # strictly worse on at least one factor
    row = problem.matrix[good].copy()
    step = rng.uniform(0.1, 0.9, size=m) * row  # stays positive
    row = np.where(worse, np.where(problem.benefit, row - step, row + step), row)
    matrix = problem.matrix.copy()
    matrix[bad] = row
    dominated = problem.with_matrix(matrix)
    result = _run(spec, params, dominated)
    r = ranks(np.asarray(result.scores), result.higher_is_better)
    assert r[good] <= r[bad], (good, bad, result.scores)


@pytest.mark.parametrize(("spec", "params"), DOMINANCE_VARIANTS)
def test_contract_option_dominating_all_ranks_first(spec, params):
    problem = _problem(
        [[5.0, 1.0, 9.0], [4.0, 2.0, 8.0], [5.0, 3.0, 1.0], [1.0, 1.0, 9.0]],
        [0.2, 0.5, 0.3],
        [True, False, True],
    )
    result = _run(spec, params, problem)
    assert ranks(np.asarray(result.scores), result.higher_is_better)[0] == 1


# --- parameters ------------------------------------------------------------------------------


def _bad_values(param: Any) -> list[Any]:
    if param.kind == "choice":
        return ["no-such-choice", 3, None]
    if param.kind == "number":
        bad: list[Any] = ["not-a-number", None, True, float("nan"), float("inf")]
        if param.minimum is not None:
            bad.append(param.minimum - (0 if param.exclusive else 1))
        if param.maximum is not None:
            bad.append(param.maximum + (0 if param.exclusive else 1))
        return bad
    return [3, "text", [1, 2]]


PARAMS = [
    pytest.param(spec, param, value, id=f"{spec.id}.{param.name}={value!r}")
    for spec in all_methods()
    for param in spec.params
    for value in _bad_values(param)
]


@pytest.mark.parametrize(("spec", "param", "value"), PARAMS)
def test_contract_bad_parameter_is_rejected_with_its_location(spec, param, value):
    with pytest.raises(InvalidParameter) as info:
        spec.resolve({param.name: value})
    (error,) = info.value.errors
    assert error.loc == f"method.params.{param.name}"
    assert error.input is value or (value != value and error.input != error.input)
    assert error.msg.startswith(f"{param.name} must be ")
    if param.kind == "choice":
        assert all(repr(choice) in error.msg for choice in param.choices)
    elif param.kind == "number":
        assert "number" in error.msg or error.code == "range"
        assert param.range_text() in error.msg
    else:
        assert "mapping" in error.msg


@pytest.mark.parametrize("spec", SPECS)
def test_contract_unknown_parameter_is_rejected(spec):
    with pytest.raises(InvalidParameter) as info:
        spec.resolve({"no_such_parameter": 1})
    (error,) = info.value.errors
    assert error.loc == "method.params.no_such_parameter"
    assert error.code == "unknown_parameter"
    for p in spec.params:
        assert repr(p.name) not in error.msg and p.name in error.msg
    if not spec.params:
        assert "none" in error.msg


@pytest.mark.parametrize("spec", SPECS)
def test_contract_every_problem_is_reported_at_once(spec):
    bad = {p.name: _bad_values(p)[0] for p in spec.params}
    bad["no_such_parameter"] = 1
    with pytest.raises(InvalidParameter) as info:
        spec.resolve(bad, loc="analysis.method.params")
    assert sorted(e.loc for e in info.value.errors) == sorted(
        f"analysis.method.params.{name}" for name in bad
    )


@pytest.mark.parametrize("spec", SPECS)
def test_contract_spec_resolves_its_defaults(spec):
    defaults = spec.defaults
    assert set(defaults) == {p.name for p in spec.params}
    assert spec.resolve(None) == defaults
    assert spec.resolve({}) == defaults
    assert spec.resolve(defaults) == defaults
    signature = inspect.signature(spec.func).parameters
    for p in spec.params:
        assert p.doc
        assert p.check(p.default, f"method.params.{p.name}") == p.default
        # a parameter the function takes as it is has the same default there
        if p.name in signature and signature[p.name].default is not inspect.Parameter.empty:
            assert signature[p.name].default == p.default
    assert spec.references and spec.name and spec.summary
    problem = HAND_MADE["constant-factor"]
    assert isinstance(spec.kwargs(None, problem), dict)


# --- batches ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("spec", "params"), VARIANTS)
@settings(max_examples=8, deadline=None, derandomize=True)
@given(problem=problems(), k=st.integers(1, 6), seed=st.integers(0, 2**16))
def test_contract_batch_scores_equal_run(spec, params, problem, k, seed):
    rng = np.random.default_rng(seed)
    n, m = problem.shape
    kwargs = spec.kwargs(params, problem)
    weights = rng.dirichlet(np.ones(m), size=k)
    batch = spec.batch_scores(problem.matrix, weights, problem.benefit, kwargs)
    single = [np.asarray(spec.run(problem.with_weights(w), kwargs).scores) for w in weights]
    assert batch.shape == (k, n)
    np.testing.assert_allclose(batch, single, rtol=1e-9, atol=1e-12)
    # one perturbed matrix per weight vector, as SMAA samples uncertain performance
    matrices = problem.matrix * rng.uniform(0.8, 1.2, size=(k, n, m))
    batch = spec.batch_scores(matrices, weights, problem.benefit, kwargs)
    single = [
        np.asarray(spec.run(problem.with_matrix(x).with_weights(w), kwargs).scores)
        for x, w in zip(matrices, weights, strict=True)
    ]
    assert batch.shape == (k, n)
    np.testing.assert_allclose(batch, single, rtol=1e-9, atol=1e-12)
