"""Timing and memory helpers: warm-up, median of repeats, tracemalloc peak.

Every measurement runs in one process: one warm-up call, then the median of
repeated calls timed with ``time.perf_counter``; peak memory is the
``tracemalloc`` peak of one further call (Python and NumPy allocations made
during that call, measured on a separate run so tracing never slows the
timed runs). Peers that may run for minutes are measured in a subprocess with
a timeout (:func:`in_subprocess`) so the bench never hangs.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclass
class Timing:
    """One measurement: median seconds over ``runs`` and the tracemalloc peak."""

    seconds: float | None
    runs: int
    peak_bytes: int | None
    timed_out: float | None = None  # the timeout in s when the call did not finish
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def measure(
    fn: Callable[[], Any],
    *,
    budget: float = 2.0,
    min_runs: int = 3,
    max_runs: int = 15,
    memory: bool = True,
) -> tuple[Timing, Any]:
    """Warm up, then time ``fn`` repeatedly; return the timing and the last result."""
    t0 = time.perf_counter()
    result = fn()  # warm-up (caches, lazy imports, BLAS threads)
    first = time.perf_counter() - t0
    runs = max(min_runs, min(max_runs, int(budget / max(first, 1e-9))))
    if first > budget:  # a slow call: fewer repeats keep the bench within its time
        runs = 1 if first > 4 * budget else min_runs
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    peak = None
    if memory:
        tracemalloc.start()
        tracemalloc.reset_peak()
        fn()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return Timing(statistics.median(times), runs, peak), result


WORKER = r"""
import json, sys, time, tracemalloc, importlib
import numpy as np
sys.path.insert(0, {root!r})
module, name, args, out = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4]
fn = getattr(importlib.import_module(module), name)(**args)
times, result = [], None
for _ in range({runs}):
    t0 = time.perf_counter()
    result = fn()
    times.append(time.perf_counter() - t0)
    print(json.dumps({{"seconds": times[-1]}}), flush=True)
peak = None
if {memory}:
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
np.save(out, np.asarray(result, dtype=float))
print(json.dumps({{"done": True, "times": times, "peak": peak}}), flush=True)
"""


def in_subprocess(
    module: str,
    factory: str,
    args: dict[str, Any],
    *,
    timeout: float,
    runs: int = 1,
    memory: bool = False,
) -> tuple[Timing, Any]:
    """Time ``module.factory(**args)()`` in a child process with a timeout.

    The child builds its inputs outside the timed call, runs it ``runs`` times
    (no warm-up: such calls take seconds to minutes, where a warm-up changes
    nothing) and saves the last result, which is returned for the agreement
    check. A child still running after ``timeout`` seconds is killed and the
    timing says "> timeout".
    """
    import numpy as np

    out = os.path.join(ROOT, "bench", "results", f"worker-{os.getpid()}.tmp.npy")
    code = WORKER.format(root=ROOT, runs=runs, memory=memory)
    cmd = [sys.executable, "-c", code, module, factory, json.dumps(args), out]
    # ``timeout`` is per call: the child makes ``runs`` calls plus one traced call
    total = timeout * (runs + (1 if memory else 0))
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=total)
    except subprocess.TimeoutExpired:
        return Timing(None, 0, None, timed_out=timeout), None
    lines = [json.loads(x) for x in proc.stdout.splitlines() if x.startswith("{")]
    done = [x for x in lines if x.get("done")]
    if proc.returncode != 0 or not done:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        return Timing(None, 0, None, note=f"failed: {tail[0][:200]}"), None
    result = np.load(out)
    os.remove(out)
    times = done[0]["times"]
    if statistics.median(times) > timeout:
        return Timing(None, 0, None, timed_out=timeout), result
    return Timing(statistics.median(times), len(times), done[0]["peak"]), result


def fmt_seconds(t: Timing) -> str:
    """``12.3 ms``, ``> 60 s`` or the failure note."""
    if t.timed_out is not None:
        return f"> {t.timed_out:g} s"
    if t.seconds is None:
        return t.note or "n/a"
    s = t.seconds
    if s < 1e-3:
        return f"{s * 1e6:.0f} µs"
    if s < 1:
        return f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s"


def fmt_bytes(n: int | None) -> str:
    """``12.3 MB`` (MiB) or a dash."""
    if n is None:
        return "–"
    return f"{n / 2**20:.1f} MB"
