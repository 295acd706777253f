"""Weight models for SMAA: how weight vectors are drawn.

A weight model draws ``(k, m)`` weight vectors that sum to 1:
:class:`UniformSimplex` when nothing is known about the preferences,
:class:`Intervals` when each weight lies within a range (the stakeholders'
spread, say) and :class:`Mixture` when the stakeholders' own weight vectors
are picked by influence. Used by :func:`decisionroom.engine.smaa.smaa2`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike

from decisionroom.engine._finite import shares
from decisionroom.engine.problem import FloatArray
from decisionroom.errors import InvalidParameter

__all__ = [
    "GOOD_ACCEPTANCE",
    "MIN_ACCEPTANCE",
    "Intervals",
    "Mixture",
    "UniformSimplex",
    "WeightModel",
]

#: Intervals falls back to renormalised box sampling below this acceptance rate.
MIN_ACCEPTANCE = 1e-3
#: A box acceptance at least this good is used without computing the simplex one.
GOOD_ACCEPTANCE = 0.2

Rng = np.random.Generator


class WeightModel(Protocol):
    """Draws weight vectors: ``sample(rng, k) -> (k, m)``, each row summing to 1."""

    def sample(self, rng: Rng, k: int) -> FloatArray:
        """Draw ``k`` weight vectors."""
        ...


@dataclass(frozen=True)
class UniformSimplex:
    """No preference information: weights uniform on the simplex (Dirichlet(1)).

    Drawn as independent standard exponentials divided by their sum, which is
    exactly uniform on ``{w >= 0, sum w = 1}``. ``m`` is filled in by
    :func:`smaa2` when left out.
    """

    m: int | None = None

    def sample(self, rng: Rng, k: int) -> FloatArray:
        """Draw ``k`` weight vectors."""
        if self.m is None:
            raise ValueError("UniformSimplex needs the number of factors m")
        w = rng.standard_exponential((k, self.m))
        w /= w.sum(axis=1, keepdims=True)
        return w


@dataclass(frozen=True)
class Intervals:
    """Each weight within ``[lo_j, hi_j]``: uniform on the constrained simplex.

    Two exact methods; the one with the higher acceptance rate is used
    (``method``), as long as that rate is at least :data:`MIN_ACCEPTANCE`:

    - ``"box"``: every weight but the one with the widest range, ``L``, is
      drawn uniformly in its range and ``w_L = 1 - sum`` of the others; draws
      with ``w_L`` outside its range are rejected. The map from the free
      weights to the simplex is linear, so this is uniform on
      ``{lo <= w <= hi, sum w = 1}``. It suits narrow ranges (stakeholders who
      roughly agree), where the next method rejects almost everything.
    - ``"simplex"``: ``w = lo + (1 - sum lo) u`` with ``u`` uniform on the
      simplex is uniform on ``{w >= lo, sum w = 1}``; draws with any
      ``w_j > hi_j`` are rejected. It suits wide ranges. Its acceptance rate
      is computed exactly by inclusion-exclusion for up to 16 factors (a
      fixed-seed pilot beyond), and only when the box method's is low.

    Fallback (``exact`` is False): each ``w_j`` uniform on ``[lo_j, hi_j]``,
    independently, then divided by the sum. That sums to 1 but is **not**
    uniform on the constrained simplex, and a renormalised weight may fall
    slightly outside its range.
    """

    lo: ArrayLike
    hi: ArrayLike
    acceptance: float = field(init=False)
    exact: bool = field(init=False)
    method: str = field(init=False)

    def __post_init__(self) -> None:
        lo = np.asarray(self.lo, dtype=float)
        hi = np.asarray(self.hi, dtype=float)
        if lo.ndim != 1 or lo.shape != hi.shape or lo.size == 0:
            raise InvalidParameter.at(
                "smaa.weights", "lo and hi must be two equally long lists.", input=(lo, hi)
            )
        if not (np.all(np.isfinite(lo)) and np.all(np.isfinite(hi))):
            raise InvalidParameter.at("smaa.weights", "lo and hi must be finite.", input=(lo, hi))
        if np.any(lo < 0) or np.any(lo > hi):
            raise InvalidParameter.at(
                "smaa.weights", "each range needs 0 <= lo <= hi.", input=(lo.tolist(), hi.tolist())
            )
        if lo.sum() > 1 + 1e-12 or hi.sum() < 1 - 1e-12:
            raise InvalidParameter.at(
                "smaa.weights",
                "no weights summing to 1 fit these ranges; the lows must sum to at most 1 "
                "and the highs to at least 1.",
                input=(float(lo.sum()), float(hi.sum())),
            )
        object.__setattr__(self, "lo", lo)
        object.__setattr__(self, "hi", hi)
        box = _box_acceptance(lo, hi)
        method, acc = "box", box
        if box < GOOD_ACCEPTANCE:
            simplex = _box_simplex_acceptance(lo, hi)
            if simplex > box:
                method, acc = "simplex", simplex
        exact = acc >= MIN_ACCEPTANCE
        object.__setattr__(self, "acceptance", acc)
        object.__setattr__(self, "exact", exact)
        object.__setattr__(self, "method", method if exact else "renormalised")

    @property
    def m(self) -> int:
        """Number of factors."""
        return int(np.asarray(self.lo).size)

    def sample(self, rng: Rng, k: int) -> FloatArray:
        """Draw ``k`` weight vectors."""
        lo, hi = np.asarray(self.lo), np.asarray(self.hi)
        if not self.exact:
            w = lo + (hi - lo) * rng.random((k, lo.size))
            return np.asarray(w / w.sum(axis=1, keepdims=True))
        free = 1.0 - lo.sum()
        out = np.empty((k, lo.size))
        last = int(np.argmax(hi - lo))
        done = 0
        while done < k:
            batch = int((k - done) / self.acceptance * 1.1) + 16
            if self.method == "box":
                w = lo + (hi - lo) * rng.random((batch, lo.size))
                w[:, last] = 0.0
                w[:, last] = 1.0 - w.sum(axis=1)
                keep = (w[:, last] >= lo[last]) & (w[:, last] <= hi[last])
            else:
                u = rng.standard_exponential((batch, lo.size))
                w = lo + free * (u / u.sum(axis=1, keepdims=True))
                keep = np.all(w <= hi, axis=1)
            ok = w[keep][: k - done]
            out[done : done + len(ok)] = ok
            done += len(ok)
        return out


def _box_acceptance(lo: FloatArray, hi: FloatArray, pilot: int = 8192) -> float:
    """Share of box draws (all weights but the widest) whose remainder fits its range."""
    if lo.size == 1:
        return 1.0 if lo[0] <= 1.0 <= hi[0] else 0.0
    last = int(np.argmax(hi - lo))
    others = np.delete(np.arange(lo.size), last)
    rng = np.random.default_rng(0)  # a fixed pilot: it only sizes the batches
    w = lo[others] + (hi[others] - lo[others]) * rng.random((pilot, others.size))
    rest = 1.0 - w.sum(axis=1)
    return float(np.mean((rest >= lo[last]) & (rest <= hi[last])))


def _box_simplex_acceptance(lo: FloatArray, hi: FloatArray) -> float:
    """Share of the simplex ``{w >= lo, sum w = 1}`` that also has ``w <= hi``."""
    free = 1.0 - lo.sum()
    m = lo.size
    if free <= 1e-12 or m == 1:
        return 1.0
    caps = (hi - lo) / free  # u_j <= caps_j for u uniform on the unit simplex
    if m <= 16:
        # P(all u_j <= c_j) = sum over subsets J of (-1)^|J| (1 - sum_J c_j)_+^(m-1)
        total = 0.0
        for size in range(m + 1):
            for subset in combinations(range(m), size):
                rest = 1.0 - sum(caps[j] for j in subset)
                if rest > 0:
                    total += (-1) ** size * rest ** (m - 1)
        return float(min(1.0, max(0.0, total)))
    u = np.random.default_rng(0).standard_exponential((20_000, m))
    u /= u.sum(axis=1, keepdims=True)
    return float(np.mean(np.all(u <= caps, axis=1)))


@dataclass(frozen=True)
class Mixture:
    """The stakeholders' weights: pick stakeholder ``s`` with probability ``p_s``.

    ``weight_vectors`` ``(s, m)`` are normalised to sum to 1 and
    ``probabilities`` (for instance influence) to sum to 1. With ``jitter``
    in ``(0, 1)`` the picked vector ``w`` is replaced by a Dirichlet draw with
    mean ``w`` and concentration ``1 / jitter^2 - 1``, so weight ``j`` varies
    with standard deviation ``jitter * sqrt(w_j (1 - w_j))``; a zero weight
    stays zero.
    """

    weight_vectors: ArrayLike
    probabilities: ArrayLike
    jitter: float = 0.0

    def __post_init__(self) -> None:
        w = np.asarray(self.weight_vectors, dtype=float)
        p = np.asarray(self.probabilities, dtype=float)
        if w.ndim != 2 or p.shape != (w.shape[0],) or w.shape[0] == 0:
            raise InvalidParameter.at(
                "smaa.weights",
                "weight_vectors must be (stakeholders, factors) with one probability each.",
                input=(w.shape, p.shape),
            )
        if not np.all(np.isfinite(w)) or np.any(w < 0) or not np.all(np.any(w > 0, axis=1)):
            raise InvalidParameter.at(
                "smaa.weights", "every weight vector needs non-negative weights, not all zero."
            )
        if not np.all(np.isfinite(p)) or np.any(p < 0) or not np.any(p > 0):
            raise InvalidParameter.at(
                "smaa.weights", "probabilities must be non-negative, not all zero.", input=p
            )
        if not 0 <= self.jitter < 1:
            raise InvalidParameter.at(
                "smaa.weights.jitter", "jitter must be at least 0 and below 1.", input=self.jitter
            )
        object.__setattr__(self, "weight_vectors", shares(w, axis=1))
        object.__setattr__(self, "probabilities", shares(p))

    @property
    def m(self) -> int:
        """Number of factors."""
        return int(np.asarray(self.weight_vectors).shape[1])

    def sample(self, rng: Rng, k: int) -> FloatArray:
        """Draw ``k`` weight vectors."""
        vectors = np.asarray(self.weight_vectors)
        pick = rng.choice(len(vectors), size=k, p=np.asarray(self.probabilities))
        w = vectors[pick]
        if self.jitter == 0:
            return w
        g = rng.standard_gamma(w * (1.0 / self.jitter**2 - 1.0))
        return np.asarray(g / g.sum(axis=1, keepdims=True))
