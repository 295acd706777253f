"""The method registry: every built-in registers exactly as an extension would.

Adding a method is one module in this package, one line in ``_BUILTINS`` and
one test module citing the paper.
"""

from __future__ import annotations

import importlib

from decisionroom.engine.methods._spec import MethodResult, MethodSpec, Param
from decisionroom.errors import UnknownMethod

__all__ = ["MethodResult", "MethodSpec", "Param", "all_methods", "get", "register"]

DEFAULT_METHOD = "weighted-sum"

_REGISTRY: dict[str, MethodSpec] = {}

# One line per built-in method: the module defines SPEC.
_BUILTINS = (
    "weighted_sum",
    "ahp",
    "topsis",
    "vikor",
    "weighted_product",
    "promethee",
)


def register(spec: MethodSpec) -> MethodSpec:
    """Add a method to the registry; ids are unique."""
    if not isinstance(spec, MethodSpec):
        raise TypeError("register() takes a MethodSpec")
    if spec.id in _REGISTRY and _REGISTRY[spec.id] is not spec:
        raise ValueError(f"a method with id {spec.id!r} is already registered")
    _REGISTRY[spec.id] = spec
    return spec


def _load_builtins() -> None:
    for module in _BUILTINS:
        register(importlib.import_module(f"{__name__}.{module}").SPEC)


def get(method_id: str, loc: str = "method.name") -> MethodSpec:
    """Return the method registered under ``method_id``."""
    try:
        return _REGISTRY[method_id]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise UnknownMethod.at(
            loc,
            f"There is no method with this id; choose one of {known}.",
            code="unknown_method",
            input=method_id,
        ) from None


def all_methods() -> list[MethodSpec]:
    """Every registered method, sorted by id."""
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]


_load_builtins()
