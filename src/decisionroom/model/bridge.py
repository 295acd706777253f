"""Turn a decision into the engine's arrays: matrix, weights, directions, bounds.

Only shortlisted options take part. The matrix holds the *likely* value of
each performance cell; ``low`` and ``high`` hold the ends of ranges (equal to
the likely value for plain numbers) for the SMAA analysis. Weights come from,
in this order: the joint ``weights``; the influence-weighted mean of the
stakeholders' weights (:func:`group_weights`); equal weights, with a warning.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from decisionroom.engine.problem import BoolArray, FloatArray, Problem
from decisionroom.errors import ErrorDetail, InvalidDecision, InvalidParameter
from decisionroom.model.decision import (
    BestWorstWeights,
    Decision,
    ObjectiveWeights,
    PairwiseWeights,
    RankingWeights,
    SwingWeights,
    spread,
)

__all__ = ["CR_LIMIT", "Bridged", "group_weights", "resolve_weights", "to_problem"]

CR_LIMIT = 0.1  # Saaty's limit on the consistency ratio of pairwise comparisons


@dataclass(frozen=True)
class Bridged:
    """A decision in the engine's terms, with where its weights came from.

    Attributes:
        problem: the shortlisted options, likely values, normalised weights.
        low: ``(n_options, n_factors)`` low ends of ranges (likely for numbers).
        high: ``(n_options, n_factors)`` high ends of ranges.
        has_ranges: some performance is a range with ``low < high``.
        weights_source: ``joint``, ``stakeholders``, ``equal``, or
            ``objective:entropy`` / ``objective:critic`` for joint objective weights.
        consistency: for joint pairwise weights, ``{"index", "ratio",
            "random_index", "worst_judgment": [a, b]}`` (DESIGN contract 2).
        warnings: soft problems that belong in the analysis ``warnings``.
        stakeholder_weights: each stakeholder's normalised weights over the
            factors they weighed, NaN for the factors they skipped.
    """

    problem: Problem
    low: FloatArray
    high: FloatArray
    has_ranges: bool
    weights_source: str
    consistency: dict[str, Any] | None = None
    warnings: list[ErrorDetail] = field(default_factory=list)
    stakeholder_weights: dict[str, FloatArray] = field(default_factory=dict)


def to_problem(decision: Decision) -> Bridged:
    """Bridge a decision to the engine.

    Raises:
        InvalidDecision: the decision breaks a cross-reference rule (only for
            decisions built in code; files are checked when they are read).
        InvalidParameter: a weights form the engine rejects.
    """
    from decisionroom.model.validate import outside_bounds, semantic_errors

    problems = semantic_errors(decision)
    if problems:
        raise InvalidDecision(problems)
    options = [o for o in decision.options if o.shortlisted]
    factors = decision.factors
    factor_ids = [f.id for f in factors]
    cube = np.array(
        [[spread(decision.performance[o.id][f]) for f in factor_ids] for o in options],
        dtype=float,
    ).reshape(len(options), len(factor_ids), 3)
    low, likely, high = cube[..., 0], cube[..., 1], cube[..., 2]
    benefit = np.array([f.direction == "max" for f in factors], dtype=bool)
    bounds = np.array(
        [[f.value.worst, f.value.best] if f.value else [np.nan, np.nan] for f in factors],
        dtype=float,
    ).reshape(len(factors), 2)

    warnings: list[ErrorDetail] = []
    for i, option in enumerate(decision.options):
        if not option.shortlisted:
            warnings.append(
                ErrorDetail(
                    f"options[{i}].shortlisted",
                    "warn_not_shortlisted",
                    f"Option {option.id!r} is not shortlisted and is left out of the analysis.",
                )
            )
    shortlisted = {o.id for o in options}
    warnings += [w for w in outside_bounds(decision) if w.loc.split(".")[1] in shortlisted]

    consistency: dict[str, Any] | None = None
    people: dict[str, FloatArray] = {}
    for i, person in enumerate(decision.stakeholders):
        if person.weights is None:
            continue
        loc = f"stakeholders[{i}].weights"
        w, c = resolve_weights(person.weights, factor_ids, likely, benefit, loc)
        people[person.id] = w
        warnings += _consistency_warnings(c, loc, f"Stakeholder {person.id!r}'s")
    if decision.weights is not None:
        weights, consistency = resolve_weights(
            decision.weights, factor_ids, likely, benefit, "weights"
        )
        warnings += _consistency_warnings(consistency, "weights", "The joint")
        if isinstance(decision.weights, ObjectiveWeights):
            source = f"objective:{decision.weights.objective}"
        else:
            source = "joint"
        if people:  # nothing silently overrides anything (#10)
            warnings.append(
                ErrorDetail(
                    "weights",
                    "warn_joint_over_stakeholders",
                    "The joint weights rank the options; the stakeholders' own weights count "
                    "only for consensus and SMAA. Remove the joint weights to rank by the "
                    "stakeholders' combined weights.",
                )
            )
    elif people:
        weights, consistency = group_weights(decision, people, factor_ids)
        if consistency is not None:
            warnings += _consistency_warnings(consistency, "stakeholders", "The group's")
        unweighed = [f for f, w in zip(factor_ids, weights, strict=True) if w == 0]
        if unweighed:
            warnings.append(
                ErrorDetail(
                    "stakeholders",
                    "warn_factor_unweighed",
                    "No stakeholder weighed factor(s) "
                    f"{', '.join(repr(f) for f in unweighed)}; they count for nothing.",
                    unweighed,
                )
            )
        source = "stakeholders"
    else:
        from decisionroom.model.validate import no_weights_warning

        weights = np.full(len(factor_ids), 1.0 / len(factor_ids))
        warnings.append(no_weights_warning())
        source = "equal"

    problem = Problem(
        matrix=likely,
        weights=weights,
        benefit=benefit,
        options=tuple(o.id for o in options),
        factors=tuple(factor_ids),
        bounds=bounds,
    )
    return Bridged(
        problem=problem,
        low=low,
        high=high,
        has_ranges=bool(np.any(high > low)),
        weights_source=source,
        consistency=consistency,
        warnings=warnings,
        stakeholder_weights=people,
    )


def _consistency_warnings(
    consistency: Mapping[str, Any] | None, loc: str, whose: str
) -> list[ErrorDetail]:
    if consistency is None:
        return []
    if consistency.get("method") == "best_worst":
        return _best_worst_warnings(consistency, loc, whose)
    if consistency["ratio"] <= CR_LIMIT:
        return []
    a, b = consistency["worst_judgment"] or ("?", "?")
    return [
        ErrorDetail(
            loc,
            "warn_inconsistent_pairwise",
            f"{whose} pairwise comparisons have a consistency ratio of "
            f"{consistency['ratio']:.2f}, above Saaty's {CR_LIMIT:.2f}; the judgment of "
            f"{a!r} against {b!r} is the first to review.",
            consistency["ratio"],
        )
    ]


def _best_worst_warnings(consistency: Mapping[str, Any], loc: str, whose: str) -> list[ErrorDetail]:
    """Warn when best-worst judgments exceed Liang, Brunelli & Rezaei's (2020) threshold."""
    threshold = consistency["threshold"]
    if threshold is None or consistency["ratio"] <= threshold:
        return []
    best, middle, worst = consistency["worst_judgment"]
    return [
        ErrorDetail(
            f"{loc}.best_worst",
            "warn_inconsistent_best_worst",
            f"{whose} best-worst judgments have a consistency ratio of "
            f"{consistency['ratio']:.2f}, above the threshold of {threshold:.2f} for this "
            "number of factors and best-to-worst judgment (Liang, Brunelli & Rezaei 2020); "
            f"review how much more {best!r} matters than {middle!r} and {middle!r} than "
            f"{worst!r}: together they break the best-to-worst judgment the most.",
            consistency["ratio"],
        )
    ]


def resolve_weights(
    spec: Any,
    factor_ids: Sequence[str],
    matrix: FloatArray,
    benefit: BoolArray,
    loc: str = "weights",
) -> tuple[FloatArray, dict[str, Any] | None]:
    """Turn any weights form into weights over ``factor_ids`` that sum to 1.

    Factors the form does not mention get NaN (a stakeholder may skip
    factors); the others sum to 1. Objective forms are computed from
    ``matrix`` (options x factors) and ``benefit``.

    Returns:
        ``(weights, consistency)``; ``consistency`` is set for pairwise forms.

    Raises:
        InvalidParameter: the engine rejects the input (located at ``loc``).
    """
    from decisionroom.engine import ahp, bwm, objective, weighting

    index = {f: j for j, f in enumerate(factor_ids)}
    out = np.full(len(factor_ids), np.nan)
    consistency: dict[str, Any] | None = None
    try:
        if isinstance(spec, Mapping):
            ids = list(spec)
            values = weighting.normalize_points([float(spec[f]) for f in ids])
        elif isinstance(spec, RankingWeights):
            ids = list(spec.ranking)
            values = weighting.from_ranking(len(ids), "roc")
        elif isinstance(spec, SwingWeights):
            ids = list(spec.swing)
            values = weighting.swing([float(spec.swing[f]) for f in ids])
        elif isinstance(spec, PairwiseWeights):
            ids, matrix_ = _pairwise_matrix(spec, factor_ids)
            priorities = ahp.eigen_priorities(matrix_)
            values = priorities.weights
            worst = priorities.worst_judgment
            consistency = {
                "method": "pairwise",
                "index": float(priorities.ci),
                "ratio": float(priorities.cr),
                "random_index": float(priorities.random_index),
                "worst_judgment": [ids[worst[0]], ids[worst[1]]] if worst else None,
            }
        elif isinstance(spec, BestWorstWeights):
            bw = spec.best_worst
            ids = [f for f in factor_ids if f in bw.best_to_others]
            result = bwm.best_worst(
                ids.index(bw.best),
                ids.index(bw.worst),
                [float(bw.best_to_others[f]) for f in ids],
                [float(bw.others_to_worst[f]) for f in ids],
                loc=f"{loc}.best_worst",
                names=ids,
            )
            values = result.weights
            consistency = {
                "method": "best_worst",
                "ratio": result.input_consistency_ratio,
                "threshold": result.threshold,
                "output_ratio": result.consistency_ratio,
                "worst_judgment": None
                if result.worst_factor is None
                else [bw.best, ids[result.worst_factor], bw.worst],
            }
        elif isinstance(spec, ObjectiveWeights):
            ids = list(factor_ids)
            if spec.objective == "entropy":
                values = objective.entropy_weights(matrix)
            else:
                values = objective.critic_weights(matrix, benefit)
        else:
            raise TypeError(f"not a weights form: {spec!r}")
    except ValueError as exc:
        if isinstance(exc, InvalidParameter):
            raise
        raise InvalidParameter.at(
            loc, f"These weights cannot be used: {exc}.", code="weights"
        ) from None
    for f, v in zip(ids, np.asarray(values, dtype=float), strict=True):
        out[index[f]] = v
    return out, consistency


def _pairwise_matrix(spec: PairwiseWeights, factor_ids: Sequence[str]) -> tuple[list[str], Any]:
    from decisionroom.engine import ahp

    p = spec.pairwise
    if p.order is not None and p.matrix is not None:
        return list(p.order), np.array(p.matrix, dtype=float)
    judgments = p.judgments or []
    mentioned = {f for a, b, _ in judgments for f in (a, b)}
    ids = [f for f in factor_ids if f in mentioned]
    pos = {f: k for k, f in enumerate(ids)}
    return ids, ahp.matrix_from_judgments(
        len(ids), [(pos[a], pos[b], float(v)) for a, b, v in judgments]
    )


def group_weights(
    decision: Decision, people: Mapping[str, FloatArray], factor_ids: Sequence[str]
) -> tuple[FloatArray, dict[str, Any] | None]:
    """The group's weights from the stakeholders' (issue #3).

    When every stakeholder who weighed the factors did so by pairwise
    comparisons of all of them, their judgments are aggregated first (AIJ:
    influence-weighted geometric mean, element by element; Forman & Peniwati
    1998) and the group weights are the principal eigenvector of that matrix,
    with its consistency. Otherwise each stakeholder's weights are normalised
    and averaged with their influence (AIP, arithmetic; a skipped factor is
    averaged over those who weighed it).
    """
    from decisionroom.engine import ahp, group

    weighing = [p for p in decision.stakeholders if p.id in people]
    influence = np.array([p.influence for p in weighing], dtype=float)
    full = [
        _pairwise_matrix(p.weights, factor_ids)
        for p in weighing
        if isinstance(p.weights, PairwiseWeights)
    ]
    if len(full) == len(weighing) and all(sorted(ids) == sorted(factor_ids) for ids, _ in full):
        stack = []
        for ids, matrix in full:
            perm = [ids.index(f) for f in factor_ids]
            stack.append(np.asarray(matrix, dtype=float)[np.ix_(perm, perm)])
        priorities = ahp.eigen_priorities(group.aggregate_judgments(np.array(stack), influence))
        worst = priorities.worst_judgment
        return priorities.weights, {
            "method": "pairwise",
            "index": float(priorities.ci),
            "ratio": float(priorities.cr),
            "random_index": float(priorities.random_index),
            "worst_judgment": [factor_ids[worst[0]], factor_ids[worst[1]]] if worst else None,
        }
    stated = np.array([people[p.id] for p in weighing], dtype=float)
    return group.aggregate_priorities(stated, influence), None
