"""Sensitivity: how far a weight or a performance must move to change the winner.

Two questions, each answered for every factor (and option) at once:

- **Weight stability.** Factor ``j``'s weight is set to ``t`` in ``[0, 1]``
  and the other weights keep their proportions, rescaled to sum to
  ``1 - t``: ``w_k(t) = w_k (1 - t) / (1 - w_j)`` (:func:`rescaled_weights`).
  The *stable interval* is the largest interval ``[lo, hi]`` around ``w_j``
  in which the current winner stays first; the *flip* is the nearer end of
  it at which another option takes first place, with that option. The
  *critical factor* is the one whose flip is the smallest weight change.
- **Performance sensitivity.** For each option other than the winner and
  each factor: how much its performance on that factor alone would have to
  improve (in the factor's own unit, up for ``max`` and down for ``min``
  factors) for it to take first place.

Conventions, chosen once and used everywhere in this module:

- **Ties.** An option tied for first place (scores within the ranking's
  :data:`~decisionroom.engine.ranking.TIE_TOLERANCE`) counts as first. So the
  winner *stays* first where it ties, the stable interval is closed, a flip
  is where another option starts to beat it strictly, and an option that
  only ties the winner at ``t = 0`` or ``t = 1`` (for example one the winner
  never beats but only equals) gives no flip. A performance change is the
  change that brings an option to a tie with the best of the others.
- **Winner.** The first option by :func:`~decisionroom.engine.ranking.order`
  (the best score, lowest index among exact ties); lower is better for a
  method with ``higher_is_better=False`` such as VIKOR.
- **Intervals and flips.** The reported ends are guaranteed: the winner is
  first at ``lo`` and ``hi``, and another option is first at the flip
  weight. Exact ends coincide with the flip; numeric ends are within ``tol``
  (1e-6) of it. Ends are clipped to ``[0, 1]``. When two flips are equally
  near, the one at the lower weight is reported. When the other weights are
  all 0 (``w_j = 1``) they share ``1 - t`` equally. A problem with a single
  factor has the interval ``[1, 1]`` and no flip.
- **Search range for performance.** Up to the factor's fixed best bound
  (``Problem.bounds``) when it has one, otherwise up to the best value in
  the data extended by the data's span (``max + span`` for ``max``,
  ``min - span`` for ``min`` factors; the span of a factor on which all
  options perform alike is taken as ``|value|``, or 1 at 0). When every
  value of a ``min`` factor is positive the search stops at half the
  smallest value rather than at 0 or below, which ratio normalisations
  cannot take. ``None`` means even the end of this range does not suffice.

Exact and numeric:

- Weight stability is solved in closed form for the additive methods, whose
  per-factor values do not depend on the weights (the weighted sum's
  normalised values, AHP's local priorities, PROMETHEE II's single-criterion
  net flows; checked against the scores on every call): every score is
  linear in ``t``, so the interval ends are the crossings of the winner's
  line with the others' and, just past an end, the steepest line wins.
- Performance is solved in closed form for the weighted sum with ``minmax``:
  while an option moves, the factor's value range stays put or follows it
  (the option becomes the new worst or best and that end comes from the
  data), so on each of at most three pieces the condition "first" is linear
  in the new value. Moving past the data's best value therefore shrinks the
  other options' values, which a straight line through the old range would
  miss. Where data lie outside a fixed bound with the other end taken from
  the data, or the other options perform alike (the range can go flat), it
  is numeric.
- Everything else is numeric: scores on a grid (one
  :meth:`~decisionroom.engine.methods.MethodSpec.batch_scores` call for every
  factor and grid point) bracket each change, then bisection, over all
  brackets at once, refines it, to ``tol`` (1e-6) in weight and to 1e-8 of
  the search range in performance. A change that comes and goes between two
  grid points can be missed; the grid has 101 weights and 17 performance
  values per factor by default. For a method whose scores do not move
  monotonically with a weight, the interval is the connected part around
  the current weight where the winner is first. A method whose scores jump
  (PROMETHEE II's ``usual`` criterion, VIKOR with two options) puts an
  option past the jump, not at a tie.

References:
    Triantaphyllou, E. & Sanchez, A. (1997). A sensitivity analysis approach
    for some deterministic multi-criteria decision-making methods. Decision
    Sciences 28(1), 151-194 (weight and performance changes that alter the
    best option; here with rescaled weights and every method).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from decisionroom.engine.methods import MethodResult, MethodSpec
from decisionroom.engine.methods._spec import WeightScorer
from decisionroom.engine.problem import BoolArray, FloatArray, Problem
from decisionroom.engine.ranking import TIE_TOLERANCE, order

__all__ = [
    "FactorStability",
    "Flip",
    "PerformanceSensitivity",
    "Sensitivity",
    "WeightSensitivity",
    "performance_sensitivity",
    "rescaled_weights",
    "sensitivity",
    "weight_stability",
    "weight_sweep",
]

IntArray = NDArray[np.intp]

#: Weight grid points per factor that bracket a flip before bisection.
WEIGHT_GRID = 101
#: Performance grid steps per option and factor that bracket a change before bisection.
PERFORMANCE_GRID = 16
#: Precision of a numeric interval end, in weight.
WEIGHT_TOL = 1e-6
#: Precision of a numeric performance change, as a share of the search range.
PERFORMANCE_TOL = 1e-8
#: Crossings this close to 0 or 1 are ties at the end of the range, not flips.
_EDGE = 1e-12
#: Working memory of one batch of scores (with its temporaries), in bytes.
_BATCH_BYTES = 32 * 2**20


# ---------------------------------------------------------------------------
# Result types


@dataclass(frozen=True)
class Flip:
    """The weight at which another option takes first place, and that option (its index)."""

    weight: float
    new_winner: int


@dataclass(frozen=True)
class FactorStability:
    """How far one factor's weight can move before the winner changes.

    Attributes:
        weight: the factor's current weight (weights summing to 1).
        interval: ``(lo, hi)``, the weights around ``weight`` within which the
            winner stays first.
        flip: the nearer end at which the winner changes, or ``None`` when no
            weight in ``[0, 1]`` of this factor alone changes it.
    """

    weight: float
    interval: tuple[float, float]
    flip: Flip | None

    @property
    def change(self) -> float | None:
        """The signed weight change to the flip, or ``None`` without one."""
        return None if self.flip is None else self.flip.weight - self.weight


@dataclass(frozen=True)
class WeightSensitivity:
    """Weight stability of the winner, one entry per factor in column order."""

    winner: int
    factors: tuple[FactorStability, ...]
    exact: bool

    @property
    def critical_factor(self) -> int | None:
        """The factor whose flip is the smallest weight change (lowest index on a tie)."""
        best: int | None = None
        for j, f in enumerate(self.factors):
            if f.change is None:
                continue
            if best is None or abs(f.change) < abs(self.factors[best].change or 0.0):
                best = j
        return best

    def to_dict(self, option_ids: Sequence[str], factor_ids: Sequence[str]) -> dict[str, Any]:
        """The ``factors`` and ``critical_factor`` keys of contract 2's ``sensitivity``."""
        factors: dict[str, Any] = {}
        for fid, f in zip(factor_ids, self.factors, strict=True):
            flip = None
            if f.flip is not None:
                flip = {"weight": f.flip.weight, "new_winner": option_ids[f.flip.new_winner]}
            factors[fid] = {"weight": f.weight, "stable_interval": list(f.interval), "flip": flip}
        critical = self.critical_factor
        return {
            "factors": factors,
            "critical_factor": None if critical is None else factor_ids[critical],
        }


@dataclass(frozen=True)
class PerformanceSensitivity:
    """The smallest improvement of one performance that puts an option first.

    Attributes:
        winner: the current winner (its row is all NaN).
        change: ``(n, m)`` signed change in the factor's unit (positive for
            ``max``, negative for ``min`` factors); NaN where no value in the
            search range suffices.
        to: ``(n, m)`` the performance after the change; NaN likewise.
        exact: ``(n, m)`` where the closed form was used.
        examined: ``(n,)`` the options whose changes were searched; the rows
            of the others are NaN (see ``options`` of
            :func:`performance_sensitivity`).
    """

    winner: int
    change: FloatArray
    to: FloatArray
    exact: BoolArray
    examined: BoolArray | None = None

    def at(self, option: int, factor: int) -> tuple[float, float] | None:
        """``(change, to)`` for one option and factor, or ``None``."""
        delta = float(self.change[option, factor])
        return None if math.isnan(delta) else (delta, float(self.to[option, factor]))

    def to_dict(self, option_ids: Sequence[str], factor_ids: Sequence[str]) -> dict[str, Any]:
        """The ``performance`` key of contract 2's ``sensitivity``: examined options only.

        The winner is left out (nothing needs to change for it to be first).
        """
        out: dict[str, Any] = {}
        for i, oid in enumerate(option_ids):
            if i == self.winner or (self.examined is not None and not self.examined[i]):
                continue
            row: dict[str, Any] = {}
            for j, fid in enumerate(factor_ids):
                hit = self.at(i, j)
                row[fid] = None if hit is None else {"change": hit[0], "to": hit[1]}
            out[oid] = row
        return out


@dataclass(frozen=True)
class Sensitivity:
    """Weight stability and performance sensitivity of one ranking."""

    weights: WeightSensitivity
    performance: PerformanceSensitivity

    @property
    def winner(self) -> int:
        """The current winner's index."""
        return self.weights.winner

    def to_dict(self, option_ids: Sequence[str], factor_ids: Sequence[str]) -> dict[str, Any]:
        """Contract 2's ``sensitivity`` value; numbers are full floats (the CLI rounds)."""
        out = self.weights.to_dict(option_ids, factor_ids)
        out["performance"] = self.performance.to_dict(option_ids, factor_ids)
        return out


# ---------------------------------------------------------------------------
# Public functions


def rescaled_weights(weights: FloatArray, factor: int, t: FloatArray | float) -> FloatArray:
    """Weight vectors ``(k, m)`` with ``factor`` set to each ``t`` and the rest rescaled.

    The other weights keep their proportions and sum to ``1 - t``; when they
    are all 0 they share ``1 - t`` equally.
    """
    w = np.asarray(weights, dtype=np.float64)
    ts = np.atleast_1d(np.asarray(t, dtype=np.float64))
    return _rescaled(_others(w / w.sum()), np.full(ts.shape, factor), ts)


def _others(w: FloatArray) -> FloatArray:
    """``(m, m)``: row ``j`` holds the weights other than ``j``'s, rescaled to sum to 1."""
    m = w.shape[0]
    rest = np.broadcast_to(w, (m, m)).copy()
    np.fill_diagonal(rest, 0.0)
    total = rest.sum(axis=1, keepdims=True)
    equal = np.full((m, m), 1.0 / max(m - 1, 1))
    np.fill_diagonal(equal, 0.0)
    return np.where(total > 1e-12, rest / np.where(total > 1e-12, total, 1.0), equal)


def _rescaled(others: FloatArray, factors: IntArray, t: FloatArray) -> FloatArray:
    """Row ``k``: factor ``factors[k]`` at ``t[k]``, the others sharing ``1 - t[k]``."""
    out = others[factors] * (1.0 - t)[:, None]
    out[np.arange(t.shape[0]), factors] = t
    return out


def weight_sweep(
    spec: MethodSpec,
    problem: Problem,
    kwargs: Mapping[str, Any],
    factor: int | str,
    points: int = 101,
    options: Sequence[int] | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Options' scores as one factor's weight goes from 0 to 1, for a chart.

    Returns ``t`` of shape ``(points,)`` and scores ``(points, n_options)``,
    or ``(points, len(options))`` for the given option indices only.
    """
    j = problem.factors.index(factor) if isinstance(factor, str) else int(factor)
    t = np.linspace(0.0, 1.0, points)
    w = rescaled_weights(problem.weights, j, t)
    cols = np.arange(problem.shape[0]) if options is None else np.asarray(options, dtype=np.intp)
    return t, _WeightBatches(spec, problem, kwargs)(w, lambda sc, _: sc[:, cols])


def weight_stability(
    spec: MethodSpec,
    problem: Problem,
    kwargs: Mapping[str, Any],
    *,
    exact: bool | None = None,
    grid: int = WEIGHT_GRID,
    tol: float = WEIGHT_TOL,
) -> WeightSensitivity:
    """Stable interval and flip of every factor's weight.

    Args:
        spec: the method.
        problem: the problem; its weights are taken as summing to 1.
        kwargs: the method's prepared keyword arguments (``spec.kwargs``).
        exact: ``None`` solves an additive method in closed form and every
            other method numerically; ``False`` forces the numeric search;
            ``True`` requires the closed form.
        grid: weight grid points per factor for the numeric search.
        tol: precision of a numeric interval end.

    Raises:
        ValueError: ``exact=True`` for a method without a closed form.
    """
    result = spec.run(problem, kwargs)
    winner = int(order(np.asarray(result.scores), spec.higher_is_better)[0])
    values = _additive_values(spec, result, problem.weights)
    if exact and values is None:
        raise ValueError(f"{spec.id} has no closed form; use exact=None or False")
    closed = values is not None and exact is not False
    w = problem.weights / problem.weights.sum()
    if w.shape[0] == 1:
        return WeightSensitivity(winner, (FactorStability(1.0, (1.0, 1.0), None),), closed)
    if values is not None and closed:
        factors = _stability_exact(values, w, winner)
    else:
        factors = _stability_numeric(spec, problem, kwargs, w, winner, grid, tol)
    return WeightSensitivity(winner, factors, closed)


def performance_sensitivity(
    spec: MethodSpec,
    problem: Problem,
    kwargs: Mapping[str, Any],
    *,
    exact: bool | None = None,
    grid: int = PERFORMANCE_GRID,
    tol: float = PERFORMANCE_TOL,
    options: Sequence[int] | None = None,
) -> PerformanceSensitivity:
    """The smallest change of each performance that puts its option first.

    Args:
        spec: the method.
        problem: the problem.
        kwargs: the method's prepared keyword arguments (``spec.kwargs``).
        exact: ``None`` (or ``True``) uses the closed form where it holds
            (weighted sum with ``minmax``) and the numeric search elsewhere;
            ``False`` forces the numeric search everywhere.
        grid: grid steps per option and factor for the numeric search.
        tol: precision of a numeric change, as a share of the search range.
        options: indices of the options to examine (default: all). The cost
            is linear in the number of options times the number examined, so
            a long list examines only the options that can still win.
    """
    hib = spec.higher_is_better
    result = spec.run(problem, kwargs)
    scores = np.asarray(result.scores, dtype=np.float64)
    winner = int(order(scores, hib)[0])
    x = problem.matrix
    n, m = x.shape
    examined = np.ones(n, dtype=bool)
    if options is not None:
        examined[:] = False
        examined[np.asarray(list(options), dtype=np.intp)] = True
    examined[winner] = False
    rows_of_interest = np.flatnonzero(examined)
    limit = _search_limits(x, problem.benefit, problem.bounds)
    change = np.full((n, m), np.nan)
    done = ~examined[:, None] & np.ones((1, m), dtype=bool)
    used_exact = np.zeros((n, m), dtype=bool)
    if (
        rows_of_interest.size
        and exact is not False
        and spec.id == "weighted-sum"
        and kwargs.get("normalization") == "minmax"
    ):
        bounds = kwargs.get("bounds")
        ex_change, valid = _performance_exact(
            x,
            problem.benefit,
            None if bounds is None else np.asarray(bounds, dtype=np.float64),
            np.asarray(result.details["values"]),
            problem.weights / problem.weights.sum(),
            winner,
            limit,
            rows_of_interest,
        )
        change[rows_of_interest] = np.where(valid, ex_change, np.nan)
        done[rows_of_interest] |= valid
        used_exact[rows_of_interest] = valid
    rows, cols = np.nonzero(~done)
    if rows.size:
        change[rows, cols] = _performance_numeric(
            _first_with(spec, problem, kwargs),
            rows,
            cols,
            limit[cols] - x[rows, cols],
            np.where(problem.benefit[cols], 1.0, -1.0),
            grid,
            tol,
        )
    to = x + change
    return PerformanceSensitivity(winner, change, to, used_exact, examined | _one_hot(n, winner))


def _one_hot(n: int, i: int) -> BoolArray:
    out = np.zeros(n, dtype=bool)
    out[i] = True
    return out


def sensitivity(
    spec: MethodSpec,
    problem: Problem,
    kwargs: Mapping[str, Any],
    *,
    exact: bool | None = None,
    options: Sequence[int] | None = None,
) -> Sensitivity:
    """Weight stability and performance sensitivity together (contract 2's ``sensitivity``).

    ``options`` limits the performance search to those option indices.
    """
    return Sensitivity(
        weight_stability(spec, problem, kwargs, exact=exact),
        performance_sensitivity(spec, problem, kwargs, exact=exact, options=options),
    )


# ---------------------------------------------------------------------------
# Helpers


def _additive_values(
    spec: MethodSpec, result: MethodResult, weights: FloatArray
) -> FloatArray | None:
    """The weight-independent values of an additive method whose higher scores rank first."""
    if not spec.higher_is_better:
        return None
    return spec.additive_values(result, weights)


def _weight_rows(spec: MethodSpec, problem: Problem) -> int:
    """Weight vectors scored per batch call, so that a batch stays within memory."""
    n, m = problem.shape
    cheap = spec.additive or spec.weights_scorer is not None
    per_row = n * 8 * (4 if cheap else 3 * m)
    return max(1, _BATCH_BYTES // per_row)


class _WeightBatches:
    """Scores many weight vectors on one problem in batches of bounded memory.

    The method's weight scorer is built once (its weight-independent work
    done once) and reused by every step of a search.
    """

    def __init__(self, spec: MethodSpec, problem: Problem, kwargs: Mapping[str, Any]) -> None:
        self.scorer = spec.weight_scorer(problem.matrix, problem.benefit, kwargs)
        self.step = _weight_rows(spec, problem)

    def __call__(
        self, weights: FloatArray, reduce: Callable[[FloatArray, slice], NDArray[Any]]
    ) -> NDArray[Any]:
        return _weight_batches(self.scorer, self.step, weights, reduce)


def _weight_batches(
    scorer: WeightScorer,
    step: int,
    weights: FloatArray,
    reduce: Callable[[FloatArray, slice], NDArray[Any]],
) -> NDArray[Any]:
    """``reduce(scores, rows)`` of every batch of weight vectors, joined in order.

    The scores of all weight vectors at once would be ``(k, n)``: for a long
    list of options that is too much memory, so they are scored in batches
    and reduced (to a flag or a few columns) as they come.
    """
    parts = [
        reduce(np.asarray(scorer(weights[a : a + step])), slice(a, min(a + step, len(weights))))
        for a in range(0, weights.shape[0], step)
    ]
    return np.concatenate(parts) if parts else np.empty(0)


def _tie_tol(scores: FloatArray) -> FloatArray:
    """The ranking's tie tolerance per row of ``scores``."""
    scale = np.maximum(1.0, np.nanmax(np.abs(scores), axis=-1))
    return np.asarray(TIE_TOLERANCE * scale)


def _is_first(scores: FloatArray, option: IntArray | int, higher_is_better: bool) -> BoolArray:
    """Whether ``option`` (one per row) is first in each row of ``scores``, ties counting."""
    key = scores if higher_is_better else -scores
    rows = np.arange(key.shape[0])
    own = key[rows, option]
    others = key.copy()
    others[rows, option] = -np.inf
    best_other = np.fmax.reduce(others, axis=-1)  # NaN in another option never beats
    return np.asarray(own >= best_other - _tie_tol(scores))


def _leader(scores: FloatArray, higher_is_better: bool) -> IntArray:
    """The first option of each row (lowest index among exact ties)."""
    key = scores if higher_is_better else -scores
    return np.asarray(np.argmax(np.where(np.isnan(key), -np.inf, key), axis=-1))


def _clip01(x: float) -> float:
    return float(np.clip(x, 0.0, 1.0)) + 0.0


# ---------------------------------------------------------------------------
# Weight stability


def _stability_exact(values: FloatArray, w: FloatArray, winner: int) -> tuple[FactorStability, ...]:
    """Closed form for the additive model: each score is a line in ``t``.

    With ``u`` the other weights rescaled to sum to 1, option ``i`` scores
    ``s_i(t) = t a_i + (1 - t) b_i`` (``a_i = v_ij``, ``b_i = sum_k u_k v_ik``),
    so the winner's lead over ``i`` is ``d_i(t) = g_i + t h_i`` and it is
    lost past ``t_i = -g_i / h_i``: below it when ``h_i > 0``, above it when
    ``h_i < 0``. Just past an end the option with the steepest line wins.
    """
    n, m = values.shape
    out = []
    others = np.arange(n) != winner
    others_w = _others(w)
    for j in range(m):
        u = others_w[j]  # the other weights' proportions
        a = values[:, j]
        b = values @ u
        g = (b[winner] - b)[others]
        h = ((a[winner] - a) - (b[winner] - b))[others]
        idx = np.flatnonzero(others)
        tol = TIE_TOLERANCE * max(1.0, float(np.abs(values).max()))
        up = h < -tol  # the lead shrinks as t grows
        down = h > tol
        with np.errstate(divide="ignore", invalid="ignore"):
            cross = np.where(up | down, -g / np.where(up | down, h, 1.0), np.nan)
        wj = float(w[j])
        hi, hi_flip = 1.0, None
        if up.any():
            t_up = float(np.min(cross[up]))
            hi = max(t_up, wj)  # a tie at w_j itself must not put hi below w_j
            if hi < 1.0 - _EDGE:  # a tie at t = 1 is no flip
                at = up & (np.abs(cross - t_up) <= 1e-12)
                hi_flip = Flip(_clip01(hi), int(idx[at][np.argmin(h[at])]))
        lo, lo_flip = 0.0, None
        if down.any():
            t_down = float(np.max(cross[down]))
            lo = min(t_down, wj)
            if lo > _EDGE:
                at = down & (np.abs(cross - t_down) <= 1e-12)
                lo_flip = Flip(_clip01(lo), int(idx[at][np.argmax(h[at])]))
        out.append(FactorStability(wj, (_clip01(lo), _clip01(hi)), _nearer(wj, lo_flip, hi_flip)))
    return tuple(out)


def _nearer(wj: float, lo_flip: Flip | None, hi_flip: Flip | None) -> Flip | None:
    if lo_flip is None or hi_flip is None:
        return lo_flip or hi_flip
    return lo_flip if wj - lo_flip.weight <= hi_flip.weight - wj else hi_flip


def _stability_numeric(
    spec: MethodSpec,
    problem: Problem,
    kwargs: Mapping[str, Any],
    w: FloatArray,
    winner: int,
    grid: int,
    tol: float,
) -> tuple[FactorStability, ...]:
    """Grid over ``t`` for all factors in one batch, then bisection of every bracket at once."""
    m = w.shape[0]
    hib = spec.higher_is_better
    t = np.linspace(0.0, 1.0, grid)
    rest = _others(w)
    weights = _rescaled(rest, np.repeat(np.arange(m), grid), np.tile(t, m))
    batches = _WeightBatches(spec, problem, kwargs)
    stays = batches(weights, lambda sc, _: _is_first(sc, winner, hib)).reshape(m, grid)
    # brackets (factor, stays end, loses end), one per side where the winner changes
    brackets: list[tuple[int, float, float]] = []
    for j in range(m):
        wj = float(w[j])
        lost_below = np.flatnonzero(~stays[j] & (t < wj))
        if lost_below.size:
            g = int(lost_below[-1])
            brackets.append((j, min(float(t[g + 1]), wj), float(t[g])))
        lost_above = np.flatnonzero(~stays[j] & (t > wj))
        if lost_above.size:
            g = int(lost_above[0])
            brackets.append((j, max(float(t[g - 1]), wj), float(t[g])))
    ends: dict[tuple[int, bool], Flip] = {}
    keep: dict[tuple[int, bool], float] = {}
    if brackets:
        fac = np.array([b[0] for b in brackets])
        good = np.array([b[1] for b in brackets])
        bad = np.array([b[2] for b in brackets])
        steps = max(0, math.ceil(math.log2(float(np.max(np.abs(bad - good))) / tol)))
        for _ in range(steps):
            mid = 0.5 * (good + bad)
            first = batches(_rescaled(rest, fac, mid), lambda sc, _: _is_first(sc, winner, hib))
            good = np.where(first, mid, good)
            bad = np.where(first, bad, mid)
        new = batches(_rescaled(rest, fac, bad), lambda sc, _: _leader(sc, hib))
        for k, j in enumerate(fac):
            above = bool(bad[k] > good[k])
            keep[(int(j), above)] = float(good[k])
            ends[(int(j), above)] = Flip(_clip01(float(bad[k])), int(new[k]))
    out = []
    for j in range(m):
        wj = float(w[j])
        lo = keep.get((j, False), 0.0)
        hi = keep.get((j, True), 1.0)
        flip = _nearer(wj, ends.get((j, False)), ends.get((j, True)))
        out.append(FactorStability(wj, (_clip01(lo), _clip01(hi)), flip))
    return tuple(out)


# ---------------------------------------------------------------------------
# Performance sensitivity


def _search_limits(matrix: FloatArray, benefit: BoolArray, bounds: FloatArray) -> FloatArray:
    """The most improved value searched on each factor (see the module docstring)."""
    lo, hi = matrix.min(axis=0), matrix.max(axis=0)
    best = np.where(benefit, hi, lo)
    span = hi - lo
    span = np.where(span > 0, span, np.where(best != 0, np.abs(best), 1.0))
    limit = np.where(benefit, hi + span, lo - span)
    positive = lo > 0
    limit = np.where(~benefit & positive & (limit <= 0), lo / 2, limit)
    # a quantity the data never takes below 0 (a cost, a duration) cannot go below 0 (#10)
    limit = np.where(~benefit & (lo >= 0), np.maximum(limit, 0.0), limit)
    if bounds.size:
        limit = np.where(np.isnan(bounds[:, 1]), limit, bounds[:, 1])
    return np.asarray(limit)


def _performance_exact(
    x: FloatArray,
    benefit: BoolArray,
    bounds: FloatArray | None,
    values: FloatArray,
    w: FloatArray,
    winner: int,
    limit: FloatArray,
    rows: IntArray,
) -> tuple[FloatArray, BoolArray]:
    """Closed form for the weighted sum with ``minmax``: ``(change, valid)``, ``(len(rows), m)``.

    Work in the improving direction ``z = +x`` (``max``) or ``-x`` (``min``).
    While option ``i`` moves to ``z``, the value range ``[W, B]`` of the
    factor is fixed or follows ``z`` (when ``i`` is the worst or the best,
    and that end comes from the data), so ``W`` and ``B`` are affine in ``z``
    on at most three pieces. On each, ``v_i - v_k = (z - z_k) / (B - W)``
    and ``i`` is first once, for every ``k``,
    ``(r_i - r_k) (B - W) + w_j (z - z_k) >= 0`` with ``r`` the scores
    without factor ``j``: linear in ``z``, so the smallest such ``z`` is a
    maximum of crossings. ``valid`` is False where the closed form does not
    hold: data outside a fixed bound (clipping) with one end from the data,
    or a factor on which the other options perform alike (a flat range
    gives every option the value 1). Only the options ``rows`` are solved,
    each against all the others: the cost is ``O(len(rows) n m)``.
    """
    m = x.shape[1]
    k = rows.size
    scores = values @ w  # the method's scores, for weights summing to 1
    tie = float(_tie_tol(scores[None, :])[0])
    gap = scores[winner] - scores[rows]  # (k,): how far each option is behind
    needed = gap > tie
    change = np.full((k, m), np.nan)
    valid = np.zeros((k, m), dtype=bool)
    change[~needed] = 0.0  # already tied for first
    valid[~needed] = True
    fixed = np.zeros((m, 2), dtype=bool) if bounds is None or not bounds.size else ~np.isnan(bounds)
    for j in range(m):
        if w[j] <= 0:  # a factor with no weight cannot help
            valid[needed, j] = True
            continue
        sign = 1.0 if benefit[j] else -1.0
        if fixed[j].all():
            worst, best = bounds[j] if bounds is not None else (np.nan, np.nan)
            if worst == best:
                continue
            # the value is linear up to the best bound and clipped past it
            v_new = values[rows, j] + gap / w[j]
            reach = w[j] * (v_new - 1.0) <= tie
            to = worst + np.minimum(v_new, 1.0) * (best - worst)
            change[needed, j] = np.where(reach, to - x[rows, j], np.nan)[needed]
            valid[needed, j] = True
            continue
        z = sign * x[:, j]
        ends = np.where(fixed[j], sign * (bounds[j] if bounds is not None else 0.0), np.nan)
        if fixed[j, 0] and (z < ends[0]).any() or fixed[j, 1] and (z > ends[1]).any():
            continue  # data outside a fixed bound is clipped: numeric
        rest = scores - w[j] * values[:, j]
        hit = _first_reach(z, rest, float(w[j]), sign * float(limit[j]), ends, tie, rows)
        ok = needed & ~np.isnan(hit[:, 1])  # NaN marks a flat range: numeric
        change[ok, j] = sign * hit[ok, 0] - x[rows[ok], j]
        valid[ok, j] = True
    return change, valid


def _first_reach(
    z: FloatArray,
    rest: FloatArray,
    wj: float,
    z_limit: float,
    ends: FloatArray,
    tie: float,
    rows: IntArray,
) -> FloatArray:
    """Smallest ``z`` at which each option of ``rows`` is first (``_performance_exact``).

    ``ends`` holds the fixed worst and best ends (in ``z``) or NaN where the
    data's own is used. Returns ``(len(rows), 2)``: the new ``z`` (NaN when
    the limit is not enough) and a flag column that is NaN where the closed
    form does not apply (the other options perform alike and the range can
    go flat).
    """
    n, k = z.shape[0], rows.size
    others = np.arange(n)[None, :] != rows[:, None]  # (k, n)
    zi = z[rows]
    low = np.where(others, z[None, :], np.inf).min(axis=1)  # the others' worst
    high = np.where(others, z[None, :], -np.inf).max(axis=1)  # the others' best
    data_worst, data_best = np.isnan(ends[0]), np.isnan(ends[1])
    p1 = low if data_worst else np.full(k, -np.inf)  # below: i is the worst
    p2 = high if data_best else np.full(k, np.inf)  # above: i is the best
    # W = w0 + w1 z and B = b0 + b1 z on each piece, as (coefficient, per option)
    worst_mid = (low, 0.0) if data_worst else (np.full(k, ends[0]), 0.0)
    best_mid = (high, 0.0) if data_best else (np.full(k, ends[1]), 0.0)
    pieces = [
        (zi, np.minimum(p1, z_limit), (np.zeros(k), 1.0), best_mid),
        (np.maximum(zi, p1), np.minimum(p2, z_limit), worst_mid, best_mid),
        (np.maximum(zi, p2), np.full(k, z_limit), worst_mid, (np.zeros(k), 1.0)),
    ]
    d = rest[rows][:, None] - rest[None, :]  # r_i - r_k
    slack = 1e-12 * max(1.0, float(np.abs(z).max()), abs(z_limit))
    found = np.full(k, np.nan)
    for lo, hi, (w0, w1), (b0, b1) in pieces:
        open_ = np.isnan(found) & (lo <= hi)
        if not open_.any():
            continue
        d0, d1 = (b0 - w0)[:, None], b1 - w1  # B - W = d0 + d1 z
        slope = d * d1 + wj
        const = d * d0 - wj * z[None, :]
        slope = np.where(others, slope, 0.0)
        const = np.where(others, const, 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            root = -const / slope
        pos, neg = slope > 1e-15, slope < -1e-15
        start = np.maximum(lo, np.where(pos, root, -np.inf).max(axis=1))
        stop = np.minimum(hi, np.where(neg, root, np.inf).min(axis=1))
        # a constant constraint holds within the tie tolerance of the scores
        flat_ok = np.where(~pos & ~neg, const >= -tie * np.abs(d0), True).all(axis=1)
        hit = open_ & flat_ok & (start <= stop + slack)
        start = np.minimum(start, hi)
        found = np.where(hit, start, found)
    flat = high == low  # the others alike: the range goes flat as i reaches them
    return np.stack([found, np.where(flat, np.nan, 0.0)], axis=1)


def _performance_numeric(
    first_with: FirstWith,
    rows: IntArray,
    cols: IntArray,
    reach: FloatArray,
    direction: FloatArray,
    grid: int,
    tol: float,
) -> FloatArray:
    """Grid then bisection on ``s`` in ``[0, 1]``: option ``rows[p]`` at ``x + s reach[p]``."""
    p = rows.size
    out = np.full(p, np.nan)
    s = np.linspace(0.0, 1.0, grid + 1)
    # no room when the value is already at or past the search limit
    room = np.where(np.isfinite(reach) & (np.sign(reach) == direction), reach, 0.0)
    # (p, grid + 1): first place at each step, all pairs and steps in chunked batches
    pr = np.repeat(np.arange(p), grid + 1)
    sr = np.tile(s, p)
    first = first_with(rows[pr], cols[pr], sr * room[pr])
    first = first.reshape(p, grid + 1)
    hit = first.any(axis=1)
    at = np.argmax(first, axis=1)
    out[hit & (at == 0)] = 0.0
    todo = np.flatnonzero(hit & (at > 0))
    if todo.size:
        bad = s[at[todo] - 1]
        good = s[at[todo]]
        steps = max(0, math.ceil(math.log2((1.0 / grid) / tol)))
        for _ in range(steps):
            mid = 0.5 * (bad + good)
            ok = first_with(rows[todo], cols[todo], mid * room[todo])
            good = np.where(ok, mid, good)
            bad = np.where(ok, bad, mid)
        out[todo] = good * room[todo]
    return out


FirstWith = Callable[[IntArray, IntArray, FloatArray], BoolArray]


def _first_with(spec: MethodSpec, problem: Problem, kwargs: Mapping[str, Any]) -> FirstWith:
    """The test ``first(rows, cols, delta)``: is ``rows[k]`` first once ``cols[k]`` moves?

    Option ``rows[k]``'s value on factor ``cols[k]`` moves by ``delta[k]``.

    With the method's cell scorer each candidate costs ``O(n)``; otherwise
    each is a full evaluation of a changed copy of the matrix, in batches of
    bounded memory.
    """
    hib = spec.higher_is_better
    n, m = problem.shape
    if spec.cell_scorer is not None:
        score = spec.cell_scorer(problem.matrix, problem.weights, problem.benefit, **kwargs)
        step = max(1, _BATCH_BYTES // (n * 8 * 8))

        def by_cells(rows: IntArray, cols: IntArray, delta: FloatArray) -> BoolArray:
            out = np.empty(rows.size, dtype=bool)
            new = problem.matrix[rows, cols] + delta
            for start in range(0, rows.size, step):
                sl = slice(start, min(start + step, rows.size))
                out[sl] = _is_first(score(rows[sl], cols[sl], new[sl]), rows[sl], hib)
            return out

        return by_cells

    def by_copies(rows: IntArray, cols: IntArray, delta: FloatArray) -> BoolArray:
        return _first_with_copies(spec, problem, kwargs, rows, cols, delta)

    return by_copies


def _first_with_copies(
    spec: MethodSpec,
    problem: Problem,
    kwargs: Mapping[str, Any],
    rows: IntArray,
    cols: IntArray,
    delta: FloatArray,
) -> BoolArray:
    """:func:`_first_with` by full evaluations of changed copies of the matrix."""
    n, m = problem.shape
    k = rows.size
    out = np.empty(k, dtype=bool)
    hib = spec.higher_is_better
    new = problem.matrix[rows, cols] + delta
    chunk = max(1, _BATCH_BYTES // (n * m * 8 * 3))
    for start in range(0, k, chunk):  # over chunks of (option, factor, step), for memory
        sl = slice(start, min(start + chunk, k))
        size = sl.stop - sl.start
        mats = np.broadcast_to(problem.matrix, (size, n, m)).copy()
        r, c = rows[sl], cols[sl]
        mats[np.arange(size), r, c] = new[sl]
        weights = np.broadcast_to(problem.weights, (size, m))
        scores = spec.batch_scores(mats, weights, problem.benefit, kwargs)
        out[sl] = _is_first(scores, r, hib)
    return out
