"""SMAA-2: stochastic multicriteria acceptability analysis.

Instead of one weight vector and one performance table, SMAA draws many of
each and asks how often every option takes every rank. It answers "how sure
are we?" where a single ranking cannot.

Conventions, chosen once and used everywhere in this module:

- **Weights.** A weight model draws ``(k, m)`` weight vectors that sum to 1:
  :class:`UniformSimplex` (no preference information), :class:`Intervals`
  (each weight within a range) or :class:`Mixture` (the stakeholders' own
  weight vectors, picked by influence); they live in :mod:`._smaa_weights`.
- **Performance.** Without ranges only the weights are sampled and the fixed
  matrix goes to the method as one ``(n, m)`` array. With ranges each cell
  with ``low < high`` is drawn from PERT (Beta with lambda = 4, the default:
  mean ``(low + 4 likely + high) / 6``), a triangular distribution on
  ``[low, likely, high]``, or a normal or lognormal one whose central
  ``coverage`` interval is ``[low, high]``; cells with ``low == high`` stay
  fixed and cost nothing. Draws are by inverse CDF on a table of equally
  likely quantiles per cell (see :mod:`._smaa_performance`).
- **Ranks.** Rank 1 is best. Options with exactly equal scores in a sample
  share the ranks they occupy (``g`` options tied for ranks ``r .. r + g -
  1`` get ``1 / g`` of each), so identical options get identical
  acceptabilities and a tie is never credited by file order; first-place
  ties share the central weights and confidence the same way. A long list
  may count only its first ranks (``ranks``), found by partition in time
  linear in the options (:mod:`._smaa_ranks`).
- **Reproducibility.** Samples are drawn in blocks of :data:`BLOCK`; block
  ``b`` of the rank pass uses ``PCG64(SeedSequence(seed, spawn_key=(0, b)))``
  and block ``b`` of the confidence pass ``spawn_key=(1, b)``. ``chunk`` (how
  many samples are scored together) is rounded to whole blocks and changes
  only memory and speed: for the same ``seed`` and ``samples`` every count
  and therefore ``rank_acceptability``, ``confidence`` and ``holistic`` are
  bit-identical for any ``chunk``, and ``central_weights`` too, because the
  per-block sums are added in block order.
- **Precision.** Sampled performance and weights are float32 (scores of 10
  factors keep about 6 significant digits); pass ``dtype=np.float64`` for
  double precision at about twice the cost.

The weighted sum gets a dedicated kernel (values laid out per factor, fixed
value-function bounds folded into the quantile tables, scores by per-factor
multiply-adds) that ranks exactly as :func:`weighted_sum` does; every other
method goes through :meth:`MethodSpec.batch_scores`.

References:
    Lahdelma, R. & Salminen, P. (2001). SMAA-2: Stochastic multicriteria
    acceptability analysis for group decision making. Operations Research
    49(3), 444-454.
    Tervonen, T. & Figueira, J. R. (2008). A survey on stochastic
    multicriteria acceptability analysis methods. Journal of Multi-Criteria
    Decision Analysis 15(1-2), 1-14.
    Malcolm, D. G., Roseboom, J. H., Clark, C. E. & Fazar, W. (1959).
    Application of a technique for research and development program
    evaluation. Operations Research 7(5), 646-669 (PERT).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from decisionroom.engine._smaa_performance import (
    Performance,
    check_kinds,
    check_ranges,
    pert_mean,
)
from decisionroom.engine._smaa_ranks import PAIRWISE_MAX_N, rank_credit
from decisionroom.engine._smaa_weights import (
    Intervals,
    Mixture,
    UniformSimplex,
    WeightModel,
)
from decisionroom.engine.methods import MethodSpec
from decisionroom.engine.methods import weighted_sum as _ws
from decisionroom.engine.normalize import normalize
from decisionroom.engine.problem import BoolArray, FloatArray
from decisionroom.errors import InvalidParameter

__all__ = [
    "BLOCK",
    "Intervals",
    "Mixture",
    "SmaaResult",
    "UniformSimplex",
    "WeightModel",
    "holistic_acceptability",
    "meta_weights",
    "pert_mean",
    "smaa2",
]

#: Samples per random block, the unit of reproducibility (see the module docstring).
BLOCK = 4096
#: Working set the default chunk aims to stay below.
CHUNK_BYTES = 100 * 2**20

Progress = Callable[[int, int], None]
Distribution = Literal["pert", "triangular", "normal", "lognormal"]
Rng = np.random.Generator


# ---------------------------------------------------------------- weighted-sum kernel


class _WeightedSumKernel:
    """Scores ``(n, k)`` from per-factor samples ``(m, n, k)``, ranking as weighted_sum.

    Per sample and factor the value function is ``v = a t + b`` with ``t`` the
    (table) value, so the score is ``sum_j w_j a_j t_ij`` plus a per-sample
    constant, which never changes a rank and is left out. Fixed value scales
    (minmax with both bounds fixed) are folded into the tables.
    """

    def __init__(self, normalization: str, bounds: FloatArray | None, benefit: BoolArray) -> None:
        self.norm = normalization
        self.benefit = benefit
        m = benefit.size
        b = np.full((m, 2), np.nan) if bounds is None or not bounds.size else bounds
        self.bounds = b
        self.folded: BoolArray = np.zeros(m, dtype=bool)
        self.reciprocal: BoolArray = np.zeros(m, dtype=bool)
        if normalization == "minmax":
            self.folded = np.asarray(~np.isnan(b).any(axis=1), dtype=bool)
        elif normalization in ("max", "sum"):
            self.reciprocal = np.asarray(~benefit, dtype=bool)  # cost values enter as 1/x

    def fold(self, j: int, values: FloatArray) -> FloatArray:
        """Apply factor ``j``'s fixed transform to table or fixed values."""
        if self.folded[j]:
            worst, best = self.bounds[j]
            span = best - worst
            if span == 0:
                return np.ones_like(values)
            return np.asarray(np.clip((values - worst) / span, 0.0, 1.0))
        if self.reciprocal[j]:
            return np.asarray(1.0 / values)
        return values

    def scores(self, x: NDArray[np.floating[Any]], w: NDArray[np.floating[Any]]) -> FloatArray:
        """``x`` ``(m, n, k)``, ``w`` ``(m, k)`` or ``(m, 1)``: scores ``(n, k)``."""
        m, n, k = x.shape
        out = np.zeros((n, k), dtype=x.dtype)
        tmp = np.empty((n, k), dtype=x.dtype)
        for j in range(m):
            t = x[j]
            if self.folded[j] or self.norm not in ("minmax", "vector"):
                coef = w[j] if self.folded[j] else w[j] / self._scale(t)
                np.multiply(t, coef, out=tmp)
            elif self.norm == "vector":
                norm = np.sqrt(np.einsum("nk,nk->k", t, t))
                coef = w[j] / np.where(norm == 0, 1, norm)
                np.multiply(t, coef if self.benefit[j] else -coef, out=tmp)
            else:
                tmp = self._minmax(j, t, w[j], tmp)
            out += tmp
        return out

    def _scale(self, t: NDArray[np.floating[Any]]) -> NDArray[np.floating[Any]]:
        # max: t / max t; sum: t / sum t (cost factors already hold 1/x)
        s = t.max(axis=0) if self.norm == "max" else t.sum(axis=0)
        return np.asarray(s)

    def _minmax(self, j: int, t: NDArray[Any], wj: NDArray[Any], tmp: NDArray[Any]) -> NDArray[Any]:
        lo, hi = t.min(axis=0), t.max(axis=0)
        worst, best = (lo, hi) if self.benefit[j] else (hi, lo)
        fixed_worst, fixed_best = self.bounds[j]
        partly_fixed = not (np.isnan(fixed_worst) and np.isnan(fixed_best))
        if not np.isnan(fixed_worst):
            worst = np.full_like(lo, fixed_worst)
        if not np.isnan(fixed_best):
            best = np.full_like(lo, fixed_best)
        span = best - worst
        flat = span == 0
        coef = wj / np.where(flat, 1, span)
        np.subtract(t, worst, out=tmp)
        np.multiply(tmp, coef, out=tmp)
        if partly_fixed:  # values beyond a fixed bound are clipped, as in minmax()
            np.clip(tmp, 0, wj, out=tmp)
        if flat.any():
            tmp[:, flat] = 0  # every option gets the same value: no effect on ranks
        return tmp


# ---------------------------------------------------------------- ranks


# ---------------------------------------------------------------- result


META_WEIGHTS = ("centroid", "linear", "inverse")


def meta_weights(n: int, kind: str = "centroid") -> FloatArray:
    """Meta-weights ``1 = alpha_1 >= ... >= alpha_n >= 0`` for the holistic index.

    ``linear``: ``(n - r) / (n - 1)``; ``inverse``: ``1 / r``; ``centroid``:
    ``sum_{i=r}^{n} 1/i / sum_{i=1}^{n} 1/i`` (Lahdelma & Salminen 2001).
    """
    r = np.arange(1, n + 1, dtype=float)
    if kind == "linear":
        return (n - r) / (n - 1) if n > 1 else np.ones(1)
    if kind == "inverse":
        return 1.0 / r
    if kind == "centroid":
        tail = np.cumsum((1.0 / r)[::-1])[::-1]
        return np.asarray(tail / tail[0])
    raise ValueError(f"unknown meta-weights {kind!r}; choose one of {META_WEIGHTS}")


def holistic_acceptability(rank_acceptability: FloatArray, kind: str = "centroid") -> FloatArray:
    """Holistic acceptability ``a_i = sum_r alpha_r b_i^r`` (SMAA-2)."""
    b = np.asarray(rank_acceptability)
    return np.asarray(b @ meta_weights(b.shape[1], kind))


@dataclass(frozen=True)
class SmaaResult:
    """What :func:`smaa2` found.

    Attributes:
        rank_acceptability: ``(n, ranks)``; ``[i, r]`` is the share of samples
            in which option ``i`` takes rank ``r + 1`` (``b_i^r``), options tied
            in a sample sharing the ranks they occupy. ``ranks`` is ``n``
            unless fewer ranks were asked for (long lists).
        central_weights: ``(n, m)`` mean weight vector over the samples where
            option ``i`` ranks first; NaN row when it never does.
        confidence: ``(n,)`` share of performance samples in which option ``i``
            ranks first with its central weights; NaN when it never ranks first.
        holistic: ``(n,)`` holistic acceptability with the ``meta`` meta-weights,
            or None.
        samples: number of (weight, performance) samples of the rank pass.
        seed: the seed.
        confidence_samples: performance samples per option of the confidence pass.
        meta: meta-weights used for ``holistic``.
    """

    rank_acceptability: FloatArray
    central_weights: FloatArray
    confidence: FloatArray
    holistic: FloatArray | None
    samples: int
    seed: int
    confidence_samples: int
    meta: str | None = "centroid"

    @property
    def ranks(self) -> int:
        """How many ranks ``rank_acceptability`` counts."""
        return int(self.rank_acceptability.shape[1])

    @property
    def complete(self) -> bool:
        """Whether every rank is counted (the full rank-acceptability matrix)."""
        return bool(self.ranks == self.rank_acceptability.shape[0])

    def to_dict(self, options: Sequence[str], factors: Sequence[str]) -> dict[str, Any]:
        """The ``smaa`` key of the analysis JSON (contract 2); NaN becomes null.

        With every rank counted, every option is listed. With only the first
        ``ranks`` counted (a long list), only the options that reach one of
        them in some sample are listed; ``not_listed`` counts the others.
        """

        def num(x: float) -> float | None:
            return None if math.isnan(x) else float(x)

        listed: list[int] = (
            list(range(len(options)))
            if self.complete
            else np.flatnonzero(self.rank_acceptability.sum(axis=1) > 0).tolist()
        )
        out: dict[str, Any] = {
            "samples": self.samples,
            "seed": self.seed,
            "ranks": self.ranks,
            "rank_acceptability": {
                options[i]: [float(v) for v in self.rank_acceptability[i]] for i in listed
            },
            "central_weights": {
                options[i]: None
                if np.isnan(self.central_weights[i]).all()
                else {f: float(v) for f, v in zip(factors, self.central_weights[i], strict=True)}
                for i in listed
            },
            "confidence": {options[i]: num(self.confidence[i]) for i in listed},
        }
        if not self.complete:
            out["not_listed"] = len(options) - len(listed)
        return out


# ---------------------------------------------------------------- driver


def smaa2(
    spec: MethodSpec,
    kwargs: Mapping[str, Any],
    likely: ArrayLike,
    benefit: ArrayLike,
    *,
    low: ArrayLike | None = None,
    high: ArrayLike | None = None,
    weights: WeightModel | None = None,
    samples: int = 10_000,
    seed: int = 0,
    performance: Distribution | Sequence[Distribution] = "pert",
    coverage: float = 0.95,
    chunk: int | None = None,
    progress: Progress | None = None,
    confidence_samples: int | None = None,
    meta: str | None = "centroid",
    dtype: type[np.floating[Any]] = np.float32,
    ranks: int | None = None,
) -> SmaaResult:
    """Rank acceptability, central weights and confidence factors by simulation.

    Args:
        spec: a registered method; its ``higher_is_better`` decides the order.
        kwargs: the method's prepared keyword arguments (``spec.kwargs``).
        likely: ``(n, m)`` performance, the most likely values.
        benefit: ``(m,)`` True where more is better.
        low: ``(n, m)`` lowest values, or None (no performance uncertainty).
        high: ``(n, m)`` highest values; given together with ``low``.
        weights: a weight model; default :class:`UniformSimplex`.
        samples: samples of the rank pass.
        seed: seed of every random draw.
        performance: how a range is drawn: ``pert`` (Beta, lambda = 4),
            ``triangular``, ``normal`` or ``lognormal`` (see
            :mod:`._smaa_performance`), for every factor or one per factor.
        coverage: for ``normal`` and ``lognormal``, the probability that a
            value falls within ``[low, high]`` (0.95: mean -+ 1.96 sd).
        chunk: samples scored together, rounded up to whole :data:`BLOCK`;
            default keeps the working set under about 100 MB.
        progress: ``progress(done, total)`` after each chunk; ``total`` counts
            the rank pass and the confidence pass's performance draws.
        confidence_samples: performance samples of the confidence pass;
            default ``min(samples, 100_000)``. Without ranges one evaluation
            decides it (the confidence factor is then 0 or 1).
        meta: meta-weights for ``holistic`` (``centroid``, ``linear``,
            ``inverse``) or None for none.
        dtype: float32 (default) or float64 for sampled values and weights.
        ranks: count only the first ``ranks`` ranks (``None``: all). A long
            list needs only the first few, and counting them costs time
            linear in the options; holistic acceptability needs all.

    Steps (Lahdelma & Salminen 2001): (1) draw weights and performance;
    (2) rank the options; (3) rank acceptability ``b_i^r`` = share of samples
    with rank ``r``; (4) central weight vector ``w_i^c`` = mean weights where
    ``i`` ranks first; (5) confidence factor ``p_i^c`` = share of performance
    draws where ``i`` ranks first with ``w_i^c``; (6) holistic acceptability
    ``a_i^h = sum_r alpha_r b_i^r``.
    """
    x = np.asarray(likely, dtype=float)
    benefit_arr = np.asarray(benefit, dtype=bool)
    lo, hi = _check(x, benefit_arr, low, high, samples, chunk, meta)
    kinds = check_kinds(performance, x.shape[1])
    if lo is not None and hi is not None:
        check_ranges(x, lo, hi, kinds, coverage)
    n, m = x.shape
    model = _bind(weights, m)
    ranged = lo is not None and hi is not None and bool(np.any(lo < hi))
    kernel = _kernel(spec, kwargs, benefit_arr)
    perf = None
    if ranged and lo is not None and hi is not None:
        fold = kernel.fold if kernel else None
        perf = Performance(x, lo, hi, kinds, dtype, fold, coverage)
    conf_n = (
        (min(samples, 100_000) if confidence_samples is None else confidence_samples)
        if (ranged)
        else 1
    )
    step = _chunk_size(chunk, n, m, kernel is not None)
    step = min(step, -(-max(samples, conf_n) // BLOCK) * BLOCK)  # no buffers beyond the work
    sub = _score_width(n, m, kernel is not None or perf is None)
    score = _scorer(spec, kwargs, x, benefit_arr, kernel, dtype, ranged)
    total = samples + conf_n
    n_ranks = n if ranks is None else max(1, min(int(ranks), n))
    counts = np.zeros((n, n_ranks))
    weight_sums = np.zeros((n, m))
    x_buf = perf.buffer(step) if perf is not None else None
    d_buf = perf.draw_buffer(step) if perf is not None else None
    w_buf = np.empty((m, step), dtype=dtype)
    for start, k, blocks in _chunks(samples, step):
        for b, sl in blocks:
            rng = _rng(seed, 0, b)
            w_buf[:, sl] = model.sample(rng, sl.stop - sl.start).T
            if perf is not None and d_buf is not None:
                perf.draw(rng, d_buf, sl.start, sl.stop)
        if perf is not None and x_buf is not None and d_buf is not None:
            perf.fill(d_buf, x_buf, k)
        # (2)-(4) block by block, each in slices of bounded memory, always in sample
        # order: the sums do not depend on the chunk size
        for _, sl in blocks:
            for a in range(sl.start, sl.stop, sub):
                cols = slice(a, min(a + sub, sl.stop))
                w = w_buf[:, cols]
                xs = None if x_buf is None else x_buf[..., cols]
                credit = rank_credit(score(xs, w), spec.higher_is_better, n_ranks)
                credit.add_counts(counts)  # (3)
                credit.add_first_weights(w, weight_sums)  # (4)
        if progress is not None:
            progress(start + k, total)

    wins = counts[:, 0]  # first-place credit (shared in a tie)
    with np.errstate(invalid="ignore", divide="ignore"):
        central = weight_sums / wins[:, None]
    central[wins == 0] = np.nan
    confidence = _confidence(
        central,
        wins,
        perf,
        score,
        spec.higher_is_better,
        conf_n,
        seed,
        step,
        dtype,
        progress,
        samples,
        total,
        sub,
    )
    acceptability = counts / samples
    return SmaaResult(
        rank_acceptability=acceptability,
        central_weights=central,
        confidence=confidence,
        holistic=None
        if meta is None or n_ranks < n
        else holistic_acceptability(acceptability, meta),
        samples=samples,
        seed=seed,
        confidence_samples=conf_n,
        meta=meta,
    )


Scorer = Callable[[NDArray[Any] | None, NDArray[Any]], NDArray[Any]]


def _scorer(
    spec: MethodSpec,
    kwargs: Mapping[str, Any],
    likely: FloatArray,
    benefit: BoolArray,
    kernel: _WeightedSumKernel | None,
    dtype: type[np.floating[Any]],
    ranged: bool,
) -> Scorer:
    """``score(x (m, n, k) or None, w (m, k)) -> (n, k)``."""
    if kernel is not None:
        values = normalize(kernel.norm, likely, benefit, kernel.bounds).T.astype(dtype)

        def fast(x: NDArray[Any] | None, w: NDArray[Any]) -> NDArray[Any]:
            if x is None:  # fixed values: one matrix product
                return np.asarray(values.T @ w)
            return kernel.scores(x, w)

        return fast
    fixed = None if ranged else spec.weight_scorer(likely, benefit, kwargs)

    def generic(x: NDArray[Any] | None, w: NDArray[Any]) -> NDArray[Any]:
        wk = np.ascontiguousarray(w.T)
        if x is None:
            s = fixed(wk) if fixed is not None else spec.batch_scores(likely, wk, benefit, kwargs)
        else:
            matrix = np.ascontiguousarray(x.transpose(2, 1, 0))
            if wk.shape[0] != matrix.shape[0]:
                wk = np.ascontiguousarray(np.broadcast_to(wk, (matrix.shape[0], wk.shape[1])))
            s = spec.batch_scores(matrix, wk, benefit, kwargs)
        out = np.asarray(s).T
        # few options are ranked by pairwise passes over contiguous rows; many are
        # partitioned per sample, which reads the (k, n) scores as they come
        return np.ascontiguousarray(out) if out.shape[0] <= PAIRWISE_MAX_N else out

    return generic


def _confidence(
    central: FloatArray,
    wins: FloatArray,
    perf: Performance | None,
    score: Scorer,
    higher_is_better: bool,
    conf_n: int,
    seed: int,
    step: int,
    dtype: type[np.floating[Any]],
    progress: Progress | None,
    done: int,
    total: int,
    sub: int,
) -> FloatArray:
    """Step (5): first places of each option under its own central weights (ties shared)."""
    n = central.shape[0]
    out = np.full(n, np.nan)
    leaders = [i for i in range(n) if wins[i] > 0]
    if perf is None:
        for i in leaders:
            s = score(None, central[i][:, None].astype(dtype))
            out[i] = float(rank_credit(s, higher_is_better, 1).first_per_option(n)[i])
        if progress is not None:
            progress(total, total)
        return out
    firsts = np.zeros(n)
    x_buf, d_buf = perf.buffer(step), perf.draw_buffer(step)
    for start, k, blocks in _chunks(conf_n, step):
        for b, sl in blocks:
            perf.draw(_rng(seed, 1, b), d_buf, sl.start, sl.stop)
        perf.fill(d_buf, x_buf, k)
        for a in range(0, k, sub):
            x = x_buf[..., a : min(a + sub, k)]
            for i in leaders:
                s = score(x, central[i][:, None].astype(dtype))
                firsts[i] += rank_credit(s, higher_is_better, 1).first_per_option(n)[i]
        if progress is not None:
            progress(done + start + k, total)
    out[leaders] = firsts[leaders] / conf_n
    return out


def _chunks(total: int, step: int) -> Iterator[tuple[int, int, list[tuple[int, slice]]]]:
    """``(start, k, [(block, slice within the chunk)])`` for chunks of ``step`` samples."""
    per_chunk = step // BLOCK
    n_blocks = -(-total // BLOCK)
    for first in range(0, n_blocks, per_chunk):
        start = first * BLOCK
        k = min(total, (first + per_chunk) * BLOCK) - start
        blocks = [
            (b, slice(b * BLOCK - start, min(total, (b + 1) * BLOCK) - start))
            for b in range(first, min(n_blocks, first + per_chunk))
        ]
        yield start, k, blocks


def _rng(seed: int, stream: int, block: int) -> Rng:
    return np.random.Generator(
        np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(stream, block)))
    )


def _kernel(
    spec: MethodSpec, kwargs: Mapping[str, Any], benefit: BoolArray
) -> _WeightedSumKernel | None:
    """The weighted-sum kernel when ``spec`` is the built-in weighted sum."""
    if spec is not _ws.SPEC:
        return None
    return _WeightedSumKernel(kwargs.get("normalization", "minmax"), kwargs.get("bounds"), benefit)


def _bind(model: WeightModel | None, m: int) -> WeightModel:
    if model is None or (isinstance(model, UniformSimplex) and model.m is None):
        return UniformSimplex(m)
    model_m = getattr(model, "m", m)
    if model_m != m:
        raise InvalidParameter.at(
            "smaa.weights",
            f"the weight model has {model_m} factors but the matrix has {m}.",
            input=model_m,
        )
    return model


def _chunk_size(chunk: int | None, n: int, m: int, fast: bool) -> int:
    if chunk is not None:
        return max(1, -(-chunk // BLOCK)) * BLOCK
    if fast:  # 16 blocks: each quantile table is read for 65536 draws at a time
        return min(16, max(1, CHUNK_BYTES // (n * m * 16 * BLOCK))) * BLOCK
    per_sample = n * m * 8 * 12  # generic methods hold about a dozen float64 (k, n, m) arrays
    return max(1, CHUNK_BYTES // (per_sample * BLOCK)) * BLOCK


#: Scores of one slice of samples stay below this size (with their temporaries).
SCORE_BYTES = 32 * 2**20


def _score_width(n: int, m: int, cheap: bool) -> int:
    """Samples scored together: a slice of a block whose scores fit :data:`SCORE_BYTES`.

    It depends on the problem's size only, never on ``chunk``, so the sums of
    every slice are added in the same order for any chunk size.
    """
    per_sample = n * 8 * (8 if cheap else 4 * m)
    return int(max(1, min(BLOCK, SCORE_BYTES // per_sample)))


def _check(
    x: FloatArray,
    benefit: BoolArray,
    low: ArrayLike | None,
    high: ArrayLike | None,
    samples: int,
    chunk: int | None,
    meta: str | None,
) -> tuple[FloatArray | None, FloatArray | None]:
    if x.ndim != 2 or x.shape[0] < 1 or x.shape[1] < 1:
        raise InvalidParameter.at(
            "smaa.likely", "must be an (options, factors) matrix.", input=x.shape
        )
    if benefit.shape != (x.shape[1],):
        raise InvalidParameter.at(
            "smaa.benefit", "needs one direction per factor.", input=benefit.shape
        )
    if not np.all(np.isfinite(x)):
        raise InvalidParameter.at("smaa.likely", "every performance value must be finite.")
    if isinstance(samples, bool) or not isinstance(samples, int | np.integer) or samples < 1:
        raise InvalidParameter.at(
            "smaa.samples", "must be a whole number of at least 1.", input=samples
        )
    if chunk is not None and (not isinstance(chunk, int | np.integer) or chunk < 1):
        raise InvalidParameter.at(
            "smaa.chunk", "must be a whole number of at least 1.", input=chunk
        )
    if meta is not None and meta not in META_WEIGHTS:
        raise InvalidParameter.at(
            "smaa.meta", f"must be one of {', '.join(META_WEIGHTS)} or None.", input=meta
        )
    if low is None and high is None:
        return None, None
    if low is None or high is None:
        raise InvalidParameter.at("smaa.low", "low and high must be given together.")
    lo, hi = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    for name, arr in (("low", lo), ("high", hi)):
        if arr.shape != x.shape:
            raise InvalidParameter.at(
                f"smaa.{name}", f"must have shape {x.shape}.", input=arr.shape
            )
        if not np.all(np.isfinite(arr)):
            raise InvalidParameter.at(f"smaa.{name}", "every value must be finite.")
    bad = np.argwhere((lo > x) | (x > hi))
    if bad.size:
        i, j = (int(v) for v in bad[0])
        raise InvalidParameter.at(
            f"smaa.performance[{i}][{j}]",
            "a range needs low <= likely <= high.",
            input=[float(lo[i, j]), float(x[i, j]), float(hi[i, j])],
        )
    return lo, hi
