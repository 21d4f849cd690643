"""The 16 key indicators of Appendix 2 of Order No. 260 as one long table, cell by cell with a status.

Purpose: turn the inputs read by :mod:`industry_report.indicators.inputs` into the table
``indicator_id, year, value, unit, status`` (results/<year>/tables/indicators.csv). The catalogue
config/indicators.yaml documents every indicator; this module does the work, as pure functions.

Each cell gets a status: real, derived, proxy, estimate (documented estimate from real data) or demo
(invented values of tools/demo_indicators.py, only where no real or estimated cell exists). Output
units are stated per indicator in the catalogue (``unit``); shares are stored in per cent
(12.9 = 12.9 %).
"""

from __future__ import annotations

import pandas as pd

from industry_report.indicators.derive import annual_sum, mht_value_added, pro_rata, ratio, ratio_extend
from industry_report.indicators.sources import national_item, wdi_series

OUTPUT_COLUMNS = ["indicator_id", "year", "value", "unit", "status"]


def _cells(ind: str, s: pd.Series, status: str) -> pd.DataFrame:
    s = s.dropna()
    return pd.DataFrame(
        {"indicator_id": ind, "year": s.index.astype(int), "value": s.to_numpy(float), "status": status}
    )


def compute_indicators(inp: dict, catalogue: dict) -> tuple[pd.DataFrame, dict]:
    """Build the long indicator table from loaded inputs.

    ``inp`` keys (all Series by year unless stated): ``gva`` (DataFrame of the BNS section table),
    ``divisions`` (year x item matrix), ``output_c``, ``population``, ``exports_monthly``
    (DataFrame year, month, value), ``ipi_c``, ``investment_c``, ``employment_c``, ``wage``,
    ``tax``, ``wdi_manf_share`` / ``wdi_merch`` / ``wdi_mva`` / ``wdi_tech`` (long WDI frames),
    ``gdp_usd`` (long datahub frame), ``enterprises_2022`` (int), ``demo`` (DataFrame).

    Returns the table (columns OUTPUT_COLUMNS, sorted) and a dict of notes with the parameters of
    the estimates (for the report).
    """
    notes: dict = {}
    c = national_item(inp["gva"], "C")
    gdp = national_item(inp["gva"], "GDP")
    gva_total = national_item(inp["gva"], "GVA")
    pop = inp["population"]
    parts = []

    # I01 output (proxy 2022+, estimate backwards from the 2022 output/GVA ratio)
    out_c = inp["output_c"]
    anchor = int(out_c.index.min())
    est = ratio_extend(out_c, c, anchor, [y for y in c.index if y < anchor])
    notes["I01"] = {"anchor_year": anchor, "ratio": float(out_c[anchor] / c[anchor])}
    parts += [_cells("I01", out_c, "proxy"), _cells("I01", est, "estimate")]

    # I02 IPI manufacturing (real)
    parts.append(_cells("I02", inp["ipi_c"], "real"))

    # I03 exports per capita, USD
    exp, incomplete = annual_sum(inp["exports_monthly"])
    notes["I03"] = {"incomplete_years": incomplete}
    parts.append(_cells("I03", ratio(exp * 1000.0, pop), "derived"))

    # I04 manufactures share of merchandise exports (proxy, WDI) + demo
    parts.append(_cells("I04", wdi_series(inp["wdi_manf_share"], "KAZ"), "proxy"))

    # I05 high-tech exports share (proxy, WDI 2022 vintage) + demo
    parts.append(_cells("I05", wdi_series(inp["wdi_tech"], "KAZ"), "proxy"))

    # I06 MVA share of GDP; I07 MVA per capita; I15 productivity
    parts.append(_cells("I06", ratio(c, gdp, 100.0), "derived"))
    parts.append(_cells("I07", ratio(c * 1e6, pop), "derived"))
    parts.append(_cells("I15", ratio(c, inp["employment_c"], 1e-3), "derived"))

    # I08 MHT share of MVA (same table for numerator and denominator)
    div = inp["divisions"]
    parts.append(_cells("I08", ratio(mht_value_added(div), div["C"], 100.0), "derived"))

    # I09 share of world MVA: WDI (one vintage) + ratio-adjusted estimate where GDP in USD exists
    mva_kaz, mva_wld = wdi_series(inp["wdi_mva"], "KAZ"), wdi_series(inp["wdi_mva"], "WLD")
    real9 = ratio(mva_kaz, mva_wld, 100.0)
    last = int(real9.index.max())
    gdp_kaz, gdp_wld = wdi_series(inp["gdp_usd"], "KAZ"), wdi_series(inp["gdp_usd"], "WLD")
    later = [y for y in gdp_kaz.index if y > last]
    kaz_proxy = ratio(gdp_kaz * c.reindex(gdp_kaz.index), gdp.reindex(gdp_kaz.index))
    kaz_est = ratio_extend(mva_kaz, kaz_proxy, last, later)
    wld_est = ratio_extend(mva_wld, gdp_wld, last, later)
    est9 = ratio(kaz_est, wld_est, 100.0)
    notes["I09"] = {
        "anchor_year": last,
        "kaz_adjustment": float(mva_kaz[last] / kaz_proxy[last]),
        "world_mva_gdp_ratio": float(mva_wld[last] / gdp_wld[last]),
    }
    parts += [_cells("I09", real9, "derived"), _cells("I09", est9, "estimate")]

    # I10 share of world manufactures exports (WDI 2013 vintage, one vintage)
    man_kaz = wdi_series(inp["wdi_manf_share"], "KAZ") * wdi_series(inp["wdi_merch"], "KAZ")
    man_wld = wdi_series(inp["wdi_manf_share"], "WLD") * wdi_series(inp["wdi_merch"], "WLD")
    parts.append(_cells("I10", ratio(man_kaz, man_wld, 100.0), "derived"))

    # I11 investment C; I12 employment C; I13 wage (proxy)
    parts.append(_cells("I11", inp["investment_c"], "real"))
    parts.append(_cells("I12", inp["employment_c"], "real"))
    parts.append(_cells("I13", inp["wage"], "proxy"))

    # I14 enterprises: 2022 real (Appendix 1) + demo
    parts.append(_cells("I14", pd.Series({2022: float(inp["enterprises_2022"])}), "real"))

    # I16 tax payments, pro-rata by the C share of GVA (estimate)
    parts.append(_cells("I16", pro_rata(inp["tax"], ratio(c, gva_total)), "estimate"))

    table = pd.concat(parts, ignore_index=True)
    # demonstration cells only where no real or estimated cell exists
    demo = inp["demo"].copy()
    have = set(zip(table["indicator_id"], table["year"]))
    demo = demo[[(i, int(y)) not in have for i, y in zip(demo["indicator_id"], demo["year"])]]
    table = pd.concat([table, _cells_frame(demo, "demo")], ignore_index=True)

    units = {i["id"]: i["unit"] for i in catalogue["indicators"]}
    table["unit"] = table["indicator_id"].map(units)
    dup = table.duplicated(["indicator_id", "year"])
    if dup.any():
        raise ValueError(f"duplicate indicator cells: {table[dup].head().to_dict('records')}")
    table = table.sort_values(["indicator_id", "year"]).reset_index(drop=True)
    return table[OUTPUT_COLUMNS], notes


def _cells_frame(df: pd.DataFrame, status: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": df["indicator_id"].to_numpy(),
            "year": df["year"].astype(int).to_numpy(),
            "value": df["value"].astype(float).to_numpy(),
            "status": status,
        }
    )
