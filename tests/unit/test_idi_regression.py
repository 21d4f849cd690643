"""Stage 3 (IDI): correlations and regressions checked against independent computations (scipy,
numpy) on real indicator series (tests/fixtures/idi/indicators_real.csv, from BNS data)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from scipy import stats

from industry_report.idi import codebook as idi_codebook
from industry_report.idi import regression as reg
from industry_report.idi import scoring as idi

ROOT = Path(__file__).resolve().parents[2]
FIX = Path(__file__).resolve().parents[1] / "fixtures" / "idi"
YEARS = list(range(2016, 2026))
KINDS = {"I06": "pp", "I11": "pct", "I12": "pct", "I15": "pct"}


@pytest.fixture(scope="module")
def series():
    lc = yaml.safe_load((ROOT / "config/lifecycle.yaml").read_text(encoding="utf-8"))
    cb = idi_codebook.load_codebook(ROOT / "config/idi_codebook.yaml", idi_codebook.lifecycle_blocks(lc))
    scores = idi.score_files([ROOT / f"data/demo/idi_answers/answers_{y}.csv" for y in YEARS], YEARS, cb)
    x = pd.Series([s.idi for s in scores], index=YEARS)
    wide = reg.wide_indicators(pd.read_csv(FIX / "indicators_real.csv"))
    return x, wide


@pytest.fixture(scope="module")
def table(series):
    x, wide = series
    return reg.regression_table(
        x,
        wide,
        KINDS,
        lags=(0, 1, 2),
        alpha=0.05,
        exact_max_n=8,
        permutations=4999,
        seed=3,
        min_n=5,
        hac_lags=1,
        hac_min_n=5,  # the report's threshold is higher; here HAC is computed to check its formula
    )


def _row(t, ind, analysis, transform, lag):
    r = t[
        (t.indicator_id == ind) & (t.analysis == analysis) & (t["transform"] == transform) & (t["lag"] == lag)
    ]
    assert len(r) == 1
    return r.iloc[0]


def _pairs(x, y, transform, lag, kind):
    if transform == "diff":
        x = x.diff()
        y = 100 * np.log(y).diff() if kind == "pct" else y.diff()
    x = x.copy()
    x.index = x.index + lag
    d = pd.concat({"x": x, "y": y}, axis=1, join="inner").dropna()
    return d["x"].to_numpy(), d["y"].to_numpy()


@pytest.mark.parametrize("ind", sorted(KINDS))
@pytest.mark.parametrize("transform,lag", [("level", 0), ("diff", 0), ("level", 2), ("diff", 1)])
def test_correlations_match_scipy(series, table, ind, transform, lag):
    x, wide = series
    xs, ys = _pairs(x, wide[ind], transform, lag, KINDS[ind])
    p = _row(table, ind, "pearson", transform, lag)
    s = _row(table, ind, "spearman", transform, lag)
    assert p["n"] == len(xs)
    assert p["estimate"] == pytest.approx(stats.pearsonr(xs, ys).statistic, abs=1e-12)
    assert s["estimate"] == pytest.approx(stats.spearmanr(xs, ys).statistic, abs=1e-12)

    # Two-sided permutation p-value: share of pairings with |r*| ≥ |r|.
    def stat(a, axis=-1):
        return np.abs(stats.pearsonr(a, np.broadcast_to(ys, a.shape), axis=axis).statistic)

    if len(xs) <= 8:
        ref = stats.permutation_test(
            (xs,),
            stat,
            permutation_type="pairings",
            n_resamples=np.inf,
            alternative="greater",
            vectorized=True,
        )
        assert p["exact"] and p["p_value"] == pytest.approx(ref.pvalue, abs=1e-12)
    else:
        ref = stats.permutation_test(
            (xs,),
            stat,
            permutation_type="pairings",
            n_resamples=20000,
            alternative="greater",
            rng=np.random.default_rng(11),
            vectorized=True,
        )
        se = np.sqrt(max(ref.pvalue * (1 - ref.pvalue), 1e-4) / 4999)
        assert not p["exact"] and abs(p["p_value"] - ref.pvalue) < 4 * se + 2e-4
    assert p["r_critical"] == pytest.approx(reg.critical_r(len(xs)))


def test_critical_r_by_hand():
    t = stats.t.ppf(0.975, 8)
    assert reg.critical_r(10) == pytest.approx(t / np.sqrt(8 + t * t))
    assert reg.critical_r(10) == pytest.approx(0.6319, abs=1e-4)  # textbook table value
    # At the critical r the t test's p-value is exactly alpha.
    r = reg.critical_r(9)
    tt = r * np.sqrt(7 / (1 - r * r))
    assert 2 * stats.t.sf(tt, 7) == pytest.approx(0.05)


def test_holm_and_bh_by_hand():
    p = [0.01, 0.04, 0.03, 0.20]
    assert reg.adjust(p, "holm") == pytest.approx([0.04, 0.09, 0.09, 0.20])
    assert reg.adjust(p, "bh") == pytest.approx([0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.20])


def test_corrections_over_every_evidence_test_made(table):
    # One family: all indicators x Pearson/Spearman x lags of the changes; levels are description.
    ev = table[(table.analysis != "ols") & (table["role"] == "evidence") & table["p_value"].notna()]
    assert set(ev["transform"]) == {"diff"} and len(ev) == len(KINDS) * 2 * 3
    assert ev["p_holm"].to_numpy() == pytest.approx(reg.adjust(ev["p_value"], "holm"))
    assert ev["p_bh"].to_numpy() == pytest.approx(reg.adjust(ev["p_value"], "bh"))
    lvl = table[(table.analysis != "ols") & (table["transform"] == "level")]
    assert (lvl["role"] == "description").all() and lvl["p_holm"].isna().all()


def test_independent_random_walks_not_associated_at_more_than_the_nominal_rate():
    # The evidence (Pearson r of the year-to-year changes, lag 0, permutation p, as `correlations`
    # computes it: test_correlations_match_scipy ties its rows to these changes) on independent random
    # walks of 10 years. Their changes are i.i.d., so the observed |r| and its P = 199 permuted values
    # are exchangeable and p = (1 + hits)/(1 + P) < 0.05 exactly when hits <= 8: the size is exactly
    # 9/200 = 0.045. Binomial tolerance: with R = 2000 walks the rejection rate has sd
    # sqrt(0.045 * 0.955 / 2000) = 0.0046; the band 0.045 ± 4 sd = [0.026, 0.064] fails a correct
    # statistic with probability below 1e-4 and a test of size 0.08 (the old bound) with ~0.3%; a
    # statistic that never rejects (p = 1) fails it too.
    rng = np.random.default_rng(20261201)
    reps, perms, alpha = 2000, 199, 0.05
    walks = np.cumsum(rng.normal(size=(reps, 2, 10)), axis=2)

    def rejects(x, y, seed):
        return reg.perm_corr(x, y, permutations=perms, seed=seed)["p_value"] < alpha

    size = np.mean([rejects(np.diff(x), np.diff(y), k) for k, (x, y) in enumerate(walks)])
    sd = np.sqrt(0.045 * 0.955 / reps)
    assert abs(size - 0.045) <= 4 * sd, size
    # Levels correlate spuriously (why levels are description only): 27% rejected with this seed.
    level = np.mean([rejects(x, y, k) for k, (x, y) in enumerate(walks[:500])])
    assert level > 0.15, level
    # Planted dependence: changes correlated ±0.9 (alternating sign) are found nearly always (power
    # 0.96 with this seed at n = 9; sd of each half's rate ~0.014); a one-sided statistic misses the
    # negative half.
    e = rng.normal(size=(400, 2, 9))
    sign = np.where(np.arange(400) % 2, -1.0, 1.0)[:, None]
    dy = 0.9 * sign * e[:, 0] + np.sqrt(1 - 0.81) * e[:, 1]
    power = [rejects(dx, d, k) for k, (dx, d) in enumerate(zip(e[:, 0], dy))]
    assert np.mean(power[0::2]) > 0.85 and np.mean(power[1::2]) > 0.85, (power[0::2], power[1::2])


def test_no_hac_below_its_minimum_n(series):
    x, wide = series
    out = reg.ols(x, wide[["I11"]], {"I11": "pct"}, hac_min_n=20)
    assert out["se"].notna().all()
    assert "se_hac" not in out.columns or out["se_hac"].isna().all()


def test_demo_series_are_dropped_whole():
    long = pd.DataFrame(
        {
            "indicator_id": ["A", "A", "B", "B"],
            "year": [2020, 2021, 2020, 2021],
            "value": [1.0, 2.0, 3.0, 4.0],
            "status": ["real", "demo", "real", "real"],
        }
    )
    assert set(reg.without_demo(long)["indicator_id"]) == {"B"}


def test_families_are_carried(series):
    x, wide = series
    out = reg.regression_table(x, wide[["I06", "I15"]], KINDS, {"I06": "va", "I15": "va"}, min_n=5)
    assert set(out["family"]) == {"va"}


@pytest.mark.parametrize("ind", sorted(KINDS))
@pytest.mark.parametrize("transform", ["level", "diff"])
def test_ols_matches_independent_computation(series, table, ind, transform):
    x, wide = series
    xs, ys = _pairs(x, wide[ind], transform, 0, KINDS[ind])
    r = _row(table, ind, "ols", transform, 0)
    lr = stats.linregress(xs, ys)
    assert r["estimate"] == pytest.approx(lr.slope, rel=1e-9)
    assert r["se"] == pytest.approx(lr.stderr, rel=1e-9)
    assert r["p_value"] == pytest.approx(lr.pvalue, rel=1e-7)
    assert r["r2"] == pytest.approx(lr.rvalue**2, rel=1e-9)
    e = ys - (lr.intercept + lr.slope * xs)
    assert r["durbin_watson"] == pytest.approx(np.sum(np.diff(e) ** 2) / np.sum(e**2), rel=1e-9)
    assert r["jb_p"] == pytest.approx(stats.jarque_bera(e).pvalue, rel=1e-7)
    # Newey–West with one lag (Bartlett weight 1/2), small-sample factor n/(n-2), t on n-2 df.
    X = np.column_stack([np.ones_like(xs), xs])
    Xe = X * e[:, None]
    S = Xe.T @ Xe
    G = Xe[1:].T @ Xe[:-1]
    S += 0.5 * (G + G.T)
    B = np.linalg.inv(X.T @ X)
    n = len(xs)
    se_hac = np.sqrt((B @ S @ B)[1, 1] * n / (n - 2))
    assert r["se_hac"] == pytest.approx(se_hac, rel=1e-9)
    assert r["p_hac"] == pytest.approx(2 * stats.t.sf(abs(lr.slope / se_hac), n - 2), rel=1e-7)
    # Breusch–Pagan LM = n·R² of e² on X.
    aux = stats.linregress(xs, e**2)
    assert r["bp_p"] == pytest.approx(stats.chi2.sf(len(xs) * aux.rvalue**2, 1), rel=1e-7)


def test_trend_only_flag_on_two_independent_trends():
    rng = np.random.default_rng(5)
    years = list(range(2010, 2022))
    t = np.arange(len(years))
    x = pd.Series(0.3 + 0.03 * t + rng.normal(0, 0.01, len(t)), index=years)
    y = pd.DataFrame({"Y": 100 + 5 * t + rng.normal(0, 1, len(t))}, index=years)
    out = reg.correlations(x, y, {"Y": "pp"}, permutations=1999, seed=1)
    lvl = out[(out.analysis == "pearson") & (out["transform"] == "level") & (out["lag"] == 0)].iloc[0]
    dif = out[(out.analysis == "pearson") & (out["transform"] == "diff") & (out["lag"] == 0)].iloc[0]
    assert lvl["p_value"] < 0.05 and dif["p_value"] >= 0.05
    assert bool(lvl["trend_only"])


def test_too_few_years_give_empty_results():
    x = pd.Series([0.1, 0.2, 0.3, 0.4], index=[2020, 2021, 2022, 2023])
    y = pd.DataFrame({"Y": [1.0, 3.0, 2.0, 5.0]}, index=x.index)
    out = reg.regression_table(x, y, {"Y": "pct"}, min_n=5)
    assert out["estimate"].isna().all()
