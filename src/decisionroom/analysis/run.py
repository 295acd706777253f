"""Run a method on a decision: must-haves, the ranking, then the robustness pass.

This is the one place that joins the model (the decision file) and the engine
(the numbers). The CLI, the Python API and the reports all call
:func:`analyze` and read an :class:`~decisionroom.analysis.result.Analysis`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from decisionroom.analysis.result import Analysis, RankedOption
from decisionroom.engine import methods
from decisionroom.engine.ranking import order, ranks
from decisionroom.errors import ErrorDetail
from decisionroom.model.decision import Decision

if TYPE_CHECKING:
    from decisionroom.engine.methods import MethodSpec
    from decisionroom.model.bridge import Bridged


def json_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as the user can write them back into a file (no arrays)."""
    out: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, np.ndarray):
            continue
        out[key] = value
    return out


def analyze_bridged(
    bridged: Bridged,
    names: Mapping[str, str],
    *,
    method: str,
    params: Mapping[str, Any] | None = None,
    title: str = "",
    method_loc: str = "method.name",
    params_loc: str = "method.params",
) -> Analysis:
    """Rank a bridged decision; the shared core of :func:`analyze` and ``rank``."""
    spec: MethodSpec = methods.get(method, method_loc)
    problem = bridged.problem
    resolved = spec.resolve(params, params_loc)
    kwargs = spec.prepare(resolved, problem, params_loc)
    result = spec.run(problem, kwargs)
    scores = np.asarray(result.scores, dtype=float)
    rank_of = ranks(scores, result.higher_is_better)
    rows = [
        RankedOption(
            option=problem.options[i],
            name=names.get(problem.options[i], problem.options[i]),
            score=float(scores[i]),
            rank=int(rank_of[i]),
        )
        for i in order(scores, result.higher_is_better)
    ]
    warnings = list(bridged.warnings)
    if bridged.has_ranges:
        warnings.append(
            ErrorDetail(
                "performance",
                "note_likely_values",
                f"Some performance is given as a range [low, likely, high]; {spec.id} ranks "
                "on the likely values. The SMAA analysis accounts for the ranges.",
            )
        )
    warnings.extend(_method_warnings(spec, result.details, problem.factors))
    return Analysis(
        method=spec.id,
        params=json_params(resolved),
        weights={f: float(w) for f, w in zip(problem.factors, problem.weights, strict=True)},
        higher_is_better=result.higher_is_better,
        ranking=rows,
        warnings=warnings,
        consistency=bridged.consistency,
        title=title,
        details=result.details,
        prepared=kwargs,
    )


def _method_warnings(
    spec: MethodSpec, details: Mapping[str, Any], factors: tuple[str, ...]
) -> list[ErrorDetail]:
    """Soft problems a method reports in its details (e.g. inconsistent AHP comparisons)."""
    out: list[ErrorDetail] = []
    consistency = details.get("consistency")
    if isinstance(consistency, Mapping):
        for j, cr in consistency.items():
            if cr is not None and float(cr) > 0.1:
                factor = factors[int(j)] if isinstance(j, int | np.integer) else str(j)
                out.append(
                    ErrorDetail(
                        f"method.params.comparisons.{factor}",
                        "warn_inconsistent_comparisons",
                        f"The option comparisons for {factor!r} have a consistency ratio of "
                        f"{float(cr):.2f}, above Saaty's 0.10 limit; review them.",
                    )
                )
    return out


def analyze(
    decision: Decision | str | os.PathLike[str],
    method: str | None = None,
    params: Mapping[str, Any] | None = None,
    *,
    robustness: bool = True,
    smaa: int = 10_000,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> Analysis:
    """Analyse a decision (a :class:`Decision` or a path to a decision file).

    ``method`` and ``params`` override the file's ``method`` block; parameters
    given here replace the file's parameters when the method is the same.
    With ``robustness`` (the default) the result also holds the additive view,
    sensitivity, SMAA-2 (``smaa`` samples, 0 to skip; ``seed``), the
    stakeholders' consensus, the unknowns that matter and the explanation.
    """
    from decisionroom.analysis.must_haves import apply_must_haves
    from decisionroom.model import load, to_problem

    if not isinstance(decision, Decision):
        decision = load(decision)
    file_method = decision.method.name if decision.method else methods.DEFAULT_METHOD
    file_params = dict(decision.method.params) if decision.method else {}
    chosen = method or file_method
    merged = dict(file_params) if chosen == file_method else {}
    merged.update(params or {})
    method_loc = "method.name" if method is None else "--method"
    bridged, excluded, must_warnings = apply_must_haves(decision, to_problem(decision))
    names = {o.id: o.name or o.id for o in decision.options}
    result = analyze_bridged(
        bridged,
        names,
        method=chosen,
        params=merged,
        title=decision.title,
        method_loc=method_loc,
    )
    result.warnings.extend(must_warnings)
    if excluded:
        result.extra["excluded"] = excluded
    if robustness:
        _add_robustness(result, decision, bridged, smaa=smaa, seed=seed, progress=progress)
    return result


def _add_robustness(
    result: Analysis,
    decision: Decision,
    bridged: Bridged,
    *,
    smaa: int,
    seed: int,
    progress: Callable[[int, int], None] | None,
) -> None:
    """Fill the robustness keys of contract 2 (issue #3) into ``result.extra``."""
    from decisionroom.analysis.additive_view import additive_view
    from decisionroom.analysis.robustness import sensitivity_section, smaa_section
    from decisionroom.analysis.stakeholders import consensus_section
    from decisionroom.analysis.unknowns import unknowns_that_matter
    from decisionroom.explain import explain

    spec = methods.get(result.method)
    problem = bridged.problem
    resolved = spec.resolve(result.params)
    kwargs = result.prepared
    extra = result.extra
    extra.update(additive_view(problem))
    extra["has_ranges"] = bridged.has_ranges
    if len(problem.options) >= 2:
        extra["sensitivity"] = sensitivity_section(spec, kwargs, bridged)
        if smaa > 0:
            influence = {p.id: float(p.influence) for p in decision.stakeholders}
            extra["smaa"] = smaa_section(
                spec, kwargs, bridged, influence, samples=smaa, seed=seed, progress=progress
            )
        if bridged.has_ranges:
            extra["unknowns"] = unknowns_that_matter(
                spec, resolved, problem, bridged.low, bridged.high
            )
    found = consensus_section(spec, kwargs, bridged)
    if found is not None:
        extra["consensus"] = found
    extra["explanation"] = explain(decision, result.to_dict())
