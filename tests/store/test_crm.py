from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from decisionroom.analysis import analyze
from decisionroom.errors import InvalidInput
from decisionroom.model import load
from decisionroom.model.decision import spread
from decisionroom.store.crm.build import read_opportunities, template_data
from decisionroom.store.crm.export import COLUMNS, crm_row, export_csv, safe
from decisionroom.store.decisions import document_of
from tests.conftest import EXAMPLES

DATA = Path(__file__).parent / "data"
TEMPLATE = EXAMPLES / "marketing-capability.yaml"


def _salesforce():
    return read_opportunities(
        DATA / "sf_opportunities.csv",
        template_data(TEMPLATE),
        contacts=DATA / "sf_contact_roles.csv",
        competitors=DATA / "sf_competitors.csv",
    )


def test_salesforce_opportunities_become_decisions():
    found, notes = _salesforce()
    assert [(d["title"], d["client"], d["stage"]) for d in found] == [
        ("Lumen growth marketing", "Lumen Media", "shortlist"),
        ("Orbit brand relaunch", "Orbit Labs", "decision"),
    ]
    lumen = found[0]
    assert [(p["id"], p["role"], p["influence"]) for p in lumen["stakeholders"]] == [
        ("dana_reyes", "CEO (Decision Maker)", 3.0),
        ("sam_okafor", "CFO (Economic Buyer)", 3.0),
        ("mira_lind", "Head of Product (Evaluator)", 1.5),
    ]
    assert lumen["decision_maker"] == {"name": "Dana Reyes", "role": "CEO"}
    assert [p["id"] for p in found[1]["stakeholders"]] == ["ada_stone"]
    for data in found:
        document_of(data)  # every imported decision is a valid decision file
    assert notes == [
        f"{DATA / 'sf_opportunities.csv'}: read as a Salesforce export (2 rows)",
        f"{DATA / 'sf_opportunities.csv'}: ignored unknown columns: Fiscal Period",
        f"{DATA / 'sf_contact_roles.csv'}: ignored unknown columns: Email",
        f"{DATA / 'sf_opportunities.csv'}: amount, close date, next step stay in the CRM; a decision file has no field for them",
        "Lumen growth marketing: competitor 'Brightline Media' added as an option; its performance is not known yet, so each factor spans the other options' range until you enter evidence",
        "Lumen growth marketing: competitor '=HYPERLINK(\"http://evil\")' added as an option; its performance is not known yet, so each factor spans the other options' range until you enter evidence",
    ]


def test_competitors_become_external_options_spanning_the_known_range():
    found, _ = _salesforce()
    lumen = found[0]
    added = [o for o in lumen["options"] if o["id"] == "brightline_media"]
    assert added == [
        {
            "id": "brightline_media",
            "name": "Brightline Media",
            "kind": "external",
            "description": "Strengths: Big media budget. Weaknesses: No sector experience.",
        }
    ]
    template = load(TEMPLATE)
    for factor in template.factors:
        values = [x for row in template.performance.values() for x in spread(row[factor.id])]
        cell = lumen["performance"]["brightline_media"][factor.id]
        value = cell["value"]
        low, high = (value[0], value[2]) if isinstance(value, list) else (value, value)
        assert (low, high) == (min(values), max(values))
        assert cell["evidence"].startswith("Not known yet")
    assert "brightline_media" not in found[1]["performance"]


def test_hubspot_deals():
    found, notes = read_opportunities(DATA / "hubspot_deals.csv", template_data(TEMPLATE))
    assert [(d["title"], d["client"], d["stage"]) for d in found] == [
        ("Kite analytics platform", "Kite Retail", "options")
    ]
    assert notes[0].endswith("read as a HubSpot export (1 row)")


def test_broken_rows_are_reported_by_line_and_nothing_is_returned(tmp_path):
    deals = tmp_path / "opps.csv"
    deals.write_text(
        "Opportunity Name,Account Name,Stage\nGood,Acme,Qualification\n,Acme,Prospecting\n"
    )
    roles = tmp_path / "roles.csv"
    roles.write_text(
        "Opportunity Name,Contact Name,Role\nGood,Ann,Evaluator\nMissing deal,Bo,Influencer\n"
    )
    with pytest.raises(InvalidInput) as info:
        read_opportunities(deals, template_data(TEMPLATE), contacts=roles)
    assert [d.render() for d in info.value.errors] == [
        f"{deals}: line 3: name: The name is empty.",
        f"{roles}: line 3: opportunity: No opportunity in the export has this name or id. Got 'Missing deal' instead.",
    ]


def test_unknown_export_and_unknown_stage(tmp_path):
    odd = tmp_path / "odd.csv"
    odd.write_text("Name,Value\nx,1\n")
    with pytest.raises(InvalidInput) as info:
        read_opportunities(odd, template_data(TEMPLATE))
    assert info.value.errors[0].msg.startswith("This is neither a Salesforce opportunity export")
    custom = tmp_path / "custom.csv"
    custom.write_text("Opportunity Name,Stage\nDeal,Discovery call\n")
    found, notes = read_opportunities(custom, template_data(TEMPLATE))
    assert found[0]["stage"] == "shortlist"  # the template's
    assert (
        f"{custom}: line 2: Stage: 'Discovery call' is not a stage decisionroom knows; the template's stage is kept"
        in notes
    )


def test_export_row_from_the_analysis():
    decision = load(TEMPLATE)
    result = analyze(decision, smaa=2000, seed=0).to_dict()
    row = crm_row(7, 3, {"title": "Lumen", "client": "Lumen Media", "stage": "shortlist"}, result)
    first, second = result["ranking"][:2]
    assert row["Margin"] == pytest.approx(abs(first["score"] - second["score"]), abs=1e-6)
    assert row["Winner First-Place Share"] == pytest.approx(
        result["smaa"]["rank_acceptability"][first["option"]][0], abs=1e-4
    )
    assert row["Recommendation"] == first["name"]
    assert row["Consensus Verdict"] == result["consensus"]["verdict"]
    assert (row["Decision ID"], row["Client Stage"], row["Decision Version"]) == (7, "shortlist", 3)


def test_export_is_safe_against_formula_injection():
    rows = [
        {
            "Decision ID": 1,
            "Opportunity Name": '=HYPERLINK("http://evil","x")',
            "Account Name": "+1 Corp",
            "Client Stage": "-",
            "Recommendation": "@SUM(A1)",
            "Margin": -0.5,
            "Consensus Verdict": "\tx",
        }
    ]
    text = export_csv(rows).decode("utf-8")
    assert text.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert parsed[0] == list(COLUMNS)
    assert parsed[1][:6] == [
        "1",
        '\'=HYPERLINK("http://evil","x")',
        "'+1 Corp",
        "'-",
        "'@SUM(A1)",
        "-0.5",
    ]
    assert parsed[1][7] == "'\tx"
    assert safe("Plain") == "Plain" and safe(3) == 3
