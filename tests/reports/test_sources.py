"""The evidence behind performance values reaches every brief format and the workbook."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from decisionroom._output import clean
from decisionroom.analysis import analyze
from decisionroom.model import loads
from decisionroom.reports import FORMATS, render_all

from ..explain.test_evidence import FILE
from .conftest import PDF_PROBLEM

QUOTE = "Alpha's quote of 3 May"
LINE = "[1] Alpha Suite, 3-year cost: Alpha's quote of 3 May"
FLAG = "No evidence is recorded for 3-year cost for Beta Cloud, 1,200 kEUR"


def _rendered() -> dict[str, bytes]:
    decision = loads(FILE)
    analysis = clean(analyze(decision, smaa=500, seed=1).to_dict())
    formats = [f for f in FORMATS if f != "pdf" or PDF_PROBLEM is None]
    return render_all(decision, analysis, formats, date="2025-01-15")


def _plain(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    if fmt == "pptx":
        deck = Presentation(io.BytesIO(data))
        return " ".join(
            shape.text_frame.text
            for slide in deck.slides
            for shape in slide.shapes
            if shape.has_text_frame
        )
    if fmt == "xlsx":
        ws = load_workbook(io.BytesIO(data))["Sources"]
        return " ".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c)
    return data.decode("utf-8").replace("&#39;", "'").replace("\\", "")


def test_evidence_and_the_flag_in_every_format():
    out = _rendered()
    assert set(out) >= {"html", "md", "pptx", "xlsx"}
    for fmt, data in out.items():
        text = " ".join(_plain(fmt, data).split())
        assert QUOTE in text, fmt
        assert FLAG in text, fmt
        if fmt != "xlsx":
            assert LINE in text, fmt


def test_workbook_lists_each_source_in_its_own_row():
    ws = load_workbook(io.BytesIO(_rendered()["xlsx"]))["Sources"]
    rows = list(ws.iter_rows(min_row=1, max_row=2, values_only=True))
    assert rows[0][:4] == ("#", "Option", "Factor", "Evidence")
    assert rows[1][:4] == (1, "Alpha Suite", "3-year cost", QUOTE)
