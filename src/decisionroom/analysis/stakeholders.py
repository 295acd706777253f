"""Each stakeholder's own ranking and how far the stakeholders agree.

Every stakeholder who stated weights gets their own ranking with the same
method (factors they skipped count for nothing in it). Agreement on the
ranking is Kendall's W over those rankings, with verdict bands from Schmidt
(1997); agreement between two stakeholders is Kendall's tau-b.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from decisionroom.engine import consensus
from decisionroom.engine.methods import MethodSpec
from decisionroom.engine.ranking import order, ranks
from decisionroom.model.bridge import Bridged


def consensus_section(
    spec: MethodSpec, kwargs: Mapping[str, Any], bridged: Bridged
) -> dict[str, Any] | None:
    """The ``consensus`` key of the analysis JSON; None without stakeholder weights."""
    people = bridged.stakeholder_weights
    if not people:
        return None
    problem = bridged.problem
    ids = list(people)
    stated = np.array([people[s] for s in ids], dtype=float)  # NaN: skipped
    own = np.where(np.isnan(stated), 0.0, stated)
    own = own / own.sum(axis=1, keepdims=True)
    scores = spec.batch_scores(problem.matrix, own, problem.benefit, kwargs)
    rank_rows = np.array([ranks(row, spec.higher_is_better) for row in scores])
    orders = [order(row, spec.higher_is_better) for row in scores]
    w = consensus.kendall_w(rank_rows) if len(ids) >= 2 else float("nan")
    agreement = consensus.mean_agreement(rank_rows)
    tau = consensus.agreement_matrix(rank_rows)
    spread = consensus.weight_spread(stated)
    odd = consensus.outlier(rank_rows, stated, problem.weights) if len(ids) >= 2 else None
    factors = problem.factors
    return {
        "kendall_w": None if np.isnan(w) else float(w),
        "verdict": consensus.verdict(w, rank_rows),
        "stakeholders": {
            sid: {
                "winner": problem.options[int(orders[k][0])],
                "agreement": None if np.isnan(agreement[k]) else float(agreement[k]),
                "weights": {
                    f: float(stated[k, j])
                    for j, f in enumerate(factors)
                    if not np.isnan(stated[k, j])
                },
                "ranking": [problem.options[int(i)] for i in orders[k]],
            }
            for k, sid in enumerate(ids)
        },
        "agreement_matrix": {
            a: {b: None if np.isnan(tau[x, y]) else float(tau[x, y]) for y, b in enumerate(ids)}
            for x, a in enumerate(ids)
        },
        "factor_spread": {
            f: {
                "min": float(spread.min[j]),
                "max": float(spread.max[j]),
                "most": ids[int(spread.most[j])],
                "least": ids[int(spread.least[j])],
            }
            for j, f in enumerate(factors)
            if spread.most[j] >= 0
        },
        "outlier": None
        if odd is None
        else {"stakeholder": ids[odd.stakeholder], "factor": factors[odd.factor]},
    }
