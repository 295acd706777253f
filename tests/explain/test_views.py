"""Views for each reader: a subject sees no other option; a stakeholder sees their weights."""

import re
from pathlib import Path

import pytest

import decisionroom
from decisionroom.errors import InvalidInput
from decisionroom.explain import as_text
from decisionroom.explain.views import view_text
from decisionroom.explain.words import num, pct, round_toward
from decisionroom.model.decision import spread

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.stem)
def case(request):
    decision = decisionroom.load(request.param)
    return decision, decisionroom.analyze(decision, smaa=2000, seed=0).to_dict()


def test_subject_view_names_no_other_option_and_shows_none_of_their_numbers(case):
    decision, data = case
    scores = {str(r["option"]): float(r["score"]) for r in data["ranking"]}
    shares = {o: v[0] for o, v in data["smaa"]["rank_acceptability"].items()}
    for option in decision.options:
        text = view_text(decision, data, f"subject:{option.id}")
        others = [o for o in decision.options if o.id != option.id]
        for other in others:
            assert other.name not in text
            if other.id in scores:
                # their score, in any rounding a brief uses
                for digits in (2, 3):
                    assert f"{scores[other.id]:.{digits}f}" not in text
        # every number in the view is a weight, a rank, this option's own data or its share
        allowed = {pct(w)[:-1] for w in data["weights"].values()}
        allowed |= {str(i) for i in range(1, len(decision.options) + 1)}
        allowed |= {pct(shares[option.id])[:-1]} if option.id in shares else set()
        own = decision.performance[option.id]
        allowed |= {num(x, 4) for cell in own.values() for x in spread(cell)}
        for change in (data["sensitivity"]["performance"].get(option.id) or {}).values():
            if change:
                to = float(change["to"])
                allowed |= {
                    num(round_toward(to, p, up), 4) for p in range(3) for up in (True, False)
                }
        units = " ".join(str(f.unit or "") + " " + str(f.name) for f in decision.factors)
        for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text):
            if n in units or n in decision.title:
                continue
            assert n in allowed or any(n in a for a in allowed), (option.id, n, text)


def test_subject_view_of_the_runner_up_says_what_would_put_it_first():
    decision = decisionroom.load(ROOT / "examples" / "head-of-marketing-hire.yaml")
    data = decisionroom.analyze(decision, smaa=2000, seed=0).to_dict()
    second = data["ranking"][1]["option"]
    text = view_text(decision, data, f"subject:{second}")
    assert "You rank 2nd of 5." in text
    assert "What would put you first" in text
    assert text.count("all else equal.") >= 1


def test_stakeholder_view_compares_their_weights_with_the_group(case):
    decision, data = case
    for s in decision.stakeholders:
        member = data["consensus"]["stakeholders"].get(s.id)
        text = view_text(decision, data, f"stakeholder:{s.id}")
        if member is None:
            continue
        for fid, w in data["weights"].items():
            mine = pct(member["weights"].get(fid, 0.0))
            assert f"{mine} from you, {pct(w)} for the group." in text
        winner = next(o.name for o in decision.options if o.id == member["winner"])
        assert winner in text.split("What your weights would choose")[1]


def test_decision_maker_view_is_the_explanation(case):
    decision, data = case
    assert view_text(decision, data, "decision-maker") == as_text(
        data["explanation"], decision.title
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("boss", "'boss' is not a view"),
        ("subject:nobody", "'nobody' is not one of the decision's options"),
        ("stakeholder:nobody", "'nobody' is not one of the decision's stakeholders"),
    ],
)
def test_wrong_view_is_a_located_error(case, value, message):
    decision, data = case
    with pytest.raises(InvalidInput, match=message):
        view_text(decision, data, value)
