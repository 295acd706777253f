"""Run a method on a decision: must-haves, the ranking, then the robustness pass.

This is the one place that joins the model (the decision file) and the engine
(the numbers). The CLI, the Python API and the reports all call
:func:`analyze` and read an :class:`~decisionroom.analysis.result.Analysis`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from decisionroom.analysis.examined import (
    DEFAULT_TOP_K,
    FULL_RANKS_MAX,
    examined_options,
    rule_text,
)
from decisionroom.analysis.progress import Progress, Steps
from decisionroom.analysis.result import Analysis, RankedOption
from decisionroom.engine import methods
from decisionroom.engine.ranking import order, ranks
from decisionroom.errors import ErrorDetail, InvalidParameter
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
    top_k: int = DEFAULT_TOP_K,
    full_ranks: bool = False,
    progress: Progress | None = None,
) -> Analysis:
    """Analyse a decision: a :class:`Decision`, a mapping in the file format, or a path.

    ``method`` and ``params`` override the file's ``method`` block; parameters
    given here replace the file's parameters when the method is the same.
    With ``robustness`` (the default) the result also holds the additive view,
    sensitivity, SMAA-2 (``smaa`` samples, 0 to skip; ``seed``), the
    stakeholders' consensus, the unknowns that matter and the explanation.

    A long list is examined in detail only for ``top_k`` options (the rule is
    in :mod:`decisionroom.analysis.examined`), and SMAA counts only its first
    ``top_k`` ranks unless ``full_ranks``. ``progress(step, done, total)`` is
    called as each step advances (:mod:`decisionroom.analysis.progress`).
    """
    from decisionroom.analysis.must_haves import apply_must_haves
    from decisionroom.model import load, to_problem

    if isinstance(decision, Mapping):
        from decisionroom.model.validate import validate

        decision = validate(dict(decision))
    elif not isinstance(decision, Decision):
        decision = load(decision)
    if top_k < 1:
        raise InvalidParameter.at("top_k", "top_k must be at least 1.", code="range", input=top_k)
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
        _add_robustness(
            result,
            decision,
            bridged,
            smaa=smaa,
            seed=seed,
            top_k=top_k,
            full_ranks=full_ranks,
            steps=Steps(progress),
        )
    return result


def _add_robustness(
    result: Analysis,
    decision: Decision,
    bridged: Bridged,
    *,
    smaa: int,
    seed: int,
    top_k: int,
    full_ranks: bool,
    steps: Steps,
) -> None:
    """Fill the robustness keys of contract 2 (issue #3) into ``result.extra``.

    SMAA runs first: its first-place shares pick the options that are
    examined in detail on a long list (issue #9).
    """
    from decisionroom.analysis.additive_view import additive_view
    from decisionroom.analysis.firm_up import firm_up_section
    from decisionroom.analysis.option_set import option_set_section
    from decisionroom.analysis.robustness import sensitivity_section, smaa_section
    from decisionroom.analysis.stakeholders import consensus_section
    from decisionroom.analysis.unknowns import unknowns_that_matter
    from decisionroom.explain import explain

    spec = methods.get(result.method)
    problem = bridged.problem
    n = len(problem.options)
    resolved = spec.resolve(result.params)
    kwargs = result.prepared
    extra = result.extra
    position = {o: i for i, o in enumerate(problem.options)}
    ranked = [position[row.option] for row in result.ranking]
    first_shares = None
    if n >= 2 and smaa > 0:
        influence = {p.id: float(p.influence) for p in decision.stakeholders}
        ranks = None if full_ranks or n <= FULL_RANKS_MAX else top_k
        with steps.step("Simulating (SMAA-2)") as update:
            extra["smaa"], first_shares = smaa_section(
                spec,
                kwargs,
                bridged,
                influence,
                samples=smaa,
                seed=seed,
                ranks=ranks,
                progress=update,
            )
    examined = examined_options(ranked, first_shares, top_k)
    extra["examined"] = {
        "options": [problem.options[i] for i in examined],
        "top_k": top_k,
        "rule": rule_text(n, top_k),
    }
    if n >= 2 and smaa > 0:
        with steps.step("Value of information"):
            found_firm_up = firm_up_section(
                spec, kwargs, bridged, influence, seed=seed, examined=examined
            )
        if found_firm_up is not None:
            extra["firm_up"] = found_firm_up
    extra.update(additive_view(problem, examined if n > top_k else None))
    extra["has_ranges"] = bridged.has_ranges
    if n >= 2:
        with steps.step("Sensitivity"):
            extra["sensitivity"] = sensitivity_section(spec, kwargs, bridged, examined)
            found_set = option_set_section(spec, resolved, problem, ranked, examined)
        if found_set is not None:
            extra["option_set"] = found_set
        if bridged.has_ranges:
            with steps.step("Unknowns"):
                extra["unknowns"] = unknowns_that_matter(
                    spec, resolved, problem, bridged.low, bridged.high
                )
    with steps.step("Consensus"):
        found = consensus_section(spec, kwargs, bridged)
    if found is not None:
        extra["consensus"] = found
    with steps.step("Explaining"):
        extra["explanation"] = explain(decision, result.to_dict())
    # the documented key order of contract 2, whatever order the steps ran in
    for key in sorted(extra, key=lambda k: _KEY_ORDER.get(k, len(_KEY_ORDER))):
        extra[key] = extra.pop(key)


_KEY_ORDER = {
    k: i
    for i, k in enumerate(
        (
            "excluded",
            "values",
            "contributions",
            "has_ranges",
            "examined",
            "sensitivity",
            "option_set",
            "smaa",
            "unknowns",
            "firm_up",
            "consensus",
            "explanation",
        )
    )
}
