"""Which libraries each brief format needs, checked before any work is done.

``pip install decisionroom`` gives the engine, the file format and the
command line; the brief's libraries come with the ``brief`` extra
(``docs/install.md``). A format whose library is missing is refused at once,
naming the command that installs it, before the analysis runs.
"""

from __future__ import annotations

from importlib.util import find_spec

from decisionroom.errors import AnalysisFailed, ErrorDetail

__all__ = ["INSTALL", "ReportDependencyMissing", "require_format"]

#: The command that installs every library of the brief.
INSTALL = "pip install 'decisionroom[brief]'"

#: Python packages (import names) each format needs.
NEEDS = {
    "md": (),
    "html": ("jinja2", "matplotlib"),
    "pdf": ("jinja2", "matplotlib", "weasyprint"),
    "pptx": ("pptx", "matplotlib"),
    "xlsx": ("openpyxl",),
}

_DISTRIBUTION = {"pptx": "python-pptx", "jinja2": "Jinja2"}


class ReportDependencyMissing(AnalysisFailed):
    """A library a report format needs is not installed."""


def require_format(fmt: str) -> None:
    """Raise :class:`ReportDependencyMissing` when a library ``fmt`` needs is missing."""
    missing = [name for name in NEEDS.get(fmt, ()) if find_spec(name) is None]
    if missing:
        names = ", ".join(_DISTRIBUTION.get(m, m) for m in missing)
        raise ReportDependencyMissing(
            ErrorDetail(
                "--format",
                "missing_dependency",
                f"{fmt} briefs need the Python package{'s' if len(missing) > 1 else ''} "
                f"{names}, which {'are' if len(missing) > 1 else 'is'} not installed; install "
                f"the brief's libraries with `{INSTALL}`.",
            )
        )
