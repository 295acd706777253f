"""A progress bar on standard error for the steps of a long analysis.

The bar appears only once the analysis has run for :data:`SHOW_AFTER`
seconds, so quick commands print nothing extra, and only when standard
error is a terminal: ``--format json > file`` still shows it, a pipe or a
log file never gets control codes. The analysis reports its steps through
:mod:`decisionroom.analysis.progress`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

#: Seconds before the bar appears.
SHOW_AFTER = 1.0


class StepBar:
    """Receives ``(step, done, total)`` calls and draws them once the work is slow."""

    def __init__(self, stream: TextIO | None = None, show_after: float = SHOW_AFTER) -> None:
        self._stream = stream or sys.stderr
        self._show_after = show_after
        self._started = time.monotonic()
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._label = ""

    def __call__(self, step: str, done: float, total: float) -> None:
        if self._bar is None:
            if time.monotonic() - self._started < self._show_after:
                return
            self._open()
        assert self._bar is not None
        if self._task is None or step != self._label:
            if self._task is not None:
                self._bar.remove_task(self._task)
            self._task = self._bar.add_task(step, total=max(total, 1e-12))
            self._label = step
        self._bar.update(self._task, completed=done, total=max(total, 1e-12))

    def _open(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(file=self._stream, highlight=False, markup=False)
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f}%"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self._bar.start()

    def close(self) -> None:
        """Remove the bar from the screen."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


@contextmanager
def step_bar(stream: TextIO | None = None) -> Iterator[StepBar | None]:
    """A :class:`StepBar` when ``stream`` (standard error) is a terminal, else None."""
    stream = stream or sys.stderr
    if not stream.isatty():
        yield None
        return
    bar = StepBar(stream)
    try:
        yield bar
    finally:
        bar.close()
