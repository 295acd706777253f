"""The brief as PDF: the HTML brief laid out by WeasyPrint (its print stylesheet).

WeasyPrint needs Pango at run time. When it or its system libraries are
missing, :func:`render_pdf` raises :class:`ReportDependencyMissing` naming
the package and the command that installs it, instead of a traceback.
"""

from __future__ import annotations

import warnings
from typing import Any

from decisionroom.errors import ErrorDetail
from decisionroom.reports._extras import INSTALL, ReportDependencyMissing
from decisionroom.reports.content import Brief
from decisionroom.reports.html import render_html

#: Debian/Ubuntu packages WeasyPrint loads at run time (see `make system-deps`).
SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"


def _weasyprint() -> Any:
    try:
        with warnings.catch_warnings():
            # WeasyPrint warns at import when the optional HarfBuzz-subset library is
            # missing (#9); that is advice for packagers, not an error of the brief.
            warnings.simplefilter("ignore", DeprecationWarning)
            warnings.simplefilter("ignore", UserWarning)
            import weasyprint
    except ImportError as exc:
        missing = getattr(exc, "name", None) or ""
        if missing.split(".")[0] == "weasyprint":
            raise ReportDependencyMissing(
                ErrorDetail(
                    "--format",
                    "missing_dependency",
                    "PDF briefs need the Python package weasyprint; install the brief's "
                    f"libraries with `{INSTALL}`.",
                )
            ) from None
        raise _system_missing(exc) from None
    except OSError as exc:  # cffi cannot load libpango / libgobject
        raise _system_missing(exc) from None
    return weasyprint


def _system_missing(exc: BaseException) -> ReportDependencyMissing:
    return ReportDependencyMissing(
        ErrorDetail(
            "--format",
            "missing_dependency",
            f"PDF briefs need WeasyPrint's system libraries (Pango), which could not be "
            f"loaded ({exc}). On Debian or Ubuntu install them with "
            f"`apt-get install {SYSTEM_PACKAGES}` (or run `make system-deps` as root); "
            "on macOS `brew install pango`.",
        )
    )


def render_pdf(brief: Brief) -> bytes:
    """The brief as PDF bytes (A4)."""
    weasyprint = _weasyprint()
    html = render_html(brief, raster=True)
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_data_only(weasyprint))
    return bytes(document.write_pdf())


def _data_only(weasyprint: Any) -> Any:
    """A URL fetcher for inline ``data:`` URIs only: the brief loads nothing from outside."""
    from weasyprint import urls

    if hasattr(urls, "URLFetcher"):  # WeasyPrint >= 67
        return urls.URLFetcher(allowed_protocols=("data",))

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:  # pragma: no cover - old WeasyPrint
        if not url.startswith("data:"):
            raise ValueError(f"decisionroom briefs load no outside resource (asked for {url!r})")
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return fetch
