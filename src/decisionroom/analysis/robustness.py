"""How safe the ranking is: SMAA-2 and weight sensitivity, in the analysis JSON shape.

Weight uncertainty for SMAA, chosen from what the decision file states:

- two or more stakeholders stated weights: weights are drawn uniformly from
  the part of the weight simplex where every factor's weight lies within the
  range the stakeholders gave it (lowest to highest stakeholder weight), so
  every sample is a weighting the stakeholders' own views bracket;
- otherwise (joint weights only, or one stakeholder): nothing is known about
  how far the weights may move, so they are drawn uniformly from the whole
  simplex (Lahdelma & Salminen 2001, "missing preference information").

Performance given as ``[low, likely, high]`` is drawn from PERT distributions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from decisionroom.engine.methods import MethodSpec
from decisionroom.engine.smaa import Intervals, Mixture, UniformSimplex, WeightModel, smaa2
from decisionroom.errors import InvalidParameter
from decisionroom.model.bridge import Bridged

Progress = Callable[[float, float], None]


def weight_model(bridged: Bridged, influence: Mapping[str, float]) -> tuple[WeightModel, str]:
    """The SMAA weight model for a decision and a sentence saying which it is."""
    m = len(bridged.problem.factors)
    people = {k: v for k, v in bridged.stakeholder_weights.items() if np.isfinite(v).any()}
    if len(people) >= 2:
        stack = np.array(list(people.values()), dtype=float)
        lo = np.where(np.isnan(stack), np.inf, stack).min(axis=0)
        hi = np.where(np.isnan(stack), -np.inf, stack).max(axis=0)
        lo = np.where(np.isfinite(lo), lo, 0.0)
        hi = np.where(np.isfinite(hi), hi, 1.0)
        try:
            return Intervals(lo, hi), "uniform within the range of the stakeholders' weights"
        except InvalidParameter:
            filled = np.where(np.isnan(stack), 0.0, stack)
            probs = np.array([influence.get(k, 1.0) for k in people], dtype=float)
            return (
                Mixture(filled, probs, jitter=0.2),
                "a mixture of the stakeholders' weights, picked by influence",
            )
    return UniformSimplex(m), "uniform over all weightings (no weight information used)"


#: The most SMAA-2 samples an analysis draws (docs/limits.md): the sampling error of a
#: share is then below 0.02 percentage points, far under the whole percent shown, so
#: more samples only cost time.
MAX_SAMPLES = 10_000_000


def check_samples(samples: int, loc: str = "smaa") -> None:
    """Refuse a number of SMAA-2 samples outside 0 to :data:`MAX_SAMPLES`.

    Raises:
        InvalidParameter: named at ``loc`` with the allowed range.
    """
    if isinstance(samples, bool) or not isinstance(samples, int) or not 0 <= samples <= MAX_SAMPLES:
        raise InvalidParameter.at(
            loc,
            f"The number of SMAA-2 samples must be a whole number from 0 (skip) to "
            f"{MAX_SAMPLES:,}; more cannot change a percentage shown.",
            code="range",
            input=samples,
        )


def smaa_section(
    spec: MethodSpec,
    kwargs: Mapping[str, Any],
    bridged: Bridged,
    influence: Mapping[str, float],
    *,
    samples: int,
    seed: int,
    ranks: int | None = None,
    progress: Progress | None = None,
) -> tuple[dict[str, Any], np.ndarray]:
    """The ``smaa`` key of the analysis JSON, and every option's first-place share.

    ``ranks`` counts only the first ranks (a long list); the JSON then lists
    only the options that reach one of them.
    """
    check_samples(samples)
    problem = bridged.problem
    model, how = weight_model(bridged, influence)
    result = smaa2(
        spec,
        kwargs,
        problem.matrix,
        problem.benefit,
        low=bridged.low if bridged.has_ranges else None,
        high=bridged.high if bridged.has_ranges else None,
        weights=model,
        samples=samples,
        seed=seed,
        ranks=ranks,
        progress=progress,
    )
    out = result.to_dict(problem.options, problem.factors)
    out["weights_model"] = how
    out["performance_model"] = "PERT on [low, likely, high]" if bridged.has_ranges else "fixed"
    return out, np.asarray(result.rank_acceptability[:, 0], dtype=float)


#: Points of each weight sweep in the analysis JSON (enough for a smooth chart).
SWEEP_POINTS = 51


def sensitivity_section(
    spec: MethodSpec,
    kwargs: Mapping[str, Any],
    bridged: Bridged,
    examined: Sequence[int] | None = None,
) -> dict[str, Any]:
    """The ``sensitivity`` key: stability intervals, flips, performance changes and sweeps.

    Weight stability covers every option; the performance what-ifs and the
    sweeps cover the ``examined`` options (all by default).
    """
    from decisionroom.engine.sensitivity import sensitivity, weight_sweep

    problem = bridged.problem
    rows = list(range(len(problem.options))) if examined is None else list(examined)
    out = sensitivity(spec, problem, kwargs, options=rows).to_dict(problem.options, problem.factors)
    sweeps = {}
    for j, factor in enumerate(problem.factors):
        t, scores = weight_sweep(spec, problem, kwargs, j, points=SWEEP_POINTS, options=rows)
        sweeps[factor] = {
            "t": [float(x) for x in t],
            "scores": {
                problem.options[i]: [float(x) for x in scores[:, k]] for k, i in enumerate(rows)
            },
        }
    out["sweep"] = sweeps
    return out
