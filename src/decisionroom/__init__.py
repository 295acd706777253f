"""decisionroom: model a client's decision, weigh the factors, get an explained ranking.

The public API for notebooks and scripts::

    import decisionroom
    decision = decisionroom.load("examples/marketing-capability.yaml")
    result = decisionroom.analyze(decision, method="topsis")
    result.to_dict()      # the analysis JSON (contract 2)
    result.ranking_frame()        # the ranking as a DataFrame (needs pandas)
    result.contributions_frame()  # each factor's contribution to each option
    result.smaa_frame()           # SMAA-2 rank shares and confidence

    # from a DataFrame: options as rows, factors as columns
    decision = decisionroom.from_dataframe(df, directions=["max", "min"], weights=[2, 1])

Names are imported lazily so that the command line starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Decision",
    "DecisionroomError",
    "InvalidDecision",
    "InvalidInput",
    "InvalidParameter",
    "Problem",
    "RankedOption",
    "__version__",
    "analyze",
    "dump",
    "from_dataframe",
    "load",
    "loads",
    "methods",
]

_LAZY = {
    "Analysis": "decisionroom.analysis",
    "RankedOption": "decisionroom.analysis",
    "analyze": "decisionroom.analysis",
    "Decision": "decisionroom.model.decision",
    "load": "decisionroom.model.fileio",
    "loads": "decisionroom.model.fileio",
    "dump": "decisionroom.model.fileio",
    "Problem": "decisionroom.engine.problem",
    "from_dataframe": "decisionroom.model.frames",
    "DecisionroomError": "decisionroom.errors",
    "InvalidDecision": "decisionroom.errors",
    "InvalidInput": "decisionroom.errors",
    "InvalidParameter": "decisionroom.errors",
}

if TYPE_CHECKING:
    from decisionroom.analysis import Analysis, RankedOption, analyze
    from decisionroom.engine import methods
    from decisionroom.engine.problem import Problem
    from decisionroom.errors import (
        DecisionroomError,
        InvalidDecision,
        InvalidInput,
        InvalidParameter,
    )
    from decisionroom.model.decision import Decision
    from decisionroom.model.fileio import dump, load, loads
    from decisionroom.model.frames import from_dataframe


def __getattr__(name: str) -> Any:
    if name == "methods":
        return import_module("decisionroom.engine.methods")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'decisionroom' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
