"""Declarations of methods and their parameters, checked at the boundary.

A method is a pure array function plus a :class:`MethodSpec`. The spec knows
the parameters (names, defaults, constraints) and turns the parameters a user
wrote (in a file, or as ``--param key=value`` strings) into the keyword
arguments of the function. Nothing inside the function validates again.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from decisionroom.engine.problem import FloatArray, Problem
from decisionroom.errors import ErrorDetail, InvalidParameter

ParamKind = Literal["choice", "number", "per-factor"]
#: ``score(rows, cols, values) -> (c, n)``: scores with one cell changed per row.
CellScorer = Callable[[NDArray[np.intp], NDArray[np.intp], FloatArray], FloatArray]
#: ``score(weights (k, m)) -> (k, n)``: scores of many weight vectors on one matrix.
WeightScorer = Callable[[FloatArray], FloatArray]


@dataclass(frozen=True)
class MethodResult:
    """What a method returns: one score per option and its intermediates.

    ``scores`` has shape ``(n_options,)`` (or ``(k, n_options)`` for a batch);
    ``details`` maps names such as ``"S"`` or ``"phi_plus"`` to arrays or values
    that explanations and reports may show.
    """

    scores: FloatArray
    higher_is_better: bool
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Param:
    """One parameter of a method.

    ``kind`` is ``choice`` (one of ``choices``), ``number`` (between ``minimum``
    and ``maximum``, inclusive unless ``exclusive``) or ``per-factor`` (a
    mapping of factor id to settings, checked by the method's ``prepare``).
    """

    name: str
    doc: str
    default: Any
    kind: ParamKind = "choice"
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    exclusive: bool = False

    def check(self, value: Any, loc: str) -> Any:
        """Return the value in its proper type or raise :class:`InvalidParameter`."""
        if self.kind == "choice":
            if not isinstance(value, str) or value not in self.choices:
                options = ", ".join(repr(c) for c in self.choices)
                raise InvalidParameter.at(
                    loc, f"{self.name} must be one of {options}.", code="choice", input=value
                )
            return value
        if self.kind == "number":
            number = _to_number(value)
            if number is None or not math.isfinite(number):
                # name the allowed range here too, so one message says what to write
                bounds = self.range_text()
                what = "a finite number" + ("" if bounds == "a number" else f" {bounds}")
                raise InvalidParameter.at(
                    loc, f"{self.name} must be {what}.", code="number", input=value
                )
            low_ok = self.minimum is None or (
                number > self.minimum if self.exclusive else number >= self.minimum
            )
            high_ok = self.maximum is None or (
                number < self.maximum if self.exclusive else number <= self.maximum
            )
            if not (low_ok and high_ok):
                raise InvalidParameter.at(
                    loc, f"{self.name} must be {self.range_text()}.", code="range", input=value
                )
            return number
        if not isinstance(value, Mapping):
            raise InvalidParameter.at(
                loc,
                f"{self.name} must be a mapping of factor id to settings.",
                code="mapping",
                input=value,
            )
        return dict(value)

    def range_text(self) -> str:
        """Describe the allowed range, e.g. ``between 0 and 1``."""
        lo, hi = self.minimum, self.maximum
        strict = "strictly " if self.exclusive else ""
        if lo is not None and hi is not None:
            return f"{strict}between {lo:g} and {hi:g}"
        if lo is not None:
            return f"{'greater than' if self.exclusive else 'at least'} {lo:g}"
        if hi is not None:
            return f"{'less than' if self.exclusive else 'at most'} {hi:g}"
        return "a number"


def _to_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


Prepare = Callable[[Mapping[str, Any], Problem, str], dict[str, Any]]


def _default_prepare(params: Mapping[str, Any], problem: Problem, loc: str) -> dict[str, Any]:
    return dict(params)


@dataclass(frozen=True)
class MethodSpec:
    """A method's declaration: id, parameters, properties and its function.

    Attributes:
        id: kebab-case id used in files, the CLI and JSON.
        name: a human name for reports.
        func: ``func(matrix, weights, benefit, **kwargs) -> MethodResult``.
        params: the declared parameters.
        higher_is_better: whether a higher score ranks first.
        respects_dominance: the method guarantees that a dominating option
            never ranks below the option it dominates.
        batched: ``func`` accepts weights of shape ``(k, m)`` and a matrix of
            shape ``(n, m)`` or ``(k, n, m)`` and returns scores ``(k, n)``.
        prepare: turns checked parameters into ``func`` keyword arguments
            (per-factor settings into arrays); raises ``InvalidParameter``.
        references: author, year, title of the sources.
        additive: for a method whose score is ``values @ weights`` with values
            that do not depend on the weights, the ``details`` key holding
            those values (``(n, m)``). Sensitivity and SMAA then score many
            weight vectors with one matrix product.
        cell_scorer: optional factory ``cell_scorer(matrix, weights, benefit,
            **kwargs) -> score``, where ``score(rows, cols, values)`` returns
            the ``(c, n)`` scores with cell ``(rows[c], cols[c])`` set to
            ``values[c]``, each in time linear in the options. The sensitivity
            of performance uses it, so a long list needs no full evaluation
            per candidate value; without it each candidate is a full batch
            evaluation.
        weights_scorer: optional factory ``weights_scorer(matrix, benefit,
            **kwargs) -> score``, where ``score(weights)`` returns the ``(k, n)``
            scores of ``(k, m)`` weight vectors on that fixed matrix, with the
            weight-independent work done once. SMAA and the weight
            sensitivity use it; an additive method needs none.
    """

    id: str
    name: str
    func: Callable[..., MethodResult]
    params: tuple[Param, ...] = ()
    higher_is_better: bool = True
    respects_dominance: bool = True
    batched: bool = False
    prepare: Prepare = _default_prepare
    references: tuple[str, ...] = ()
    summary: str = ""
    additive: str | None = None
    cell_scorer: Callable[..., CellScorer] | None = None
    weights_scorer: Callable[..., WeightScorer] | None = None

    def __post_init__(self) -> None:
        # Checked at import time so a broken declaration never reaches a user.
        if not self.id or self.id != self.id.lower() or " " in self.id or "_" in self.id:
            raise TypeError(f"method id {self.id!r} must be kebab-case")
        signature = inspect.signature(self.func)
        names = list(signature.parameters)
        if names[:3] != ["matrix", "weights", "benefit"]:
            raise TypeError(f"{self.id}: func must start with (matrix, weights, benefit)")
        seen = set()
        for p in self.params:
            if p.name in seen:
                raise TypeError(f"{self.id}: parameter {p.name!r} declared twice")
            seen.add(p.name)
            if p.kind == "choice" and p.default not in p.choices:
                raise TypeError(f"{self.id}: default of {p.name!r} is not among its choices")
        if not self.references:
            raise TypeError(f"{self.id}: a method must cite its references")

    @property
    def defaults(self) -> dict[str, Any]:
        """Every parameter with its default value."""
        return {p.name: p.default for p in self.params}

    def resolve(
        self, params: Mapping[str, Any] | None, loc: str = "method.params"
    ) -> dict[str, Any]:
        """Check user parameters and fill in defaults; report every problem at once."""
        params = dict(params or {})
        declared = {p.name: p for p in self.params}
        problems: list[ErrorDetail] = []
        resolved = self.defaults
        for key, value in params.items():
            param = declared.get(key)
            if param is None:
                known = ", ".join(declared) or "none"
                problems.append(
                    ErrorDetail(
                        f"{loc}.{key}",
                        "unknown_parameter",
                        f"{self.id} has no parameter {key!r}; its parameters are: {known}.",
                    )
                )
                continue
            try:
                resolved[key] = param.check(value, f"{loc}.{key}")
            except InvalidParameter as exc:
                problems.extend(exc.errors)
        if problems:
            raise InvalidParameter(problems)
        return resolved

    def __call__(
        self, matrix: ArrayLike, weights: ArrayLike, benefit: ArrayLike | None = None, **params: Any
    ) -> MethodResult:
        """Run the method on array-likes: lists, numpy arrays, pandas DataFrames and Series.

        ``matrix`` is options by factors; ``weights`` one per factor (any
        positive scale); ``benefit`` True where more is better (default: all).
        Parameters are checked as in a decision file, e.g.
        ``get("topsis")(frame, [3, 1], [True, False], normalization="minmax")``.
        """
        x = np.asarray(matrix, dtype=np.float64)
        if x.ndim != 2 or 0 in x.shape:
            raise InvalidParameter.at(
                "matrix", "must be a non-empty table of options by factors.", input=x.shape
            )
        m = x.shape[1]
        w = np.asarray(weights, dtype=np.float64).reshape(-1)
        b = np.ones(m, dtype=bool) if benefit is None else np.asarray(benefit, dtype=bool)
        b = b.reshape(-1)
        for name, arr in (("weights", w), ("benefit", b)):
            if arr.shape != (m,):
                raise InvalidParameter.at(
                    name, f"needs one entry per factor ({m}).", input=arr.shape[0]
                )
        if not np.all(np.isfinite(x)):
            raise InvalidParameter.at("matrix", "every value must be a finite number.")
        if not np.all(np.isfinite(w)) or np.any(w < 0) or w.sum() <= 0:
            raise InvalidParameter.at(
                "weights", "must be finite, none negative, and not all zero.", input=w.tolist()
            )
        problem = Problem(
            x,
            w / w.sum(),
            b,
            tuple(f"option {i + 1}" for i in range(x.shape[0])),
            tuple(f"factor {j + 1}" for j in range(m)),
        )
        return self.run(problem, self.kwargs(params, problem, loc="params"))

    def kwargs(
        self, params: Mapping[str, Any] | None, problem: Problem, loc: str = "method.params"
    ) -> dict[str, Any]:
        """Resolve parameters and prepare them for ``func`` on this problem."""
        return self.prepare(self.resolve(params, loc), problem, loc)

    def run(self, problem: Problem, kwargs: Mapping[str, Any]) -> MethodResult:
        """Score the options of a problem with prepared keyword arguments."""
        return self.func(problem.matrix, problem.weights, problem.benefit, **kwargs)

    def additive_values(self, result: MethodResult, weights: FloatArray) -> FloatArray | None:
        """The ``(n, m)`` values whose weighted sum is the score, for an additive method.

        Checked against the scores, so a method whose details change falls
        back to the general path instead of giving a wrong answer.
        """
        if self.additive is None or self.additive not in result.details:
            return None
        values = np.asarray(result.details[self.additive], dtype=np.float64)
        scores = np.asarray(result.scores, dtype=np.float64)
        if values.shape != (scores.shape[0], weights.shape[0]) or not np.isfinite(values).all():
            return None
        if not np.allclose(values @ weights, scores, rtol=1e-9, atol=1e-12):
            return None
        return values

    def weight_scorer(
        self, matrix: FloatArray, benefit: Any, kwargs: Mapping[str, Any]
    ) -> WeightScorer:
        """Scores ``(k, n)`` of weight vectors ``(k, m)`` on one fixed matrix.

        An additive method computes its values once, a method with a
        ``weights_scorer`` its weight-independent terms once; the others are
        called in a batch each time.
        """
        if self.weights_scorer is not None:
            return self.weights_scorer(matrix, benefit, **kwargs)
        m = matrix.shape[-1]
        probe = np.full(m, 1.0 / m)
        values = self.additive_values(self.func(matrix, probe, benefit, **kwargs), probe)
        if values is not None:
            transposed = np.ascontiguousarray(values.T)
            return lambda w: np.asarray(np.asarray(w, dtype=values.dtype) @ transposed)
        return lambda w: self.batch_scores(matrix, np.asarray(w), benefit, kwargs)

    def batch_scores(
        self, matrix: FloatArray, weights: FloatArray, benefit: Any, kwargs: Mapping[str, Any]
    ) -> FloatArray:
        """Scores for many weight vectors (and matrices) at once: shape ``(k, n)``.

        ``matrix`` is ``(n, m)`` or ``(k, n, m)``; ``weights`` is ``(k, m)``.
        Methods without a vectorised form are called once per row.
        """
        if self.batched:
            return np.asarray(self.func(matrix, weights, benefit, **kwargs).scores)
        k = weights.shape[0]
        per_sample = matrix.ndim == 3
        out = np.empty((k, matrix.shape[-2]))
        for i in range(k):
            x = matrix[i] if per_sample else matrix
            out[i] = self.func(x, weights[i], benefit, **kwargs).scores
        return out
