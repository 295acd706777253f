from __future__ import annotations

import pytest

from decisionroom.errors import InvalidParameter
from decisionroom.reports import FORMATS, render, write

from .conftest import DATE, require_pdf


def test_render_every_format_gives_bytes(case):
    require_pdf()
    assert set(case.out) == set(FORMATS)
    assert case.out["html"].startswith(b"<!doctype html>")
    assert case.out["pdf"].startswith(b"%PDF")
    assert case.out["pptx"].startswith(b"PK") and case.out["xlsx"].startswith(b"PK")
    assert case.out["md"].startswith(b"# ")


def test_render_matches_render_all(case):
    assert render(case.decision, case.analysis, "md", date=DATE) == case.out["md"]


def test_write_picks_the_format_from_the_extension(case, tmp_path):
    path = write(case.decision, case.analysis, tmp_path / "brief.MD", date=DATE)
    assert path.read_bytes() == case.out["md"]
    other = write(case.decision, case.analysis, tmp_path / "brief.txt", "html", date=DATE)
    assert other.read_bytes().startswith(b"<!doctype html>")


@pytest.mark.parametrize("name", ["brief.docx", "brief"])
def test_write_rejects_an_unknown_extension(case, tmp_path, name):
    with pytest.raises(InvalidParameter) as info:
        write(case.decision, case.analysis, tmp_path / name)
    assert info.value.errors[0].loc == "--output"


def test_render_rejects_an_unknown_format(case):
    with pytest.raises(InvalidParameter, match="html, pdf, pptx, md, xlsx"):
        render(case.decision, case.analysis, "docx")
