"""Progress of a long analysis, reported step by step to whoever shows it.

The analysis calls ``progress(step, done, total)``: ``step`` a short label
such as ``"Simulating (SMAA-2)"``, ``done`` out of ``total`` units of work.
A step starts with ``done == 0`` and ends with ``done == total``. The CLI
turns these calls into a progress bar on standard error
(``decisionroom.cli._progress``); the library itself prints nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["Progress", "Steps"]

Progress = Callable[[str, float, float], None]


class Steps:
    """Report the steps of one analysis to an optional :data:`Progress` callback."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress = progress

    @contextmanager
    def step(self, label: str) -> Iterator[Callable[[float, float], None]]:
        """A step: yields ``update(done, total)`` for steps that know their progress."""
        report = self._progress
        if report is None:
            yield lambda done, total: None
            return
        report(label, 0, 1)
        last = [1.0]

        def update(done: float, total: float) -> None:
            last[0] = float(total)
            report(label, done, total)

        try:
            yield update
        finally:
            report(label, last[0], last[0])
