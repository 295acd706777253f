"""Reading the room's forms into decision-file data; errors keyed by the field's name.

Field names are the decision file's locations (``factors[2].why``,
``performance.build.cost``), so the errors the validator reports land next to
the field that caused them without a translation table.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["Form", "estimate", "number", "slug"]

_SPLIT = re.compile(r"\s*[,;]\s*")


class Form:
    """A submitted form: values by name (last wins), lists for checkboxes, and errors."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = [(k, v) for k, v in pairs if k not in ("csrf_token",)]
        self.values = dict(self.pairs)
        self.errors: dict[str, str] = {}

    def get(self, name: str, default: str = "") -> str:
        """A field's text, stripped."""
        return self.values.get(name, default).strip()

    def getlist(self, name: str) -> list[str]:
        """Every value of a repeated field (checkboxes)."""
        return [v for k, v in self.pairs if k == name]

    def text(self, name: str) -> str | None:
        """A field's text, or None when empty."""
        return self.get(name) or None

    def number(self, name: str, *, required: bool = False) -> float | int | None:
        """A field's number; an error next to it when it is not one."""
        return number(self.get(name), name, self.errors, required=required)

    def estimate(self, name: str) -> Any:
        """A performance value: a number, or 'low, likely, high'."""
        return estimate(self.get(name), name, self.errors)

    def rows(self, prefix: str) -> list[int]:
        """The indexes of the rows ``prefix[i]`` the form holds, in order."""
        found = {
            int(m.group(1)) for k in self.values for m in [re.match(rf"{prefix}\[(\d+)\]", k)] if m
        }
        return sorted(found)


def number(
    text: str, name: str, errors: dict[str, str], *, required: bool = False
) -> float | int | None:
    """A number from text (``12``, ``12.5``, ``1,200`` is refused as ambiguous)."""
    if not text:
        if required:
            errors[name] = "Enter a number."
        return None
    try:
        value = float(text)
    except ValueError:
        errors[name] = f"'{text}' is not a number; write it like 12 or 12.5."
        return None
    return int(value) if value.is_integer() and "." not in text else value


def estimate(text: str, name: str, errors: dict[str, str]) -> Any:
    """``12`` -> 12; ``9, 12, 18`` -> [9, 12, 18] (low, likely, high)."""
    if not text:
        errors[name] = "Enter a number, or a range as low, likely, high."
        return None
    parts = _SPLIT.split(text.strip("[] "))
    if len(parts) == 1:
        return number(parts[0], name, errors, required=True)
    if len(parts) != 3:
        errors[name] = "A range is three numbers: low, likely, high (e.g. 9, 12, 18)."
        return None
    values = [number(p, name, errors, required=True) for p in parts]
    return None if name in errors else values


def slug(text: str, taken: set[str]) -> str:
    """An id from a name: lower case, words joined by '_', unique among ``taken``."""
    base = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "item"
    if not base[0].isalpha():
        base = f"x_{base}"
    base = base[:40]
    out, n = base, 2
    while out in taken:
        out, n = f"{base}_{n}", n + 1
    return out
