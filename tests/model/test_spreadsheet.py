from pathlib import Path

import pytest

from decisionroom.errors import InvalidParameter, InvalidSpreadsheet, UnreadableFile
from decisionroom.model.spreadsheet import column_letter, parse_rows, read_matrix, slug


def write(tmp_path: Path, text: str, name: str = "m.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_column_letter():
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 701, 702)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


def test_slug_makes_readable_ids():
    assert slug("Time to impact (months)") == "time_to_impact_months"
    assert slug("  ") == "item"


def test_read_csv_with_direction_and_weight_rows(tmp_path):
    path = write(
        tmp_path,
        "option,Cost,Quality\ndirection,min,max\nweight,1,3\nAlpha,10,7\nBeta,8,5\n",
    )
    decision, warnings = read_matrix(path)
    assert [f.id for f in decision.factors] == ["cost", "quality"]
    assert [f.direction for f in decision.factors] == ["min", "max"]
    assert [o.name for o in decision.options] == ["Alpha", "Beta"]
    assert warnings == []


def test_semicolon_csv_and_overrides(tmp_path):
    path = write(tmp_path, "x;Cost;Quality\nAlpha;10;7\nBeta;8;5\n")
    decision, warnings = read_matrix(path, weights="cost=1,quality=3", directions="min,max")
    assert [f.direction for f in decision.factors] == ["min", "max"]
    assert warnings == []


def test_missing_directions_warns(tmp_path):
    path = write(tmp_path, "x,Cost\nA,1\nB,2\n")
    _, warnings = read_matrix(path)
    assert [w.code for w in warnings] == ["warn_no_directions"]


def test_every_bad_cell_is_reported_with_row_and_column():
    rows = [
        ["option", "Cost", "Quality"],
        ["direction", "min", "up"],
        ["Alpha", "ten", 7],
        ["Beta", None, 5],
        ["Alpha", 3, 4],
    ]
    with pytest.raises(InvalidSpreadsheet) as info:
        parse_rows(rows, "t")
    rendered = [e.render() for e in info.value.errors]
    assert rendered == [
        "row 2, column C (Quality): A direction must be 'max' or 'min'. Got 'up' instead.",
        "row 3, column B (Cost): The value is not a number. Got 'ten' instead.",
        "row 4, column B (Cost): The value is missing.",
        "row 5, column A: This option name appears twice. Got 'Alpha' instead.",
    ]


def test_too_few_options():
    with pytest.raises(InvalidSpreadsheet, match="at least 2 options"):
        parse_rows([["o", "Cost"], ["A", 1]], "t")


def test_weights_override_must_match_factors():
    rows = [["o", "Cost", "Speed"], ["A", 1, 2], ["B", 2, 1]]
    with pytest.raises(InvalidParameter, match="Give 2 values"):
        parse_rows(rows, "t", weights="1,2,3")
    with pytest.raises(InvalidParameter, match="no factor 'price'"):
        parse_rows(rows, "t", weights="price=1,speed=2")
    with pytest.raises(InvalidParameter) as info:
        parse_rows(rows, "t", weights="1,-2")
    assert info.value.errors[0].loc == "--weights Speed"


def test_xlsx(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (["option", "Cost", "Speed"], ["direction", "min", "max"], ["A", 3, 5], ["B", 4, 9]):
        sheet.append(row)
    path = tmp_path / "m.xlsx"
    book.save(path)
    decision, _ = read_matrix(path)
    assert decision.performance["b"]["speed"] == 9


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("m.xlsx", b"not a zip", "not a readable Excel"),
        ("m.csv", b"\x00\x01\x02", "not a text"),
        ("m.csv", b"\xff\xfe\xfa", "not UTF-8"),
        ("m.ods", b"x", "must be a .csv or .xlsx"),
    ],
)
def test_unreadable_files(tmp_path, name, content, match):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFile, match=match):
        read_matrix(path)


def test_empty_csv(tmp_path):
    with pytest.raises(InvalidSpreadsheet, match="empty"):
        read_matrix(write(tmp_path, "\n\n"))
