"""Pydantic's validation errors as plain sentences with a readable location.

Pydantic reports a location such as ``('factors', 2, 'name')`` and a
message written for programmers; a seller should read ``factors[2].name``
and a sentence such as "must be text". This module turns one into the other,
names the key a misspelt key was probably meant to be, suggests the id an
unknown id was probably meant to be, and says what kind of value arrived.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Annotated, Any

from pydantic import BaseModel, Tag, ValidationError

from decisionroom.errors import MISSING, ErrorDetail

__all__ = ["ID_RULE", "from_pydantic", "loc_text", "missing", "unknown_id", "unknown_key", "what"]

ID_RULE = "must be an id: letters, digits, '_', '.' or '-', starting with a letter or digit"
_PREDICATES = {
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "dict_type": "must be a mapping (key: value)",
    "model_type": "must be a mapping (key: value)",
    "model_attributes_type": "must be a mapping (key: value)",
    "string_pattern_mismatch": ID_RULE,
    "string_too_short": "must not be empty",
    "int_type": "must be a number",
    "float_type": "must be a number",
}
_OURS = frozenset(
    ("number", "finite", "positive", "range", "range_order", "cell", "estimate")
    + ("weights_form", "pairwise_form")
)
_MISSING_HINTS = {
    "decisionroom": "start the file with `decisionroom: 1` (the format version)",
    "direction": "'max' (more is better) or 'min' (less is better)",
    "performance": "option id -> factor id -> number or [low, likely, high]",
}


def loc_text(parts: Iterable[Any]) -> str:
    """``('factors', 2, 'name')`` as ``factors[2].name``."""
    text = ""
    for p in parts:
        if isinstance(p, int):
            text += f"[{p}]"
        else:
            text += f".{p}" if text else str(p)
    return text


def _clean(loc: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(p for p in loc if not (isinstance(p, str) and p.startswith(("<", "[key]"))))


def from_pydantic(exc: ValidationError, prefix: tuple[Any, ...], root: Any) -> list[ErrorDetail]:
    out: list[ErrorDetail] = []
    seen: set[tuple[str, str]] = set()
    for err in exc.errors(include_url=False):
        raw = tuple(err["loc"])
        loc = loc_text(prefix + _clean(raw))
        subject = loc.rsplit(".", 1)[-1] if loc else "the file"
        kind = err["type"]
        value: Any = err.get("input", MISSING)
        if kind == "missing":
            detail = missing(str(raw[-1]), prefix + _clean(raw[:-1]))
        elif kind == "extra_forbidden":
            model = _model_at(root, raw[:-1])
            detail = unknown_key(str(raw[-1]), loc_text(prefix + _clean(raw[:-1])), model)
        else:
            predicate = _predicate(kind, err)
            if kind == "string_too_long":  # the message gives its length; the text is long
                value = MISSING
            detail = ErrorDetail(loc, kind, f"{subject} {predicate}.", value)
        if (detail.loc, detail.code) not in seen:  # a union may report the same place twice
            seen.add((detail.loc, detail.code))
            out.append(detail)
    return out


def _predicate(kind: str, err: Mapping[str, Any]) -> str:
    ctx = err.get("ctx") or {}
    if kind in _PREDICATES:
        return _PREDICATES[kind]
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        if expected == "1":
            return "must be 1, the format version this program reads"
        return f"must be {expected}"
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return f"must have at least {n} item{'s' if n != 1 else ''}"
    if kind == "string_too_long":
        n = ctx.get("max_length")
        got = len(err["input"]) if isinstance(err.get("input"), str) else None
        has = f" (this one has {got:,})" if got is not None else ""
        return f"must be at most {n:,} characters{has}"
    if kind == "too_long":
        return f"must have at most {ctx.get('max_length')} items"
    msg = str(err.get("msg", "is not valid")).rstrip(".")
    if kind in _OURS:  # our own custom errors are written as predicates already
        return msg
    return msg[:1].lower() + msg[1:]


def missing(key: str, parent: tuple[Any, ...] = ()) -> ErrorDetail:
    hint = _MISSING_HINTS.get(key)
    msg = f"{key} is required" + (f": {hint}." if hint else ".")
    return ErrorDetail(loc_text((*parent, key)), "missing", msg)


def unknown_key(key: str, parent: str, model: Any) -> ErrorDetail:
    loc = f"{parent}.{key}" if parent else key
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return ErrorDetail(loc, "unknown_key", f"{key!r} is not a known key here.")
    known = list(model.model_fields)
    noun = getattr(model, "noun", "this part")
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        msg = f"{key!r} is not a key of {noun}; did you mean {close[0]!r}?"
    else:
        msg = f"{key!r} is not a key of {noun}; its keys are: {', '.join(known)}."
    return ErrorDetail(loc, "unknown_key", msg)


def _members(tp: Any, tags: tuple[str, ...] = ()) -> list[tuple[Any, tuple[str, ...]]]:
    """Flatten Annotated and unions into (type, tags) pairs."""
    origin = typing.get_origin(tp)
    if origin is Annotated:
        inner, *meta = typing.get_args(tp)
        extra = tuple(m.tag for m in meta if isinstance(m, Tag))
        return _members(inner, tags + extra)
    if origin is typing.Union or origin is types.UnionType:
        return [m for arg in typing.get_args(tp) for m in _members(arg, tags)]
    return [(tp, tags)]


def _model_at(root: Any, path: Sequence[Any]) -> Any:
    """The model class found by following a pydantic error location from ``root``."""
    tp = root
    for step in path:
        nxt = None
        for base, tags in _members(tp):
            if isinstance(step, str) and step.startswith("<"):
                if step in tags:
                    nxt = base
            elif isinstance(base, type) and issubclass(base, BaseModel):
                if step in base.model_fields:
                    nxt = base.model_fields[step].annotation
            elif typing.get_origin(base) in (list, tuple) and isinstance(step, int):
                nxt = typing.get_args(base)[0]
            elif typing.get_origin(base) is dict:
                nxt = typing.get_args(base)[1]
            if nxt is not None:
                break
        if nxt is None:
            return None
        tp = nxt
    models = [b for b, _ in _members(tp) if isinstance(b, type) and issubclass(b, BaseModel)]
    return models[0] if models else None


def what(data: Any) -> str:
    if isinstance(data, list):
        return "a list"
    if isinstance(data, str):
        return "a single text"
    if isinstance(data, bool):
        return "true or false"
    if isinstance(data, int | float):
        return "a single number"
    return f"a {type(data).__name__}"


def unknown_id(loc: str, kind: str, value: Any, known: Sequence[str]) -> ErrorDetail:
    """An unknown id, with the id probably meant or the ids there are."""
    close = difflib.get_close_matches(str(value), list(known), n=1, cutoff=0.6)
    if close:
        hint = f"did you mean {close[0]!r}?"
    elif known:
        shown = ", ".join(known[:12]) + (f", ... ({len(known)} in all)" if len(known) > 12 else "")
        hint = f"the {kind}s are: {shown}."
    else:
        hint = f"the file defines no {kind}s."
    return ErrorDetail(loc, "unknown_id", f"There is no {kind} with this id; {hint}", value)
