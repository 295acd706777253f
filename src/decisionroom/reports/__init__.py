"""The brief: the shareable document that explains the recommendation.

One content model (:mod:`~decisionroom.reports.content`) feeds every format,
so the formats never disagree::

    from decisionroom.reports import render, write
    write(decision, analysis.to_dict(), "brief.pdf")     # format from the extension
    data = render(decision, analysis.to_dict(), "html")  # bytes
    render(decision, data, "pdf", view="subject:acme")   # for one reader (#10)

Formats: ``html`` (one self-contained file), ``pdf`` (WeasyPrint), ``pptx``,
``md`` and ``xlsx``.
"""

from __future__ import annotations

import datetime as _dt
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from decisionroom.errors import InvalidParameter
from decisionroom.model.decision import Decision
from decisionroom.reports._extras import require_format
from decisionroom.reports.content import Brief, build
from decisionroom.reports.readers import build_for

__all__ = [
    "FORMATS",
    "TEXT_FORMATS",
    "build",
    "build_for",
    "output_format",
    "render",
    "render_all",
    "write",
]

#: Format id -> file extension.
FORMATS = {"html": ".html", "pdf": ".pdf", "pptx": ".pptx", "md": ".md", "xlsx": ".xlsx"}
_ALIASES = {"htm": "html", "markdown": "md"}


def _format(fmt: str, loc: str = "--format") -> str:
    key = fmt.lower().lstrip(".")
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        raise InvalidParameter.at(
            loc,
            f"The brief format must be one of {', '.join(FORMATS)}.",
            code="choice",
            input=fmt,
        )
    return key


def _render(brief: Brief, decision: Decision, fmt: str) -> bytes:
    require_format(fmt)
    if fmt == "html":
        from decisionroom.reports.html import render_html

        return render_html(brief).encode("utf-8")
    if fmt == "md":
        from decisionroom.reports.markdown import render_markdown

        return render_markdown(brief).encode("utf-8")
    if fmt == "pdf":
        from decisionroom.reports.pdf import render_pdf

        return render_pdf(brief)
    if fmt == "pptx":
        from decisionroom.reports.pptx import render_pptx

        return render_pptx(brief)
    from decisionroom.reports.xlsx import render_xlsx

    return render_xlsx(brief, decision)


def render(
    decision: Decision,
    analysis: Mapping[str, Any],
    fmt: str,
    *,
    author: str | None = None,
    date: _dt.date | str | None = None,
    view: str | None = None,
) -> bytes:
    """The brief in one format (``html``, ``pdf``, ``pptx``, ``md``, ``xlsx``) as bytes.

    ``view`` names the reader: ``decision-maker`` (the default), ``stakeholder:ID`` or
    ``subject:ID`` (:mod:`decisionroom.reports.readers`).
    """
    key = _format(fmt)
    brief = build_for(decision, analysis, view, author=author, date=date)
    return _render(brief, decision, key)


def render_all(
    decision: Decision,
    analysis: Mapping[str, Any],
    formats: Iterable[str] = tuple(FORMATS),
    *,
    author: str | None = None,
    date: _dt.date | str | None = None,
    view: str | None = None,
) -> dict[str, bytes]:
    """Several formats from one content model; the charts are drawn once and shared."""
    keys = [_format(f) for f in formats]
    brief = build_for(decision, analysis, view, author=author, date=date)
    return {key: _render(brief, decision, key) for key in keys}


#: Formats that are text, so ``-o -`` may print them on a terminal.
TEXT_FORMATS = frozenset({"html", "md"})


def write(
    decision: Decision,
    analysis: Mapping[str, Any],
    path: str | Path,
    fmt: str | None = None,
    *,
    author: str | None = None,
    date: _dt.date | str | None = None,
    overwrite: bool = False,
    inputs: Iterable[str | Path] = (),
    view: str | None = None,
) -> Path:
    """Write the brief to ``path``, or to standard output for ``-``.

    The format comes from ``fmt`` or the file extension (Markdown for ``-``).

    The file is replaced only once the brief is complete
    (:func:`decisionroom.files.write_output`); an existing file only with ``overwrite``.
    """
    from decisionroom.files import write_output

    key = output_format(path, fmt)
    data = render(decision, analysis, key, author=author, date=date, view=view)
    return write_output(path, data, inputs=inputs, overwrite=overwrite)


def output_format(path: str | Path, fmt: str | None = None) -> str:
    """The brief format for ``path`` (``fmt``, else the extension; Markdown for ``-``).

    Checked before any work is done: an unknown format, a binary format for a
    terminal, or a format whose libraries are missing is refused at once.
    """
    from decisionroom.files import is_stdio

    target = Path(path)
    if fmt is not None:
        key = _format(fmt)
    elif is_stdio(path):
        key = "md"
    elif not target.suffix:
        raise InvalidParameter.at(
            "--output",
            f"Give the file an extension ({', '.join(FORMATS.values())}) or pass --format.",
            code="no_format",
            input=str(path),
        )
    else:
        key = _format(target.suffix, "--output")
    if is_stdio(path) and key not in TEXT_FORMATS and sys.stdout.isatty():
        raise InvalidParameter.at(
            "--output",
            f"A {key} brief is binary and would garble the terminal; write it to a file, "
            "or pipe standard output elsewhere.",
            code="binary_to_terminal",
            input="-",
        )
    require_format(key)
    return key
