"""Rank intervals from the Rao-Wu bootstrap: clear gaps give tight ranks, near-equal items tie."""

import numpy as np
import pandas as pd

from industry_report.survey.ranking import rank_intervals, reaching_top, replicate_weights, tied_with_first


def frame(n=200, seed=3):
    rng = np.random.default_rng(seed)
    d = pd.DataFrame({"w_final": rng.uniform(1, 5, n), "var_stratum": rng.choice(["a", "b", "c"], n)})
    d["clear"] = (rng.uniform(size=n) < 0.8).astype(float)  # far ahead of the others
    d["x"] = (rng.uniform(size=n) < 0.40).astype(float)
    d["y"] = (rng.uniform(size=n) < 0.41).astype(float)  # a noise-level difference from x
    d["low"] = (rng.uniform(size=n) < 0.05).astype(float)
    return d


def test_replicate_weights_keep_stratum_totals_on_average():
    d = frame()
    rw = replicate_weights(d, 400, 1)
    for _, g in d.groupby("var_stratum"):
        assert abs(rw[:, g.index].sum(axis=1).mean() / g["w_final"].sum() - 1) < 0.05


def test_clear_leader_and_a_tie():
    d = frame()
    r = rank_intervals(d, ["clear", "x", "y", "low"], 500, 2).set_index("item")
    assert (r.loc["clear", "rank_lo"], r.loc["clear", "rank_hi"]) == (1, 1)
    assert (r.loc["low", "rank_lo"], r.loc["low", "rank_hi"]) == (4, 4)
    assert r.loc["x", "rank_lo"] == 2 and r.loc["y", "rank_lo"] == 2  # x and y tie for second
    assert tied_with_first(r.reset_index()) == ["clear"]
    assert sorted(reaching_top(r.reset_index(), 2)) == ["clear", "x", "y"]
