"""Sectoral review of manufacturing: divisions 10-33 of ОКЭД (= ISIC Rev.4), BNS table 5931.

Method: for each division, gross value added at current prices (million KZT), its weight in
manufacturing value added (C of the same table), the nominal change on the year before and the
average annual nominal change over five years (no division deflators are available, so growth is
nominal and says so), and whether the division counts as medium- and high-technology (MHT).
Weights are fractions (0.123 = 12.3 %); growth rates are fractions too. The divisions and their
names are the code list config/divisions.yaml (:func:`industry_report.core.codelists.load_divisions`).
"""

from __future__ import annotations

import pandas as pd

from industry_report.core.codelists import CodeList


def division_table(div: pd.DataFrame, year: int, divisions: CodeList, mht: list[str]) -> list[dict]:
    """Rows for the divisions of the code list in ``year``, sorted by value added (largest first).

    ``div`` is the year x item_code matrix (million KZT) with column "C"; names are ``name_kk``.
    """
    if year not in div.index:
        raise ValueError(f"no division data for {year}")
    c = div.loc[year, "C"]
    rows = []
    for d in divisions.codes:
        v = div.at[year, d] if d in div.columns else None
        if v is None or pd.isna(v):
            continue
        v1 = div.at[year - 1, d] if year - 1 in div.index else None
        v5 = div.at[year - 5, d] if year - 5 in div.index else None
        c5 = div.at[year - 5, "C"] if year - 5 in div.index else None
        rows.append(
            {
                "code": d,
                "name": divisions.name(d, "name_kk"),
                "mht": d in mht,
                "value_bn": float(v) / 1000.0,
                "share": float(v / c),
                "share_5y_ago": None if v5 is None or pd.isna(v5) else float(v5 / c5),
                "growth_1y": None if v1 is None or pd.isna(v1) or v1 == 0 else float(v / v1 - 1.0),
                "cagr_5y": None if v5 is None or pd.isna(v5) or v5 == 0 else float((v / v5) ** 0.2 - 1.0),
            }
        )
    rows.sort(key=lambda r: -r["value_bn"])
    for i, r in enumerate(rows, start=1):
        r["rank"] = i
    return rows


def mht_summary(div: pd.DataFrame, mht_va: pd.Series, year: int) -> dict:
    """MHT value added and share in C for ``year`` and five years before (fractions, billion KZT)."""
    out = {}
    for key, y in (("latest", year), ("five_years_ago", year - 5)):
        if y in div.index and y in mht_va.index:
            out[key] = {
                "year": int(y),
                "value_bn": float(mht_va[y]) / 1000.0,
                "share": float(mht_va[y] / div.at[y, "C"]),
            }
    return out
