"""Pairwise comparisons: priorities, consistency and incomplete judgments.

A pairwise comparison matrix ``A`` holds ``a_ij``, how many times item ``i``
is more important (or preferred) than item ``j``, with ``a_ji = 1 / a_ij``.
Saaty's eigenvector method derives the priorities; the consistency ratio
says how far the judgments are from a consistent set, and the worst
judgment says which one to revisit first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from decisionroom.engine.problem import FloatArray
from decisionroom.errors import ErrorDetail, InvalidParameter

__all__ = [
    "RANDOM_INDEX",
    "RANDOM_INDEX_1980",
    "RECIPROCAL_TOLERANCE",
    "JudgmentsDisconnected",
    "Priorities",
    "check_pairwise",
    "eigen_priorities",
    "eigen_priorities_batch",
    "gci_threshold",
    "geometric_consistency_index",
    "geometric_mean_priorities",
    "matrix_from_judgments",
    "parse_pairwise",
    "random_index",
]

#: Saaty's random index RI for n = 1..15 (index 0 is n = 1): the mean CI of
#: random reciprocal matrices on the 1/9..9 scale, from Saaty, T. L. & Vargas,
#: L. G. (2012). Models, Methods, Concepts & Applications of the Analytic
#: Hierarchy Process, 2nd ed., Springer (also Saaty 2008, Int. J. Services
#: Sciences 1(1), 83-98). This is the default table.
RANDOM_INDEX: tuple[float, ...] = (
    0.0,
    0.0,
    0.52,
    0.89,
    1.11,
    1.25,
    1.35,
    1.40,
    1.45,
    1.49,
    1.52,
    1.54,
    1.56,
    1.58,
    1.59,
)

#: The older table for n = 1..10 from Saaty, T. L. (1980). The Analytic
#: Hierarchy Process, McGraw-Hill, used by the classic worked examples (e.g.
#: Saaty 1990, the house example); needed to reproduce their printed CRs.
RANDOM_INDEX_1980: tuple[float, ...] = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)

_TABLES = {"saaty2012": RANDOM_INDEX, "saaty1980": RANDOM_INDEX_1980}

#: People write 0.333 for 1/3: a pair is reciprocal when ``a_ij a_ji`` is within 2% of 1.
RECIPROCAL_TOLERANCE = 0.02

#: Below this log-error every judgment agrees with the priorities: no worst judgment.
_CONSISTENT = 1e-9


def random_index(n: int, table: str = "saaty2012") -> float:
    """Saaty's random index for an ``n x n`` matrix.

    ``table`` is ``saaty2012`` (default, n up to 15) or ``saaty1980`` (n up to
    10). Beyond a table's last entry its last value is used: the index levels
    off with n, so this slightly overstates the CR of a very large matrix,
    which errs on the side of asking for a review.
    """
    values = _TABLES[table]
    if n < 1:
        raise ValueError("a comparison matrix has at least one item")
    return values[min(n, len(values)) - 1]


@dataclass(frozen=True)
class Priorities:
    """Priorities derived from a pairwise comparison matrix.

    Attributes:
        weights: the priorities, summing to 1.
        lambda_max: the principal eigenvalue (or its estimate for the weights).
        ci: consistency index ``(lambda_max - n) / (n - 1)``.
        cr: consistency ratio ``CI / RI``; 0 for n <= 2 (always consistent).
        random_index: the RI used.
        worst_judgment: ``(i, j)``, ``i < j``, the judgment that disagrees most
            with the priorities, or None when the matrix is consistent.
        gci: the geometric consistency index, for row geometric mean
            priorities only (None for the eigenvector method).
    """

    weights: FloatArray
    lambda_max: float
    ci: float
    cr: float
    random_index: float
    worst_judgment: tuple[int, int] | None
    gci: float | None = None


def eigen_priorities(matrix: FloatArray | Sequence[Sequence[float]]) -> Priorities:
    """Saaty's eigenvector method with its consistency ratio.

    Steps: (1) ``A w = lambda_max w`` for the principal (Perron) eigenvector,
    normalised to sum 1; (2) ``CI = (lambda_max - n) / (n - 1)``; (3) ``CR =
    CI / RI(n)``; (4) the worst judgment is the ``a_ij`` with the largest
    ``|log(a_ij w_j / w_i)|``, the one Saaty suggests revising first.

    References:
        Saaty, T. L. (1977). A scaling method for priorities in hierarchical
        structures. Journal of Mathematical Psychology 15(3), 234-281.
        Saaty, T. L. (1980). The Analytic Hierarchy Process. McGraw-Hill.
        Saaty, T. L. (2008). Decision making with the analytic hierarchy
        process. Int. J. Services Sciences 1(1), 83-98.
    """
    a = np.asarray(matrix, dtype=float)
    n = a.shape[0]
    if n == 1:
        return Priorities(np.ones(1), 1.0, 0.0, 0.0, 0.0, None)
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    w = np.abs(vectors[:, k].real)  # (1) the Perron vector has one sign
    w = w / w.sum()
    return _with_consistency(a, w, float(values[k].real))


def geometric_mean_priorities(matrix: FloatArray | Sequence[Sequence[float]]) -> Priorities:
    """Row geometric mean priorities (logarithmic least squares).

    ``w_i`` is proportional to ``(prod_j a_ij)^(1/n)``. The consistency figures
    use ``lambda_max`` estimated against these weights, ``mean_i (A w)_i / w_i``,
    the same estimate Saaty uses for approximate priorities; it equals the
    principal eigenvalue when the matrix is consistent, so CI and CR are
    comparable to :func:`eigen_priorities` for the usual, nearly consistent
    matrices. The method's own measure, the geometric consistency index, is
    reported as ``gci`` (see :func:`geometric_consistency_index`).

    References:
        Crawford, G. & Williams, C. (1985). A note on the analysis of subjective
        judgment matrices. Journal of Mathematical Psychology 29(4), 387-405.
    """
    a = np.asarray(matrix, dtype=float)
    n = a.shape[0]
    if n == 1:
        return Priorities(np.ones(1), 1.0, 0.0, 0.0, 0.0, None, 0.0)
    w = np.exp(np.log(a).mean(axis=1))
    w = w / w.sum()
    lam = float(np.mean(a @ w / w))
    return _with_consistency(a, w, lam, _gci(a, w))


def geometric_consistency_index(matrix: FloatArray | Sequence[Sequence[float]]) -> float:
    """The geometric consistency index of a pairwise matrix.

    ``GCI = 2 / ((n - 1)(n - 2)) * sum_{i<j} ln^2(a_ij w_j / w_i)`` with ``w``
    the row geometric mean priorities: the mean squared log-error of the
    judgments, scaled so that it plays the part of Saaty's CR for the
    geometric mean method. Compare it with :func:`gci_threshold`. 0 for
    ``n <= 2``.

    References:
        Crawford, G. & Williams, C. (1985), as above.
        Aguarón, J. & Moreno-Jiménez, J. M. (2003). The geometric consistency
        index: approximated thresholds. EJOR 147(1), 137-145.
    """
    return geometric_mean_priorities(matrix).gci or 0.0


def gci_threshold(n: int) -> float:
    """The GCI above which judgments need review, for an ``n x n`` matrix.

    Aguarón & Moreno-Jiménez (2003) derive 0.31 for n = 3, 0.35 for n = 4 and
    0.37 for n > 4 as the GCI values that correspond to Saaty's CR = 0.1.
    Matrices with n <= 2 are always consistent: the threshold is infinite.
    """
    if n <= 2:
        return math.inf
    return {3: 0.31, 4: 0.35}.get(n, 0.37)


def _gci(a: FloatArray, w: FloatArray) -> float:
    n = a.shape[0]
    if n <= 2:
        return 0.0
    error = np.log(a * w[None, :] / w[:, None])
    i, j = np.triu_indices(n, 1)
    return float(2.0 / ((n - 1) * (n - 2)) * np.sum(error[i, j] ** 2))


def _with_consistency(
    a: FloatArray, w: FloatArray, lam: float, gci: float | None = None
) -> Priorities:
    n = a.shape[0]
    ci = max(0.0, (lam - n) / (n - 1))  # (2) lambda_max >= n; clip float noise
    ri = random_index(n)
    cr = ci / ri if ri > 0 else 0.0  # (3)
    return Priorities(w, lam, ci, cr, ri, _worst_judgment(a, w), gci)


def _worst_judgment(a: FloatArray, w: FloatArray) -> tuple[int, int] | None:
    error = np.abs(np.log(a * w[None, :] / w[:, None]))  # (4)
    i, j = np.triu_indices(a.shape[0], 1)
    k = int(np.argmax(error[i, j]))
    if error[i[k], j[k]] <= _CONSISTENT:
        return None
    return int(i[k]), int(j[k])


def eigen_priorities_batch(
    matrices: FloatArray, *, tol: float = 1e-12, max_iter: int = 1000
) -> tuple[FloatArray, FloatArray]:
    """Eigenvector priorities and CRs for a stack of matrices ``(k, n, n)``.

    Power iteration on the whole stack at once (a positive matrix has a
    dominant Perron root, so it converges); any matrix that has not converged
    after ``max_iter`` steps falls back to ``numpy.linalg.eig``.

    Returns:
        ``(weights, cr)`` of shapes ``(k, n)`` and ``(k,)``.

    References:
        Saaty, T. L. (1980). The Analytic Hierarchy Process. McGraw-Hill.
    """
    a = np.asarray(matrices, dtype=float)
    k, n, _ = a.shape
    w = np.full((k, n), 1.0 / n)
    active = np.arange(k)
    for _ in range(max_iter):
        x = np.einsum("kij,kj->ki", a[active], w[active])
        x /= x.sum(axis=1, keepdims=True)
        done = np.max(np.abs(x - w[active]), axis=1) < tol
        w[active] = x
        active = active[~done]
        if active.size == 0:
            break
    if active.size:
        values, vectors = np.linalg.eig(a[active])
        top = np.argmax(values.real, axis=1)
        v = np.abs(np.take_along_axis(vectors.real, top[:, None, None], axis=2)[..., 0])
        w[active] = v / v.sum(axis=1, keepdims=True)
    lam = np.einsum("kij,kj->k", a, w)  # sum_i (A w)_i = lambda_max when sum w = 1
    if n <= 2:
        return w, np.zeros(k)
    ci = np.maximum(0.0, (lam - n) / (n - 1))
    return w, ci / random_index(n)


class JudgmentsDisconnected(ValueError):
    """The judgments leave some items with no chain of comparisons between them.

    ``groups`` lists the groups of item indices compared only among themselves.
    """

    def __init__(self, groups: list[list[int]]) -> None:
        self.groups = groups
        text = "; ".join(str(g) for g in groups)
        super().__init__(
            f"the judgments do not connect all items; these groups are never compared "
            f"with each other: {text}. Add a judgment between the groups."
        )


def matrix_from_judgments(n: int, judgments: Sequence[tuple[int, int, float]]) -> FloatArray:
    """Build the reciprocal comparison matrix of ``n`` items from judgments.

    A judgment ``(i, j, v)`` says item ``i`` is ``v`` times as important as
    item ``j``. Pairs nobody judged are filled with ``exp(y_i - y_j)`` from the
    logarithmic least-squares solution ``y`` over the given judgments, which is
    unique exactly when the judgments connect all items; the eigenvector
    method can then run on the completed matrix. Consistent incomplete
    judgments are completed consistently.

    Raises:
        JudgmentsDisconnected: (a ``ValueError``) some items are not linked.
        ValueError: an index is out of range, an item is compared with itself,
            a pair is judged twice, or a value is not a positive number.

    References:
        Kwiesielewicz, M. (1996). The logarithmic least squares and the
        generalized pseudoinverse in estimating ratios. European Journal of
        Operational Research 93(3), 611-619.
        Bozóki, S., Fülöp, J. & Rónyai, L. (2010). On optimal completion of
        incomplete pairwise comparison matrices. Mathematical and Computer
        Modelling 52(1-2), 318-333.
    """
    if n < 1:
        raise ValueError("there must be at least one item")
    a = np.ones((n, n))
    given = np.eye(n, dtype=bool)
    laplacian = np.zeros((n, n))
    rhs = np.zeros(n)
    for i, j, v in judgments:
        if not (0 <= i < n and 0 <= j < n):
            raise ValueError(f"judgment ({i}, {j}) refers to an item outside 0..{n - 1}")
        if i == j:
            raise ValueError(f"judgment ({i}, {j}) compares an item with itself")
        if given[i, j]:
            raise ValueError(f"the pair ({i}, {j}) is judged more than once")
        v = float(v)
        if not (math.isfinite(v) and v > 0):
            raise ValueError(f"judgment ({i}, {j}) must be a positive number, got {v!r}")
        a[i, j], a[j, i] = v, 1.0 / v
        given[i, j] = given[j, i] = True
        # normal equations of min sum (log a_ij - (y_i - y_j))^2: a graph Laplacian
        laplacian[i, i] += 1
        laplacian[j, j] += 1
        laplacian[i, j] -= 1
        laplacian[j, i] -= 1
        rhs[i] += math.log(v)
        rhs[j] -= math.log(v)
    groups = _components(given)
    if len(groups) > 1:
        raise JudgmentsDisconnected(groups)
    if given.all():
        return a
    # L + 11^T/n is regular for a connected graph and picks the solution with sum y = 0
    y = np.linalg.solve(laplacian + 1.0 / n, rhs)
    filled = np.exp(y[:, None] - y[None, :])
    return np.where(given, a, filled)


def _components(adjacent: np.ndarray[Any, np.dtype[np.bool_]]) -> list[list[int]]:
    n = adjacent.shape[0]
    seen = np.zeros(n, dtype=bool)
    groups = []
    for start in range(n):
        if seen[start]:
            continue
        stack, group = [start], []
        seen[start] = True
        while stack:
            node = stack.pop()
            group.append(node)
            for nxt in np.flatnonzero(adjacent[node] & ~seen):
                seen[nxt] = True
                stack.append(int(nxt))
        groups.append(sorted(group))
    return groups


def check_pairwise(matrix: Any, loc: str) -> None:
    """Check a comparison matrix a user wrote; report every problem at once.

    It must be square, every entry a positive number (``"1/3"`` is accepted),
    the diagonal 1, and each pair reciprocal within 2% (``0.333`` for 1/3 is
    fine). Locations look like ``weights.pairwise.matrix[1][2]``.

    Raises:
        InvalidParameter: with one :class:`ErrorDetail` per problem.
    """
    problems: list[ErrorDetail] = []
    _parse(matrix, loc, problems)
    if problems:
        raise InvalidParameter(problems)


def parse_pairwise(matrix: Any, loc: str) -> FloatArray:
    """Check a comparison matrix (see :func:`check_pairwise`) and return it as floats."""
    problems: list[ErrorDetail] = []
    a = _parse(matrix, loc, problems)
    if problems or a is None:
        raise InvalidParameter(problems)
    return a


def _parse(matrix: Any, loc: str, problems: list[ErrorDetail]) -> FloatArray | None:
    if isinstance(matrix, np.ndarray):
        matrix = matrix.tolist()
    if not _is_rows(matrix) or not matrix:
        problems.append(
            ErrorDetail(loc, "matrix", "must be a square matrix: a list of rows.", matrix)
        )
        return None
    n = len(matrix)
    a = np.full((n, n), np.nan)
    for i, row in enumerate(matrix):
        if not _is_rows([row]) or len(row) != n:
            size = len(row) if _is_rows([row]) else 0
            problems.append(
                ErrorDetail(
                    f"{loc}[{i}]",
                    "not_square",
                    f"row {i} has {size} entries; a comparison matrix of {n} items "
                    f"needs {n} in every row.",
                    row,
                )
            )
            continue
        for j, value in enumerate(row):
            number = _to_positive(value)
            if number is None:
                problems.append(
                    ErrorDetail(
                        f"{loc}[{i}][{j}]",
                        "positive_number",
                        "must be a positive number: how many times the row item is more "
                        "important than the column item (1/9 to 9).",
                        value,
                    )
                )
            else:
                a[i, j] = number
    for i in range(n):
        if not np.isnan(a[i, i]) and abs(a[i, i] - 1.0) > RECIPROCAL_TOLERANCE:
            problems.append(
                ErrorDetail(
                    f"{loc}[{i}][{i}]",
                    "diagonal",
                    "must be 1: the diagonal compares an item with itself.",
                    matrix[i][i],
                )
            )
        for j in range(i + 1, n):
            aij, aji = a[i, j], a[j, i]
            if np.isnan(aij) or np.isnan(aji):
                continue
            if abs(aij * aji - 1.0) > RECIPROCAL_TOLERANCE:
                problems.append(
                    ErrorDetail(
                        f"{loc}[{j}][{i}]",
                        "not_reciprocal",
                        f"must be the reciprocal of [{i}][{j}] = {aij:g}, that is about "
                        f"{1 / aij:.4g}; the two entries of a pair multiply to 1.",
                        matrix[j][i],
                    )
                )
    return a


def _is_rows(value: Any) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, str | bytes | Mapping)


def _to_positive(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    number: float | None = None
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip()
        try:
            if "/" in text:
                num, den = text.split("/", 1)
                number = float(num) / float(den)
            else:
                number = float(text)
        except (ValueError, ZeroDivisionError):
            return None
    if number is None or not math.isfinite(number) or number <= 0:
        return None
    return number
