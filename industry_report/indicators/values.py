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

from industry_report.indicators import peers, regional, sectors
from industry_report.indicators.catalogue import STATUSES
from industry_report.indicators.compute import compute_context, compute_indicators
from industry_report.indicators.derive import chain_index, mht_value_added
from industry_report.indicators.inputs import NEW_BORDERS_FROM
from industry_report.indicators.sources import national_item
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


def world_comparison(bench: dict, rows_spec: list[dict], names: dict) -> dict:
    """Kazakhstan against the 11 peers on the CIP indicators (peers.benchmark), for chapter 02.

    ``rows_spec``: the ``world_comparison`` rows of the catalogue (measure, indicator, words);
    ``names``: country code -> Kazakh name (catalogue ``peer_names_kk``).
    """
    w, rk, year = bench["wide"], bench["ranks"], bench["year"]
    rows = []
    for spec in rows_spec:
        m = spec["measure"]
        col = w[m].dropna()
        others = col.drop("KAZ")
        best = others.idxmax()
        rows.append(
            {
                "measure": m,
                "dim": spec["dim_kk"],
                "name": spec["name_kk"],
                "unit": spec["unit_kk"],
                "ref": str(int(spec["indicator"][1:])),
                "decimals": spec["decimals"],
                "kaz": _f(w.at["KAZ", m]),
                "rank": int(rk.at["KAZ", m]),
                "n": int(col.size),
                "median": _f(col.median()),
                "best": names[best],
                "best_value": _f(col[best]),
            }
        )
    base = bench["scores"]["baseline"].sort_values(ascending=False)
    base_rank = base.rank(ascending=False, method="min").astype(int)
    composite = [
        {"rank": int(base_rank[c]), "name": names[c], "score": _f(v), "kaz": c == "KAZ"}
        for c, v in base.items()
    ]
    sens = [dict(r) for r in bench["sensitivity"]]
    kaz_ranks = [r["kaz_rank"] for r in sens]
    return {
        "year": year,
        "rows": rows,
        "n_countries": len(w.index),
        "n_peers": len(w.index) - 1,
        "composite": composite,
        "n_composite": len(base),
        "left_out": [names[c] for c in bench["left_out"]],
        "kaz_rank": int(base_rank["KAZ"]),
        "kaz_score": _f(base["KAZ"]),
        "sensitivity": sens,
        "kaz_rank_min": min(kaz_ranks),
        "kaz_rank_max": max(kaz_ranks),
        "spearman_min": min(r["spearman_vs_baseline"] for r in sens),
    }


def peers_table(bench: dict) -> pd.DataFrame:
    """results/<year>/tables/indicators_peers.csv: every country, measure and year, with the ranks and
    composite scores of the benchmark year."""
    long = bench["long"].copy()
    rk = bench["ranks"].stack().rename("rank").reset_index()
    rk["year"] = bench["year"]
    out = long.merge(rk, on=["country", "measure", "year"], how="left")
    return out.sort_values(["measure", "country", "year"], ignore_index=True)


def world_trend(table: pd.DataFrame, bench: dict) -> dict:
    """The numbers of the text on Kazakhstan's world shares over time."""
    s9, s10 = series(table, "I09"), series(table, "I10")
    early, mid = WORLD_SHARE_YEARS
    y9, y10 = int(s9.index.max()), int(s10.index.max())
    return {
        "mva_year": y9,
        "trade_year": y10,
        f"mva_share_{early}": _f(s9.get(early)) / 100,
        f"mva_share_{mid}": _f(s9.get(mid)) / 100,
        "mva_share_last": _f(s9[y9]) / 100,
        f"trade_share_{early}": _f(s10.get(early)) / 100,
        f"trade_share_{mid}": _f(s10.get(mid)) / 100,
        "trade_share_last": _f(s10[y10]) / 100,
    }


def _context_series(context: pd.DataFrame, sid: str) -> pd.Series:
    c = context[context["series_id"] == sid]
    return pd.Series(c["value"].to_numpy(float), index=c["year"].astype(int).to_numpy())


def national_facts(data: dict, table: pd.DataFrame, context: pd.DataFrame, year: int) -> dict:
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
    goods = _context_series(context, "goods_exports_pc")
    mva_usd = _context_series(context, "mva_pc_usd")
    rate = _context_series(context, "usd_rate")
    comp_c = _context_series(context, "compensation_pc_c")
    comp_t = _context_series(context, "compensation_pc_total")
    kd = _context_series(context, "world_mva_share_kd")
    wage = data["wage"]
    i03_last = int(i03.index.max())
    pop = data["population"]
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
        "ipi_complete": ipi_last >= year,
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
        "manf_exports_pc_year": i03_last,
        "manf_exports_pc": float(i03[i03_last]),
        "goods_exports_pc": _f(goods.get(year)),
        "goods_exports_pc_first_year": int(goods.index.min()),
        "goods_exports_pc_max": float(goods.max()),
        "goods_exports_pc_max_year": int(goods.idxmax()),
        "mva_pc_usd": float(mva_usd[year]),
        "mva_pc_usd_first": float(mva_usd[first]),
        "usd_rate": float(rate[year]),
        "usd_rate_first": float(rate[first]),
        "population_break": float(pop[2022] / pop[2021] - 1),
        "wage": float(wage[year]),
        "compensation_pc_c": float(comp_c[year]),
        "compensation_pc_total": float(comp_t[year]),
        "compensation_ratio": float(comp_c[year] / comp_t[year]),
        "world_mva_kd_year": int(kd.index.max()),
        "world_mva_kd": float(kd[kd.index.max()]) / 100,
        "mht_share": float(i08[year]) / 100,
        "mht_share_first": float(i08[first]) / 100,
        "enterprises_year": int(t14["year"].max()),
        "enterprises": float(t14["value"].iloc[-1]),
        "other_taxes_bn": float(data["other_taxes_c"][year]) / 1000,
        "other_taxes_2022_bn": float(data["other_taxes_c"][2022]) / 1000,
        "other_taxes_2023_bn": float(data["other_taxes_c"][2023]) / 1000,
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
    context, notes["context"] = compute_context(data)
    bench = peers.benchmark(data)
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
    world = world_comparison(bench, catalogue["world_comparison"], catalogue["peer_names_kk"])
    world["trend"] = world_trend(table, bench)
    ipi_total = data["ipi_total"]

    mark = catalogue["labels"]["mht_mark_kk"]
    for r in sec_rows:
        r["mht_kk"] = mark if r["mht"] else ""
    key = key_table(table, catalogue, year)
    ten = ten_year_table(table, catalogue, year)
    st = set(table[table["year"] <= year]["status"])
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
        "key_latest_before": ", ".join(str(r["n"]) for r in key if r["latest_before"]),
        "key_break_notes": list(dict.fromkeys(n_ for r in key for n_ in r["break_notes"])),
        "gap_word": catalogue["labels"]["gap_kk"],
        "break_mark": catalogue["labels"]["break_mark"],
        "annex": coverage(table, catalogue, year),
        "statuses": {k: v["kk"] for k, v in catalogue["statuses"].items()},
        "has_estimate": "estimate" in st,
        "notes": notes,
        "national": national_facts(data, table, context, year),
        "world": world,
        "sectors": sector_review(div, sec_rows, divisions, catalogue, year),
        "regions": regional_review(reg_rows, table, regions, year),
    }
    return {
        "table": table,
        "context": context,
        "sectors": sectors_csv,
        "regions": regions_csv,
        "world": pd.DataFrame(world["rows"]),
        "peers": peers_table(bench),
        "mht": mht_groups(div),
        "ipi_total": pd.DataFrame({"year": ipi_total.index.astype(int), "value": ipi_total.to_numpy()}),
        "values": values,
    }
