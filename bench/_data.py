"""Seeded random inputs shared by our side and the peers."""

from __future__ import annotations

import numpy as np

#: PROMETHEE linear criterion thresholds, in the units of :func:`matrix` (values 1..100).
Q_THRESHOLD = 5.0
P_THRESHOLD = 20.0


def matrix(n: int, m: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(x (n, m) in [1, 100], weights (m,) summing to 1, benefit (m,))``; every 3rd a cost."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(1.0, 100.0, (n, m))
    w = rng.uniform(0.5, 1.5, m)
    benefit = np.arange(m) % 3 != 0
    return x, w / w.sum(), benefit


def pairwise_stack(k: int, n: int, seed: int = 0) -> np.ndarray:
    """``k`` random reciprocal ``n x n`` matrices with judgments on Saaty's 1/9..9 scale."""
    rng = np.random.default_rng(seed)
    scale = np.array([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9, 2, 4, 6, 8, 1 / 2, 1 / 4])
    a = np.ones((k, n, n))
    i, j = np.triu_indices(n, 1)
    upper = rng.choice(scale, (k, i.size))
    a[:, i, j] = upper
    a[:, j, i] = 1.0 / upper
    return a


def smaa_problem(n: int = 10, m: int = 10, seed: int = 7):
    """10 x 10 likely values with ``[low, high]`` ranges (as in ``bench/smaa_speed.py``)."""
    rng = np.random.default_rng(seed)
    likely = rng.uniform(10, 100, (n, m))
    spread = rng.uniform(0, 0.3, (n, m)) * likely
    low = likely - spread * rng.uniform(0, 1, (n, m))
    high = likely + spread * rng.uniform(0, 1, (n, m))
    benefit = np.arange(m) % 3 != 0
    return likely, low, high, benefit
