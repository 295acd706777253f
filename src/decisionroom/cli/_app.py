"""The Typer application every command module registers on."""

from __future__ import annotations

from typing import Annotated

import typer

from decisionroom import __version__

app = typer.Typer(
    name="decisionroom",
    help="Model a client's decision, weigh the factors, get a ranking that is explained.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion (issue #9)
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"decisionroom {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Model a client's decision, weigh the factors, get a ranking that is explained."""
