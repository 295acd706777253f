from __future__ import annotations

import re
from html.parser import HTMLParser

from decisionroom.reports.content import pct, score

from .conftest import HOSTILE

SECTIONS = [
    "recommendation",
    "heard",
    "factors",
    "options",
    "robustness",
    "stakeholders",
    "changes",
    "next-steps",
    "appendix",
]


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.urls: list[str] = []
        self.scripts = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if "id" in values and tag == "section":
            self.ids.append(values["id"])
        for key in ("src", "href", "xlink:href"):
            if values.get(key):
                self.urls.append(values[key])
        self.scripts += tag == "script"

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Collect:
    parser = _Collect()
    parser.feed(html)
    return parser


def test_html_has_every_section_in_order(case):
    page = parse(case.out["html"].decode())
    assert page.ids == SECTIONS


def test_html_is_self_contained(case):
    html = case.out["html"].decode()
    page = parse(html)
    assert all(u.startswith(("#", "data:")) for u in page.urls), page.urls
    assert "@import" not in html
    assert not re.search(r"url\(\s*['\"]?(?!data:|#)", html)
    assert page.scripts == 0
    assert "break-inside: avoid" in html and "@media print" in html
    assert 'name="viewport"' in html


def test_html_numbers_equal_the_analysis(case):
    text = " ".join(parse(case.out["html"].decode()).text)
    for row in case.analysis["ranking"]:
        assert score(row["score"]) in text
    for w in case.analysis["weights"].values():
        assert pct(w) in text
    for sens in case.analysis["sensitivity"]["factors"].values():
        lo, hi = sens["stable_interval"]
        assert f"{pct(lo)}–{pct(hi)}" in text
    for claim in case.analysis["explanation"]["next_steps"]:
        assert claim in text
    assert not re.search(r"\d\.\d{5,}", text)  # no float noise


def test_html_shows_names_not_ids(case):
    text = " ".join(parse(case.out["html"].decode()).text)
    for option in case.decision.options:
        assert option.name in text
    for factor in case.decision.factors:
        assert factor.name in text


def test_html_escapes_user_text(hostile):
    html = hostile.out["html"].decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>&amp;</b>" not in html
    page = parse(html)
    assert page.scripts == 0
    assert HOSTILE["factor"] in " ".join(page.text)
