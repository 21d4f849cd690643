"""Reading every input of stage 1 (the 16 key indicators and the sectoral and regional reviews).

:func:`load_inputs` takes the input paths of rule compute_indicators by name (a Snakemake input
object or a dict), reads each file with its schema (:mod:`industry_report.indicators.sources`) and
checks the regional totals: a national row must equal the sum of its regions, never adding a region
to the parts it was split into (:func:`industry_report.indicators.regional.check_total`).
"""

from __future__ import annotations

from industry_report.indicators import regional
from industry_report.indicators import sources as src

# The World Bank indicator code each WDI input must carry (its "Indicator Code" column).
WDI_CODES = {
    "wdi_manf_share": "TX.VAL.MANF.ZS.UN",  # manufactures, % of merchandise exports
    "wdi_merch": "TX.VAL.MRCH.CD.WT",  # merchandise exports, current USD
    "wdi_mva": "NV.IND.MANF.CD",  # manufacturing value added, current USD
    "wdi_tech": "TX.VAL.TECH.MF.ZS",  # high-technology exports, % of manufactured exports
}

# The first year each regional BNS file publishes the regions of the 2022 reform (and their parents
# on the new borders), a property of the file as BNS builds it (see industry_report/indicators/
# regional.py): GVA and GRP recalculate the new regions back to 2021; investment and output have
# them from 2022; the population file recalculates them back to the start of the series, 2009.
NEW_BORDERS_FROM = {
    "gva_region": 2021,
    "grp_region": 2021,
    "investment_region": 2022,
    "population": 2009,
    "output": 2022,
}


def load_inputs(inp, regions) -> dict:
    """Read and validate every input file named in ``inp`` (Snakemake input or a dict of paths)."""
    gva = src.read_bns_dims(inp["gva"], regions)
    pop_df = src.read_bns_dims(inp["population"], regions)
    out_df = src.read_bns_dims(inp["output"], regions)
    inv_sec = src.read_bns_dims(inp["investment_section"], regions)
    emp_sec = src.read_bns_dims(inp["employment_section"], regions)
    divs = src.read_bns_dims(inp["divisions"], regions)
    gva_reg = src.read_bns_dims(inp["gva_region"], regions)
    grp = src.read_bns_dims(inp["grp_region"], regions)
    inv_reg = src.read_bns_dims(inp["investment_region"], regions)
    # regional totals: never add a region to its parts; the sum must equal the national row
    for df, key in (
        (gva_reg, "gva_region"),
        (grp, "grp_region"),
        (inv_reg, "investment_region"),
        (pop_df, "population"),
        (out_df[out_df["item_code"] == "C"], "output"),
    ):
        for y in sorted(df["year"].unique()):
            regional.check_total(df, int(y), regions, NEW_BORDERS_FROM[key], inp[key])
    return {
        "gva": gva,
        "gva_region": gva_reg,
        "grp_region": grp,
        "investment_region": inv_reg,
        "population_region": pop_df,
        "divisions": src.division_matrix(divs),
        "output_c": src.national_item(out_df, "C"),
        "population": src.national_item(pop_df, "ALL"),
        "exports_monthly": src.read_bns_monthly(inp["exports"]),
        "ipi_c": src.read_bns_annual(inp["ipi_manufacturing"]),
        "ipi_total": src.read_bns_annual(inp["ipi_total"]),
        "investment_c": src.national_item(inv_sec, "C"),
        "investment_total": src.national_item(inv_sec, "TOTAL"),
        "employment_c": src.national_item(emp_sec, "C"),
        "wage": src.read_bns_annual(inp["wage"]),
        "tax": src.read_bns_annual(inp["tax"]),
        **{k: src.read_wdi_wide(inp[k], code) for k, code in WDI_CODES.items()},
        "gdp_usd": src.read_datahub(inp["gdp_usd"]),
        "pop_wdi": src.read_datahub(inp["population_wdi"]),
        "enterprises_2022": src.read_annex1_total(inp["enterprises"]),
        "demo": src.read_demo(inp["demo"]),
    }
