"""The progress bar: on a terminal's stderr, only once a step is slow (issue #9)."""

from __future__ import annotations

import io

from decisionroom.analysis import analyze
from decisionroom.cli._progress import StepBar, step_bar
from tests.test_long_lists import _long_list


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_appears_only_after_the_delay():
    stream = _Tty()
    bar = StepBar(stream, show_after=3600)
    bar("Simulating (SMAA-2)", 5, 10)
    bar.close()
    assert stream.getvalue() == ""
    stream = _Tty()
    bar = StepBar(stream, show_after=0)
    analyze(_long_list(50), smaa=3000, progress=bar)
    bar.close()
    assert "Simulating (SMAA-2)" in stream.getvalue()


def test_progress_bar_never_on_a_pipe():
    with step_bar(io.StringIO()) as bar:
        assert bar is None


def test_progress_steps_are_reported_start_to_end():
    seen: list[tuple[str, float, float]] = []
    analyze(_long_list(30), smaa=2000, progress=lambda s, d, t: seen.append((s, d, t)))
    steps = [s for s, _, _ in seen]
    for step in ("Simulating (SMAA-2)", "Sensitivity", "Consensus", "Explaining"):
        first = steps.index(step)
        last = len(steps) - 1 - steps[::-1].index(step)
        assert seen[first][1] == 0 and seen[last][1] == seen[last][2]
