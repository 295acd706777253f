"""Group weights: AIJ and AIP (Forman & Peniwati 1998, EJOR 108(1)).

No published group-AHP example with printed aggregated matrices was at hand,
so the cases are exact by hand: geometric means of simple ratios, the
reciprocity property Aczél & Saaty (1983) prove for the geometric mean, and
missing judgments renormalising the influence.
"""

from __future__ import annotations

import numpy as np
import pytest

from decisionroom.engine.group import aggregate_judgments, aggregate_priorities
from decisionroom.errors import InvalidParameter


def _pairwise(a12: float, a13: float, a23: float) -> np.ndarray:
    return np.array([[1, a12, a13], [1 / a12, 1, a23], [1 / a13, 1 / a23, 1]], dtype=float)


def test_aggregate_judgments_geometric_mean_by_hand():
    # three stakeholders say factor 1 is 2, 3 and 4 times as important as factor 2
    mats = np.stack([_pairwise(2, 1, 1), _pairwise(3, 1, 1), _pairwise(4, 1, 1)])
    g = aggregate_judgments(mats, [1, 1, 1])
    assert g[0, 1] == pytest.approx(24 ** (1 / 3))
    assert g[1, 0] == pytest.approx(24 ** (-1 / 3))
    # influence 2:1:1 -> (2^2 * 3 * 4)^(1/4) = 48^(1/4)
    assert aggregate_judgments(mats, [2, 1, 1])[0, 1] == pytest.approx(48**0.25)


def test_aggregate_judgments_is_reciprocal():
    rng = np.random.default_rng(0)
    mats = np.stack([_pairwise(*rng.choice([1 / 9, 1 / 3, 1, 3, 5, 9], 3)) for _ in range(5)])
    g = aggregate_judgments(mats, rng.uniform(0.5, 2, 5))
    np.testing.assert_allclose(g * g.T, np.ones((3, 3)))
    np.testing.assert_array_equal(np.diag(g), 1.0)
    # the same as aggregating the reciprocals and inverting (the AIJ property)
    inverted = aggregate_judgments(1 / mats, np.ones(5))
    np.testing.assert_allclose(inverted, 1 / aggregate_judgments(mats, np.ones(5)))


def test_aggregate_judgments_skips_missing_per_cell():
    a = _pairwise(4, 2, 1)
    b = _pairwise(1, 8, 1)
    b[0, 1] = b[1, 0] = np.nan  # b did not compare factors 1 and 2
    c = _pairwise(9, 2, 1)
    c[0, 2] = np.nan  # c filled only the lower cell: read as 1 / a_31
    g = aggregate_judgments(np.stack([a, b, c]), [1, 3, 1])
    assert g[0, 1] == pytest.approx((4 * 9) ** 0.5)  # influence renormalised over a and c
    assert g[0, 2] == pytest.approx((2 * 8**3 * 2) ** (1 / 5))
    nobody = np.stack([a, a])
    nobody[:, 1, 2] = nobody[:, 2, 1] = np.nan
    g = aggregate_judgments(nobody, [1, 1])
    assert np.isnan(g[1, 2]) and np.isnan(g[2, 1])


def test_aggregate_priorities_arithmetic_and_geometric():
    w = np.array([[0.5, 0.3, 0.2], [0.2, 0.2, 0.6]])
    np.testing.assert_allclose(aggregate_priorities(w, [1, 1]), [0.35, 0.25, 0.4])
    np.testing.assert_allclose(aggregate_priorities(w, [3, 1]), [0.425, 0.275, 0.3])
    geo = np.sqrt(w[0] * w[1])
    np.testing.assert_allclose(aggregate_priorities(w, [1, 1], mean="geometric"), geo / geo.sum())
    # points on any scale are normalised first
    np.testing.assert_allclose(aggregate_priorities(w * [[10], [3]], [1, 1]), [0.35, 0.25, 0.4])


def test_aggregate_priorities_skipped_factor():
    # stakeholder 2 skipped factor 3: their weights are normalised over factors 1-2
    w = np.array([[0.5, 0.3, 0.2], [3.0, 1.0, np.nan]])
    g = aggregate_priorities(w, [1, 1])
    raw = np.array([(0.5 + 0.75) / 2, (0.3 + 0.25) / 2, 0.2])
    np.testing.assert_allclose(g, raw / raw.sum())
    zero = aggregate_priorities(
        np.array([[0.5, 0.5, 0.0], [0.2, 0.4, 0.4]]), [1, 1], mean="geometric"
    )
    assert zero[2] == 0 and zero.sum() == pytest.approx(1)


def test_group_rejects_bad_input():
    with pytest.raises(InvalidParameter, match="stakeholders.influence"):
        aggregate_priorities(np.ones((2, 3)), [1, -1])
    with pytest.raises(InvalidParameter, match=r"stakeholders\[1\].weights"):
        aggregate_priorities(np.array([[1.0, 2.0], [0.0, 0.0]]), [1, 1])
    with pytest.raises(InvalidParameter, match="positive finite"):
        aggregate_judgments(np.stack([_pairwise(2, 1, 1) * -1]), [1])
