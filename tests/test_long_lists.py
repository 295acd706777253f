"""A long list of options: what is examined, and output that grows linearly (issue #9)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from decisionroom._output import to_json
from decisionroom.analysis import analyze
from decisionroom.analysis.examined import examined_options, rule_text


def _long_list(n: int, m: int = 6, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    x = rng.uniform(1, 100, (n, m)).round(2)
    return {
        "decisionroom": 1,
        "title": f"Screening {n} suppliers",
        "factors": [{"id": f"f{j}", "direction": "min" if j % 3 == 0 else "max"} for j in range(m)],
        "options": [{"id": f"s{i}", "name": f"Supplier {i}"} for i in range(n)],
        "performance": {f"s{i}": {f"f{j}": float(x[i, j]) for j in range(m)} for i in range(n)},
    }


def test_examined_options_rule():
    order = [4, 2, 0, 1, 3, 5, 6]
    shares = np.array([0.0, 0.1, 0.3, 0.0, 0.5, 0.0, 0.1])
    # at most top_k options: every one, best first
    assert examined_options(order, shares, 7) == order
    # winner and runner-up, then SMAA contenders by share (ties by rank), then by rank
    assert examined_options(order, shares, 4) == [4, 2, 1, 6]
    assert examined_options(order, shares, 5) == [4, 2, 1, 6, 0]
    assert examined_options(order, None, 3) == [4, 2, 0]
    assert examined_options(order, shares, 1) == [4]
    assert rule_text(7, 10) == "All 7 options are examined (up to 10 are)."
    assert rule_text(70, 10).startswith("10 of 70 options are examined: the winner and the")


def test_long_list_examines_top_k_and_summarises_the_rest():
    result = analyze(_long_list(300), smaa=2000, top_k=5)
    data = result.to_dict()
    assert len(data["ranking"]) == 300
    examined = data["examined"]["options"]
    assert len(examined) == 5 and data["examined"]["top_k"] == 5
    ranked = [row["option"] for row in data["ranking"]]
    assert examined[:2] == ranked[:2]
    # every option that was ever first in the simulation is examined (or top_k is full)
    firsts = {o for o, shares in data["smaa"]["rank_acceptability"].items() if shares[0] > 0}
    assert firsts <= set(examined) or len(examined) == 5
    # what-ifs, sweeps and the additive view cover the examined options only
    assert set(data["sensitivity"]["performance"]) <= set(examined) - {ranked[0]}
    sweep = next(iter(data["sensitivity"]["sweep"].values()))
    assert set(sweep["scores"]) == set(examined)
    assert set(data["contributions"]) == set(examined)
    # weight stability still covers every factor
    assert len(data["sensitivity"]["factors"]) == 6
    # SMAA counts the first top_k ranks, listing only options that reach them
    smaa = data["smaa"]
    assert smaa["ranks"] == 5
    assert all(len(v) == 5 for v in smaa["rank_acceptability"].values())
    assert smaa["not_listed"] == 300 - len(smaa["rank_acceptability"])
    first_total = sum(v[0] for v in smaa["rank_acceptability"].values())
    assert first_total == pytest.approx(1.0, abs=1e-12)


def test_long_list_full_ranks_on_request():
    data = analyze(_long_list(40), smaa=500, full_ranks=True).to_dict()
    shares = data["smaa"]["rank_acceptability"]
    assert len(shares) == 40 and all(len(v) == 40 for v in shares.values())
    assert "not_listed" not in data["smaa"]


def test_long_list_output_grows_linearly():
    sizes = {}
    for n in (200, 400, 800):
        sizes[n] = len(to_json(analyze(_long_list(n), smaa=1000).to_dict()))
    per_option_small = (sizes[400] - sizes[200]) / 200
    per_option_large = (sizes[800] - sizes[400]) / 400
    # one more option costs no more on a longer list: no term grows with n squared
    assert per_option_large <= 1.15 * per_option_small
    assert per_option_large < 200  # a ranking row, not a table per option


def test_small_decision_examines_everything():
    data = analyze(_long_list(6), smaa=500).to_dict()
    assert len(data["examined"]["options"]) == 6
    assert len(data["contributions"]) == 6
    assert data["smaa"]["ranks"] == 6
    json.loads(to_json(data))
