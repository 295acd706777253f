"""The notebook paths: mappings, DataFrames, array-likes, frames and HTML (issue #9)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import decisionroom
from decisionroom.engine.methods import get
from decisionroom.errors import InvalidInput, InvalidParameter
from decisionroom.model import load
from decisionroom.model.fileio import to_data

pd = pytest.importorskip("pandas")

ROOT = Path(__file__).resolve().parents[1]
STARTUP = ROOT / "examples" / "marketing-capability.yaml"

PHONES = {
    "price": [250, 200, 300, 275],
    "storage": [16, 16, 32, 32],
    "camera": [12, 8, 16, 8],
    "looks": [5, 3, 4, 4],
}


def test_notebook_analyze_takes_a_mapping_a_path_and_a_decision():
    decision = load(STARTUP)
    by_path = decisionroom.analyze(STARTUP, smaa=0)
    by_mapping = decisionroom.analyze(to_data(decision), smaa=0)
    by_decision = decisionroom.analyze(decision, smaa=0)
    assert by_path.ranking == by_mapping.ranking == by_decision.ranking


def test_notebook_bad_mapping_gets_located_errors():
    with pytest.raises(InvalidInput) as info:
        decisionroom.analyze({"decisionroom": 1, "title": "x", "factors": []})
    assert any(e.loc.startswith("factors") for e in info.value.errors)


def test_notebook_decision_from_dataframe():
    frame = pd.DataFrame(PHONES, index=["Alpha", "Beta", "Gamma", "Delta"])
    decision = decisionroom.from_dataframe(
        frame,
        directions=["min", "max", "max", "max"],
        weights={"price": 2, "storage": 1, "camera": 1, "looks": 1},
    )
    assert [f.id for f in decision.factors] == ["price", "storage", "camera", "looks"]
    assert [o.name for o in decision.options] == ["Alpha", "Beta", "Gamma", "Delta"]
    result = decisionroom.analyze(decision, method="topsis", smaa=500)
    # the same numbers through the engine directly, on the DataFrame itself
    direct = get("topsis")(frame, [2, 1, 1, 1], [False, True, True, True])
    by_option = {row.option: row.score for row in result.ranking}
    np.testing.assert_allclose(
        [by_option[o] for o in ("alpha", "beta", "gamma", "delta")], direct.scores
    )


def test_notebook_dataframe_errors_name_the_cell():
    frame = pd.DataFrame({"price": [1.0, float("nan")], "speed": [2, 3]}, index=["A", "B"])
    with pytest.raises(InvalidInput) as info:
        decisionroom.from_dataframe(frame, directions={"price": "min", "speed": "fast"})
    locs = {e.loc for e in info.value.errors}
    assert locs == {"frame.loc['B', 'price']", "directions['speed']"}


def test_notebook_engine_takes_array_likes():
    spec = get("weighted-sum")
    as_lists = spec([[1, 2], [3, 1]], [1, 1], [True, True])
    as_frame = spec(pd.DataFrame([[1, 2], [3, 1]]), pd.Series([1, 1]), [True, True])
    np.testing.assert_array_equal(as_lists.scores, as_frame.scores)
    with pytest.raises(InvalidParameter) as info:
        spec([[1, 2]], [1, 1, 1])
    assert info.value.errors[0].loc == "weights"
    with pytest.raises(InvalidParameter) as info:
        spec([[1, 2], [3, 1]], [1, 1], normalization="nope")
    assert info.value.errors[0].loc == "params.normalization"


def test_notebook_result_frames_and_html():
    result = decisionroom.analyze(STARTUP, smaa=1000)
    ranking = result.ranking_frame()
    assert list(ranking.columns) == ["name", "score", "rank"]
    assert ranking["rank"].tolist() == sorted(ranking["rank"].tolist())
    contributions = result.contributions_frame()
    assert list(contributions.index) == list(ranking.index)
    assert list(contributions.columns) == list(result.weights)
    smaa = result.smaa_frame()
    assert smaa.filter(like="rank_").sum(axis=0).round(12).eq(1).all()
    assert "confidence" in smaa.columns
    html = result._repr_html_()
    assert html.startswith("<table>") and "Northwind Growth Partners" in html
    assert result.to_pandas().equals(ranking)


def test_notebook_html_escapes_user_text():
    frame = pd.DataFrame({"a": [1, 2]}, index=["<script>x</script>", "B"])
    result = decisionroom.analyze(decisionroom.from_dataframe(frame, directions="max"), smaa=0)
    html = result._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
