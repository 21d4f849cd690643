"""Weights (design, non-response, raking), the single-respondent rule, and estimates against hand
computations of the Taylor-linearised variance."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from industry_report.core.errors import InputError
from industry_report.survey.estimation import achieved_margin, estimate, korn_graubard
from industry_report.survey.weights import compute_weights, rake, variance_strata


def alloc_frame(rows):
    a = pd.DataFrame(rows, columns=["region_code", "size", "population", "sample"])
    a.index = pd.RangeIndex(2, len(a) + 2)
    return a


def resp_frame(strata_counts):
    rows = []
    k = 0
    for (reg, size), n in strata_counts.items():
        for _ in range(n):
            k += 1
            rows.append(
                {
                    "enterprise_id": f"E{k}",
                    "region_code": reg,
                    "size": size,
                    "oked_division": 10,
                    "role": "main",
                }
            )
    return pd.DataFrame(rows)


def test_weights_sum_to_population_by_stratum():
    alloc = alloc_frame(
        [("A", "small", 100, 10), ("A", "medium", 20, 4), ("B", "small", 50, 5), ("B", "large", 9, 3)]
    )
    w = compute_weights(
        resp_frame({("A", "small"): 8, ("A", "medium"): 3, ("B", "small"): 5, ("B", "large"): 2}), alloc
    )
    sums = w.groupby(["region_code", "size"])["w_final"].sum()
    assert sums[("A", "small")] == pytest.approx(100) and sums[("A", "medium")] == pytest.approx(20)
    assert sums[("B", "small")] == pytest.approx(50) and sums[("B", "large")] == pytest.approx(9)
    # design weight N/n, non-response factor n/r: 100/10 * 10/8 = 12.5
    first = w.iloc[0]
    assert first["w_design"] == pytest.approx(10) and first["w_final"] == pytest.approx(12.5)


def test_empty_stratum_merged_with_nearest_size_and_margins_hold():
    alloc = alloc_frame(
        [
            ("A", "small", 100, 10),
            ("A", "medium", 20, 4),
            ("A", "large", 6, 2),
            ("B", "small", 50, 5),
            ("B", "large", 10, 2),
        ]
    )
    w = compute_weights(
        resp_frame({("A", "small"): 10, ("A", "medium"): 2, ("B", "small"): 4, ("B", "large"): 2}), alloc
    )
    # A/large has no respondent: its 6 enterprises go to A/medium (nearest size) before raking.
    nr = w.groupby(["region_code", "size"])["w_nr"].sum()
    assert nr[("A", "medium")] == pytest.approx(26) and nr[("A", "small")] == pytest.approx(100)
    # Raking then hits the region and size margins of the register.
    assert w.groupby("region_code")["w_final"].sum().to_dict() == pytest.approx({"A": 126, "B": 60})
    by_size = w.groupby("size")["w_final"].sum().to_dict()
    assert by_size == pytest.approx({"small": 150, "medium": 20, "large": 16})


def test_region_without_respondents_is_an_error():
    alloc = alloc_frame([("A", "small", 100, 10), ("B", "small", 50, 5)])
    with pytest.raises(InputError) as e:
        compute_weights(resp_frame({("A", "small"): 3}), alloc, "resp.csv")
    assert "resp.csv" in str(e.value) and "region B" in str(e.value)


def test_no_respondent_of_one_size_class_is_an_error():
    alloc = alloc_frame(
        [("A", "small", 100, 10), ("A", "large", 6, 2), ("B", "small", 50, 5), ("B", "large", 4, 1)]
    )
    with pytest.raises(InputError) as e:
        compute_weights(resp_frame({("A", "small"): 3, ("B", "small"): 2}), alloc, "resp.csv")
    msg = str(e.value)
    assert "resp.csv" in msg and "column 'size'" in msg and "no respondent of size class large" in msg


def test_raking_hand_example():
    # One unit per cell of a 2x2 table, start weights 1: raking converges to r_i * c_j / N.
    w = rake(
        np.ones(4),
        [np.array(["A", "A", "B", "B"]), np.array(["X", "Y", "X", "Y"])],
        [{"A": 3, "B": 7}, {"X": 4, "Y": 6}],
    )
    assert w == pytest.approx([1.2, 1.8, 2.8, 4.2])


def test_single_respondent_rule():
    alloc = alloc_frame(
        [
            ("A", "small", 100, 10),
            ("A", "medium", 20, 2),
            ("A", "large", 5, 1),
            ("B", "small", 50, 5),
            ("B", "medium", 8, 1),
        ]
    )
    vs = variance_strata(
        {("A", "small"): 9, ("A", "medium"): 1, ("A", "large"): 1, ("B", "small"): 5, ("B", "medium"): 1},
        alloc,
    )
    assert vs[("A", "medium")] == vs[("A", "large")] == "A-collapsed"  # two singletons pooled
    assert vs[("B", "medium")] == vs[("B", "small")] == "B-small"  # a lone singleton joins the largest


def hand_taylor_mean(y, w, strata, pop):
    """Stratified ratio-mean variance by Taylor linearisation, fpc (1 - n_h/N_h), written out."""
    y, w = np.asarray(y, float), np.asarray(w, float)
    m = (w * y).sum() / w.sum()
    z = w * (y - m) / w.sum()
    v = 0.0
    for h in set(strata):
        idx = [i for i, s in enumerate(strata) if s == h]
        zh = z[idx]
        n = len(idx)
        v += (1 - n / pop[h]) * n / (n - 1) * ((zh - zh.mean()) ** 2).sum()
    return m, math.sqrt(v)


@pytest.fixture
def small_design():
    strata = ["s1"] * 4 + ["s2"] * 5 + ["s3"] * 3
    pop = {"s1": 40, "s2": 25, "s3": 12}
    w = [10.0] * 4 + [5.0] * 5 + [4.0] * 3
    y = [1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0]
    dom = ["a", "b", "a", "a", "b", "a", "b", "b", "a", "a", "b", "b"]
    d = pd.DataFrame(
        {"w_final": w, "var_stratum": strata, "var_pop": [pop[s] for s in strata], "y": y, "dom": dom}
    )
    return d, pop


def test_estimate_matches_hand_computation(small_design):
    d, pop = small_design
    e = estimate(d, ["y"]).iloc[0]
    m, se = hand_taylor_mean(d["y"], d["w_final"], list(d["var_stratum"]), pop)
    assert e["est"] == pytest.approx(m, rel=1e-12) and e["se"] == pytest.approx(se, rel=1e-9)
    # Korn-Graubard by hand: n* = p(1-p)/v * (t_11 / t_9)^2, Clopper-Pearson on n* * p successes.
    ns = m * (1 - m) / se**2 * (stats.t.ppf(0.025, 11) / stats.t.ppf(0.025, 12 - 3)) ** 2
    assert e["df"] == 9
    assert e["lci"] == pytest.approx(stats.beta.ppf(0.025, ns * m, ns * (1 - m) + 1))
    assert e["uci"] == pytest.approx(stats.beta.ppf(0.975, ns * m + 1, ns * (1 - m)))
    assert e["n"] == 12 and e["n_eff"] == pytest.approx(sum(d["w_final"]) ** 2 / sum(d["w_final"] ** 2))


def test_domain_estimate_matches_hand_computation(small_design):
    d, pop = small_design
    e = estimate(d, ["y"], by="dom").set_index("domain")
    # Domain mean = ratio of totals of y*1_d and 1_d: linearised z uses the domain indicator.
    ind = (d["dom"] == "a").to_numpy(float)
    w, y = d["w_final"].to_numpy(), d["y"].to_numpy(float)
    m = (w * y * ind).sum() / (w * ind).sum()
    z = w * ind * (y - m) / (w * ind).sum()
    v = 0.0
    for h in pop:
        zh = z[(d["var_stratum"] == h).to_numpy()]
        n = len(zh)
        v += (1 - n / pop[h]) * n / (n - 1) * ((zh - zh.mean()) ** 2).sum()
    assert e.at["a", "est"] == pytest.approx(m) and e.at["a", "se"] == pytest.approx(math.sqrt(v), rel=1e-9)


def test_item_nonresponse_excluded_from_estimate(small_design):
    d, pop = small_design
    d = d.copy()
    d.loc[0, "y"] = np.nan
    e = estimate(d, ["y"]).iloc[0]
    keep = d["y"].notna()
    m = (d.loc[keep, "w_final"] * d.loc[keep, "y"]).sum() / d.loc[keep, "w_final"].sum()
    assert e["est"] == pytest.approx(m) and e["n"] == 11


def test_domain_df_one_zero_and_a_zero_share():
    # Domain "one": 3 respondents in 2 strata (df 1); "zero": 2 respondents in 2 strata (df 0);
    # domain "none" has y = 0 for its 4 respondents in 2 strata (df 2).
    strata = ["s1", "s1", "s2", "s1", "s2", "s1", "s1", "s2", "s2"]
    dom = ["one", "one", "one", "zero", "zero", "none", "none", "none", "none"]
    y = [1, 0, 1, 1, 0, 0, 0, 0, 0]
    pop = {"s1": 50, "s2": 40}
    d = pd.DataFrame(
        {"w_final": [10.0] * 5 + [8.0] * 4, "var_stratum": strata, "var_pop": [pop[s] for s in strata]}
    ).assign(y=y, dom=dom)
    e = estimate(d, ["y"], by="dom").set_index("domain")
    assert e["df"].to_dict() == {"none": 2, "one": 1, "zero": 0}
    # df 1: t_{0.975, 1} = 12.71 makes the interval wide; Korn-Graubard with the domain's own df
    one = e.loc["one"]
    ns = one["est"] * (1 - one["est"]) / one["se"] ** 2 * (stats.t.ppf(0.025, 2) / stats.t.ppf(0.025, 1)) ** 2
    assert one["lci"] == pytest.approx(stats.beta.ppf(0.025, ns * one["est"], ns * (1 - one["est"]) + 1))
    assert one["ci_note"] == ""
    # df 0: the variance cannot be estimated; no interval, and the cell says why
    assert math.isnan(e.at["zero", "lci"]) and math.isnan(e.at["zero", "uci"])
    assert e.at["zero", "ci_note"] == "no_df"
    # 0% of 4: Clopper-Pearson upper limit 1 - 0.025^(1/4) = 60.2%, never [0; 0]
    assert e.at["none", "est"] == 0 and e.at["none", "lci"] == 0
    assert e.at["none", "uci"] == pytest.approx(1 - 0.025 ** (1 / 4))


def test_korn_graubard_at_the_bounds_and_in_between():
    assert korn_graubard(1.0, 0.0, 3, 2) == pytest.approx((0.025 ** (1 / 3), 1.0))
    lo, hi = korn_graubard(0.02, 0.03, 50, 40)
    assert 0 <= lo < 0.02 < hi < 1
    assert all(math.isnan(x) for x in korn_graubard(0.3, 0.1, 2, 0))


def test_achieved_margin_equals_planned_formula_for_equal_weights():
    # Two strata, w = N_h / n_h: the achieved margin is the stratified-SRS formula of the plan.
    d = pd.DataFrame(
        {
            "var_stratum": ["a"] * 10 + ["b"] * 5,
            "var_pop": [100] * 10 + [40] * 5,
            "w_final": [10.0] * 10 + [8.0] * 5,
        }
    )
    v = sum((N / 140) ** 2 * (1 - n / N) * N / (N - 1) * 0.25 / n for N, n in ((100, 10), (40, 5)))
    assert achieved_margin(d, 1.96) == pytest.approx(1.96 * math.sqrt(v))
