"""The whole command on long lists, against pymcdm in its own process (issue 9).

What a user runs: ``decisionroom rank list.csv --method M --format json > out.json``
on a random matrix of 10 factors (every third a cost), process start to exit,
with the robustness pass and SMAA at their defaults. pymcdm computes the
same scores in its own process (reading the same CSV); its scores are
checked equal to ours first, then both are timed. Peak memory is the child's
maximum resident set size (``wait4``); output size is our JSON's bytes.

Run alone: ``python bench/whole_command.py [--quick] [--sizes 1000 5000]``
(with a python that has pymcdm for the peer side, e.g. ``bench/.venv-peers``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
M = 10
METHODS = ("weighted-sum", "topsis", "vikor", "promethee-ii")
#: pymcdm calls that compute what our method computes with its defaults
PEER_CALLS = {
    "topsis": "pm.TOPSIS(pn.vector_normalization)",
    "promethee-ii": "pm.PROMETHEE_II('usual')",
}
#: pymcdm's PROMETHEE II holds n x n preference matrices: past this it cannot run here
PEER_PROMETHEE_MAX = 5_000

PEER_SCRIPT = f"""
import json, sys
import numpy as np
from pymcdm import methods as pm
from pymcdm import normalizations as pn
path, call = sys.argv[1], sys.argv[2]
x = np.loadtxt(path, delimiter=",", skiprows=2, usecols=range(1, {M} + 1))
types = np.array([-1 if j % 3 == 0 else 1 for j in range({M})])
w = np.full({M}, 1 / {M})
scores = eval(call)(x, w, types)
json.dump([float(s) for s in scores], sys.stdout)
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float
    out_bytes: int
    stdout: bytes


def make_csv(n: int, folder: str, seed: int = 1) -> str:
    path = os.path.join(folder, f"list-{n}.csv")
    rng = np.random.default_rng(seed)
    x = rng.uniform(1, 100, (n, M))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("option," + ",".join(f"f{j}" for j in range(M)) + "\n")
        fh.write("direction," + ",".join("min" if j % 3 == 0 else "max" for j in range(M)) + "\n")
        for i in range(n):
            fh.write(f"o{i}," + ",".join(f"{v:.4f}" for v in x[i]) + "\n")
    return path


def run_measured(args: list[str], timeout: float) -> Run:
    """Run a command start to exit, inside a small wrapper that reports its peak memory."""
    wrapper = (
        "import os, resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE)\n"
        "s = time.perf_counter() - t\n"
        "sys.stdout.buffer.write(p.stdout)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "sys.stderr.write(f'@@ {p.returncode} {s} {peak}\\n')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", wrapper, *args], capture_output=True, timeout=timeout, check=False
    )
    tail = [ln for ln in proc.stderr.decode().splitlines() if ln.startswith("@@ ")]
    if not tail:
        raise RuntimeError(proc.stderr.decode()[-300:])
    code, seconds, peak_kb = tail[-1].split()[1:]
    if int(code) != 0:
        raise RuntimeError(f"exit {code}: {proc.stderr.decode()[-300:]}")
    return Run(float(seconds), int(peak_kb) / 1024, len(proc.stdout), proc.stdout)


def ours(exe: str, path: str, method: str, timeout: float) -> Run:
    return run_measured([exe, "rank", path, "--method", method, "--format", "json"], timeout)


def peer(python: str, path: str, method: str, timeout: float) -> Run:
    return run_measured([python, "-c", PEER_SCRIPT, path, PEER_CALLS[method]], timeout)


def agree(our_json: bytes, peer_json: bytes, n: int) -> float:
    """The largest difference between our scores and the peer's, option by option."""
    data = json.loads(our_json)
    by_id = {row["option"]: row["score"] for row in data["ranking"]}
    mine = np.array([by_id[f"o{i}"] for i in range(n)])
    theirs = np.array(json.loads(peer_json))
    return float(np.max(np.abs(mine - theirs)))


def measure(exe: str, peer_python: str | None, sizes: list[int], runs: int, log) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            path = make_csv(n, folder)
            for method in METHODS:
                reps = runs if n <= 5_000 else 1
                timed = [ours(exe, path, method, timeout=600) for _ in range(reps)]
                first = timed[0]
                row = {
                    "options": n,
                    "method": method,
                    "seconds": statistics.median(r.seconds for r in timed),
                    "peak_mb": max(r.peak_mb for r in timed),
                    "output_bytes": first.out_bytes,
                    "runs": reps,
                }
                log(f"{n:>7,} {method:<13} {row['seconds']:7.2f} s {row['peak_mb']:6.0f} MB")
                if peer_python and method in PEER_CALLS:
                    if method == "promethee-ii" and n > PEER_PROMETHEE_MAX:
                        row["peer_note"] = "pymcdm holds n x n matrices: not run"
                    else:
                        try:
                            p = [peer(peer_python, path, method, timeout=900) for _ in range(reps)]
                            row["peer_max_diff"] = agree(first.stdout, p[0].stdout, n)
                            row["peer_seconds"] = statistics.median(r.seconds for r in p)
                            row["peer_peak_mb"] = max(r.peak_mb for r in p)
                        except (RuntimeError, subprocess.TimeoutExpired) as exc:
                            row["peer_note"] = str(exc)[:120]
                rows.append(row)
    return rows


def table(rows: list[dict]) -> str:
    out = [
        "| options x 10 | method | decisionroom (whole command) | peak memory | JSON | "
        "pymcdm (own process) | pymcdm peak | max score difference |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        peer_t = f"{r['peer_seconds']:.2f} s" if "peer_seconds" in r else r.get("peer_note", "—")
        peer_m = f"{r['peer_peak_mb']:.0f} MB" if "peer_peak_mb" in r else "—"
        diff = f"{r['peer_max_diff']:.1e}" if "peer_max_diff" in r else "—"
        out.append(
            f"| {r['options']:,} | {r['method']} | {r['seconds']:.2f} s | {r['peak_mb']:.0f} MB | "
            f"{r['output_bytes'] / 1e6:.2f} MB | {peer_t} | {peer_m} | {diff} |"
        )
    return "\n".join(out)


def peer_python() -> str | None:
    for python in (os.path.join(ROOT, "bench", ".venv-peers", "bin", "python"), sys.executable):
        if os.path.exists(python):
            ok = subprocess.run([python, "-c", "import pymcdm"], capture_output=True).returncode
            if ok == 0:
                return python
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1,000 options only")
    parser.add_argument("--sizes", type=int, nargs="*")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--exe", default=os.path.join(os.path.dirname(sys.executable), "decisionroom")
    )
    opts = parser.parse_args()
    sizes = opts.sizes or ([1_000] if opts.quick else [1_000, 5_000, 100_000])
    rows = measure(opts.exe, peer_python(), sizes, opts.runs, lambda s: print(s, file=sys.stderr))
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
