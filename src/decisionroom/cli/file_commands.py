"""Commands about the decision file itself: validate, schema, init, methods."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from decisionroom.cli._app import app
from decisionroom.cli._common import ForceOption, echo, guard, stderr
from decisionroom.errors import DecisionroomError


@app.command()
def validate(file: Annotated[Path, typer.Argument(help="Decision file (YAML or JSON).")]) -> None:
    """Check a decision file; print every problem with its location. Exit 0 valid, 2 invalid."""

    def body() -> None:
        from decisionroom.analysis import analyze
        from decisionroom.model import load
        from decisionroom.model.validate import decision_warnings

        decision = load(file)
        warnings = decision_warnings(decision)
        try:
            # the same preparation and ranking as `analyze` (method parameters checked
            # against the factors, weights resolved), so "valid" means it will analyse
            analyze(decision, robustness=False)
        except DecisionroomError as exc:
            exc.warnings = warnings  # type: ignore[attr-defined]
            raise
        for detail in warnings:
            stderr(f"warning: {detail.render()}")
        n_opt, n_fac = len(decision.options), len(decision.factors)
        suffix = f", {len(warnings)} warning(s)" if warnings else ""
        echo(f"{file}: valid ({n_opt} options, {n_fac} factors{suffix})")

    guard(body)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the decision file."""

    def body() -> None:
        from decisionroom.model.schema import json_schema

        typer.echo(json.dumps(json_schema(), indent=2))

    guard(body)


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the starter file.")] = Path(
        "decision.yaml"
    ),
    force: ForceOption = False,
) -> None:
    """Write a commented starter decision file that validates (`-`: standard output)."""

    def body() -> None:
        from importlib.resources import files

        from decisionroom.files import is_stdio, write_output

        text = files("decisionroom").joinpath("starter.yaml").read_text(encoding="utf-8")
        write_output(path, text.encode("utf-8"), overwrite=force, loc="")
        if not is_stdio(path):
            echo(f"wrote {path}; next: decisionroom analyze {path}")

    guard(body)


@app.command("methods")
def list_methods() -> None:
    """List the methods with their parameters."""

    def body() -> None:
        from decisionroom.engine.methods import all_methods

        for spec in all_methods():
            typer.echo(f"{spec.id}: {spec.name}")
            for p in spec.params:
                allowed = (
                    " | ".join(p.choices)
                    if p.kind == "choice"
                    else (p.range_text() if p.kind == "number" else "factor id -> settings")
                )
                typer.echo(f"    {p.name} ({allowed}; default {p.default!r}): {p.doc}")

    guard(body)
