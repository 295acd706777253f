import numpy as np
import pytest

from decisionroom.engine.weighting import (
    from_ranking,
    normalize_points,
    rank_order_centroid,
    rank_sum,
    swing,
)


def test_rank_order_centroid_barron1996():
    """Barron, F. H. & Barrett, B. E. (1996). Decision quality using ranked attribute
    weights. Management Science 42(11), 1515-1523: the ROC weights tabulated for
    n = 2..5 (four decimals)."""
    published = {
        2: [0.7500, 0.2500],
        3: [0.6111, 0.2778, 0.1111],
        4: [0.5208, 0.2708, 0.1458, 0.0625],
        5: [0.4567, 0.2567, 0.1567, 0.0900, 0.0400],
    }
    for n, weights in published.items():
        np.testing.assert_allclose(rank_order_centroid(n), weights, atol=5e-5)


def test_rank_sum_barron1996():
    """Barron & Barrett (1996), rank-sum weights 2(n + 1 - k) / (n(n + 1)): n = 4 gives
    0.4, 0.3, 0.2, 0.1."""
    np.testing.assert_allclose(rank_sum(4), [0.4, 0.3, 0.2, 0.1])


def test_swing_goodwin_wright_office_location():
    """Goodwin, P. & Wright, G. Decision Analysis for Management Judgment (Wiley),
    chapter 3 (SMART), office-location example: swing ratings 100, 80, 70, 30, 20, 10
    give the normalised weights 32, 26, 23, 10, 6, 3 (whole percent, the table on p. 44
    of the 4th edition), and the three turnover attributes together weigh 81 against
    19 for working conditions (p. 47)."""
    w = swing([100, 80, 70, 30, 20, 10])
    np.testing.assert_array_equal(np.round(100 * w), [32, 26, 23, 10, 6, 3])
    assert round(100 * w[:3].sum()) == 81 and round(100 * w[3:].sum()) == 19


@pytest.mark.parametrize("n", [1, 2, 3, 7, 12])
def test_ranking_schemes_sum_to_one_and_decrease(n):
    for scheme in ("roc", "rank-sum"):
        w = from_ranking(n, scheme)
        assert w.shape == (n,)
        assert w.sum() == pytest.approx(1.0)
        assert np.all(np.diff(w) < 0)


def test_from_ranking_unknown_scheme():
    with pytest.raises(ValueError, match="unknown ranking scheme"):
        from_ranking(3, "borda")


@pytest.mark.parametrize("n", [0, -1, 2.5, True])
def test_ranking_rejects_bad_n(n):
    with pytest.raises(ValueError, match="positive integer"):
        rank_order_centroid(n)


def test_normalize_points_any_scale():
    np.testing.assert_allclose(normalize_points([30, 20, 50]), [0.3, 0.2, 0.5])
    np.testing.assert_allclose(normalize_points([3, 2, 5]), normalize_points([30, 20, 50]))
    np.testing.assert_allclose(normalize_points([1, 0]), [1.0, 0.0])


@pytest.mark.parametrize("points", [[], [0, 0], [1, -1], [1, np.nan], [[1, 2]]])
def test_normalize_points_rejects(points):
    with pytest.raises(ValueError):
        normalize_points(points)


@pytest.mark.parametrize("points", [[90, 40], [100, 120], [100, -5], []])
def test_swing_rejects(points):
    with pytest.raises(ValueError):
        swing(points)
