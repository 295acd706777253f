"""PROMETHEE II: the complete ranking by net outranking flow.

Each factor gets a generalised criterion ``P_j(a, b) = F_j(d_j(a, b))`` of the
deviation ``d_j(a, b) = x_aj - x_bj`` (negated on ``min`` factors). The net flow
of an option is what it outranks minus what outranks it, averaged over the
``n - 1`` other options, and it splits into per-factor net flows:
``phi(a) = sum_j w_j phi_j(a)``.

Five of the six preference functions are piecewise linear in ``d``, so an
option's sums ``sum_b P_j(a, b)`` and ``sum_b P_j(b, a)`` follow from counts and
partial sums over the sorted values of the factor: no ``n x n`` table is built
and the cost is ``O(n m log n)`` time and ``O(n m)`` memory. The boundaries are
searched with exactly the comparisons of the pairwise definition (``d > q``,
``d <= p`` on the floating-point ``d``), so every option falls in the same
branch as in the pairwise computation. Only the Gaussian criterion has no such
shortcut; it is computed pairwise, in row blocks of bounded memory, in
``O(n^2)`` time per factor.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from decisionroom.engine.methods._spec import CellScorer, MethodResult, MethodSpec, Param
from decisionroom.engine.problem import BoolArray, FloatArray, Problem
from decisionroom.errors import ErrorDetail, InvalidParameter

__all__ = ["FUNCTIONS", "NEEDS", "factor_flows", "promethee_ii"]

#: The six generalised criteria of Brans & Vincke (1985), types I to VI.
FUNCTIONS = ("usual", "u-shape", "v-shape", "level", "linear", "gaussian")

#: The thresholds each function uses: indifference q, preference p, Gaussian s.
NEEDS: dict[str, tuple[str, ...]] = {
    "usual": (),
    "u-shape": ("q",),
    "v-shape": ("p",),
    "level": ("q", "p"),
    "linear": ("q", "p"),
    "gaussian": ("s",),
}

#: Key of the ``preference`` mapping that sets every factor not listed by id.
EVERY_OTHER_FACTOR = "*"

#: Pairwise (Gaussian) work is done in blocks of at most this many pairs.
_BLOCK_PAIRS = 1 << 22

IntArray = NDArray[np.intp]


def promethee_ii(
    matrix: FloatArray,
    weights: FloatArray,
    benefit: BoolArray,
    *,
    functions: tuple[str, ...],
    q: FloatArray,
    p: FloatArray,
    s: FloatArray,
) -> MethodResult:
    """Score options by their PROMETHEE II net flow.

    ``functions`` names each factor's generalised criterion (one of
    :data:`FUNCTIONS`); ``q``, ``p`` and ``s`` hold the thresholds in the
    factor's own units, NaN where the function does not use them.

    Batches: with weights ``(k, m)`` and a matrix ``(n, m)`` the per-factor
    flows are computed once and the scores are ``weights @ phi_j.T``; a matrix
    ``(k, n, m)`` (sampled performance) is scored one sample at a time.

    Steps: (1) deviations ``d_j(a, b)``; (2) preference degrees
    ``P_j(a, b) = F_j(d_j(a, b))``; (3) leaving and entering flows
    ``phi+(a) = sum_b pi(a, b) / (n - 1)`` and ``phi-(a) = sum_b pi(b, a) / (n - 1)``
    with ``pi(a, b) = sum_j w_j P_j(a, b)``; (4) net flow
    ``phi(a) = phi+(a) - phi-(a) = sum_j w_j phi_j(a)``. Steps (1) to (3) run
    per factor in :func:`factor_flows`.

    ``details``: ``phi_plus`` and ``phi_minus`` ``(n,)``; ``factor_net_flows``
    ``(n, m)``, the unweighted single-criterion net flows ``phi_j``; and
    ``contributions`` ``w_j phi_j``, whose rows add up to the scores.

    References:
        Brans, J.-P. & Vincke, Ph. (1985). A preference ranking organisation
        method (The PROMETHEE method for multiple criteria decision-making).
        Management Science 31(6), 647-656.
        Brans, J.-P. & Mareschal, B. (2005). PROMETHEE methods. In Figueira,
        J., Greco, S. & Ehrgott, M. (eds.), Multiple Criteria Decision
        Analysis: State of the Art Surveys, 163-195. Springer.
    """
    settings: dict[str, Any] = {"functions": functions, "q": q, "p": p, "s": s}
    if matrix.ndim == 3:  # sampled performance: one set of flows per sample
        w = np.broadcast_to(weights, matrix.shape[::2])
        if matrix.shape[1] <= _PAIRWISE_BATCH_MAX_N:
            return MethodResult(
                scores=_pairwise_batch(matrix, w, benefit, **settings), higher_is_better=True
            )
        return MethodResult(
            scores=np.stack(
                [
                    promethee_ii(x, wx, benefit, **settings).scores
                    for x, wx in zip(matrix, w, strict=True)
                ]
            ),
            higher_is_better=True,
        )
    plus, minus = factor_flows(matrix, benefit, **settings)
    net = plus - minus  # per-factor net flows phi_j
    if weights.ndim > 1:  # many weight vectors, flows computed once
        return MethodResult(scores=np.asarray(weights @ net.T), higher_is_better=True)
    contributions = net * weights
    return MethodResult(
        scores=contributions.sum(axis=-1),  # (4)
        higher_is_better=True,
        details={
            "phi_plus": plus @ weights,  # (3)
            "phi_minus": minus @ weights,  # (3)
            "factor_net_flows": net,
            "contributions": contributions,
        },
    )


def factor_flows(
    matrix: FloatArray,
    benefit: BoolArray,
    *,
    functions: tuple[str, ...],
    q: FloatArray,
    p: FloatArray,
    s: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """Unweighted leaving and entering flows of every option on every factor.

    Returns ``(plus, minus)``, both ``(n, m)``: ``plus[a, j] = sum_b P_j(a, b) / (n - 1)``
    and ``minus[a, j] = sum_b P_j(b, a) / (n - 1)``. They do not depend on the
    weights, so a caller scoring many weight vectors computes them once:
    ``phi = (plus - minus) @ w``.
    """
    n, m = matrix.shape
    plus = np.empty((n, m))
    minus = np.empty((n, m))
    for j in range(m):
        # (1) d_j(a, b) = v_a - v_b; negating a min factor is exact, so
        # -x_a - (-x_b) rounds exactly as x_b - x_a does
        v = matrix[:, j] if benefit[j] else -matrix[:, j]
        # a preference depends on d / p, (d - q) / (p - q) or d / s only, so values and
        # thresholds near 1.8e308 are divided by one number first (docs/limits.md)
        unit = _unit(v, q[j], p[j], s[j])
        if functions[j] == "gaussian":
            plus[:, j], minus[:, j] = _gaussian_sums(v / unit, float(s[j]) / unit)
        else:
            plus[:, j], minus[:, j] = _sorted_sums(
                v / unit, functions[j], float(q[j]) / unit, float(p[j]) / unit
            )
    scale = 1.0 / max(n - 1, 1)
    return plus * scale, minus * scale


def _unit(v: FloatArray, *thresholds: float) -> float:
    """1, or the largest magnitude of a factor's values and thresholds when it is extreme."""
    sizes = [float(np.max(np.abs(v)))] + [abs(float(t)) for t in thresholds if np.isfinite(t)]
    big = max(sizes)
    return big if big > 1e150 or 0 < big < 1e-150 else 1.0


def _sorted_sums(v: FloatArray, function: str, q: float, p: float) -> tuple[FloatArray, FloatArray]:
    """``sum_b P(a, b)`` and ``sum_b P(b, a)`` for a piecewise-linear criterion (2)."""
    n = v.size
    perm = np.argsort(v)  # ties get equal results, so their order does not matter
    u = v[perm]
    # partial sums of centred values keep the differences of large values accurate
    c = u - u[n // 2]
    cum = np.concatenate(([0.0], np.cumsum(c)))

    def beyond(t: float) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        """Counts and deviation sums of the pairs with ``d > t``, leaving and entering."""
        k = _beaten(u, t)  # option i beats by more than t exactly the options u[:k[i]]
        n_out = k.astype(float)
        d_out = n_out * c - cum[k]  # sum of u_i - u_b over b < k[i]
        # option i is beaten by more than t by every b whose prefix reaches past i,
        # that is k[b] > i: counted once from k, with no second search
        n_in = _tail_sums(np.bincount(k, minlength=n + 1))
        d_in = _tail_sums(np.bincount(k, weights=c, minlength=n + 1)) - n_in * c
        return n_out, n_in, d_out, d_in

    if function in ("usual", "u-shape"):
        out, inn, _, _ = beyond(0.0 if function == "usual" else q)
    else:
        low = 0.0 if function == "v-shape" else q
        n_out_q, n_in_q, d_out_q, d_in_q = beyond(low)
        n_out_p, n_in_p, d_out_p, d_in_p = beyond(p)
        # pairs with low < d <= p, then d > p with preference 1
        if function == "level":
            out = 0.5 * (n_out_q - n_out_p) + n_out_p
            inn = 0.5 * (n_in_q - n_in_p) + n_in_p
        elif p == low:  # linear with q = p: a step at p, no band in between
            out, inn = n_out_p, n_in_p
        else:  # v-shape (q = 0) and linear: (d - q) / (p - q) in the band
            span = p - low
            out = (d_out_q - d_out_p - low * (n_out_q - n_out_p)) / span + n_out_p
            inn = (d_in_q - d_in_p - low * (n_in_q - n_in_p)) / span + n_in_p
    plus = np.empty(n)
    minus = np.empty(n)
    plus[perm] = out
    minus[perm] = inn
    return plus, minus


def _tail_sums(per_boundary: NDArray[Any]) -> FloatArray:
    """``out[i] = sum of per_boundary[i + 1:]`` for ``i < n`` (length ``n + 1`` input)."""
    tail = np.cumsum(per_boundary[::-1])[::-1]
    return np.asarray(tail[1:], dtype=np.float64)


def _beaten(u: FloatArray, t: float) -> IntArray:
    """For sorted ``u``: ``k[i]`` such that ``u[i] - u[b] > t`` exactly for ``b < k[i]``.

    The comparison is the pairwise definition's, on the rounded difference.
    ``u[i] - u[b]`` does not increase with ``b``, so the options it beats are a
    prefix of the sorted values.
    """
    n = u.size
    if t == 0.0:  # u_i - u_b > 0 exactly when u_b < u_i: the first index of u_i's value
        first = np.empty(n, dtype=bool)
        first[0] = True
        np.not_equal(u[1:], u[:-1], out=first[1:])
        return np.maximum.accumulate(np.where(first, np.arange(n), 0))
    # searchsorted compares u_b with the rounded u_i - t, which can disagree with
    # the rounded u_i - u_b > t within rounding of the boundary: settle those
    k = np.searchsorted(u, u - t, side="left")
    while True:
        moved = False
        i = np.flatnonzero(k > 0)
        i = i[~(u[i] - u[k[i] - 1] > t)]
        if i.size:  # u[k - 1] is not beaten, nor is any value equal to it
            k[i] = np.searchsorted(u, u[k[i] - 1], side="left")
            moved = True
        i = np.flatnonzero(k < n)
        i = i[u[i] - u[k[i]] > t]
        if i.size:  # u[k] is beaten, and so is every value equal to it
            k[i] = np.searchsorted(u, u[k[i]], side="right")
            moved = True
        if not moved:
            return k


#: Up to this many options, a batch of sampled matrices is scored by the pairwise
#: definition across the whole batch at once (n^2 per sample is small), instead of
#: one sorted pass per sample: SMAA with performance ranges needs thousands of them.
_PAIRWISE_BATCH_MAX_N = 64


def preference_degree(d: NDArray[Any], function: str, q: float, p: float, s: float) -> NDArray[Any]:
    """The generalised criterion ``P(d)`` element by element, straight from its definition (2)."""
    if function == "usual":
        return (d > 0).astype(float)
    if function == "u-shape":
        return (d > q).astype(float)
    if function == "v-shape":
        return np.where(d > p, 1.0, np.where(d > 0, d / p, 0.0))
    if function == "level":
        return np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))
    if function == "linear":
        return np.where(d > p, 1.0, np.where(d > q, (d - q) / (p - q), 0.0))
    return np.where(d > 0, -np.expm1(-(d * d) / (2.0 * s * s)), 0.0)  # gaussian


def _pairwise_batch(
    matrix: FloatArray,
    weights: FloatArray,
    benefit: BoolArray,
    *,
    functions: tuple[str, ...],
    q: FloatArray,
    p: FloatArray,
    s: FloatArray,
) -> FloatArray:
    """Net flows of ``k`` sampled matrices ``(k, n, m)`` at once, in bounded chunks."""
    k, n, m = matrix.shape
    scores = np.zeros((k, n))
    rows = max(1, _BLOCK_PAIRS // max(n * n, 1))
    scale = 1.0 / max(n - 1, 1)
    for start in range(0, k, rows):
        stop = min(k, start + rows)
        for j in range(m):
            v = matrix[start:stop, :, j] if benefit[j] else -matrix[start:stop, :, j]
            d = v[:, :, None] - v[:, None, :]  # (1) d(a, b), one table per sample
            degree = preference_degree(d, functions[j], float(q[j]), float(p[j]), float(s[j]))
            net = (degree.sum(axis=2) - degree.sum(axis=1)) * scale  # (3)
            scores[start:stop] += weights[start:stop, j, None] * net  # (4)
    return scores


def _cell_scorer(
    matrix: FloatArray,
    weights: FloatArray,
    benefit: BoolArray,
    *,
    functions: tuple[str, ...],
    q: FloatArray,
    p: FloatArray,
    s: FloatArray,
) -> CellScorer:
    """Scores with one cell changed, in ``O(n)``: only the pairs with the moved option change.

    With ``H(d) = P(d) - P(-d)`` an option's single-criterion net flow is
    ``sum_b H(v_a - v_b) / (n - 1)``. When option ``i`` moves from ``v_i`` to
    ``v``, every other option's flow changes only in its pair with ``i``, and
    ``i``'s own flow is ``-sum_b H(v_b - v) / (n - 1)`` (``H`` is odd).
    """
    plus, minus = factor_flows(matrix, benefit, functions=functions, q=q, p=p, s=s)
    net = plus - minus
    base = net @ weights
    n = matrix.shape[0]
    scale = 1.0 / max(n - 1, 1)

    def h(d: FloatArray, j: int) -> FloatArray:
        args = (functions[j], float(q[j]), float(p[j]), float(s[j]))
        return np.asarray(preference_degree(d, *args) - preference_degree(-d, *args))

    def score(rows: IntArray, cols: IntArray, new: FloatArray) -> FloatArray:
        out = np.empty((rows.size, n))
        for c, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
            sign = 1.0 if benefit[j] else -1.0
            v = sign * matrix[:, j]
            moved = sign * float(new[c])
            h_new = h(v - moved, j)
            column = net[:, j] + (h_new - h(v - v[i], j)) * scale
            column[i] = -(h_new.sum() - h_new[i]) * scale
            out[c] = base + weights[j] * (column - net[:, j])
        return out

    return score


def _gaussian_sums(v: FloatArray, s: float) -> tuple[FloatArray, FloatArray]:
    """Gaussian criterion ``1 - exp(-d^2 / (2 s^2))`` for ``d > 0``: pairwise, ``O(n^2)`` (2)."""
    n = v.size
    rows = max(1, _BLOCK_PAIRS // max(n, 1))
    plus = np.empty(n)
    minus = np.empty(n)
    for start in range(0, n, rows):
        d = v[start : start + rows, None] - v[None, :]
        degree = -np.expm1(-(d * d) / (2.0 * s * s))
        plus[start : start + rows] = np.where(d > 0, degree, 0.0).sum(axis=1)
        minus[start : start + rows] = np.where(d < 0, degree, 0.0).sum(axis=1)
    return plus, minus


# --- parameters ------------------------------------------------------------------------------


def _prepare(params: Mapping[str, Any], problem: Problem, loc: str) -> dict[str, Any]:
    base = f"{loc}.preference"
    preference: Mapping[str, Any] = params["preference"]
    m = problem.shape[1]
    problems: list[ErrorDetail] = []
    settings: dict[str, tuple[str, dict[str, float]]] = {}
    for key, entry in preference.items():
        where = f"{base}.{key}"
        if key != EVERY_OTHER_FACTOR and key not in problem.factors:
            known = ", ".join(problem.factors)
            problems.append(
                ErrorDetail(
                    where,
                    "unknown_factor",
                    f"is not a factor; the factors are: {known} "
                    f"(or {EVERY_OTHER_FACTOR!r} for every factor not listed).",
                    key,
                )
            )
            continue
        checked = _check_entry(entry, where, problems)
        if checked is not None:
            settings[key] = checked
    if problems:
        raise InvalidParameter(problems)
    fallback = settings.get(EVERY_OTHER_FACTOR, ("usual", {}))
    functions = []
    thresholds = {name: np.full(m, np.nan) for name in ("q", "p", "s")}
    for j, factor in enumerate(problem.factors):
        function, values = settings.get(factor, fallback)
        functions.append(function)
        for name, value in values.items():
            thresholds[name][j] = value
    return {"functions": tuple(functions), **thresholds}


def _check_entry(
    entry: Any, where: str, problems: list[ErrorDetail]
) -> tuple[str, dict[str, float]] | None:
    """Check one factor's ``{function, q, p, s}``; append every problem found."""
    if not isinstance(entry, Mapping):
        problems.append(
            ErrorDetail(
                where,
                "mapping",
                "must be a mapping like {function: linear, q: 1, p: 5}.",
                entry,
            )
        )
        return None
    before = len(problems)
    for key in entry:
        if key not in ("function", "q", "p", "s"):
            problems.append(
                ErrorDetail(
                    f"{where}.{key}",
                    "unknown_key",
                    "is not a preference setting; the settings are: function, q, p, s.",
                    key,
                )
            )
    names = ", ".join(repr(f) for f in FUNCTIONS)
    if "function" not in entry:
        problems.append(
            ErrorDetail(f"{where}.function", "missing", f"is required; choose one of {names}.")
        )
        return None
    function = entry["function"]
    if not isinstance(function, str) or function not in NEEDS:
        problems.append(
            ErrorDetail(f"{where}.function", "choice", f"must be one of {names}.", function)
        )
        return None
    needs = NEEDS[function]
    values: dict[str, float] = {}
    for name in ("q", "p", "s"):
        here = f"{where}.{name}"
        if name not in needs:
            if name in entry:
                problems.append(
                    ErrorDetail(
                        here,
                        "unused",
                        f"is not used by the {function!r} function, which takes "
                        f"{_listing(needs)}; remove it or choose another function.",
                        entry[name],
                    )
                )
            continue
        if name not in entry:
            problems.append(
                ErrorDetail(here, "missing", f"is required by the {function!r} function.")
            )
            continue
        value = _number(entry[name])
        if value is None:
            problems.append(
                ErrorDetail(
                    here, "number", "must be a finite number in the factor's units.", entry[name]
                )
            )
        elif name == "s" and value <= 0:
            problems.append(
                ErrorDetail(here, "range", "must be greater than 0 (the Gaussian spread).", value)
            )
        elif name == "p" and function == "v-shape" and value <= 0:
            problems.append(
                ErrorDetail(
                    here, "range", "must be greater than 0 for the 'v-shape' function.", value
                )
            )
        elif value < 0:
            problems.append(ErrorDetail(here, "range", "must be at least 0.", value))
        else:
            values[name] = value
    if "q" in values and "p" in values and values["q"] > values["p"]:
        problems.append(
            ErrorDetail(
                f"{where}.q",
                "order",
                f"must be at most p ({values['p']:g}): the indifference threshold cannot "
                "exceed the preference threshold.",
                values["q"],
            )
        )
    return (function, values) if len(problems) == before else None


def _listing(names: tuple[str, ...]) -> str:
    return "no threshold" if not names else " and ".join(names)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if np.isfinite(number) else None


SPEC = MethodSpec(
    id="promethee-ii",
    name="PROMETHEE II (net outranking flow)",
    func=promethee_ii,
    params=(
        Param(
            "preference",
            "Per factor id, its preference function {function: usual | u-shape | v-shape | "
            "level | linear | gaussian, q, p, s}, thresholds in the factor's units; the key "
            "'*' sets every factor not listed; unlisted factors use 'usual'.",
            default={},
            kind="per-factor",
        ),
    ),
    higher_is_better=True,
    respects_dominance=True,
    batched=True,
    prepare=_prepare,
    references=(
        "Brans, J.-P. & Vincke, Ph. (1985). A preference ranking organisation method (The "
        "PROMETHEE method for multiple criteria decision-making). Management Science 31(6), "
        "647-656.",
        "Brans, J.-P. & Mareschal, B. (2005). PROMETHEE methods. In Figueira, J., Greco, S. & "
        "Ehrgott, M. (eds.), Multiple Criteria Decision Analysis: State of the Art Surveys, "
        "163-195. Springer.",
    ),
    summary="Compares options pairwise on each factor with a preference function; the net "
    "flow is how much an option outranks the others minus how much they outrank it.",
    additive="factor_net_flows",
    cell_scorer=_cell_scorer,
)
