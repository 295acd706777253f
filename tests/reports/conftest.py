"""Briefs rendered once per session from both examples, with the real analysis."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from decisionroom._output import clean
from decisionroom.analysis import analyze
from decisionroom.model import load, loads
from decisionroom.reports import FORMATS, render_all
from decisionroom.reports.pdf import ReportDependencyMissing, _weasyprint

from ..conftest import require

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ["marketing-capability", "head-of-marketing-hire", "route-planning-software"]
FIXTURES = Path(__file__).parent / "fixtures"
DATE = "2025-01-15"

#: User text that must print as text in every format.
HOSTILE = {
    "factor": "<script>alert(1)</script>",
    "option": '=HYPERLINK("http://x","y") | *bold* $x$',
    "stakeholder": "Eve <b>&amp;</b>",
}


def _pdf_problem() -> str | None:
    try:
        _weasyprint()
    except ReportDependencyMissing as exc:
        return str(exc)
    return None


#: Why PDF briefs cannot be rendered here (WeasyPrint or Pango missing), or None.
PDF_PROBLEM = _pdf_problem()


def require_pdf() -> None:
    """PDF tests skip with the reason locally and fail under CI when Pango is missing."""
    require("The PDF renderer", PDF_PROBLEM is None, f"{PDF_PROBLEM} (run `make system-deps`)")


class Case:
    """One decision, its analysis dict and every format rendered from them."""

    def __init__(self, name: str, decision: Any, analysis: dict[str, Any]) -> None:
        self.name = name
        self.decision = decision
        self.analysis = analysis
        formats = [f for f in FORMATS if f != "pdf" or PDF_PROBLEM is None]
        self.out = render_all(decision, analysis, formats, date=DATE)


@pytest.fixture(scope="session", params=EXAMPLES)
def case(request: pytest.FixtureRequest) -> Case:
    decision = load(ROOT / "examples" / f"{request.param}.yaml")
    analysis = clean(analyze(decision, smaa=2000, seed=0).to_dict())
    return Case(request.param, decision, analysis)


def hostile_decision() -> Any:
    text = (ROOT / "examples" / "marketing-capability.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Expected user growth", f"name: {json.dumps(HOSTILE['factor'])}")
    text = text.replace("name: Northwind Growth Partners", f"name: {json.dumps(HOSTILE['option'])}")
    text = text.replace("name: Mira Lind", f"name: {json.dumps(HOSTILE['stakeholder'])}")
    return loads(text)


@pytest.fixture(scope="session")
def hostile() -> Case:
    decision = hostile_decision()
    analysis = clean(analyze(decision, smaa=500, seed=0).to_dict())
    return Case("hostile", decision, analysis)


def fixture_analysis(name: str) -> dict[str, Any]:
    """The hand-built contract-shape fixture (written before the analysis landed)."""
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
