import json

from decisionroom.model import load
from decisionroom.model.fileio import dumps
from tests.library.conftest import STARTUP, invoke


def test_status_of_the_startup_example():
    result = invoke("status", STARTUP)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Marketing capability for growth: readiness 80/100",
        "  [ ok ] Goal measurable, with a horizon: yes",
        "  [ ok ] Challenges and needs traced: 4 of 4 needs name a challenge; 6 of 6 factors serve a need",
        "  [ ok ] Every factor has a why: 6 of 6 factors",
        "  [ ok ] All stakeholders heard: 4 of 4 stakeholders weighed in",
        "  [  0%] Decisive estimates backed by evidence: 0 of 6 values of the top two options on the decisive factors (Expected user growth, First-year cost, Time to impact)",
        "  [ n/a] Key questions answered: no template: no questions",
        f"next: decisionroom questions {STARTUP}",
    ]


def test_status_rises_with_evidence_and_falls_with_gaps(tmp_path):
    data = load(STARTUP).model_dump(mode="json", exclude_unset=True)
    for option in ("northwind", "hire"):  # the top two
        for factor in ("user_growth", "first_year_cost"):
            cell = data["performance"][option][factor]
            data["performance"][option][factor] = {"value": cell, "evidence": "Client interview"}
    data["stakeholders"].append({"id": "cto", "role": "CTO"})  # has not weighed in yet
    path = tmp_path / "d.yaml"
    path.write_text(dumps(data))
    report = json.loads(invoke("status", path, "--format", "json").output)
    scores = {c["id"]: c["score"] for c in report["checks"]}
    # evidence: 4 of the 6 decisive cells (3 factors x top 2); heard: 4 of 5 stakeholders
    assert scores == {
        "goal": 1.0,
        "traced": 1.0,
        "why": 1.0,
        "heard": 0.8,
        "evidence": 4 / 6,
        "questions": None,
    }
    assert report["score"] == round(100 * (3 + 0.8 + 4 / 6) / 5)


def test_status_of_a_new_decision_counts_its_questions(tmp_path):
    path = tmp_path / "h.yaml"
    invoke("new", "-t", "hiring", "-o", path)
    invoke("answer", path, "success_in_a_year", "A team of four running the growth plan")
    report = json.loads(invoke("status", path, "--format", "json").output)
    checks = {c["id"]: c for c in report["checks"]}
    assert checks["questions"]["score"] == 1.0
    assert checks["questions"]["detail"] == "1 of 1 questions up to the goal stage"
    assert checks["goal"]["detail"] == "no goal yet"
    # why: 1, questions: 1; goal, traced, heard, evidence: 0
    assert report["score"] == round(100 * 2 / 6)
