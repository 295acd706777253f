"""SMAA-2 speed and memory: median wall time and peak memory, 10 options x 10 factors.

Run: ``.venv/bin/python bench/smaa_speed.py [--repeat 5] [--samples 100000 1000000]``.
Each case runs in a fresh subprocess so peak RSS is that case's own. Reported:
the rank pass (what the 2 s target is about: ``confidence_samples`` kept at
one block) and, separately, the full call with the default confidence pass.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CASE = r"""
import json, resource, sys, time, tracemalloc
import numpy as np
from decisionroom.engine.methods import get
from decisionroom.engine.problem import Problem
from decisionroom.engine.smaa import BLOCK, smaa2

samples = int(sys.argv[1])
ranged, full, trace = (flag == "1" for flag in sys.argv[2:5])
rng = np.random.default_rng(7)
n = m = 10
likely = rng.uniform(10, 100, (n, m))
spread = rng.uniform(0, 0.3, (n, m)) * likely
low, high = likely - spread * rng.uniform(0, 1, (n, m)), likely + spread * rng.uniform(0, 1, (n, m))
benefit = np.arange(m) % 3 != 0
ids = tuple(map(str, range(n)))
problem = Problem(likely, np.full(m, 1 / m), benefit, ids, ids)
spec = get("weighted-sum")
kwargs = spec.kwargs({}, problem)
extra = {} if full else {"confidence_samples": BLOCK}
if trace:
    tracemalloc.start()
t0 = time.perf_counter()
smaa2(spec, kwargs, likely, benefit, low=low if ranged else None, high=high if ranged else None,
      samples=samples, seed=0, **extra)
seconds = time.perf_counter() - t0
traced = tracemalloc.get_traced_memory()[1] if trace else 0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "rss": rss, "traced": traced}))
"""


def run(samples: int, ranged: bool, full: bool, trace: bool) -> dict[str, float]:
    args = [
        sys.executable,
        "-c",
        CASE,
        str(samples),
        str(int(ranged)),
        str(int(full)),
        str(int(trace)),
    ]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--samples", type=int, nargs="+", default=[100_000, 1_000_000])
    opts = parser.parse_args()
    print(
        f"{'samples':>9} {'ranges':>6} {'pass':>10} {'median s':>9} {'min s':>7} "
        f"{'peak RSS MB':>11} {'tracemalloc MB':>14}"
    )
    for samples in opts.samples:
        for ranged in (False, True):
            for full in (False, True):
                times = [run(samples, ranged, full, False)["seconds"] for _ in range(opts.repeat)]
                mem = run(samples, ranged, full, True)
                rss = run(samples, ranged, full, False)["rss"]
                label = "rank+conf" if full else "rank"
                print(
                    f"{samples:>9} {'yes' if ranged else 'no':>6} {label:>10} "
                    f"{statistics.median(times):>9.3f} {min(times):>7.3f} "
                    f"{rss / 2**20:>11.1f} {mem['traced'] / 2**20:>14.1f}"
                )


if __name__ == "__main__":
    main()
