"""The peers' virtual environment ``bench/.venv-peers``: made by the runner, never committed.

It holds the four peer libraries from the package index and decisionroom
itself (installed editable from this checkout), so one process can time both
sides. Nothing from the peers is vendored or copied into the project.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import subprocess
import sys

from bench._timing import ROOT

VENV = os.path.join(ROOT, "bench", ".venv-peers")
PYTHON = os.path.join(VENV, "bin", "python")
STAMP = os.path.join(VENV, ".installed")
#: PyPI name -> import name
PACKAGES = {
    "pymcdm": "pymcdm",
    "pyDecision": "pyDecision",
    "scikit-criteria": "skcriteria",
    "pyrepo-mcda": "pyrepo_mcda",
}


def ensure(log) -> tuple[bool, str]:
    """Create the venv and install the peers if needed; ``(ok, message)``."""
    if os.path.exists(STAMP):
        return True, f"peers venv ready at {os.path.relpath(VENV, ROOT)}"
    log(f"creating {os.path.relpath(VENV, ROOT)} (python3 -m venv + pip) ...")
    steps = [
        ["python3", "-m", "venv", VENV],
        [PYTHON, "-m", "pip", "install", "--quiet", "-e", ".", *PACKAGES],
    ]
    for cmd in steps:
        try:
            proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return False, f"could not install the peers ({exc})"
        if proc.returncode != 0:
            tail = (proc.stderr.strip().splitlines() or ["?"])[-1]
            return False, f"could not install the peers: {' '.join(cmd[:4])}: {tail[:200]}"
    with open(STAMP, "w") as fh:
        fh.write("ok\n")
    return True, "peers installed"


def in_peers_venv() -> bool:
    return os.path.realpath(sys.prefix) == os.path.realpath(VENV)


def available() -> dict[str, str]:
    """Peers importable in this process -> version."""
    found = {}
    for dist, module in PACKAGES.items():
        try:
            importlib.import_module(module)
            found[dist] = importlib.metadata.version(dist)
        except Exception:  # noqa: BLE001 - a peer that fails to import is simply absent
            continue
    return found
