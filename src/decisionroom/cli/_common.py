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
    typer.Option(
        "--smaa",  # 0 to 10,000,000: checked with a located error (check_samples)
        help="SMAA-2 samples for the robustness analysis (0: skip; at most 10,000,000).",
    ),
]
RobustnessOption = Annotated[
    bool,
    typer.Option(
        "--robustness/--no-robustness",
        help="Run the robustness pass (sensitivity, SMAA-2, consensus, explanation).",
    ),
]
TopKOption = Annotated[
    int,
    typer.Option(
        "--top-k",
        min=1,
        max=1000,
        help="On a long list, how many options get what-ifs and sweeps (docs/analysis-json.md).",
    ),
]
FullRanksOption = Annotated[
    bool,
    typer.Option(
        "--full-ranks",
        help="Count every rank in SMAA even on a long list (memory grows with options squared).",
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")]
SeedOption = Annotated[int, typer.Option("--seed", help="Random seed of the SMAA-2 simulation.")]


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
    except BrokenPipeError:
        # the reader went away (`decisionroom ... | head`): not a bug, nothing to say.
        # Point stdout at /dev/null so the interpreter's final flush fails quietly too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(1) from None
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
    decision: Any,
    method: str | None,
    param: list[str] | None,
    smaa: int,
    seed: int,
    *,
    robustness: bool = True,
    top_k: int = 10,
    full_ranks: bool = False,
) -> Any:
    """Run the analysis, with a progress bar on a terminal's stderr for slow steps."""
    from decisionroom.analysis import analyze as run
    from decisionroom.analysis.robustness import check_samples
    from decisionroom.cli._progress import step_bar

    check_samples(smaa, "--smaa")
    params = parse_params(param)
    with step_bar() as bar:
        return run(
            decision,
            method=method,
            params=params,
            robustness=robustness,
            smaa=smaa,
            seed=seed,
            top_k=top_k,
            full_ranks=full_ranks,
            progress=bar,
        )


def emit(result: Any, decision: Any, fmt: str) -> None:
    if fmt == "json":
        from decisionroom._output import to_json

        typer.echo(to_json(result.to_dict()))
        return
    from decisionroom._terminal import print_analysis

    print_analysis(result, decision)
