"""Say so when the result depends on which options are on the table, and how to avoid it.

The numbers come from :mod:`decisionroom.analysis.option_set` (the
``option_set`` key of the analysis JSON); docs/advice.md gives the rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from decisionroom.explain.claims import Claim
from decisionroom.explain.facts import Facts
from decisionroom.explain.option_words import refer
from decisionroom.explain.words import fixed, join

__all__ = ["option_set_claims"]


def _why(facts: Facts, found: Mapping[str, Any]) -> str:
    """Why the other options matter, and the fix."""
    method = facts.analysis["method"]["name"]
    unbounded = [facts.factor_name(f) for f in found.get("unbounded_factors") or []]
    if found.get("bounds_used") and unbounded:
        verb = "is" if len(unbounded) == 1 else "are"
        return (
            f"That is because {join(unbounded)} {verb} scaled to the options present. Declare "
            "the range of values each could possibly take (its value bounds, worst and best), "
            "and the comparison no longer depends on which options are listed."
        )
    return (
        f"That is because {method} scores each option against the others present. The "
        "weighted sum with declared value bounds for every factor scores each option on its "
        "own, so the result no longer depends on which options are listed."
    )


def option_set_claims(facts: Facts) -> list[Claim]:
    """One claim when removing another option changes the winner or the lead."""
    found = facts.analysis.get("option_set")
    if not found:
        return []
    winner = refer(facts.option_name(facts.winner))
    numbers = dict(found)
    if found["winner_changes"]:
        first = found["winner_changes"][0]
        text = (
            "The recommendation depends on which options are on the table: without "
            f"{refer(facts.option_name(first['removed']))}, "
            f"{refer(facts.option_name(first['new_winner']))} would rank first instead of "
            f"{winner}."
        )
    else:
        first = found["margin_changes"][0]
        runner_up = refer(facts.option_name(facts.runner_up or ""))
        text = (
            f"The lead of {winner} over {runner_up} depends on which other options are "
            f"compared: without {refer(facts.option_name(first['removed']))} it would be "
            f"{fixed(first['margin_without'])} instead of {fixed(first['margin'])}."
        )
    return [Claim("safety", f"{text} {_why(facts, found)}", numbers)]
