import json

import pytest

from decisionroom.analysis import analyze
from decisionroom.errors import InvalidParameter
from decisionroom.library import Catalog
from decisionroom.library.rules import apply_answer, parse_answer
from decisionroom.model import load
from decisionroom.model.fileio import dumps
from decisionroom.model.validate import validate
from tests.library.conftest import STARTUP, invoke

MARKETING = Catalog.load().get("marketing-capability")


@pytest.fixture
def room(tmp_path):
    """A new marketing-capability decision, as `decisionroom new` writes it."""
    path = tmp_path / "m.yaml"
    assert invoke("new", "-t", "marketing-capability", "-o", path).exit_code == 0
    return path


def share(decision, factor):
    points = decision.weights
    return 100 * points[factor] / sum(points.values())


def test_raise_weight_moves_the_share_to_the_middle_of_the_range(room):
    before = load(room)
    # the template's middles: growth 27.5, time 17.5, cost 15, expertise 12.5, retained 12.5, risk 15
    assert share(before, "time_to_impact") == pytest.approx(17.5)
    result = invoke("answer", room, "proof_point_months", "12")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:4] == [
        f"recorded proof_point_months = 12 in {room}",
        "  - Weight of Time to impact raised from 17.5% to 30.0% (suggested 25-35%).",
        "    because the next proof point is less than 15 months away, so growth that arrives "
        "later misses it and time to impact becomes critical",
        "Winner unchanged: Engage a specialist agency or consultancy.",
    ]
    after = load(room)
    assert after.answers == {"proof_point_months": 12}
    assert share(after, "time_to_impact") == pytest.approx(30.0, abs=0.01)
    # the other factors keep their points, so their ratios are unchanged
    assert after.weights["growth_impact"] == before.weights["growth_impact"]
    w = analyze(after, smaa=0).weights["time_to_impact"]
    assert w == pytest.approx(0.30, abs=1e-4)


def test_raise_weight_leaves_a_share_already_in_range(room):
    invoke("answer", room, "proof_point_months", "12")
    weights = load(room).weights
    result = invoke("answer", room, "proof_point_months", "10")
    assert (
        "  - Weight of Time to impact stays at 30.0%, already within the suggested 25-35%."
        in result.output
    )
    assert (
        "(it was 12; what that answer changed stays in the file: review it by hand)"
        in result.output
    )
    assert load(room).weights == weights


def test_no_rule_met_changes_nothing(room):
    before = load(room)
    result = invoke("answer", room, "proof_point_months", "20")
    assert (
        "This answer is context for the brief; it changes no weight, factor or option."
        in result.output
    )
    assert load(room).weights == before.weights


def test_lower_weight(room):
    result = invoke("answer", room, "own_or_rent", "Buy it")
    assert result.exit_code == 0, result.output
    assert (
        "  - Weight of Capability retained lowered from 12.5% to 5.5% (suggested 3-8%)."
        in result.output
    )
    decision = load(room)
    assert decision.answers["own_or_rent"] == "buy it"  # stored as the template spells it
    assert share(decision, "capability_retained") == pytest.approx(5.5, abs=0.01)


def test_weights_from_stakeholders_are_not_moved(room):
    data = json.loads(json.dumps(load(room).model_dump(mode="json", exclude_unset=True)))
    points = data.pop("weights")
    data["stakeholders"] = [{"id": "ceo", "role": "CEO", "weights": points}]
    data["stakeholders"].append({"id": "cfo", "role": "CFO", "weights": {"ranking": list(points)}})
    template_data = validate(data)
    raw = template_data.model_dump(mode="json", exclude_unset=True)
    changes = apply_answer(raw, MARKETING, MARKETING.question("proof_point_months"), 12)
    assert [c.text for c in changes] == [
        "Suggested weight of Time to impact raised to 25-35%; the weights come from the "
        "stakeholders, so put the new range to them."
    ]
    assert not changes[0].changed
    assert raw["stakeholders"][0]["weights"] == points


def test_must_have_from_the_answer_sets_an_option_aside(room):
    result = invoke("answer", room, "budget_ceiling", "300")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "  - First-year cost is now a must-have: at most 300 kEUR." in out
    assert (
        "Winner changed: Engage a specialist agency or consultancy -> Hire an experienced head of marketing."
        in out
    )
    assert (
        "set aside: agency: its First-year cost of 350 kEUR is above the must-have maximum of 300 kEUR."
        in out
    )
    decision = load(room)
    assert decision.factor("first_year_cost").must_have.max == 300
    assert [r.option for r in analyze(decision, smaa=0).ranking] == ["hire", "build", "status_quo"]


def test_add_factor_brings_its_weight_and_template_estimates(room):
    result = invoke("answer", room, "trust_sensitive", "yes")
    assert result.exit_code == 0, result.output
    assert (
        "  - Factor added: Brand safety, weighted 15.0%, with template estimates to replace."
        in result.output
    )
    decision = load(room)
    assert decision.factors[-1].id == "brand_safety"
    assert share(decision, "brand_safety") == pytest.approx(15.0, abs=0.01)
    assert decision.performance["agency"]["brand_safety"].value == (4, 6, 8)
    assert analyze(decision, smaa=0).weights["brand_safety"] == pytest.approx(0.15, abs=1e-4)
    again = invoke("answer", room, "trust_sensitive", "yes")
    assert "  - Brand safety is already a factor." in again.output


def test_add_option_puts_a_new_kind_on_the_table(room):
    result = invoke("answer", room, "reach_partner", "y")
    assert result.exit_code == 0, result.output
    assert "  - Option to consider: Co-marketing partnership (partner)." in result.output
    ranking = [r.option for r in analyze(load(room), smaa=0).ranking]
    assert "partner" in ranking and len(ranking) == 5
    assert "new" in [
        line.split()[-1] for line in result.output.splitlines() if "Co-marketing" in line
    ]


def test_add_option_fills_a_factor_the_client_added(room):
    data = load(room).model_dump(mode="json", exclude_unset=True)
    data["factors"].append({"id": "own", "direction": "max"})
    data["weights"]["own"] = 10
    for i, row in enumerate(data["performance"].values()):
        row["own"] = [1, 5, 9, 3][i]
    raw = validate(data).model_dump(mode="json", exclude_unset=True)
    apply_answer(raw, MARKETING, MARKETING.question("reach_partner"), True)
    # the median of the other options' likely values: sorted [1, 3, 5, 9] -> 5
    assert raw["performance"]["partner"]["own"]["value"] == 5
    validate(raw)


def test_flag_risk_is_recorded_and_shown_but_leaves_the_ranking(room):
    before = [r.option for r in analyze(load(room), smaa=0).ranking]
    result = invoke("answer", room, "marketing_owner", "the founders")
    assert result.exit_code == 0, result.output
    decision = load(room)
    assert decision.risks[0].question == "marketing_owner"
    assert decision.risks[0].statement.startswith("Nobody inside owns marketing results")
    assert [r.option for r in analyze(decision, smaa=0).ranking] == before
    assert (
        "  - Risk to address: Nobody inside owns marketing results"
        in invoke("questions", room).output
    )
    assert (
        "Risks to address:\n  - Nobody inside owns marketing results"
        in invoke("status", room).output
    )
    invoke("answer", room, "marketing_owner", "nobody")
    assert len(load(room).risks) == 1


@pytest.mark.parametrize(
    ("question", "value", "message"),
    [
        ("trust_sensitive", "maybe", "error: VALUE: Answer yes or no. Got 'maybe' instead."),
        (
            "budget_ceiling",
            "a lot",
            "error: VALUE: The answer must be a number (in kEUR). Got 'a lot' instead.",
        ),
        (
            "own_or_rent",
            "lease",
            "error: VALUE: Answer one of: own it; buy it; undecided. Got 'lease' instead.",
        ),
        (
            "why",
            "x",
            "error: QUESTION: The template 'marketing-capability' has no such question; its questions are: proof_point_months, budget_ceiling,",
        ),
    ],
)
def test_bad_answers_are_located_errors_and_leave_the_file(room, question, value, message):
    text = room.read_text()
    result = invoke("answer", room, question, value)
    assert result.exit_code == 2
    assert result.output.startswith(message)
    assert room.read_text() == text


def test_answer_needs_a_template():
    result = invoke("answer", STARTUP, "q", "1")
    assert result.exit_code == 2
    assert result.output.startswith("error: template: The decision names no template")


def test_answer_json(room):
    result = invoke("answer", room, "budget_ceiling", "300", "--format", "json")
    data = json.loads(result.output)
    assert data["answer"] == 300 and data["consequences"][0]["effect"] == "must_have"
    assert data["before"][0]["option"] == "agency" and data["after"][0]["option"] == "hire"


def test_parse_answer_text_and_numbers():
    q = MARKETING.question("proof_point_months")
    assert parse_answer(q, " 12 ") == 12 and parse_answer(q, "7.5") == 7.5
    with pytest.raises(InvalidParameter):
        parse_answer(Catalog.load().get("hiring").question("success_in_a_year"), "  ")


def test_questions_lists_the_stage_then_the_gaps(room):
    result = invoke("questions", room)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Questions to ask (the client is at the goal stage):"
    assert lines[1].startswith(
        "  proof_point_months [goal]: When do you next have to show investors"
    )
    assert (
        lines[2]
        == f"      answer a number in months  ->  decisionroom answer {room} proof_point_months VALUE"
    )
    assert "  - There is no goal yet: what must be true, by when?" in lines
    assert (
        "  - No stakeholder has weighed in: who else must agree, and what matters most to each of them?"
        in lines
    )
    assert (
        "  - Develop the skills in the current team: 6 of 6 values are template estimates." in lines
    )


def test_questions_at_a_later_stage_include_earlier_open_ones(room):
    data = load(room).model_dump(mode="json", exclude_unset=True)
    data["stage"] = "needs"
    data["answers"] = {"proof_point_months": 20}
    room.write_text(dumps(data))
    items = json.loads(invoke("questions", room, "--format", "json").output)
    asked = [i["id"] for i in items if i["kind"] == "question"]
    assert asked == [
        "own_or_rent",
        "sector_channels",
        "trust_sensitive",
        "budget_ceiling",
        "marketing_owner",
    ]


def test_questions_gaps_on_the_startup_example():
    items = json.loads(invoke("questions", STARTUP, "--format", "json").output)
    assert all(i["kind"] == "gap" for i in items)
    ids = [i["id"] for i in items]
    assert "performance.northwind" in ids
    # the robustness analysis: user growth's range alone can hand the win to the hire
    unknown = next(i for i in items if i["id"] == "unknowns.user_growth")
    assert unknown["text"] == (
        "The estimate of Expected user growth could change the choice: at the unfavourable "
        "end of the ranges Hire a head of marketing would win. Narrow it with evidence."
    )


def test_questions_flags_missing_why_needs_and_weights(tmp_path):
    data = load(STARTUP).model_dump(mode="json", exclude_unset=True)
    del data["factors"][0]["why"]
    data["needs"][0]["challenges"] = []
    del data["stakeholders"][1]["weights"]
    data["goal"]["horizon"] = None
    data["performance"]["northwind"]["first_year_cost"] = {
        "value": 360,
        "evidence": "Quote of 3 May",
    }
    path = tmp_path / "d.yaml"
    path.write_text(dumps(data))
    texts = [i["text"] for i in json.loads(invoke("questions", path, "--format", "json").output)]
    assert texts[:4] == [
        "The goal has no number or no horizon; ask how the client will know it is reached, and by when.",
        "Need 'strategy' traces back to no challenge: which obstacle does it overcome?",
        "Factor 'Expected user growth' has no why: why does it matter to this client?",
        "Sam Okafor (CFO) has not weighed the factors yet.",
    ]
    assert "Northwind Growth Partners: 5 of 6 values have no evidence." in texts


def test_questions_brings_the_templates_insights_with_their_sources(tmp_path):
    path = tmp_path / "h.yaml"
    invoke("new", "-t", "hiring", "-o", path)
    out = invoke("questions", path).output
    assert (
        "Insights to bring:\n  - Work-sample tests, general mental ability tests and structured interviews predict job performance better than unstructured interviews, years of experience or reference checks. (Schmidt & Hunter, Psychological Bulletin 124(2) (1998))\n"
        in out
    )


def test_answer_keeps_a_json_file_json_and_refuses_stdin(tmp_path):
    path = tmp_path / "d.json"
    invoke("new", "-t", "marketing-capability", "-o", path)
    assert invoke("answer", path, "proof_point_months", "12").exit_code == 0
    assert json.loads(path.read_text())["answers"] == {"proof_point_months": 12}
    stdin = invoke("answer", "-", "proof_point_months", "12")
    assert stdin.exit_code == 2
    assert (
        stdin.output
        == "error: FILE: This command updates the file in place; name a file, not '-'.\n"
    )
