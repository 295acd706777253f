import pytest
from pydantic import ValidationError

from decisionroom.model.decision import (
    Decision,
    Evidenced,
    ObjectiveWeights,
    PairwiseWeights,
    RankingWeights,
    likely,
    spread,
    weights_form,
)

BASE = {
    "decisionroom": 1,
    "title": "T",
    "factors": [{"id": "cost", "direction": "min"}, {"id": "ranking", "direction": "max"}],
    "options": [{"id": "a"}, {"id": "b"}],
    "performance": {"a": {"cost": 1, "ranking": 2}, "b": {"cost": 2, "ranking": [1, 2, 3]}},
}


def test_decision_defaults():
    d = Decision.model_validate(BASE)
    assert d.stage is None and d.method is None and d.weights is None
    assert d.options[0].shortlisted is True and d.options[0].ours is False
    assert [o.id for o in d.shortlist] == ["a", "b"]
    assert d.factor("cost").direction == "min"
    assert d.option("b").id == "b"


def test_decision_keeps_ints_and_ranges():
    d = Decision.model_validate(BASE)
    assert d.performance["a"]["cost"] == 1 and isinstance(d.performance["a"]["cost"], int)
    assert d.performance["b"]["ranking"] == (1, 2, 3)
    assert likely(d.performance["b"]["ranking"]) == 2.0
    assert spread(d.performance["a"]["cost"]) == (1.0, 1.0, 1.0)
    assert spread(Evidenced(value=(1, 2, 4), evidence="x")) == (1.0, 2.0, 4.0)


@pytest.mark.parametrize(
    ("weights", "kind"),
    [
        ({"cost": 1, "ranking": 2}, dict),
        ({"ranking": 5}, dict),  # a factor called "ranking" with points, not the ranking form
        ({"ranking": ["cost", "ranking"]}, RankingWeights),
        ({"pairwise": {"judgments": [["cost", "ranking", 3]]}}, PairwiseWeights),
        ({"objective": "entropy"}, ObjectiveWeights),
    ],
)
def test_weights_forms_are_told_apart(weights, kind):
    d = Decision.model_validate({**BASE, "weights": weights})
    assert isinstance(d.weights, kind)


def test_weights_form_of_two_forms_is_none():
    assert weights_form({"ranking": ["a"], "swing": {"a": 1}}) is None
    assert weights_form([1, 2]) is None


@pytest.mark.parametrize(
    "value",
    [True, "3", float("nan"), [1, 2], [3, 2, 1], {"evidence": "x"}],
)
def test_performance_cell_rejects(value):
    with pytest.raises(ValidationError):
        Decision.model_validate({**BASE, "performance": {"a": {"cost": value}}})


def test_pairwise_needs_one_form():
    with pytest.raises(ValidationError, match="order and matrix together"):
        Decision.model_validate({**BASE, "weights": {"pairwise": {"order": ["cost"]}}})


def test_unknown_keys_are_forbidden():
    with pytest.raises(ValidationError):
        Decision.model_validate({**BASE, "factors": [{"id": "x", "direction": "max", "wy": 1}]})


def test_models_are_frozen():
    d = Decision.model_validate(BASE)
    with pytest.raises(ValidationError):
        d.title = "other"  # type: ignore[misc]
