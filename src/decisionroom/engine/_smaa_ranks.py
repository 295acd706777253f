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

    The credit for ranks is held densely for a few options and as
    ``(option, rank, share)`` triples for a long list, so a batch costs
    memory in proportion to what it credits, not to ``n * ranks``.

    Attributes:
        dense: ``(n, ranks)`` credit per option and rank, or None.
        option: with ``rank`` and ``share``, the sparse credit (when ``dense``
            is None): option ``option[e]`` gets ``share[e]`` of rank ``rank[e]``.
        rank: see ``option``.
        share: see ``option``.
        first_sample: sample index of each first-place credit.
        first_option: option index of each first-place credit.
        first_share: the credit, ``1 / g`` for a ``g``-way tie for first.
    """

    dense: FloatArray | None
    option: IntArray
    rank: IntArray
    share: FloatArray
    first_sample: IntArray
    first_option: IntArray
    first_share: FloatArray

    def add_counts(self, out: FloatArray) -> None:
        """Add the batch's credit per option and rank to ``out`` ``(n, ranks)``."""
        if self.dense is not None:
            out += self.dense
        elif self.option.size:
            np.add.at(out, (self.option, self.rank), self.share)

    def counts(self, n: int, ranks: int) -> FloatArray:
        """``(n, ranks)`` credit of each option for each rank, summed over the batch."""
        out = np.zeros((n, ranks))
        self.add_counts(out)
        return out

    def first_per_option(self, n: int) -> FloatArray:
        """First-place credit per option, summed over the batch."""
        found = np.bincount(self.first_option, weights=self.first_share, minlength=n)
        return np.asarray(found, dtype=np.float64)

    def add_first_weights(self, w: NDArray[Any], out: FloatArray) -> None:
        """Add the weights ``w`` ``(m, k)`` of each option's first places to ``out`` ``(n, m)``.

        Only the options that were first somewhere are touched: a long list
        does not pay for the options that never win.
        """
        if not self.first_option.size:
            return
        firsts, slot = np.unique(self.first_option, return_inverse=True)
        weighted = w[:, self.first_sample] * self.first_share  # (m, f)
        sums = np.empty((firsts.size, w.shape[0]))
        for j in range(w.shape[0]):
            sums[:, j] = np.bincount(slot, weights=weighted[j], minlength=firsts.size)
        out[firsts] += sums


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
    empty = np.empty(0, dtype=np.intp)
    return RankCredit(
        counts,
        empty,
        empty,
        np.empty(0),
        samples,
        opts,
        np.asarray(share[opts, samples], dtype=np.float64),
    )


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
    c_opt: list[IntArray] = []
    c_rank: list[IntArray] = []
    c_share: list[FloatArray] = []
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
            c_opt.append(t[take])
            c_rank.append(rank[take])
            c_share.append(share[take])
        lead = start == 0
        first_s.append(plain[np.nonzero(lead)[0]])
        first_o.append(t[lead])
        first_w.append(share[lead])
    for s in np.flatnonzero(spill):  # rare: a tie across the partition boundary
        better, tied = _sorted_counts(rows[s])
        one = _credit(better[:, None], tied[:, None], ranks)
        assert one.dense is not None
        o, r = np.nonzero(one.dense)
        c_opt.append(o)
        c_rank.append(r)
        c_share.append(one.dense[o, r])
        first_s.append(np.full(one.first_option.size, s, dtype=np.intp))
        first_o.append(one.first_option)
        first_w.append(one.first_share)
    return RankCredit(
        None,
        _joined(c_opt, np.intp),
        _joined(c_rank, np.intp),
        _joined(c_share, np.float64),
        _joined(first_s, np.intp),
        _joined(first_o, np.intp),
        _joined(first_w, np.float64),
    )


def _joined(parts: list[NDArray[Any]], dtype: type[np.generic]) -> NDArray[Any]:
    return np.concatenate(parts).astype(dtype, copy=False) if parts else np.empty(0, dtype=dtype)


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
