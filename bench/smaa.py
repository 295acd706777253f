"""SMAA-2 rank acceptability, 10 options x 10 factors: ours, pyrepo-mcda and a reference loop.

- ours, weighted sum: ``engine.smaa.smaa2`` with the weighted-sum spec, weights
  only and with PERT performance ranges; the default call (rank pass plus the
  confidence pass) and the rank pass alone (``confidence_samples`` one block).
- ours, VIKOR: ``smaa2`` with the VIKOR spec, weights only: the same method as
  pyrepo-mcda's ``VIKOR_SMAA``, compared at equal samples.
- pyrepo-mcda ``VIKOR_SMAA``: its weight vectors come from its own
  ``_generate_weights`` before the timed call (that loop is not timed, which
  favours the peer); the timed call is ``VIKOR_SMAA()(matrix, weights, types)``.
- the plain NumPy loop of :mod:`bench.smaa_reference`, timed on fewer samples
  and extrapolated.

Agreement: rank acceptabilities are Monte Carlo estimates from different
random streams, so they must agree within 0.02 (about 5 standard errors at
the 20,000 samples of the check), not exactly.
"""

from __future__ import annotations

import numpy as np

from bench._data import smaa_problem

AGREE_SAMPLES = 20_000
AGREE_TOL = 0.02


def ours(method: str, samples: int, ranged: bool, rank_only: bool = False, seed: int = 0):
    from decisionroom.engine.methods import get
    from decisionroom.engine.problem import Problem
    from decisionroom.engine.smaa import BLOCK, smaa2

    likely, low, high, benefit = smaa_problem()
    n, m = likely.shape
    spec = get(method)
    ids = tuple(map(str, range(n)))
    problem = Problem(likely, np.full(m, 1 / m), benefit, ids, tuple(map(str, range(m))))
    kwargs = spec.kwargs({}, problem)
    extra = {"confidence_samples": BLOCK} if rank_only else {}
    lo, hi = (low, high) if ranged else (None, None)

    def call():
        return smaa2(
            spec, kwargs, likely, benefit, low=lo, high=hi, samples=samples, seed=seed, **extra
        ).rank_acceptability

    return call


def pyrepo(samples: int, seed: int = 0):
    from pyrepo_mcda.mcda_methods import VIKOR_SMAA

    likely, _, _, benefit = smaa_problem()
    smaa = VIKOR_SMAA()
    np.random.seed(seed)
    weights = smaa._generate_weights(likely.shape[1], samples)
    types = np.where(benefit, 1, -1)
    return lambda: smaa(likely, weights, types)[0]


def reference(samples: int, ranged: bool, seed: int = 0):
    from bench.smaa_reference import smaa_loop

    likely, low, high, benefit = smaa_problem()
    lo, hi = (low, high) if ranged else (None, None)
    return lambda: smaa_loop(likely, lo, hi, benefit, samples, seed)


def agree(a: np.ndarray, b: np.ndarray) -> dict:
    diff = float(np.max(np.abs(np.asarray(a) - np.asarray(b))))
    ok = diff <= AGREE_TOL
    return {"ok": ok, "max_abs_diff": diff, "why": "" if ok else f"max |b diff| {diff:.3g}"}
