import numpy as np
import pytest

from decisionroom.engine.objective import critic_weights, entropy_weights


def test_entropy_xu2004():
    """Xu, X. (2004). A note on the subjective and objective integrated approach to
    determine attribute weights. European Journal of Operational Research 156(2),
    530-532: entropy weights 0.4630, 0.3992, 0.1378, 0.0000 (four decimals)."""
    x = np.array([[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]])
    np.testing.assert_allclose(entropy_weights(x), [0.4630, 0.3992, 0.1378, 0.0], atol=5e-5)


def test_entropy_zavadskas_podvezko2016():
    """Zavadskas, E. K. & Podvezko, V. (2016). Integrated determination of objective
    criteria weights in MCDM. Int. J. of Information Technology & Decision Making 15(2),
    267-283: entropy weights on the raw values (two cost factors, directions ignored)
    0.1146, 0.1981, 0.4185, 0.2689."""
    x = np.array([[3.0, 100, 10, 7], [2.5, 80, 8, 5], [1.8, 50, 20, 11], [2.2, 70, 12, 9]])
    np.testing.assert_allclose(entropy_weights(x), [0.1146, 0.1981, 0.4185, 0.2689], atol=5e-5)


def test_critic_tus_aytac_adali2019():
    """Tuş, A. & Aytaç Adalı, E. (2019). The new combination with CRITIC and WASPAS methods
    for the time and attendance software selection problem. OPSEARCH 56(2), 528-538:
    CRITIC weights 0.157, 0.249, 0.168, 0.121, 0.154, 0.151 (three decimals).

    The published weights are reproduced only when price enters the correlations
    un-reversed: either the paper normalised it as a benefit or it took correlations on
    the raw values; the weights cannot tell which, since reversing a column keeps its
    spread and only flips the sign of its correlations. So the case is run with benefit
    everywhere; the cost reversal is pinned by the next test."""
    x = np.array(
        [
            [5000, 3, 3, 4, 3, 2],
            [680, 5, 3, 2, 2, 1],
            [2000, 3, 2, 3, 4, 3],
            [600, 4, 3, 1, 2, 2],
            [800, 2, 4, 3, 3, 4],
        ],
        dtype=float,
    )
    w = critic_weights(x, np.ones(6, dtype=bool))
    np.testing.assert_allclose(w, [0.157, 0.249, 0.168, 0.121, 0.154, 0.151], atol=5e-4)


def test_critic_mixed_directions_jmcdm():
    """Cross-implementation check with a cost factor: the TR-61 bank data of Akçakanat,
    Aksoy & Teker (2018), SDÜ Sosyal Bilimler Enstitüsü Dergisi 1(32), 1-24, as used in
    the CRITIC tests of JMcDM (Julia), third factor minimised; JMcDM's weights .168839,
    .418445, .249125, .163591. With benefit everywhere they would be about .262 .229
    .262 .247, so this fixes the direction handling."""
    x = np.array(
        [
            [12.9918, 0.7264, -1.1009, 1.598139592],
            [4.1201, 5.8824, 3.4483, 1.021563567],
            [4.1039, 0.0000, -0.5076, 0.984469444],
        ]
    )
    w = critic_weights(x, np.array([True, True, False, True]))
    np.testing.assert_allclose(w, [0.168839, 0.418445, 0.249125, 0.163591], atol=5e-6)
    assert abs(critic_weights(x, np.ones(4, bool))[1] - w[1]) > 0.1


def test_critic_diakoulaki1995_data():
    """Diakoulaki, D., Mavrotas, G. & Papayannakis, L. (1995). Determining objective
    weights in multiple criteria problems: the CRITIC method. Computers & Operations
    Research 22(7), 763-770: the illustrative data (eight options, three benefit
    factors) as carried by scikit-criteria, whose CRITIC weights are 0.20223, 0.48090,
    0.31687 (a cross-implementation check; the paper's table was not at hand)."""
    x = np.array(
        [
            [61.0, 1.08, 4.33],
            [20.7, 0.26, 4.34],
            [16.3, 1.98, 2.53],
            [9.0, 3.29, 1.65],
            [5.4, 2.77, 2.33],
            [4.0, 4.12, 1.21],
            [-6.1, 3.52, 2.10],
            [-34.6, 3.31, 0.98],
        ]
    )
    w = critic_weights(x, np.ones(3, bool))
    np.testing.assert_allclose(w, [0.20223, 0.48090, 0.31687], atol=5e-6)


def test_critic_cost_factor_is_reversed():
    rng = np.random.default_rng(1)
    x = rng.uniform(1, 10, (6, 4))
    benefit = np.array([True, False, True, False])
    flipped = np.where(benefit, x, -x)
    np.testing.assert_allclose(
        critic_weights(x, benefit), critic_weights(flipped, np.ones(4, bool))
    )


def test_critic_flat_factor_gets_zero_and_adds_no_conflict():
    x = np.array([[1.0, 5, 2], [2.0, 5, 1], [3.0, 5, 7]])
    w = critic_weights(x, np.ones(3, bool))
    assert w[1] == 0
    np.testing.assert_allclose(w[[0, 2]], critic_weights(x[:, [0, 2]], np.ones(2, bool)))
    np.testing.assert_allclose(critic_weights(np.ones((3, 2)), np.ones(2, bool)), [0.5, 0.5])


def test_entropy_flat_and_degenerate_cases():
    assert entropy_weights(np.array([[1.0, 2.0], [1.0, 5.0]]))[0] == 0
    np.testing.assert_allclose(entropy_weights(np.ones((3, 2))), [0.5, 0.5])
    np.testing.assert_allclose(entropy_weights(np.array([[1.0, 2.0, 3.0]])), [1 / 3] * 3)
    # a zero value contributes 0 ln 0 = 0
    assert np.isfinite(entropy_weights(np.array([[0.0, 1.0], [2.0, 3.0]]))).all()


@pytest.mark.parametrize("scale", [0.1, 7.0])
def test_entropy_is_scale_free(scale):
    x = np.array([[3.0, 100, 10], [2.5, 80, 8], [1.8, 50, 20]])
    np.testing.assert_allclose(entropy_weights(x * scale), entropy_weights(x))
