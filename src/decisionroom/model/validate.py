"""Validate a decision file: its shape, its cross-references and its traceability.

:func:`check` reports every problem at once. Each part of the file (each
factor, each option, each performance value ...) is validated on its own, so a
type error in ``factors[2]`` does not hide an unknown id in ``performance``;
the cross-reference rules then run on the parts that parsed. Every problem is
an :class:`~decisionroom.errors.ErrorDetail` whose ``loc`` reads like
``factors[2].direction`` or ``performance.build.cost`` and whose ``msg`` is a
plain sentence. Warnings have the same shape and a ``warn_`` code.

Pydantic's own errors are reworded in :mod:`._plain_errors`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from decisionroom.errors import ErrorDetail, InvalidDecision, InvalidParameter
from decisionroom.model._plain_errors import (
    ID_RULE,
    from_pydantic,
    loc_text,
    missing,
    unknown_id,
    unknown_key,
    what,
)
from decisionroom.model._weights_rules import weights_errors
from decisionroom.model.decision import (
    ID_PATTERN,
    Challenge,
    Decision,
    Evidenced,
    Factor,
    Need,
    Option,
    Stakeholder,
    spread,
)

__all__ = ["Report", "check", "decision_warnings", "validate"]

_ITEMS: dict[str, type[BaseModel]] = {
    "challenges": Challenge,
    "needs": Need,
    "factors": Factor,
    "options": Option,
    "stakeholders": Stakeholder,
}
_ID = re.compile(ID_PATTERN)
_KIND = {"challenges": "challenge", "needs": "need", "factors": "factor", "options": "option"}


@dataclass(frozen=True)
class Report:
    """Everything :func:`check` found; ``decision`` is set when there are no errors."""

    errors: list[ErrorDetail]
    warnings: list[ErrorDetail]
    decision: Decision | None = None

    @property
    def ok(self) -> bool:
        """True when the file has no errors (it may have warnings)."""
        return not self.errors


def validate(data: Any) -> Decision:
    """Return the decision, or raise :class:`InvalidDecision` with every problem and warning."""
    report = check(data)
    if report.decision is None:
        raise InvalidDecision(report.errors, report.warnings)
    return report.decision


def check(data: Any) -> Report:
    """Check decision-file data (a mapping as parsed, or a :class:`Decision`)."""
    if isinstance(data, Decision):
        data = data.model_dump(mode="json", exclude_unset=True)
    if not isinstance(data, Mapping):
        return Report(
            [
                ErrorDetail(
                    "",
                    "not_a_mapping",
                    "The top level of a decision file must be a mapping of keys such as "
                    f"decisionroom, title, factors, options and performance; this file holds "
                    f"{what(data)}.",
                )
            ],
            [],
        )
    errors: list[ErrorDetail] = []
    parts = _parse_parts(data, errors)
    errors.extend(_rules(parts))
    warnings = _warnings(parts)
    if errors:
        return Report(errors, warnings)
    try:
        decision = Decision.model_validate(data)
    except ValidationError as exc:  # pragma: no cover - the parts above catch everything
        return Report(from_pydantic(exc, (), Decision), warnings)
    return Report([], warnings, decision)


def decision_warnings(decision: Decision) -> list[ErrorDetail]:
    """The warnings of a valid decision (traceability, clipping, left-out options, weights)."""
    return _warnings(_Parts.of(decision))


def semantic_errors(decision: Decision) -> list[ErrorDetail]:
    """The cross-reference errors of a decision built in code (files get them from check)."""
    return _rules(_Parts.of(decision))


# --- the parts of a file -----------------------------------------------------------


@dataclass
class _Parts:
    """What parsed, with list indices kept so messages can point at the file."""

    items: dict[str, list[tuple[int, Any]]] = field(default_factory=dict)
    ids: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    performance: dict[str, dict[str, Any]] | None = None
    weights: Any = None
    method: Any = None
    present: set[str] = field(default_factory=set)
    bad: set[str] = field(default_factory=set)
    lengths: dict[str, int] = field(default_factory=dict)
    bad_rows: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, decision: Decision) -> _Parts:
        parts = cls(present=set(decision.model_fields_set))
        for name in _ITEMS:
            models = list(enumerate(getattr(decision, name)))
            parts.lengths[name] = len(models)
            parts.items[name] = models
            parts.ids[name] = [(i, m.id) for i, m in models]
        parts.performance = {o: dict(row) for o, row in decision.performance.items()}
        parts.weights = decision.weights
        parts.method = decision.method
        return parts

    def models(self, name: str) -> list[tuple[int, Any]]:
        """The items that passed validation."""
        return [(i, m) for i, m in self.items.get(name, []) if not isinstance(m, _Partial)]

    def refs(self, name: str) -> list[tuple[int, Any]]:
        """Every item with fields that passed, for cross-reference checks."""
        return [(i, getattr(m, "model", m)) for i, m in self.items.get(name, [])]

    def id_set(self, name: str) -> list[str]:
        seen: dict[str, None] = {}
        for _, i in self.ids.get(name, []):
            seen.setdefault(i, None)
        return _IdList(seen)


class _IdList(list[str]):
    """Ids in file order with constant-time membership: a long list stays linear (#9)."""

    def __init__(self, ids: Iterable[str]) -> None:
        super().__init__(ids)
        self._members = frozenset(self)

    def __contains__(self, item: object) -> bool:
        return item in self._members


_BAD = object()  # a part that failed its own validation (its error is already reported)


def _parse_parts(data: Mapping[str, Any], errors: list[ErrorDetail]) -> _Parts:
    parts = _Parts(present=set(data))
    fields = Decision.model_fields
    for key in data:
        if key not in fields:
            errors.append(unknown_key(str(key), "", Decision))
    for name, info in fields.items():
        if name not in data:
            if info.is_required():
                errors.append(missing(name))
            continue
        value = data[name]
        if name in _ITEMS:
            if not isinstance(value, list):
                parts.bad.add(name)
            else:
                parts.lengths[name] = len(value)
            parts.items[name], parts.ids[name] = _parse_items(name, value, errors)
        elif name == "performance":
            parts.performance = _parse_performance(value, errors, parts.bad_rows)
        else:
            parsed = _validate_part(f"field:{name}", value, (name,), errors)
            if parsed is _BAD:
                parts.bad.add(name)
            elif name == "weights":
                parts.weights = parsed
            elif name == "method":
                parts.method = parsed
    return parts


def _parse_items(
    name: str, value: Any, errors: list[ErrorDetail]
) -> tuple[list[tuple[int, Any]], list[tuple[int, str]]]:
    if not isinstance(value, list):
        errors.append(ErrorDetail(name, "list_type", f"{name} must be a list.", value))
        return [], []
    items, ids = [], []
    for i, raw in enumerate(value):
        if isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
            ids.append((i, raw["id"]))
        parsed = _validate_part(f"item:{name}", raw, (name, i), errors)
        if parsed is not _BAD:
            items.append((i, parsed))
        elif isinstance(raw, Mapping):
            items.append((i, _Partial(_partial(_ITEMS[name], raw))))
    return items, ids


@dataclass(frozen=True)
class _Partial:
    """An item that failed validation, holding only the fields that passed on their own.

    Its cross-references are still checked, so one mistake does not hide another.
    """

    model: Any


def _partial(model: type[BaseModel], raw: Mapping[str, Any]) -> BaseModel:
    good: dict[str, Any] = {}
    for key, value in raw.items():
        if key in model.model_fields:
            try:
                good[key] = _field_of(model, key).validate_python(value)
            except ValidationError:
                continue
    return model.model_construct(**good)


@cache
def _field_of(model: type[BaseModel], key: str) -> TypeAdapter[Any]:
    return TypeAdapter(_field_type(model, key))


def _field_type(model: type[BaseModel], key: str) -> Any:
    """A field's type with its constraints (``min_length`` ...), to validate it alone."""
    info = model.model_fields[key]
    tp: Any = info.annotation
    return Annotated[(tp, *info.metadata)] if info.metadata else tp


def _parse_performance(
    value: Any, errors: list[ErrorDetail], bad_rows: set[str]
) -> dict[str, dict[str, Any]]:
    if not isinstance(value, Mapping):
        errors.append(
            ErrorDetail(
                "performance",
                "mapping",
                "performance must be a mapping: option id -> factor id -> value.",
                value,
            )
        )
        return {}
    out: dict[str, dict[str, Any]] = {}
    for option, row in value.items():
        loc = ("performance", str(option))
        if not _valid_key(option, loc, errors):
            continue
        if not isinstance(row, Mapping):
            bad_rows.add(str(option))
            errors.append(
                ErrorDetail(
                    loc_text(loc),
                    "mapping",
                    f"{option} must be a mapping: factor id -> value.",
                    row,
                )
            )
            continue
        cells: dict[str, Any] = {}
        for factor, cell in row.items():
            where = (*loc, str(factor))
            if _valid_key(factor, where, errors):
                cells[str(factor)] = _validate_part("cell", cell, where, errors)
        out[str(option)] = cells
    return out


def _valid_key(key: Any, loc: tuple[Any, ...], errors: list[ErrorDetail]) -> bool:
    if isinstance(key, str) and _ID.match(key):
        return True
    errors.append(ErrorDetail(loc_text(loc), "id", f"This key {ID_RULE}.", key))
    return False


@cache
def _typed(name: str) -> tuple[TypeAdapter[Any], Any]:
    """The adapter and root type that validate one part of the file."""
    from decisionroom.model.decision import Cell

    if name == "cell":
        tp: Any = Cell
    elif name.startswith("item:"):
        tp = _ITEMS[name[5:]]
    else:
        tp = _field_type(Decision, name[6:])
    return TypeAdapter(tp), tp


def _validate_part(name: str, value: Any, loc: tuple[Any, ...], errors: list[ErrorDetail]) -> Any:
    adapter, root = _typed(name)
    try:
        return adapter.validate_python(value)
    except ValidationError as exc:
        errors.extend(from_pydantic(exc, loc, root))
        return _BAD


# --- cross-reference rules -------------------------------------------------------------


def _rules(parts: _Parts) -> list[ErrorDetail]:
    errors: list[ErrorDetail] = []
    errors += _duplicate_ids(parts)
    errors += _counts(parts)
    challenge_ids, need_ids = parts.id_set("challenges"), parts.id_set("needs")
    factor_ids, option_ids = parts.id_set("factors"), parts.id_set("options")
    for i, need in parts.refs("needs"):
        for j, ref in enumerate(getattr(need, "challenges", [])):
            if ref not in challenge_ids:
                errors.append(
                    unknown_id(f"needs[{i}].challenges[{j}]", "challenge", ref, challenge_ids)
                )
    for i, factor in parts.refs("factors"):
        for j, ref in enumerate(getattr(factor, "needs", [])):
            if ref not in need_ids:
                errors.append(unknown_id(f"factors[{i}].needs[{j}]", "need", ref, need_ids))
    for i, factor in parts.models("factors"):
        errors += _bounds(i, factor)
    errors += _performance_refs(parts, factor_ids, option_ids)
    have_factors = parts.lengths.get("factors", 0) > 0
    if parts.weights is not None and have_factors:
        errors += weights_errors(parts.weights, "weights", factor_ids, joint=True)
    for i, person in parts.refs("stakeholders") if have_factors else []:
        if getattr(person, "weights", None) is not None:
            loc = f"stakeholders[{i}].weights"
            errors += weights_errors(person.weights, loc, factor_ids, joint=False)
    if parts.method is not None:
        errors += _method_errors(parts.method)
    return errors


def _duplicate_ids(parts: _Parts) -> list[ErrorDetail]:
    errors = []
    for name, pairs in parts.ids.items():
        first: dict[str, int] = {}
        for i, item_id in pairs:
            if item_id in first:
                kind = _KIND.get(name, "stakeholder")
                errors.append(
                    ErrorDetail(
                        f"{name}[{i}].id",
                        "duplicate_id",
                        f"Another {kind} already has this id ({name}[{first[item_id]}]); "
                        "ids must be unique.",
                        item_id,
                    )
                )
            else:
                first[item_id] = i
    return errors


def _counts(parts: _Parts) -> list[ErrorDetail]:
    errors = []
    if parts.lengths.get("factors") == 0:
        errors.append(
            ErrorDetail("factors", "too_few_factors", "A decision needs at least 1 factor.")
        )
    if "options" in parts.lengths:
        n = parts.lengths["options"]
        listed = [o for _, o in parts.models("options")]
        short = [o.id for o in listed if o.shortlisted]
        if n < 2:
            errors.append(
                ErrorDetail(
                    "options", "too_few_options", f"A decision needs at least 2 options; found {n}."
                )
            )
        elif len(listed) == n and len(short) < 2:
            errors.append(
                ErrorDetail(
                    "options",
                    "too_few_options",
                    f"At least 2 options must be shortlisted to rank them; found {len(short)}.",
                    short,
                )
            )
    return errors


def _bounds(i: int, factor: Factor) -> list[ErrorDetail]:
    if factor.value is None:
        return []
    worst, best = factor.value.worst, factor.value.best
    loc = f"factors[{i}].value"
    if worst == best:
        return [
            ErrorDetail(
                loc, "equal_bounds", "worst and best must differ.", {"worst": worst, "best": best}
            )
        ]
    if (best > worst) != (factor.direction == "max"):
        better = "higher" if factor.direction == "max" else "lower"
        return [
            ErrorDetail(
                loc,
                "bounds_direction",
                f"best must be {better} than worst for a '{factor.direction}' factor.",
                {"worst": worst, "best": best},
            )
        ]
    return []


def _performance_refs(
    parts: _Parts, factor_ids: list[str], option_ids: list[str]
) -> list[ErrorDetail]:
    if parts.performance is None:
        return []
    errors = []
    # With no usable factor (or option) list, every reference would be "unknown": say it once.
    check_factors = parts.lengths.get("factors", 0) > 0
    check_options = parts.lengths.get("options", 0) > 0
    for option, row in parts.performance.items():
        if check_options and option not in option_ids:
            errors.append(unknown_id(f"performance.{option}", "option", option, option_ids))
        for factor in row:
            if check_factors and factor not in factor_ids:
                errors.append(
                    unknown_id(f"performance.{option}.{factor}", "factor", factor, factor_ids)
                )
    for _, opt in parts.models("options"):
        if not opt.shortlisted:
            continue
        if opt.id in parts.bad_rows:
            continue
        found = parts.performance.get(opt.id)
        if found is None:
            errors.append(
                ErrorDetail(
                    f"performance.{opt.id}",
                    "missing_performance",
                    f"Option {opt.id!r} has no performance; give a value for every factor.",
                )
            )
            continue
        for factor in factor_ids:
            if factor not in found:
                errors.append(
                    ErrorDetail(
                        f"performance.{opt.id}.{factor}",
                        "missing_performance",
                        f"The performance of option {opt.id!r} on factor {factor!r} is missing.",
                    )
                )
    return errors


def _method_errors(method: Any) -> list[ErrorDetail]:
    from decisionroom.engine import methods

    try:
        spec = methods.get(method.name, "method.name")
        spec.resolve(method.params, "method.params")
    except InvalidParameter as exc:
        return list(exc.errors)
    return []


# --- warnings ----------------------------------------------------------------------


def _warnings(parts: _Parts) -> list[ErrorDetail]:
    out: list[ErrorDetail] = []
    for i, ch in parts.models("challenges"):
        if not ch.goal_related:
            out.append(
                ErrorDetail(
                    f"challenges[{i}].goal_related",
                    "warn_challenge_unrelated_to_goal",
                    f"Challenge {ch.id!r} is marked as unrelated to the goal; the needs built "
                    "on it do not serve the goal.",
                )
            )
    for i, need in parts.models("needs"):
        if not need.challenges:
            out.append(
                ErrorDetail(
                    f"needs[{i}].challenges",
                    "warn_need_without_challenge",
                    f"Need {need.id!r} traces back to no challenge; list the challenges it "
                    "helps overcome.",
                )
            )
    for i, factor in parts.models("factors"):
        if not factor.needs:
            out.append(
                ErrorDetail(
                    f"factors[{i}].needs",
                    "warn_factor_without_need",
                    f"Factor {factor.id!r} is tied to no need; name the needs it serves so its "
                    "weight can be explained.",
                )
            )
        if not (factor.why or "").strip():
            out.append(
                ErrorDetail(
                    f"factors[{i}].why",
                    "warn_factor_without_why",
                    f"Factor {factor.id!r} does not say why it matters to this client.",
                )
            )
    out += outside_bounds(parts)
    for i, opt in parts.models("options"):
        if not opt.shortlisted:
            out.append(
                ErrorDetail(
                    f"options[{i}].shortlisted",
                    "warn_not_shortlisted",
                    f"Option {opt.id!r} is not shortlisted and is left out of the analysis.",
                )
            )
    people = parts.models("stakeholders")
    if parts.weights is None and "weights" not in parts.bad:
        if not any(p.weights is not None for _, p in people):
            out.append(no_weights_warning())
        else:
            for i, person in people:
                if person.weights is None:
                    out.append(
                        ErrorDetail(
                            f"stakeholders[{i}].weights",
                            "warn_stakeholder_without_weights",
                            f"Stakeholder {person.id!r} gives no weights and is left out of "
                            "the group weights.",
                        )
                    )
    return out


def no_weights_warning() -> ErrorDetail:
    """The warning for a decision with no weights anywhere."""
    return ErrorDetail(
        "weights",
        "warn_no_weights",
        "No weights are given, neither joint nor by a stakeholder: every factor counts the same.",
    )


def outside_bounds(parts: _Parts | Decision) -> list[ErrorDetail]:
    """Warnings for performance outside a factor's value bounds (it will be clipped)."""
    if isinstance(parts, Decision):
        parts = _Parts.of(parts)
    bounds = {
        f.id: f.value
        for _, f in parts.models("factors")
        if f.value is not None and f.value.worst != f.value.best
    }
    options = parts.id_set("options")
    out = []
    for option, row in (parts.performance or {}).items():
        for fid, cell in row.items():
            b = bounds.get(fid)
            if b is None or cell is _BAD or option not in options:
                continue
            lo, hi = sorted((b.worst, b.best))
            if any(x < lo or x > hi for x in spread(cell)):
                value = cell.value if isinstance(cell, Evidenced) else cell
                out.append(
                    ErrorDetail(
                        f"performance.{option}.{fid}",
                        "warn_outside_bounds",
                        f"The value is outside the value bounds of factor {fid!r} "
                        f"(worst {b.worst:g}, best {b.best:g}) and will be clipped to them.",
                        list(value) if isinstance(value, tuple) else value,
                    )
                )
    return out
