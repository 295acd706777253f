"""The brief as Markdown (CommonMark with GitHub tables): text and tables, no charts.

User text is escaped, so a factor named ``<script>`` or ``*bold*`` prints as
written and cannot inject HTML or break a table. The charts' numbers are all
in the tables.
"""

from __future__ import annotations

from collections.abc import Sequence

from decisionroom._text import for_markdown
from decisionroom.reports.content import Brief, pct, points


def esc(value: str) -> str:
    """Escape Markdown and inline HTML in user text; newlines become spaces.

    One function for every piece of text (:func:`decisionroom._text.for_markdown`):
    a paragraph may start with an option's name, so block markers are escaped too.
    """
    return for_markdown(value)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    align = ["---:" if i in right else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]


def _reader(brief: Brief) -> list[str]:
    """A stakeholder's weights against the group's, and what their weights would choose."""
    reader = brief.reader
    if reader is None:
        return []
    out = [f"## {brief.headings['reader']}", ""]
    if reader.rows:
        out += _table(
            ["Factor", "Your weight", "Group (used)", "Difference"],
            [
                [esc(w.factor), pct(w.mine), pct(w.group), points(w.mine, w.group)]
                for w in reader.rows
            ],
            {1, 2, 3},
        )
    return out + [esc(reader.choice), ""]


def render_markdown(brief: Brief) -> str:
    """The brief as Markdown text."""
    r = brief.recommendation
    h = brief.headings
    out: list[str] = [f"# {esc(brief.title)}", ""]
    if brief.audience:
        out += [f"Decision brief for {esc(brief.audience)}", ""]
    if brief.subtitle:
        out += [f"*{esc(brief.subtitle)}*", ""]

    out += [f"## {h['recommendation']}", "", f"**{esc(r.sentence)}**", ""]
    out += [f"- **{esc(k)}:** {esc(v)}" for k, v in r.kpis]
    out += [""] if r.kpis else []
    why = brief.claims.get("why", []) + brief.claims.get("tradeoff", [])
    out += [esc(" ".join(why)), ""] if why else []
    if r.safety or r.flip:
        out += [esc(f"{r.safety} {r.flip}".strip()), ""]
    out += _reader(brief)

    if brief.goal or brief.challenges or brief.needs:
        out += [f"## {h['heard']}", ""]
        if brief.goal:
            horizon = f" (horizon: {esc(brief.horizon)})" if brief.horizon else ""
            out += [f"**Goal:** {esc(brief.goal)}{horizon}", ""]
        if brief.challenges:
            out += ["### Challenges in the way", ""]
            out += [f"- **C{i}** {esc(c)}" for i, c in enumerate(brief.challenges, 1)] + [""]
        if brief.needs:
            out += ["### What must be true: the needs", ""]
            for n in brief.needs:
                answers = f" *(answers {', '.join(n.challenges)})*" if n.challenges else ""
                out.append(f"- **{n.label}** {esc(n.statement)}{answers}")
            out.append("")

    out += [f"## {h['factors']}", ""]
    out += _table(
        ["Factor", "Unit", "Direction", "Why it matters", "Serves", "Weight"],
        [
            [
                f"**{esc(f.name)}**",
                esc(f.unit) or "–",
                f.direction,
                esc(f.why) or "–",
                ", ".join(f.needs) or "–",
                f.weight_text,
            ]
            for f in brief.factors
        ],
        {5},
    )
    if brief.stakeholders:
        out += ["### Who weighed it how", ""]
        header = ["Factor", *(esc(s.label) for s in brief.stakeholders), "Group (used)"]
        rows = [
            [
                esc(f.name),
                *(f.by_stakeholder.get(s.label, "–") for s in brief.stakeholders),
                f"**{f.weight_text}**",
            ]
            for f in brief.factors
        ]
        out += _table(header, rows, set(range(1, len(header))))

    out += [f"## {h['options']}", ""]
    for o in brief.options:
        tags = ", ".join(t for t in (o.kind, "our offer" if o.ours else "") if t)
        line = f"- **{esc(o.name)}**" + (f" ({esc(tags)})" if tags else "")
        out.append(line + (f": {esc(o.description)}" if o.description else ""))
    out += ["", f"### {h['performance']}", ""]
    header = ["Rank", "Option", *(esc(f.heading) for f in brief.factors), "Score"]
    rows = []
    for o in brief.options:
        if o.rank is None:
            rows.append(["–", esc(o.name), *([""] * len(brief.factors)), esc(o.excluded)])
            continue
        name = f"**{esc(o.name)}**" if o.rank == 1 else esc(o.name)
        cells = [o.cells.get(f.id, "–") for f in brief.factors]
        rows.append([str(o.rank), name, *cells, o.score_text])
    out += _table(header, rows, {0, *range(2, len(header))})
    out += ["Estimates read “likely (low–high)”.", ""]
    if brief.sources:
        out += ["### Sources", ""] + [f"- {esc(src.line)}" for src in brief.sources] + [""]
    if brief.evidence:
        out += [f"- {esc(c)}" for c in brief.evidence] + [""]
    if brief.contributions:
        out += ["### What each factor adds to the score", ""]
        header = ["Option", *(esc(f.name) for f in brief.factors), "Total"]
        rows = []
        for o in brief.ranked:
            row = brief.contributions.get(o.id)
            if row is None:
                continue
            cells = [f"{float(row.get(f.id, 0.0)):.3f}" for f in brief.factors]
            rows.append([esc(o.name), *cells, f"{sum(float(v) for v in row.values()):.3f}"])
        out += _table(header, rows, set(range(1, len(header))))

    if brief.sensitivity or brief.acceptability:
        out += [f"## {h['robustness']}", ""]
        if brief.sensitivity:
            out += ["### Weight sensitivity", ""]
            out += _table(
                ["Factor", "Weight now", "Winner stays first for weights", "First place changes"],
                [[esc(s.factor), s.weight, s.interval, esc(s.flip)] for s in brief.sensitivity],
                {1, 2},
            )
        if brief.acceptability:
            ranks = max(len(v) for v in brief.acceptability.values())
            out += [f"### Simulation (SMAA): {esc(brief.smaa_samples)}", ""]
            rows = [
                [esc(o.name), *(pct(v) for v in brief.acceptability[o.id])]
                for o in brief.ranked
                if o.id in brief.acceptability
            ]
            out += _table(
                ["Option", *(f"Rank {k + 1}" for k in range(ranks))],
                rows,
                set(range(1, ranks + 1)),
            )

    if brief.stakeholders:
        out += ["## Where the stakeholders agree and differ", ""]
        if brief.verdict:
            w = f" (Kendall's W = {brief.kendall_w})" if brief.kendall_w else ""
            out += [f"**{esc(brief.verdict[:1].upper() + brief.verdict[1:])}**{w}.", ""]
        out += _table(
            ["Stakeholder", "Influence", "Would choose", "Agreement (−1 to 1)"],
            [[esc(s.label), s.influence, esc(s.winner), s.agreement] for s in brief.stakeholders],
            {1, 3},
        )
        notes = brief.claims.get("stakeholders") or ([brief.outlier] if brief.outlier else [])
        out += [f"- {esc(c)}" for c in notes] + ([""] if notes else [])

    if brief.what_would_change or brief.unknowns:
        out += [f"## {h['changes']}", ""]
        out += [f"- {esc(c)}" for c in brief.what_would_change]
        out += [""]
        if brief.unknowns:
            out += ["### Still unknown, and it matters", ""]
            out += [f"- {esc(c)}" for c in brief.unknowns] + [""]

    if brief.next_steps:
        out += [f"## {h['next_steps']}", ""]
        out += [f"{i}. {esc(s)}" for i, s in enumerate(brief.next_steps, 1)] + [""]

    out += [f"## {h['appendix']}", ""]
    out += [f"- **{esc(k)}:** {esc(v)}" for k, v in brief.appendix] + [""]
    if brief.assumptions:
        out += ["### Assumptions", ""] + [f"- {esc(a)}" for a in brief.assumptions] + [""]
    return "\n".join(out).rstrip() + "\n"
