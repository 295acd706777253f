"""The brief as one self-contained HTML file: inline CSS, inline SVG, no outside requests.

Jinja2 autoescapes every value, so user text (a factor named
``<script>…</script>``) prints as text. The only markup inserted unescaped is
the SVG that :mod:`decisionroom.reports.charts` draws, whose text matplotlib
escapes itself.
"""

from __future__ import annotations

import base64
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from decisionroom.reports import charts
from decisionroom.reports.content import Brief, pct, points


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment of the report templates (autoescape on)."""
    return Environment(
        loader=PackageLoader("decisionroom.reports", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(brief: Brief, *, raster: bool = False) -> str:
    """The brief as an HTML document (UTF-8 text).

    Charts are inline SVG; with ``raster`` they are PNG data URIs instead, which
    WeasyPrint lays out several times faster than SVG (the PDF uses them).
    """
    from decisionroom import __version__

    if raster:
        markup = {
            name: Markup(  # noqa: S704 - base64 of our own PNG
                f'<img class="chart" alt="{name} chart" '
                f'src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">'
            )
            for name, png in charts.pngs(brief).items()
        }
    else:
        markup = {name: Markup(svg) for name, svg in charts.svgs(brief).items()}  # noqa: S704
    rank_count = max((len(v) for v in brief.acceptability.values()), default=0)
    template = environment().get_template("brief.html.j2")
    return template.render(
        b=brief,
        r=brief.recommendation,
        h=brief.headings,
        charts=_Charts(markup),
        pct=pct,
        points=points,
        rank_count=rank_count,
        version=__version__,
    )


class _Charts(dict[str, Markup]):
    """Chart markup by name; a missing chart reads as empty (its figure is left out)."""

    def __getattr__(self, name: str) -> Markup:
        return self.get(name, Markup(""))
