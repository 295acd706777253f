"""The ``decisionroom`` command. Thin: parse, call the model and engine, print.

Exit codes: 0 success, 2 bad input (located messages on stderr), 1 failure.
Heavy modules are imported inside the commands so start-up stays fast.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from decisionroom import __version__
from decisionroom.errors import DecisionroomError, ErrorDetail, InvalidParameter

app = typer.Typer(
    name="decisionroom",
    help="Model a client's decision, weigh the factors, get a ranking that is explained.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

T = TypeVar("T")

MethodOption = Annotated[
    str | None,
    typer.Option("--method", "-m", help="Method id (see `decisionroom methods`)."),
]
ParamOption = Annotated[
    list[str] | None,
    typer.Option(
        "--param",
        "-p",
        help="Method parameter KEY=VALUE; VALUE may be JSON (numbers, objects). Repeatable.",
    ),
]
FormatOption = Annotated[
    str, typer.Option("--format", "-f", help="Output: table (for people) or json (contract 2).")
]
SmaaOption = Annotated[
    int,
    typer.Option("--smaa", min=0, help="SMAA-2 samples for the robustness analysis (0: skip)."),
]
SeedOption = Annotated[int, typer.Option("--seed", help="Random seed of the SMAA-2 simulation.")]

#: Runs of at least this many SMAA samples show a progress bar on the terminal.
PROGRESS_FROM = 200_000


def _stderr(text: str) -> None:
    sys.stderr.write(text + "\n")


def _guard(action: Callable[[], T]) -> T:
    """Run a command body; render decisionroom errors as located messages, never a traceback."""
    try:
        return action()
    except DecisionroomError as exc:
        for detail in exc.errors:
            _stderr(f"error: {detail.render()}")
        warnings = getattr(exc, "warnings", [])
        for detail in warnings:
            _stderr(f"warning: {detail.render()}")
        raise typer.Exit(exc.exit_code) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:  # a bug, not bad input: say so plainly
        if os.environ.get("DECISIONROOM_DEBUG"):
            raise
        _stderr(
            f"error: unexpected {type(exc).__name__}: {exc}\n"
            "This is a bug in decisionroom; run again with DECISIONROOM_DEBUG=1 for details."
        )
        raise typer.Exit(1) from None


def parse_params(pairs: list[str] | None, loc: str = "--param") -> dict[str, Any]:
    """Turn ``KEY=VALUE`` strings into a dict; VALUE is JSON when it parses as JSON."""
    out: dict[str, Any] = {}
    problems: list[ErrorDetail] = []
    for pair in pairs or []:
        key, sep, raw = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            problems.append(
                ErrorDetail(loc, "param_syntax", "Write parameters as KEY=VALUE.", input=pair)
            )
            continue
        try:
            out[key] = json.loads(raw)
        except json.JSONDecodeError:
            out[key] = raw.strip()
    if problems:
        raise InvalidParameter(problems)
    return out


def _check_format(fmt: str) -> None:
    if fmt not in ("table", "json"):
        raise InvalidParameter.at(
            "--format", "The format must be 'table' or 'json'.", code="choice", input=fmt
        )


@app.command()
def analyze(
    file: Annotated[Path, typer.Argument(help="Decision file (YAML or JSON).")],
    method: MethodOption = None,
    param: ParamOption = None,
    fmt: FormatOption = "table",
    smaa: SmaaOption = 10_000,
    seed: SeedOption = 0,
) -> None:
    """Rank the options of a decision file and show weights, scores and ranks.

    The JSON form also holds the robustness analysis: sensitivity, SMAA-2,
    the stakeholders' consensus and the explanation.
    """

    def body() -> None:
        from decisionroom.model import load

        _check_format(fmt)
        decision = load(file)
        result = _run_analysis(decision, method, param, smaa, seed)
        _emit(result, decision, fmt)

    _guard(body)


@app.command()
def explain(
    file: Annotated[Path, typer.Argument(help="Decision file (YAML or JSON).")],
    method: MethodOption = None,
    param: ParamOption = None,
    smaa: SmaaOption = 10_000,
    seed: SeedOption = 0,
) -> None:
    """Explain the recommendation in plain words: why, how safe, who differs, what is unknown."""

    def body() -> None:
        from decisionroom.explain import as_text
        from decisionroom.model import load

        decision = load(file)
        result = _run_analysis(decision, method, param, smaa, seed)
        typer.echo(as_text(result.extra["explanation"], decision.title), nl=False)

    _guard(body)


@app.command()
def brief(
    file: Annotated[Path, typer.Argument(help="Decision file (YAML or JSON).")],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="Where to write the brief (.html .pdf .pptx .md .xlsx)."
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="html, pdf, pptx, md or xlsx; default from the extension."
        ),
    ] = None,
    method: MethodOption = None,
    param: ParamOption = None,
    smaa: SmaaOption = 10_000,
    seed: SeedOption = 0,
    author: Annotated[
        str | None, typer.Option(help="Author shown in the appendix; default the decision maker.")
    ] = None,
) -> None:
    """Write the decision brief: recommendation, factors, options, robustness, next steps."""

    def body() -> None:
        from decisionroom._output import clean
        from decisionroom.model import load
        from decisionroom.reports import write

        decision = load(file)
        result = _run_analysis(decision, method, param, smaa, seed)
        path = write(decision, clean(result.to_dict()), output, fmt, author=author)
        typer.echo(f"wrote {path}")

    _guard(body)


def _run_analysis(
    decision: Any, method: str | None, param: list[str] | None, smaa: int, seed: int
) -> Any:
    """Run the full analysis, with a progress bar for long simulations."""
    from decisionroom.analysis import analyze as run

    params = parse_params(param)
    if smaa < PROGRESS_FROM or not sys.stderr.isatty():
        return run(decision, method=method, params=params, smaa=smaa, seed=seed)
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("SMAA-2 simulation", total=smaa)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return run(decision, method=method, params=params, smaa=smaa, seed=seed, progress=progress)


@app.command()
def rank(
    matrix: Annotated[Path, typer.Argument(help="Decision matrix: .csv or .xlsx.")],
    method: MethodOption = None,
    param: ParamOption = None,
    weights: Annotated[
        str | None,
        typer.Option(help="Weights in factor order (3,2,1) or by name (cost=3,speed=2)."),
    ] = None,
    directions: Annotated[
        str | None,
        typer.Option(help="Directions in factor order (max,min) or by name (cost=min)."),
    ] = None,
    fmt: FormatOption = "table",
) -> None:
    """Rank the options of a spreadsheet: first column options, header row factors.

    Optional rows whose first cell is `direction` (max/min) or `weight` set
    the factors' directions and weights; --directions and --weights override them.
    """

    def body() -> None:
        from decisionroom.analysis import analyze as run
        from decisionroom.model.spreadsheet import read_matrix

        _check_format(fmt)
        decision, notes = read_matrix(matrix, weights=weights, directions=directions)
        result = run(decision, method=method, params=parse_params(param))
        result.warnings[:0] = notes
        _emit(result, decision, fmt)

    _guard(body)


@app.command()
def validate(file: Annotated[Path, typer.Argument(help="Decision file (YAML or JSON).")]) -> None:
    """Check a decision file; print every problem with its location. Exit 0 valid, 2 invalid."""

    def body() -> None:
        from decisionroom.model import load
        from decisionroom.model.validate import decision_warnings

        decision = load(file)
        warnings = decision_warnings(decision)
        for detail in warnings:
            _stderr(f"warning: {detail.render()}")
        n_opt, n_fac = len(decision.options), len(decision.factors)
        suffix = f", {len(warnings)} warning(s)" if warnings else ""
        typer.echo(f"{file}: valid ({n_opt} options, {n_fac} factors{suffix})")

    _guard(body)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the decision file."""

    def body() -> None:
        from decisionroom.model.schema import json_schema

        typer.echo(json.dumps(json_schema(), indent=2))

    _guard(body)


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the starter file.")] = Path(
        "decision.yaml"
    ),
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter decision file that validates."""

    def body() -> None:
        from importlib.resources import files

        from decisionroom.errors import UnreadableFile

        if path.exists() and not force:
            raise UnreadableFile.at(
                str(path),
                "The file already exists; choose another path or pass --force to overwrite it.",
                code="exists",
            )
        text = files("decisionroom").joinpath("starter.yaml").read_text(encoding="utf-8")
        path.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {path}; next: decisionroom analyze {path}")

    _guard(body)


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

    _guard(body)


def _emit(result: Any, decision: Any, fmt: str) -> None:
    if fmt == "json":
        from decisionroom._output import to_json

        typer.echo(to_json(result.to_dict()))
        return
    from decisionroom._terminal import print_analysis

    print_analysis(result, decision)


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


def main() -> None:
    """Console-script entry point."""
    app()
