"""Group weights: AIJ and AIP (Forman & Peniwati 1998, EJOR 108(1)).

Two published group examples with weighted decision makers are reproduced
(Dong et al. 2010; Escobar et al. 2015, data in ``published_ahp``); the other
cases are exact by hand: geometric means of simple ratios, the reciprocity
property Aczél & Saaty (1983) prove for the geometric mean, and missing
judgments renormalising the influence.
"""

from __future__ import annotations

import numpy as np
import pytest

from decisionroom.engine.ahp import geometric_mean_priorities
from decisionroom.engine.group import aggregate_judgments, aggregate_priorities
from decisionroom.errors import InvalidParameter
from tests.engine.published_ahp import (
    DONG_GROUP_GCI,
    DONG_GROUP_PRIORITIES,
    DONG_GROUP_UPPER,
    DONG_INFLUENCE,
    DONG_MATRICES,
    ESCOBAR_AIJ,
    ESCOBAR_AIJ_CELLS,
    ESCOBAR_MATRICES,
)


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


def test_weighted_aij_dong_2010():
    """Dong, Zhang, Hong & Xu (2010), Decision Support Systems 49(3), 281-289, Section 5:
    five decision makers with influence 0.1, 0.3, 0.1, 0.2, 0.3. The printed group matrix
    A(c) (four decimals), its RGM priorities w(c) = .4984 .2727 .1541 .0747 and GCI .056
    (Table 3)."""
    g = aggregate_judgments(np.array(DONG_MATRICES), DONG_INFLUENCE)
    for (i, j), printed in DONG_GROUP_UPPER.items():
        decimals = len(str(printed).split(".")[1])
        assert g[i, j] == pytest.approx(printed, abs=0.5 * 10**-decimals), (i, j)
    p = geometric_mean_priorities(g)
    np.testing.assert_allclose(p.weights, DONG_GROUP_PRIORITIES, atol=5e-5)
    assert p.gci == pytest.approx(DONG_GROUP_GCI, abs=5e-4)
    # aggregating the individual RGM priorities geometrically gives the same vector (AIP)
    individual = np.array([geometric_mean_priorities(m).weights for m in DONG_MATRICES])
    aip = aggregate_priorities(individual, DONG_INFLUENCE, mean="geometric")
    np.testing.assert_allclose(aip, p.weights, atol=1e-12)


@pytest.mark.parametrize("case", sorted(ESCOBAR_AIJ))
def test_aij_escobar_2015(case):
    """Escobar, Aguarón & Moreno-Jiménez (2015), Decision Support Systems, doi
    10.1016/j.dss.2015.04.005: AIJ with equal and with seat-weighted influence for three
    and four parties, group priorities and GCI (Tables 5-6, 8-9, 15-16, 22-23, three
    decimals) and cells of the four-party group matrix (Tables 11-14, 18-21, two)."""
    parties, influence, priorities, gci = ESCOBAR_AIJ[case]
    g = aggregate_judgments(np.array([ESCOBAR_MATRICES[p] for p in parties]), influence)
    p = geometric_mean_priorities(g)
    np.testing.assert_allclose(p.weights, priorities, atol=5e-4 + 1e-12)
    assert p.gci == pytest.approx(gci, abs=5e-4 + 1e-12)
    for (i, j), printed in ESCOBAR_AIJ_CELLS.get(tuple(influence), {}).items():
        assert g[i, j] == pytest.approx(printed, abs=5e-3), (i, j)


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
