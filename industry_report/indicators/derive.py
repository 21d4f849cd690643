"""Derivations of the key indicators: pure functions on annual Series indexed by year.

Ratios of aligned annual series (:func:`ratio`), the medium- and high-technology value added
(:func:`mht_value_added`), annual sums of monthly values (:func:`annual_sum`), chained volume
indices (:func:`chain_index`) and the
removal of values a publisher carried forward at the ends of a series (:func:`drop_carried`).
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


def drop_carried(s: pd.Series) -> pd.Series:
    """Drop the values carried forward (or backward) at the ends of a series.

    UNIDO fills the years it has no observation for with the nearest observed value (e.g. Kazakhstan's
    MHT export share 1990-1995 all 43.32303, 2021 = 2020). A run of identical values at the start
    keeps only its last year (the observation), a run at the end only its first year. Equal values
    inside the series are left alone: they cannot be told from observations.
    """
    s = s.dropna().sort_index()
    if len(s) < 2:
        return s
    v = s.to_numpy()
    start = 0
    while start + 1 < len(v) and v[start + 1] == v[start]:
        start += 1
    end = len(v) - 1
    while end - 1 > start and v[end - 1] == v[end]:
        end -= 1
    return s.iloc[start : end + 1]
