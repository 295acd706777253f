"""Small inputs that explode (issue 11): every expansion is bounded, with a clear error."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from decisionroom.model import fileio, spreadsheet
from decisionroom.model.fileio import MAX_EXPANDED_CHARS
from decisionroom.model.spreadsheet import MAX_UNPACKED
from tests.hostile.conftest import decision, run, write


def test_yaml_aliases_are_counted_after_expansion(tmp_path):
    # 1 MB of text named 400 times: 400 MB once expanded, though only 401 values
    text = "x" * 1_000_000
    lines = ["decisionroom: 1", "title: Bomb", f"pad: &w {text}", "copies:"]
    lines += ["  - *w"] * 400
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    started = time.perf_counter()
    result = run("brief", path, "-o", tmp_path / "b.html")
    assert time.perf_counter() - started < 5
    assert result.exit_code == 2
    assert (
        f"The file expands to 401 million characters of text through YAML aliases; at most "
        f"{MAX_EXPANDED_CHARS // 1_000_000} million are allowed" in result.output
    )
    assert not (tmp_path / "b.html").exists()


def test_nested_aliases_multiply_and_are_refused():
    doc = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for k in range(1, 9):
        doc += f"a{k}: &a{k} [{', '.join(['*a' + (str(k - 1) if k > 1 else '')] * 10)}]\n"
    with pytest.raises(fileio.UnreadableFile, match="more than 2,000,000 values"):
        fileio.parse(doc)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_deep_nesting_is_a_located_error(fmt):
    depth = 60
    doc = "[" * depth + "]" * depth
    with pytest.raises(fileio.UnreadableFile, match="nested") as info:
        fileio.parse("a: " + doc if fmt == "yaml" else '{"a": ' + doc + "}", fmt, source="f")
    assert info.value.errors[0].loc == "f"


def _xlsx_bomb(path, pad: int) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["option", "cost"])
    book.active.append(["a", 1])
    book.active.append(["b", 2])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/media/pad.bin", "w") as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(pad // len(chunk) + 1):
                part.write(chunk)
    path.write_bytes(buffer.getvalue())


def test_an_xlsx_that_unpacks_too_far_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "bomb.xlsx"
    _xlsx_bomb(path, MAX_UNPACKED)
    assert path.stat().st_size < 1_000_000
    opened: list = []
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: opened.append(a))
    result = run("rank", path)
    assert result.exit_code == 2
    assert "The workbook unpacks to 101 MB; a decision matrix may unpack to at most 100 MB." in (
        result.output
    )
    assert opened == []


def test_csv_with_bare_carriage_returns_reads_like_any_csv(tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes(b"option,cost,speed\rAlpha,100,7\rBeta,120,9\r")
    result = run("rank", path, "--directions", "min,max", "-f", "json")
    assert result.exit_code == 0, result.output
    assert "Alpha" in result.output and "Beta" in result.output


def test_a_broken_csv_row_is_located(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text('option,cost\nAlpha,"1\nBeta,2\n' + "x" * 10, encoding="utf-8")
    result = run("rank", path)
    assert result.exit_code in (0, 2)
    assert "This is a bug" not in result.output


def test_spreadsheet_names_longer_than_a_file_allows(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(f"option,{'F' * 300},speed\n{'N' * 250},1,2\nBeta,2,3\n", encoding="utf-8")
    result = run("rank", path)
    assert result.exit_code == 2
    assert "error: row 1, column B: A name may be at most 200 characters; this one has 300." in (
        result.output
    )
    assert "error: row 2, column A: A name may be at most 200 characters; this one has 250." in (
        result.output
    )


@pytest.mark.parametrize("samples", ["10000000000000000000", "10000001", "-1"])
def test_smaa_samples_have_an_upper_bound(tmp_path, samples):
    path = write(tmp_path, decision())
    result = run("analyze", path, "--smaa", samples)
    assert result.exit_code == 2
    assert (
        f"error: --smaa: The number of SMAA-2 samples must be a whole number from 0 (skip) to "
        f"10,000,000; more cannot change a percentage shown. Got {samples} instead."
    ) in result.output


def test_slugs_of_long_names_stay_valid_ids():
    assert len(spreadsheet.slug("word " * 100)) <= 60
