"""One analysis of a decision: must-haves, ranking, robustness, consensus, the advice.

``analyze`` is the entry point; :class:`Analysis` holds the result in the shape
of the analysis JSON (contract 2, ``docs/analysis-json.md``).
"""

from decisionroom.analysis.result import FORMAT_VERSION, Analysis, RankedOption
from decisionroom.analysis.run import analyze, analyze_bridged, json_params

__all__ = [
    "FORMAT_VERSION",
    "Analysis",
    "RankedOption",
    "analyze",
    "analyze_bridged",
    "json_params",
]
