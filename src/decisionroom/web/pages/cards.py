"""What a board card says about a decision, from its document and its cached analysis.

The board never computes an analysis: it reads the one cached for the current
version (docs/server.md), so 200 decisions load as fast as one query. A
decision changed since it was last analysed says so. Readiness (issue 14,
docs/library.md) is read from the document, its template and that analysis.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from decisionroom.library import Catalog
from decisionroom.library.readiness import Readiness, readiness
from decisionroom.model.decision import Decision as DecisionModel
from decisionroom.store import analyses
from decisionroom.store.tables import AnalysisCache, Decision

__all__ = ["DEFAULT_KEY", "Card", "card", "cards", "readiness_of", "safety"]

DEFAULT_KEY = analyses.cache_key(None, {}, 10_000, 0)
#: The parts of the analysis JSON a card reads (the verdict, readiness, what is unknown).
CARD_PATHS: tuple[tuple[str, ...], ...] = (
    ("method",),
    ("ranking",),
    ("weights",),
    ("unknowns",),
    ("firm_up",),
    ("has_ranges",),
    ("smaa", "rank_acceptability"),
    ("sensitivity", "factors"),
    ("sensitivity", "critical_factor"),
    ("consensus", "verdict"),
)
#: The advice's verdicts in the board's words.
LABELS = {"clear": "clear", "likely": "likely", "close": "close call"}


@dataclass
class Card:
    """One decision on the board."""

    id: int
    title: str
    client: str
    stage: str
    version: int
    recommendation: str | None = None
    safety: str | None = None
    safety_why: str = ""
    consensus: str | None = None
    not_weighed: list[str] = field(default_factory=list)
    unknowns: list[str] = field(default_factory=list)
    analysed: bool = False
    readiness: int | None = None
    readiness_next: str = ""


def safety(analysis: dict[str, Any]) -> tuple[str | None, str]:
    """How safe the recommendation is: clear, likely or close call, and why.

    The advice's verdict (docs/advice.md: the SMAA first-place shares, the
    margin and the weights' stability read together) in the board's words.
    """
    from decisionroom.explain.verdict import decide

    ranking = analysis.get("ranking") or []
    if not ranking:
        return None, ""
    verdict = decide(analysis)
    label = LABELS.get(verdict.kind, verdict.kind)
    first = verdict.shares.get(verdict.winner)
    if first is None:
        first_ranks = (analysis.get("smaa") or {}).get("rank_acceptability") or {}
        first = (first_ranks.get(verdict.winner) or [None])[0]
    margin = round(verdict.margin, 9)  # 0.7 - 0.6 is a lead of 0.1, not 0.0999...
    if first is not None:
        return label, f"first in {float(first):.0%} of simulations, {margin:.3f} ahead"
    return label, f"{margin:.3f} ahead of the runner-up (no simulations)"


def readiness_of(
    doc: dict[str, Any], analysis: dict[str, Any] | None, catalog: Catalog | None
) -> Readiness | None:
    """The readiness of a stored decision, or None before it is analysed.

    A stored document was validated when written, so the model is built
    without the file checks (0.4 ms instead of 3 ms: the board reads 200).
    A template no longer in the catalog counts as none.
    """
    if analysis is None:
        return None
    try:
        decision = DecisionModel.model_validate(doc)
        template = None
        if decision.template is not None and catalog is not None:
            template = next((t for t in catalog.templates if t.id == decision.template), None)
        return readiness(decision, template, analysis)
    except (ValidationError, KeyError):  # an analysis cached before a format change
        return None


def weakest(result: Readiness) -> str:
    """The label of the check furthest from passing (what to work on next)."""
    open_checks = [c for c in result.checks if c.score is not None and c.score < 1]
    if not open_checks:
        return ""
    return min(open_checks, key=lambda c: c.score or 0.0).label


def card(row: Decision, analysis: dict[str, Any] | None, catalog: Catalog | None = None) -> Card:
    """The card of one decision."""
    doc = dict(row.document)
    names = {o["id"]: o.get("name") or o["id"] for o in doc.get("options") or []}
    factor_names = {f["id"]: f.get("name") or f["id"] for f in doc.get("factors") or []}
    out = Card(
        id=row.id,
        title=row.title,
        client=row.client or "",
        stage=row.stage or "goal",
        version=row.version,
        recommendation=names.get(row.recommendation or "", row.recommendation),
    )
    out.not_weighed = [
        p.get("name") or p["id"] for p in doc.get("stakeholders") or [] if not p.get("weights")
    ]
    if not doc.get("goal"):
        out.unknowns.append("no goal yet")
    ranges = sum(
        1
        for cells in (doc.get("performance") or {}).values()
        for cell in cells.values()
        if isinstance(cell, list)
        or (isinstance(cell, dict) and isinstance(cell.get("value"), list))
    )
    if ranges:
        out.unknowns.append(f"{ranges} estimate{'s' if ranges != 1 else ''} given as a range")
    if analysis is not None:
        out.analysed = True
        out.safety, out.safety_why = safety(analysis)
        out.consensus = (analysis.get("consensus") or {}).get("verdict")
        from decisionroom.explain.firm_up import worth_knowing

        worth = worth_knowing(analysis)  # valued like the explanation (docs/advice.md)
        for item in worth[:2]:
            name = factor_names.get(item["factor"], item["factor"])
            if item["kind"] == "weight":
                out.unknowns.append(f"firm up first: how much {name} counts")
            else:
                option = names.get(item["option"], item["option"])
                out.unknowns.append(f"firm up first: {name} for {option}")
        if "firm_up" not in analysis:  # no value computed: the estimates that can flip it
            for gap in analysis.get("unknowns") or []:
                name = factor_names.get(gap.get("factor"), gap.get("factor"))
                out.unknowns.append(f"{name} could change the choice")
        elif not worth and ranges:
            out.unknowns.append("none worth firming up before choosing")
        ready = readiness_of(doc, analysis, catalog)
        if ready is not None:
            out.readiness, out.readiness_next = ready.score, weakest(ready)
    return out


def cached_analyses(session: Session, rows: list[Decision]) -> dict[int, dict[str, Any]]:
    """The cached default analysis of each row's current version, by decision id."""
    if not rows:
        return {}
    # Only the parts a card reads, taken out by the database: a whole analysis (sweeps,
    # central weights) is many times larger, and decoding 200 of them was most of the
    # board's time.
    found = session.execute(
        select(AnalysisCache.decision_id, *(AnalysisCache.result[p] for p in CARD_PATHS))
        .join(
            Decision,
            (Decision.id == AnalysisCache.decision_id)
            & (Decision.version == AnalysisCache.version),
        )
        .where(Decision.id.in_([r.id for r in rows]), AnalysisCache.key == DEFAULT_KEY)
    )
    out: dict[int, dict[str, Any]] = {}
    for decision_id, *values in found:
        analysis: dict[str, Any] = {}
        for path, value in zip(CARD_PATHS, values, strict=True):
            if value is None:
                continue
            *parents, leaf = path
            node = analysis
            for key in parents:
                node = node.setdefault(key, {})
            node[leaf] = value
        out[int(decision_id)] = analysis
    return out


def cards(session: Session, rows: list[Decision], catalog: Catalog | None = None) -> list[Card]:
    """The cards of these decisions (readiness uses the catalog's templates)."""
    found = cached_analyses(session, rows)
    return [card(r, found.get(r.id), catalog) for r in rows]
