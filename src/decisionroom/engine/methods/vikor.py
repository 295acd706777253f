"""VIKOR: the compromise ranking between group utility and individual regret.

``S`` measures how far an option is from the ideal over all factors together
(the "majority"), ``R`` how far it is on its single worst factor (the
"opponent"); ``Q`` blends the two with the weight ``v``. Lower is better for
all three. Beyond the ranking, VIKOR says whether the best option by ``Q`` is
a clear compromise or whether a set of options is.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from decisionroom.engine._finite import tame
from decisionroom.engine.methods._cells import modified_columns
from decisionroom.engine.methods._linalg import row_dot
from decisionroom.engine.methods._spec import (
    CellScorer,
    MethodResult,
    MethodSpec,
    Param,
    WeightScorer,
)
from decisionroom.engine.normalize import column_range
from decisionroom.engine.problem import BoolArray, FloatArray
from decisionroom.engine.ranking import TIE_TOLERANCE

IntArray = NDArray[np.intp]


def vikor(
    matrix: FloatArray,
    weights: FloatArray,
    benefit: BoolArray,
    *,
    v: float = 0.5,
) -> MethodResult:
    """Score options by the compromise index ``Q`` (lower is better).

    Works on a batch: ``weights`` ``(k, m)`` with ``matrix`` ``(n, m)`` or
    ``(k, n, m)`` gives scores ``(k, n)``. The acceptance conditions and the
    compromise set are only worked out for a single weight vector and matrix.

    Steps (Opricovic & Tzeng 2004, Section 3): (1) best ``f*_j`` and worst
    ``f-_j`` value of each factor; (2) group utility
    ``S_i = sum_j w_j (f*_j - f_ij) / (f*_j - f-_j)`` and individual regret
    ``R_i = max_j w_j (f*_j - f_ij) / (f*_j - f-_j)``; (3)
    ``Q_i = v (S_i - S*) / (S- - S*) + (1 - v) (R_i - R*) / (R- - R*)`` with
    ``S* = min S``, ``S- = max S`` and likewise for ``R``; (4) rank by ``Q``;
    (5) propose the best option ``a1`` by ``Q`` when C1, acceptable advantage
    ``Q(a2) - Q(a1) >= DQ = 1 / (n - 1)``, and C2, acceptable stability (``a1``
    is also best by ``S`` or by ``R``), both hold. Otherwise the compromise set
    is ``a1`` and ``a2`` when only C2 fails, or every ``a(M)`` with
    ``Q(a(M)) - Q(a1) < DQ`` when C1 fails.

    Degenerate denominators never produce NaN. A factor on which every option
    performs the same cannot discriminate and adds 0 to ``S`` and ``R``. When
    every option has the same ``S`` (or ``R``), within the ranking tie
    tolerance, that term of ``Q`` is 0 for all, so ``Q`` follows the other
    term alone (and is 0 for all when both are flat). Differences within that
    tolerance of ``DQ`` count as reaching it.

    ``details``: ``S``, ``R``, ``Q``, ``best``, ``worst`` and, for a single
    call, ``conditions`` (``acceptable_advantage``, ``acceptable_stability``,
    ``dq``) and ``compromise_set`` (option indices, best ``Q`` first).

    References:
        Opricovic, S. (1998). Multicriteria Optimization of Civil Engineering
        Systems. Faculty of Civil Engineering, Belgrade.
        Opricovic, S. & Tzeng, G.-H. (2004). Compromise solution by MCDM
        methods: A comparative analysis of VIKOR and TOPSIS. European Journal
        of Operational Research 156(2), 445-455.
    """
    lo, hi = (a[..., 0, :] for a in column_range(matrix))
    matrix, lo, hi = tame(matrix, lo, hi)  # values near 1.8e308 or subnormal (docs/limits.md)
    best = np.where(benefit, hi, lo)  # (1)
    worst = np.where(benefit, lo, hi)  # (1)
    span = best - worst
    flat = span == 0
    # a constant factor has regret 0 for everyone: its inverse span is 0
    inv_span = np.where(flat, 0.0, 1.0 / np.where(flat, 1.0, span))
    if matrix.ndim == 2 and weights.ndim == 1:
        s, r = _one_call_sums(matrix, weights, best, inv_span)  # (2)
    else:
        regret = (best[..., None, :] - matrix) * inv_span[..., None, :]  # 0..1
        s = row_dot(regret, weights) + 0.0  # (2); + 0.0 turns -0.0 into 0.0
        r = _row_max(regret, weights) + 0.0  # (2)
    q = v * _rescale(s) + (1.0 - v) * _rescale(r)  # (3)
    details: dict[str, Any] = {"S": s, "R": r, "Q": q, "best": best, "worst": worst}
    if weights.ndim == 1 and matrix.ndim == 2:
        conditions, compromise = _compromise(s, r, q)  # (4), (5)
        details["conditions"] = conditions
        details["compromise_set"] = compromise
    return MethodResult(scores=q, higher_is_better=False, details=details)


def _regret_terms(matrix: FloatArray, weights: FloatArray, benefit: BoolArray) -> FloatArray:
    """``(n, m)`` terms ``w_j (f*_j - f_ij) / (f*_j - f-_j)`` of S and R (1)-(2)."""
    lo, hi = (a[0] for a in column_range(matrix))
    best, worst = np.where(benefit, hi, lo), np.where(benefit, lo, hi)
    span = best - worst
    flat = span == 0
    inv_span = np.where(flat, 0.0, 1.0 / np.where(flat, 1.0, span))
    return np.asarray((best - matrix) * (weights * inv_span))


def _cell_scorer(
    matrix: FloatArray, weights: FloatArray, benefit: BoolArray, *, v: float = 0.5
) -> CellScorer:
    """Scores with one cell changed: that factor's terms of S and R are replaced."""
    terms = _regret_terms(matrix, weights, benefit)
    s = terms.sum(axis=1)
    n, m = terms.shape
    rows_all = np.arange(n)
    top = np.argmax(terms, axis=1)
    r_top = terms[rows_all, top]
    rest = terms.copy()
    rest[rows_all, top] = -np.inf
    r_second = rest.max(axis=1) if m > 1 else np.full(n, -np.inf)

    def score(rows: IntArray, cols: IntArray, new: FloatArray) -> FloatArray:
        column = modified_columns(matrix, rows, cols, new)
        moved = _regret_terms(column, weights[cols], benefit[cols])
        s_new = s[:, None] + (moved - terms[:, cols])
        # R without the changed factor: the largest term, or the second when it was that one
        without = np.where(top[:, None] == cols[None, :], r_second[:, None], r_top[:, None])
        r_new = np.maximum(without, moved)
        return np.asarray(v * _rescale(s_new.T + 0.0) + (1.0 - v) * _rescale(r_new.T + 0.0))

    return score


def _weights_scorer(matrix: FloatArray, benefit: BoolArray, *, v: float = 0.5) -> WeightScorer:
    """Scores of many weight vectors: the unweighted regrets are computed once.

    The scores come in the weights' precision (float32 for SMAA's samples).
    """
    regrets: dict[Any, NDArray[Any]] = {
        np.dtype(np.float64): np.ascontiguousarray(
            _regret_terms(matrix, np.ones(matrix.shape[1]), benefit).T
        )
    }

    def score(weights: FloatArray) -> FloatArray:
        w = np.asarray(weights)
        dtype = np.dtype(np.float32 if w.dtype == np.float32 else np.float64)
        if dtype not in regrets:
            regrets[dtype] = regrets[np.dtype(np.float64)].astype(dtype)
        regret = regrets[dtype]
        w = w.astype(dtype, copy=False)
        s = w @ regret + 0.0  # (2)
        r = np.zeros_like(s)
        term = np.empty_like(s)
        for j in range(regret.shape[0]):  # over factors, never over options or samples
            np.multiply.outer(w[:, j], regret[j], out=term)
            np.maximum(r, term, out=r)
        return _q(s, r + 0.0, v)  # (3)

    return score


def _q(s: NDArray[Any], r: NDArray[Any], v: float) -> NDArray[Any]:
    """``v * _rescale(s) + (1 - v) * _rescale(r)`` for a batch, as one affine map per row.

    ``Q = a S + b R + c`` with ``a = v / (S- - S*)`` (0 for a flat ``S``),
    likewise ``b``, and ``c = -(a S* + b R*)``: a few passes over the
    ``(k, n)`` scores instead of one per step of the rescaling.
    """
    coefficients = []
    for x, share in ((s, v), (r, 1.0 - v)):
        lo = x.min(axis=-1, keepdims=True)
        hi = x.max(axis=-1, keepdims=True)
        span = hi - lo
        tol = TIE_TOLERANCE * np.maximum(1.0, np.maximum(np.abs(lo), np.abs(hi)))
        spread = span > tol
        coef = np.where(spread, share / np.where(spread, span, 1.0), 0.0).astype(x.dtype)
        coefficients.append((coef, (coef * lo).astype(x.dtype)))
    (a, a_lo), (b, b_lo) = coefficients
    q = np.multiply(s, a)
    q += r * b
    q -= a_lo + b_lo
    return np.asarray(np.maximum(q, 0.0, out=q))


def _one_call_sums(
    matrix: FloatArray, weights: FloatArray, best: FloatArray, inv_span: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """S and R of one matrix, factor by factor on contiguous columns (2).

    Reducing a tall ``(n, m)`` array across its few columns is slow in numpy;
    walking the m factors over contiguous columns is several times faster.
    """
    columns = np.ascontiguousarray(matrix.T)
    coef = weights * inv_span
    s = np.zeros(matrix.shape[0])
    r = np.zeros(matrix.shape[0])
    for j in range(matrix.shape[1]):  # over factors, never over options
        term = (best[j] - columns[j]) * coef[j]  # w_j (f*_j - f_ij) / (f*_j - f-_j)
        s += term
        np.maximum(r, term, out=r)
    return s + 0.0, r + 0.0


def _row_max(x: FloatArray, w: FloatArray) -> FloatArray:
    """``max_j x[..., i, j] w[..., j]`` without a ``(k, n, m)`` array for a fixed matrix."""
    if x.ndim == 2 and w.ndim == 2:
        out = np.zeros((w.shape[0], x.shape[0]))
        for j in range(x.shape[1]):  # over factors, never over options or samples
            np.maximum(out, np.multiply.outer(w[:, j], x[:, j]), out=out)
        return out
    return np.asarray((x * w[..., None, :]).max(axis=-1))


def _rescale(x: FloatArray) -> FloatArray:
    """``(x - min) / (max - min)`` per row; 0 for a row whose values are all equal."""
    lo = x.min(axis=-1, keepdims=True)
    hi = x.max(axis=-1, keepdims=True)
    span = hi - lo
    tol = TIE_TOLERANCE * np.maximum(1.0, np.maximum(np.abs(lo), np.abs(hi)))
    spread = span > tol
    return np.where(spread, (x - lo) / np.where(spread, span, 1.0), 0.0)


def _compromise(
    s: FloatArray, r: FloatArray, q: FloatArray
) -> tuple[dict[str, Any], tuple[int, ...]]:
    """Conditions C1 and C2 and the compromise set of step (5)."""
    n = q.shape[0]
    # (4) only the first two places matter here: no full sort of every option
    first = int(np.argmin(q))  # the first of equal minima, as a stable sort gives
    second = int(np.argmin(np.where(np.arange(n) == first, np.inf, q))) if n > 1 else first
    dq = 1.0 / (n - 1) if n > 1 else 1.0
    tol = TIE_TOLERANCE * max(1.0, float(np.max(np.abs(q))))
    advantage = n < 2 or bool(q[second] - q[first] >= dq - tol)  # C1
    stability = bool(  # C2
        s[first] <= s.min() + TIE_TOLERANCE * max(1.0, float(np.max(np.abs(s))))
        or r[first] <= r.min() + TIE_TOLERANCE * max(1.0, float(np.max(np.abs(r))))
    )
    if advantage and stability:
        compromise: tuple[int, ...] = (first,)
    elif advantage:
        compromise = (first, second)
    else:
        close = np.flatnonzero(q - q[first] < dq - tol)
        compromise = tuple(int(i) for i in close[np.argsort(q[close], kind="stable")])
    conditions = {"acceptable_advantage": advantage, "acceptable_stability": stability, "dq": dq}
    return conditions, compromise


SPEC = MethodSpec(
    id="vikor",
    name="VIKOR (compromise ranking)",
    func=vikor,
    params=(
        Param(
            "v",
            "Weight of the group utility S against the individual regret R in Q: "
            "above 0.5 favours the majority of factors, below 0.5 avoids a poor worst factor.",
            default=0.5,
            kind="number",
            minimum=0.0,
            maximum=1.0,
        ),
    ),
    higher_is_better=False,
    respects_dominance=True,
    batched=True,
    references=(
        "Opricovic, S. (1998). Multicriteria Optimization of Civil Engineering Systems. "
        "Faculty of Civil Engineering, Belgrade.",
        "Opricovic, S. & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: A "
        "comparative analysis of VIKOR and TOPSIS. European Journal of Operational "
        "Research 156(2), 445-455.",
    ),
    summary="Balances each option's total distance from the ideal (S) against its distance "
    "on its worst factor (R); lower Q is better.",
    cell_scorer=_cell_scorer,
    weights_scorer=_weights_scorer,
)
