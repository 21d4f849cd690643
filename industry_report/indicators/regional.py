"""Regional review: manufacturing value added, its share in GRP, investment and population by region.

Border history (config/regions.yaml, industry_report/core/regions.py): South Kazakhstan (YKO) was split into
Turkistan region (TRK) and Shymkent (SHM) in 2018; Abai (ABY), Zhetisu (ZHT) and Ulytau (ULT) were
carved out of East Kazakhstan (VKO), Almaty region (ALM) and Karaganda (KRG) in 2022. BNS files show
the changes differently:

* GVA and GRP (tables 5927, 5923) carry TRK and SHM recalculated back to 2011 *alongside* YKO until
  2017, and publish ABY, ZHT, ULT - with their parents already on the new borders - from 2021;
* investment and employment (5546, 102798) have the new regions from 2022.

So the year a file switches to the 2022 borders (``new_borders_from``) is a property of the file.
A regional total never adds a region to the parts it was split into: :func:`units_to_sum` picks
the non-overlapping units and :func:`check_total` verifies the sum against the national row.

Units: million KZT in, billion KZT / thousand KZT / thousand persons / fractions out.
"""

from __future__ import annotations

import pandas as pd

from industry_report.core.errors import InputError, Problem

REFORM_2022 = 2022


def units_to_sum(codes: list[str], year: int, regions, new_borders_from: int = REFORM_2022) -> list[str]:
    """The codes among ``codes`` to add up for ``year`` without double counting.

    ``new_borders_from``: first year the file publishes the 2022 regions (and their parents on the
    new borders). For such years the rules of 2022 apply even if the year is earlier.
    """
    y = REFORM_2022 if new_borders_from <= year < REFORM_2022 else year
    return regions.non_overlapping([c for c in codes if c != "national"], y)


def check_total(
    df: pd.DataFrame,
    year: int,
    regions,
    new_borders_from: int,
    path,
    rel_tol: float = 1e-6,
    abs_tol: float = 2.0,
) -> None:
    """The sum of the non-overlapping regions must equal the national row (± 2 rounding units).

    ``df`` has the columns region, year, value, and its index is the line number in ``path``.
    """
    d = df[df["year"] == year]
    nat = d[d["region"] == "national"]
    if nat.empty:
        return
    use = units_to_sum(list(d["region"]), year, regions, new_borders_from)
    total = float(d[d["region"].isin(use)]["value"].sum())
    n = float(nat["value"].iloc[0])
    if abs(total - n) > max(abs_tol, rel_tol * abs(n)):
        raise InputError(
            path,
            [
                Problem(
                    int(nat.index[0]),
                    "value",
                    f"expected the national value of {year} to equal the sum of "
                    f"the regions {', '.join(use)} ({total:,.1f}), found {n:,.1f}",
                )
            ],
        )


def comparable(code: str, y0: int, y1: int, regions, new_borders_from: int) -> bool:
    """True if the unit ``code`` has the same territory in the file's rows for y0 and y1.

    Parents of the 2022 split (VKO, ALM, KRG) change territory in ``new_borders_from``; units created
    in 2022 have no earlier rows on comparable borders. TRK and SHM are recalculated back by BNS.
    """
    parents_2022 = {
        r.split_from for r in regions.regions.values() if r.split_from and r.valid_from == REFORM_2022
    }
    if code in parents_2022 and y0 < new_borders_from <= y1:
        return False
    r = regions.regions.get(code)
    if r is not None and r.split_from and r.valid_from == REFORM_2022 and y0 < new_borders_from:
        return False
    return True


def _by_region(df: pd.DataFrame, year: int, item: str | None = None) -> pd.Series:
    d = df[df["year"] == year]
    if item is not None:
        d = d[d["item_code"] == item]
    return pd.Series(d["value"].to_numpy(float), index=d["region"].to_numpy())


def regional_table(
    gva: pd.DataFrame,
    grp: pd.DataFrame,
    inv: pd.DataFrame,
    pop: pd.DataFrame,
    year: int,
    regions,
    gva_new_borders_from: int,
) -> list[dict]:
    """One row per region existing in ``year`` (the 20 units of 2022+), ranked by MVA.

    ``gva_new_borders_from``: the first year the GVA file publishes the 2022 regions.

    MVA = C gross value added (million KZT). Growth is nominal: change on the year before and the
    average annual change over five years, None when the borders of the unit changed in between.
    """
    mva = _by_region(gva, year, "C")
    rows = []
    for code in regions.existing(year):
        if code not in mva.index:
            continue
        v = mva[code]
        g = _by_region(grp, year).get(code)
        i = _by_region(inv, year).get(code)
        p = _by_region(pop, year).get(code)
        prev = {k: _by_region(gva, year - k, "C").get(code) for k in (1, 5)}
        growth = {}
        for k, pv in prev.items():
            ok = pv is not None and pv > 0 and comparable(code, year - k, year, regions, gva_new_borders_from)
            growth[k] = ((v / pv) ** (1.0 / k) - 1.0) if ok else None
        rows.append(
            {
                "code": code,
                "name": regions[code].name("kk", year),
                "mva_bn": v / 1000.0,
                "mva_share_national": v
                / float(mva.get("national", mva.drop("national", errors="ignore").sum())),
                "mva_share_grp": None if g is None else v / g,
                "mva_per_capita_th": None if p is None else v * 1e6 / p / 1000.0,
                "investment_bn": None if i is None else i / 1000.0,
                "population_th": None if p is None else p / 1000.0,
                "growth_1y": growth[1],
                "cagr_5y": growth[5],
            }
        )
    rows.sort(key=lambda r: -r["mva_bn"])
    for n, r in enumerate(rows, start=1):
        r["rank"] = n
    by_share = sorted((r for r in rows if r["mva_share_grp"] is not None), key=lambda r: -r["mva_share_grp"])
    for n, r in enumerate(by_share, start=1):
        r["rank_share_grp"] = n
    return rows
