"""Properties every method keeps, for any input hypothesis can find (issue 11).

- scaling every weight by a positive factor changes nothing;
- permuting the options permutes the result;
- identical options get identical scores, share their rank and split the
  SMAA-2 acceptabilities evenly;
- any finite input gives finite scores, or a located error.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decisionroom.analysis import analyze
from decisionroom.engine.methods import all_methods
from decisionroom.engine.ranking import ranks
from decisionroom.engine.smaa import smaa2
from decisionroom.errors import InvalidInput
from decisionroom.model.validate import validate

METHODS = [spec.id for spec in all_methods()]
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)

#: Moderate positive values: every method (weighted product, sum and max norms too) accepts them.
moderate = st.floats(min_value=0.5, max_value=1000.0, allow_nan=False)
#: Any finite number a file may hold, down to subnormals and up to 1.8e308.
anything = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, 1e308, -1e308, 5e-324, -5e-324, 1.7976931348623157e308]),
)


@st.composite
def decisions(draw, values=moderate, n_min=2):
    n = draw(st.integers(n_min, 6))
    m = draw(st.integers(1, 4))
    matrix = draw(st.lists(st.lists(values, min_size=m, max_size=m), min_size=n, max_size=n))
    weights = draw(st.lists(st.floats(0.01, 100.0), min_size=m, max_size=m))
    directions = draw(st.lists(st.sampled_from(["max", "min"]), min_size=m, max_size=m))
    return {
        "decisionroom": 1,
        "title": "Property",
        "factors": [{"id": f"f{j}", "direction": directions[j]} for j in range(m)],
        "options": [{"id": f"o{i}"} for i in range(n)],
        "performance": {f"o{i}": {f"f{j}": matrix[i][j] for j in range(m)} for i in range(n)},
        "weights": {f"f{j}": weights[j] for j in range(m)},
    }


def _scores(data, method):
    result = analyze(validate(data), method=method, robustness=False)
    return {row.option: row.score for row in result.ranking}, result


def _close(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for key in a:
        assert a[key] == pytest.approx(b[key], rel=1e-7, abs=1e-9), key


@pytest.mark.parametrize("method", METHODS)
@SETTINGS
@given(data=decisions(), factor=st.sampled_from([1e-300, 1e-9, 0.37, 7.0, 1e9, 1e300]))
def test_scaling_every_weight_changes_nothing(method, data, factor):
    scaled = dict(data, weights={k: v * factor for k, v in data["weights"].items()})
    _close(_scores(data, method)[0], _scores(scaled, method)[0])


@pytest.mark.parametrize("method", METHODS)
@SETTINGS
@given(data=decisions(), seed=st.integers(0, 2**32 - 1))
def test_permuting_the_options_permutes_the_result(method, data, seed):
    shuffled = list(data["options"])
    np.random.default_rng(seed).shuffle(shuffled)
    _close(_scores(data, method)[0], _scores(dict(data, options=shuffled), method)[0])


@pytest.mark.parametrize("method", METHODS)
@SETTINGS
@given(data=decisions(), copies=st.integers(1, 3))
def test_identical_options_tie_everywhere(method, data, copies):
    twin = data["performance"]["o0"]
    data = dict(data)
    data["options"] = data["options"] + [{"id": f"twin{k}"} for k in range(copies)]
    data["performance"] = {**data["performance"], **{f"twin{k}": twin for k in range(copies)}}
    scores, result = _scores(data, method)
    group = ["o0"] + [f"twin{k}" for k in range(copies)]
    assert len({scores[o] for o in group}) == 1
    shown = {row.option: row.rank for row in result.ranking}
    assert len({shown[o] for o in group}) == 1
    values = np.array(list(scores.values()))
    assert (
        len(set(ranks(values, result.higher_is_better)[[list(scores).index(o) for o in group]]))
        == 1
    )
    spec = next(s for s in all_methods() if s.id == method)
    decision = validate(data)
    from decisionroom.model import to_problem

    problem = to_problem(decision).problem
    smaa = smaa2(spec, result.prepared, problem.matrix, problem.benefit, samples=400, seed=1)
    rows = [problem.options.index(o) for o in group]
    acceptability = np.asarray(smaa.rank_acceptability)[rows]
    np.testing.assert_allclose(
        acceptability, np.broadcast_to(acceptability[0], acceptability.shape)
    )


@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=40, deadline=None, derandomize=True)
@given(data=decisions(values=anything))
def test_any_finite_input_gives_finite_scores_or_a_located_error(method, data):
    try:
        scores, _ = _scores(data, method)
    except InvalidInput as exc:
        assert exc.errors and all(e.loc for e in exc.errors), exc
        return
    assert all(np.isfinite(list(scores.values())))
