"""What every command shares: option types, error rendering, parameters, output."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from decisionroom.errors import DecisionroomError, ErrorDetail, InvalidParameter

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
ForceOption = Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")]
SeedOption = Annotated[int, typer.Option("--seed", help="Random seed of the SMAA-2 simulation.")]

#: Runs of at least this many SMAA samples show a progress bar on the terminal.
PROGRESS_FROM = 200_000


def stderr(text: str) -> None:
    """Write one line to standard error, control characters shown as visible escapes.

    Errors and warnings quote the user's text (a name, a path, a value), so
    they go through the same terminal-text function as every view.
    """
    from decisionroom._text import for_terminal

    sys.stderr.write(for_terminal(text) + "\n")


def echo(text: str, *, nl: bool = True) -> None:
    """Write text that may quote the user's to standard output, escapes made visible."""
    from decisionroom._text import for_terminal

    typer.echo(for_terminal(text), nl=nl)


def guard(action: Callable[[], T]) -> T:
    """Run a command body; render decisionroom errors as located messages, never a traceback."""
    try:
        return action()
    except DecisionroomError as exc:
        for detail in exc.errors:
            stderr(f"error: {detail.render()}")
        warnings = getattr(exc, "warnings", [])
        for detail in warnings:
            stderr(f"warning: {detail.render()}")
        raise typer.Exit(exc.exit_code) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:  # a bug, not bad input: say so plainly
        if os.environ.get("DECISIONROOM_DEBUG"):
            raise
        stderr(
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


def check_format(fmt: str) -> None:
    if fmt not in ("table", "json"):
        raise InvalidParameter.at(
            "--format", "The format must be 'table' or 'json'.", code="choice", input=fmt
        )


def run_analysis(
    decision: Any, method: str | None, param: list[str] | None, smaa: int, seed: int
) -> Any:
    """Run the full analysis, with a progress bar for long simulations."""
    from decisionroom.analysis import analyze as run
    from decisionroom.analysis.robustness import check_samples

    check_samples(smaa, "--smaa")
    params = parse_params(param)
    if smaa < PROGRESS_FROM or not sys.stderr.isatty():
        return run(decision, method=method, params=params, smaa=smaa, seed=seed)
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("SMAA-2 simulation", total=smaa)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return run(decision, method=method, params=params, smaa=smaa, seed=seed, progress=progress)


def emit(result: Any, decision: Any, fmt: str) -> None:
    if fmt == "json":
        from decisionroom._output import to_json

        typer.echo(to_json(result.to_dict()))
        return
    from decisionroom._terminal import print_analysis

    print_analysis(result, decision)
