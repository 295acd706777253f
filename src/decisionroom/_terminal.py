"""Readable terminal output of an analysis (rich tables).

Every piece of text shown here passes through :func:`show`, so a name holding
escape sequences prints them as visible escapes (docs/limits.md, "Text from users").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from decisionroom._text import for_terminal
from decisionroom.analysis import Analysis


def consistency_line(c: Mapping[str, Any]) -> str:
    """How consistent the judgments behind the weights are, in one line."""
    worst = c.get("worst_judgment")
    if c.get("method") == "best_worst":
        limit = c.get("threshold")
        line = f"best-worst weights: consistency ratio {c['ratio']:.3f} " + (
            f"(threshold {limit:.2f}, Liang, Brunelli & Rezaei 2020)"
            if limit is not None
            else "(no published threshold for so few factors or so mild a best-to-worst judgment)"
        )
        if worst:
            line += f"; judgments to review: {worst[0]} vs {worst[1]}, {worst[1]} vs {worst[2]}"
        return line
    line = (
        f"pairwise weights: consistency ratio {c['ratio']:.3f} "
        f"(random index {c['random_index']:.2f})"
    )
    if worst:
        line += f"; most inconsistent judgment: {worst[0]} vs {worst[1]}"
    return line


def show(text: object) -> Text:
    """User text as rich :class:`Text`, control characters as visible escapes, no markup."""
    return Text(for_terminal(text))


def _fmt(x: float, digits: int = 3) -> str:
    return f"{x:.{digits}f}"


def print_analysis(analysis: Analysis, decision: Any, console: Console | None = None) -> None:
    """Print the title, the weights and the ranking, then any warnings."""
    console = console or Console(highlight=False, markup=False)  # user text is never markup
    factors = {f.id: f for f in decision.factors}
    options = {o.id: o for o in decision.options}
    params = ", ".join(f"{k}={v}" for k, v in analysis.params.items() if not isinstance(v, dict))
    method = f"{analysis.method} ({params})" if params else analysis.method
    console.print(Text(for_terminal(decision.title), style="bold"))
    console.print(show(f"method: {method}"))

    weights = Table(title="Weights", title_justify="left", show_edge=False)
    weights.add_column("factor")
    weights.add_column("direction")
    weights.add_column("unit")
    weights.add_column("weight", justify="right")
    for fid, w in sorted(analysis.weights.items(), key=lambda kv: -kv[1]):
        f = factors.get(fid)
        direction = "more is better" if f is None or f.direction == "max" else "less is better"
        weights.add_row(
            show(f.name if f is not None and f.name else fid),
            direction,
            show((f.unit or "") if f else ""),
            f"{100 * w:.1f}%",
        )
    console.print(weights)
    if analysis.consistency:
        console.print(for_terminal(consistency_line(analysis.consistency)))

    better = "higher is better" if analysis.higher_is_better else "lower is better"
    ranking = Table(title=f"Ranking (score: {better})", title_justify="left", show_edge=False)
    ranking.add_column("rank", justify="right")
    ranking.add_column("option")
    ranking.add_column("kind")
    ranking.add_column("score", justify="right")
    smaa = analysis.extra.get("smaa")
    if smaa:
        ranking.add_column("first in", justify="right")
    for row in analysis.ranking:
        o = options.get(row.option)
        name = row.name + (" (ours)" if o is not None and getattr(o, "ours", False) else "")
        kind = (o.kind or "") if o is not None else ""
        style = "bold green" if row.rank == 1 else None
        cells: list[str | Text] = [str(row.rank), show(name), show(kind), _fmt(row.score)]
        if smaa:
            shares = smaa["rank_acceptability"].get(row.option)  # a long list lists contenders
            cells.append(f"{100 * shares[0]:.0f}%" if shares else "0%")
        ranking.add_row(*cells, style=style)
    # options a must-have set aside stay in view, marked with the reason (#10)
    for item in analysis.extra.get("excluded") or []:
        o = options.get(item["option"])
        name = str(getattr(o, "name", None) or item["option"])
        kind = (getattr(o, "kind", None) or "") if o is not None else ""
        cells = ["–", show(name), show(kind), show(f"set aside: {item['reason']}")]
        if smaa:
            cells.append("")
        ranking.add_row(*cells, style="dim")
    console.print(ranking)
    if smaa:
        console.print(
            f"first in: share of {smaa['samples']:,} SMAA-2 samples (weights "
            f"{smaa['weights_model']}; performance {smaa['performance_model']}) "
            "in which the option ranks first."
        )
    explanation = analysis.extra.get("explanation")
    if explanation:
        console.print()
        console.print(show(explanation["summary"]))
        console.print("Run `decisionroom explain` for the full reasoning.", style="dim")
    for note in analysis.warnings:
        console.print(Text(for_terminal(f"note: {note.render()}"), style="yellow"))
