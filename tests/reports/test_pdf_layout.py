"""The PDF brief's layout: nothing past the margins, no heading alone at a page foot (#10).

Positions come from pdfplumber (every character, rule, cell background and
image on each page), so a table wider than the text column fails here even
when it is still inside the paper.
"""

from __future__ import annotations

import io
import re
from html import unescape

import pdfplumber
import pytest

from decisionroom.analysis import analyze
from decisionroom.model import loads
from decisionroom.reports import render_all

from .conftest import require_pdf

MM = 72 / 25.4
#: The page margins of the print stylesheet (brief.html.j2 @page): 14 mm left and right.
SIDE = 14 * MM
#: The footer (page numbers) sits in the bottom margin, 16 mm.
FOOT = 16 * MM


def wide_decision():
    """Ten options with long names, eight factors with long names and units, six people."""
    units = [
        "kEUR over five years incl. licences",
        "months to first savings",
        "score 0-10 (panel)",
        "% of routes planned automatically",
        "FTE needed to run it",
        "integrations available out of the box",
        "score 0-10 (reference calls)",
        "kEUR per year maintenance",
    ]
    lines = ["decisionroom: 1", "title: A wide decision", "factors:"]
    for j, unit in enumerate(units):
        lines.append(
            f"  - {{id: f{j}, name: Long factor name number {j} about operations, "
            f"direction: {'min' if j % 2 else 'max'}, unit: '{unit}'}}"
        )
    lines.append("options:")
    for i in range(10):
        lines.append(
            f"  - {{id: o{i}, name: Consolidated Route Optimisation Platform Enterprise {i}}}"
        )
    lines.append("performance:")
    for i in range(10):
        cells = ", ".join(
            f"f{j}: [{1000 + 37 * i + j}, {1200 + 41 * i + 3 * j}, {1500 + 53 * i + j}]"
            for j in range(8)
        )
        lines.append(f"  o{i}: {{{cells}}}")
    lines.append("stakeholders:")
    for k in range(6):
        weights = ", ".join(f"f{j}: {1 + (j * (k + 1)) % 7}" for j in range(8))
        lines.append(
            f"  - {{id: s{k}, name: Stakeholder with a long name {k}, "
            f"role: Head of regional operations, weights: {{{weights}}}}}"
        )
    return loads("\n".join(lines) + "\n")


@pytest.fixture(scope="module")
def wide():
    require_pdf()
    decision = wide_decision()
    data = analyze(decision, smaa=300, seed=0).to_dict()
    return render_all(decision, data, ["pdf", "html"], date="2025-01-15")


def outside_margins(pdf: bytes) -> list[tuple[int, float, float]]:
    """(page, left, right) of every page with ink beyond the side margins."""
    found = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, 1):
            ink = page.chars + page.rects + page.lines + page.images
            left = min(o["x0"] for o in ink)
            right = max(o["x1"] for o in ink)
            if left < SIDE - 0.5 or right > page.width - SIDE + 0.5:
                found.append((number, round(left, 1), round(right, 1)))
    return found


def headings(html: str) -> set[str]:
    """The text of every heading of the HTML the PDF is laid out from."""
    return {
        re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", h))).strip()
        for h in re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", html, re.S)
    }


def last_lines(pdf: bytes) -> list[str]:
    """The last line of text on each page, above the footer."""
    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            body = page.within_bbox((0, 0, page.width, page.height - FOOT))
            lines = body.extract_text_lines()
            out.append(lines[-1]["text"].strip() if lines else "")
    return out


def test_pdf_tables_fit_between_the_margins(case):
    require_pdf()
    assert outside_margins(case.out["pdf"]) == []


def test_pdf_tables_of_a_wide_decision_fit_between_the_margins(wide):
    # ten options with long names, eight factors, six stakeholders
    assert outside_margins(wide["pdf"]) == []


def test_pdf_leaves_no_heading_alone_at_a_page_foot(case):
    require_pdf()
    titles = headings(case.out["html"].decode("utf-8"))
    assert "The options compared" in titles
    assert [line for line in last_lines(case.out["pdf"]) if line in titles] == []


def test_pdf_of_a_wide_decision_leaves_no_heading_alone(wide):
    titles = headings(wide["html"].decode("utf-8"))
    assert [line for line in last_lines(wide["pdf"]) if line in titles] == []


def test_margin_check_catches_a_table_past_the_margin():
    # the check itself: a PDF whose table runs to 593 pt of a 595 pt page fails it
    require_pdf()
    from decisionroom.reports.pdf import _weasyprint

    cells = "".join(f"<td>{'W' * 30}</td>" for _ in range(3))
    html = f"<style>@page {{ size: A4; margin: 14mm }}</style><table><tr>{cells}</tr></table>"
    pdf = _weasyprint().HTML(string=html).write_pdf()
    assert outside_margins(pdf)
