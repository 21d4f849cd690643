"""Entry point of rule compute_indicators: raw files -> indicator table, sector/region tables, values.

Reads every input with its schema (industry_report.indicators.key_indicators), computes the 16 indicators, the sectoral
and the regional review, and writes results/<year>/tables/{indicators,indicators_sectors,
indicators_regions,indicators_world,
indicators_mht,indicators_ipi_total}.csv and results/<year>/values/indicators.json (namespace
``indicators``).
"""

import pandas as pd  # noqa: E402

from industry_report.indicators import key_indicators as ind  # noqa: E402
from industry_report.indicators import regional  # noqa: E402
from industry_report.indicators import sectors  # noqa: E402
from industry_report.core.step import step  # noqa: E402
from industry_report.core.io import write_csv, write_json  # noqa: E402
from industry_report.core.regions import load_regions  # noqa: E402


def _get(obj, key):
    return obj[key] if isinstance(obj, dict) else getattr(obj, key)


def load_inputs(inp, regions) -> dict:
    """Read and validate every input file named in ``inp`` (Snakemake input or a dict of paths)."""
    g = lambda k: _get(inp, k)  # noqa: E731
    gva = ind.read_bns_dims(g("gva"), regions)
    pop_df = ind.read_bns_dims(g("population"), regions)
    out_df = ind.read_bns_dims(g("output"), regions)
    inv_sec = ind.read_bns_dims(g("investment_section"), regions)
    emp_sec = ind.read_bns_dims(g("employment_section"), regions)
    divs = ind.read_bns_dims(g("divisions"), regions)
    gva_reg = ind.read_bns_dims(g("gva_region"), regions)
    grp = ind.read_bns_dims(g("grp_region"), regions)
    inv_reg = ind.read_bns_dims(g("investment_region"), regions)
    # regional totals: never add a region to its parts; the sum must equal the national row
    for df, key, nb in ((gva_reg, "gva_region", 2021), (grp, "grp_region", 2021),
                        (inv_reg, "investment_region", 2022), (pop_df, "population", 2009),
                        (out_df[out_df["item_code"] == "C"], "output", 2022)):
        for y in sorted(df["year"].unique()):
            regional.check_total(df, int(y), regions, nb, g(key))
    return {
        "gva": gva, "gva_region": gva_reg, "grp_region": grp, "investment_region": inv_reg,
        "population_region": pop_df,
        "divisions": ind.division_matrix(divs),
        "output_c": ind.national_item(out_df, "C"),
        "population": ind.national_item(pop_df, "ALL"),
        "exports_monthly": ind.read_bns_monthly(g("exports")),
        "ipi_c": ind.read_bns_annual(g("ipi_manufacturing")),
        "ipi_total": ind.read_bns_annual(g("ipi_total")),
        "investment_c": ind.national_item(inv_sec, "C"),
        "investment_total": ind.national_item(inv_sec, "TOTAL"),
        "employment_c": ind.national_item(emp_sec, "C"),
        "wage": ind.read_bns_annual(g("wage")),
        "tax": ind.read_bns_annual(g("tax")),
        "wdi_manf_share": ind.read_wdi_wide(g("wdi_manf_share"), "TX.VAL.MANF.ZS.UN"),
        "wdi_merch": ind.read_wdi_wide(g("wdi_merch"), "TX.VAL.MRCH.CD.WT"),
        "wdi_mva": ind.read_wdi_wide(g("wdi_mva"), "NV.IND.MANF.CD"),
        "wdi_tech": ind.read_wdi_wide(g("wdi_tech"), "TX.VAL.TECH.MF.ZS"),
        "gdp_usd": ind.read_datahub(g("gdp_usd")),
        "pop_wdi": ind.read_datahub(g("population_wdi")),
        "enterprises_2022": ind.read_annex1_total(g("enterprises")),
        "demo": ind.read_demo(g("demo")),
    }


def _f(x):
    return None if x is None or pd.isna(x) else float(x)


def world_comparison(data: dict, table: pd.DataFrame) -> dict:
    """Kazakhstan against the world on the CIP-like indicators (USD, WDI one vintage per ratio)."""
    ws = ind.wdi_series
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
    rows = [
        {"dim": "Өндірістік және экспорттық әлеует", "name": "Жан басына шаққандағы өңдеу өнеркәсібінің қосылған құны",
         "unit": "АҚШ доллары", "year": y_mva, "kaz": mva_k[y_mva] / pop_k[y_mva],
         "world": mva_w[y_mva] / pop_w[y_mva], "decimals": 0, "ref": "7"},
        {"dim": "Өндірістік және экспорттық әлеует", "name": "Жан басына шаққандағы өңделген тауарлар экспорты",
         "unit": "АҚШ доллары", "year": y_trade, "kaz": ms_k[y_trade] / 100 * mx_k[y_trade] / pop_k[y_trade],
         "world": ms_w[y_trade] / 100 * mx_w[y_trade] / pop_w[y_trade], "decimals": 0, "ref": "3"},
        {"dim": "Технологиялық тереңдету және жаңарту", "name": "Өңдеу өнеркәсібінің ЖІӨ-дегі үлесі",
         "unit": "%", "year": y_mva, "kaz": 100 * mva_k[y_mva] / gdp_k[y_mva],
         "world": 100 * mva_w[y_mva] / gdp_w[y_mva], "decimals": 1, "ref": "6"},
        {"dim": "Технологиялық тереңдету және жаңарту", "name": "Орта және жоғары технологиялық өнімнің қосылған құндағы үлесі",
         "unit": "%", "year": y_mht, "kaz": ind.cell(table, "I08", y_mht)[0], "world": None,
         "decimals": 1, "ref": "8"},
        {"dim": "Технологиялық тереңдету және жаңарту", "name": "Өңделген тауарлардың тауар экспортындағы үлесі",
         "unit": "%", "year": y_trade, "kaz": ms_k[y_trade], "world": ms_w[y_trade], "decimals": 1, "ref": "4"},
        {"dim": "Технологиялық тереңдету және жаңарту", "name": "Жоғары технологиялық экспорттың өңделген өнім экспортындағы үлесі",
         "unit": "%", "year": y_ht, "kaz": ht_k[y_ht], "world": ht_w[y_ht], "decimals": 1, "ref": "5"},
        {"dim": "Әлемдік ықпал", "name": "Әлемдік өңдеу өнеркәсібі қосылған құнындағы үлес",
         "unit": "%", "year": y_mva, "kaz": ind.cell(table, "I09", y_mva)[0], "world": None,
         "decimals": 3, "ref": "9"},
        {"dim": "Әлемдік ықпал", "name": "Өңделген тауарлардың әлемдік саудасындағы үлес",
         "unit": "%", "year": y_trade, "kaz": ind.cell(table, "I10", y_trade)[0], "world": None,
         "decimals": 3, "ref": "10"},
    ]
    for r in rows:
        r["kaz"], r["world"] = _f(r["kaz"]), _f(r["world"])
    s9 = ind.series(table, "I09")
    t9 = table[table["indicator_id"] == "I09"]
    est9 = t9[t9["status"] == "estimate"]
    s10 = ind.series(table, "I10")
    return {
        "rows": rows, "year_mva": y_mva, "year_trade": y_trade, "year_ht": y_ht,
        "trade_demo_from": y_trade + 1,
        "mva_share_2000": _f(s9.get(2000)) / 100, "mva_share_2010": _f(s9.get(2010)) / 100,
        "mva_share_last_real": _f(s9[y_mva]) / 100,
        "mva_share_est_year": int(est9["year"].max()) if len(est9) else None,
        "mva_share_est": _f(est9["value"].iloc[-1]) / 100 if len(est9) else None,
        "trade_share_2000": _f(s10.get(2000)) / 100, "trade_share_last_real": _f(s10[y_trade]) / 100,
        "mva_pc_ratio": float((mva_k[y_mva] / pop_k[y_mva]) / (mva_w[y_mva] / pop_w[y_mva])),
    }


def national_facts(data: dict, table: pd.DataFrame, year: int) -> dict:
    """Numbers the chapter text quotes (fractions for shares and growth rates)."""
    s = lambda i: ind.series(table, i)  # noqa: E731
    first = year - 9
    c = ind.national_item(data["gva"], "C")
    i06, i07, i08, i12, i15, i03 = s("I06"), s("I07"), s("I08"), s("I12"), s("I15"), s("I03")
    win06 = i06.loc[first:year]
    ipi = data["ipi_c"]
    ipi_last = int(ipi.index.max())
    chain = ind.chain_index(ipi, first)
    real_growth = float(chain[ipi_last] / 100.0 - 1.0)
    nominal_growth = float(c[ipi_last] / c[first] - 1.0)
    declines = [int(y) for y in ipi.loc[first:ipi_last].index if ipi[y] < 100]
    inv_c, inv_t = data["investment_c"], data["investment_total"]
    t14 = table[table["indicator_id"] == "I14"]
    return {
        "year": year, "first_year": first, "prev_year": year - 1,
        "mva_bn": float(c[year]) / 1000, "mva_growth_1y": float(c[year] / c[year - 1] - 1),
        "mva_growth_1y_abs": abs(float(c[year] / c[year - 1] - 1)),
        "mva_share": float(i06[year]) / 100, "mva_share_prev": float(i06[year - 1]) / 100,
        "mva_share_first": float(i06[first]) / 100,
        "mva_share_max": float(win06.max()) / 100, "mva_share_max_year": int(win06.idxmax()),
        "mva_share_min": float(win06.min()) / 100, "mva_share_min_year": int(win06.idxmin()),
        "ipi_last_year": ipi_last, "ipi_last": float(ipi[ipi_last]), "ipi_gap_from": ipi_last + 1,
        "real_growth_cum": real_growth, "nominal_growth_cum": nominal_growth,
        "ipi_decline_years": declines, "ipi_decline_count": len(declines),
        "mva_pc_th": float(i07[year]) / 1000, "mva_pc_first_th": float(i07[first]) / 1000,
        "employment": float(i12[year]), "employment_first": float(i12[first]),
        "employment_change": float(i12[year] / i12[first] - 1),
        "productivity": float(i15[year]), "productivity_first": float(i15[first]),
        "investment_bn": float(inv_c[year]) / 1000,
        "investment_share": float(inv_c[year] / inv_t[year]),
        "investment_growth_1y": float(inv_c[year] / inv_c[year - 1] - 1),
        "exports_pc": float(i03[year]) if year in i03.index else None,
        "exports_pc_first_year": int(i03.index.min()),
        "exports_pc_max": float(i03.max()), "exports_pc_max_year": int(i03.idxmax()),
        "mht_share": float(i08[year]) / 100, "mht_share_first": float(i08[first]) / 100,
        "enterprises_real_year": int(t14.loc[t14["status"] == "real", "year"].max()),
        "enterprises_real": float(t14.loc[t14["status"] == "real", "value"].iloc[-1]),
    }


def main(inp, out, params):
    regions = load_regions(_get(inp, "regions"))
    registry = ind.load_registry(_get(inp, "registry"))
    year = int(_get(params, "year"))
    data = load_inputs(inp, regions)
    table, notes = ind.compute_indicators(data, registry)
    write_csv(table, _get(out, "table"))

    # sectoral review
    div = data["divisions"]
    sec_rows = sectors.division_table(div, year, registry["divisions"], registry["mht_divisions"])
    write_csv(pd.DataFrame(sec_rows), _get(out, "sectors"))
    mht = sectors.mht_summary(div, ind.mht_value_added(div), year)
    top3 = sec_rows[:3]
    big = [r for r in sec_rows if r["share"] >= 0.01 and r["cagr_5y"] is not None]
    fastest = max(big, key=lambda r: r["cagr_5y"]) if big else None
    c_div = div["C"]

    # regional review
    reg_rows = regional.regional_table(data["gva_region"], data["grp_region"],
                                       data["investment_region"], data["population_region"],
                                       year, regions)
    write_csv(pd.DataFrame(reg_rows), _get(out, "regions"))
    nat_share = float(ind.cell(table, "I06", year)[0]) / 100
    above = [r for r in reg_rows if r["mva_share_grp"] is not None and r["mva_share_grp"] > nat_share]
    top_share = min(reg_rows, key=lambda r: r.get("rank_share_grp", 99))
    top5_share = sum(r["mva_share_national"] for r in reg_rows[:5])

    # context series for the charts: total-industry IPI and the MHT groups as shares of C
    mht_groups = pd.DataFrame({
        "year": div.index.astype(int),
        "share_20": (div["20"] / div["C"]).to_numpy(),
        "share_21": (div["21"] / div["C"]).to_numpy(),
        "share_26-30": ((div["26-30, 33"] - div["33"]) / div["C"]).to_numpy(),
    })
    write_csv(mht_groups, _get(out, "mht"))
    ipi_total = data["ipi_total"]
    write_csv(pd.DataFrame({"year": ipi_total.index.astype(int), "value": ipi_total.to_numpy()}),
              _get(out, "ipi_total"))

    world = world_comparison(data, table)
    write_csv(pd.DataFrame(world["rows"]), _get(out, "world"))

    for r in sec_rows:
        r["mht_kk"] = "иә" if r["mht"] else ""
    key = ind.key_table(table, registry, year)
    ten = ind.ten_year_table(table, registry, year)
    st = set(table["status"])
    values = {
        "year": year, "first_year": year - 9,
        "key_table": key, "ten_year": ten,
        "key_numbers": {s_: ", ".join(str(r["n"]) for r in key if s_ in r["statuses"])
                        for s_ in ind.STATUSES},
        "ten_year_numbers": {s_: ", ".join(str(r["n"]) for r in ten["rows"]
                                           if any(c["status"] == s_ for c in r["cells"]))
                             for s_ in ind.STATUSES},
        "annex": ind.coverage(table, registry),
        "statuses": {k: v["kk"] for k, v in registry["statuses"].items()},
        "has_estimate": "estimate" in st, "has_demo": "demo" in st,
        "notes": notes,
        "national": national_facts(data, table, year),
        "world": world,
        "sectors": {
            "year": year, "rows": sec_rows, "n_divisions": len(sec_rows),
            "mht": mht, "mht_codes": ", ".join(registry["mht_divisions"]),
            "top3": top3, "top3_share": sum(r["share"] for r in top3),
            "fastest": fastest,
            "c_growth_1y": float(c_div[year] / c_div[year - 1] - 1),
            "c_cagr_5y": float((c_div[year] / c_div[year - 5]) ** 0.2 - 1),
            "gap_years": [int(y) for y in div.index
                          if abs(div.loc[y, sectors.DIVISIONS].sum() - div.at[y, "C"]) > 1.0],
        },
        "regions": {
            "year": year, "rows": reg_rows, "n": len(reg_rows),
            "top": reg_rows[0], "bottom": reg_rows[-1], "top_share": top_share,
            "top5_share": top5_share, "national_share": nat_share,
            "n_above_national": len(above),
            "n_growth_5y": sum(r["cagr_5y"] is not None for r in reg_rows),
            "n_no_growth_5y": sum(r["cagr_5y"] is None for r in reg_rows),
            "n_oblast": sum(regions[r["code"]].kind == "region" for r in reg_rows),
            "n_city": sum(regions[r["code"]].kind == "city" for r in reg_rows),
        },
    }
    write_json(values, _get(out, "values"))


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
