"""The domain: the decision file, its validation and the bridge to the engine.

::

    from decisionroom.model import load, to_problem
    decision = load("examples/marketing-capability.yaml")
    bridged = to_problem(decision)      # bridged.problem is an engine Problem
"""

from __future__ import annotations

from decisionroom.model.bridge import Bridged, to_problem
from decisionroom.model.decision import Decision
from decisionroom.model.fileio import dump, dumps, load, loads
from decisionroom.model.validate import Report, check, validate

__all__ = [
    "Bridged",
    "Decision",
    "Report",
    "check",
    "dump",
    "dumps",
    "load",
    "loads",
    "to_problem",
    "validate",
]
