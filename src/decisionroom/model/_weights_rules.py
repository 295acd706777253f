"""The rules for stated weights, joint or per stakeholder.

Points, rankings, swing weights, pairwise judgments and best-worst
comparisons each name factors and carry numbers; these rules catch unknown or
repeated factors, impossible numbers and judgments that cannot be completed,
each located like ``stakeholders[1].weights.pairwise[3]``. Used by
:func:`decisionroom.model.validate.check`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from decisionroom.errors import ErrorDetail, InvalidParameter
from decisionroom.model._plain_errors import unknown_id
from decisionroom.model.decision import (
    BestWorstWeights,
    ObjectiveWeights,
    PairwiseWeights,
    RankingWeights,
    SwingWeights,
)

__all__ = ["weights_errors"]


def weights_errors(
    weights: Any, loc: str, factor_ids: list[str], *, joint: bool
) -> list[ErrorDetail]:
    """Unknown or repeated factor ids in any weights form, and form-specific rules."""
    errors: list[ErrorDetail] = []
    covered: list[str] = []

    def refs(where: str, ids: Iterable[tuple[str, str]]) -> None:
        for sub, fid in ids:
            if fid not in factor_ids:
                errors.append(unknown_id(f"{where}{sub}", "factor", fid, factor_ids))
            covered.append(fid)

    if isinstance(weights, dict):
        refs(loc, ((f".{k}", k) for k in weights))
    elif isinstance(weights, RankingWeights):
        where = f"{loc}.ranking"
        refs(where, ((f"[{j}]", k) for j, k in enumerate(weights.ranking)))
        errors += _repeats(where, weights.ranking)
    elif isinstance(weights, SwingWeights):
        where = f"{loc}.swing"
        refs(where, ((f".{k}", k) for k in weights.swing))
        errors += _swing_rules(where, weights.swing)
    elif isinstance(weights, PairwiseWeights):
        errors += _pairwise_rules(f"{loc}.pairwise", weights, factor_ids, covered)
    elif isinstance(weights, BestWorstWeights):
        errors += _best_worst_rules(f"{loc}.best_worst", weights, factor_ids, covered)
    elif isinstance(weights, ObjectiveWeights):
        covered.extend(factor_ids)
    if joint and not errors:
        missing = [f for f in factor_ids if f not in covered]
        if missing:
            errors.append(
                ErrorDetail(
                    loc,
                    "missing_weight",
                    "The joint weights leave out factor(s) "
                    f"{', '.join(repr(f) for f in missing)}; weigh every factor or remove it.",
                    missing,
                )
            )
    return errors


def _repeats(where: str, ids: Sequence[str]) -> list[ErrorDetail]:
    first: dict[str, int] = {}
    errors = []
    for j, fid in enumerate(ids):
        if fid in first:
            errors.append(
                ErrorDetail(
                    f"{where}[{j}]",
                    "repeated_factor",
                    f"This factor is listed a second time (first at [{first[fid]}]).",
                    fid,
                )
            )
        else:
            first[fid] = j
    return errors


def _swing_rules(where: str, swing: Mapping[str, float]) -> list[ErrorDetail]:
    errors = [
        ErrorDetail(f"{where}.{k}", "swing_scale", f"{k} must be at most 100.", v)
        for k, v in swing.items()
        if v > 100
    ]
    if swing and not errors and max(swing.values()) != 100:
        errors.append(
            ErrorDetail(
                where,
                "swing_top",
                "The most important swing must be rated 100 and the others relative to it.",
                dict(swing),
            )
        )
    return errors


def _pairwise_rules(
    where: str, weights: PairwiseWeights, factor_ids: list[str], covered: list[str]
) -> list[ErrorDetail]:
    from decisionroom.engine import ahp

    p = weights.pairwise
    errors: list[ErrorDetail] = []
    if p.order is not None and p.matrix is not None:
        for j, fid in enumerate(p.order):
            if fid not in factor_ids:
                errors.append(unknown_id(f"{where}.order[{j}]", "factor", fid, factor_ids))
        errors += _repeats(f"{where}.order", p.order)
        covered.extend(p.order)
        if len(p.matrix) != len(p.order):
            errors.append(
                ErrorDetail(
                    f"{where}.matrix",
                    "matrix_size",
                    f"The matrix has {len(p.matrix)} rows but order lists {len(p.order)} "
                    "factors; it needs one row and one column per factor in order.",
                )
            )
        else:
            try:
                ahp.check_pairwise(p.matrix, f"{where}.matrix")
            except InvalidParameter as exc:
                errors += exc.errors
        return errors
    judgments = p.judgments or []
    pairs: dict[frozenset[str], int] = {}
    for j, (a, b, _) in enumerate(judgments):
        at = f"{where}.judgments[{j}]"
        for k, fid in enumerate((a, b)):
            if fid not in factor_ids:
                errors.append(unknown_id(f"{at}[{k}]", "factor", fid, factor_ids))
            covered.append(fid)
        pair = frozenset((a, b))
        if a == b:
            errors.append(
                ErrorDetail(
                    at, "self_comparison", "A factor cannot be compared with itself.", [a, b]
                )
            )
        elif pair in pairs:
            errors.append(
                ErrorDetail(
                    at,
                    "repeated_judgment",
                    f"This pair is already judged in judgments[{pairs[pair]}].",
                    [a, b],
                )
            )
        else:
            pairs[pair] = j
    if not errors:
        items = list(dict.fromkeys(covered))
        index = {fid: k for k, fid in enumerate(items)}
        try:
            ahp.matrix_from_judgments(
                len(items), [(index[a], index[b], v) for a, b, v in judgments]
            )
        except ahp.JudgmentsDisconnected as exc:
            groups = " and ".join("[" + ", ".join(items[k] for k in g) + "]" for g in exc.groups)
            errors.append(
                ErrorDetail(
                    f"{where}.judgments",
                    "judgments_disconnected",
                    f"The judgments never compare these groups of factors with each other: "
                    f"{groups}; add a judgment between the groups.",
                )
            )
    return errors


def _best_worst_rules(
    where: str, weights: BestWorstWeights, factor_ids: list[str], covered: list[str]
) -> list[ErrorDetail]:
    from decisionroom.engine import bwm

    bw = weights.best_worst
    errors: list[ErrorDetail] = []
    for key in ("best", "worst"):
        fid = getattr(bw, key)
        if fid not in factor_ids:
            errors.append(unknown_id(f"{where}.{key}", "factor", fid, factor_ids))
    for key in ("best_to_others", "others_to_worst"):
        for fid in getattr(bw, key):
            if fid not in factor_ids:
                errors.append(unknown_id(f"{where}.{key}.{fid}", "factor", fid, factor_ids))
    a, b = list(bw.best_to_others), list(bw.others_to_worst)
    if set(a) != set(b):
        only = sorted(set(a) ^ set(b))
        errors.append(
            ErrorDetail(
                where,
                "best_worst_factors",
                "best_to_others and others_to_worst must compare the same factors; "
                f"only one of them lists {', '.join(repr(f) for f in only)}.",
                only,
            )
        )
    items = [f for f in factor_ids if f in bw.best_to_others]
    covered.extend(a + b)
    if not errors:
        for key in ("best", "worst"):
            if getattr(bw, key) not in items:
                errors.append(
                    ErrorDetail(
                        f"{where}.{key}",
                        "best_worst_factors",
                        f"The {key} factor must also appear in best_to_others and others_to_worst.",
                        getattr(bw, key),
                    )
                )
    if not errors:
        try:
            bwm.check_best_worst(
                items.index(bw.best),
                items.index(bw.worst),
                [bw.best_to_others[f] for f in items],
                [bw.others_to_worst[f] for f in items],
                where,
                items,
            )
        except InvalidParameter as exc:
            errors += exc.errors
    return errors
