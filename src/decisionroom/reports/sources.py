"""The evidence behind the performance values, as a sources list every brief format shows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from decisionroom.explain.evidence import evidence_of
from decisionroom.model.decision import Decision


@dataclass(frozen=True)
class Source:
    """One performance value's evidence: numbered as it is cited in the options table."""

    number: int
    option_id: str
    option: str
    factor_id: str
    factor: str
    evidence: str

    @property
    def line(self) -> str:
        """'[1] Alpha Suite, 3-year cost: Alpha's quote of 3 May'."""
        return f"[{self.number}] {self.option}, {self.factor}: {self.evidence}"


def sources(
    decision: Decision, option_names: Mapping[str, str], factor_names: Mapping[str, str]
) -> list[Source]:
    """Every performance value with evidence, in the order of the options and factors."""
    from decisionroom.reports.content import text

    out: list[Source] = []
    for option in decision.options:
        row: Mapping[str, Any] = decision.performance.get(option.id, {})
        for factor in decision.factors:
            evidence = evidence_of(row.get(factor.id))
            if evidence:
                out.append(
                    Source(
                        len(out) + 1,
                        option.id,
                        option_names.get(option.id, option.id),
                        factor.id,
                        factor_names.get(factor.id, factor.id),
                        text(evidence),  # printable, as every user text in a brief
                    )
                )
    return out


def evidence_notes(explanation: Mapping[str, Any]) -> list[str]:
    """The explanation's sentences on what the decisive numbers rest on."""
    return [
        str(c.get("text"))
        for c in explanation.get("claims") or []
        if c.get("kind") == "evidence" and c.get("text")
    ]
