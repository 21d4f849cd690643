"""Design-based estimates from the weighted survey: means and shares with intervals and quality.

Variance: Taylor linearisation for a stratified single-stage design without replacement with
finite-population correction, computed by the ``svy`` library (Sample/Design, ``estimation.mean``),
which is checked against a hand computation in tests/unit/test_survey_weights.py:

    v(ȳ_w) = Σ_h (1 - n_h/N_h) · n_h/(n_h - 1) · Σ_{i∈h} (z_i - z̄_h)²,   z_i = w_i (y_i - ȳ_w) / Σ w

A domain (a region, a size class, a division, the enterprises asked a question) is estimated on the
whole design (z_i = 0 outside the domain), as R's ``survey`` does for a subset. The strata are the
variance strata of :func:`industry_report.survey.weights.variance_strata`.

Degrees of freedom, per cell, as R's ``degf()`` of the subset design: the respondents of the domain
that answered (each enterprise is its own PSU) minus the variance strata they fall in. A domain whose
respondents all sit in different strata has 0 df: its variance cannot be estimated from within-stratum
spread, and the cell gets no interval (``ci_note`` = "no_df").

Intervals (95%):

* shares: Korn-Graubard, as R's ``svyciprop(method = "beta")``: the effective sample size
  n* = p(1-p)/v(p) · (t_{n-1}/t_df)², then Clopper-Pearson limits for n*·p successes out of n*:
  lower = Beta⁻¹(α/2; n*p, n*(1-p)+1), upper = Beta⁻¹(1-α/2; n*p+1, n*(1-p)). At p = 0 or 1 the
  variance is 0 and n* is taken as the domain's n (the NCHS convention), so a 0% cell of 5
  respondents gets [0; 52%], never [0; 0].
* means: ȳ ± t_df · SE.

Quality: coefficient of variation, Kish effective sample size (Σw)²/Σw², unweighted n, df.
"""

from __future__ import annotations

import math

import pandas as pd
from scipy import stats

COLUMNS = ["variable", "domain", "est", "se", "lci", "uci", "cv", "n", "n_eff", "df", "ci_note", "w_sum"]


def design_df(data: pd.DataFrame) -> int:
    """Design degrees of freedom: respondents minus variance strata."""
    return int(len(data) - data["var_stratum"].nunique())


def domain_df(strata: pd.Series) -> int:
    """R's ``degf`` of a subset design: PSUs (respondents) in the domain minus strata they occupy."""
    return int(len(strata) - strata.nunique())


def estimate(
    data: pd.DataFrame, ys: list[str], by: str | None = None, share: bool = True, alpha: float = 0.05
) -> pd.DataFrame:
    """Weighted means (shares of 0/1 variables) with Taylor SE by ``svy``, CI, CV, n, Kish n_eff, df.

    ``data`` needs w_final, var_stratum, var_pop and the ``ys`` columns (NaN = item non-response,
    excluded from the estimate but kept in the design). Returns one row per (variable, domain):
    :data:`COLUMNS` (domain None for all; ci_note "no_df" where the interval cannot be computed).
    """
    import polars as pl
    import svy

    cols = ["w_final", "var_stratum", "var_pop"] + list(ys) + ([by] if by else [])
    pdf = data[cols].copy()
    pdf["var_pop"] = pdf["var_pop"].astype(float)
    if by:
        pdf[by] = pdf[by].astype(str)
    frame = pl.from_pandas(pdf.astype({y: float for y in ys}), nan_to_null=True)
    sample = svy.Sample(frame, svy.Design(stratum="var_stratum", wgt="w_final", pop_size="var_pop"))
    rows = []
    for y in ys:
        if data[y].notna().sum() == 0:
            continue
        res = sample.estimation.mean(y, by=by, drop_nulls=True).to_polars().to_pandas()
        for rec in res.to_dict("records"):
            dom = rec[by] if by else None
            mask = data[y].notna() & ((data[by].astype(str) == dom) if by else True)
            w = data.loc[mask, "w_final"].to_numpy()
            n = int(mask.sum())
            df = domain_df(data.loc[mask, "var_stratum"])
            est, se = float(rec["est"]), float(rec["se"])
            if share:
                lci, uci = korn_graubard(est, se, n, df, alpha)
            else:
                lci, uci = t_interval(est, se, df, alpha)
            rows.append(
                {
                    "variable": y,
                    "domain": dom,
                    "est": est,
                    "se": se,
                    "lci": lci,
                    "uci": uci,
                    "cv": se / est if est > 0 else float("nan"),
                    "n": n,
                    "n_eff": float(w.sum() ** 2 / (w**2).sum()) if n else 0.0,
                    "df": df,
                    "ci_note": "no_df" if df < 1 else "",
                    "w_sum": float(w.sum()),  # the domain's weighted population (disclosure audit)
                }
            )
    return pd.DataFrame(rows, columns=COLUMNS)


def t_interval(est: float, se: float, df: int, alpha: float = 0.05) -> tuple[float, float]:
    """ȳ ± t_{df}·SE; (NaN, NaN) when df < 1 (no variance estimate)."""
    if df < 1 or not math.isfinite(se):
        return float("nan"), float("nan")
    t = stats.t.ppf(1 - alpha / 2, df)
    return est - t * se, est + t * se


def effective_n(p: float, se: float, n: int, df: int, alpha: float = 0.05) -> float:
    """Korn-Graubard effective sample size: p(1-p)/v · (t_{n-1}/t_df)²; n itself at p = 0 or 1."""
    if not (0 < p < 1) or se <= 0:
        return float(n)
    ratio = stats.t.ppf(alpha / 2, n - 1) / stats.t.ppf(alpha / 2, df) if n > 1 else 1.0
    return p * (1 - p) / se**2 * ratio**2


def korn_graubard(p: float, se: float, n: int, df: int, alpha: float = 0.05) -> tuple[float, float]:
    """Korn-Graubard (Clopper-Pearson on the effective n) interval of a share, as R's
    ``svyciprop(method = "beta")``; (NaN, NaN) when df < 1 or n = 0."""
    if df < 1 or n < 1 or not math.isfinite(se):
        return float("nan"), float("nan")
    m = effective_n(p, se, n, df, alpha)
    x = m * p
    lo = 0.0 if x <= 0 else float(stats.beta.ppf(alpha / 2, x, m - x + 1))
    hi = 1.0 if m - x <= 0 else float(stats.beta.ppf(1 - alpha / 2, x + 1, m - x))
    return lo, hi


def achieved_margin(data: pd.DataFrame, z: float, p: float = 0.5) -> float:
    """Margin of error of a share ``p`` with the respondents actually achieved and their final weights,
    by the formula of the planned margin (:func:`industry_report.sample.design.margin_of_error`) so
    that the two can be set side by side:

        Δ = z · sqrt( Σ_h (1 - n_h/N_h) · N_h/(N_h - 1) · p(1-p) · Σ_{i∈h} w_i² ) / Σ w

    (with w_i = N_h/n_h this is the planned formula; unequal weights within a stratum widen it)."""
    var = 0.0
    for _, g in data.groupby("var_stratum"):
        nh, Nh = len(g), float(g["var_pop"].iloc[0])
        if Nh <= 1:
            continue
        fpc = max(0.0, 1 - nh / Nh) * Nh / (Nh - 1)
        var += fpc * p * (1 - p) * float((g["w_final"].to_numpy() ** 2).sum())
    return float(z * math.sqrt(var) / data["w_final"].sum())


CV_CAUTION, CV_LOW, MIN_N_EFF = 1 / 6, 1 / 3, 10  # quality thresholds of quality_flag


def quality_flag(
    cv: float,
    n_eff: float,
    est: float,
    cv_caution: float = CV_CAUTION,
    cv_low: float = CV_LOW,
    min_n_eff: float = MIN_N_EFF,
) -> str:
    """'ok', 'caution' or 'low': CV thresholds (shares near 0 judged by n_eff only) and Kish n_eff."""
    if n_eff < min_n_eff:
        return "low"
    if est <= 0 or not math.isfinite(cv):
        return "ok"
    if cv > cv_low:
        return "low"
    if cv > cv_caution:
        return "caution"
    return "ok"
