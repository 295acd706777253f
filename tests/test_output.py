import json
import math

import numpy as np

from decisionroom._output import clean, to_json


def test_clean_keeps_full_precision_and_drops_non_finite():
    assert clean(0.1 + 0.2) == 0.1 + 0.2
    assert clean(11 / 18) == 11 / 18
    assert clean(float("nan")) is None and clean(float("inf")) is None
    assert clean(-0.0) == 0.0 and math.copysign(1, clean(-0.0)) == 1
    assert clean({"a": np.float64(1 / 3), "b": np.arange(2)}) == {"a": 1 / 3, "b": [0, 1]}


def test_clean_rounds_only_when_asked():
    assert clean(0.1 + 0.2, digits=6) == 0.3
    assert clean({"a": np.float64(1 / 3)}, digits=6) == {"a": 0.333333}


def test_to_json_is_valid_json_with_unicode():
    data = {"name": "Café", "x": np.float32(0.5), "flag": True, "n": np.int64(3)}
    assert json.loads(to_json(data)) == {"name": "Café", "x": 0.5, "flag": True, "n": 3}


def test_terminal_names_the_consistency_check_of_each_weights_form():
    from decisionroom._terminal import consistency_line

    bw = {"method": "best_worst", "ratio": 0.25, "threshold": 0.1359, "output_ratio": 0.01}
    bw["worst_judgment"] = ["a", "b", "c"]
    line = consistency_line(bw)
    assert line.startswith("best-worst weights: consistency ratio 0.250 (threshold 0.14")
    assert line.endswith("judgments to review: a vs b, b vs c")
    assert "no published threshold" in consistency_line({**bw, "threshold": None})
    ahp = {"method": "pairwise", "index": 0.1, "ratio": 0.2, "random_index": 0.58}
    assert consistency_line({**ahp, "worst_judgment": ["a", "c"]}) == (
        "pairwise weights: consistency ratio 0.200 (random index 0.58); "
        "most inconsistent judgment: a vs c"
    )
