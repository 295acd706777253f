"""The ``decisionroom`` command. Thin: parse, call the model and engine, print.

Exit codes: 0 success, 2 bad input (located messages on stderr), 1 failure.
Heavy modules are imported inside the commands so start-up stays fast. Each
``*_commands`` module registers its commands on the one Typer app.
"""

from __future__ import annotations

from decisionroom.cli import (  # noqa: F401  (registers)
    account_commands,
    analysis_commands,
    archive_commands,
    crm_commands,
    discovery_commands,
    file_commands,
    library_commands,
    library_store_commands,
    serve_command,
    store_commands,
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

    # The engine's matrix products are skinny (a few factors by many options) and
    # bound by memory, not arithmetic: BLAS threads gain nothing there and, on a
    # busy machine, spin against each other (SMAA on 100,000 options: 5 s with one
    # thread, 9-14 s with two under load; issue #9). Set before numpy loads BLAS;
    # a user's own setting wins.
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    if not os.environ.get("DECISIONROOM_DEBUG"):
        warnings.simplefilter("ignore")
    app()
