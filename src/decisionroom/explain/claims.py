"""Claims: sentences a person reads, each with the numbers that back it.

Every function returns zero or more ``Claim`` objects. The sentence is built
from the numbers it carries, never the other way round, and a test re-checks
each sentence against its numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from decisionroom.explain.facts import Facts
from decisionroom.explain.option_words import choose, is_person, refer, subject
from decisionroom.explain.verdict import Verdict, decide
from decisionroom.explain.words import (
    first_clause,
    fixed,
    join,
    num,
    pct,
    quantity,
    safety_verdict,
    signed,
    times,
)

#: A weight change smaller than this (5 points) that changes the winner is not "only".
SMALL_SHIFT = 0.05
#: A factor "helps" or "costs" the winner only when its contribution gap is at least this.
MATERIAL_GAP = 0.005


@dataclass(frozen=True)
class Claim:
    """One sentence of an explanation and the numbers behind it."""

    kind: str
    text: str
    numbers: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """``{"kind", "text", "numbers"}``."""
        return {"kind": self.kind, "text": self.text, "numbers": dict(self.numbers)}


def recommendation(facts: Facts) -> Claim:
    """The winner, its score and its margin over the runner-up."""
    rows = facts.ranking
    top = rows[0]
    name = facts.option_name(top["option"])
    if len(rows) == 1:
        return Claim(
            "recommendation", f"{name} is the only option left.", {"winner": top["option"]}
        )
    twins = facts.indistinguishable(top["option"])
    if len(twins) > 1:
        return _indistinguishable(facts, twins, float(top["score"]))
    second = rows[1]
    margin = abs(float(top["score"]) - float(second["score"]))
    lower = "" if facts.higher_is_better else " (lower is better)"
    numbers: dict[str, Any] = {
        "winner": top["option"],
        "runner_up": second["option"],
        "score": float(top["score"]),
        "runner_up_score": float(second["score"]),
        "margin": margin,
    }
    if margin == 0:
        text = (
            f"{name} and {facts.option_name(second['option'])} tie for first place with a "
            f"score of {fixed(top['score'])}; the tie-break is the order of the options."
        )
        return Claim("recommendation", text, numbers)
    found = decide(facts.analysis)
    numbers["verdict"] = found.kind
    lead = (
        f"ranks first with a score of {fixed(top['score'])}{lower}, {fixed(margin)} ahead of "
        f"{refer(facts.option_name(second['option']))} ({fixed(second['score'])})"
    )
    opening = choose(name, facts.option_kind(top["option"]))
    if found.kind == "close":
        return _close_call(facts, found, numbers)
    # a person is not "it": "Choose Leo Marchetti, who ranks first ..."
    joint = ", who" if is_person(name, facts.option_kind(top["option"])) else ": it"
    if found.kind == "clear":
        return Claim("recommendation", f"{opening}{joint} {lead}.", numbers)
    risk = _named_risk(facts, found, numbers)
    return Claim("recommendation", f"{opening}{joint} {lead}, but {risk}.", numbers)


def _named_risk(facts: Facts, found: Verdict, numbers: dict[str, Any]) -> str:
    """The risk a likely winner runs: a challenger in the simulation, or a weight."""
    if found.challenger is not None and found.shares.get(found.challenger, 0.0) >= 0.05:
        share = found.shares[found.challenger]
        numbers["challenger"] = found.challenger
        numbers["challenger_first_share"] = share
        return (
            f"{refer(facts.option_name(found.challenger))} comes first in {pct(share)} of the "
            "simulated weightings and outcomes"
        )
    risk = found.weight_risk
    if risk is not None:
        numbers["weight_risk"] = {k: risk[k] for k in ("factor", "weight", "flip_weight")}
        return (
            f"a weight of {pct(risk['flip_weight'])} instead of {pct(risk['weight'])} for "
            f"{facts.factor_name(risk['factor'])} would put "
            f"{refer(facts.option_name(risk['new_winner']))} first"
        )
    return "its lead is small"


def _close_call(facts: Facts, found: Verdict, numbers: dict[str, Any]) -> Claim:
    """Too close to call: name the options and the step that settles it."""
    named = [facts.option_name(o) for o in found.contenders]
    winner = refer(named[0])
    numbers["contenders"] = list(found.contenders)
    numbers["first_shares"] = dict(found.shares)
    between = join([refer(n) for n in named])
    text = f"It is too close to call between {between} on today's information: "
    if found.shares:
        best = max(found.contenders[1:], key=lambda o: found.shares.get(o, 0.0))
        rival = refer(facts.option_name(best))
        mine, theirs = found.shares.get(found.winner, 0.0), found.shares.get(best, 0.0)
        verb = "but" if theirs >= mine else "and"
        text += (
            f"{winner} ranks first by only {fixed(found.margin)}, {verb} {rival} comes first in "
            f"{pct(theirs)} of the simulated weightings and outcomes against {pct(mine)} for "
            f"{winner}."
        )
    else:
        text += f"{winner} ranks first by only {fixed(found.margin)}."
    step, settles = _settling_step(facts, found)
    numbers["settle_by"] = settles
    return Claim("recommendation", f"{text} {step}", numbers)


def _settling_step(facts: Facts, found: Verdict) -> tuple[str, dict[str, Any]]:
    """What would settle a close call: the number most worth knowing, else the decisive one."""
    from decisionroom.explain.firm_up import points, settle_words, worth_knowing

    worth = worth_knowing(facts.analysis)
    if worth:
        top = worth[0]
        return (
            f"Settle it before choosing: {settle_words(facts, top)}; of everything still "
            "uncertain, knowing it would raise the chance of choosing the option that proves "
            f"best the most (by {points(top['gain'])}).",
            {"firm_up": {k: top[k] for k in ("kind", "option", "factor", "gain") if k in top}},
        )
    unknowns = facts.analysis.get("unknowns") or []
    if unknowns:
        first = unknowns[0]
        factor = facts.factor_name(first["factor"])
        rival = refer(facts.option_name(first["rival"]))
        leader = refer(facts.option_name(found.winner))
        return (
            f"Settle it before choosing: firm up {factor} for {leader} "
            f"and {rival} (references, a pilot or a written commitment); that estimate alone "
            "can change the choice.",
            {"estimate": first["factor"], "options": [found.winner, first["rival"]]},
        )
    risk = found.weight_risk
    if risk is not None:
        factor = facts.factor_name(risk["factor"])
        return (
            f"Settle it before choosing: agree how much {factor} should count; at "
            f"{pct(risk['flip_weight'])} instead of {pct(risk['weight'])} the choice changes.",
            {"weight": risk["factor"]},
        )
    return (
        "Settle it before choosing: compare them on the factor where they differ most, or add "
        "the factor that would tell them apart.",
        {},
    )


def _names(facts: Facts, options: list[str]) -> str:
    """Options named in a sentence; a long list by its first four and a count."""
    if len(options) > 5:
        shown = [facts.option_name(o) for o in options[:4]]
        return join([*shown, f"{len(options) - 4:,} other options"])
    return join([facts.option_name(o) for o in options])


def _indistinguishable(facts: Facts, twins: list[str], score: float) -> Claim:
    names = _names(facts, twins)
    return Claim(
        "recommendation",
        f"{names} cannot be told apart: they perform the same on every factor, so every "
        f"weighting gives them the same score ({fixed(score)}). Add a factor on which "
        "they differ before choosing among them.",
        {"winner": twins[0], "indistinguishable": twins, "score": score},
    )


def _choice(facts: Facts, option: str) -> str:
    """The option's name, or the group it cannot be told apart from."""
    twins = facts.indistinguishable(option)
    return facts.option_name(option) if len(twins) == 1 else f"one of {_names(facts, twins)}"


def contribution_gaps(facts: Facts) -> list[tuple[str, float]]:
    """Per-factor contribution of the winner minus the runner-up, largest first."""
    contributions = facts.analysis.get("contributions") or {}
    w, r = facts.winner, facts.runner_up
    if r is None or w not in contributions or r not in contributions:
        return []
    gaps = [
        (fid, float(contributions[w][fid]) - float(contributions[r][fid]))
        for fid in contributions[w]
    ]
    return sorted(gaps, key=lambda kv: -kv[1])


def why(facts: Facts) -> list[Claim]:
    """What gives the winner its lead over the runner-up, and what it gives up."""
    gaps = contribution_gaps(facts)
    if not gaps:
        return []
    r = facts.runner_up
    assert r is not None
    winner, runner = refer(facts.option_name(facts.winner)), refer(facts.option_name(r))
    gains = [(f, g) for f, g in gaps if g >= MATERIAL_GAP][:3]
    losses = sorted([(f, g) for f, g in gaps if g <= -MATERIAL_GAP], key=lambda kv: kv[1])[:3]
    additive = facts.analysis["method"]["name"] == "weighted-sum"
    view = "" if additive else " (in the additive view of the same weights)"
    out: list[Claim] = []
    if gains:
        parts = [f"{facts.factor_name(f)} ({signed(g)})" for f, g in gains]
        level = float(facts.ranking[0]["score"]) == float(facts.ranking[1]["score"])
        text = (
            f"{winner} and {runner} are level overall; {winner} is ahead on {join(parts)}{view}."
            if level
            else f"{winner} leads {runner} mainly because of {join(parts)}{view}."
        )
        out.append(
            Claim(
                "why",
                text,
                {
                    "winner": facts.winner,
                    "runner_up": r,
                    "gains": dict(gains),
                    "largest_gain": gains[0][0],
                },
            )
        )
    if losses:
        parts = [f"{facts.factor_name(f)} ({signed(g)})" for f, g in losses]
        out.append(
            Claim(
                "tradeoff",
                f"In exchange {subject(winner, facts.option_kind(facts.winner))} gives up "
                f"{join(parts)} to {runner}.",
                {
                    "winner": facts.winner,
                    "runner_up": r,
                    "losses": dict(losses),
                    "largest_loss": losses[0][0],
                },
            )
        )
    elif gains:
        out.append(
            Claim(
                "tradeoff",
                f"It gives up nothing material to {runner}: "
                "it is at least as good on every factor.",
                {"winner": facts.winner, "runner_up": r, "losses": {}},
            )
        )
    return out


def factor_needs(facts: Facts, top: int = 3) -> list[Claim]:
    """Why the weightiest factors matter, traced through needs and challenges to the goal."""
    weights = facts.analysis["weights"]
    ranked = sorted(weights, key=lambda f: -weights[f])[:top]
    goal = getattr(facts.decision.goal, "statement", None) if facts.decision.goal else None
    out = []
    for fid in ranked:
        factor = facts.factor(fid)
        needs = facts.needs_of(fid)
        challenges = {c.id: c for n in needs for c in facts.challenges_of(n)}
        text = f"{facts.factor_name(fid)} counts for {pct(weights[fid])} of the decision"
        if factor.why:
            text += f" because {_lower_first(factor.why.strip().rstrip('.'))}"
        if needs:
            text += f". It serves the need for {join([_quote(n.statement) for n in needs])}"
        if challenges:
            quoted = [_quote(first_clause(c.statement)) for c in challenges.values()]
            text += f", which answers the challenge{'s' if len(quoted) > 1 else ''} "
            text += join(quoted)
        if goal and needs:
            text += f", on the way to {_quote(goal)}"
        out.append(
            Claim(
                "factor_need",
                text + ".",
                {
                    "factor": fid,
                    "weight": float(weights[fid]),
                    "needs": [n.id for n in needs],
                    "challenges": list(challenges),
                },
            )
        )
    return out


def safety(facts: Facts) -> list[Claim]:
    """How safe the choice is: SMAA acceptability and the smallest flip of a weight."""
    out: list[Claim] = []
    smaa = facts.analysis.get("smaa")
    w = facts.winner
    twins = facts.indistinguishable(w)
    if smaa and len(twins) > 1:
        # ties share ranks in the simulation; only the group's share means anything
        shares = smaa["rank_acceptability"]  # a long list lists only the contenders
        a1 = sum(float((shares.get(o) or [0.0])[0]) for o in twins)
        out.append(
            Claim(
                "safety",
                f"Together they come first in {pct(a1)} of {times(int(smaa['samples']))} "
                "simulated weightings and performance outcomes; the simulation shares first "
                "place among them, so it cannot recommend one.",
                {"options": twins, "first_rank_acceptability": a1, "samples": int(smaa["samples"])},
            )
        )
    elif smaa:
        a1 = float(smaa["rank_acceptability"][w][0])
        out.append(
            Claim(
                "safety",
                f"{facts.option_name(w)} stays first in {pct(a1)} of {times(int(smaa['samples']))} "
                f"simulated weightings and performance outcomes: {safety_verdict(a1)}.",
                {
                    "option": w,
                    "first_rank_acceptability": a1,
                    "samples": int(smaa["samples"]),
                    "verdict": safety_verdict(a1),
                },
            )
        )
    sens = facts.analysis.get("sensitivity")
    if sens:
        factors = sens["factors"]
        flips = [(fid, s) for fid, s in factors.items() if s.get("flip")]
        if not flips:
            out.append(
                Claim(
                    "safety",
                    "No change of a single weight, however large, would change the recommendation.",
                    {"critical_factor": None},
                )
            )
        else:
            fid, s = min(flips, key=lambda kv: abs(kv[1]["flip"]["weight"] - kv[1]["weight"]))
            t, w0 = float(s["flip"]["weight"]), float(s["weight"])
            more = t > w0
            new = refer(facts.option_name(s["flip"]["new_winner"]))
            # "only if" reassures: it is not said of a shift of a few points
            only = "" if abs(t - w0) < SMALL_SHIFT else "only "
            text = (
                f"It would change {only}if {facts.factor_name(fid)} counted for "
                f"{'more' if more else 'less'} than {pct(t)} instead of {pct(w0)}; "
                f"then {new} would come first."
            )
            out.append(
                Claim(
                    "safety",
                    text,
                    {
                        "critical_factor": fid,
                        "weight": w0,
                        "flip_weight": t,
                        "new_winner": s["flip"]["new_winner"],
                        "change": t - w0,
                    },
                )
            )
    return out


def stakeholders(facts: Facts) -> list[Claim]:
    """Where the stakeholders agree and differ, and what each would choose."""
    consensus = facts.analysis.get("consensus")
    if not consensus or not consensus.get("stakeholders"):
        return []
    out: list[Claim] = []
    members = consensus["stakeholders"]
    kw = consensus.get("kendall_w")
    if kw is not None:
        out.append(
            Claim(
                "stakeholders",
                f"The stakeholders show {consensus['verdict']} on the ranking "
                f"(Kendall's W = {num(kw, 2)}).",
                {"kendall_w": float(kw), "verdict": consensus["verdict"]},
            )
        )
    by_winner: dict[str, list[str]] = {}
    for sid, info in members.items():
        by_winner.setdefault(info["winner"], []).append(sid)
    parts = [
        f"{join([facts.stakeholder_label(s) for s in sids])} would choose {_choice(facts, o)}"
        for o, sids in by_winner.items()
    ]
    out.append(
        Claim(
            "stakeholders",
            f"On their own weights, {join(parts, 'and')}.",
            {"winners": {sid: info["winner"] for sid, info in members.items()}},
        )
    )
    outlier = consensus.get("outlier")
    if outlier and len(members) > 2:
        sid, fid = outlier["stakeholder"], outlier["factor"]
        mine = float(members[sid]["weights"].get(fid, 0.0))
        group = float(facts.analysis["weights"][fid])
        out.append(
            Claim(
                "stakeholders",
                f"{facts.stakeholder_label(sid)} differs most from the group, mainly on "
                f"{facts.factor_name(fid)}: {pct(mine)} against the group's {pct(group)}.",
                {
                    "stakeholder": sid,
                    "factor": fid,
                    "stakeholder_weight": mine,
                    "group_weight": group,
                },
            )
        )
    return out


def unknowns(facts: Facts) -> list[Claim]:
    """Uncertain performance that could change the winner."""
    from decisionroom.explain.firm_up import worth_knowing

    found = facts.analysis.get("unknowns") or []
    valued = "firm_up" in facts.analysis  # the value of knowing each number was computed
    worth = {item["factor"] for item in worth_knowing(facts.analysis)}
    out = []
    for item in found:
        fid, rival = item["factor"], item["rival"]
        unit = getattr(facts.factor(fid), "unit", None)
        scenario = (
            f"{facts.option_name(facts.winner)} came in at "
            f"{quantity(item['winner_value'], unit)} "
            f"and {facts.option_name(rival)} at {quantity(item['rival_value'], unit)}, "
            f"{facts.option_name(rival)} would rank first"
        )
        if valued and fid not in worth:
            text = (
                f"{facts.factor_name(fid)} could change the choice only at the far ends of the "
                f"estimates: if {scenario}. Both ends at once are unlikely, so it is worth "
                "watching rather than delaying the choice."
            )
        else:
            text = f"Still unknown and it matters: {facts.factor_name(fid)}. If {scenario}."
        out.append(Claim("unknowns", text, dict(item)))
    if not found and facts.analysis.get("has_ranges"):
        out.append(
            Claim(
                "unknowns",
                "No single uncertain estimate, taken at its least favourable end, changes the "
                "recommendation.",
                {"factors": []},
            )
        )
    return out


def excluded(facts: Facts) -> list[Claim]:
    """Options set aside by a must-have."""
    out = []
    for item in facts.analysis.get("excluded") or []:
        out.append(
            Claim(
                "must_have",
                f"{facts.option_name(item['option'])} was set aside: {item['reason']}",
                dict(item),
            )
        )
    return out


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _quote(text: str) -> str:
    return f"“{text.strip().rstrip('.')}”"
