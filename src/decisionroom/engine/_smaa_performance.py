"""Sampled performance for SMAA: one quantile table per uncertain cell.

A cell ``[low, likely, high]`` with ``low < high`` is drawn from one of four
distributions (:data:`KINDS`):

- ``pert`` (the default): Beta with lambda = 4 on ``[low, high]`` with its
  mode at ``likely``; mean ``(low + 4 likely + high) / 6``.
- ``triangular``: on ``[low, high]`` with its mode at ``likely``.
- ``normal``: ``[low, high]`` is the central interval holding ``coverage``
  of the probability (0.95 by default: mean +- 1.96 sd) and ``likely`` is the
  mean, the middle of the interval.
- ``lognormal``: ``ln`` of the value is normal; ``[low, high]`` is again the
  central ``coverage`` interval and ``likely`` is the median, the geometric
  middle ``sqrt(low * high)``. Suits positive, right-skewed quantities such
  as costs, durations and odds ratios.

Draws are by inverse CDF on a table of :data:`QUANTILES` equally likely
quantiles per cell, the quantile at each midpoint probability ``(t + 0.5) /
QUANTILES``; one 16-bit random integer picks one. For PERT the quantiles come
from the CDF on a grid of :data:`CDF_GRID` points, so a draw is within
``1 / CDF_GRID`` of the cell's range of an exact one. The normal tails are
cut at the outermost midpoint, about 3.9 standard deviations.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from decisionroom.engine.problem import FloatArray
from decisionroom.errors import InvalidParameter

__all__ = [
    "CDF_GRID",
    "KINDS",
    "QUANTILES",
    "QUANTILE_BITS",
    "Performance",
    "check_kinds",
    "check_ranges",
    "pert_mean",
]

#: Equally likely quantiles per uncertain cell, ``2 ** QUANTILE_BITS``; the top
#: bits of one uint16 draw pick one.
QUANTILE_BITS = 14
QUANTILES = 2**QUANTILE_BITS
#: Points of the CDF grid the PERT quantiles are read from.
CDF_GRID = 8193
#: The distributions a range can follow.
KINDS = ("pert", "triangular", "normal", "lognormal")
#: How far (as a share of the range) ``likely`` may sit from the middle of a
#: normal or lognormal range: values written as mean +- z sd round a little.
_MIDDLE_TOLERANCE = 1e-6

Rng = np.random.Generator


class Performance:
    """Per-factor layout ``(m, n, k)`` of sampled performance with quantile tables."""

    def __init__(
        self,
        likely: FloatArray,
        low: FloatArray,
        high: FloatArray,
        kinds: Sequence[str],
        dtype: type[np.floating[Any]],
        fold: Callable[[int, FloatArray], FloatArray] | None,
        coverage: float = 0.95,
    ) -> None:
        n, m = likely.shape
        self.shape = (m, n)
        self.fixed = likely.T.copy()  # (m, n)
        self.cells = [(j, i) for j in range(m) for i in range(n) if low[i, j] < high[i, j]]
        self.tables = np.empty((len(self.cells), QUANTILES), dtype=dtype)
        cache: dict[tuple[str, float], FloatArray] = {}
        if {"normal", "lognormal"} & set(kinds):
            z = float(_standard_normal(0.5 + coverage / 2.0))  # low and high are mean -+ z sd
            unit = _standard_normal((np.arange(QUANTILES) + 0.5) / QUANTILES)
        for c, (j, i) in enumerate(self.cells):
            a, mode, b, kind = low[i, j], likely[i, j], high[i, j], kinds[j]
            if kind == "normal":
                self.tables[c] = (a + b) / 2.0 + (b - a) / (2.0 * z) * unit
            elif kind == "lognormal":
                mu, sigma = (np.log(a) + np.log(b)) / 2.0, (np.log(b) - np.log(a)) / (2.0 * z)
                self.tables[c] = np.exp(mu + sigma * unit)
            else:
                key = (kind, float((mode - a) / (b - a)))
                if key not in cache:
                    cache[key] = _standard_quantiles(key[1], kind)
                self.tables[c] = a + (b - a) * cache[key]
        if fold is not None:  # fixed value functions applied once per quantile, not per draw
            for j in range(m):
                self.fixed[j] = fold(j, self.fixed[j])
            for c, (j, _) in enumerate(self.cells):
                self.tables[c] = fold(j, self.tables[c])
        self.fixed = self.fixed.astype(dtype)

    def buffer(self, k: int) -> NDArray[np.floating[Any]]:
        """A ``(m, n, k)`` buffer with the fixed cells filled in once."""
        out = np.empty((*self.shape, k), dtype=self.tables.dtype)
        out[...] = self.fixed[..., None]
        return out

    def draw_buffer(self, k: int) -> NDArray[np.uint16]:
        """A ``(cells, k)`` buffer for quantile indices."""
        return np.empty((len(self.cells), k), dtype=np.uint16)

    def draw(self, rng: Rng, out: NDArray[np.uint16], start: int, stop: int) -> None:
        """Draw the quantile indices of samples ``start:stop`` of every uncertain cell."""
        if not self.cells:
            return
        k = stop - start
        words = -(-len(self.cells) * k // 4)
        draws = rng.bit_generator.random_raw(words).view("<u2")[: len(self.cells) * k]
        out[:, start:stop] = draws.reshape(len(self.cells), k)

    def fill(self, draws: NDArray[np.uint16], out: NDArray[np.floating[Any]], k: int) -> None:
        """Turn the indices ``draws[:, :k]`` into values in ``out[..., :k]``."""
        idx = draws[:, :k]
        np.right_shift(idx, 16 - QUANTILE_BITS, out=idx)
        for c, (j, i) in enumerate(self.cells):  # one table at a time stays in cache
            np.take(self.tables[c], idx[c], out=out[j, i, :k])


def check_kinds(performance: str | Sequence[str], m: int) -> list[str]:
    """One distribution per factor: a single name applies to every factor."""
    kinds = [performance] * m if isinstance(performance, str) else list(performance)
    if len(kinds) != m:
        raise InvalidParameter.at(
            "smaa.performance", f"needs one distribution per factor ({m}).", input=kinds
        )
    for j, kind in enumerate(kinds):
        if kind not in KINDS:
            where = "smaa.performance" if isinstance(performance, str) else f"smaa.performance[{j}]"
            raise InvalidParameter.at(where, f"must be one of {', '.join(KINDS)}.", input=kind)
    return kinds


def check_ranges(
    likely: FloatArray, low: FloatArray, high: FloatArray, kinds: Sequence[str], coverage: float
) -> None:
    """Reject a range its distribution cannot have, naming the first such cell."""
    if not (isinstance(coverage, float | int) and 0.5 <= coverage < 1.0):
        raise InvalidParameter.at(
            "smaa.coverage", "must be a probability from 0.5 to below 1.", input=coverage
        )
    for j, kind in enumerate(kinds):
        if kind in ("normal", "lognormal"):
            _check_symmetric(likely[:, j], low[:, j], high[:, j], kind, j)


def _check_symmetric(
    likely: FloatArray, low: FloatArray, high: FloatArray, kind: str, j: int
) -> None:
    ranged = low < high
    if kind == "lognormal":
        bad = np.flatnonzero(ranged & (low <= 0))
        if bad.size:
            i = int(bad[0])
            raise InvalidParameter.at(
                f"smaa.performance[{i}][{j}]",
                "a lognormal range needs positive values.",
                input=[float(low[i]), float(likely[i]), float(high[i])],
            )
        with np.errstate(divide="ignore", invalid="ignore"):
            middle = np.sqrt(low * high)
            offset, scale = np.log(likely / middle), np.log(high / low)
        word = "geometric middle"
    else:
        middle, word = (low + high) / 2.0, "middle"
        offset, scale = likely - middle, high - low
    bad = np.flatnonzero(ranged & ~(np.abs(offset) <= _MIDDLE_TOLERANCE * scale))
    if bad.size:
        i = int(bad[0])
        raise InvalidParameter.at(
            f"smaa.performance[{i}][{j}]",
            f"a {kind} range is symmetric: likely must be the {word} of low and high, "
            f"{float(middle[i]):.6g}.",
            input=[float(low[i]), float(likely[i]), float(high[i])],
        )


def pert_mean(low: ArrayLike, likely: ArrayLike, high: ArrayLike) -> FloatArray:
    """Mean of the PERT distribution, ``(low + 4 likely + high) / 6``."""
    return np.asarray((np.asarray(low) + 4 * np.asarray(likely) + np.asarray(high)) / 6.0)


def _standard_quantiles(r: float, kind: str) -> FloatArray:
    """Midpoint quantiles on ``[0, 1]`` with the mode at ``r``."""
    p = (np.arange(QUANTILES) + 0.5) / QUANTILES
    if kind == "triangular":
        return np.asarray(np.where(p < r, np.sqrt(p * r), 1.0 - np.sqrt((1.0 - p) * (1.0 - r))))
    alpha, beta = 1.0 + 4.0 * r, 1.0 + 4.0 * (1.0 - r)  # PERT, lambda = 4
    x = np.linspace(0.0, 1.0, CDF_GRID)
    # CDF by the trapezoid rule on the density x^(a-1) (1-x)^(b-1), normalised at
    # x = 1: about ten times faster than betainc, and checked against it in the tests.
    pdf = x ** (alpha - 1.0) * (1.0 - x) ** (beta - 1.0)
    cdf = np.concatenate(([0.0], np.cumsum((pdf[1:] + pdf[:-1]) / 2.0)))
    return np.asarray(np.interp(p, cdf / cdf[-1], x))


def _standard_normal(p: Any) -> Any:
    from scipy.special import ndtri  # lazily: scipy costs import time the others need not pay

    return ndtri(p)
