"""Errors raised by decisionroom.

Library code raises; only the edges (CLI, later the web app) render. Every
error carries one or more :class:`ErrorDetail` with a location, so a user is
told *where* the problem is, *what* is wrong and *what was received*::

    DecisionroomError
    ├── InvalidInput                  bad input from a user (exit code 2)
    │   ├── UnreadableFile            cannot be read or parsed at all
    │   ├── UnwritableFile            an output cannot be written where it was asked to go
    │   ├── InvalidDecision           a decision file breaks the schema or its rules
    │   ├── InvalidSpreadsheet        a decision matrix spreadsheet is malformed
    │   └── InvalidParameter          a method or weighting parameter is out of range
    │       └── UnknownMethod         no method is registered under that id
    └── AnalysisFailed                valid input the analysis still cannot handle (exit code 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Self

__all__ = [
    "AnalysisFailed",
    "DecisionroomError",
    "ErrorDetail",
    "InvalidDecision",
    "InvalidInput",
    "InvalidParameter",
    "InvalidSpreadsheet",
    "UnknownMethod",
    "UnreadableFile",
    "UnwritableFile",
]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class ErrorDetail:
    """One located problem: ``loc`` like ``factors[2].direction``, a plain sentence, the input."""

    loc: str
    code: str
    msg: str
    input: Any = field(default=MISSING)

    def render(self) -> str:
        """Render as ``loc: sentence Got X instead.`` for people."""
        text = f"{self.loc}: {self.msg}" if self.loc else self.msg
        if self.input is not MISSING:
            text += f" Got {_short_repr(self.input)} instead."
        return text

    def to_dict(self) -> dict[str, Any]:
        """Return the pydantic-like ``{loc, code, msg, input}`` mapping."""
        out: dict[str, Any] = {"loc": self.loc, "code": self.code, "msg": self.msg}
        if self.input is not MISSING:
            out["input"] = self.input
        return out


def _short_repr(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class DecisionroomError(Exception):
    """Base class of every error decisionroom raises on purpose."""

    exit_code = 1

    def __init__(self, errors: ErrorDetail | Iterable[ErrorDetail]) -> None:
        self.errors: list[ErrorDetail] = (
            [errors] if isinstance(errors, ErrorDetail) else list(errors)
        )
        super().__init__("\n".join(e.render() for e in self.errors))

    @classmethod
    def at(cls, loc: str, msg: str, *, code: str = "invalid", input: Any = MISSING) -> Self:
        """Build the error for a single located problem."""
        return cls(ErrorDetail(loc=loc, code=code, msg=msg, input=input))


class InvalidInput(DecisionroomError, ValueError):
    """The user's input is wrong; the message says where and how to fix it."""

    exit_code = 2


class UnreadableFile(InvalidInput):
    """A file cannot be read or parsed (missing, binary, too large, bad syntax)."""


class UnwritableFile(InvalidInput):
    """An output cannot be written: it is the input, exists, or the place refuses it."""


class InvalidDecision(InvalidInput):
    """A decision file breaks the schema or its consistency rules."""

    def __init__(
        self, errors: ErrorDetail | Iterable[ErrorDetail], warnings: Sequence[ErrorDetail] = ()
    ) -> None:
        super().__init__(errors)
        self.warnings = list(warnings)


class InvalidSpreadsheet(InvalidInput):
    """A decision matrix spreadsheet (CSV or XLSX) is malformed."""


class InvalidParameter(InvalidInput):
    """A method or weighting parameter is missing, unknown or out of range."""


class UnknownMethod(InvalidParameter):
    """No method is registered under the requested id."""


class AnalysisFailed(DecisionroomError):
    """Valid input that the analysis still cannot handle."""
