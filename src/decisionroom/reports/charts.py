"""The brief's charts, drawn server-side with matplotlib (Agg), as SVG or PNG.

One colour-blind-safe palette (Okabe & Ito 2008) for categories, one
single-hue ramp of its blue for quantities; hatching and value labels keep
every chart readable in greyscale. Each function takes a
:class:`~decisionroom.reports.content.Brief` and returns a Figure, or None
when the analysis lacks the data for that chart (the section then leaves it
out). Figures are built without pyplot, so there is no global state.

References:
    Okabe M., Ito K. (2008). Color Universal Design (CUD): how to make
    figures and presentations that are friendly to colorblind people.
"""

from __future__ import annotations

import io
import re
import textwrap
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import rc_context  # noqa: E402 - the backend is chosen first
from matplotlib.colors import LinearSegmentedColormap, to_rgb  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

if TYPE_CHECKING:
    from decisionroom.reports.content import Brief

#: Okabe–Ito, black last; yellow sits late because it is faint on white.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
HATCHES = ["", "//", "\\\\", "xx", "--", "||", "++", "//"]
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (1, 1))]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
FONTS = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif"
BLUE = "#0072B2"
ORANGE = "#D55E00"
INK = "#222222"
RAMP = LinearSegmentedColormap.from_list("okabe-blue", ["#ffffff", BLUE, "#00335a"])

STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": "#888888",
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",
    "hatch.linewidth": 0.6,
    "text.usetex": False,
}


def label(value: str, width: int = 28) -> str:
    """User text made safe for matplotlib (no mathtext) and wrapped to ``width``."""
    return textwrap.fill(value.replace("$", r"\$"), width) or " "


def distinct_labels(values: list[float], decimals: int = 2, most: int = 6) -> list[str]:
    """Labels for bar values with as few decimals as keep different values apart.

    Two scores of 0.6431 and 0.6362 would both read "0.64" at two decimals; a
    chart that shows them as equal contradicts the ranking beside it. Decimals
    grow (up to ``most``) until every pair of different values reads differently;
    equal values keep equal labels.
    """
    for d in range(decimals, most + 1):
        labels = [f"{v:.{d}f}" for v in values]
        if len(set(labels)) == len({round(v, most) for v in values}):
            return labels
    return [f"{v:.{most}f}" for v in values]


#: Charts whose right margin holds labels of their own (the layout keeps it after resizing).
RIGHT = {"stability": 0.68}
#: The smallest chart text on a slide, in points at the slide's size (#10).
SLIDE_TEXT_PT = 12.0


def _color(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _hatch(i: int) -> str:
    return HATCHES[i % len(HATCHES)]


def _ink_on(rgb: tuple[float, float, float]) -> str:
    r, g, b = rgb
    return "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.55 else INK


def contributions(brief: Brief) -> Figure | None:
    """Stacked horizontal bars: what each factor adds to each option's score."""
    options = [o for o in brief.ranked if o.id in brief.contributions]
    if not options or not brief.factors:
        return None
    factors = [f for f in brief.factors if f.id in brief.contributions[options[0].id]]
    # constrained layout with the legend outside: it never covers the axis label,
    # however few bars there are (a subject's brief has one) or however the slide resizes it
    fig = Figure(
        figsize=(7.5, 1.3 + 0.48 * len(options) + 0.22 * ((len(factors) + 2) // 3)),
        layout="constrained",
    )
    ax = fig.add_subplot()
    ys = list(range(len(options)))[::-1]
    left = [0.0] * len(options)
    for j, f in enumerate(factors):
        widths = [max(0.0, float(brief.contributions[o.id].get(f.id, 0.0))) for o in options]
        ax.barh(
            ys,
            widths,
            left=left,
            height=0.62,
            color=_color(j),
            hatch=_hatch(j),
            edgecolor="white",
            linewidth=0.6,
            label=label(f.name, 30),
        )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    for y, total, text in zip(ys, left, distinct_labels(left), strict=True):
        ax.text(total + 0.01, y, text, va="center", fontsize=8.5, color=INK)
    ax.set_yticks(ys, [label(o.name, 30) for o in options])
    ax.set_xlim(0, max(1.0, max(left) * 1.12))
    ax.set_xlabel("Score = sum of weight × value (values 0–1)")
    fig.legend(loc="outside lower center", ncol=3, frameon=False, fontsize=8, handlelength=1.6)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    return fig


def stability(brief: Brief) -> Figure | None:
    """Each factor's weight, the interval in which the winner stays first, and the flip."""
    rows = brief.sensitivity
    if not rows:
        return None
    fig = Figure(figsize=(7.5, 0.9 + 0.42 * len(rows)))
    ax = fig.add_subplot()
    ys = list(range(len(rows)))[::-1]
    for y, r in zip(ys, rows, strict=True):
        ax.barh(y, 1.0, left=0, height=0.5, color="#eeeeee", edgecolor="#bbbbbb", linewidth=0.5)
        ax.barh(
            y,
            r.hi - r.lo,
            left=r.lo,
            height=0.5,
            color="#a6cbe3",
            hatch="//",
            edgecolor=BLUE,
            linewidth=0.6,
        )
        ax.plot([r.value], [y], marker="D", color=INK, markersize=5, zorder=3)
        if r.flip_at is not None:
            ax.plot([r.flip_at] * 2, [y - 0.3, y + 0.3], color=ORANGE, linewidth=2, zorder=3)
        ax.text(
            1.03,
            y,
            label(r.flip if r.flip_at is not None else "no flip", 34),
            va="center",
            fontsize=8,
            color=ORANGE if r.flip_at is not None else "#666666",
            transform=ax.get_yaxis_transform(),
        )
    ax.set_yticks(ys, [label(r.factor, 26) for r in rows])
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_xlabel(
        "Weight of the factor (%): hatched = winner stays first, ◆ = weight now, orange = flip"
    )
    fig.tight_layout()
    fig.subplots_adjust(right=RIGHT["stability"])
    return fig


def sweep(brief: Brief) -> Figure | None:
    """Every option's score as the critical factor's weight moves from 0% to 100%."""
    data = brief.sweep
    if not data or not data.get("t"):
        return None
    t = [float(x) for x in data["t"]]
    scores = data.get("scores") or {}
    options = [o for o in brief.ranked if o.id in scores]
    if not options:
        return None
    fig = Figure(figsize=(7.5, 3.6))
    ax = fig.add_subplot()
    row = next((r for r in brief.sensitivity if r.factor == brief.critical_factor), None)
    if row is not None:
        ax.axvspan(row.lo, row.hi, color="#eeeeee", zorder=0)
        ax.axvline(row.value, color=INK, linestyle=":", linewidth=1)
        ax.text(row.value, 1.01, " now", transform=ax.get_xaxis_transform(), fontsize=8)
    for i, o in enumerate(options):
        ax.plot(
            t,
            [float(v) for v in scores[o.id]],
            color=_color(i),
            linestyle=LINESTYLES[i % len(LINESTYLES)],
            marker=MARKERS[i % len(MARKERS)],
            markevery=20,
            markersize=4,
            linewidth=1.6,
            label=label(o.name, 30),
        )
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_xlabel(label(f"Weight of {brief.critical_factor} (%); grey = winner stays first", 90))
    ax.set_ylabel("Score")
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=8)
    ax.grid(color="#dddddd", linewidth=0.5)
    fig.tight_layout()
    return fig


def acceptability(brief: Brief) -> Figure | None:
    """SMAA rank acceptability: the share of simulations giving each option each rank."""
    options = [o for o in brief.ranked if o.id in brief.acceptability]
    if not options:
        return None
    n = max(len(brief.acceptability[o.id]) for o in options)
    fig = Figure(figsize=(7.5, 1.5 + 0.45 * len(options)), layout="constrained")
    ax = fig.add_subplot()
    ys = list(range(len(options)))[::-1]
    left = [0.0] * len(options)
    for k in range(n):
        shade = RAMP(0.95 - 0.8 * k / max(1, n - 1))
        widths = [
            brief.acceptability[o.id][k] if k < len(brief.acceptability[o.id]) else 0.0
            for o in options
        ]
        ax.barh(
            ys,
            widths,
            left=left,
            height=0.62,
            color=shade,
            edgecolor="white",
            linewidth=0.6,
            label=f"rank {k + 1}",
        )
        for y, x0, w in zip(ys, left, widths, strict=True):
            if w >= 0.07:
                ax.text(
                    x0 + w / 2,
                    y,
                    f"{round(100 * w):.0f}%",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color=_ink_on(to_rgb(shade)),
                )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_yticks(ys, [label(o.name, 30) for o in options])
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_xlabel("Share of simulations (%) giving the option each rank; darkest = rank 1")
    fig.legend(loc="outside lower center", ncol=min(n, 6), frameon=False, fontsize=8)
    return fig


def heatmap(brief: Brief) -> Figure | None:
    """Stakeholders × factors: how much each person weighs each factor, with the group."""
    people = [s for s in brief.stakeholders if s.weights]
    if not people or not brief.factors:
        return None
    factors = brief.factors
    rows = [(s.label, [s.weights.get(f.id, float("nan")) for f in factors]) for s in people]
    if all(f.weight is not None for f in factors):
        rows.append(("Group (used)", [float(f.weight or 0.0) for f in factors]))
    values = [r[1] for r in rows]
    top = max((v for row in values for v in row if v == v), default=1.0) or 1.0
    fig = Figure(figsize=(7.5, 1.6 + 0.42 * len(rows)))
    ax = fig.add_subplot()
    # pcolormesh keeps the chart vector (imshow would embed a bitmap in the SVG)
    image = ax.pcolormesh(values, cmap=RAMP, vmin=0, vmax=top, edgecolors="white", linewidth=1)
    ax.invert_yaxis()
    for i, row in enumerate(values):
        for j, v in enumerate(row):
            if v != v:
                ax.text(j + 0.5, i + 0.5, "–", ha="center", va="center", fontsize=8)
                continue
            rgb = to_rgb(RAMP(v / top))
            ax.text(
                j + 0.5,
                i + 0.5,
                f"{round(100 * v):.0f}%",
                ha="center",
                va="center",
                fontsize=8.5,
                color=_ink_on(rgb),
            )
    width = max(8, min(16, 72 // max(1, len(factors))))
    ax.set_xticks(
        [j + 0.5 for j in range(len(factors))],
        [label(f.name, width) for f in factors],
        fontsize=7.5,
    )
    ax.set_yticks([i + 0.5 for i in range(len(rows))], [label(r[0], 34) for r in rows])
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    if len(rows) > len(people):
        ax.axhline(len(people), color="white", linewidth=4)
    bar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    if bar.solids is not None:
        bar.solids.set_rasterized(False)  # keep the SVG free of embedded bitmaps
    bar.set_label("Weight (%)")
    bar.ax.yaxis.set_major_formatter(lambda x, _pos: f"{round(100 * x):.0f}%")
    fig.tight_layout()
    return fig


def reader(brief: Brief) -> Figure | None:
    """One stakeholder's weight for each factor next to the group's (their brief, #10)."""
    rows = brief.reader.rows if brief.reader is not None else []
    if not rows:
        return None
    fig = Figure(figsize=(7.5, 1.3 + 0.5 * len(rows)), layout="constrained")
    ax = fig.add_subplot()
    ys = list(range(len(rows)))[::-1]
    for offset, who, values, i in (
        (0.19, "You", [r.mine for r in rows], 0),
        (-0.19, "Group (used)", [r.group for r in rows], 1),
    ):
        ax.barh(
            [y + offset for y in ys],
            values,
            height=0.36,
            color=_color(i),
            hatch=_hatch(i),
            edgecolor="white",
            linewidth=0.6,
            label=who,
        )
        for y, v in zip(ys, values, strict=True):
            ax.text(v + 0.005, y + offset, f"{round(100 * v):.0f}%", va="center", fontsize=8)
    ax.set_yticks(ys, [label(r.factor, 26) for r in rows])
    top = max(max(r.mine, r.group) for r in rows)
    ax.set_xlim(0, min(1.0, top * 1.2 + 0.02))
    ax.xaxis.set_major_formatter(lambda x, _pos: f"{round(100 * x):.0f}%")
    ax.set_xlabel("Weight of the factor (%)")
    fig.legend(loc="outside lower center", ncol=2, frameon=False, fontsize=8)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    return fig


CHARTS: dict[str, Callable[[Brief], Figure | None]] = {
    "contributions": contributions,
    "stability": stability,
    "sweep": sweep,
    "acceptability": acceptability,
    "heatmap": heatmap,
    "reader": reader,
}

_SVG_START = re.compile(r"^.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)


def to_svg(fig: Figure, name: str) -> str:
    """Inline SVG markup: no XML prolog, no metadata, deterministic ids per chart."""
    buf = io.StringIO()
    with rc_context({**STYLE, "svg.hashsalt": f"decisionroom-{name}"}), _quiet():  # type: ignore[dict-item]
        fig.savefig(buf, format="svg", metadata={"Date": None})
    svg = _METADATA.sub("", _SVG_START.sub("", buf.getvalue(), count=1))
    # text stays text (searchable, small); Verdana has DejaVu's widths where DejaVu is missing
    svg = svg.replace("font-family: 'DejaVu Sans'", f"font-family: {FONTS}")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{name} chart" ', 1)


def to_png(fig: Figure, dpi: int = 150) -> bytes:
    """PNG bytes of a figure."""
    buf = io.BytesIO()
    with rc_context(STYLE), _quiet():  # type: ignore[arg-type]
        fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    return buf.getvalue()


@contextmanager
def _quiet() -> Iterator[None]:
    """Drawing without matplotlib's layout and glyph warnings.

    A name in a script the chart font lacks (emoji, CJK) draws as boxes and a
    long label may not fit; the tables of every brief carry the text in full,
    so these are not the user's concern and must not reach their terminal.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from", category=UserWarning)
        warnings.filterwarnings("ignore", message=r"Tight layout not applied", category=UserWarning)
        warnings.filterwarnings("ignore", message=r".*not compatible with tight_layout")
        yield


def figures(brief: Brief) -> dict[str, Figure]:
    """Every chart the brief has data for, built once per brief and kept on it."""
    cached = brief.cache.get("figures")
    if cached is None:
        cached = {}
        with rc_context(STYLE), _quiet():  # type: ignore[arg-type]
            for name, make in CHARTS.items():
                fig = make(brief)
                if fig is not None:
                    cached[name] = fig
        brief.cache["figures"] = cached
    return dict(cached)


def smallest_text(fig: Figure) -> float:
    """The smallest font size (pt) of any text drawn on the figure."""
    from matplotlib.text import Text

    sizes = [
        float(t.get_fontsize())
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip()
    ]
    return min(sizes, default=float(STYLE["font.size"]))


def for_box(brief: Brief, name: str, width: float, height: float) -> bytes | None:
    """A chart as PNG for a box of ``width`` × ``height`` inches (a slide's chart area).

    Stretched into the box, the smallest text reads at :data:`SLIDE_TEXT_PT` or more:
    a figure whose text would read smaller is drawn on a smaller canvas (same
    font sizes, so relatively larger text), at a higher dpi so it stays sharp.
    """
    cached = brief.cache.setdefault("box", {})
    key = (name, width, height)
    if key not in cached:
        with rc_context(STYLE), _quiet():  # type: ignore[arg-type]
            fig = CHARTS[name](brief)
            if fig is None:
                cached[key] = None
                return None
            w, h = (float(x) for x in fig.get_size_inches())
            shrink = min(1.0, smallest_text(fig) * min(width / w, height / h) / SLIDE_TEXT_PT)
            if shrink < 1.0:
                fig.set_size_inches(w * shrink, h * shrink)
                from matplotlib.layout_engine import ConstrainedLayoutEngine

                if not isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine):
                    # constrained layout redoes itself when drawn; a tight one is redone here
                    fig.tight_layout()
                    if name in RIGHT:
                        fig.subplots_adjust(right=RIGHT[name])
        cached[key] = to_png(fig, dpi=round(150 / shrink))
    result: bytes | None = cached[key]
    return result


def svgs(brief: Brief) -> dict[str, str]:
    """Every chart as inline SVG markup (cached on the brief: HTML and PDF share them)."""
    if "svg" not in brief.cache:
        brief.cache["svg"] = {name: to_svg(fig, name) for name, fig in figures(brief).items()}
    return dict(brief.cache["svg"])


def pngs(brief: Brief) -> dict[str, bytes]:
    """Every chart as PNG bytes (cached on the brief)."""
    if "png" not in brief.cache:
        brief.cache["png"] = {name: to_png(fig) for name, fig in figures(brief).items()}
    return dict(brief.cache["png"])
