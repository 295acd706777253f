"""The brief for each reader: the decision maker, one stakeholder, or one subject (#10).

The decision maker's brief is :func:`decisionroom.reports.content.build`.
A stakeholder's adds, after the recommendation, their weights factor by
factor against the group's and what their own weights would choose. A
subject's (a candidate, a vendor) is built from a whitelist: its own row,
its own simulation shares, the factors and their weights, and what would put
it first; no other option's name or number reaches any format, and any user
text that names another option has that name replaced.

The facts of both views come from :mod:`decisionroom.explain.views`, so the
brief and ``explain --for`` say the same.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from collections.abc import Mapping
from typing import Any

from decisionroom.explain.views import (
    NO_CHANGE,
    ordinal,
    parse_view,
    stakeholder_view,
    subject_view,
)
from decisionroom.explain.words import times
from decisionroom.model.decision import Decision
from decisionroom.reports.content import Brief, Recommendation, build, pct

#: Headings of a subject's brief, written to the option being chosen.
SUBJECT_HEADINGS = {
    "recommendation": "Where you stand",
    "heard": "What the decision is about",
    "factors": "What decides",
    "options": "Your numbers",
    "performance": "Your performance",
    "robustness": "How often you come first",
    "smaa": "Simulation (SMAA): how often you take each rank",
    "changes": "What would put you first",
}
#: Headings of a stakeholder's brief: the next steps are the decision maker's.
STAKEHOLDER_HEADINGS = {"next_steps": "The decision maker's next steps"}
#: What a rival's name becomes in user text of a subject's brief.
ANOTHER = "another option"


def build_for(
    decision: Decision,
    analysis: Mapping[str, Any],
    view: str | None = None,
    *,
    author: str | None = None,
    date: _dt.date | str | None = None,
) -> Brief:
    """The brief for the reader ``view`` names: decision-maker, stakeholder:ID or subject:ID."""
    kind, ident = parse_view(view, decision)
    brief = build(decision, analysis, author=author, date=date)
    if kind == "stakeholder" and ident is not None:
        return _for_stakeholder(brief, decision, analysis, ident)
    if kind == "subject" and ident is not None:
        return _for_subject(brief, decision, analysis, ident)
    return brief


def _for_stakeholder(
    brief: Brief, decision: Decision, analysis: Mapping[str, Any], sid: str
) -> Brief:
    reader = stakeholder_view(decision, analysis, sid)
    brief.view, brief.audience, brief.reader = "stakeholder", reader.label, reader
    brief.headings.update(STAKEHOLDER_HEADINGS)
    return brief


def _for_subject(full: Brief, decision: Decision, analysis: Mapping[str, Any], oid: str) -> Brief:
    view = subject_view(decision, analysis, oid)
    name = full.option_name(oid)
    own = [o for o in full.options if o.id == oid]
    rivals = [o.name for o in full.options if o.id != oid and o.name and o.name != name]
    kpis: list[tuple[str, str]] = []
    if view.rank is None:
        sentence = view.standing
    else:
        place = "first" if view.rank == 1 else ordinal(view.rank)
        sentence = f"You rank {place} of {view.count} on today's weights and estimates."
        kpis.append(("Your rank", f"{ordinal(view.rank)} of {view.count}"))
    samples = (analysis.get("smaa") or {}).get("samples")
    if view.first_share is not None:
        runs = f" of {times(int(samples))} simulations" if samples else " of the simulations"
        kpis.append(("First place in simulations", f"{pct(view.first_share)}{runs}"))
    changes = view.changes or ([NO_CHANGE] if view.rank not in (None, 1) else [])
    if view.changes:
        kpis.append(("Closest change to first place", view.changes[0]))
    if view.weights:
        _, top, weight = view.weights[0]
        kpis.append(("Factor that counts most", f"{top}: {pct(weight)}"))
    brief = Brief(
        title=full.title,
        client=full.client,
        subtitle=full.subtitle,
        recommendation=Recommendation(
            winner_id=oid,
            winner=name,
            sentence=sentence,
            margin="",
            safety=view.share_sentence,
            flip="",
            summary=" ".join(t for t in (sentence, view.share_sentence) if t),
            kpis=kpis,
        ),
        goal=full.goal,
        horizon=full.horizon,
        challenges=list(full.challenges),
        needs=list(full.needs),
        factors=[dataclasses.replace(f, by_stakeholder={}) for f in full.factors],
        options=own,
        higher_is_better=full.higher_is_better,
        contributions={k: v for k, v in full.contributions.items() if k == oid},
        values={k: v for k, v in full.values.items() if k == oid},
        smaa_samples=full.smaa_samples,
        acceptability={k: v for k, v in full.acceptability.items() if k == oid},
        what_would_change=changes,
        appendix=[(k, _unnamed(v, rivals) if k == "Prepared by" else v) for k, v in full.appendix],
        # the analysis warnings may name other options: only the notes on method stay
        assumptions=full.assumptions[len(analysis.get("warnings") or []) :],
        sources=[
            dataclasses.replace(src, number=i)
            for i, src in enumerate((s for s in full.sources if s.option_id == oid), 1)
        ],
        audience=name,
        view="subject",
    )
    brief.headings.update(SUBJECT_HEADINGS)
    return _scrubbed(brief, rivals)


def _unnamed(value: str, rivals: list[str]) -> str:
    """'Maya Lindqvist, Account director, Northwind' without the part naming a rival."""
    folded = [r.casefold() for r in rivals]
    parts = [p for p in value.split(", ") if not any(r in p.casefold() for r in folded)]
    return ", ".join(parts) or "–"


def _scrubbed(brief: Brief, rivals: list[str]) -> Brief:
    """Every text of the brief with the rivals' names replaced, however the user wrote them."""
    if not rivals:
        return brief
    own = brief.recommendation.winner
    # longest first, and the subject's own name kept: "Acme" is a rival of "Acme Cloud"
    names = sorted({*rivals, own}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in names), re.IGNORECASE)

    def swap(match: re.Match[str]) -> str:
        return match.group(0) if match.group(0).casefold() == own.casefold() else ANOTHER

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(swap, value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, tuple):
            return tuple(clean(v) for v in value)
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}  # keys are ids and fixed words
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclasses.replace(
                value,
                **{f.name: clean(getattr(value, f.name)) for f in dataclasses.fields(value)},
            )
        return value

    for f in dataclasses.fields(brief):
        if f.name != "cache":
            setattr(brief, f.name, clean(getattr(brief, f.name)))
    return brief


__all__ = ["build_for"]
