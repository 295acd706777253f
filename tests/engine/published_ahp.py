"""Published pairwise matrices with row geometric mean (RGM) results.

Two papers print inconsistent matrices, their RGM priorities and geometric
consistency indices (GCI), and the group results of aggregating individual
judgments (AIJ) with weighted geometric means. They serve both the
single-matrix tests (``test_ahp``) and the group tests (``test_group``).
"""

from __future__ import annotations

# Dong, Y., Zhang, G., Hong, W.-C. & Xu, Y. (2010). Consensus models for AHP group
# decision making under row geometric mean prioritization method. Decision Support
# Systems 49(3), 281-289, Section 5 (numerical examples) and Table 3. A1-A4 were first
# published in Xu, Z. S. (2000), EJOR 126(3), 683-687.
DONG_MATRICES = [
    [[1, 4, 6, 7], [1 / 4, 1, 3, 4], [1 / 6, 1 / 3, 1, 2], [1 / 7, 1 / 4, 1 / 2, 1]],
    [[1, 5, 7, 9], [1 / 5, 1, 4, 6], [1 / 7, 1 / 4, 1, 2], [1 / 9, 1 / 6, 1 / 2, 1]],
    [[1, 3, 5, 8], [1 / 3, 1, 4, 5], [1 / 5, 1 / 4, 1, 2], [1 / 8, 1 / 5, 1 / 2, 1]],
    [[1, 4, 5, 6], [1 / 4, 1, 3, 3], [1 / 5, 1 / 3, 1, 2], [1 / 6, 1 / 3, 1 / 2, 1]],
    # a32 = 2, the reciprocal of a23 = 1/2. The copy we read prints 1/2, which is not
    # reciprocal; 2 reproduces the printed priorities and GCI of A5 exactly.
    [[1, 1 / 2, 1, 2], [2, 1, 1 / 2, 3], [1, 2, 1, 4], [1 / 2, 1 / 3, 1 / 4, 1]],
]
DONG_PRIORITIES = [  # four decimals
    [0.6145, 0.2246, 0.0985, 0.0624],
    [0.6461, 0.2270, 0.0793, 0.0476],
    [0.5693, 0.2764, 0.0967, 0.0575],
    [0.5967, 0.2208, 0.1089, 0.0736],
    [0.2247, 0.2958, 0.3780, 0.1015],
]
DONG_GCI = [0.1349, 0.2358, 0.1194, 0.1657, 0.2208]  # Table 3
DONG_INFLUENCE = [0.1, 0.3, 0.1, 0.2, 0.3]
DONG_GROUP_UPPER = {  # A(c), the weighted AIJ matrix, above the diagonal
    (0, 1): 2.227,  # printed with three decimals
    (0, 2): 3.4756,
    (0, 3): 5.0937,
    (1, 2): 1.9663,
    (1, 3): 4.0005,
    (2, 3): 2.4623,
}
DONG_GROUP_PRIORITIES = [0.4984, 0.2727, 0.1541, 0.0747]
DONG_GROUP_GCI = 0.056  # Table 3, three decimals


def _reciprocal(upper: list[list[float]]) -> list[list[float]]:
    n = len(upper) + 1
    a = [[1.0] * n for _ in range(n)]
    for i, row in enumerate(upper):
        for k, v in enumerate(row):
            j = i + 1 + k
            a[i][j], a[j][i] = v, 1 / v
    return a


# Escobar, M. T., Aguarón, J. & Moreno-Jiménez, J. M. (2015). Some extensions of the
# precise consistency consensus matrix. Decision Support Systems (2015),
# doi:10.1016/j.dss.2015.04.005. Case study: the values of a heritage park (direct,
# indirect and potential use, existence, bequest) judged by three political parties,
# Tables 1-2 (upper triangles), Table 3 (RGM priorities and GCI, three decimals).
ESCOBAR_MATRICES = {
    "PSOE": _reciprocal([[3, 5, 8, 6], [3, 5, 4], [3, 2], [1 / 3]]),
    "PP": _reciprocal([[3, 7, 9, 5], [3, 7, 1], [5, 1 / 5], [1 / 5]]),
    "PAR": _reciprocal([[5, 7, 7, 5], [1, 5, 1], [5, 1 / 3], [1 / 5]]),
    "NP": _reciprocal([[1 / 2, 1 / 5, 1 / 8, 1 / 7], [1 / 4, 1 / 6, 1 / 5], [1 / 4, 1 / 3], [3]]),
}
ESCOBAR_PRIORITIES = {
    "PSOE": [0.513, 0.251, 0.115, 0.042, 0.079],
    "PP": [0.520, 0.195, 0.072, 0.030, 0.182],
    "PAR": [0.560, 0.135, 0.101, 0.035, 0.168],
    "NP": [0.038, 0.059, 0.149, 0.480, 0.274],
}
ESCOBAR_GCI = {"PSOE": 0.143, "PP": 0.303, "PAR": 0.298, "NP": 0.203}
# AIJ then RGM: parties, influence (seats, as the paper states them), group priorities
# and GCI of the group matrix. Tables 5-6, 8-9, 15-16 and 22-23.
ESCOBAR_AIJ = {
    "three parties, equal": (
        ["PSOE", "PP", "PAR"],
        [1, 1, 1],
        [0.540, 0.191, 0.096, 0.036, 0.137],
        0.149,
    ),
    "three parties, 5:4:2": (
        ["PSOE", "PP", "PAR"],
        [5, 4, 2],
        [0.533, 0.208, 0.096, 0.037, 0.125],
        0.122,
    ),
    "four parties, equal": (
        ["PSOE", "PP", "PAR", "NP"],
        [1, 1, 1, 1],
        [0.366, 0.188, 0.141, 0.091, 0.214],
        0.073,
    ),
    "four parties, 3:4:2:2": (
        ["PSOE", "PP", "PAR", "NP"],
        [3, 4, 2, 2],
        [0.411, 0.198, 0.125, 0.071, 0.194],
        0.088,
    ),
}
# Cells of the four-party AIJ matrix, two decimals (Tables 11-14 and 18-21).
ESCOBAR_AIJ_CELLS = {
    (1, 1, 1, 1): {
        (0, 2): 2.65,
        (0, 3): 2.82,
        (0, 4): 2.15,
        (1, 2): 1.22,
        (1, 3): 2.32,
        (1, 4): 0.95,
        (3, 4): 0.45,
    },
    (3, 4, 2, 2): {
        (0, 2): 3.35,
        (0, 3): 3.83,
        (0, 4): 2.75,
        (1, 2): 1.56,
        (1, 3): 3.04,
        (1, 4): 1.09,
        (3, 4): 0.38,
    },
}
