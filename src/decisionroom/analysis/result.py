"""The result of analysing a decision: the ranking and the keys of the analysis JSON.

The analysis JSON (contract 2) is documented key by key in
``docs/analysis-json.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from decisionroom.errors import ErrorDetail

if TYPE_CHECKING:
    import pandas as pd

FORMAT_VERSION = 1


@dataclass(frozen=True)
class RankedOption:
    """One row of the ranking."""

    option: str
    name: str
    score: float
    rank: int

    def to_dict(self) -> dict[str, Any]:
        """Contract-2 row."""
        return {"option": self.option, "name": self.name, "score": self.score, "rank": self.rank}


@dataclass(frozen=True)
class Analysis:
    """The result of analysing a decision with one method (contract 2)."""

    method: str
    params: dict[str, Any]
    weights: dict[str, float]
    higher_is_better: bool
    ranking: list[RankedOption]
    warnings: list[ErrorDetail] = field(default_factory=list)
    consistency: dict[str, Any] | None = None
    title: str = ""
    details: Mapping[str, Any] = field(default_factory=dict, repr=False)
    extra: dict[str, Any] = field(default_factory=dict, repr=False)
    prepared: Mapping[str, Any] = field(default_factory=dict, repr=False)  # the method's kwargs

    @property
    def winner(self) -> RankedOption:
        """The first-ranked option."""
        return self.ranking[0]

    def to_dict(self) -> dict[str, Any]:
        """The analysis JSON of DESIGN contract 2."""
        out: dict[str, Any] = {
            "decisionroom": FORMAT_VERSION,
            "method": {"name": self.method, "params": self.params},
            "weights": self.weights,
            "higher_is_better": self.higher_is_better,
            "ranking": [row.to_dict() for row in self.ranking],
            "warnings": [w.to_dict() for w in self.warnings],
        }
        if self.consistency is not None:
            out["consistency"] = self.consistency
        out.update(self.extra)
        return out

    def to_pandas(self) -> pd.DataFrame:
        """The ranking as a DataFrame indexed by option id (needs pandas)."""
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - depends on the environment
            raise ImportError(
                "to_pandas() needs pandas: pip install 'decisionroom[pandas]'"
            ) from None
        frame = pd.DataFrame([row.to_dict() for row in self.ranking]).set_index("option")
        frame.attrs["method"] = self.method
        frame.attrs["higher_is_better"] = self.higher_is_better
        return frame
