"""Stage 1 results beyond the indicator table: the sectoral and regional reviews, the world
comparison, the context series of the charts, and the values the chapters print (values JSON,
namespace ``indicators``).

:func:`build` takes the inputs read by :func:`industry_report.indicators.inputs.load_inputs`, the
catalogue (config/indicators.yaml), the divisions code list (config/divisions.yaml), the regions and
the report year, and returns every output of rule compute_indicators as data: the tables as
DataFrames and the values as a dict. Shares and growth rates in the values are fractions
(0.129 = 12.9 %) unless the key says otherwise; money in billion KZT (``_bn``) or thousand (``_th``).
"""

from __future__ import annotations

import math

import pandas as pd

from industry_report.indicators import regional, sectors
from industry_report.indicators.catalogue import STATUSES
from industry_report.indicators.compute import compute_indicators
from industry_report.indicators.derive import chain_index, mht_value_added
from industry_report.indicators.inputs import NEW_BORDERS_FROM
from industry_report.indicators.sources import national_item, wdi_series
from industry_report.indicators.tables import TEN_YEARS, cell, coverage, key_table, series, ten_year_table

# Average annual growth in the reviews is taken over this many years.
CAGR_YEARS = 5
# "The fastest-growing division" is chosen among divisions with at least this share of manufacturing.
FASTEST_MIN_SHARE = 0.01
# A year counts as a gap in the division table when its lines miss C by more than this (million KZT;
# rounding in the published table stays below it).
GAP_TOLERANCE = 1.0
# Years of the world shares the chapter text compares with the latest one.
WORLD_SHARE_YEARS = (2000, 2010)


def _f(x):
    return None if x is None or pd.isna(x) else float(x)


def world_comparison(data: dict, table: pd.DataFrame, rows_spec: list[dict]) -> dict:
    """Kazakhstan against the world on the CIP-like indicators (USD, WDI one vintage per ratio).

    ``rows_spec``: the ``world_comparison`` rows of the catalogue (measure, indicator, words).
    """
    ws = wdi_series
    mva_k, mva_w = ws(data["wdi_mva"], "KAZ"), ws(data["wdi_mva"], "WLD")
    gdp_k, gdp_w = ws(data["gdp_usd"], "KAZ"), ws(data["gdp_usd"], "WLD")
    pop_k, pop_w = ws(data["pop_wdi"], "KAZ"), ws(data["pop_wdi"], "WLD")
    ms_k, ms_w = ws(data["wdi_manf_share"], "KAZ"), ws(data["wdi_manf_share"], "WLD")
    mx_k, mx_w = ws(data["wdi_merch"], "KAZ"), ws(data["wdi_merch"], "WLD")
    ht_k, ht_w = ws(data["wdi_tech"], "KAZ"), ws(data["wdi_tech"], "WLD")
    y_mva = int(mva_k.index.intersection(mva_w.index).max())
    y_trade = int(ms_k.index.intersection(mx_w.index).intersection(ms_w.index).max())
    y_ht = int(ht_k.index.intersection(ht_w.index).max())
    y_mht = int(table.loc[table["indicator_id"] == "I08", "year"].max())
    # measure -> (year, Kazakhstan, world); the world has no MHT share or share of itself
    measures = {
        "mva_per_capita": (y_mva, mva_k[y_mva] / pop_k[y_mva], mva_w[y_mva] / pop_w[y_mva]),
        "manufactures_exports_per_capita": (
            y_trade,
            ms_k[y_trade] / 100 * mx_k[y_trade] / pop_k[y_trade],
            ms_w[y_trade] / 100 * mx_w[y_trade] / pop_w[y_trade],
        ),
        "mva_share_gdp": (y_mva, 100 * mva_k[y_mva] / gdp_k[y_mva], 100 * mva_w[y_mva] / gdp_w[y_mva]),
        "mht_share_mva": (y_mht, cell(table, "I08", y_mht)[0], None),
        "manufactures_share_exports": (y_trade, ms_k[y_trade], ms_w[y_trade]),
        "high_tech_share_exports": (y_ht, ht_k[y_ht], ht_w[y_ht]),
        "share_world_mva": (y_mva, cell(table, "I09", y_mva)[0], None),
        "share_world_manufactures_trade": (y_trade, cell(table, "I10", y_trade)[0], None),
    }
    rows = []
    for spec in rows_spec:
        y, kaz, world = measures[spec["measure"]]
        rows.append(
            {
                "dim": spec["dim_kk"],
                "name": spec["name_kk"],
                "unit": spec["unit_kk"],
                "year": y,
                "kaz": _f(kaz),
                "world": _f(world),
                "decimals": spec["decimals"],
                "ref": str(int(spec["indicator"][1:])),
            }
        )
    s9 = series(table, "I09")
    t9 = table[table["indicator_id"] == "I09"]
    est9 = t9[t9["status"] == "estimate"]
    s10 = series(table, "I10")
    early, mid = WORLD_SHARE_YEARS
    return {
        "rows": rows,
        "year_mva": y_mva,
        "year_trade": y_trade,
        "year_ht": y_ht,
        "trade_demo_from": y_trade + 1,
        f"mva_share_{early}": _f(s9.get(early)) / 100,
        f"mva_share_{mid}": _f(s9.get(mid)) / 100,
        "mva_share_last_real": _f(s9[y_mva]) / 100,
        "mva_share_est_year": int(est9["year"].max()) if len(est9) else None,
        "mva_share_est": _f(est9["value"].iloc[-1]) / 100 if len(est9) else None,
        f"trade_share_{early}": _f(s10.get(early)) / 100,
        "trade_share_last_real": _f(s10[y_trade]) / 100,
        "mva_pc_ratio": float((mva_k[y_mva] / pop_k[y_mva]) / (mva_w[y_mva] / pop_w[y_mva])),
    }


def national_facts(data: dict, table: pd.DataFrame, year: int) -> dict:
    """Numbers the chapter text quotes (fractions for shares and growth rates)."""
    s = lambda i: series(table, i)  # noqa: E731
    first = year - TEN_YEARS + 1
    c = national_item(data["gva"], "C")
    i06, i07, i08, i12, i15, i03 = s("I06"), s("I07"), s("I08"), s("I12"), s("I15"), s("I03")
    win06 = i06.loc[first:year]
    ipi = data["ipi_c"]
    ipi_last = int(ipi.index.max())
    chain = chain_index(ipi, first)
    real_growth = float(chain[ipi_last] / 100.0 - 1.0)
    nominal_growth = float(c[ipi_last] / c[first] - 1.0)
    declines = [int(y) for y in ipi.loc[first:ipi_last].index if ipi[y] < 100]
    inv_c, inv_t = data["investment_c"], data["investment_total"]
    t14 = table[table["indicator_id"] == "I14"]
    return {
        "year": year,
        "first_year": first,
        "prev_year": year - 1,
        "mva_bn": float(c[year]) / 1000,
        "mva_growth_1y": float(c[year] / c[year - 1] - 1),
        "mva_growth_1y_abs": abs(float(c[year] / c[year - 1] - 1)),
        "mva_share": float(i06[year]) / 100,
        "mva_share_prev": float(i06[year - 1]) / 100,
        "mva_share_first": float(i06[first]) / 100,
        "mva_share_max": float(win06.max()) / 100,
        "mva_share_max_year": int(win06.idxmax()),
        "mva_share_min": float(win06.min()) / 100,
        "mva_share_min_year": int(win06.idxmin()),
        "ipi_last_year": ipi_last,
        "ipi_last": float(ipi[ipi_last]),
        "ipi_gap_from": ipi_last + 1,
        "real_growth_cum": real_growth,
        "nominal_growth_cum": nominal_growth,
        "ipi_decline_years": declines,
        "ipi_decline_count": len(declines),
        "mva_pc_th": float(i07[year]) / 1000,
        "mva_pc_first_th": float(i07[first]) / 1000,
        "employment": float(i12[year]),
        "employment_first": float(i12[first]),
        "employment_change": float(i12[year] / i12[first] - 1),
        "productivity": float(i15[year]),
        "productivity_first": float(i15[first]),
        "investment_bn": float(inv_c[year]) / 1000,
        "investment_share": float(inv_c[year] / inv_t[year]),
        "investment_growth_1y": float(inv_c[year] / inv_c[year - 1] - 1),
        "exports_pc": float(i03[year]) if year in i03.index else None,
        "exports_pc_first_year": int(i03.index.min()),
        "exports_pc_max": float(i03.max()),
        "exports_pc_max_year": int(i03.idxmax()),
        "mht_share": float(i08[year]) / 100,
        "mht_share_first": float(i08[first]) / 100,
        "enterprises_real_year": int(t14.loc[t14["status"] == "real", "year"].max()),
        "enterprises_real": float(t14.loc[t14["status"] == "real", "value"].iloc[-1]),
    }


def sector_review(div: pd.DataFrame, sec_rows: list[dict], divisions, catalogue: dict, year: int) -> dict:
    """The numbers of the sectoral chapter; ``sec_rows`` from :func:`sectors.division_table`."""
    mht = sectors.mht_summary(div, mht_value_added(div), year)
    top3 = sec_rows[:3]
    big = [r for r in sec_rows if r["share"] >= FASTEST_MIN_SHARE and r["cagr_5y"] is not None]
    fastest = max(big, key=lambda r: r["cagr_5y"]) if big else None
    c_div = div["C"]
    codes = list(divisions.codes)
    return {
        "year": year,
        "rows": sec_rows,
        "n_divisions": len(sec_rows),
        "mht": mht,
        "mht_codes": ", ".join(catalogue["mht_divisions"]),
        "top3": top3,
        "top3_share": sum(r["share"] for r in top3),
        "fastest": fastest,
        "c_growth_1y": float(c_div[year] / c_div[year - 1] - 1),
        "c_cagr_5y": float((c_div[year] / c_div[year - CAGR_YEARS]) ** (1 / CAGR_YEARS) - 1),
        "gap_years": [
            int(y) for y in div.index if abs(div.loc[y, codes].sum() - div.at[y, "C"]) > GAP_TOLERANCE
        ],
    }


def regional_review(reg_rows: list[dict], table: pd.DataFrame, regions, year: int) -> dict:
    """The numbers of the regional chapter; ``reg_rows`` from :func:`regional.regional_table`."""
    nat_share = float(cell(table, "I06", year)[0]) / 100
    above = [r for r in reg_rows if r["mva_share_grp"] is not None and r["mva_share_grp"] > nat_share]
    top_share = min(reg_rows, key=lambda r: r.get("rank_share_grp", math.inf))
    return {
        "year": year,
        "rows": reg_rows,
        "n": len(reg_rows),
        "top": reg_rows[0],
        "bottom": reg_rows[-1],
        "top_share": top_share,
        "top5_share": sum(r["mva_share_national"] for r in reg_rows[:5]),
        "national_share": nat_share,
        "n_above_national": len(above),
        "n_growth_5y": sum(r["cagr_5y"] is not None for r in reg_rows),
        "n_no_growth_5y": sum(r["cagr_5y"] is None for r in reg_rows),
        "n_oblast": sum(regions[r["code"]].kind == "region" for r in reg_rows),
        "n_city": sum(regions[r["code"]].kind == "city" for r in reg_rows),
    }


def mht_groups(div: pd.DataFrame) -> pd.DataFrame:
    """The MHT groups as fractions of C by year (context series of the MHT chart)."""
    return pd.DataFrame(
        {
            "year": div.index.astype(int),
            "share_20": (div["20"] / div["C"]).to_numpy(),
            "share_21": (div["21"] / div["C"]).to_numpy(),
            "share_26-30": ((div["26-30, 33"] - div["33"]) / div["C"]).to_numpy(),
        }
    )


def build(data: dict, catalogue: dict, divisions, regions, year: int) -> dict:
    """Every output of rule compute_indicators: DataFrames ``table``, ``sectors``, ``regions``,
    ``world``, ``mht``, ``ipi_total`` and the dict ``values``."""
    table, notes = compute_indicators(data, catalogue)
    div = data["divisions"]
    sec_rows = sectors.division_table(div, year, divisions, catalogue["mht_divisions"])
    sectors_csv = pd.DataFrame(sec_rows)  # the CSV has no print-only columns
    reg_rows = regional.regional_table(
        data["gva_region"],
        data["grp_region"],
        data["investment_region"],
        data["population_region"],
        year,
        regions,
        NEW_BORDERS_FROM["gva_region"],
    )
    regions_csv = pd.DataFrame(reg_rows)
    world = world_comparison(data, table, catalogue["world_comparison"])
    ipi_total = data["ipi_total"]

    mark = catalogue["labels"]["mht_mark_kk"]
    for r in sec_rows:
        r["mht_kk"] = mark if r["mht"] else ""
    key = key_table(table, catalogue, year)
    ten = ten_year_table(table, catalogue, year)
    st = set(table["status"])
    values = {
        "year": year,
        "first_year": year - TEN_YEARS + 1,
        "key_table": key,
        "ten_year": ten,
        "key_numbers": {s_: ", ".join(str(r["n"]) for r in key if s_ in r["statuses"]) for s_ in STATUSES},
        "ten_year_numbers": {
            s_: ", ".join(str(r["n"]) for r in ten["rows"] if any(c["status"] == s_ for c in r["cells"]))
            for s_ in STATUSES
        },
        "annex": coverage(table, catalogue),
        "statuses": {k: v["kk"] for k, v in catalogue["statuses"].items()},
        "has_estimate": "estimate" in st,
        "has_demo": "demo" in st,
        "notes": notes,
        "national": national_facts(data, table, year),
        "world": world,
        "sectors": sector_review(div, sec_rows, divisions, catalogue, year),
        "regions": regional_review(reg_rows, table, regions, year),
    }
    return {
        "table": table,
        "sectors": sectors_csv,
        "regions": regions_csv,
        "world": pd.DataFrame(world["rows"]),
        "mht": mht_groups(div),
        "ipi_total": pd.DataFrame({"year": ipi_total.index.astype(int), "value": ipi_total.to_numpy()}),
        "values": values,
    }
