from __future__ import annotations

from decisionroom.reports.content import pct, score
from decisionroom.reports.markdown import esc

HEADINGS = [
    "## Recommendation",
    "## What we heard",
    "## The decision factors",
    "## The options compared",
    "## How robust the recommendation is",
    "## Where the stakeholders agree and differ",
    "## What would change the decision",
    "## Next steps",
    "## Appendix: method and data",
]


def test_markdown_has_every_section_in_order(case):
    md = case.out["md"].decode()
    positions = [md.index(h) for h in HEADINGS]
    assert positions == sorted(positions)


def test_markdown_numbers_equal_the_analysis(case):
    md = case.out["md"].decode()
    for row in case.analysis["ranking"]:
        assert f"| {score(row['score'])} |" in md
    for w in case.analysis["weights"].values():
        assert pct(w) in md


def test_markdown_tables_are_well_formed(case):
    for line in case.out["md"].decode().splitlines():
        if line.startswith("| "):
            assert line.endswith(" |")


def test_markdown_escapes_user_text(hostile):
    md = hostile.out["md"].decode()
    assert "<script>" not in md and "<b>" not in md
    assert r"\<script\>alert(1)\</script\>" in md
    assert r"\| \*bold\* \$x\$" in md


def test_esc_flattens_newlines():
    assert esc("a\n b") == "a b"
