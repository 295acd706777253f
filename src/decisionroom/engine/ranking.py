"""From scores to a ranking: best first, ties share a rank."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from decisionroom.engine.problem import FloatArray

#: Scores closer than this (relative) are a tie, so float noise never decides a rank.
TIE_TOLERANCE = 1e-12


def order(scores: FloatArray, higher_is_better: bool) -> NDArray[np.intp]:
    """Option indices best first; ties keep the input order (stable)."""
    key = -scores if higher_is_better else scores
    return np.argsort(key, kind="stable")


def ranks(scores: FloatArray, higher_is_better: bool) -> NDArray[np.intp]:
    """Competition ranks (1, 2, 2, 4): ties within tolerance share the better rank."""
    idx = order(scores, higher_is_better)
    sorted_scores = scores[idx]
    scale = max(1.0, float(np.max(np.abs(scores)))) if scores.size else 1.0
    new_group = np.ones(len(idx), dtype=bool)
    new_group[1:] = np.abs(np.diff(sorted_scores)) > TIE_TOLERANCE * scale
    positions = np.arange(1, len(idx) + 1)
    group_rank = np.maximum.accumulate(np.where(new_group, positions, 0))
    out = np.empty(len(idx), dtype=np.intp)
    out[idx] = group_rank
    return out


def batch_ranks(scores: FloatArray, higher_is_better: bool) -> NDArray[np.intp]:
    """0-based ranks for a batch ``(k, n)`` of score vectors; ties broken by option order."""
    key = -scores if higher_is_better else scores
    idx = np.argsort(key, axis=-1, kind="stable")
    out = np.empty_like(idx)
    np.put_along_axis(out, idx, np.broadcast_to(np.arange(scores.shape[-1]), idx.shape), -1)
    return out
