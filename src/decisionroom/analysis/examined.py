"""Which options the robustness pass examines in detail.

Some parts of the robustness pass cost time in proportion to the number of
options *examined* (what-ifs of performance, weight sweeps, the additive view
in the output); the rest (weight stability, SMAA first places) covers every
option. The rule, documented for users in ``docs/analysis-json.md``:

- with at most ``top_k`` options, every option is examined;
- otherwise: the winner and the runner-up, then every option that ranks
  first in at least one SMAA sample (most often first first), then the
  best-ranked of the rest, until ``top_k`` options are examined.

An option outside that set is not among the ``top_k`` best and ranks first
in no more samples than the examined ones, so it is summarised: its score
and rank are reported, its what-ifs are not.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

__all__ = ["DEFAULT_TOP_K", "FULL_RANKS_MAX", "examined_options", "rule_text"]

#: Options examined in detail by default; the first ranks SMAA counts on a long list.
DEFAULT_TOP_K = 10
#: Up to this many options SMAA reports the full rank-acceptability matrix.
FULL_RANKS_MAX = 20


def examined_options(
    order: Sequence[int] | NDArray[np.intp],
    first_shares: NDArray[np.float64] | None,
    top_k: int,
) -> list[int]:
    """Indices of the examined options, the winner first (see the module docstring).

    Args:
        order: option indices best first (the ranking).
        first_shares: each option's first-place share in SMAA, or None.
        top_k: how many options to examine at most (at least 1).
    """
    ranked = [int(i) for i in order]
    if len(ranked) <= top_k:
        return ranked
    chosen: list[int] = ranked[: min(2, top_k)]
    seen = set(chosen)
    if first_shares is not None:
        shares = np.asarray(first_shares, dtype=float)
        position = {i: p for p, i in enumerate(ranked)}
        contenders = sorted(
            (int(i) for i in np.flatnonzero(shares > 0)),
            key=lambda i: (-shares[i], position[i]),  # most often first first; ties by rank
        )
        for i in contenders:
            if len(chosen) >= top_k:
                break
            if i not in seen:
                chosen.append(i)
                seen.add(i)
    for i in ranked:
        if len(chosen) >= top_k:
            break
        if i not in seen:
            chosen.append(i)
            seen.add(i)
    return chosen


def rule_text(n: int, top_k: int) -> str:
    """The rule in one sentence, for the analysis JSON."""
    if n <= top_k:
        return f"All {n} options are examined (up to {top_k} are)."
    return (
        f"{top_k} of {n} options are examined: the winner and the runner-up, then those "
        "that rank first in at least one SMAA sample (most often first first), then the "
        "best-ranked of the rest."
    )
