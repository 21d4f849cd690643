"""Derivations of the key indicators: pure functions on annual Series indexed by year.

Ratios of aligned annual series (:func:`ratio`), the medium- and high-technology value added
(:func:`mht_value_added`), annual sums of monthly values (:func:`annual_sum`), chained volume
indices (:func:`chain_index`), a ratio-adjusted extension of a series by a related one
(:func:`ratio_extend`) and a pro-rata share (:func:`pro_rata`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def ratio(num: pd.Series, den: pd.Series, scale: float = 1.0) -> pd.Series:
    """scale x num / den over the years both have."""
    common = num.dropna().index.intersection(den.dropna().index)
    return (scale * num.loc[common] / den.loc[common]).sort_index()


def annual_sum(monthly: pd.DataFrame) -> tuple[pd.Series, list[int]]:
    """Annual totals of a monthly series; only calendar years with all 12 months.

    Returns the totals and the list of incomplete years left out.
    """
    counts = monthly.groupby("year")["month"].nunique()
    full = counts[counts == 12].index
    sums = monthly[monthly["year"].isin(full)].groupby("year")["value"].sum()
    return sums.sort_index(), sorted(int(y) for y in counts.index.difference(full))


# The rows of the divisions table the MHT value added is made of (read_inputs checks they exist).
MHT_PARTS = ("20", "21", "26-30, 33", "33")


def mht_value_added(div: pd.DataFrame) -> pd.Series:
    """Value added of the MHT divisions 20, 21, 26-30 (million KZT).

    Divisions 26-30 = the BNS aggregate "26-30, 33" minus division 33: in 2018-2019 the single
    lines 26..30 fall short of their aggregate (confidential cells), and in the other years this
    equals the sum of the single lines.
    """
    missing = [c for c in MHT_PARTS if c not in div.columns]
    if missing:
        raise ValueError(f"divisions table lacks {missing}")
    return (div["20"] + div["21"] + div["26-30, 33"] - div["33"]).dropna()


def chain_index(growth_pct_prev: pd.Series, base_year: int) -> pd.Series:
    """Volume index (base_year = 100) from annual indices in per cent of the previous year."""
    g = growth_pct_prev.sort_index() / 100.0
    years = list(g.index)
    if base_year not in years and base_year - 1 not in years:
        raise ValueError(f"base year {base_year} outside the series")
    level = {years[0] - 1: 1.0}
    for y in years:
        level[y] = level[y - 1] * g[y] if (y - 1) in level else np.nan
    s = pd.Series(level).sort_index()
    return 100.0 * s / s[base_year]


def ratio_extend(target: pd.Series, proxy: pd.Series, anchor: int, years) -> pd.Series:
    """Ratio-adjusted extension: target(t) ~ proxy(t) x target(anchor) / proxy(anchor).

    Returns the estimated values for ``years`` (those where the proxy exists and the target does
    not). The anchor must be a year where both exist.
    """
    if anchor not in target.index or anchor not in proxy.index:
        raise ValueError(f"anchor year {anchor} lacks the target or the proxy")
    k = target[anchor] / proxy[anchor]
    ys = [y for y in years if y in proxy.index and y not in target.dropna().index]
    return (proxy.loc[ys] * k).sort_index()


def pro_rata(total: pd.Series, share: pd.Series) -> pd.Series:
    """total x share (share as a fraction), over the common years."""
    return ratio(total, 1.0 / share)
