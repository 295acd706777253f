import json

import pytest

from decisionroom.analysis import analyze
from decisionroom.library import Catalog, new_decision, to_template
from decisionroom.library.catalog import InvalidTemplate, default_user_folder, load, parse_template
from decisionroom.library.template import TEMPLATE_EVIDENCE
from decisionroom.model import load as load_decision
from decisionroom.model.validate import validate
from tests.library.conftest import STARTUP, invoke

SHIPPED = [t.id for t in Catalog.load().templates]
REQUIRED_KINDS = {"build", "hire", "external", "partner", "status-quo"}


def test_six_decision_types_are_shipped():
    assert SHIPPED == [
        "consultancy-selection",
        "hiring",
        "market-entry",
        "marketing-capability",
        "outsourcing",
        "software-platform",
    ]


@pytest.mark.parametrize("template_id", SHIPPED)
def test_template_produces_an_analysable_decision(template_id):
    template = Catalog.load().get(template_id)
    decision = validate(new_decision(template))
    assert decision.template == template_id
    assert {f.id for f in decision.factors} == {f.id for f in template.factors if not f.optional}
    # a status-quo option is always on the table, so doing nothing is weighed honestly
    assert "status-quo" in {o.kind for o in decision.options}
    result = analyze(decision, smaa=200)
    assert len(result.ranking) == len(decision.options)
    assert "sensitivity" in result.to_dict()
    # starting weights are the middle of each factor's typical range
    total = sum((f.weight[0] + f.weight[1]) / 2 for f in template.factors if not f.optional)
    for f in template.factors:
        if not f.optional:
            assert result.weights[f.id] == pytest.approx((f.weight[0] + f.weight[1]) / 2 / total)


@pytest.mark.parametrize("template_id", SHIPPED)
def test_template_has_the_knowledge_a_seller_brings(template_id):
    t = Catalog.load().get(template_id)
    assert len(t.factors) >= 5 and all(len(f.why) > 60 for f in t.factors)
    assert len(t.questions) >= 5 and len(t.insights) >= 3
    assert all(i.source for i in t.insights)
    assert {q.stage for q in t.questions} >= {"goal", "challenges", "needs"}
    # every rule type is used by some template, and every question is a real question
    assert all(q.text.rstrip().endswith("?") and len(q.text) > 60 for q in t.questions)
    assert len(t.concepts) >= 15
    assert {o.kind for o in t.options} <= REQUIRED_KINDS


def test_shipped_templates_use_every_rule_type():
    effects = {
        e.effect
        for t in Catalog.load().templates
        for q in t.questions
        for r in q.rules
        for e in r.then
    }
    assert effects == {
        "raise_weight",
        "lower_weight",
        "must_have",
        "add_factor",
        "add_option",
        "flag_risk",
    }


def test_new_writes_a_valid_file_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "d.yaml"
    result = invoke("new", "--template", "hiring", "-o", out)
    assert result.exit_code == 0, result.output
    assert (
        result.output
        == f"wrote {out} from the template 'hiring'\nnext: decisionroom questions {out}\n"
    )
    text = out.read_text()
    assert text.startswith("# Started from the template 'hiring' (Hiring for a role).")
    decision = load_decision(out)
    cell = decision.performance["candidate_a"]["role_skills"]
    assert cell.evidence == TEMPLATE_EVIDENCE
    again = invoke("new", "--template", "hiring", "-o", out)
    assert again.exit_code == 2
    assert "The file already exists; choose another name or pass --force" in again.output
    assert invoke("new", "--template", "hiring", "-o", out, "--force").exit_code == 0


def test_new_json_and_title(tmp_path):
    out = tmp_path / "d.json"
    result = invoke("new", "-t", "software-platform", "-o", out, "--title", "CRM for Acme")
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["title"] == "CRM for Acme" and data["template"] == "software-platform"


def test_new_unknown_template_is_a_located_error():
    result = invoke("new", "--template", "crm", "-o", "-")
    assert result.exit_code == 2
    assert result.output.startswith(
        "error: --template: There is no template with this id; the templates are: "
        "consultancy-selection, hiring,"
    )
    assert "Got 'crm' instead." in result.output


def test_templates_json_lists_id_title_description():
    result = invoke("templates", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["id"] for r in rows] == SHIPPED
    assert all(r["title"] and r["description"] and r["source"] == "shipped" for r in rows)


def test_templates_table():
    result = invoke("templates")
    assert result.exit_code == 0
    assert "marketing-capability   Marketing capability: build, hire or buy\n" in result.output


def test_user_folder_adds_and_replaces_templates(_own_templates_folder, tmp_path):
    decision = load_decision(STARTUP)
    data = to_template(decision, "media-growth", "Media growth", "Growth for a media app.")
    from decisionroom.model.fileio import dumps

    (_own_templates_folder / "media-growth.yaml").write_text(dumps(data))
    rows = json.loads(invoke("templates", "--format", "json").output)
    assert rows[-1]["id"] == "media-growth" and rows[-1]["source"] == "user"
    out = tmp_path / "new.yaml"
    assert invoke("new", "-t", "media-growth", "-o", out).exit_code == 0
    assert {o.id for o in load_decision(out).options} == {o.id for o in decision.options}


def test_a_broken_user_template_is_reported_with_its_location(_own_templates_folder):
    (_own_templates_folder / "bad.yaml").write_text(
        "id: bad\ntitle: Bad\ndescription: x\nfactors:\n  - {id: a, name: A, why: w,"
        " direction: up, unit: u, weight: [10, 5], estimate: 1}\noptions: []\n"
    )
    result = invoke("templates")
    assert result.exit_code == 2
    where = _own_templates_folder / "bad.yaml"
    assert f"error: {where}: factors.0.direction: Input should be 'max' or 'min'." in result.output
    assert (
        f"error: {where}: options: List should have at least 2 items after validation"
        in result.output
    )


def test_weight_range_must_be_ordered():
    t = Catalog.load().get("hiring").model_dump(mode="json", by_alias=True)
    t["factors"][0]["weight"] = [30, 10]
    with pytest.raises(InvalidTemplate) as err:
        parse_template(t, "t.yaml")
    assert err.value.errors[0].render() == (
        "t.yaml: factors.0: weight must be [low, high] with 0 < low <= high <= 100."
    )


def test_rules_must_name_known_factors_and_options():
    t = Catalog.load().get("hiring").model_dump(mode="json", by_alias=True)
    t["questions"][2]["rules"][0]["then"][0]["factor"] = "charisma"
    with pytest.raises(InvalidTemplate) as err:
        parse_template(t, "t.yaml")
    assert "question 'leads_people' has a rule on unknown factor 'charisma'" in str(
        err.value.errors[0].msg
    )


def test_save_template_strips_client_details(tmp_path):
    out = tmp_path / "t.yaml"
    result = invoke("library", "save-template", STARTUP, "-o", out, "--id", "media-growth")
    assert result.exit_code == 0, result.output
    text = out.read_text()
    for secret in ("Lumen", "Dana Reyes", "Sam Okafor", "top 5 streaming", "Series A"):
        assert secret not in text
    template = load(out)
    assert [f.id for f in template.factors][:2] == ["user_growth", "time_to_impact"]
    # the weight range spans the stakeholders' own weights (the CEO gave user_growth 35%)
    assert template.factor("user_growth").weight[1] == 35
    decision = validate(new_decision(template))
    assert analyze(decision, smaa=0).winner.option


def test_save_template_keeps_the_base_templates_questions(tmp_path):
    d = tmp_path / "d.yaml"
    invoke("new", "-t", "outsourcing", "-o", d)
    out = tmp_path / "t.yaml"
    assert invoke("library", "save-template", d, "-o", out, "--id", "it-ops").exit_code == 0
    template = load(out)
    kept = [q.id for q in template.questions]
    # offshore_ok adds an optional option the decision never had: it cannot carry over
    assert "why_now" in kept and "offshore_ok" not in kept and "regulated_data" not in kept


def test_default_user_folder():
    assert str(default_user_folder({"DECISIONROOM_TEMPLATES_DIR": "/x"})) == "/x"
    assert str(default_user_folder({"XDG_CONFIG_HOME": "/c"})) == "/c/decisionroom/templates"


def test_shipped_template_schema_is_up_to_date_and_printed():
    from decisionroom.library.schema import SCHEMA_PATH, json_schema

    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == json_schema()
    printed = json.loads(invoke("library", "schema").output)
    assert printed["title"] == "decisionroom template"
    assert {"id", "title", "description", "factors", "options"} <= set(printed["required"])
