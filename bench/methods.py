"""TOPSIS, VIKOR, weighted sum and PROMETHEE II: ours against the peers.

Each case is a *variant* (a method with one setting) that our engine and a
peer compute the same way; a peer that has no such variant is not listed for
it. Every factory takes JSON-able arguments and returns a zero-argument call
that gives the score vector, so :func:`bench._timing.in_subprocess` can run it
in a child process with a timeout.

Our side: ``spec.kwargs`` once (the boundary validates the parameters), then
``spec.func(matrix, weights, benefit, **kwargs)`` per timed call, as the
analysis does after validation. Peers: inputs built once outside the timed
call (skcriteria's ``DecisionMatrix``, pymcdm's PROMETHEE thresholds), then
their own public call, which includes whatever checks they do per call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from bench._data import P_THRESHOLD, Q_THRESHOLD, matrix

Call = Callable[[], np.ndarray]

#: variant -> (our method id, our params, higher is better)
VARIANTS: dict[str, tuple[str, dict[str, Any], bool]] = {
    "topsis-vector": ("topsis", {"normalization": "vector"}, True),
    "topsis-minmax": ("topsis", {"normalization": "minmax"}, True),
    "vikor": ("vikor", {"v": 0.5}, False),
    "weighted-sum-minmax": ("weighted-sum", {"normalization": "minmax"}, True),
    "weighted-sum-max": ("weighted-sum", {"normalization": "max"}, True),
    "promethee-ii-linear": ("promethee-ii", {}, True),
}

#: variant -> peers that implement it the same way
PEERS: dict[str, tuple[str, ...]] = {
    "topsis-vector": ("pymcdm", "pyDecision", "scikit-criteria", "pyrepo-mcda"),
    "topsis-minmax": ("pymcdm", "scikit-criteria", "pyrepo-mcda"),
    "vikor": ("pymcdm", "pyDecision", "scikit-criteria", "pyrepo-mcda"),
    "weighted-sum-minmax": ("pymcdm", "scikit-criteria", "pyrepo-mcda"),
    "weighted-sum-max": ("pyDecision",),
    "promethee-ii-linear": ("pymcdm", "pyDecision", "pyrepo-mcda"),
}

#: how each peer was asked for the variant (shown in the report)
HOW: dict[tuple[str, str], str] = {
    ("pymcdm", "topsis-vector"): "TOPSIS(vector_normalization)",
    ("pymcdm", "topsis-minmax"): "TOPSIS(minmax_normalization)",
    ("pymcdm", "vikor"): "VIKOR(v=0.5)",
    ("pymcdm", "weighted-sum-minmax"): "WSM(minmax_normalization)",
    ("pymcdm", "promethee-ii-linear"): "PROMETHEE_II('vshape_2', p, q)",
    ("pyDecision", "topsis-vector"): "topsis_method",
    ("pyDecision", "vikor"): "vikor_method (Q from flow_q)",
    ("pyDecision", "weighted-sum-max"): "saw_method (x/max, min/x)",
    ("pyDecision", "promethee-ii-linear"): "promethee_ii(F='t5'); cost columns negated beforehand",
    ("scikit-criteria", "topsis-vector"): "VectorScaler(matrix) + TOPSIS",
    ("scikit-criteria", "topsis-minmax"): "MinMaxScaler(matrix) + TOPSIS",
    ("scikit-criteria", "vikor"): "VIKOR(v=0.5), extra_.q_k",
    ("scikit-criteria", "weighted-sum-minmax"): "NegateMinimize + MinMaxScaler + WeightedSumModel",
    ("pyrepo-mcda", "topsis-vector"): "TOPSIS(vector_normalization)",
    ("pyrepo-mcda", "topsis-minmax"): "TOPSIS(minmax_normalization)",
    ("pyrepo-mcda", "vikor"): "VIKOR(v=0.5)",
    ("pyrepo-mcda", "weighted-sum-minmax"): "SAW(minmax_normalization)",
    ("pyrepo-mcda", "promethee-ii-linear"): "PROMETHEE_II(_linear_function, p, q)",
}


def _promethee_params(m: int) -> dict[str, Any]:
    return {"preference": {"*": {"function": "linear", "q": Q_THRESHOLD, "p": P_THRESHOLD}}}


def ours(variant: str, n: int, m: int, seed: int = 0) -> Call:
    """Our engine, called through the registry after validating once."""
    from decisionroom.engine.methods import get
    from decisionroom.engine.problem import Problem

    x, w, benefit = matrix(n, m, seed)
    method, params, _ = VARIANTS[variant]
    if method == "promethee-ii":
        params = _promethee_params(m)
    spec = get(method)
    ids = tuple(f"o{i}" for i in range(n))
    problem = Problem(x, w, benefit, ids, tuple(f"f{j}" for j in range(m)))
    kwargs = spec.kwargs(params, problem)  # the boundary: once
    func = spec.func

    def call() -> np.ndarray:
        return np.asarray(func(x, w, benefit, **kwargs).scores)

    return call


def peer(name: str, variant: str, n: int, m: int, seed: int = 0) -> Call:
    """The peer's own public call for the variant."""
    x, w, benefit = matrix(n, m, seed)
    return _FACTORIES[name](variant, x, w, benefit)


def _pymcdm(variant: str, x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> Call:
    from pymcdm import methods as pm
    from pymcdm import normalizations as pn

    types = np.where(benefit, 1, -1)
    m = x.shape[1]
    if variant == "promethee-ii-linear":
        p, q = [P_THRESHOLD] * m, [Q_THRESHOLD] * m

        def promethee() -> np.ndarray:
            # a new object per call: pymcdm keeps the preference functions in a generator
            return np.asarray(pm.PROMETHEE_II("vshape_2", p=p, q=q)(x, w, types))

        return promethee
    body = {
        "topsis-vector": lambda: pm.TOPSIS(pn.vector_normalization),
        "topsis-minmax": lambda: pm.TOPSIS(pn.minmax_normalization),
        "vikor": lambda: pm.VIKOR(v=0.5),
        "weighted-sum-minmax": lambda: pm.WSM(pn.minmax_normalization),
    }[variant]()
    return lambda: np.asarray(body(x, w, types))


def _pydecision(variant: str, x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> Call:
    from pyDecision.algorithm import promethee_ii, saw_method, topsis_method, vikor_method

    crit = ["max" if b else "min" for b in benefit]
    n, m = x.shape
    if variant == "topsis-vector":
        return lambda: np.asarray(topsis_method(x, w, crit, graph=False, verbose=False))
    if variant == "vikor":

        def vikor() -> np.ndarray:
            flow_q = vikor_method(x, w, crit, 0.5, graph=False, verbose=False)[2]
            q = np.empty(n)
            q[flow_q[:, 0].astype(int) - 1] = flow_q[:, 1]
            return q

        return vikor
    if variant == "weighted-sum-max":
        return lambda: np.asarray(saw_method(x, crit, w, graph=False, verbose=False)[:, 1])
    signed = np.where(benefit, x, -x)  # pyDecision's PROMETHEE has no cost factors
    qs, ps, ss = [Q_THRESHOLD] * m, [P_THRESHOLD] * m, [0.0] * m
    f = ["t5"] * m

    def promethee() -> np.ndarray:
        flow = promethee_ii(signed, w, qs, ss, ps, f, sort=False, graph=False, verbose=False)
        return np.asarray(flow[:, 1])

    return promethee


def _skcriteria(variant: str, x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> Call:
    import skcriteria as skc
    from skcriteria.agg.simple import WeightedSumModel
    from skcriteria.agg.topsis import TOPSIS
    from skcriteria.agg.vikor import VIKOR
    from skcriteria.pipelines import mkpipe
    from skcriteria.preprocessing.invert_objectives import NegateMinimize
    from skcriteria.preprocessing.scalers import MinMaxScaler, VectorScaler

    dm = skc.mkdm(x, np.where(benefit, max, min).tolist(), weights=w)
    if variant == "vikor":
        vikor = VIKOR(v=0.5)
        return lambda: np.asarray(vikor.evaluate(dm).extra_.q_k)
    if variant == "weighted-sum-minmax":
        pipe = mkpipe(NegateMinimize(), MinMaxScaler(target="matrix"), WeightedSumModel())
        return lambda: np.asarray(pipe.evaluate(dm).extra_.score)
    scaler = VectorScaler(target="matrix") if variant == "topsis-vector" else None
    scaler = scaler or MinMaxScaler(target="matrix")
    pipe = mkpipe(scaler, TOPSIS())
    return lambda: np.asarray(pipe.evaluate(dm).extra_.similarity)


def _pyrepo(variant: str, x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> Call:
    from pyrepo_mcda import normalizations as rn
    from pyrepo_mcda.mcda_methods import PROMETHEE_II, SAW, TOPSIS, VIKOR

    types = np.where(benefit, 1, -1)
    m = x.shape[1]
    if variant == "promethee-ii-linear":
        method = PROMETHEE_II()
        pfs = [method._linear_function] * m  # the documented way to choose the function
        p, q = np.full(m, P_THRESHOLD), np.full(m, Q_THRESHOLD)
        return lambda: np.asarray(method(x, w, types, preference_functions=pfs, p=p, q=q))
    body = {
        "topsis-vector": lambda: TOPSIS(normalization_method=rn.vector_normalization),
        "topsis-minmax": lambda: TOPSIS(normalization_method=rn.minmax_normalization),
        "vikor": lambda: VIKOR(v=0.5),
        "weighted-sum-minmax": lambda: SAW(normalization_method=rn.minmax_normalization),
    }[variant]()
    return lambda: np.asarray(body(x, w, types))


_FACTORIES: dict[str, Callable[[str, np.ndarray, np.ndarray, np.ndarray], Call]] = {
    "pymcdm": _pymcdm,
    "pyDecision": _pydecision,
    "scikit-criteria": _skcriteria,
    "pyrepo-mcda": _pyrepo,
}


def agree(ours_scores: np.ndarray, peer_scores: np.ndarray, higher: bool, tol: float) -> dict:
    """Whether a peer agrees: scores within ``tol`` and the same ranking.

    The same ranking means: the peer's scores, put in our order (best first),
    never get better by more than ``tol`` from one option to the next, so
    the orders differ at most between options whose scores tie within ``tol``.
    """
    a = np.asarray(ours_scores, dtype=float)
    b = np.asarray(peer_scores, dtype=float).ravel()
    if a.shape != b.shape:
        return {"ok": False, "why": f"shape {b.shape} instead of {a.shape}"}
    diff = float(np.max(np.abs(a - b))) if a.size else 0.0
    order = np.argsort(-a if higher else a, kind="stable")
    steps = np.diff(b[order])
    worse = float(np.max(steps if higher else -steps)) if steps.size else 0.0
    same_rank = worse <= tol
    ok = diff <= tol and same_rank
    why = "" if ok else f"max |score diff| {diff:.3g}; ranking {'same' if same_rank else 'differs'}"
    return {"ok": ok, "max_abs_diff": diff, "same_ranking": same_rank, "why": why}
