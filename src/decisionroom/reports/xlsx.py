"""The brief's numbers as a workbook (openpyxl), with live formulas finance can follow.

Sheets: Summary, Matrix (likely performance, direction and the worst/best
ends of each value function), Weights (group and per stakeholder), Values
(0–1, formulas on Matrix), Contributions (formulas: weight × value), Scores
(formulas: the sum of the contributions and its rank, next to the method's
own score), Ranges (low, likely, high). The formulas are the additive view
the brief charts; for ``weighted-sum`` they reproduce the method's scores.

User text never becomes a formula: a name starting with ``=`` is stored as
text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from decisionroom.model.decision import Decision, spread
from decisionroom.reports.content import Brief

HEADER = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0072B2")
BOLD = Font(bold=True)
NOTE = Font(italic=True, color="5B6472")


def put(ws: Worksheet, row: int, col: int, value: Any, fmt: str | None = None) -> Any:
    """Write one cell; user text is always text, never a formula."""
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith("=") and not getattr(value, "formula", False):
        cell.data_type = "s"
    if fmt:
        cell.number_format = fmt
    return cell


class _Formula(str):
    """A string this module wrote as an Excel formula."""

    formula = True


def formula(text: str) -> _Formula:
    """Mark ``text`` as a formula (only this module's own strings are)."""
    return _Formula(text)


def _header(ws: Worksheet, row: int, values: Sequence[str]) -> None:
    for j, value in enumerate(values, 1):
        cell = put(ws, row, j, value)
        cell.font, cell.fill = HEADER, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _widths(ws: Worksheet, first: float, rest: float, n: int) -> None:
    ws.column_dimensions["A"].width = first
    for j in range(2, n + 2):
        ws.column_dimensions[get_column_letter(j)].width = rest


def render_xlsx(brief: Brief, decision: Decision) -> bytes:
    """The workbook as bytes; a subject's holds its own numbers only (#10)."""
    wb = Workbook()
    wb.properties.title = brief.title + (f" — for {brief.audience}" if brief.audience else "")
    wb.properties.creator = "decisionroom"
    if brief.view == "subject":
        _subject_workbook(wb, brief, decision)
    else:
        _workbook(wb, brief, decision)
    for sheet in wb.worksheets:
        sheet.freeze_panes = "B2" if sheet.title != "Summary" else None
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _workbook(wb: Workbook, brief: Brief, decision: Decision) -> None:
    """The decision maker's (and a stakeholder's) workbook, with live formulas."""
    options = brief.ranked
    factors = brief.factors
    n, m = len(options), len(factors)
    first, last = 2, 1 + n  # option rows on Matrix, Values, Contributions, Scores
    col = {f.id: get_column_letter(j + 2) for j, f in enumerate(factors)}
    worst_row, best_row, dir_row = last + 2, last + 3, last + 1

    # Summary
    ws = wb.active
    ws.title = "Summary"
    put(ws, 1, 1, brief.title).font = Font(bold=True, size=14)
    put(ws, 2, 1, brief.subtitle)
    put(ws, 4, 1, "Recommendation").font = BOLD
    put(ws, 4, 2, brief.recommendation.sentence)
    row = 5
    for k, v in brief.recommendation.kpis:
        put(ws, row, 1, k)
        put(ws, row, 2, v)
        row += 1
    row += 1
    _header(ws, row, ["Rank", "Option", "Score (method)", "Weighted-sum check"])
    for i, o in enumerate(options):
        put(ws, row + 1 + i, 1, o.rank)
        put(ws, row + 1 + i, 2, o.name)
        put(ws, row + 1 + i, 3, o.score, "0.000")
        put(ws, row + 1 + i, 4, formula(f"=Scores!B{first + i}"), "0.000")
    row += n + 2
    for o in brief.options:
        if o.rank is None:
            put(ws, row, 2, f"{o.name}: {o.excluded}")
            row += 1
    for k, v in brief.appendix:
        put(ws, row, 1, k).font = NOTE
        put(ws, row, 2, v)
        row += 1
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 16
    ws.column_dimensions["D"].width = 20
    _reader_sheet(wb, brief)

    # Matrix: likely values, direction, worst and best
    ws = wb.create_sheet("Matrix")
    _header(ws, 1, ["Option", *(f.heading for f in factors)])
    bounds = {f.id: f.value for f in decision.factors}
    for i, o in enumerate(options):
        put(ws, first + i, 1, o.name)
        for f in factors:
            cell = decision.performance.get(o.id, {}).get(f.id)
            value = spread(cell)[1] if cell is not None else None
            put(ws, first + i, factors.index(f) + 2, value)
    put(ws, dir_row, 1, "Direction").font = BOLD
    put(ws, worst_row, 1, "Worst (value 0)").font = BOLD
    put(ws, best_row, 1, "Best (value 1)").font = BOLD
    for j, f in enumerate(factors, 2):
        c = col[f.id]
        rng = f"{c}{first}:{c}{last}"
        more = f.direction == "more is better"
        put(ws, dir_row, j, "max" if more else "min")
        b = bounds.get(f.id)
        if b is not None:
            put(ws, worst_row, j, float(b.worst))
            put(ws, best_row, j, float(b.best))
        else:
            put(ws, worst_row, j, formula(f"={'MIN' if more else 'MAX'}({rng})"))
            put(ws, best_row, j, formula(f"={'MAX' if more else 'MIN'}({rng})"))
    put(ws, best_row + 2, 1, "Likely values; ranges are on the Ranges sheet.").font = NOTE
    _widths(ws, 34, 16, m)

    # Weights
    ws = wb.create_sheet("Weights")
    people = brief.stakeholders
    _header(ws, 1, ["Factor", "Group (used)", *(p.label for p in people)])
    for i, f in enumerate(factors, 2):
        put(ws, i, 1, f.name)
        put(ws, i, 2, f.weight, "0.0%")
        for j, p in enumerate(people, 3):
            put(ws, i, j, p.weights.get(f.id), "0.0%")
    put(ws, m + 2, 1, "Total").font = BOLD
    put(ws, m + 2, 2, formula(f"=SUM(B2:B{m + 1})"), "0.0%")
    _widths(ws, 30, 18, 1 + len(people))
    weight_cell = {f.id: f"Weights!$B${i}" for i, f in enumerate(factors, 2)}

    # Values, Contributions
    vs = wb.create_sheet("Values")
    cs = wb.create_sheet("Contributions")
    for sheet, title in ((vs, "0–1 value"), (cs, "weight × value")):
        _header(sheet, 1, [f"Option ({title})", *(f.name for f in factors)])
        _widths(sheet, 34, 16, m)
    for i, o in enumerate(options):
        r = first + i
        put(vs, r, 1, o.name)
        put(cs, r, 1, o.name)
        for j, f in enumerate(factors, 2):
            c = col[f.id]
            x, lo, hi = f"Matrix!{c}{r}", f"Matrix!{c}${worst_row}", f"Matrix!{c}${best_row}"
            put(
                vs, r, j, formula(f"=IF({hi}={lo},1,MAX(0,MIN(1,({x}-{lo})/({hi}-{lo}))))"), "0.000"
            )
            put(cs, r, j, formula(f"=Values!{c}{r}*{weight_cell[f.id]}"), "0.000")

    # Scores
    ws = wb.create_sheet("Scores")
    method = dict(brief.appendix).get("Method", "method")
    _header(
        ws,
        1,
        ["Option", "Weighted-sum score (formula)", "Rank (formula)", f"{method} score", "Rank"],
    )
    end = get_column_letter(m + 1)
    for i, o in enumerate(options):
        r = first + i
        put(ws, r, 1, o.name)
        put(ws, r, 2, formula(f"=SUM(Contributions!B{r}:{end}{r})"), "0.000")
        put(ws, r, 3, formula(f"=RANK(B{r},B${first}:B${last})"))
        put(ws, r, 4, o.score, "0.000")
        put(ws, r, 5, o.rank)
    _widths(ws, 34, 22, 4)

    # Ranges
    ws = wb.create_sheet("Ranges")
    _header(ws, 1, ["Option", "Factor", "Unit", "Low", "Likely", "High"])
    r = 2
    for o in options:
        for f in factors:
            cell = decision.performance.get(o.id, {}).get(f.id)
            if cell is None:
                continue
            low, mid, high = spread(cell)
            cells: tuple[object, ...] = (o.name, f.name, f.unit, low, mid, high)
            for j, item in enumerate(cells, 1):
                put(ws, r, j, item)
            r += 1
    _widths(ws, 34, 14, 5)
    ws.column_dimensions["B"].width = 28

    # the evidence behind the performance values, one row each, then what it backs (#10)
    ws = wb.create_sheet("Sources")
    _header(ws, 1, ["#", "Option", "Factor", "Evidence"])
    for i, src in enumerate(brief.sources, 2):
        for j, item in enumerate((src.number, src.option, src.factor, src.evidence), 1):
            put(ws, i, j, item)
    r = len(brief.sources) + 3
    if not brief.sources:
        put(ws, 2, 2, "No evidence is recorded with the performance values.").font = NOTE
    for note in brief.evidence:
        put(ws, r, 2, note).font = NOTE
        r += 1
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions["C"].width = 24
    ws.column_dimensions["D"].width = 80


def _reader_sheet(wb: Workbook, brief: Brief) -> None:
    """A stakeholder's weights next to the group's, and what their weights would choose."""
    if brief.reader is None:
        return
    ws = wb.create_sheet("Your weights")
    _header(ws, 1, ["Factor", "Your weight", "Group (used)", "Difference"])
    for i, w in enumerate(brief.reader.rows, 2):
        put(ws, i, 1, w.factor)
        put(ws, i, 2, w.mine, "0.0%")
        put(ws, i, 3, w.group, "0.0%")
        put(ws, i, 4, formula(f"=B{i}-C{i}"), "+0.0%;-0.0%;0.0%")
    put(ws, len(brief.reader.rows) + 3, 1, brief.reader.choice).font = NOTE
    _widths(ws, 30, 16, 3)


def _subject_workbook(wb: Workbook, brief: Brief, decision: Decision) -> None:
    """One option's workbook: its standing, its numbers and its sources; no other option's."""
    (option,) = brief.options
    ws = wb.active
    ws.title = "Summary"
    put(ws, 1, 1, brief.title).font = Font(bold=True, size=14)
    put(ws, 2, 1, f"For {brief.audience}")
    put(ws, 3, 1, brief.subtitle)
    put(ws, 5, 1, brief.headings["recommendation"]).font = BOLD
    put(ws, 5, 2, brief.recommendation.sentence)
    row = 6
    for k, v in brief.recommendation.kpis:
        put(ws, row, 1, k)
        put(ws, row, 2, v)
        row += 1
    if brief.what_would_change:
        put(ws, row + 1, 1, brief.headings["changes"]).font = BOLD
        for i, line in enumerate(brief.what_would_change):
            put(ws, row + 1 + i, 2, line)
        row += len(brief.what_would_change) + 2
    for k, v in brief.appendix:
        put(ws, row, 1, k).font = NOTE
        put(ws, row, 2, v)
        row += 1
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 80

    # the factors as this option meets them: weight, its own values and contribution
    ws = wb.create_sheet("Your numbers")
    _header(
        ws,
        1,
        ["Factor", "Unit", "Direction", "Weight", "Low", "Likely", "High", "Weight × value"],
    )
    contribution = brief.contributions.get(option.id, {})
    for i, f in enumerate(brief.factors, 2):
        cell = decision.performance.get(option.id, {}).get(f.id)
        low, mid, high = spread(cell) if cell is not None else (None, None, None)
        values = (f.name, f.unit, f.direction, f.weight, low, mid, high, contribution.get(f.id))
        for j, value in enumerate(values, 1):
            put(ws, i, j, value, "0.0%" if j == 4 else "0.000" if j == 8 else None)
    put(ws, len(brief.factors) + 3, 1, "Score (method)").font = BOLD
    put(ws, len(brief.factors) + 3, 2, option.score, "0.000")
    _widths(ws, 30, 14, 7)

    ws = wb.create_sheet("Sources")
    _header(ws, 1, ["#", "Factor", "Evidence"])
    for i, src in enumerate(brief.sources, 2):
        for j, item in enumerate((src.number, src.factor, src.evidence), 1):
            put(ws, i, j, item)
    if not brief.sources:
        put(ws, 2, 2, "No evidence is recorded with your performance values.").font = NOTE
    ws.column_dimensions["B"].width = 28
    ws.column_dimensions["C"].width = 80
