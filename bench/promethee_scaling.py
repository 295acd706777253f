"""PROMETHEE II scaling: median wall time of one call, n options x 10 factors.

Run: ``.venv/bin/python bench/promethee_scaling.py [--repeat 7] [--sizes 2000 10000 100000]``.
Times ``promethee_ii`` (sort and count per factor, no n x n table) for the
``usual`` and ``linear`` functions on random performance with ties, half the
factors ``min``; and the scoring of 100 weight vectors from flows computed
once (the batch path; its output alone is 100 x n floats).
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from decisionroom.engine.methods.promethee import promethee_ii


def case(n: int, m: int, function: str) -> tuple[np.ndarray, np.ndarray, dict[str, object]]:
    rng = np.random.default_rng(11)
    matrix = np.round(rng.uniform(0, 1000, size=(n, m)), 1)  # one decimal: many ties
    benefit = np.arange(m) % 2 == 0
    nan = np.full(m, np.nan)
    kwargs: dict[str, object] = {"functions": (function,) * m, "q": nan, "p": nan, "s": nan}
    if function == "linear":
        kwargs["q"], kwargs["p"] = np.full(m, 20.0), np.full(m, 150.0)
    return matrix, benefit, kwargs


def median_seconds(repeat: int, *args: object, **kwargs: object) -> float:
    """Median wall time of ``promethee_ii(*args, **kwargs)`` over ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        promethee_ii(*args, **kwargs)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 10_000, 100_000])
    parser.add_argument("--factors", type=int, default=10)
    args = parser.parse_args()
    m = args.factors
    weights = np.full(m, 1 / m)
    many = np.random.default_rng(0).dirichlet(np.ones(m), size=100)
    print(f"{'options':>8} {'factors':>7} {'function':>8} {'one call':>10} {'100 weights':>13}")
    for n in args.sizes:
        for function in ("usual", "linear"):
            matrix, benefit, kwargs = case(n, m, function)
            promethee_ii(matrix, weights, benefit, **kwargs)  # warm up
            single = median_seconds(args.repeat, matrix, weights, benefit, **kwargs)
            batch = median_seconds(args.repeat, matrix, many, benefit, **kwargs)
            print(f"{n:>8} {m:>7} {function:>8} {single * 1e3:>8.1f}ms {batch * 1e3:>11.1f}ms")


if __name__ == "__main__":
    main()
