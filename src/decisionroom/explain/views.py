"""Views of one analysis for each reader: the decision maker, a stakeholder, a subject.

A *subject* is one of the options being chosen among (a candidate, a vendor).
Its view names no other option and shows none of their numbers: which factors
decide, where this option stands, and what would put it first.

The facts of each view are computed once here (:func:`stakeholder_view`,
:func:`subject_view`); the explanation's text and every brief format render
them (issue #10).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from decisionroom.errors import InvalidInput
from decisionroom.explain import as_text
from decisionroom.explain.facts import Facts
from decisionroom.explain.words import decimals_of, pct, quantity, round_toward
from decisionroom.model.decision import spread

VIEWS = ("decision-maker", "stakeholder:ID", "subject:ID")


class UnknownView(InvalidInput):
    """A ``--for`` value that names no view, stakeholder or option."""


def parse_view(value: str | None, decision: Any) -> tuple[str, str | None]:
    """``'subject:amara'`` -> ``('subject', 'amara')``; checks the id exists."""
    if not value or value == "decision-maker":
        return "decision-maker", None
    kind, sep, ident = value.partition(":")
    if kind == "stakeholder" and sep and any(s.id == ident for s in decision.stakeholders):
        return kind, ident
    if kind == "subject" and sep and any(o.id == ident for o in decision.options):
        return kind, ident
    if kind in ("stakeholder", "subject") and sep:
        where = "stakeholders" if kind == "stakeholder" else "options"
        raise UnknownView.at("--for", f"{ident!r} is not one of the decision's {where}")
    raise UnknownView.at("--for", f"{value!r} is not a view; use one of {', '.join(VIEWS)}")


@dataclass(frozen=True)
class WeightRow:
    """One factor's weight from a stakeholder and from the group."""

    factor_id: str
    factor: str
    mine: float
    group: float


@dataclass(frozen=True)
class StakeholderView:
    """How one stakeholder's weights compare with the group's and what they would choose."""

    id: str
    label: str
    rows: list[WeightRow] = field(default_factory=list)
    choice: str = ""  # the sentence on what their weights would choose
    own_winner: str | None = None  # option id; None when they gave no weights

    @property
    def has_weights(self) -> bool:
        """Whether this stakeholder gave weights of their own."""
        return self.own_winner is not None


@dataclass(frozen=True)
class SubjectView:
    """One option's standing, with no other option named or quantified."""

    id: str
    name: str
    weights: list[tuple[str, str, float]]  # (factor id, name, group weight), largest first
    rank: int | None  # None when a must-have set it aside
    count: int  # options in the ranking
    first_share: float | None  # share of simulations in which it comes first
    excluded: str = ""  # why a must-have set it aside
    changes: list[str] = field(default_factory=list)  # what would put it first

    @property
    def standing(self) -> str:
        """'You rank 2nd of 5.' or the reason it was set aside."""
        if self.rank is None:
            return f"Set aside: {self.excluded}"
        return f"You rank {ordinal(self.rank)} of {self.count}."

    @property
    def share_sentence(self) -> str:
        """How often it comes first in the simulation, when simulated."""
        if self.first_share is None:
            return ""
        return (
            f"You come first in {pct(self.first_share)} of the simulations that vary the "
            "weights and the uncertain estimates."
        )


def view_text(decision: Any, analysis: Mapping[str, Any], view: str | None) -> str:
    """The explanation as plain text for the reader ``view`` names."""
    kind, ident = parse_view(view, decision)
    if kind == "stakeholder" and ident is not None:
        return stakeholder_text(decision, analysis, ident)
    if kind == "subject" and ident is not None:
        return subject_text(decision, analysis, ident)
    return as_text(analysis["explanation"], decision.title)


def _heading(title: str) -> list[str]:
    return [title, "=" * len(title), ""]


def stakeholder_view(decision: Any, analysis: Mapping[str, Any], sid: str) -> StakeholderView:
    """This stakeholder's weights factor by factor against the group's, and their choice."""
    facts = Facts(decision, analysis)
    label = facts.stakeholder_label(sid)
    group = analysis["weights"]
    member = ((analysis.get("consensus") or {}).get("stakeholders") or {}).get(sid)
    if member is None:
        return StakeholderView(
            sid,
            label,
            choice=f"{label} gave no weights of their own, so the group's weights stand for them.",
        )
    mine = member["weights"]
    rows = [
        WeightRow(fid, facts.factor_name(fid), float(mine.get(fid, 0.0)), float(group[fid]))
        for fid in sorted(group, key=lambda f: -float(group[f]))
    ]
    own = facts.option_name(member["winner"])
    if member["winner"] == facts.winner:
        choice = f"On your own weights {own} comes first too, as it does for the group."
    else:
        choice = (
            f"On your own weights {own} would come first; on the group's, "
            f"{facts.option_name(facts.winner)} does."
        )
    return StakeholderView(sid, label, rows, choice, str(member["winner"]))


def stakeholder_text(decision: Any, analysis: Mapping[str, Any], sid: str) -> str:
    """How this stakeholder's weights compare with the group's, and what they would choose."""
    view = stakeholder_view(decision, analysis, sid)
    lines = _heading(f"{decision.title}: for {view.label}")
    if not view.has_weights:
        return "\n".join([*lines, view.choice]) + "\n"
    lines += ["Your weights and the group's", "-" * 28]
    lines += [
        f"{r.factor}: {pct(r.mine)} from you, {pct(r.group)} for the group." for r in view.rows
    ]
    lines += ["", "What your weights would choose", "-" * 30, view.choice]
    return "\n".join(lines) + "\n"


def subject_view(decision: Any, analysis: Mapping[str, Any], oid: str) -> SubjectView:
    """Which factors decide, where this option stands and what would put it first."""
    facts = Facts(decision, analysis)
    weights = analysis["weights"]
    ordered = [
        (fid, facts.factor_name(fid), float(weights[fid]))
        for fid in sorted(weights, key=lambda f: -float(weights[f]))
    ]
    ranking = [str(r["option"]) for r in analysis["ranking"]]
    excluded = {str(e["option"]): e for e in analysis.get("excluded") or []}
    name = facts.option_name(oid)
    if oid in excluded:
        reason = str(excluded[oid]["reason"])
        return SubjectView(oid, name, ordered, None, len(ranking), None, reason)
    shares = ((analysis.get("smaa") or {}).get("rank_acceptability") or {}).get(oid)
    rank = ranking.index(oid) + 1
    first = float(shares[0]) if shares else None
    changes = [] if rank == 1 else _changes(decision, analysis, facts, oid)
    return SubjectView(oid, name, ordered, rank, len(ranking), first, "", changes)


def _changes(decision: Any, analysis: Mapping[str, Any], facts: Facts, oid: str) -> list[str]:
    """Up to three single changes of this option's own numbers that would put it first."""
    changes = ((analysis.get("sensitivity") or {}).get("performance") or {}).get(oid) or {}
    found = []
    for fid, change in changes.items():
        cell = decision.performance.get(oid, {}).get(fid)
        if not change or cell is None:
            continue
        low, mid, high = spread(cell)
        span = max(high - low, abs(mid), 1e-12)
        found.append((abs(float(change["change"])) / span, fid, mid, change))
    out = []
    for _, fid, mid, change in sorted(found)[:3]:
        factor = facts.factor(fid)
        places = decimals_of([spread(row[fid])[1] for row in decision.performance.values()])
        up = factor.direction == "max"  # the threshold stays reached
        to = round_toward(float(change["to"]), places, up)
        unit = getattr(factor, "unit", None)
        out.append(
            f"{facts.factor_name(fid)} at {quantity(to, unit, places)} "
            f"instead of {quantity(mid, unit, places)}, all else equal."
        )
    return out


def subject_text(decision: Any, analysis: Mapping[str, Any], oid: str) -> str:
    """What decides, where this option stands and what would put it first; no rival named."""
    view = subject_view(decision, analysis, oid)
    lines = _heading(f"{decision.title}: for {view.name}")
    lines += ["What decides", "-" * 12]
    lines += [f"{name} counts for {pct(w)}." for _, name, w in view.weights]
    lines += ["", "Where you stand", "-" * 15, view.standing]
    if view.rank is None:
        return "\n".join(lines) + "\n"
    if view.share_sentence:
        lines.append(view.share_sentence)
    if view.rank == 1:
        lines.append("You rank first on today's weights and estimates.")
        return "\n".join(lines) + "\n"
    lines += ["", "What would put you first", "-" * 24]
    lines += view.changes or [NO_CHANGE]
    return "\n".join(lines) + "\n"


#: What a subject view says when no change of its own numbers alone would put it first.
NO_CHANGE = "No single change of your own performance, within what is possible, would."


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
