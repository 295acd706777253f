"""`brief --for`: a stakeholder's and a subject's brief in every format (issue 10).

A subject's brief (a candidate, a vendor) must name no other option and show
none of their numbers anywhere: text, tables, charts, slide notes, workbook
sheets, document properties. The text of each format is extracted the way a
reader's tools would see it.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from decisionroom.analysis import analyze
from decisionroom.model import loads
from decisionroom.reports import FORMATS, render_all
from decisionroom.reports.content import pct

from .conftest import PDF_PROBLEM, require_pdf

WAREHOUSE = """
decisionroom: 1
title: Warehouse picking robots
client: Fjord Freight
decision_maker: {name: Ines Holm, role: COO}
prepared_by: {name: Per Aas, role: Analyst, organisation: Robotix AS}
stage: shortlist
goal: {statement: Double the picks per hour in the Bergen warehouse, horizon: 2 years}
challenges:
  - {id: narrow, statement: "Robotix AS quoted first, but the aisles are narrow."}
needs:
  - {id: fit, statement: Robots that fit the aisles we have, challenges: [narrow]}
factors:
  - {id: cost, name: Five-year cost, direction: min, unit: kEUR, needs: [fit],
     why: The budget is fixed for five years.}
  - {id: picks, name: Picks per hour, direction: max, unit: picks/h, needs: [fit],
     why: Throughput is the goal.}
  - {id: fit, name: Aisle fit, direction: max, unit: score 0-10, value: {worst: 0, best: 10},
     needs: [fit], why: The aisles cannot be widened.}
options:
  - {id: robotix, name: Robotix AS, kind: external, description: Shelf-lifting robots.}
  - {id: kivo, name: Kivo Systems, kind: external, description: "Like Robotix AS, but smaller."}
  - {id: manual, name: Keep manual picking, kind: status-quo}
performance:
  robotix: {cost: {value: 777, evidence: Robotix AS quote 12-3}, picks: [610, 655, 690], fit: 3}
  kivo: {cost: {value: 531, evidence: Kivo quote K-9}, picks: [470, 505, 540], fit: 8}
  manual: {cost: 313, picks: 395, fit: 10}
stakeholders:
  - {id: coo, name: Ines Holm, role: COO, weights: {cost: 20, picks: 50, fit: 30}}
  - {id: cfo, name: Ola Berg, role: CFO, weights: {cost: 61, picks: 23, fit: 16}}
  - {id: site, name: Kari Dahl, role: Site manager, weights: {cost: 14, picks: 31, fit: 55}}
"""
FORMAT_LIST = [f for f in FORMATS if f != "pdf" or PDF_PROBLEM is None]


@pytest.fixture(scope="module")
def warehouse():
    decision = loads(WAREHOUSE)
    return decision, analyze(decision, smaa=500, seed=0).to_dict()


def text_of(fmt: str, data: bytes) -> str:
    """All the text a reader of this format can find, document properties included."""
    if fmt == "md":
        return data.decode("utf-8")
    if fmt == "html":  # the text nodes (SVG chart labels too) and every attribute's value
        parser = _Text()
        parser.feed(data.decode("utf-8"))
        return "\n".join(parser.found)
    if fmt == "pdf":
        reader = PdfReader(io.BytesIO(data))
        meta = [str(v) for v in (reader.metadata or {}).values()]
        return "\n".join([*meta, *(page.extract_text() for page in reader.pages)])
    if fmt == "pptx":
        deck = Presentation(io.BytesIO(data))
        props = deck.core_properties
        found = [str(getattr(props, k) or "") for k in ("title", "author", "subject", "keywords")]
        for slide in deck.slides:
            for shape in slide.shapes:
                if shape.has_text_frame:
                    found.append(shape.text_frame.text)
                if shape.has_table:
                    found += [cell.text for row in shape.table.rows for cell in row.cells]
            if slide.has_notes_slide:
                found.append(slide.notes_slide.notes_text_frame.text)
        return "\n".join(found)
    book = load_workbook(io.BytesIO(data))
    props = book.properties
    found = [str(props.title or ""), str(props.creator or ""), str(props.subject or "")]
    for sheet in book.worksheets:
        found.append(sheet.title)
        found += [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    return "\n".join(found)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_data(self, data: str) -> None:
        self.found.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # chart geometry (x="381.39") is no one's number; names and titles are
        geometry = {"x", "y", "d", "transform", "width", "height", "viewBox", "points", "style"}
        self.found += [v for k, v in attrs if v and k not in geometry and k != "src"]


def _has_number(text: str, number: str) -> bool:
    return re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d])", text) is not None


@pytest.mark.parametrize("subject", ["kivo", "robotix", "manual"])
def test_subject_brief_names_no_other_option_in_any_format(warehouse, subject):
    if PDF_PROBLEM is None:
        require_pdf()
    decision, data = warehouse
    out = render_all(decision, data, FORMAT_LIST, view=f"subject:{subject}")
    others = [o for o in decision.options if o.id != subject]
    own = next(o for o in decision.options if o.id == subject)
    scores = {str(r["option"]): float(r["score"]) for r in data["ranking"]}
    for fmt, raw in out.items():
        text = text_of(fmt, raw)
        assert own.name in text, fmt
        for other in others:
            assert other.name.casefold() not in text.casefold(), (fmt, other.name)
            assert not _has_number(text, f"{scores[other.id]:.3f}"), (fmt, other.id)
        # the rivals' own figures (cost, picks) appear nowhere
        rival_numbers = {"777", "531", "313", "655", "505", "395"}
        rival_numbers -= {"777", "531", "313", "655", "505", "395"} & {
            str(int(v)) for v in _own_numbers(decision, subject)
        }
        for n in rival_numbers:
            assert not _has_number(text, n), (fmt, n)


def _own_numbers(decision, oid):
    from decisionroom.model.decision import spread

    return [x for cell in decision.performance[oid].values() for x in spread(cell)]


def test_subject_brief_says_where_it_stands_and_what_would_put_it_first(warehouse):
    decision, data = warehouse
    last = str(data["ranking"][-1]["option"])
    text = render_all(decision, data, ["md"], view=f"subject:{last}")["md"].decode()
    assert f"You rank {len(data['ranking'])}rd of 3" in text or "You rank 3rd of 3" in text
    assert "## What would put you first" in text
    assert "## What decides" in text
    # the factors that decide, with the group's weights
    for fid, w in data["weights"].items():
        name = next(f.name for f in decision.factors if f.id == fid)
        assert name in text and pct(w) in text


def test_subject_brief_keeps_only_its_own_sources(warehouse):
    decision, data = warehouse
    text = render_all(decision, data, ["md"], view="subject:kivo")["md"].decode()
    assert "1\\] Kivo Systems, Five-year cost: Kivo quote K-9" in text
    assert "12-3" not in text  # the rival's quote reference


def test_stakeholder_brief_holds_their_weights_in_every_format(warehouse):
    if PDF_PROBLEM is None:
        require_pdf()
    decision, data = warehouse
    member = data["consensus"]["stakeholders"]["cfo"]
    out = render_all(decision, data, FORMAT_LIST, view="stakeholder:cfo")
    for fmt, raw in out.items():
        text = text_of(fmt, raw)
        assert "Ola Berg (CFO)" in text, fmt
        assert "Your weights and the group's" in text or "Your weights" in text, fmt
        if fmt == "xlsx":  # numbers, not text: the sheet holds the shares themselves
            book = load_workbook(io.BytesIO(raw))
            sheet = book["Your weights"]
            mine = {r[0].value: r[1].value for r in sheet.iter_rows(min_row=2) if r[1].value}
            names = {f.id: f.name for f in decision.factors}
            assert mine == pytest.approx({names[f]: w for f, w in member["weights"].items()})
            continue
        for fid, w in member["weights"].items():
            name = next(f.name for f in decision.factors if f.id == fid)
            assert f"{name}: {pct(w)} from you, {pct(data['weights'][fid])} for the group" in (
                text.replace("\n", " ")
            ) or (pct(w) in text and name in text), (fmt, fid)
        winner = next(o.name for o in decision.options if o.id == data["ranking"][0]["option"])
        assert winner in text  # the group recommendation is there too


def test_stakeholder_brief_table_compares_per_factor(warehouse):
    decision, data = warehouse
    md = render_all(decision, data, ["md"], view="stakeholder:cfo")["md"].decode()
    section = md.split("## Your weights and the group's")[1].split("\n## ")[0]
    member = data["consensus"]["stakeholders"]["cfo"]["weights"]
    for fid, w in data["weights"].items():
        name = next(f.name for f in decision.factors if f.id == fid)
        diff = round(100 * member[fid]) - round(100 * w)
        sign = "+" if diff > 0 else "−" if diff < 0 else ""
        assert f"| {name} | {pct(member[fid])} | {pct(w)} | {sign}{abs(diff)} pts |" in section
    assert "On your own weights" in section
    assert "## The decision maker's next steps" in md


def test_decision_maker_brief_is_unchanged_by_the_default_view(warehouse):
    decision, data = warehouse
    default = render_all(decision, data, ["md"], date="2025-01-15")["md"]
    named = render_all(decision, data, ["md"], date="2025-01-15", view="decision-maker")["md"]
    assert default == named
    assert b"Your weights" not in default and b"Decision brief for" not in default


def test_subject_brief_of_an_option_set_aside_says_why():
    decision = loads(
        WAREHOUSE.replace(
            "unit: kEUR, needs: [fit],", "unit: kEUR, needs: [fit], must_have: {max: 700},"
        )
    )
    data = analyze(decision, smaa=300, seed=0).to_dict()
    out = render_all(decision, data, ["md", "xlsx"], view="subject:robotix")
    for fmt, raw in out.items():
        text = text_of(fmt, raw)
        assert "Set aside: its Five-year cost of 777 kEUR is above the must-have maximum" in text
        assert "Kivo Systems" not in text and "Keep manual picking" not in text
