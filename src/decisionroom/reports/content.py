"""The content of a brief: one model built from a decision and its analysis dict.

Every format (Markdown, HTML, PDF, PPTX, XLSX) and every chart reads a
:class:`Brief`, so the formats never disagree. Numbers are formatted here and
only here: percentages, units, no float noise. User text stays plain text;
each format escapes it for its own syntax.

The analysis dict has the DESIGN contract-2 shape. Only ``ranking`` is
required; every later key (``contributions``, ``sensitivity``, ``smaa``,
``consensus``, ``explanation`` ...) is optional, and a section whose data is
missing is left out rather than shown empty.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from decisionroom._text import plain
from decisionroom.explain.option_words import refer
from decisionroom.explain.words import decimals_of, num, quantity, round_toward
from decisionroom.model.decision import Decision, spread

STAGES = {
    "goal": "Goal",
    "challenges": "Challenges",
    "needs": "Needs",
    "options": "Options",
    "shortlist": "Shortlist",
    "decision": "Decision",
    "results": "Results",
}
KINDS = {
    "build": "Build in-house",
    "hire": "Hire",
    "external": "External provider",
    "partner": "Partner",
    "status-quo": "Do nothing new",
}
#: Section headings of the decision maker's brief; a reader's view replaces some (#10).
HEADINGS = {
    "recommendation": "Recommendation",
    "heard": "What we heard",
    "factors": "The decision factors",
    "reader": "Your weights and the group's",
    "options": "The options compared",
    "performance": "Performance",
    "robustness": "How robust the recommendation is",
    "smaa": "Simulation (SMAA): how often each option takes each rank",
    "changes": "What would change the decision",
    "next_steps": "Next steps",
    "appendix": "Appendix: method and data",
}
METHODS = {
    "weighted-sum": "Weighted sum",
    "weighted-product": "Weighted product",
    "topsis": "TOPSIS",
    "vikor": "VIKOR",
    "promethee-ii": "PROMETHEE II",
    "ahp": "AHP",
}


# --- formatting: the one place numbers become text ---------------------------------


def pct(x: float | None) -> str:
    """A share as a whole percentage; tiny non-zero shares read '<1%'."""
    if x is None:
        return "–"
    if 0 < abs(x) < 0.005:
        return "<1%"
    return f"{round(100 * x):.0f}%"


def points(a: float, b: float) -> str:
    """``a`` minus ``b`` in percentage points, as their percentages read: '+12 pts', '−5 pts'."""
    value = round(100 * a) - round(100 * b)
    return f"{'+' if value > 0 else '−' if value < 0 else ''}{abs(value)} pts"


def score(x: float | None) -> str:
    """A method score with three decimals, so scores line up: 0.680 next to 0.677."""
    if x is None:
        return "–"
    text = f"{float(x):.3f}"
    return "0.000" if text == "-0.000" else text


def signed(x: float, unit: str | None = None) -> str:
    """A change with its sign: '+12 months', '−18.71% per year'."""
    text = quantity(abs(x), unit)
    return ("+" if x >= 0 else "−") + text


def text(value: Any) -> str:
    """User text as plain text: stripped, control characters removed (C0, DEL, C1, bidi)."""
    return plain(value).strip() if value is not None else ""


def humanize(identifier: str) -> str:
    """A readable label for an id that has no name: 'first_year_cost' -> 'First year cost'."""
    words = re.sub(r"[_\-]+", " ", identifier).strip()
    return words[:1].upper() + words[1:]


# --- the model ----------------------------------------------------------------------


@dataclass(frozen=True)
class Need:
    """A need in the client's terms and the challenges it answers (by number)."""

    label: str
    statement: str
    challenges: list[str]


@dataclass(frozen=True)
class FactorRow:
    """A decision factor as the brief shows it."""

    id: str
    name: str
    why: str
    needs: list[str]
    direction: str
    unit: str
    weight: float | None
    weight_text: str
    by_stakeholder: dict[str, str]

    @property
    def heading(self) -> str:
        """Name with its unit, for table headers and chart labels."""
        return f"{self.name} ({self.unit})" if self.unit else self.name


@dataclass(frozen=True)
class OptionRow:
    """An option with its performance, score and rank."""

    id: str
    name: str
    kind: str
    ours: bool
    description: str
    rank: int | None
    score: float | None
    score_text: str
    cells: dict[str, str]
    excluded: str = ""


@dataclass(frozen=True)
class StakeholderRow:
    """A stakeholder, their weights and the option their weights alone would pick."""

    id: str
    label: str
    influence: str
    winner: str
    agreement: str
    weights: dict[str, float]


@dataclass(frozen=True)
class SensitivityRow:
    """The stability of one factor weight."""

    factor: str
    weight: str
    interval: str
    flip: str
    lo: float
    hi: float
    value: float
    flip_at: float | None


@dataclass(frozen=True)
class Recommendation:
    """Page one: the choice, its margin and how safe it is."""

    winner_id: str
    winner: str
    sentence: str
    margin: str
    safety: str
    flip: str
    summary: str
    kpis: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Brief:
    """Everything a brief shows, formatted once; charts read the raw numbers too."""

    title: str
    client: str
    subtitle: str
    recommendation: Recommendation
    goal: str = ""
    horizon: str = ""
    challenges: list[str] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)
    factors: list[FactorRow] = field(default_factory=list)
    options: list[OptionRow] = field(default_factory=list)
    higher_is_better: bool = True
    contributions: dict[str, dict[str, float]] = field(default_factory=dict)
    values: dict[str, dict[str, float]] = field(default_factory=dict)
    sensitivity: list[SensitivityRow] = field(default_factory=list)
    critical_factor: str = ""
    sweep: dict[str, Any] = field(default_factory=dict)
    smaa_samples: str = ""
    acceptability: dict[str, list[float]] = field(default_factory=dict)
    stakeholders: list[StakeholderRow] = field(default_factory=list)
    verdict: str = ""
    kendall_w: str = ""
    outlier: str = ""
    spread: list[tuple[str, str]] = field(default_factory=list)
    what_would_change: list[str] = field(default_factory=list)
    unknowns: list[str] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    claims: dict[str, list[str]] = field(default_factory=dict)
    appendix: list[tuple[str, str]] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    sources: list[Any] = field(default_factory=list)  # reports.sources.Source, numbered
    evidence: list[str] = field(default_factory=list)
    #: who the brief is written for: "" (the decision maker), a stakeholder or a subject
    audience: str = ""
    view: str = "decision-maker"
    headings: dict[str, str] = field(default_factory=lambda: dict(HEADINGS))
    #: a stakeholder's view: their weights against the group's (explain.views.StakeholderView)
    reader: Any = None
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def factor_name(self, factor_id: str) -> str:
        """The display name of a factor id."""
        for f in self.factors:
            if f.id == factor_id:
                return f.name
        return humanize(factor_id)

    def option_name(self, option_id: str) -> str:
        """The display name of an option id."""
        for o in self.options:
            if o.id == option_id:
                return o.name
        return humanize(option_id)

    @property
    def ranked(self) -> list[OptionRow]:
        """Options in the ranking, best first (without those set aside)."""
        return [o for o in self.options if o.rank is not None]


# --- building it -------------------------------------------------------------------


def build(
    decision: Decision,
    analysis: Mapping[str, Any],
    *,
    author: str | None = None,
    date: _dt.date | str | None = None,
) -> Brief:
    """Build the brief's content from a decision and its analysis dict (contract 2)."""
    from decisionroom import __version__

    names = _Names(decision)
    ranking = list(analysis.get("ranking") or [])
    consensus = analysis.get("consensus") or {}
    explanation = analysis.get("explanation") or {}
    claims: dict[str, list[str]] = {}
    for claim in explanation.get("claims") or []:
        kind = str(claim.get("kind"))
        if kind == "stakeholders" and "kendall_w" in (claim.get("numbers") or {}):
            kind = "consensus"  # the verdict line already states it
        claims.setdefault(kind, []).append(text(claim.get("text")))

    brief = Brief(
        title=text(decision.title),
        client=text(decision.client),
        subtitle=_subtitle(decision),
        recommendation=_recommendation(names, analysis, ranking, claims, explanation),
        higher_is_better=bool(analysis.get("higher_is_better", True)),
        claims=claims,
    )
    if decision.goal is not None:
        brief.goal = text(decision.goal.statement)
        brief.horizon = text(decision.goal.horizon)
    challenge_label = {c.id: f"C{i}" for i, c in enumerate(decision.challenges, 1)}
    brief.challenges = [text(c.statement) for c in decision.challenges]
    need_label = {n.id: f"N{i}" for i, n in enumerate(decision.needs, 1)}
    brief.needs = [
        Need(need_label[n.id], text(n.statement), [challenge_label.get(c, c) for c in n.challenges])
        for n in decision.needs
    ]
    people = consensus.get("stakeholders") or {}
    weights = analysis.get("weights") or {}
    brief.factors = [
        FactorRow(
            id=f.id,
            name=names.factor(f.id),
            why=text(f.why),
            needs=[need_label.get(n, n) for n in f.needs],
            direction="more is better" if f.direction == "max" else "less is better",
            unit=text(f.unit),
            weight=_float(weights.get(f.id)),
            weight_text=pct(_float(weights.get(f.id))),
            by_stakeholder={
                names.stakeholder(sid): pct(_float((p.get("weights") or {}).get(f.id)))
                for sid, p in people.items()
            },
        )
        for f in decision.factors
    ]
    brief.options = _options(decision, names, ranking, analysis.get("excluded") or [])
    brief.contributions = dict(analysis.get("contributions") or {})
    brief.values = dict(analysis.get("values") or {})
    _robustness(brief, names, analysis)
    _consensus(brief, decision, names, consensus)
    _changes(brief, decision, names, analysis, claims)
    brief.next_steps = [text(s) for s in explanation.get("next_steps") or []]
    # where the numbers come from (#10): cited as [n] in the options table, listed in full
    from decisionroom.reports.sources import evidence_notes, sources

    brief.sources = sources(
        decision,
        {o.id: o.name for o in brief.options}
        | {o.id: names.option(o.id) for o in decision.options},
        {f.id: f.name for f in brief.factors},
    )
    brief.evidence = [text(t) for t in evidence_notes(explanation)]
    _appendix(brief, decision, analysis, author, date, __version__)
    return brief


class _Names:
    """Ids to display names, falling back to a readable form of the id."""

    def __init__(self, decision: Decision) -> None:
        self._factors = {f.id: text(f.name) or humanize(f.id) for f in decision.factors}
        self._options = {o.id: text(o.name) or humanize(o.id) for o in decision.options}
        self._people = {}
        for s in decision.stakeholders:
            name, role = text(s.name), text(s.role)
            label = f"{name} ({role})" if "(" not in role else f"{name}, {role}"
            self._people[s.id] = label if name and role else name or role
            self._people[s.id] = self._people[s.id] or humanize(s.id)

    def factor(self, fid: str) -> str:
        return self._factors.get(fid) or humanize(fid)

    def option(self, oid: str) -> str:
        return self._options.get(oid) or humanize(oid)

    def stakeholder(self, sid: str) -> str:
        return self._people.get(sid) or humanize(sid)


def _float(x: Any) -> float | None:
    try:
        return None if x is None else float(x)
    except (TypeError, ValueError):
        return None


def _subtitle(decision: Decision) -> str:
    parts = []
    if decision.client:
        parts.append(f"Prepared for {text(decision.client)}")
    dm = decision.decision_maker
    if dm is not None and (dm.name or dm.role):
        who = ", ".join(text(x) for x in (dm.name, dm.role) if x)
        parts.append(f"decision maker: {who}")
    if decision.stage:
        parts.append(f"stage: {STAGES.get(decision.stage, decision.stage)}")
    return " · ".join(parts)


def _recommendation(
    names: _Names,
    analysis: Mapping[str, Any],
    ranking: Sequence[Mapping[str, Any]],
    claims: Mapping[str, list[str]],
    explanation: Mapping[str, Any],
) -> Recommendation:
    top = ranking[0]
    winner = names.option(top["option"])
    lower = "" if analysis.get("higher_is_better", True) else " (lower is better)"
    kpis: list[tuple[str, str]] = []
    if len(ranking) > 1:
        second = ranking[1]
        margin_value = abs(float(top["score"]) - float(second["score"]))
        margin = (
            f"{score(margin_value)} ahead of {names.option(second['option'])} "
            f"({score(second['score'])}), the runner-up"
        )
        sentence = (
            f"Choose {winner}: it ranks first with a score of {score(top['score'])}{lower}, "
            f"{score(margin_value)} ahead of {names.option(second['option'])} "
            f"({score(second['score'])})."
        )
        kpis.append(
            (
                "Margin over the runner-up",
                f"{score(margin_value)} ({score(top['score'])} against "
                f"{score(second['score'])} for {refer(names.option(second['option']))})",
            )
        )
    else:
        margin, sentence = "", f"{winner} is the only option left."
    safety = ""
    smaa = analysis.get("smaa") or {}
    first = (smaa.get("rank_acceptability") or {}).get(top["option"])
    from decisionroom.explain.words import safety_verdict, times

    if first:
        samples = smaa.get("samples")
        runs = f" of {times(int(samples))} simulations" if samples else " of the simulations"
        safety = (
            f"{winner} ranks first in {pct(first[0])}{runs} that vary the weights and "
            f"uncertain performance: {safety_verdict(float(first[0]))}."
        )
        kpis.append(
            ("First place in simulations", f"{pct(first[0])}{runs}: {safety_verdict(first[0])}")
        )
    said = next(
        (c for c in explanation.get("claims") or [] if c.get("kind") == "recommendation"), None
    )
    if said and said.get("text"):
        # the explanation's verdict leads (#10): a close call never opens with "Choose",
        # and a course of action is recommended as one ("The recommendation is to hire ...")
        sentence = text(said["text"])
    twins = _indistinguishable(explanation)
    if twins is not None:
        # identical options: no margin and no "safe choice" (the explanation says why)
        same, shared = twins
        sentence, safety = text(same["text"]), text(shared["text"]) if shared else ""
        kpis = [
            k
            for k in kpis
            if k[0] not in ("Margin over the runner-up", "First place in simulations")
        ]
        if shared:
            n, group = len(same["numbers"]["indistinguishable"]), shared["numbers"]
            kpis.append(
                (
                    "First place in simulations",
                    f"{pct(group['first_rank_acceptability'])} of "
                    f"{times(int(group['samples']))} simulations, shared by {n:,} options "
                    "that cannot be told apart",
                )
            )
    flip = ""
    sens = analysis.get("sensitivity") or {}
    critical = sens.get("critical_factor")
    factor = (sens.get("factors") or {}).get(critical) if critical else None
    if critical is not None and factor and factor.get("flip"):
        flip = _flip_sentence(names, critical, factor)
        w, t = float(factor["weight"]), float(factor["flip"]["weight"])
        kpis.append(
            (
                "Closest weight flip",
                f"{names.factor(critical)} {'above' if t > w else 'below'} {pct(t)} "
                f"(now {pct(w)}) puts {refer(names.option(factor['flip']['new_winner']))} first",
            )
        )
    elif sens.get("factors") and not critical:
        flip = "No change of a single weight alone changes the recommendation."
        kpis.append(("Closest weight flip", "none: no single weight change alone flips it"))
    return Recommendation(
        winner_id=str(top["option"]),
        winner=winner,
        sentence=sentence,
        margin=margin,
        safety=safety,
        flip=flip,
        summary=text(explanation.get("summary")),
        kpis=kpis,
    )


def _indistinguishable(
    explanation: Mapping[str, Any],
) -> tuple[Mapping[str, Any], Mapping[str, Any] | None] | None:
    """The recommendation and SMAA claims when the first options are identical."""
    found = explanation.get("claims") or []
    first = next((c for c in found if c.get("kind") == "recommendation"), None)
    if not first or not (first.get("numbers") or {}).get("indistinguishable"):
        return None
    shared = next(
        (c for c in found if c.get("kind") == "safety" and "options" in (c.get("numbers") or {})),
        None,
    )
    return first, shared


def _flip_sentence(names: _Names, fid: str, factor: Mapping[str, Any]) -> str:
    w, t = float(factor["weight"]), float(factor["flip"]["weight"])
    more = "more than" if t > w else "less than"
    return (
        f"It would change if {names.factor(fid)} counted for {more} {pct(t)} instead of "
        f"{pct(w)}; then {refer(names.option(factor['flip']['new_winner']))} would come first."
    )


def cell_text(cell: Any, unit: str | None = None) -> str:
    """A performance cell: '12' or '12 (9–18)' for [low, likely, high]."""
    low, mid, high = spread(cell)
    core = num(mid)
    if low != high:
        core = f"{core} ({num(low)}–{num(high)})"
    return f"{core} {unit}".strip() if unit else core


def _options(
    decision: Decision,
    names: _Names,
    ranking: Sequence[Mapping[str, Any]],
    excluded: Sequence[Mapping[str, Any]],
) -> list[OptionRow]:
    by_id = {o.id: o for o in decision.options}
    out: list[OptionRow] = []

    def row(oid: str, rank: int | None, value: float | None, reason: str = "") -> OptionRow:
        option = by_id.get(oid)
        cells = {
            f.id: cell_text(decision.performance[oid][f.id])
            for f in decision.factors
            if f.id in decision.performance.get(oid, {})
        }
        return OptionRow(
            id=oid,
            name=names.option(oid),
            kind=KINDS.get(option.kind or "", "") if option else "",
            ours=bool(option and option.ours),
            description=text(option.description) if option else "",
            rank=rank,
            score=value,
            score_text=score(value),
            cells=cells,
            excluded=reason,
        )

    for r in ranking:
        out.append(row(str(r["option"]), int(r["rank"]), float(r["score"])))
    seen = {o.id for o in out}
    for item in excluded:
        oid = str(item["option"])
        if oid not in seen:
            seen.add(oid)
            out.append(row(oid, None, None, f"Set aside: {text(item.get('reason'))}"))
    return out


def _robustness(brief: Brief, names: _Names, analysis: Mapping[str, Any]) -> None:
    sens = analysis.get("sensitivity") or {}
    for fid, item in (sens.get("factors") or {}).items():
        lo, hi = (float(x) for x in item.get("stable_interval") or (0.0, 1.0))
        flip = item.get("flip")
        brief.sensitivity.append(
            SensitivityRow(
                factor=names.factor(fid),
                weight=pct(_float(item.get("weight"))),
                interval=f"{pct(lo)}–{pct(hi)}",
                flip=(
                    f"at {pct(float(flip['weight']))}: {names.option(flip['new_winner'])}"
                    if flip
                    else "never, by this weight alone"
                ),
                lo=lo,
                hi=hi,
                value=float(item.get("weight") or 0.0),
                flip_at=float(flip["weight"]) if flip else None,
            )
        )
    critical = sens.get("critical_factor")
    brief.critical_factor = names.factor(critical) if critical else ""
    if critical and critical in (sens.get("sweep") or {}):
        brief.sweep = {"factor": critical, **sens["sweep"][critical]}
    smaa = analysis.get("smaa") or {}
    brief.acceptability = {
        oid: [float(x) for x in row] for oid, row in (smaa.get("rank_acceptability") or {}).items()
    }
    if smaa.get("samples"):
        seed = f", seed {smaa['seed']}" if smaa.get("seed") is not None else ""
        brief.smaa_samples = f"{int(smaa['samples']):,} samples{seed}"


def _consensus(
    brief: Brief, decision: Decision, names: _Names, consensus: Mapping[str, Any]
) -> None:
    if not consensus:
        return
    influence = {s.id: num(float(s.influence), 2) for s in decision.stakeholders}
    brief.verdict = text(consensus.get("verdict"))
    w = _float(consensus.get("kendall_w"))
    brief.kendall_w = num(w, 2) if w is not None else ""
    for sid, item in (consensus.get("stakeholders") or {}).items():
        agreement = _float(item.get("agreement"))
        brief.stakeholders.append(
            StakeholderRow(
                id=sid,
                label=names.stakeholder(sid),
                influence=influence.get(sid, "–"),
                winner=names.option(item["winner"]) if item.get("winner") else "–",
                agreement=num(agreement, 2) if agreement is not None else "–",
                weights={f: float(v) for f, v in (item.get("weights") or {}).items()},
            )
        )
    for fid, item in (consensus.get("factor_spread") or {}).items():
        brief.spread.append(
            (
                names.factor(fid),
                f"{pct(_float(item.get('min')))}–{pct(_float(item.get('max')))} "
                f"(most: {names.stakeholder(item['most'])}; "
                f"least: {names.stakeholder(item['least'])})",
            )
        )
    outlier = consensus.get("outlier")
    if outlier and not brief.claims.get("stakeholders"):
        brief.outlier = (
            f"{names.stakeholder(outlier['stakeholder'])} differs most from the group, "
            f"mainly on {names.factor(outlier['factor'])}."
        )


def _changes(
    brief: Brief,
    decision: Decision,
    names: _Names,
    analysis: Mapping[str, Any],
    claims: Mapping[str, list[str]],
) -> None:
    safety = claims.get("safety") or []
    # the first safety claim is the acceptability already on page one
    brief.what_would_change = list(safety[1:] if brief.recommendation.safety else safety)
    brief.unknowns = list(claims.get("unknowns") or [])
    performance = (analysis.get("sensitivity") or {}).get("performance") or {}
    units = {f.id: text(f.unit) or None for f in decision.factors}
    winner = brief.recommendation.winner_id
    found = []
    for oid, row in performance.items():
        for fid, change in (row or {}).items():
            if not change or oid not in decision.performance:
                continue
            cell = decision.performance[oid].get(fid)
            if cell is None:
                continue
            low, mid, high = spread(cell)
            span = max(high - low, abs(mid), 1e-12)
            found.append((abs(float(change["change"])) / span, oid, fid, mid, change))
    benefit = {f.id: f.direction == "max" for f in decision.factors}
    for _, oid, fid, mid, change in sorted(found)[:4]:
        unit = units.get(fid)
        what = "would lose first place" if oid == winner else "would come first"
        # the value as the user writes it, rounded the way that still changes the winner
        places = decimals_of([spread(row[fid])[1] for row in decision.performance.values()])
        up = benefit[fid] == (oid != winner)
        to = round_toward(float(change["to"]), places, up)
        brief.what_would_change.append(
            f"{refer(names.option(oid))} {what} with {names.factor(fid)} at "
            f"{quantity(to, unit, places)} instead of {quantity(mid, unit, places)}."
        )


def _appendix(
    brief: Brief,
    decision: Decision,
    analysis: Mapping[str, Any],
    author: str | None,
    date: _dt.date | str | None,
    version: str,
) -> None:
    method = analysis.get("method") or {}
    name = str(method.get("name", ""))
    params = method.get("params") or {}
    param_text = (
        ", ".join(f"{k} = {_param(v)}" for k, v in sorted(params.items())) if params else "defaults"
    )
    if author is None and decision.prepared_by is not None:
        # the brief is written for the decision maker, by whoever prepared it (#10)
        by = decision.prepared_by
        author = ", ".join(text(x) for x in (by.name, by.role, by.organisation) if x) or None
    when = date if isinstance(date, str) else (date or _dt.date.today()).isoformat()
    brief.appendix = [
        ("Method", METHODS.get(name, name)),
        ("Parameters", param_text),
        ("Scores", "higher is better" if brief.higher_is_better else "lower is better"),
        (
            "Data",
            f"{len(decision.options)} options, {len(decision.factors)} factors, "
            f"{len(decision.stakeholders)} stakeholders",
        ),
    ]
    if brief.smaa_samples:
        brief.appendix.append(("Simulation (SMAA-2)", brief.smaa_samples))
    brief.appendix += [
        ("Date", when),
        ("Prepared by", text(author) or "–"),
        ("decisionroom", version),
    ]
    brief.assumptions = [text(w.get("msg")) for w in analysis.get("warnings") or []]
    if brief.contributions:
        brief.assumptions.append(
            "Contributions use the additive view: each factor's weight times the option's "
            "0–1 value on it (0 at the worst value, 1 at the best)."
        )
    if any(
        spread(cell)[0] != spread(cell)[2]
        for row in decision.performance.values()
        for cell in row.values()
    ):
        brief.assumptions.append(
            "Performance written as 'likely (low–high)' is an estimate with its range."
        )


def _param(value: Any) -> str:
    if isinstance(value, float):
        return num(value, 4)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_param(v)}" for k, v in value.items()) + "}"
    return text(value)


__all__ = ["Brief", "build", "cell_text", "humanize", "pct", "points", "score"]
