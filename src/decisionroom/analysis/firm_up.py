"""What to firm up first: the value of knowing each uncertain number before choosing.

Every estimate given as a range and every contested weight (one on which the
stakeholders' own weights differ) is a number the client could learn more
about: a reference call, a pilot, a written commitment, a conversation. This
module ranks them by how much knowing each one would improve the choice.

The measure is the expected value of partial perfect information (EVPPI;
Felli & Hazen 1998) with a 0-1 value: a choice is worth 1 when the option
chosen comes out first once everything is known, 0 otherwise. Deciding today
is worth the chance that the best option on today's information comes out
first; knowing a number before deciding is worth the chance of coming out
right when the choice may depend on that number. The difference, in
percentage points, is what knowing the number is worth.

It is estimated from one simulation of the uncertainty the SMAA pass draws:
ranges from PERT and, where the stakeholders' weights differ, weights from the
same weight model (weights nobody contests stay as stated): samples are
sorted by the number in question and cut into equal bins; within a bin the
choice is the option first most often. To keep the noise of that choice out
of its value, the choice is made on half of the bin's samples and scored on
the other half, and the other way round (cross-fitting), so a number that
does not matter is worth about zero instead of a few points of noise.

Reference:
    Felli, J. C. & Hazen, G. B. (1998). Sensitivity analysis and the expected
    value of perfect information. Medical Decision Making 18(1), 95-109.
    Strong, M. & Oakley, J. E. (2013). An efficient method for computing
    single-parameter partial expected value of perfect information. Medical
    Decision Making 33(6), 755-766 (the sorting-and-binning estimator).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from decisionroom.engine.methods import MethodSpec
from decisionroom.engine.problem import FloatArray
from decisionroom.model.bridge import Bridged

__all__ = ["BINS", "SAMPLES", "firm_up_section", "value_of_knowing"]

#: Samples of the simulation; with :data:`BINS` bins of 500 samples each the
#: cross-fitted value of a number that does not matter stays within about a point.
SAMPLES = 8_000
#: Equal-count bins along each uncertain number.
BINS = 16
#: Largest table simulated (options x factors x samples floats, about 200 MB).
MAX_CELLS = 25_000_000
#: Longest list simulated whole; a longer one only among its examined options.
MAX_OPTIONS = 50
#: Items listed, most valuable first, and the smallest value worth naming.
TOP = 5
MIN_GAIN = 0.01


def _groups(values: FloatArray, bins: int) -> list[np.ndarray]:
    """Sample indices in equal-count bins along ``values``."""
    order = np.argsort(values)
    return list(np.array_split(order, max(1, min(bins, len(order) // 2))))


def value_of_knowing(values: FloatArray, best: np.ndarray, n: int, bins: int = BINS) -> float:
    """Cross-fitted chance of choosing the option that comes out first, knowing ``values``.

    ``values`` is the sampled number, ``best`` the index of the option that
    came out first in each sample, ``n`` the number of options.
    """
    return _worth(_groups(values, bins), best, n, today=0)[0]


def _worth(groups: list[np.ndarray], best: np.ndarray, n: int, today: int) -> tuple[float, float]:
    """Cross-fitted chance of a right choice, and the share of samples it changes.

    The second number is the share of samples whose bin's choice differs
    from ``today``'s.
    """
    right = 0.0
    changed = 0
    total = 0
    for group in groups:
        total += len(group)
        if np.argmax(np.bincount(best[group], minlength=n)) != today:
            changed += len(group)
        halves = (group[0::2], group[1::2])
        for pick_on, score_on in (halves, halves[::-1]):
            if len(pick_on) == 0 or len(score_on) == 0:
                continue
            choice = int(np.argmax(np.bincount(best[pick_on], minlength=n)))
            right += float(np.count_nonzero(best[score_on] == choice))
    return right / total, changed / total


def _gain(values: FloatArray, best: np.ndarray, n: int, today: int, now: float) -> dict[str, float]:
    """What knowing one sampled number is worth, and how often it would change the choice."""
    right, changed = _worth(_groups(values, BINS), best, n, today)
    return {"gain": right - now, "changes_choice": changed}


def _same_as(values: FloatArray, seen: list[FloatArray]) -> bool:
    """Whether a sampled weight moves in lockstep with one already listed."""
    return any(abs(float(np.corrcoef(values, other)[0, 1])) > 0.999 for other in seen)


def _pert(
    low: FloatArray, likely: FloatArray, high: FloatArray, rng: Any, k: int, cells: np.ndarray
) -> FloatArray:
    """``k`` tables with PERT draws (lambda = 4) in the ranged ``cells``, shape ``(k, n, m)``."""
    out: FloatArray = np.repeat(likely[None, :, :], k, axis=0)
    rows, cols = cells[:, 0], cells[:, 1]
    lo, mode, hi = low[rows, cols], likely[rows, cols], high[rows, cols]
    span = hi - lo
    alpha = 1.0 + 4.0 * (mode - lo) / span
    beta = 1.0 + 4.0 * (hi - mode) / span
    out[:, rows, cols] = lo + rng.beta(alpha, beta, size=(k, len(rows))) * span
    return out


def _restricted(bridged: Bridged, rows: Sequence[int]) -> Bridged:
    """The decision among some of its options only (a long list's examined ones)."""
    keep = list(rows)
    p = bridged.problem
    problem = type(p)(
        p.matrix[keep], p.weights, p.benefit, tuple(p.options[i] for i in keep), p.factors, p.bounds
    )
    return replace(bridged, problem=problem, low=bridged.low[keep], high=bridged.high[keep])


def firm_up_section(
    spec: MethodSpec,
    kwargs: Mapping[str, Any],
    bridged: Bridged,
    influence: Mapping[str, float],
    *,
    seed: int,
    samples: int = SAMPLES,
    examined: Sequence[int] | None = None,
) -> dict[str, Any] | None:
    """The ``firm_up`` key of the analysis JSON, or None when nothing is uncertain.

    Items are estimates (``kind: "estimate"``, an option and a factor) and
    contested weights (``kind: "weight"``, a factor), most valuable first;
    ``gain`` is in chance (0-1) of choosing the option that comes out first.
    A list longer than :data:`MAX_OPTIONS` is simulated among the ``examined``
    options only (the JSON says so in ``among``).
    """
    from decisionroom.analysis.robustness import weight_model
    from decisionroom.engine.smaa import Intervals, Mixture

    among = "all options"
    if examined is not None and len(bridged.problem.options) > MAX_OPTIONS:
        bridged = _restricted(bridged, examined)
        among = "the examined options"
    problem = bridged.problem
    n, m = problem.matrix.shape
    model, _ = weight_model(bridged, influence)
    contested = isinstance(model, Intervals | Mixture)
    ranged = np.argwhere(bridged.high > bridged.low) if bridged.has_ranges else np.empty((0, 2))
    if n < 2 or (not contested and len(ranged) == 0):
        return None
    if n * m * samples > MAX_CELLS:
        samples = max(BINS * 40, MAX_CELLS // (n * m))
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(7,))))
    # Weights nobody contests are the client's stated weights, not an unknown: only the
    # stakeholders' disagreement is simulated (drawing from the whole simplex, as SMAA does
    # without weight information, would drown every estimate in made-up doubt).
    weights = (
        model.sample(rng, samples)
        if contested
        else np.broadcast_to(problem.weights, (samples, m)).copy()
    )
    # one fixed table when only weights are uncertain: the methods score it for every weighting
    matrix = (
        _pert(bridged.low, problem.matrix, bridged.high, rng, samples, ranged)
        if len(ranged)
        else problem.matrix
    )
    scores = spec.batch_scores(matrix, weights, problem.benefit, kwargs)
    best = np.argmax(scores if spec.higher_is_better else -scores, axis=1)
    shares = np.bincount(best, minlength=n) / samples
    today = int(np.argmax(shares))
    now = _worth(_groups(np.zeros(samples), 1), best, n, today)[0]
    items: list[dict[str, Any]] = []
    for i, j in ranged:
        values = matrix[:, i, j]
        items.append(
            {
                "kind": "estimate",
                "option": problem.options[int(i)],
                "factor": problem.factors[int(j)],
                "low": float(bridged.low[i, j]),
                "high": float(bridged.high[i, j]),
                **_gain(values, best, n, today, now),
            }
        )
    if contested:
        seen: list[FloatArray] = []
        for j, factor in enumerate(problem.factors):
            values = weights[:, j]
            if float(values.max() - values.min()) < 0.02 or _same_as(values, seen):
                continue  # settled, or one number with another (two factors: w2 = 1 - w1)
            seen.append(values)
            items.append(
                {
                    "kind": "weight",
                    "factor": factor,
                    "low": float(values.min()),
                    "high": float(values.max()),
                    **_gain(values, best, n, today, now),
                }
            )
    items = sorted(items, key=lambda item: -item["gain"])
    return {
        "measure": "expected value of partial perfect information (0-1 value: chose the "
        "option that comes out first), cross-fitted by bins",
        "samples": samples,
        "among": among,
        "choice_today": problem.options[today],
        "chance_today": now,
        "items": [item for item in items if item["gain"] >= MIN_GAIN][:TOP],
    }
