"""A plain NumPy SMAA-2 reference: one Python loop iteration per sample.

This is the straightforward way to write SMAA-2 with the weighted sum
(min-max values from each sample's own range, as our engine): draw a weight
vector uniformly on the simplex (sorted uniforms), draw a PERT performance
table (Beta with lambda = 4) when ranges are given, score, rank, count. It is
timed on fewer samples and its time extrapolated linearly to the sample
counts of the bench (the loop's cost is the same for every sample).
"""

from __future__ import annotations

import numpy as np


def smaa_loop(likely, low, high, benefit, samples: int, seed: int = 0) -> np.ndarray:
    """Rank acceptability ``(n, n)`` by a per-sample loop."""
    rng = np.random.default_rng(seed)
    n, m = likely.shape
    counts = np.zeros((n, n))
    ranged = low is not None
    if ranged:
        span = np.where(high > low, high - low, 1.0)
        alpha = 1 + 4 * (likely - low) / span
        beta = 1 + 4 * (high - likely) / span
        fixed = high <= low
    for _ in range(samples):
        cuts = np.sort(rng.random(m - 1))
        w = np.diff(np.concatenate(([0.0], cuts, [1.0])))
        if ranged:
            x = np.where(fixed, likely, low + (high - low) * rng.beta(alpha, beta))
        else:
            x = likely
        lo, hi = x.min(axis=0), x.max(axis=0)
        v = np.where(benefit, (x - lo) / (hi - lo), (hi - x) / (hi - lo))
        scores = v @ w
        order = np.argsort(-scores)
        counts[order, np.arange(n)] += 1
    return counts / samples
