import json
from collections import Counter

import pytest

from decisionroom.analysis import analyze
from decisionroom.library import Catalog, new_decision
from decisionroom.model import load
from decisionroom.model.fileio import dumps
from decisionroom.model.validate import validate
from tests.library.conftest import STARTUP, invoke

FACTORS = [
    "role_skills",
    "track_record",
    "team_fit",
    "total_cost",
    "time_to_start",
    "growth_potential",
]


def ceo_points(first):
    rest = (100 - first) / 5
    return {f: (first if f == "role_skills" else rest) for f in FACTORS}


def hiring_file(folder, name, *, ceo=None, cto=None, outcome=None, edit=None):
    data = new_decision(Catalog.load().get("hiring"))
    people = []
    if ceo is not None:
        people.append({"id": "ceo", "role": "CEO", "weights": ceo_points(ceo)})
    if cto is not None:
        people.append({"id": "cto", "role": "CTO", "weights": {"ranking": cto}})
    if people:
        data["stakeholders"] = people
        del data["weights"]
    if outcome is not None:
        data["outcome"] = outcome
    if edit:
        edit(data)
    validate(data)
    path = folder / name
    path.write_text(dumps(data))
    return path


@pytest.fixture
def workspace(tmp_path):
    ws = tmp_path / "ws"
    ws.mkdir()
    hiring_file(
        ws,
        "a.yaml",
        ceo=50,
        cto=list(reversed(FACTORS)),
        outcome={"chosen": "candidate_a", "met_goal": True, "result": 12},
    )
    hiring_file(ws, "b.yaml", ceo=30, outcome={"chosen": "internal", "met_goal": False})
    hiring_file(ws, "c.yaml", ceo=40, outcome={"chosen": "candidate_a"})

    def cheap(data):  # the interim becomes far cheaper: a different decision, same template
        data["performance"]["interim"]["total_cost"] = 60

    hiring_file(ws, "d.yaml", edit=cheap)
    (ws / "e.yaml").write_text(STARTUP.read_text())  # no template: left out
    out = ws / "f.yaml"
    invoke("new", "-t", "outsourcing", "-o", out)
    return ws


def test_learn_counts_across_a_workspace(workspace):
    result = invoke("library", "learn", workspace, "--format", "json")
    assert result.exit_code == 0, result.output
    found = {e["template"]: e for e in json.loads(result.output)}
    assert set(found) == {"hiring", "outsourcing"}  # never mixed
    hiring = found["hiring"]
    assert hiring["decisions"] == 4
    # decisive factors: the critical factor of each file's own sensitivity analysis
    expected = Counter()
    for name in "abcd":
        critical = analyze(load(workspace / f"{name}.yaml"), smaa=0).to_dict()["sensitivity"][
            "critical_factor"
        ]
        expected[critical] += 1
    assert hiring["decisive"] == dict(expected)
    assert sum(hiring["decisive"].values()) + hiring["no_single_flip"] == 4
    # the CEO gave role_skills 50, 30 and 40 points of 100: median 40%, three people
    assert hiring["weights_by_role"]["CEO"]["role_skills"] == {"median": pytest.approx(0.4), "n": 3}
    # the CTO ranked growth_potential first of six: rank-order centroid (1/6)(1 + 1/2 + ... + 1/6)
    roc = sum(1 / k for k in range(1, 7)) / 6
    assert hiring["weights_by_role"]["CTO"]["growth_potential"] == {
        "median": pytest.approx(roc),
        "n": 1,
    }
    assert hiring["chosen"] == {
        "hire": {"chosen": 2, "met": 1, "missed": 0},
        "build": {"chosen": 1, "met": 0, "missed": 1},
    }
    assert hiring["with_outcome"] == 3
    assert found["outsourcing"]["decisions"] == 1 and found["outsourcing"]["chosen"] == {}


def test_learn_table_states_the_counts(workspace):
    out = invoke("library", "learn", workspace).output
    lines = out.splitlines()
    assert lines[0] == "hiring: 4 decision(s)"
    assert "  - CEO typically weighs Skills for the role 40% (n=3), " in out
    assert (
        "  - An option of kind hire was chosen in 2 of 3 decisions with a recorded choice; it met the goal in 1 of 1 measured."
        in lines
    )
    assert (
        "  - An option of kind build was chosen in 1 of 3 decisions with a recorded choice; it met the goal in 0 of 1 measured."
        in lines
    )
    assert any(line.startswith("  - In ") and " of 4 similar decisions, " in line for line in lines)
    assert lines[-1] == "(1 file(s) without a template left out)"


def test_outcome_records_choice_then_result(tmp_path):
    path = tmp_path / "d.yaml"
    invoke("new", "-t", "hiring", "-o", path)
    first = invoke("outcome", path, "--chosen", "internal", "--decided-on", "2026-06-01")
    assert first.exit_code == 0, first.output
    assert first.output == f"recorded in {path}: the client chose Promote from within\n"
    later = invoke("outcome", path, "--result", "4", "--met", "--note", "Team of four hired")
    assert later.output.splitlines()[1] == "  result 4, met the goal"
    o = load(path).outcome
    assert (o.chosen, o.decided_on, o.result, o.met_goal, o.note) == (
        "internal",
        "2026-06-01",
        4,
        True,
        "Team of four hired",
    )


def test_outcome_errors(tmp_path):
    path = tmp_path / "d.yaml"
    invoke("new", "-t", "hiring", "-o", path)
    bad = invoke("outcome", path, "--chosen", "bob")
    assert bad.exit_code == 2
    assert bad.output.startswith(
        "error: --chosen: There is no option with this id; the options are: candidate_a, internal, interim, leave_open. Got 'bob' instead."
    )
    first = invoke("outcome", path, "--result", "3")
    assert (
        first.output
        == "error: --chosen: Record the option the client chose first (--chosen ID), then the result.\n"
    )


def test_learn_rejects_an_outcome_naming_no_option(tmp_path):
    data = new_decision(Catalog.load().get("hiring"))
    data["outcome"] = {"chosen": "ghost"}
    path = tmp_path / "x.yaml"
    path.write_text(dumps(data))
    result = invoke("library", "learn", path)
    assert result.exit_code == 2
    assert (
        result.output
        == f"error: {path}: outcome.chosen: The chosen option is not one of the file's options. Got 'ghost' instead.\n"
    )


def test_questions_surfaces_experience_without_counting_the_file_itself(workspace):
    result = invoke("questions", workspace / "a.yaml", "--experience", workspace)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "What your own past decisions of this type say:\n" in out
    # a.yaml is in the folder but is the decision being discussed: three others remain
    assert " of 3 similar decisions, " in out and " of 4 similar decisions" not in out
    assert (
        "  - An option of kind build was chosen in 1 of 2 decisions with a recorded choice; it met the goal in 0 of 1 measured."
        in out
    )
    items = json.loads(
        invoke(
            "questions", workspace / "a.yaml", "--experience", workspace, "--format", "json"
        ).output
    )
    assert {i["kind"] for i in items} == {"question", "gap", "insight", "experience"}
