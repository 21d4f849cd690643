"""Rank intervals from pairwise comparisons over Rao-Wu replicates, and the rule that picks the
problems for a root-cause analysis: hand-worked cases, ties included."""

import numpy as np
import pandas as pd
import pytest

from industry_report.survey.ranking import (
    could_be_top,
    pairwise_rank_intervals,
    point_ranks,
    rank_intervals,
    replicate_weights,
    tied_with_first,
)

# Hand-worked case: A leads, B and C have identical answers (a tie), 4 replicates.
# d_AB = 0.1; replicate deviations of d_AB: 0, -0.02, +0.02, 0 -> se = sqrt(0.0008/3) = 0.01633,
# |t*| = 0, 1.2247, 1.2247, 0; for B the max over A and C (C's twin gives 0) -> c_B = 1.2247
# (the 0.95 quantile, "higher", of four values is the largest). z_AB = 0.1 / 0.01633 = 6.12 > c_B:
# A is ahead of B; B vs C: d = 0, se = 0, never ordered. So B and C: rank 2, interval 2..3; A: 1..1.
EST = np.array([0.6, 0.5, 0.5])
DEV_A, DEV_B = np.array([0.01, -0.01, 0.01, -0.01]), np.array([0.01, 0.01, -0.01, -0.01])
REP = np.column_stack([0.6 + DEV_A, 0.5 + DEV_B, 0.5 + DEV_B])


def table(est, rep, items):
    return pd.concat([pd.DataFrame({"item": items, "est": est}), pairwise_rank_intervals(est, rep)], axis=1)


def test_hand_worked_leader_and_a_tie():
    r = table(EST, REP, ["A", "B", "C"]).set_index("item")
    assert r["rank"].to_dict() == {"A": 1, "B": 2, "C": 2}  # ties are ties in the point rank too
    assert r[["rank_lo", "rank_hi"]].loc["A"].tolist() == [1, 1]
    assert r[["rank_lo", "rank_hi"]].loc["B"].tolist() == [2, 3]
    assert r[["rank_lo", "rank_hi"]].loc["C"].tolist() == [2, 3]


def test_root_cause_rule_takes_a_tie_at_the_boundary_whole():
    r = table(EST, REP, ["A", "B", "C"])
    assert could_be_top(r, 1) == ["A"]
    assert could_be_top(r, 2) == ["A", "B", "C"]  # B and C tie for 2nd: both in, never one of them


def test_noise_level_difference_does_not_leave_a_problem_out():
    # A 0.50 and B 0.49 with replicate noise of +-0.03: z_AB = 0.01 / se far below c; C far behind.
    est = np.array([0.50, 0.49, 0.10])
    dev = np.array([0.03, -0.03, 0.03, -0.03])
    rep = np.column_stack([est[0] + dev, est[1] - dev, est[2] + 0.001 * dev])
    r = table(est, rep, ["A", "B", "C"]).set_index("item")
    assert r.loc["A", "rank_lo"] == 1 and r.loc["B", "rank_lo"] == 1  # B could be first
    assert r[["rank_lo", "rank_hi"]].loc["C"].tolist() == [3, 3]
    assert tied_with_first(r.reset_index()) == ["A", "B"]
    assert could_be_top(r.reset_index(), 1) == ["A", "B"]  # top 1 asked, two analysed: a tie
    assert could_be_top(r.reset_index(), 2) == ["A", "B"]  # C is behind both: out


def test_a_sure_difference_orders_without_noise():
    # Replicates that never disturb the difference (se = 0, d != 0): the order is certain.
    est = np.array([0.3, 0.2])
    rep = np.tile(est, (5, 1))
    r = table(est, rep, ["x", "y"]).set_index("item")
    assert r[["rank_lo", "rank_hi"]].values.tolist() == [[1, 1], [2, 2]]


def test_point_ranks_share_the_better_rank():
    assert point_ranks([0.2, 0.5, 0.2, 0.1]).tolist() == [2, 1, 2, 4]


def frame(n=200, seed=3):
    rng = np.random.default_rng(seed)
    d = pd.DataFrame({"w_final": rng.uniform(1, 5, n), "var_stratum": rng.choice(["a", "b", "c"], n)})
    d["clear"] = (rng.uniform(size=n) < 0.8).astype(float)  # far ahead of the others
    d["x"] = (rng.uniform(size=n) < 0.40).astype(float)
    d["y"] = (rng.uniform(size=n) < 0.41).astype(float)  # a noise-level difference from x
    d["twin"] = d["x"]  # the same answers as x: a tie with it in every replicate
    d["low"] = (rng.uniform(size=n) < 0.05).astype(float)
    return d


def test_replicate_weights_keep_stratum_totals_on_average():
    d = frame()
    rw = replicate_weights(d, 400, 1)
    for _, g in d.groupby("var_stratum"):
        assert abs(rw[:, g.index].sum(axis=1).mean() / g["w_final"].sum() - 1) < 0.05


def test_survey_data_clear_leader_near_tie_and_twins():
    d = frame()
    r = rank_intervals(d, ["clear", "x", "y", "twin", "low"], 500, 2).set_index("item")
    assert (r.loc["clear", "rank_lo"], r.loc["clear", "rank_hi"]) == (1, 1)
    assert (r.loc["low", "rank_lo"], r.loc["low", "rank_hi"]) == (5, 5)
    assert r.loc["x", "rank"] == r.loc["twin", "rank"]
    assert r.loc["x", ["rank_lo", "rank_hi"]].tolist() == r.loc["twin", ["rank_lo", "rank_hi"]].tolist()
    assert {r.loc[i, "rank_lo"] for i in ("x", "y", "twin")} == {2}  # the middle three tie for 2nd
    assert tied_with_first(r.reset_index()) == ["clear"]
    assert sorted(could_be_top(r.reset_index(), 2)) == ["clear", "twin", "x", "y"]


def test_coverage_of_true_ranks_with_two_equal_items():
    # Two items with the same true share: the intervals must not order them (in most samples).
    rng = np.random.default_rng(11)
    ordered = 0
    for _ in range(20):
        n = 300
        d = pd.DataFrame({"w_final": np.ones(n), "var_stratum": rng.choice(["a", "b"], n)})
        d["u"] = (rng.uniform(size=n) < 0.4).astype(float)
        d["v"] = (rng.uniform(size=n) < 0.4).astype(float)
        r = rank_intervals(d, ["u", "v"], 200, int(rng.integers(1e6)))
        ordered += int((r["rank_lo"] == r["rank_hi"]).all())
    assert ordered <= 3  # nominal 5%: at most a few of 20 samples order two equal items


@pytest.mark.parametrize("k", [1, 2, 3])
def test_could_be_top_never_shrinks_when_k_grows(k):
    r = table(EST, REP, ["A", "B", "C"])
    assert set(could_be_top(r, k)) <= set(could_be_top(r, k + 1))
