"""Cell and weight scorers give exactly what the full method gives (issue #9).

The sensitivity of performance and SMAA score long lists through these
shortcuts; each must agree with a full run of the method it stands for.
"""

from __future__ import annotations

import numpy as np
import pytest

from decisionroom.engine.methods import all_methods, get
from decisionroom.engine.problem import Problem

CASES = [
    ("weighted-sum", {"normalization": "minmax"}),
    ("weighted-sum", {"normalization": "max"}),
    ("weighted-sum", {"normalization": "sum"}),
    ("weighted-sum", {"normalization": "vector"}),
    ("weighted-product", {"normalization": "max"}),
    ("weighted-product", {"normalization": "minmax"}),
    ("topsis", {"normalization": "vector"}),
    ("topsis", {"normalization": "minmax"}),
    ("vikor", {"v": 0.5}),
    ("vikor", {"v": 0.2}),
    ("promethee-ii", {}),
    ("promethee-ii", {"preference": {"*": {"function": "linear", "q": 0.5, "p": 3}}}),
    ("promethee-ii", {"preference": {"*": {"function": "gaussian", "s": 2}}}),
]


def _problem(rng, n=9, m=4):
    x = rng.uniform(1, 10, (n, m)).round(1)
    x[:, 1] = x[0, 1]  # a factor on which everyone is equal
    x[3] = x[4]  # two identical options
    w = rng.dirichlet(np.ones(m))
    benefit = np.arange(m) % 2 == 0
    return Problem(
        x, w, benefit, tuple(f"o{i}" for i in range(n)), tuple(f"f{j}" for j in range(m))
    )


@pytest.mark.parametrize(("method", "params"), CASES, ids=lambda c: str(c))
def test_cells_scorer_matches_the_full_method(method, params):
    rng = np.random.default_rng(7)
    spec = get(method)
    problem = _problem(rng)
    kwargs = spec.kwargs(params, problem)
    assert spec.cell_scorer is not None
    score = spec.cell_scorer(problem.matrix, problem.weights, problem.benefit, **kwargs)
    n, m = problem.shape
    rows = rng.integers(0, n, 40)
    cols = rng.integers(0, m, 40)
    values = rng.uniform(0.5, 12, 40)
    values[:5] = problem.matrix[rows[:5], cols[:5]]  # unchanged cells
    got = score(rows.astype(np.intp), cols.astype(np.intp), values)
    for c in range(40):
        x = problem.matrix.copy()
        x[rows[c], cols[c]] = values[c]
        full = spec.run(problem.with_matrix(x), kwargs).scores
        np.testing.assert_allclose(got[c], full, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("spec", all_methods(), ids=lambda s: s.id)
def test_cells_weight_scorer_matches_the_batch(spec):
    rng = np.random.default_rng(3)
    problem = _problem(rng)
    kwargs = spec.kwargs({}, problem)
    weights = rng.dirichlet(np.ones(problem.shape[1]), size=25)
    fast = spec.weight_scorer(problem.matrix, problem.benefit, kwargs)(weights)
    full = spec.batch_scores(problem.matrix, weights, problem.benefit, kwargs)
    np.testing.assert_allclose(fast, full, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("method", ["topsis", "vikor"])
def test_cells_weight_scorer_in_float32_ranks_like_float64(method):
    rng = np.random.default_rng(11)
    spec = get(method)
    problem = _problem(rng, n=200, m=6)
    kwargs = spec.kwargs({}, problem)
    scorer = spec.weight_scorer(problem.matrix, problem.benefit, kwargs)
    w = rng.dirichlet(np.ones(6), size=50)
    s32 = scorer(w.astype(np.float32))
    s64 = scorer(w)
    assert s32.dtype == np.float32
    np.testing.assert_allclose(s32, s64, atol=1e-5)
