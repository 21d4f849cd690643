"""Regression-correlation analysis of the IDI against the 16 key indicators (paragraph 11, 5)).

Correlations. For each indicator y and the IDI x, over the years both exist:
  * transform ``level``: y_t with x_{t-L}; ``diff``: Δy_t with Δx_{t-L}, where Δy is the
    indicator's change as config/indicators.yaml defines it (``pct``: log difference ×100, i.e. the
    per cent growth in log points; ``pp``: difference in percentage points) and Δx the IDI's
    difference; lags L = 0, 1, 2 years (the law acts on the economy with a delay);
  * Pearson r and Spearman ρ (Pearson on ranks);
  * two-sided permutation p-values, which need no normality and are valid for small n: exact
    (all n! pairings) when n ≤ ``exact_max_n``, otherwise ``permutations`` random pairings (seeded),
    p = (1 + #{|r*| ≥ |r|}) / (1 + P);
  * the evidence is the changes (``diff``): trending series correlate in levels whatever links them,
    and permutation p-values assume the years are exchangeable, which the year-to-year changes of a
    random walk are and its levels are not. Level correlations are description only (``role``
    "description", no adjusted p-value);
  * a multiple-testing correction over every evidence test made (indicators × Pearson/Spearman ×
    lags): Holm (family-wise) and Benjamini–Hochberg (false discovery rate), so that picking the
    best lag afterwards cannot manufacture significance;
  * ``family``: indicators computed from one series (config/indicators.yaml ``family``) are one piece
    of evidence: the summary counts families, not members;
  * the critical |r| at level α for that n (two-sided t test): r_c = t / √(n − 2 + t²);
  * ``trend_only``: significant in levels (raw p < α, lag 0) but not in first differences, i.e. a
    common trend rather than a year-to-year link.

Regressions (ordinary least squares, statsmodels): y_t = a + b·x_t + e_t in levels and
Δy_t = a + b·Δx_t + e_t in changes, with the plain standard error of b (t reference, n − 2 df), R²,
and the diagnostics Durbin–Watson, Breusch–Godfrey (LM, 1 lag), Jarque–Bera and Breusch–Pagan
(p-values). HAC (Newey–West) errors are biased downwards in short series (with 6–10 points they were
smaller than the plain ones in almost every regression): they are computed only from ``hac_min_n``
years on, with the small-sample correction and a t reference; below it they are left empty. With
8–10 annual points the diagnostics have little power: the report says so.

Everything here is an association, not a causal effect.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.diagnostic import acorr_breusch_godfrey, het_breuschpagan
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.stattools import durbin_watson, jarque_bera

# The key indicators in long form (one schema, kept with the catalogue; the entry script reads it here).
from industry_report.indicators.catalogue import INDICATOR_VALUES_SCHEMA  # noqa: F401

# Defined with the indicator tables (a plotting job uses it without loading statsmodels).
from industry_report.indicators.tables import wide_indicators  # noqa: E402,F401


def idi_series(idi_table: pd.DataFrame) -> pd.Series:
    """The IDI by year from the table of rule score_idi (its rows with block 'IDI')."""
    return idi_table[idi_table["block"] == "IDI"].set_index("year")["d"]


OUT_COLUMNS = [
    "indicator_id",
    "family",
    "role",
    "analysis",
    "transform",
    "lag",
    "n",
    "estimate",
    "se",
    "p_value",
    "se_hac",
    "p_hac",
    "p_holm",
    "p_bh",
    "r_critical",
    "exact",
    "trend_only",
    "r2",
    "durbin_watson",
    "bg_p",
    "jb_p",
    "bp_p",
]


def critical_r(n: int, alpha: float = 0.05) -> float:
    """Smallest |r| significant at level alpha (two-sided) with n pairs."""
    if n < 3:
        return float("nan")
    t = stats.t.ppf(1 - alpha / 2, n - 2)
    return float(t / math.sqrt(n - 2 + t * t))


def adjust(pvalues, method: str) -> np.ndarray:
    """Multiple-testing adjusted p-values: 'holm' (family-wise) or 'bh' (false discovery rate)."""
    return multipletests(np.asarray(pvalues, float), method={"holm": "holm", "bh": "fdr_bh"}[method])[1]


def _permutations(n: int, exact_max_n: int, n_perm: int, seed: int) -> tuple[np.ndarray, bool]:
    if n <= exact_max_n:
        return np.array(list(itertools.permutations(range(n))), dtype=np.int64), True
    rng = np.random.default_rng(seed + n)
    return np.argsort(rng.random((n_perm, n)), axis=1), False


def _pearson_perm(x: np.ndarray, y: np.ndarray, perms: np.ndarray) -> tuple[float, np.ndarray]:
    xs = (x - x.mean()) / x.std()
    ys = (y - y.mean()) / y.std()
    n = len(x)
    r = float(xs @ ys / n)
    r_perm = ys[perms] @ xs / n
    return r, r_perm


def perm_corr(
    x, y, method: str = "pearson", *, exact_max_n: int = 8, permutations: int = 9999, seed: int = 0
) -> dict:
    """Correlation and its two-sided permutation p-value (exact enumeration for small n)."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    n = len(x)
    if n < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return {"estimate": np.nan, "p_value": np.nan, "n": n, "exact": False}
    if method == "spearman":
        x, y = stats.rankdata(x), stats.rankdata(y)
    elif method != "pearson":
        raise ValueError(f"unknown method {method!r}")
    perms, exact = _permutations(n, exact_max_n, permutations, seed)
    r, r_perm = _pearson_perm(x, y, perms)
    hits = int((np.abs(r_perm) >= abs(r) - 1e-12).sum())
    p = hits / len(perms) if exact else (1 + hits) / (1 + len(perms))
    return {"estimate": r, "p_value": float(min(p, 1.0)), "n": n, "exact": exact}


def change(series: pd.Series, kind: str) -> pd.Series:
    """Year-on-year change: 'pct' = 100·Δln (per cent, log points), 'pp' (or 'diff') = Δ."""
    s = series.sort_index()
    if kind == "pct" and (s > 0).all():
        return 100 * np.log(s).diff()
    return s.diff()


def _pairs(idi: pd.Series, ind: pd.Series, transform: str, lag: int, kind: str) -> pd.DataFrame:
    x = idi.sort_index() if transform == "level" else idi.sort_index().diff()
    y = ind.sort_index() if transform == "level" else change(ind, kind)
    x = x.copy()
    x.index = x.index + lag  # IDI of year t-L sits beside the indicator of year t
    return pd.concat({"x": x, "y": y}, axis=1, join="inner").dropna()


def correlations(
    idi: pd.Series,
    indicators: pd.DataFrame,
    change_kind: dict[str, str],
    *,
    lags=(0, 1, 2),
    alpha: float = 0.05,
    exact_max_n: int = 8,
    permutations: int = 9999,
    seed: int = 0,
    min_n: int = 5,
) -> pd.DataFrame:
    """All correlation tests; ``indicators`` is wide (index year, one column per indicator id)."""
    rows = []
    for ind_id in indicators.columns:
        series = indicators[ind_id].dropna()
        for transform in ("level", "diff"):
            for lag in lags:
                d = _pairs(idi, series, transform, lag, change_kind.get(ind_id, "pct"))
                for method in ("pearson", "spearman"):
                    if len(d) < min_n:
                        res = {"estimate": np.nan, "p_value": np.nan, "n": len(d), "exact": False}
                    else:
                        res = perm_corr(
                            d["x"].to_numpy(),
                            d["y"].to_numpy(),
                            method,
                            exact_max_n=exact_max_n,
                            permutations=permutations,
                            seed=seed,
                        )
                    rows.append(
                        {
                            "indicator_id": ind_id,
                            "analysis": method,
                            "transform": transform,
                            "lag": lag,
                            **res,
                            "r_critical": critical_r(res["n"], alpha),
                        }
                    )
    df = pd.DataFrame(rows)
    df["role"] = np.where(df["transform"] == "diff", "evidence", "description")
    df["p_holm"] = np.nan
    df["p_bh"] = np.nan
    ev = df.index[(df["role"] == "evidence") & df["p_value"].notna()]
    if len(ev):  # one family: every evidence test made, all indicators, methods and lags
        df.loc[ev, "p_holm"] = adjust(df.loc[ev, "p_value"], "holm")
        df.loc[ev, "p_bh"] = adjust(df.loc[ev, "p_value"], "bh")
    lvl = df[(df["transform"] == "level") & (df["lag"] == 0)].set_index(["indicator_id", "analysis"])
    dif = df[(df["transform"] == "diff") & (df["lag"] == 0)].set_index(["indicator_id", "analysis"])
    trend = (lvl["p_value"] < alpha) & ~(dif["p_value"].reindex(lvl.index) < alpha)
    df["trend_only"] = [
        bool(trend.get((i, a), False)) if t == "level" and lag == 0 else False
        for i, a, t, lag in zip(df.indicator_id, df.analysis, df["transform"], df["lag"])
    ]
    return df


def ols(
    idi: pd.Series,
    indicators: pd.DataFrame,
    change_kind: dict[str, str],
    *,
    hac_lags: int = 1,
    hac_min_n: int = 20,
    min_n: int = 5,
) -> pd.DataFrame:
    """OLS of each indicator (levels) and its change (diff) on the IDI, diagnostics, and HAC SE from
    ``hac_min_n`` points on."""
    rows = []
    for ind_id in indicators.columns:
        series = indicators[ind_id].dropna()
        for transform in ("level", "diff"):
            d = _pairs(idi, series, transform, 0, change_kind.get(ind_id, "pct"))
            row = {
                "indicator_id": ind_id,
                "role": "evidence" if transform == "diff" else "description",
                "analysis": "ols",
                "transform": transform,
                "lag": 0,
                "n": len(d),
            }
            if len(d) >= min_n and np.ptp(d["x"]) > 0:
                X = sm.add_constant(d["x"].to_numpy())
                yv = d["y"].to_numpy()
                plain = sm.OLS(yv, X).fit()
                bg = acorr_breusch_godfrey(plain, nlags=1, result_object=False)
                row.update(
                    estimate=float(plain.params[1]),
                    se=float(plain.bse[1]),
                    p_value=float(plain.pvalues[1]),
                    r2=float(plain.rsquared),
                    durbin_watson=float(durbin_watson(plain.resid)),
                    bg_p=float(bg[1]),
                    jb_p=float(jarque_bera(plain.resid)[1]),
                    bp_p=float(het_breuschpagan(plain.resid, X)[1]),
                )
                if len(d) >= hac_min_n:
                    hac = sm.OLS(yv, X).fit(
                        cov_type="HAC", cov_kwds={"maxlags": hac_lags, "use_correction": True}, use_t=True
                    )
                    row.update(se_hac=float(hac.bse[1]), p_hac=float(hac.pvalues[1]))
            rows.append(row)
    return pd.DataFrame(rows)


def regression_table(
    idi: pd.Series,
    indicators: pd.DataFrame,
    change_kind: dict[str, str],
    families: dict[str, str] | None = None,
    **kw,
) -> pd.DataFrame:
    """Correlations and OLS in one table (columns OUT_COLUMNS); ``families``: indicator -> family
    (an indicator not in it is its own family)."""
    ols_kw = {k: kw[k] for k in ("hac_lags", "hac_min_n", "min_n") if k in kw}
    corr_kw = {k: v for k, v in kw.items() if k not in ("hac_lags", "hac_min_n")}
    out = pd.concat(
        [correlations(idi, indicators, change_kind, **corr_kw), ols(idi, indicators, change_kind, **ols_kw)],
        ignore_index=True,
    )
    for c in OUT_COLUMNS:
        if c not in out.columns:
            out[c] = np.nan
    out["trend_only"] = out["trend_only"].fillna(False).astype(bool)
    out["family"] = [(families or {}).get(i, i) for i in out["indicator_id"]]
    return out[OUT_COLUMNS]


def without_demo(long: pd.DataFrame) -> pd.DataFrame:
    """indicators.csv without every indicator that holds a demonstration value: invented numbers
    never enter the evidence (nor the charts drawn from it)."""
    demo = set(long.loc[long["status"] == "demo", "indicator_id"])
    return long[~long["indicator_id"].isin(demo)]
