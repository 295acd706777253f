"""Look-ups over a decision and its analysis dict that every claim needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Facts:
    """Names, units and traces of a decision next to the analysis numbers."""

    decision: Any
    analysis: Mapping[str, Any]

    def option_name(self, option_id: str) -> str:
        """The option's name, or its id when it has none."""
        for o in self.decision.options:
            if o.id == option_id:
                return str(o.name or o.id)
        return option_id

    def option_kind(self, option_id: str) -> str | None:
        """The option's kind (build, hire, external, partner, status-quo), if given."""
        for o in self.decision.options:
            if o.id == option_id:
                return getattr(o, "kind", None)
        return None

    def factor(self, factor_id: str) -> Any:
        """The factor model with this id."""
        for f in self.decision.factors:
            if f.id == factor_id:
                return f
        raise KeyError(factor_id)

    def factor_name(self, factor_id: str) -> str:
        """The factor's name, or its id when it has none."""
        return str(self.factor(factor_id).name or factor_id)

    def stakeholder_label(self, stakeholder_id: str) -> str:
        """'Sam Okafor (CFO)' or the best label available."""
        for s in self.decision.stakeholders or []:
            if s.id == stakeholder_id:
                name, role = getattr(s, "name", None), getattr(s, "role", None)
                if name and role:
                    return f"{name}, {role}" if "(" in role else f"{name} ({role})"
                return str(name or role or s.id)
        return stakeholder_id

    def needs_of(self, factor_id: str) -> list[Any]:
        """The needs a factor serves."""
        wanted = set(self.factor(factor_id).needs or [])
        return [n for n in self.decision.needs or [] if n.id in wanted]

    def challenges_of(self, need: Any) -> list[Any]:
        """The challenges behind a need."""
        wanted = set(need.challenges or [])
        return [c for c in self.decision.challenges or [] if c.id in wanted]

    @property
    def ranking(self) -> list[Mapping[str, Any]]:
        """The ranking rows, best first."""
        return list(self.analysis["ranking"])

    @property
    def winner(self) -> str:
        """The first-ranked option id."""
        return str(self.ranking[0]["option"])

    @property
    def runner_up(self) -> str | None:
        """The second-ranked option id, when there is one."""
        return str(self.ranking[1]["option"]) if len(self.ranking) > 1 else None

    def indistinguishable(self, option_id: str) -> list[str]:
        """The ranked options whose performance equals this one's on every factor.

        In ranking order, ``option_id`` included. No weighting, method or
        simulation can put one of them ahead of another, so an explanation names
        them as a group instead of calling one of them safe.
        """
        from decisionroom.model.decision import spread

        table = self.decision.performance or {}

        def values(oid: str) -> dict[str, tuple[float, float, float]] | None:
            # the numbers only: the same values with other evidence are still the same
            cells = table.get(oid)
            return None if cells is None else {f: spread(c) for f, c in cells.items()}

        mine = values(option_id)
        if mine is None:
            return [option_id]
        score = next((r["score"] for r in self.ranking if r["option"] == option_id), None)
        # identical options have identical scores: only those are compared cell by cell
        return [
            str(row["option"])
            for row in self.ranking
            if row["option"] == option_id
            or (row["score"] == score and values(row["option"]) == mine)
        ]

    @property
    def higher_is_better(self) -> bool:
        """Whether the method's scores rank higher first."""
        return bool(self.analysis.get("higher_is_better", True))
