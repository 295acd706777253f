from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

SHEETS = ["Summary", "Matrix", "Weights", "Values", "Contributions", "Scores", "Ranges", "Sources"]


class Sheets:
    """A tiny evaluator for the formulas the workbook writes (IF, MIN, MAX, SUM, RANK)."""

    def __init__(self, data: bytes) -> None:
        self.wb = load_workbook(io.BytesIO(data))

    def value(self, sheet: str, ref: str):
        v = self.wb[sheet][ref.replace("$", "")].value
        if isinstance(v, str) and v.startswith("="):
            return self.eval(sheet, v[1:])
        return v

    def range(self, sheet: str, a: str, b: str) -> list:
        cells = self.wb[sheet][f"{a}:{b}".replace("$", "")]
        return [self.value(sheet, c.coordinate) for row in cells for c in row]

    def eval(self, sheet: str, expr: str):
        def rng(m):
            s = m.group(1) or sheet
            return f"R({s!r},{m.group(2)!r},{m.group(3)!r})"

        def ref(m):
            s = m.group(1) or sheet
            return f"V({s!r},{m.group(2)!r})"

        py = re.sub(r"(?:(\w+)!)?(\$?[A-Z]+\$?\d+):(\$?[A-Z]+\$?\d+)", rng, expr)
        py = re.sub(r"(?:(\w+)!)?(?<!['\w])(\$?[A-Z]{1,2}\$?\d+)(?!['\w])", ref, py)
        py = re.sub(r"(?<![<>=!])=(?!=)", "==", py)
        return eval(  # noqa: S307 - our own formulas, evaluated in a test
            py,
            {
                "V": self.value,
                "R": self.range,
                "IF": lambda c, a, b: a if c else b,
                "MIN": lambda *a: min(x for v in a for x in (v if isinstance(v, list) else [v])),
                "MAX": lambda *a: max(x for v in a for x in (v if isinstance(v, list) else [v])),
                "SUM": lambda v: sum(v),
                "RANK": lambda x, v: 1 + sum(1 for y in v if y > x),
            },
        )


def test_xlsx_has_the_sheets(case):
    wb = load_workbook(io.BytesIO(case.out["xlsx"]))
    assert wb.sheetnames == SHEETS


def test_xlsx_matrix_holds_the_likely_values(case):
    from decisionroom.model.decision import spread

    sheets = Sheets(case.out["xlsx"])
    ws = sheets.wb["Matrix"]
    for i, row in enumerate(case.analysis["ranking"], 2):
        assert ws.cell(i, 1).value == row["name"]
        for j, f in enumerate(case.decision.factors, 2):
            assert ws.cell(i, j).value == spread(case.decision.performance[row["option"]][f.id])[1]


def test_xlsx_formulas_reproduce_contributions_and_scores(case):
    sheets = Sheets(case.out["xlsx"])
    letters = "BCDEFGHIJKLMNOP"
    for i, row in enumerate(case.analysis["ranking"], 2):
        option = row["option"]
        for j, f in enumerate(case.decision.factors):
            got = sheets.value("Contributions", f"{letters[j]}{i}")
            assert got == pytest.approx(case.analysis["contributions"][option][f.id], abs=1e-5)
            value = sheets.value("Values", f"{letters[j]}{i}")
            assert value == pytest.approx(case.analysis["values"][option][f.id], abs=1e-5)
        # weighted-sum: the formula score is the method's score
        assert sheets.value("Scores", f"B{i}") == pytest.approx(row["score"], abs=1e-5)
        assert sheets.value("Scores", f"C{i}") == row["rank"]
        # the method's own score, to the 15 significant digits a spreadsheet keeps
        assert sheets.wb["Scores"][f"D{i}"].value == pytest.approx(row["score"], rel=1e-15)


def test_xlsx_weights_group_and_stakeholders(case):
    ws = load_workbook(io.BytesIO(case.out["xlsx"]))["Weights"]
    header = [c.value for c in ws[1]]
    assert header[:2] == ["Factor", "Group (used)"]
    assert len(header) == 2 + len(case.analysis["consensus"]["stakeholders"])
    for i, f in enumerate(case.decision.factors, 2):
        assert ws.cell(i, 2).value == pytest.approx(case.analysis["weights"][f.id], rel=1e-15)


def test_xlsx_user_text_is_never_a_formula(hostile):
    wb = load_workbook(io.BytesIO(hostile.out["xlsx"]))
    names = [c.value for c in wb["Matrix"]["A"]]
    assert any(isinstance(n, str) and n.startswith("=HYPERLINK") for n in names)
    cell = next(c for c in wb["Matrix"]["A"] if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"
