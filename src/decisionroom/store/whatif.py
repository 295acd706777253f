"""The workshop's what-if: weights a facilitator is trying out, shared but not saved.

Moving a weight slider in the live workshop changes no version and leaves no
audit entry: the slider positions are kept as the decision's *what-if* for its
current version, which every open view of the decision shows within a second
(the room's event stream reads it, so it works across app processes). Saving
the weights makes a real version (and ends the what-if, which belongs to the
version it was tried on); resetting deletes it.

The what-if is kept in ``analysis_cache`` under the key ``what-if`` and the
version it was tried on, so it needs no table of its own and disappears with
the version or the decision. That key never collides with an analysis key
(those are JSON objects).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from decisionroom.errors import ErrorDetail, InvalidInput
from decisionroom.store.accounts import now
from decisionroom.store.tables import AnalysisCache, Decision

__all__ = ["KEY", "MAX_WEIGHT", "WhatIf", "clear", "current", "put", "weights_of"]

KEY = "what-if"
MAX_WEIGHT = 100  # the sliders' range: 0 to 100 points per factor


WhatIf = dict[str, Any]  # {"weights": {factor: points}, "by": "...", "at": "ISO time"}


def weights_of(row: Decision, given: Mapping[str, Any]) -> dict[str, float]:
    """Validate slider positions: every factor of the decision, 0 to 100, not all zero.

    Raises:
        InvalidInput: each bad field located as ``weights.<factor>``.
    """
    factors = [str(f["id"]) for f in row.document.get("factors") or []]
    problems: list[ErrorDetail] = []
    out: dict[str, float] = {}
    for name in sorted(set(given) - set(factors)):
        problems.append(
            ErrorDetail(f"weights.{name}", "unknown_factor", "Not a factor of this decision.")
        )
    for fid in factors:
        raw = given.get(fid)
        try:
            value = float(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            value = float("nan")
        if not 0 <= value <= MAX_WEIGHT:
            problems.append(
                ErrorDetail(
                    f"weights.{fid}",
                    "weight_range",
                    f"A weight is a number from 0 to {MAX_WEIGHT}.",
                    raw,
                )
            )
        else:
            out[fid] = value
    if not problems and not any(out.values()):
        problems.append(ErrorDetail("weights", "all_zero", "At least one weight must be above 0."))
    if problems:
        raise InvalidInput(problems)
    return out


def put(session: Session, row: Decision, weights: Mapping[str, float], by: str) -> WhatIf:
    """Share these slider positions as the what-if of the decision's current version."""
    state: WhatIf = {"weights": dict(weights), "by": by, "at": now().isoformat()}
    values = {
        "decision_id": row.id,
        "version": row.version,
        "key": KEY,
        "result": state,
        "created_at": now(),
    }
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(AnalysisCache).values(**values)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["decision_id", "version", "key"],
            set_={"result": statement.excluded.result, "created_at": statement.excluded.created_at},
        )
    )
    return state


def clear(session: Session, row: Decision) -> None:
    """End the what-if of the decision's current version (the saved weights apply again)."""
    session.execute(
        delete(AnalysisCache).where(
            AnalysisCache.decision_id == row.id,
            AnalysisCache.version == row.version,
            AnalysisCache.key == KEY,
        )
    )


def current(connection: Connection | Session, decision_id: int, version: int) -> WhatIf | None:
    """The what-if shared for this version of the decision, if any."""
    found = connection.execute(
        select(AnalysisCache.result).where(
            AnalysisCache.decision_id == decision_id,
            AnalysisCache.version == version,
            AnalysisCache.key == KEY,
        )
    ).scalar()
    return dict(found) if found is not None else None
