from __future__ import annotations

import re

from decisionroom.reports import charts
from decisionroom.reports.content import build

from .conftest import HOSTILE


def test_charts_every_chart_is_drawn(case):
    brief = build(case.decision, case.analysis)
    svgs = charts.svgs(brief)
    assert set(svgs) == {"contributions", "stability", "sweep", "acceptability", "heatmap"}
    for svg in svgs.values():
        assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
        assert "<image" not in svg  # vector only, no embedded bitmap
        assert not re.search(r"(?:href|src)=\"https?:", svg)


def test_charts_use_the_okabe_ito_palette(case):
    brief = build(case.decision, case.analysis)
    svg = charts.svgs(brief)["contributions"].lower()
    assert charts.PALETTE[0].lower() in svg and charts.PALETTE[1].lower() in svg


def test_charts_label_units(case):
    brief = build(case.decision, case.analysis)
    svgs = charts.svgs(brief)
    assert "(%)" in svgs["stability"] and "(%)" in svgs["acceptability"]
    assert "Weight (%)" in svgs["heatmap"]


def test_charts_png_are_images(case):
    brief = build(case.decision, case.analysis)
    for png in charts.pngs(brief).values():
        assert png.startswith(b"\x89PNG")


def test_charts_escape_user_text(hostile):
    brief = build(hostile.decision, hostile.analysis)
    for svg in charts.svgs(brief).values():
        assert "<script" not in svg
        assert "<b>" not in svg
    assert "&lt;script&gt;" in charts.svgs(brief)["contributions"]


def test_charts_missing_data_leaves_the_chart_out(case):
    analysis = {k: v for k, v in case.analysis.items() if k not in ("smaa", "consensus")}
    brief = build(case.decision, analysis)
    assert set(charts.svgs(brief)) == {"contributions", "stability", "sweep"}
    assert HOSTILE  # the hostile names are shared with the other format tests


def test_distinct_labels_add_decimals_only_where_two_values_would_read_alike():
    assert charts.distinct_labels([0.6431, 0.6362, 0.41]) == ["0.643", "0.636", "0.410"]
    assert charts.distinct_labels([0.71, 0.52]) == ["0.71", "0.52"]
    assert charts.distinct_labels([0.5, 0.5, 0.3]) == ["0.50", "0.50", "0.30"]


def test_charts_two_close_scores_get_different_bar_labels(case):
    brief = build(case.decision, case.analysis)
    first, second = (o.id for o in brief.ranked[:2])
    factor = next(iter(brief.contributions[first]))
    # two scores that both read "0.64" at two decimals
    for option, score in ((first, 0.6431), (second, 0.6362)):
        brief.contributions[option] = {
            f: (score if f == factor else 0.0) for f in brief.contributions[option]
        }
    svg = charts.svgs(brief)["contributions"]
    assert "0.643" in svg and "0.636" in svg
