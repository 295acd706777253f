"""A decision from a table a notebook holds: a pandas DataFrame, options by factors.

The frame's index names the options and its columns the factors; the
directions (and optionally the weights) come as arguments. Every problem is
reported with the cell it is in, as ``frame.loc['Acme', 'price']``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from decisionroom.errors import ErrorDetail, InvalidInput
from decisionroom.model.spreadsheet import unique_ids

__all__ = ["decision_from_frame", "from_dataframe"]

_DIRECTIONS = {"max": "max", "benefit": "max", "min": "min", "cost": "min"}


def decision_from_frame(
    frame: Any,
    *,
    directions: str | Sequence[str] | Mapping[str, str],
    weights: Sequence[float] | Mapping[str, float] | None = None,
    title: str = "Decision from a table",
    method: str | None = None,
    params: Mapping[str, Any] | None = None,
) -> Any:
    """Build a :class:`~decisionroom.model.decision.Decision` from a DataFrame.

    Args:
        frame: a pandas DataFrame (or anything with ``index``, ``columns`` and
            ``to_numpy()``): one row per option, one column per factor.
        directions: ``"max"`` or ``"min"`` for every factor, one per column in
            order, or a mapping from column name to direction.
        weights: one per column in order, or a mapping from column name to
            weight (any positive scale); None counts every factor the same.
        title: the decision's title.
        method: a method id for the decision's ``method`` block.
        params: the method's parameters.

    Raises:
        InvalidInput: a cell is not a finite number, or the directions or
            weights do not fit the columns (every problem, located).
    """
    from decisionroom.model.validate import validate

    columns = [str(c) for c in frame.columns]
    index = [str(i) for i in frame.index]
    problems: list[ErrorDetail] = []
    dirs = _per_column(directions, columns, "directions", problems)
    wts = None if weights is None else _per_column(weights, columns, "weights", problems)
    factor_ids = unique_ids(columns)
    option_ids = unique_ids(index)
    factors = []
    for j, name in enumerate(columns):
        raw = dirs[j] if dirs else "max"
        d = _DIRECTIONS.get(str(raw).strip().lower())
        if d is None:
            problems.append(
                ErrorDetail(
                    f"directions[{name!r}]",
                    "direction",
                    "A direction must be 'max' (more is better) or 'min' (less is better).",
                    input=raw,
                )
            )
            d = "max"
        factors.append({"id": factor_ids[j], "name": name, "direction": d})
    values = frame.to_numpy()
    performance: dict[str, dict[str, float]] = {}
    for i, option in enumerate(index):
        row: dict[str, float] = {}
        for j, factor in enumerate(columns):
            x = _finite(values[i][j])
            if x is None:
                problems.append(
                    ErrorDetail(
                        f"frame.loc[{option!r}, {factor!r}]",
                        "number",
                        "Every cell must be a finite number.",
                        input=values[i][j],
                    )
                )
                x = 0.0
            row[factor_ids[j]] = x
        performance[option_ids[i]] = row
    if problems:
        raise InvalidInput(problems)
    data: dict[str, Any] = {
        "decisionroom": 1,
        "title": title,
        "factors": factors,
        "options": [{"id": oid, "name": name} for oid, name in zip(option_ids, index, strict=True)],
        "performance": performance,
    }
    if wts is not None:
        data["weights"] = dict(zip(factor_ids, wts, strict=True))
    if method is not None:
        data["method"] = {"name": method, "params": dict(params or {})}
    return validate(data)


def _per_column(
    given: Any, columns: list[str], what: str, problems: list[ErrorDetail]
) -> list[Any] | None:
    """One value per column, from a scalar, a sequence in column order or a mapping."""
    if isinstance(given, str):
        if what == "directions":
            return [given] * len(columns)
        problems.append(
            ErrorDetail(what, "type", f"Give the {what} as a list or a mapping.", input=given)
        )
        return None
    if isinstance(given, Mapping):
        unknown = [k for k in given if str(k) not in columns]
        missing = [c for c in columns if c not in {str(k) for k in given}]
        for k in unknown:
            problems.append(
                ErrorDetail(
                    f"{what}[{k!r}]",
                    "unknown_factor",
                    f"There is no column {k!r}; the columns are {', '.join(columns)}.",
                )
            )
        for c in missing:
            problems.append(
                ErrorDetail(f"{what}[{c!r}]", "missing", f"Give the {what[:-1]} of {c!r}.")
            )
        by_name = {str(k): v for k, v in given.items()}
        return [by_name.get(c) for c in columns]
    values = list(given)
    if len(values) != len(columns):
        problems.append(
            ErrorDetail(
                what,
                "length",
                f"Give one {what[:-1]} per column ({len(columns)}), in column order.",
                input=len(values),
            )
        )
        return None
    return values


def _finite(value: Any) -> float | None:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


#: The name the package exports (``decisionroom.from_dataframe``).
from_dataframe = decision_from_frame
