"""The ``decisionroom`` command. Thin: parse, call the model and engine, print.

Exit codes: 0 success, 2 bad input (located messages on stderr), 1 failure.
Heavy modules are imported inside the commands so start-up stays fast. Each
``*_commands`` module registers its commands on the one Typer app.
"""

from __future__ import annotations

from decisionroom.cli import (  # noqa: F401  (registers)
    analysis_commands,
    discovery_commands,
    file_commands,
    library_commands,
)
from decisionroom.cli._app import app
from decisionroom.cli._common import parse_params

__all__ = ["app", "main", "parse_params"]


def main() -> None:
    """Console-script entry point.

    Library warnings (numpy's overflow, matplotlib's missing glyphs) are not
    for the user: what they should know reaches them as a located note. With
    ``DECISIONROOM_DEBUG=1`` they are shown; the test suite turns them into
    errors instead, so none goes unnoticed.
    """
    import os
    import warnings

    if not os.environ.get("DECISIONROOM_DEBUG"):
        warnings.simplefilter("ignore")
    app()
