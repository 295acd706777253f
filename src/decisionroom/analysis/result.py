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
        return self.ranking_frame()

    def ranking_frame(self) -> pd.DataFrame:
        """The ranking, best first: ``name``, ``score``, ``rank`` by option id (needs pandas)."""
        pd = _pandas()
        frame = pd.DataFrame(
            [row.to_dict() for row in self.ranking], columns=["option", "name", "score", "rank"]
        ).set_index("option")
        frame.attrs["method"] = self.method
        frame.attrs["higher_is_better"] = self.higher_is_better
        return frame

    def contributions_frame(self) -> pd.DataFrame:
        """Each factor's contribution to each option, options by factors, best option first.

        In the additive view (0-1 values times the weights; the weighted sum's
        own terms); a long list holds its examined options only. Empty
        without the robustness pass.
        """
        return self._table_frame("contributions")

    def values_frame(self) -> pd.DataFrame:
        """Each option's 0-1 value on each factor (the additive view), best option first."""
        return self._table_frame("values")

    def smaa_frame(self) -> pd.DataFrame:
        """SMAA-2 shares by option: ``rank_1``, ``rank_2``, ... and ``confidence``.

        ``rank_k`` is the share of simulations in which the option takes rank
        k. A long list counts only its first ranks and lists the options that
        reach them. Empty when no simulation ran.
        """
        pd = _pandas()
        smaa = self.extra.get("smaa") or {}
        shares = smaa.get("rank_acceptability") or {}
        order = [row.option for row in self.ranking if row.option in shares]
        width = max((len(v) for v in shares.values()), default=0)
        frame = pd.DataFrame(
            [shares[o] for o in order],
            index=pd.Index(order, name="option"),
            columns=[f"rank_{k + 1}" for k in range(width)],
        )
        confidence = smaa.get("confidence") or {}
        frame["confidence"] = [confidence.get(o) for o in order]
        frame.attrs["samples"] = smaa.get("samples")
        return frame

    def _table_frame(self, key: str) -> pd.DataFrame:
        pd = _pandas()
        table = self.extra.get(key) or {}
        order = [row.option for row in self.ranking if row.option in table]
        frame = pd.DataFrame([table[o] for o in order], index=pd.Index(order, name="option"))
        return frame.reindex(columns=list(self.weights))

    def _repr_html_(self) -> str:
        """The ranking as an HTML table, for Jupyter (user text escaped)."""
        from html import escape

        better = "higher is better" if self.higher_is_better else "lower is better"
        smaa = self.extra.get("smaa") or {}
        shares = smaa.get("rank_acceptability") or {}
        head = "<tr><th>rank</th><th>option</th><th>score</th>"
        head += "<th>first in</th></tr>" if shares else "</tr>"
        rows = []
        for row in self.ranking[:_HTML_ROWS]:
            cells = f"<td>{row.rank}</td><td>{escape(row.name)}</td><td>{row.score:.3f}</td>"
            if shares:
                first = (shares.get(row.option) or [0.0])[0]
                cells += f"<td>{100 * first:.0f}%</td>"
            rows.append(f"<tr>{cells}</tr>")
        more = len(self.ranking) - _HTML_ROWS
        caption = f"{escape(self.title or 'Analysis')}: {escape(self.method)} (score: {better})"
        foot = f"<p>… and {more:,} more options.</p>" if more > 0 else ""
        return (
            f"<table><caption>{caption}</caption><thead>{head}</thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{foot}"
        )


#: Rows the notebook view shows; the frames hold every option.
_HTML_ROWS = 50


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("This needs pandas: pip install 'decisionroom[pandas]'") from None
    return pd
