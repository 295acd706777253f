import copy

import pytest

from decisionroom.errors import InvalidDecision
from decisionroom.model import check, validate
from decisionroom.model.validate import decision_warnings

BASE = {
    "decisionroom": 1,
    "title": "Pick a supplier",
    "goal": {"statement": "Grow", "horizon": "2 years"},
    "challenges": [{"id": "churn", "statement": "Customers leave."}],
    "needs": [{"id": "keep", "statement": "Keep them", "challenges": ["churn"]}],
    "factors": [
        {"id": "cost", "why": "Money.", "needs": ["keep"], "direction": "min"},
        {
            "id": "quality",
            "why": "Returns.",
            "needs": ["keep"],
            "direction": "max",
            "value": {"worst": 0, "best": 10},
        },
        {"id": "speed", "why": "Time.", "needs": ["keep"], "direction": "max"},
    ],
    "options": [{"id": "build"}, {"id": "buy"}, {"id": "wait", "kind": "status-quo"}],
    "performance": {
        "build": {"cost": 10, "quality": [5, 6, 8], "speed": 1},
        "buy": {"cost": 20, "quality": 7, "speed": 3},
        "wait": {"cost": 0, "quality": 2, "speed": 0},
    },
    "weights": {"cost": 3, "quality": 2, "speed": 1},
}


def data(**changes):
    d = copy.deepcopy(BASE)
    for key, value in changes.items():
        if value is None:
            d.pop(key)
        else:
            d[key] = value
    return d


def problems(d):
    return [(e.loc, e.code, e.msg) for e in check(d).errors]


def only(d):
    (p,) = problems(d)
    return p


def test_valid_data_has_no_errors_or_warnings():
    report = check(data())
    assert report.ok and report.errors == [] and report.warnings == []
    assert report.decision is not None and report.decision.title == "Pick a supplier"
    assert validate(data()) == report.decision
    assert check(report.decision).ok  # a Decision can be checked again


def test_validate_raises_with_every_error_and_the_warnings():
    d = data()
    d["factors"][0]["direction"] = "up"
    d["factors"][1]["why"] = ""
    d["performance"]["build"]["nope"] = 3
    with pytest.raises(InvalidDecision) as exc:
        validate(d)
    assert [e.loc for e in exc.value.errors] == ["factors[0].direction", "performance.build.nope"]
    assert [w.code for w in exc.value.warnings] == ["warn_factor_without_why"]


# --- shape errors, in plain sentences ---------------------------------------------


def test_bad_direction():
    d = data()
    d["factors"][2]["direction"] = "up"
    assert only(d) == ("factors[2].direction", "literal_error", "direction must be 'max' or 'min'.")
    (error,) = check(d).errors
    assert error.input == "up"
    assert (
        error.render()
        == "factors[2].direction: direction must be 'max' or 'min'. Got 'up' instead."
    )


def test_unknown_key_suggests_the_closest():
    d = data()
    d["factors"][1]["direciton"] = d["factors"][1].pop("direction")
    assert problems(d) == [
        (
            "factors[1].direction",
            "missing",
            "direction is required: 'max' (more is better) or 'min' (less is better).",
        ),
        (
            "factors[1].direciton",
            "unknown_key",
            "'direciton' is not a key of a factor; did you mean 'direction'?",
        ),
    ]


def test_unknown_top_level_key_and_no_close_match():
    assert only(data(titel="x")) == (
        "titel",
        "unknown_key",
        "'titel' is not a key of a decision file; did you mean 'title'?",
    )
    d = data()
    d["goal"]["zzz"] = 1
    assert only(d) == (
        "goal.zzz",
        "unknown_key",
        "'zzz' is not a key of the goal; its keys are: statement, horizon.",
    )


def test_unknown_key_inside_weights_and_evidence():
    d = data(weights={"best_worst": {"best": "cost", "worst": "speed", "best_to_other": {}}})
    assert (
        "weights.best_worst.best_to_other",
        "unknown_key",
        "'best_to_other' is not a key of best-worst comparisons; did you mean 'best_to_others'?",
    ) in problems(d)
    d = data()
    d["performance"]["buy"]["cost"] = {"value": 3, "evidance": "quote"}
    assert only(d) == (
        "performance.buy.cost.evidance",
        "unknown_key",
        "'evidance' is not a key of a performance value with evidence; did you mean 'evidence'?",
    )


def test_missing_required_keys():
    assert problems(data(decisionroom=None, title=None)) == [
        (
            "decisionroom",
            "missing",
            "decisionroom is required: start the file with `decisionroom: 1` (the format version).",
        ),
        ("title", "missing", "title is required."),
    ]


def test_format_version():
    assert only(data(decisionroom=2)) == (
        "decisionroom",
        "literal_error",
        "decisionroom must be 1, the format version this program reads.",
    )


def test_id_pattern():
    d = data()
    d["options"][0]["id"] = "bad id"
    assert (
        "options[0].id",
        "string_pattern_mismatch",
        "id must be an id: letters, digits, '_', '.' or '-', starting with a letter or digit.",
    ) in problems(d)


def test_wrong_types():
    d = data(title="", client=["x"])
    d["options"][0]["ours"] = "maybe"
    d["needs"][0]["challenges"] = "churn"
    assert problems(d) == [
        ("title", "string_too_short", "title must not be empty."),
        ("client", "string_type", "client must be text."),
        ("needs[0].challenges", "list_type", "challenges must be a list."),
        ("options[0].ours", "bool_parsing", "ours must be true or false."),
    ]


def test_performance_values():
    d = data()
    d["performance"]["build"].update(cost="ten", quality=[8, 6, 5], speed=[1, 2])
    d["performance"]["buy"]["cost"] = True
    assert problems(d) == [
        (
            "performance.build.cost",
            "cell",
            "cost must be a number, a range [low, likely, high] or {value: ..., evidence: ...}.",
        ),
        (
            "performance.build.quality",
            "range_order",
            "quality must be ordered low <= likely <= high.",
        ),
        (
            "performance.build.speed",
            "range",
            "speed must be a range of three numbers [low, likely, high].",
        ),
        (
            "performance.buy.cost",
            "cell",
            "cost must be a number, a range [low, likely, high] or {value: ..., evidence: ...}.",
        ),
    ]


def test_performance_bad_keys_and_rows():
    d = data()
    d["performance"]["buy"] = [1, 2]
    d["performance"]["wait"] = {"bad key": 1, "cost": 0, "quality": 2, "speed": 0}
    assert problems(d) == [
        ("performance.buy", "mapping", "buy must be a mapping: factor id -> value."),
        (
            "performance.wait.bad key",
            "id",
            "This key must be an id: letters, digits, '_', '.' or '-', "
            "starting with a letter or digit.",
        ),
    ]


def test_non_positive_weights_points_and_influence():
    d = data(
        weights={"cost": 0, "quality": -1, "speed": 1}, stakeholders=[{"id": "cfo", "influence": 0}]
    )
    assert problems(d) == [
        ("weights.cost", "positive", "cost must be a positive number."),
        ("weights.quality", "positive", "quality must be a positive number."),
        ("stakeholders[0].influence", "positive", "influence must be a positive number."),
    ]


def test_weights_of_two_forms():
    assert only(data(weights={"ranking": ["cost"], "swing": {"cost": 100}})) == (
        "weights",
        "weights_form",
        "weights must be points {factor: number} or exactly one of ranking, swing, pairwise, "
        "best_worst, objective.",
    )


# --- cross-references ----------------------------------------------------------------


def test_unknown_ids_everywhere():
    d = data(
        weights={"ranking": ["cost", "qualty", "speed"]},
        stakeholders=[
            {"id": "cfo", "weights": {"swing": {"cost": 100, "price": 50}}},
            {
                "id": "ceo",
                "weights": {"pairwise": {"order": ["cost", "x"], "matrix": [[1, 2], [0.5, 1]]}},
            },
            {"id": "cto", "weights": {"pairwise": {"judgments": [["cost", "y", 2]]}}},
            {
                "id": "coo",
                "weights": {
                    "best_worst": {
                        "best": "z",
                        "worst": "cost",
                        "best_to_others": {"z": 1, "cost": 3},
                        "others_to_worst": {"z": 3, "cost": 1},
                    }
                },
            },
        ],
    )
    d["needs"][0]["challenges"] = ["churn", "chrun"]
    d["factors"][0]["needs"] = ["nope"]
    d["performance"]["build"]["sped"] = 3
    d["performance"]["bild"] = {"cost": 1}
    assert problems(d) == [
        (
            "needs[0].challenges[1]",
            "unknown_id",
            "There is no challenge with this id; did you mean 'churn'?",
        ),
        (
            "factors[0].needs[0]",
            "unknown_id",
            "There is no need with this id; the needs are: keep.",
        ),
        (
            "performance.build.sped",
            "unknown_id",
            "There is no factor with this id; did you mean 'speed'?",
        ),
        (
            "performance.bild",
            "unknown_id",
            "There is no option with this id; did you mean 'build'?",
        ),
        (
            "weights.ranking[1]",
            "unknown_id",
            "There is no factor with this id; did you mean 'quality'?",
        ),
        (
            "stakeholders[0].weights.swing.price",
            "unknown_id",
            "There is no factor with this id; the factors are: cost, quality, speed.",
        ),
        (
            "stakeholders[1].weights.pairwise.order[1]",
            "unknown_id",
            "There is no factor with this id; the factors are: cost, quality, speed.",
        ),
        (
            "stakeholders[2].weights.pairwise.judgments[0][1]",
            "unknown_id",
            "There is no factor with this id; the factors are: cost, quality, speed.",
        ),
        (
            "stakeholders[3].weights.best_worst.best",
            "unknown_id",
            "There is no factor with this id; the factors are: cost, quality, speed.",
        ),
        (
            "stakeholders[3].weights.best_worst.best_to_others.z",
            "unknown_id",
            "There is no factor with this id; the factors are: cost, quality, speed.",
        ),
        (
            "stakeholders[3].weights.best_worst.others_to_worst.z",
            "unknown_id",
            "There is no factor with this id; the factors are: cost, quality, speed.",
        ),
    ]
    assert check(d).errors[0].input == "chrun"


def test_a_type_error_does_not_hide_an_unknown_id():
    d = data()
    d["factors"][2]["direction"] = 7
    d["factors"][2]["needs"] = ["kep"]
    d["performance"]["buy"]["nope"] = 1
    assert [p[:2] for p in problems(d)] == [
        ("factors[2].direction", "literal_error"),
        ("factors[2].needs[0]", "unknown_id"),
        ("performance.buy.nope", "unknown_id"),
    ]


def test_duplicate_ids():
    d = data()
    d["factors"].append({"id": "cost", "direction": "max"})
    d["options"].append({"id": "buy"})
    assert problems(d)[:2] == [
        (
            "factors[3].id",
            "duplicate_id",
            "Another factor already has this id (factors[0]); ids must be unique.",
        ),
        (
            "options[3].id",
            "duplicate_id",
            "Another option already has this id (options[1]); ids must be unique.",
        ),
    ]


def test_missing_performance_for_shortlisted_options_only():
    d = data()
    del d["performance"]["build"]["speed"]
    del d["performance"]["wait"]
    assert problems(d) == [
        (
            "performance.build.speed",
            "missing_performance",
            "The performance of option 'build' on factor 'speed' is missing.",
        ),
        (
            "performance.wait",
            "missing_performance",
            "Option 'wait' has no performance; give a value for every factor.",
        ),
    ]
    d["options"][2]["shortlisted"] = False
    assert [p[0] for p in problems(d)] == ["performance.build.speed"]


def test_too_few_options_and_factors():
    assert problems(data(options=[{"id": "build"}], factors=[])) == [
        ("factors", "too_few_factors", "A decision needs at least 1 factor."),
        ("options", "too_few_options", "A decision needs at least 2 options; found 1."),
        (
            "performance.buy",
            "unknown_id",
            "There is no option with this id; the options are: build.",
        ),
        (
            "performance.wait",
            "unknown_id",
            "There is no option with this id; the options are: build.",
        ),
    ]
    d = data()
    d["options"][0]["shortlisted"] = False
    d["options"][1]["shortlisted"] = False
    assert only(d) == (
        "options",
        "too_few_options",
        "At least 2 options must be shortlisted to rank them; found 1.",
    )


def test_ranking_lists_a_factor_twice():
    assert only(data(weights={"ranking": ["cost", "speed", "cost", "quality"]})) == (
        "weights.ranking[2]",
        "repeated_factor",
        "This factor is listed a second time (first at [0]).",
    )


def test_joint_weights_must_cover_every_factor_stakeholders_may_skip():
    assert only(data(weights={"cost": 1})) == (
        "weights",
        "missing_weight",
        "The joint weights leave out factor(s) 'quality', 'speed'; "
        "weigh every factor or remove it.",
    )
    assert check(data(weights=None, stakeholders=[{"id": "cfo", "weights": {"cost": 1}}])).ok


def test_value_bounds():
    d = data()
    d["factors"][1]["value"] = {"worst": 5, "best": 5}
    d["factors"][0]["value"] = {"worst": 0, "best": 10}
    assert problems(d) == [
        (
            "factors[0].value",
            "bounds_direction",
            "best must be lower than worst for a 'min' factor.",
        ),
        ("factors[1].value", "equal_bounds", "worst and best must differ."),
    ]


def test_swing_rules():
    assert problems(data(weights={"swing": {"cost": 120, "quality": 50, "speed": 10}})) == [
        ("weights.swing.cost", "swing_scale", "cost must be at most 100."),
    ]
    assert only(data(weights={"swing": {"cost": 80, "quality": 50, "speed": 10}})) == (
        "weights.swing",
        "swing_top",
        "The most important swing must be rated 100 and the others relative to it.",
    )


def test_pairwise_rules():
    order = ["cost", "quality", "speed"]
    bad = {"pairwise": {"order": order, "matrix": [[1, 2, 4], [0.5, 1, 2], [0.25, 2, 1]]}}
    assert only(data(weights=bad)) == (
        "weights.pairwise.matrix[2][1]",
        "not_reciprocal",
        "must be the reciprocal of [1][2] = 2, that is about 0.5; the two entries of a pair "
        "multiply to 1.",
    )
    small = {"pairwise": {"order": order, "matrix": [[1, 2], [0.5, 1]]}}
    assert only(data(weights=small)) == (
        "weights.pairwise.matrix",
        "matrix_size",
        "The matrix has 2 rows but order lists 3 factors; it needs one row and one column per "
        "factor in order.",
    )
    judged = [["cost", "quality", 2], ["quality", "cost", 3], ["speed", "speed", 1]]
    assert problems(data(weights={"pairwise": {"judgments": judged}})) == [
        (
            "weights.pairwise.judgments[1]",
            "repeated_judgment",
            "This pair is already judged in judgments[0].",
        ),
        (
            "weights.pairwise.judgments[2]",
            "self_comparison",
            "A factor cannot be compared with itself.",
        ),
    ]
    apart = [["cost", "quality", 2]]
    s = [{"id": "cfo", "weights": {"pairwise": {"judgments": apart}}}]
    assert check(data(weights=None, stakeholders=s)).ok
    apart4 = data()
    apart4["factors"].append({"id": "risk", "why": "r", "needs": ["keep"], "direction": "min"})
    for row in apart4["performance"].values():
        row["risk"] = 1
    apart4["weights"] = {"pairwise": {"judgments": [["cost", "quality", 2], ["speed", "risk", 3]]}}
    assert only(apart4) == (
        "weights.pairwise.judgments",
        "judgments_disconnected",
        "The judgments never compare these groups of factors with each other: [cost, quality] "
        "and [speed, risk]; add a judgment between the groups.",
    )


def test_pairwise_needs_one_form():
    assert only(data(weights={"pairwise": {"order": ["cost"]}})) == (
        "weights.pairwise",
        "pairwise_form",
        "pairwise must give order and matrix together, or judgments.",
    )


def test_best_worst_rules():
    bw = {
        "best": "cost",
        "worst": "speed",
        "best_to_others": {"cost": 1, "quality": 2, "speed": 5},
        "others_to_worst": {"cost": 4, "quality": 3},
    }
    assert only(data(weights={"best_worst": bw})) == (
        "weights.best_worst",
        "best_worst_factors",
        "best_to_others and others_to_worst must compare the same factors; only one of them "
        "lists 'speed'.",
    )
    bw["others_to_worst"]["speed"] = 1
    assert only(data(weights={"best_worst": bw})) == (
        "weights.best_worst.others_to_worst.cost",
        "best_to_worst_mismatch",
        "must equal best_to_others.speed = 5: both compare the best factor with the worst one.",
    )


def test_method_name_and_params():
    assert only(data(method={"name": "nope"}))[:2] == ("method.name", "unknown_method")
    assert only(data(method={"name": "weighted-sum", "params": {"normalization": "z"}}))[:2] == (
        "method.params.normalization",
        "choice",
    )


# --- warnings ----------------------------------------------------------------------------


def test_warnings():
    d = data(weights=None)
    d["challenges"].append({"id": "move", "statement": "Office move", "goal_related": False})
    d["needs"].append({"id": "lonely", "statement": "x"})
    d["factors"][2].update(needs=[], why=" ")
    d["performance"]["build"]["quality"] = [5, 6, 12]
    d["options"][2]["shortlisted"] = False
    report = check(d)
    assert report.ok
    assert [(w.loc, w.code, w.msg) for w in report.warnings] == [
        (
            "challenges[1].goal_related",
            "warn_challenge_unrelated_to_goal",
            "Challenge 'move' is marked as unrelated to the goal; the needs built on it do not "
            "serve the goal.",
        ),
        (
            "needs[1].challenges",
            "warn_need_without_challenge",
            "Need 'lonely' traces back to no challenge; list the challenges it helps overcome.",
        ),
        (
            "factors[2].needs",
            "warn_factor_without_need",
            "Factor 'speed' is tied to no need; name the needs it serves so its weight can be "
            "explained.",
        ),
        (
            "factors[2].why",
            "warn_factor_without_why",
            "Factor 'speed' does not say why it matters to this client.",
        ),
        (
            "performance.build.quality",
            "warn_outside_bounds",
            "The value is outside the value bounds of factor 'quality' (worst 0, best 10) and will "
            "be clipped to them.",
        ),
        (
            "options[2].shortlisted",
            "warn_not_shortlisted",
            "Option 'wait' is not shortlisted and is left out of the analysis.",
        ),
        (
            "weights",
            "warn_no_weights",
            "No weights are given, neither joint nor by a stakeholder: "
            "every factor counts the same.",
        ),
    ]
    assert report.warnings[4].input == [5, 6, 12]
    assert decision_warnings(report.decision) == report.warnings


def test_stakeholder_without_weights_is_warned_when_group_weights_are_used():
    s = [{"id": "cfo", "weights": {"cost": 1}}, {"id": "ceo"}]
    report = check(data(weights=None, stakeholders=s))
    assert [(w.loc, w.code) for w in report.warnings] == [
        ("stakeholders[1].weights", "warn_stakeholder_without_weights")
    ]
