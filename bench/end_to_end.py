"""End to end: ``decisionroom analyze`` in process and as a whole command; ``brief`` when it exists.

In process: ``decisionroom.analyze(path)`` (load, validate, rank, robustness with
SMAA 10,000: the command's defaults) after a warm-up. Whole command: the
project's ``decisionroom`` console script run as a subprocess, start-up
included, median of the runs.
"""

from __future__ import annotations

import glob
import os
import statistics
import subprocess
import time

from bench._timing import ROOT, Timing, measure

TYPICAL = os.path.join(ROOT, "bench", "data", "typical-decision.yaml")


def files() -> list[str]:
    return sorted(glob.glob(os.path.join(ROOT, "examples", "*.yaml"))) + [TYPICAL]


def in_process(path: str, budget: float) -> Timing:
    import decisionroom

    timing, _ = measure(lambda: decisionroom.analyze(path), budget=budget, min_runs=3)
    return timing


def command(exe: str, args: list[str], runs: int) -> Timing:
    times = []
    subprocess.run([exe, *args], capture_output=True, check=False)  # warm the file cache
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run([exe, *args], capture_output=True, check=False)
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            err = proc.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["?"]
            return Timing(None, 0, None, note=f"exit {proc.returncode}: {err[0][:160]}")
    return Timing(statistics.median(times), runs, None, note="peak memory not measured")


def brief_formats(exe: str) -> list[str] | None:
    """The formats of ``decisionroom brief``, or None when the command does not exist."""
    proc = subprocess.run([exe, "brief", "--help"], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return None
    text = proc.stdout.lower()
    return [f for f in ("md", "html", "pdf", "pptx", "xlsx") if f in text] or ["md"]
