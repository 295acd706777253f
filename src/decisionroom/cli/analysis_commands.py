"""Commands that analyse a decision: analyze, explain, brief, rank."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from decisionroom.cli._app import app
from decisionroom.cli._common import (
    ForceOption,
    FormatOption,
    FullRanksOption,
    MethodOption,
    ParamOption,
    RobustnessOption,
    SeedOption,
    SmaaOption,
    TopKOption,
    check_format,
    echo,
    emit,
    guard,
    run_analysis,
)

#: ``--for``: who the explanation or brief is written for (#10).
ReaderOption = Annotated[
    str,
    typer.Option(
        "--for",
        help="decision-maker (default), stakeholder:ID (their weights against the "
        "group's) or subject:ID (for an option: no other option named).",
    ),
]


@app.command()
def analyze(
    file: Annotated[Path, typer.Argument(help="Decision file (YAML or JSON).")],
    method: MethodOption = None,
    param: ParamOption = None,
    fmt: FormatOption = "table",
    smaa: SmaaOption = 10_000,
    seed: SeedOption = 0,
    robustness: RobustnessOption = True,
    top_k: TopKOption = 10,
    full_ranks: FullRanksOption = False,
) -> None:
    """Rank the options of a decision file and show weights, scores and ranks.

    The JSON form also holds the robustness analysis: sensitivity, SMAA-2,
    the stakeholders' consensus and the explanation.
    """

    def body() -> None:
        from decisionroom.model import load

        check_format(fmt)
        decision = load(file)
        result = run_analysis(
            decision,
            method,
            param,
            smaa,
            seed,
            robustness=robustness,
            top_k=top_k,
            full_ranks=full_ranks,
        )
        emit(result, decision, fmt)

    guard(body)


@app.command()
def explain(
    file: Annotated[Path, typer.Argument(help="Decision file (YAML or JSON).")],
    method: MethodOption = None,
    param: ParamOption = None,
    smaa: SmaaOption = 10_000,
    seed: SeedOption = 0,
    top_k: TopKOption = 10,
    full_ranks: FullRanksOption = False,
    reader: ReaderOption = "decision-maker",
) -> None:
    """Explain the recommendation in plain words: why, how safe, who differs, what is unknown."""

    def body() -> None:
        from decisionroom.explain.views import parse_view, view_text
        from decisionroom.model import load

        decision = load(file)
        parse_view(reader, decision)  # a wrong --for is an error before the analysis
        result = run_analysis(
            decision,
            method,
            param,
            smaa,
            seed,
            top_k=top_k,
            full_ranks=full_ranks,
        )
        echo(view_text(decision, result.to_dict(), reader), nl=False)

    guard(body)


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
    top_k: TopKOption = 10,
    full_ranks: FullRanksOption = False,
    author: Annotated[
        str | None, typer.Option(help="Author shown in the brief; default the file's prepared_by.")
    ] = None,
    force: ForceOption = False,
    reader: ReaderOption = "decision-maker",
) -> None:
    """Write the decision brief: recommendation, factors, options, robustness, next steps.

    `-o -` writes the brief to standard output (Markdown unless --format says otherwise).
    `--for subject:ID` writes it for one option (a candidate, a vendor) and names no other.
    """

    def body() -> None:
        from decisionroom.explain.views import parse_view
        from decisionroom.files import check_output, is_stdio
        from decisionroom.model import load
        from decisionroom.reports import output_format, write

        output_format(output, fmt)  # a bad format or a missing library: say so before working
        check_output(output, inputs=[file], overwrite=force)  # and a place it may not write
        decision = load(file)
        parse_view(reader, decision)  # a wrong --for is an error before the analysis
        result = run_analysis(
            decision,
            method,
            param,
            smaa,
            seed,
            top_k=top_k,
            full_ranks=full_ranks,
        )
        path = write(
            decision,
            result.to_dict(),
            output,
            fmt,
            author=author,
            overwrite=force,
            inputs=[file],
            view=reader,
        )
        if not is_stdio(path):
            echo(f"wrote {path}")

    guard(body)


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
    smaa: SmaaOption = 10_000,
    seed: SeedOption = 0,
    robustness: RobustnessOption = True,
    top_k: TopKOption = 10,
    full_ranks: FullRanksOption = False,
) -> None:
    """Rank the options of a spreadsheet: first column options, header row factors.

    Optional rows whose first cell is `direction` (max/min) or `weight` set
    the factors' directions and weights; --directions and --weights override them.
    """

    def body() -> None:
        from decisionroom.model.spreadsheet import read_matrix

        check_format(fmt)
        decision, notes = read_matrix(matrix, weights=weights, directions=directions)
        result = run_analysis(
            decision,
            method,
            param,
            smaa,
            seed,
            robustness=robustness,
            top_k=top_k,
            full_ranks=full_ranks,
        )
        result.warnings[:0] = notes
        emit(result, decision, fmt)

    guard(body)
