"""Design-based estimates from the weighted survey: means and shares with intervals and quality.

Variance: Taylor linearisation for a stratified single-stage design without replacement with
finite-population correction, computed by the ``svy`` library (Sample/Design, ``estimation.mean``),
which is checked against a hand computation in tests/unit/test_survey_weights.py:

    v(ȳ_w) = Σ_h (1 - n_h/N_h) · n_h/(n_h - 1) · Σ_{i∈h} (z_i - z̄_h)²,   z_i = w_i (y_i - ȳ_w) / Σ w

The strata are the variance strata of :func:`industry_report.survey.weights.variance_strata` (the
single-respondent rule).

Intervals: 95% with Student t on the design degrees of freedom (respondents minus variance strata);
shares use the logit transform (as R's ``svyciprop(method = "logit")``) so limits stay in [0, 1].
Quality: coefficient of variation, Kish effective sample size (Σw)²/Σw², unweighted n.
"""

from __future__ import annotations

import math

import pandas as pd
from scipy import stats


def design_df(data: pd.DataFrame) -> int:
    """Design degrees of freedom: respondents minus variance strata."""
    return int(len(data) - data["var_stratum"].nunique())


def estimate(
    data: pd.DataFrame, ys: list[str], by: str | None = None, share: bool = True, alpha: float = 0.05
) -> pd.DataFrame:
    """Weighted means (shares of 0/1 variables) with Taylor SE by ``svy``, CI, CV, n and Kish n_eff.

    ``data`` needs w_final, var_stratum, var_pop and the ``ys`` columns (NaN = item non-response,
    excluded from the estimate but kept in the design). Returns one row per (variable, domain):
    variable, domain (None for all), est, se, lci, uci, cv, n, n_eff.
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
    df_design = design_df(data)
    t = stats.t.ppf(1 - alpha / 2, df_design)
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
            est, se = float(rec["est"]), float(rec["se"])
            if share:
                lci, uci = logit_interval(est, se, t)
            else:
                lci, uci = est - t * se, est + t * se
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
                }
            )
    return pd.DataFrame(rows, columns=["variable", "domain", "est", "se", "lci", "uci", "cv", "n", "n_eff"])


def logit_interval(p: float, se: float, t: float) -> tuple[float, float]:
    """Interval for a share on the logit scale, back-transformed (degenerate at 0 or 1)."""
    if not (0 < p < 1) or se <= 0 or not math.isfinite(se):
        return p, p
    lo = math.log(p / (1 - p))
    half = t * se / (p * (1 - p))
    return 1 / (1 + math.exp(-(lo - half))), 1 / (1 + math.exp(-(lo + half)))


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
