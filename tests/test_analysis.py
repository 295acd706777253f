from pathlib import Path

import pytest

import decisionroom
from decisionroom.engine.methods import all_methods

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_validate_and_analyze_with_every_method(path):
    decision = decisionroom.load(path)
    assert len(decision.options) >= 5
    for factor in decision.factors:
        assert factor.why and factor.needs, factor.id
    for spec in all_methods():
        result = decisionroom.analyze(decision, method=spec.id)
        assert sorted(r.option for r in result.ranking) == sorted(o.id for o in decision.options)


def test_analyze_accepts_a_path_and_returns_contract_2():
    result = decisionroom.analyze(EXAMPLES[0])
    data = result.to_dict()
    assert list(data)[:6] == [
        "decisionroom",
        "method",
        "weights",
        "higher_is_better",
        "ranking",
        "warnings",
    ]
    assert data["method"] == {"name": "weighted-sum", "params": {"normalization": "minmax"}}
    assert result.winner.rank == 1


def test_to_pandas_indexes_by_option():
    result = decisionroom.analyze(EXAMPLES[0])
    frame = result.to_pandas()
    assert list(frame.columns) == ["name", "score", "rank"]
    assert frame.index[0] == result.winner.option
    assert frame.attrs["method"] == "weighted-sum"


def test_method_override_ignores_the_file_params():
    result = decisionroom.analyze(EXAMPLES[0], method="topsis", params={"normalization": "minmax"})
    assert result.params == {"normalization": "minmax", "distance": "euclidean"}
