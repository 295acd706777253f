from __future__ import annotations

import io

from pptx import Presentation
from pptx.util import Emu

from decisionroom.reports import charts
from decisionroom.reports.content import build, score
from decisionroom.reports.pptx import W, fit

TITLES = [
    "Recommendation",
    "What we heard",
    "The decision factors",
    "The options compared",
    "What each factor adds to the score",
    "How robust the recommendation is",  # weight sensitivity
    "How robust the recommendation is",  # simulation
    "Where the stakeholders agree and differ",
    "What would change the decision",
    "Next steps",
    "Sources",
    "Appendix: method and data",
]


def _deck(data: bytes):
    return Presentation(io.BytesIO(data))


def _texts(slide) -> list[str]:
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if shape.has_table:
            out += [c.text for row in shape.table.rows for c in row.cells]
    return out


def test_pptx_has_the_slides_with_notes(case):
    deck = _deck(case.out["pptx"])
    slides = list(deck.slides)
    titles = [_texts(s)[0] for s in slides[1:]]
    assert titles == TITLES
    for slide in slides:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()


def test_pptx_notes_carry_the_explanation(case):
    deck = _deck(case.out["pptx"])
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in deck.slides)
    for claim in case.analysis["explanation"]["claims"]:
        if claim["kind"] in ("why", "safety", "factor_need"):
            assert claim["text"] in notes


def test_pptx_recommendation_and_scores(case):
    deck = _deck(case.out["pptx"])
    slides = list(deck.slides)
    assert case.analysis["ranking"][0]["name"] in " ".join(_texts(slides[1]))
    table = " ".join(_texts(slides[4]))
    for row in case.analysis["ranking"]:
        assert score(row["score"]) in table


def test_pptx_pictures_and_shapes_stay_on_the_slide(case):
    deck = _deck(case.out["pptx"])
    width, height = deck.slide_width, deck.slide_height
    pictures = 0
    for slide in deck.slides:
        for shape in slide.shapes:
            pictures += shape.shape_type == 13
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= width + Emu(10)
            if not shape.has_table:
                assert shape.top + shape.height <= height + Emu(10)
    assert pictures >= 4


def test_pptx_keeps_user_text_as_text(hostile):
    deck = _deck(hostile.out["pptx"])
    text = " ".join(t for s in deck.slides for t in _texts(s))
    assert "<script>alert(1)</script>" in text  # plain text in a text run, never markup


def test_fit_shrinks_long_text():
    assert fit(["short"], 10, 2) == 20
    assert fit(["word " * 400], 5, 2) < 14


def test_pptx_robustness_charts_read_at_12_pt_across_the_slide(case):
    # issue 10: two charts side by side put their text at ~7 pt on the slide
    from PIL import Image

    deck = _deck(case.out["pptx"])
    brief = build(case.decision, case.analysis)
    robust = [s for s in deck.slides if _texts(s)[:1] == ["How robust the recommendation is"]]
    assert len(robust) == 2
    for slide, name in zip(robust, ("stability", "acceptability"), strict=True):
        (picture,) = [shape for shape in slide.shapes if shape.shape_type == 13]
        with Image.open(io.BytesIO(picture.image.blob)) as im:
            drawn_width = im.width / im.info["dpi"][0]  # the figure's width in inches
        placed_width = picture.width / Emu(914400)
        assert placed_width >= 0.6 * W  # across the slide, not squeezed beside another
        smallest = charts.smallest_text(charts.CHARTS[name](brief))
        assert smallest * placed_width / drawn_width >= charts.SLIDE_TEXT_PT - 0.05
