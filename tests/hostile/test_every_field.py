"""Hostile text in every user field, checked in every output (issue 11).

Script tags, formula prefixes, Markdown syntax, escape sequences, right-to-left
marks and NUL bytes go into every text of a decision file, as long as the file
allows (names 200 characters, texts 5,000); 10,000-character names are refused
with a located error. Every output must show the text as text.
"""

from __future__ import annotations

import io
import json
import re
import time
from typing import Any

import pytest
from markdown_it import MarkdownIt

from decisionroom.model.decision import MAX_NAME, MAX_TEXT
from tests.hostile.conftest import run, write
from tests.reports.conftest import require_pdf

PAYLOAD = (
    "<script>alert(1)</script> =1+2 +SUM(A1) -2 @cmd # Head *em* _u_ "
    "[link](https://evil.example) ![img](https://evil.example/i.png) <b>x</b> &amp; | "
    "\x1b]0;title\x07\x1b[2J\x1b[31m\x9b31m \u202eRTL\u200f\u2066 \x00nul\x7f"
)
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
DOC_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def name(tag: str) -> str:
    return (f"{tag} {PAYLOAD} " + "n" * MAX_NAME)[:MAX_NAME]


def text(tag: str) -> str:
    return (f"{tag} " + (PAYLOAD + " ") * (MAX_TEXT // len(PAYLOAD) + 1))[:MAX_TEXT]


def hostile_decision(make_name=name, make_text=text) -> dict[str, Any]:
    return {
        "decisionroom": 1,
        "title": make_name("title"),
        "client": make_name("client"),
        "decision_maker": {"name": make_name("dm"), "role": make_name("dm-role")},
        "goal": {"statement": make_text("goal"), "horizon": make_name("horizon")},
        "challenges": [{"id": "c1", "statement": make_text("challenge")}],
        "needs": [{"id": "n1", "statement": make_text("need"), "challenges": ["c1"]}],
        "factors": [
            {
                "id": f,
                "name": make_name(f"factor-{f}"),
                "why": make_text(f"why-{f}"),
                "needs": ["n1"],
                "direction": d,
                "unit": make_name(f"unit-{f}"),
            }
            for f, d in (("cost", "min"), ("speed", "max"))
        ],
        "options": [
            {"id": o, "name": make_name(f"option-{o}"), "description": make_text(f"desc-{o}")}
            for o in ("a", "b", "c")
        ],
        "performance": {
            "a": {"cost": {"value": 100, "evidence": make_text("evidence")}, "speed": 7},
            "b": {"cost": 120, "speed": [6, 9, 10]},
            "c": {"cost": 90, "speed": 4},
        },
        "stakeholders": [
            {
                "id": "s1",
                "name": make_name("s1"),
                "role": make_name("r1"),
                "weights": {"cost": 40, "speed": 60},
            },
            {
                "id": "s2",
                "name": make_name("s2"),
                "role": make_name("r2"),
                "weights": {"cost": 70, "speed": 30},
            },
        ],
    }


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    return write(tmp_path_factory.mktemp("hostile"), hostile_decision())


def test_terminal_table_and_explanation(path):
    for args in (["analyze", path], ["explain", path], ["validate", path]):
        result = run(*args, *(["--smaa", 300] if args[0] != "validate" else []))
        assert result.exit_code == 0, result.output[-2000:]
        assert not RAW.search(result.output), args[0]
    shown = run("analyze", path, "--smaa", 300).output.replace("\n", "")
    assert "\\x1b]0;title\\x07" in shown and "\\x9b31m" in shown and "\\u202eRTL" in shown


def test_json_keeps_every_text_exactly_and_escapes_controls(path):
    result = run("analyze", path, "--smaa", 300, "-f", "json")
    assert result.exit_code == 0
    assert not RAW.search(result.stdout)
    data = json.loads(result.stdout)
    names = {row["option"]: row["name"] for row in data["ranking"]}
    assert names == {o: name(f"option-{o}") for o in "abc"}


def test_markdown_brief_is_text_only(path):
    result = run("brief", path, "-o", "-", "--smaa", 300)
    assert result.exit_code == 0
    md = result.stdout
    assert not DOC_RAW.search(md)
    html = MarkdownIt("commonmark").enable("table").render(md)
    for tag in ("<script", "<a ", "<img", "<b>", "<em>em</em>", "<em>u</em>"):
        assert tag not in html, tag
    headings = re.findall(r"<h(\d)>(.*?)</h\1>", html)
    assert [h for h in headings if "Head" in h[1] and "title" not in h[1]] == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_html_brief_escapes_everything(path, tmp_path):
    out = tmp_path / "b.html"
    assert run("brief", path, "-o", out, "--smaa", 300).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "<b>x</b>" not in html
    assert not DOC_RAW.search(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_office_briefs_hold_text_not_formulas(path, tmp_path):
    from openpyxl import load_workbook
    from pptx import Presentation

    for fmt in ("xlsx", "pptx"):
        assert run("brief", path, "-o", tmp_path / f"b.{fmt}", "--smaa", 300).exit_code == 0
    book = load_workbook(tmp_path / "b.xlsx")
    user_cells = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "alert(1)" in cell.value:
                    user_cells += 1
                    assert cell.data_type == "s"
                    assert not DOC_RAW.search(cell.value)
    assert user_cells > 5
    deck = Presentation(io.BytesIO((tmp_path / "b.pptx").read_bytes()))
    texts = [
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert any("alert(1)" in t for t in texts)
    assert not any(DOC_RAW.search(t) for t in texts)


def test_pdf_brief_of_the_longest_texts_finishes(path, tmp_path):
    require_pdf()
    out = tmp_path / "b.pdf"
    started = time.perf_counter()
    result = run("brief", path, "-o", out, "--smaa", 300)
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.output[-2000:]
    assert out.read_bytes().startswith(b"%PDF")
    assert elapsed < 120


def test_ten_thousand_character_names_are_refused_field_by_field(tmp_path):
    data = hostile_decision(lambda tag: tag + "N" * 10_000, lambda tag: tag + "T" * 10_000)
    result = run("validate", write(tmp_path, data))
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    # every text field of hostile_decision, each named with its place and the limit
    assert len(errors) == 25
    assert "error: title: title must be at most 200 characters (this one has 10,005)." in errors
    assert (
        "error: options[2].description: description must be at most 5,000 characters "
        "(this one has 10,006)." in errors
    )
    assert not RAW.search(result.output)
