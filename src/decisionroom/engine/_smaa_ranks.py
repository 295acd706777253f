"""Rank credit for SMAA: who takes which rank in each sample, ties shared.

In every sample the options are ranked by score. Options with exactly equal
scores share the ranks they jointly occupy: ``g`` options tied for ranks
``r .. r + g - 1`` each get ``1 / g`` of each of those ranks. So identical
options get identical rank acceptabilities, and a tie for first place is
never credited to whichever option comes first in the file (#11).

Only the first ``ranks`` ranks are counted (all of them by default). For a
long list that is what keeps the cost linear in the options: the best
``ranks`` options of a sample are found by partition, not by sorting all of
them.

Scores arrive as ``(n, k)``: ``n`` options, ``k`` samples.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["RankCredit", "rank_credit"]

IntArray = NDArray[np.intp]
FloatArray = NDArray[np.float64]

#: Up to this many options, ranks come from pairwise comparisons over contiguous
#: rows, several times faster than sorting each sample.
PAIRWISE_MAX_N = 16


@dataclass(frozen=True)
class RankCredit:
    """The ranks of one batch of samples, with ties shared.

    Attributes:
        counts: ``(n, ranks)`` credit of each option for each rank, summed
            over the batch (whole numbers unless there are ties).
        first_sample: sample index of each first-place credit.
        first_option: option index of each first-place credit.
        first_share: the credit, ``1 / g`` for a ``g``-way tie for first.
    """

    counts: FloatArray
    first_sample: IntArray
    first_option: IntArray
    first_share: FloatArray

    def first_per_option(self, n: int) -> FloatArray:
        """First-place credit per option, summed over the batch."""
        found = np.bincount(self.first_option, weights=self.first_share, minlength=n)
        return np.asarray(found, dtype=np.float64)

    def first_weight_sums(self, w: NDArray[Any], n: int) -> FloatArray:
        """``(n, m)``: the weights ``w`` ``(m, k)`` summed over each option's first places."""
        m = w.shape[0]
        out = np.empty((n, m))
        for j in range(m):
            out[:, j] = np.bincount(
                self.first_option,
                weights=w[j, self.first_sample] * self.first_share,
                minlength=n,
            )
        return out


def rank_credit(
    scores: NDArray[Any], higher_is_better: bool, ranks: int | None = None
) -> RankCredit:
    """Rank credit of a batch of samples ``(n, k)``; ``ranks`` counts the first ranks only."""
    n, _ = scores.shape
    r = n if ranks is None else max(1, min(int(ranks), n))
    key = np.asarray(-scores if higher_is_better else scores)  # lower key ranks first
    if n <= PAIRWISE_MAX_N:
        better, tied = _pairwise(key)
        return _credit(better, tied, r)
    return _partitioned(key, r)


def _pairwise(key: NDArray[Any]) -> tuple[IntArray, IntArray]:
    """Per option and sample: how many options rank strictly better, and how many tie."""
    n, k = key.shape
    better = np.zeros((n, k), dtype=np.intp)
    tied = np.zeros((n, k), dtype=np.intp)
    less = np.empty(k, dtype=bool)
    equal = np.empty(k, dtype=bool)
    for i in range(n):
        for j in range(i + 1, n):
            np.less(key[j], key[i], out=less)
            np.equal(key[j], key[i], out=equal)
            better[i] += less
            tied[i] += equal
            tied[j] += equal
            better[j] += ~(less | equal)
    return better, tied


def _credit(better: IntArray, tied: IntArray, ranks: int) -> RankCredit:
    """Credit from ``better`` and ``tied`` counts ``(n, k)``: ranks ``better .. better + tied``."""
    n, k = better.shape
    counts = np.zeros((n, ranks))
    share = 1.0 / (tied + 1.0)
    most = int(tied.max()) if tied.size else 0
    for d in range(most + 1):
        rank = better + d
        take = (d <= tied) & (rank < ranks)
        rows, cols = np.nonzero(take)
        if rows.size:
            np.add.at(counts, (rows, rank[rows, cols]), share[rows, cols])
    first = better == 0
    opts, samples = np.nonzero(first)
    return RankCredit(counts, samples, opts, np.asarray(share[opts, samples], dtype=np.float64))


def _partitioned(key: NDArray[Any], ranks: int) -> RankCredit:
    """The first ``ranks`` ranks of many options: partition each sample, sort only the top."""
    n, k = key.shape
    rows = np.ascontiguousarray(key.T)  # (k, n): one sample per contiguous row
    if ranks < n:
        top = np.argpartition(rows, ranks - 1, axis=1)[:, :ranks]
    else:
        top = np.broadcast_to(np.arange(n), (k, n)).copy()
    vals = np.take_along_axis(rows, top, axis=1)
    order = np.lexsort((top, vals), axis=1)  # by key, then by option for a stable result
    top = np.take_along_axis(top, order, axis=1)
    vals = np.take_along_axis(vals, order, axis=1)
    # an option outside the partition can only tie with its last value
    spill = np.zeros(k, dtype=bool)
    if ranks < n:
        last = vals[:, -1:]
        inside = np.count_nonzero(vals == last, axis=1)
        spill = np.count_nonzero(rows == last, axis=1) > inside
    counts = np.zeros((n, ranks))
    first_s: list[IntArray] = []
    first_o: list[IntArray] = []
    first_w: list[FloatArray] = []
    plain = np.flatnonzero(~spill)
    if plain.size:
        v, t = vals[plain], top[plain]
        start, size = _groups(v)
        share = 1.0 / size
        for d in range(int(size.max())):
            # the member at position p of a group starting at s shares ranks s .. s + size - 1
            rank = start + d
            take = d < size
            np.add.at(counts, (t[take], rank[take]), share[take])
        lead = start == 0
        first_s.append(plain[np.nonzero(lead)[0]])
        first_o.append(t[lead])
        first_w.append(share[lead])
    for s in np.flatnonzero(spill):  # rare: a tie across the partition boundary
        better, tied = _sorted_counts(rows[s])
        one = _credit(better[:, None], tied[:, None], ranks)
        counts += one.counts
        first_s.append(np.full(one.first_option.size, s, dtype=np.intp))
        first_o.append(one.first_option)
        first_w.append(one.first_share)
    return RankCredit(
        counts,
        np.concatenate(first_s) if first_s else np.empty(0, dtype=np.intp),
        np.concatenate(first_o) if first_o else np.empty(0, dtype=np.intp),
        np.concatenate(first_w) if first_w else np.empty(0),
    )


def _groups(vals: NDArray[Any]) -> tuple[IntArray, FloatArray]:
    """For sorted rows: each position's tie-group start and size, shape ``(k, r)``."""
    k, r = vals.shape
    pos = np.broadcast_to(np.arange(r), (k, r))
    new = np.ones((k, r), dtype=bool)
    new[:, 1:] = vals[:, 1:] != vals[:, :-1]
    start = np.maximum.accumulate(np.where(new, pos, 0), axis=1)
    end_new = np.ones((k, r), dtype=bool)
    end_new[:, :-1] = new[:, 1:]
    end = np.minimum.accumulate(np.where(end_new, pos, r - 1)[:, ::-1], axis=1)[:, ::-1]
    return start, (end - start + 1).astype(np.float64)


def _sorted_counts(row: NDArray[Any]) -> tuple[IntArray, IntArray]:
    """``better`` and ``tied`` for every option of one sample, by sorting it."""
    idx = np.argsort(row, kind="stable")
    start, size = _groups(row[idx][None, :])
    better = np.empty(row.size, dtype=np.intp)
    tied = np.empty(row.size, dtype=np.intp)
    better[idx] = start[0]
    tied[idx] = size[0].astype(np.intp) - 1
    return better, tied
