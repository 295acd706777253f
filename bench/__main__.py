"""Run the benchmarks: ``python -m bench [--quick] [--no-peers]``.

Started with the project's ``.venv`` python, the runner makes (or reuses)
``bench/.venv-peers`` with the peers and decisionroom installed, then runs the
measurements there so one process times both sides. When the peers cannot
be installed, or with ``--no-peers``, it measures our side alone in this
process and says so. Writes ``bench/results/latest.json`` and ``latest.md``
(``--quick`` writes ``quick.json`` and ``quick.md`` unless ``--out`` is given).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
import warnings

from bench import _peers

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, about a minute")
    parser.add_argument("--no-peers", action="store_true", help="time our side only")
    parser.add_argument("--out", help="output name in bench/results (default latest or quick)")
    parser.add_argument("--only", nargs="*", help="groups: methods promethee ahp smaa e2e command")
    parser.add_argument("--our-exe", help=argparse.SUPPRESS)  # decisionroom script of .venv
    parser.add_argument("--peers-note", default="", help=argparse.SUPPRESS)
    opts = parser.parse_args()
    exe = opts.our_exe or os.path.join(os.path.dirname(sys.executable), "decisionroom")
    note = opts.peers_note
    if not opts.no_peers and not _peers.in_peers_venv():
        ok, note = _peers.ensure(log)
        log(note)
        if ok:
            args = [_peers.PYTHON, "-m", "bench", "--our-exe", exe, "--peers-note", note]
            args += sys.argv[1:]
            return subprocess.run(args, cwd=ROOT, check=False).returncode
        note = f"peers not available: {note}; our side only"
    if opts.no_peers:
        note = "peers skipped (--no-peers); our side only"
    warnings.simplefilter("ignore")  # the peers' deprecation chatter
    os.environ.setdefault("MPLBACKEND", "Agg")  # pyDecision imports matplotlib

    from bench import _report, _run

    peers = {} if opts.no_peers else _peers.available()
    if not opts.no_peers and not peers:
        note = (note + "; " if note else "") + "no peer could be imported: our side only"
    log(f"peers: {', '.join(f'{k} {v}' for k, v in peers.items()) or 'none'}")
    groups = opts.only or ["methods", "promethee", "ahp", "smaa", "e2e", "command"]
    results = _run.run_all(groups, peers, quick=opts.quick, exe=exe, log=log)
    info = machine(peers, note, opts.quick)
    name = opts.out or ("quick" if opts.quick else "latest")
    paths = _report.write(info, results, name, quick=opts.quick)
    log("wrote " + ", ".join(os.path.relpath(p, ROOT) for p in paths))
    print(open(paths[1], encoding="utf-8").read())
    return 0


def machine(peers: dict[str, str], note: str, quick: bool) -> dict:
    import numpy as np

    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        from importlib.metadata import version

        ours = version("decisionroom")
    except Exception:  # noqa: BLE001
        ours = "?"
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "decisionroom": ours,
        "commit": commit,
        "peers": peers,
        "peers_note": note,
        "mode": "quick" if quick else "full",
        "timing": "median of repeated runs after one warm-up (time.perf_counter), in one process",
        "memory": "tracemalloc peak (Python + NumPy allocations) of one extra call after the "
        "timed runs; peers run in a subprocess report the same from the child",
    }


if __name__ == "__main__":
    sys.exit(main())
