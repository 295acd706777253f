"""The brief as a 16:9 slide deck (python-pptx), charts as PNG, explanations in the notes.

Slides: title, recommendation, (a stakeholder's weights, in their brief),
what we heard, factors, options compared, what each factor adds, robustness
(one chart per slide, across it, so chart text reads at 12 pt or more),
stakeholders, what would change (when known), next steps, appendix. Each
slide's speaker notes carry the explanation sentences behind it. Text sizes
are chosen from the amount of text so that nothing runs off a slide.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from decisionroom.reports import charts
from decisionroom.reports.content import Brief, pct

INK = RGBColor(0x1D, 0x24, 0x30)
MUTED = RGBColor(0x5B, 0x64, 0x72)
BLUE = RGBColor(0x00, 0x72, 0xB2)
SOFT = RGBColor(0xF3, 0xF6, 0xF9)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
W, H = 13.333, 7.5
MARGIN = 0.6
FONT = "Calibri"
#: Where a full-width chart sits on its slide (inches): below the title, above the note.
CHART_TOP, CHART_H = 1.8, 4.7


def fit(texts: Sequence[str], width: float, height: float, top: int = 20, low: int = 10) -> int:
    """The largest font size (pt) at which ``texts`` (one paragraph each) fit the box."""
    for size in range(top, low - 1, -1):
        per_line = max(1, int(width * 72 / (size * 0.52)))
        lines = sum(max(1, math.ceil(len(t) / per_line)) for t in texts)
        if lines * size * 1.25 / 72 + 0.1 * len(texts) * size / 72 <= height:
            return size
    return low


class _Deck:
    def __init__(self, brief: Brief) -> None:
        self.brief = brief
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = Inches(W), Inches(H)
        self.blank = self.prs.slide_layouts[6]

    def slide(self, title: str, notes: Sequence[str] = ()) -> Any:
        s = self.prs.slides.add_slide(self.blank)
        self.text(s, MARGIN, 0.35, W - 2 * MARGIN, 0.8, [title], size=28, bold=True, color=INK)
        line = s.shapes.add_shape(1, Inches(MARGIN), Inches(1.12), Inches(1.2), Emu(38100))
        line.fill.solid()
        line.fill.fore_color.rgb = BLUE
        line.line.fill.background()
        if notes:
            s.notes_slide.notes_text_frame.text = "\n\n".join(n for n in notes if n)
        return s

    def text(
        self,
        slide: Any,
        x: float,
        y: float,
        w: float,
        h: float,
        paragraphs: Sequence[str],
        *,
        size: int | None = None,
        bold: bool = False,
        color: RGBColor = INK,
        bullets: bool = False,
        fill: RGBColor | None = None,
        top: int = 20,
    ) -> Any:
        box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
        if fill is not None:
            box.fill.solid()
            box.fill.fore_color.rgb = fill
        frame = box.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, side, Inches(0.08))
        shown = [f"• {p}" if bullets else p for p in paragraphs]
        size = size or fit(shown, w - 0.2, h - 0.2, top=top)
        for i, value in enumerate(shown):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.space_after = Pt(size * 0.4)
            run = para.add_run()
            run.text = value
            run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
            run.font.color.rgb = color
        return box

    def picture(self, slide: Any, png: bytes, x: float, y: float, w: float, h: float) -> None:
        from PIL import Image

        with Image.open(io.BytesIO(png)) as im:
            ratio = im.height / im.width
        width, height = w, w * ratio
        if height > h:
            width, height = h / ratio, h
        left = x + (w - width) / 2
        slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(y), Inches(width))

    def table(
        self,
        slide: Any,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        x: float,
        y: float,
        w: float,
        widths: Sequence[float],
        *,
        right: set[int] = frozenset(),  # type: ignore[assignment]
        height: float = 5.6,
        bold_row: int | None = None,
    ) -> None:
        longest = [max([len(header[j])] + [len(r[j]) for r in rows]) for j in range(len(header))]
        total = sum(widths)
        col_in = [w * c / total for c in widths]
        size = 14
        while size > 8:
            lines = 0
            for row in [header, *rows]:
                per = [max(1, int(cw * 72 / (size * 0.5))) for cw in col_in]
                lines += max(math.ceil(max(1, len(c)) / p) for c, p in zip(row, per, strict=True))
            if lines * size * 1.3 / 72 + 0.1 * (len(rows) + 1) <= height:
                break
            size -= 1
        del longest
        shape = slide.shapes.add_table(
            len(rows) + 1, len(header), Inches(x), Inches(y), Inches(w), Inches(0.3)
        )
        table = shape.table
        for j, cw in enumerate(col_in):
            table.columns[j].width = Inches(cw)
        for i, row in enumerate([header, *rows]):
            table.rows[i].height = Inches(size * 1.5 / 72)
            for j, value in enumerate(row):
                cell = table.cell(i, j)
                cell.margin_left = cell.margin_right = Inches(0.05)
                cell.margin_top = cell.margin_bottom = Inches(0.03)
                frame = cell.text_frame
                frame.word_wrap = True
                para = frame.paragraphs[0]
                para.alignment = PP_ALIGN.RIGHT if j in right else PP_ALIGN.LEFT
                run = para.add_run()
                run.text = value
                run.font.size, run.font.name = Pt(size), FONT
                run.font.bold = i == 0 or i - 1 == bold_row
                run.font.color.rgb = WHITE if i == 0 else INK
                cell.fill.solid()
                cell.fill.fore_color.rgb = BLUE if i == 0 else (SOFT if i % 2 == 0 else WHITE)


def _reader_slide(deck: _Deck, brief: Brief) -> None:
    """A stakeholder's weights against the group's, and what their weights would choose."""
    reader = brief.reader
    if reader is None:
        return
    s = deck.slide(brief.headings["reader"], [reader.choice])
    body_w = W - 2 * MARGIN
    image = charts.for_box(brief, "reader", body_w * 0.62, 5.6)
    if image is not None:
        deck.picture(s, image, MARGIN, 1.35, body_w * 0.62, 5.6)
    x = MARGIN + body_w * 0.62 + 0.3
    lines = [reader.choice] + [
        f"{w.factor}: {pct(w.mine)} from you, {pct(w.group)} for the group" for w in reader.rows
    ]
    deck.text(s, x, 1.4, W - MARGIN - x, 5.8, lines, top=16)


def render_pptx(brief: Brief) -> bytes:
    """The brief as a PPTX deck (bytes)."""
    deck = _Deck(brief)
    png = charts.pngs(brief)
    r = brief.recommendation
    h = brief.headings
    claims = brief.claims
    body_w = W - 2 * MARGIN
    audience = f" for {brief.audience}" if brief.audience else ""
    props = deck.prs.core_properties
    props.title = f"{brief.title} — decision brief{audience}"
    author = dict(brief.appendix).get("Prepared by", "")
    author = "" if author == "–" else author
    props.author = props.last_modified_by = author
    props.subject = props.keywords = props.comments = ""

    # 1 title
    s = deck.prs.slides.add_slide(deck.blank)
    deck.text(s, MARGIN, 2.2, body_w, 1.6, [brief.title], size=40, bold=True)
    deck.text(
        s, MARGIN, 3.9, body_w, 0.9, [brief.subtitle or "Decision brief"], color=MUTED, size=18
    )
    date = dict(brief.appendix).get("Date", "")
    by = f" · {author}" if author else ""
    deck.text(
        s,
        MARGIN,
        6.4,
        body_w,
        0.5,
        [f"Decision brief{audience} · {date}{by}"],
        size=12,
        color=MUTED,
    )
    s.notes_slide.notes_text_frame.text = r.summary or r.sentence

    # 2 recommendation
    s = deck.slide(
        h["recommendation"],
        [r.sentence, *claims.get("why", []), *claims.get("tradeoff", []), r.safety, r.flip],
    )
    deck.text(s, MARGIN, 1.35, body_w, 1.3, [r.sentence], bold=True, color=BLUE, top=26)
    n = max(1, len(r.kpis))
    gap, kw = 0.25, (body_w - 0.25 * (n - 1)) / n
    for i, (k, v) in enumerate(r.kpis):
        x = MARGIN + i * (kw + gap)
        deck.text(s, x, 2.9, kw, 0.4, [k.upper()], size=11, color=MUTED, fill=SOFT)
        deck.text(s, x, 3.3, kw, 1.5, [v], fill=SOFT, top=18)
    why = claims.get("why", []) + claims.get("tradeoff", [])
    if why:
        deck.text(s, MARGIN, 5.1, body_w, 2.0, why, top=16)

    _reader_slide(deck, brief)

    # 3 what we heard
    heard = [f"Goal: {brief.goal}" + (f" (horizon: {brief.horizon})" if brief.horizon else "")]
    s = deck.slide(h["heard"], heard)
    if brief.goal:
        deck.text(s, MARGIN, 1.35, body_w, 0.9, heard, fill=SOFT, top=18)
    col = (body_w - 0.4) / 2
    chal = [f"C{i}  {c}" for i, c in enumerate(brief.challenges, 1)]
    needs = [
        f"{n.label}  {n.statement}"
        + (f" (answers {', '.join(n.challenges)})" if n.challenges else "")
        for n in brief.needs
    ]
    deck.text(s, MARGIN, 2.45, col, 0.4, ["Challenges in the way"], size=14, bold=True, color=BLUE)
    deck.text(s, MARGIN, 2.9, col, 4.3, chal or ["–"], top=16)
    deck.text(
        s,
        MARGIN + col + 0.4,
        2.45,
        col,
        0.4,
        ["Needs: what must be true"],
        size=14,
        bold=True,
        color=BLUE,
    )
    deck.text(s, MARGIN + col + 0.4, 2.9, col, 4.3, needs or ["–"], top=16)

    # 4 factors
    s = deck.slide(h["factors"], claims.get("factor_need", []))
    spread = dict(brief.spread)
    rows = [
        [
            f.heading,
            f.why or "–",
            ", ".join(f.needs) or "–",
            f.weight_text,
            spread.get(f.name, "–").split(" (")[0],
        ]
        for f in brief.factors
    ]
    deck.table(
        s,
        ["Factor", "Why it matters", "Serves", "Weight", "Stakeholders' range"],
        rows,
        MARGIN,
        1.4,
        body_w,
        [3, 7, 1.2, 1.2, 2],
        right={3, 4},
    )

    # 5 options compared
    s = deck.slide(h["options"], [o.description for o in brief.options if o.description])
    header = ["#", "Option", *(f.heading for f in brief.factors), "Score"]
    rows = []
    for o in brief.options:
        kind = f" · {o.kind}" if o.kind else ""
        ours = " · our offer" if o.ours else ""
        name = f"{o.name}{kind}{ours}"
        if o.rank is None:
            rows.append(["–", name, *([""] * (len(brief.factors) - 1)), o.excluded, ""])
        else:
            rows.append(
                [str(o.rank), name, *(o.cells.get(f.id, "–") for f in brief.factors), o.score_text]
            )
    deck.table(
        s,
        header,
        rows,
        MARGIN,
        1.4,
        body_w,
        [0.5, 3, *([1.4] * len(brief.factors)), 1],
        right={0, *range(2, len(header))},
        bold_row=0,
    )
    deck.text(
        s, MARGIN, 6.85, body_w, 0.4, ["Estimates read “likely (low–high)”."], size=11, color=MUTED
    )

    # 6 contributions
    if "contributions" in png:
        s = deck.slide(
            "What each factor adds to the score", claims.get("why", []) + claims.get("tradeoff", [])
        )
        deck.picture(s, png["contributions"], MARGIN, 1.35, body_w, 5.9)

    # 7 robustness: one chart per slide, across the slide, so its text reads at >= 12 pt
    notes = claims.get("safety", []) or [r.safety, r.flip]
    said = [t for t in (r.safety, r.flip) if t]
    for name, title in (
        ("stability", "Weight sensitivity: where the winner stays first"),
        ("acceptability", f"Simulation: rank shares ({brief.smaa_samples})"),
    ):
        image = charts.for_box(brief, name, body_w, CHART_H) if name in png else None
        if image is None:
            continue
        s = deck.slide(h["robustness"], notes)
        deck.text(s, MARGIN, 1.3, body_w, 0.45, [title], size=16, bold=True, color=BLUE)
        deck.picture(s, image, MARGIN, CHART_TOP, body_w, CHART_H)
        deck.text(s, MARGIN, 6.55, body_w, 0.8, said, top=14)

    # 8 stakeholders
    if brief.stakeholders:
        notes = claims.get("consensus", []) + claims.get("stakeholders", [])
        s = deck.slide("Where the stakeholders agree and differ", notes)
        if "heatmap" in png:
            deck.picture(s, png["heatmap"], MARGIN, 1.35, body_w * 0.62, 5.8)
        x = MARGIN + body_w * 0.62 + 0.3
        verdict = brief.verdict[:1].upper() + brief.verdict[1:]
        lines = [f"{verdict} (Kendall's W = {brief.kendall_w})." if brief.kendall_w else verdict]
        lines += [f"{p.label}: would choose {p.winner}" for p in brief.stakeholders]
        lines += [brief.outlier] if brief.outlier else []
        deck.text(s, x, 1.4, W - MARGIN - x, 5.8, [t for t in lines if t], top=16)

    # 9 what would change
    if brief.what_would_change or brief.unknowns:
        s = deck.slide(h["changes"], brief.unknowns)
        items = brief.what_would_change + brief.unknowns
        deck.text(s, MARGIN, 1.4, body_w, 5.8, items, bullets=True, top=20)

    # 10 next steps
    if brief.next_steps:
        s = deck.slide(h["next_steps"], [r.summary])
        steps = [f"{i}. {t}" for i, t in enumerate(brief.next_steps, 1)]
        deck.text(s, MARGIN, 1.4, body_w, 5.8, steps, top=22)

    # sources: the evidence behind the performance values (#10)
    if brief.sources or brief.evidence:
        lines = brief.evidence + [src.line for src in brief.sources]
        s = deck.slide("Sources", lines)
        deck.text(s, MARGIN, 1.4, body_w, 5.8, lines, bullets=True, top=14)

    # 11 appendix
    s = deck.slide(h["appendix"], brief.assumptions)
    deck.table(
        s,
        ["Item", "Value"],
        [[k, v] for k, v in brief.appendix],
        MARGIN,
        1.4,
        body_w * 0.55,
        [1, 2],
        height=3.6,
    )
    if brief.assumptions:
        deck.text(
            s,
            MARGIN + body_w * 0.58,
            1.4,
            body_w * 0.42,
            5.6,
            brief.assumptions,
            bullets=True,
            top=14,
        )

    buf = io.BytesIO()
    deck.prs.save(buf)
    return buf.getvalue()


__all__ = ["fit", "render_pptx"]
