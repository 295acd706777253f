"""Views of one analysis for each reader: the decision maker, a stakeholder, a subject.

A *subject* is one of the options being chosen among (a candidate, a vendor).
Its view names no other option and shows none of their numbers: which factors
decide, where this option stands, and what would put it first.
"""

from __future__ import annotations

from collections.abc import Mapping
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


def stakeholder_text(decision: Any, analysis: Mapping[str, Any], sid: str) -> str:
    """How this stakeholder's weights compare with the group's, and what they would choose."""
    facts = Facts(decision, analysis)
    label = facts.stakeholder_label(sid)
    lines = _heading(f"{decision.title}: for {label}")
    group = analysis["weights"]
    member = ((analysis.get("consensus") or {}).get("stakeholders") or {}).get(sid)
    if member is None:
        lines.append(
            f"{label} gave no weights of their own, so the group's weights stand for them."
        )
        return "\n".join(lines) + "\n"
    lines += ["Your weights and the group's", "-" * 28]
    mine = member["weights"]
    for fid in sorted(group, key=lambda f: -float(group[f])):
        lines.append(
            f"{facts.factor_name(fid)}: {pct(float(mine.get(fid, 0.0)))} from you, "
            f"{pct(float(group[fid]))} for the group."
        )
    own = facts.option_name(member["winner"])
    lines += ["", "What your weights would choose", "-" * 30]
    if member["winner"] == facts.winner:
        lines.append(f"On your own weights {own} comes first too, as it does for the group.")
    else:
        lines.append(
            f"On your own weights {own} would come first; on the group's, "
            f"{facts.option_name(facts.winner)} does."
        )
    return "\n".join(lines) + "\n"


def subject_text(decision: Any, analysis: Mapping[str, Any], oid: str) -> str:
    """What decides, where this option stands and what would put it first; no rival named."""
    facts = Facts(decision, analysis)
    name = facts.option_name(oid)
    lines = _heading(f"{decision.title}: for {name}")
    weights = analysis["weights"]
    lines += ["What decides", "-" * 12]
    for fid in sorted(weights, key=lambda f: -float(weights[f])):
        lines.append(f"{facts.factor_name(fid)} counts for {pct(float(weights[fid]))}.")
    ranking = [str(r["option"]) for r in analysis["ranking"]]
    excluded = {str(e["option"]): e for e in analysis.get("excluded") or []}
    lines += ["", "Where you stand", "-" * 15]
    if oid in excluded:
        lines.append(f"Set aside: {excluded[oid]['reason']}")
        return "\n".join(lines) + "\n"
    rank = ranking.index(oid) + 1
    lines.append(f"You rank {_ordinal(rank)} of {len(ranking)}.")
    smaa = analysis.get("smaa") or {}
    shares = (smaa.get("rank_acceptability") or {}).get(oid)
    if shares:
        lines.append(
            f"You come first in {pct(float(shares[0]))} of the simulations that vary the "
            "weights and the uncertain estimates."
        )
    if rank == 1:
        lines.append("You rank first on today's weights and estimates.")
        return "\n".join(lines) + "\n"
    lines += ["", "What would put you first", "-" * 24]
    changes = ((analysis.get("sensitivity") or {}).get("performance") or {}).get(oid) or {}
    found = []
    for fid, change in changes.items():
        cell = decision.performance.get(oid, {}).get(fid)
        if not change or cell is None:
            continue
        low, mid, high = spread(cell)
        span = max(high - low, abs(mid), 1e-12)
        found.append((abs(float(change["change"])) / span, fid, mid, change))
    for _, fid, mid, change in sorted(found)[:3]:
        factor = facts.factor(fid)
        places = decimals_of([spread(row[fid])[1] for row in decision.performance.values()])
        up = factor.direction == "max"  # the threshold stays reached
        to = round_toward(float(change["to"]), places, up)
        unit = getattr(factor, "unit", None)
        lines.append(
            f"{facts.factor_name(fid)} at {quantity(to, unit, places)} "
            f"instead of {quantity(mid, unit, places)}, all else equal."
        )
    if not found:
        lines.append("No single change of your own performance, within what is possible, would.")
    return "\n".join(lines) + "\n"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
