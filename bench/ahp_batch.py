"""AHP priorities of a batch of pairwise matrices: ours against the peers' AHP weighting.

Ours: ``engine.ahp.eigen_priorities_batch`` on the whole ``(k, n, n)`` stack.
Peers have no batch form, so each is called once per matrix in a loop:
pymcdm ``AHP(matrix=a)()`` (numpy ``eig``), pyDecision ``ahp_method(a, 'me')``
(max eigenvector) and pyrepo-mcda ``AHP()._calculate_eigenvector(a)`` (scipy
``eigs``; the class has no public call for weights alone). All are the
principal right eigenvector, so weights must agree to 1e-8.
"""

from __future__ import annotations

import numpy as np

from bench._data import pairwise_stack

PEERS = ("pymcdm", "pyDecision", "pyrepo-mcda")
HOW = {
    "pymcdm": "weights.subjective.AHP(matrix=a)(), per matrix",
    "pyDecision": "ahp_method(a, wd='me'), per matrix",
    "pyrepo-mcda": "AHP()._calculate_eigenvector(a), per matrix",
}


def ours(k: int, n: int, seed: int = 0):
    from decisionroom.engine.ahp import eigen_priorities_batch

    stack = pairwise_stack(k, n, seed)
    return lambda: eigen_priorities_batch(stack)[0]


def peer(name: str, k: int, n: int, seed: int = 0):
    stack = pairwise_stack(k, n, seed)
    if name == "pymcdm":
        from pymcdm.weights.subjective import AHP

        return lambda: np.stack([AHP(matrix=a)() for a in stack])
    if name == "pyDecision":
        from pyDecision.algorithm import ahp_method

        return lambda: np.stack([ahp_method(a, wd="me")[0] for a in stack])
    from pyrepo_mcda.mcda_methods import AHP as RepoAHP

    ahp = RepoAHP()
    return lambda: np.stack([ahp._calculate_eigenvector(a) for a in stack])


def agree(a: np.ndarray, b: np.ndarray, tol: float = 1e-8) -> dict:
    b = np.asarray(b, dtype=float).reshape(a.shape)
    diff = float(np.max(np.abs(a - b)))
    ok = diff <= tol
    return {"ok": ok, "max_abs_diff": diff, "why": "" if ok else f"max |w diff| {diff:.3g}"}
