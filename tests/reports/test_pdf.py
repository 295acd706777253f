from __future__ import annotations

import io
import sys

import pytest
from pypdf import PdfReader

from decisionroom.errors import DecisionroomError
from decisionroom.reports import pdf
from decisionroom.reports.content import build, pct

from .conftest import require_pdf


def _text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_pdf_has_the_recommendation_on_page_one(case):
    require_pdf()
    data = case.out["pdf"]
    assert data.startswith(b"%PDF")
    pages = _text(data)
    winner = case.analysis["ranking"][0]["name"]
    assert "RECOMMENDATION" in pages[0].upper() and winner in pages[0]
    first = case.analysis["smaa"]["rank_acceptability"][case.analysis["ranking"][0]["option"]][0]
    assert pct(first) in pages[0]


def test_pdf_text_holds_every_section(case):
    require_pdf()
    text = " ".join(_text(case.out["pdf"]))
    for heading in (
        "What we heard",
        "The decision factors",
        "The options compared",
        "How robust the recommendation is",
        "Where the stakeholders agree and differ",
        "Next steps",
        "Appendix: method and data",
    ):
        assert heading in text


def test_pdf_missing_weasyprint_names_the_package(case, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    brief = build(case.decision, case.analysis)
    with pytest.raises(DecisionroomError, match=r"weasyprint; install the brief's libraries"):
        pdf.render_pdf(brief)


def test_pdf_missing_pango_names_the_system_packages():
    message = str(pdf._system_missing(OSError("cannot load library 'libpango-1.0-0'")))
    assert "apt-get install libpango-1.0-0" in message


def test_pdf_probe_tolerates_weasyprint_import_warnings(tmp_path, monkeypatch):
    # WeasyPrint warns at import when HarfBuzz-subset is missing (issue #9): under the
    # project's warnings-as-errors the probe must still succeed, never break collection
    fake = tmp_path / "weasyprint"
    fake.mkdir()
    (fake / "__init__.py").write_text(
        "import warnings\n"
        "warnings.warn('HarfBuzz-Subset will be required in a future version', "
        "DeprecationWarning)\n"
        "warnings.warn('something about fonts', UserWarning)\n"
        "HTML = object\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    module = pdf._weasyprint()
    assert module.HTML is object
