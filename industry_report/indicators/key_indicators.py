"""The 16 key indicators of Appendix 2 of Order No. 260: reading, validation, derivation, marking.

Purpose: turn the raw BNS, World Bank (WDI) and Order-260 files of data/raw/ into one long table
``indicator_id, year, value, unit, status`` (results/<year>/tables/indicators.csv) and the values the
chapters print. The registry config/indicators.yaml documents every indicator; this module does the
work, as pure functions (no config globals, no snakemake object).

Method:
* every input file is read with a pandera schema through industry_report.core.validation, so a bad cell gives an
  InputError naming the file, the line and the column;
* derivations are ratios of aligned annual series (``ratio``), the medium- and high-technology value
  added (``mht_value_added``), annual sums of monthly exports (``annual_sum``), chained volume indices
  (``chain_index``), a ratio-adjusted extension of a series by a related one (``ratio_extend``) and a
  pro-rata share (``pro_rata``);
* each cell gets a status: real, derived, proxy, estimate (documented estimate from real data) or demo
  (invented values of tools/demo_indicators.py, only where no real basis exists).

Units: BNS money values are million KZT (population in persons, employment in thousand persons,
exports in thousand USD, monthly); WDI values are current USD or per cent. Output units are stated
per indicator in the registry (``unit``). Shares are stored in per cent (12.9 = 12.9 %).
"""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
import yaml

from industry_report.core.errors import ConfigError, InputError, Problem
from industry_report.core.validation import decode_utf8, read_csv, validate

STATUSES = ("real", "derived", "proxy", "estimate", "demo")
OUTPUT_COLUMNS = ["indicator_id", "year", "value", "unit", "status"]
ANNUAL_DATE = r"^\d{4}-12-31$"
ANY_DATE = r"^\d{4}-\d{2}-\d{2}$"
WDI_COUNTRIES = ["KAZ", "WLD"]

# ---------------------------------------------------------------------------------------------
# Schemas and readers
# ---------------------------------------------------------------------------------------------


def bns_national_schema(annual: bool = True) -> pa.DataFrameSchema:
    """BNS national series: ``date,value,transformation`` (one row per date)."""
    return pa.DataFrameSchema({
        "date": pa.Column(str, pa.Check.str_matches(
            ANNUAL_DATE if annual else ANY_DATE,
            error="a year-end date YYYY-12-31" if annual else "a date YYYY-MM-DD")),
        "value": pa.Column(float, pa.Check.ge(0)),
        "transformation": pa.Column(str, pa.Check.isin(["level"])),
    }, unique=["date"])


def bns_dims_schema(region_codes: list[str]) -> pa.DataFrameSchema:
    """BNS dimension tables: ``date,region,item_code,item_name,value,transformation``."""
    return pa.DataFrameSchema({
        "date": pa.Column(str, pa.Check.str_matches(ANNUAL_DATE, error="a year-end date YYYY-12-31")),
        "region": pa.Column(str, pa.Check.isin(sorted(region_codes) + ["national"])),
        "item_code": pa.Column(str),
        "item_name": pa.Column(str),
        "value": pa.Column(float, pa.Check.ge(0), nullable=True),
        "transformation": pa.Column(str, pa.Check.isin(["level"])),
    }, unique=["date", "region", "item_code"])


DATAHUB_SCHEMA = pa.DataFrameSchema({
    "Country Name": pa.Column(str),
    "Country Code": pa.Column(str, pa.Check.isin(WDI_COUNTRIES)),
    "Year": pa.Column(int, pa.Check.in_range(1960, 2100)),
    "Value": pa.Column(float, pa.Check.gt(0)),
}, unique=["Country Code", "Year"])

ANNEX1_SCHEMA = pa.DataFrameSchema({
    "region_code": pa.Column(str),
    "region_en": pa.Column(str),
    "region_kk": pa.Column(str),
    **{f"{k}_{s}": pa.Column(int, pa.Check.ge(0))
       for k in ("population", "sample") for s in ("total", "small", "medium", "large")},
}, unique=["region_code"])


def _year(date: pd.Series) -> pd.Series:
    return date.str[:4].astype(int)


def read_bns_annual(path: str | Path) -> pd.Series:
    """An annual BNS national series as a float Series indexed by year."""
    df = read_csv(path, bns_national_schema(annual=True))
    return pd.Series(df["value"].to_numpy(float), index=_year(df["date"]).to_numpy(),
                     name=Path(path).stem).sort_index()


def read_bns_monthly(path: str | Path) -> pd.DataFrame:
    """A monthly BNS national series (``date`` = first day of the month): columns year, month, value."""
    df = read_csv(path, bns_national_schema(annual=False))
    month = df["date"].str[5:7].astype(int)
    day = df["date"].str[8:10].astype(int)
    bad = (day != 1) | (month < 1) | (month > 12)
    if bad.any():
        raise InputError(path, [Problem(int(r), "date", f"expected the first day of a month "
                                        f"(YYYY-MM-01), found {df.at[r, 'date']!r}")
                                for r in df.index[bad]])
    return pd.DataFrame({"year": _year(df["date"]), "month": month, "value": df["value"]},
                        index=df.index)


def read_bns_dims(path: str | Path, regions) -> pd.DataFrame:
    """A BNS dimension table, validated, with ``year``; the index is the line number in the file.

    Region codes must be in the region list, and a region may not appear after it ceased to exist
    (e.g. YKO after 2017). Successors may appear before their creation: BNS recalculates them back.
    """
    df = read_csv(path, bns_dims_schema(regions.codes()))
    df["year"] = _year(df["date"])
    problems = []
    for row, code, year in zip(df.index, df["region"], df["year"]):
        r = regions.regions.get(code)
        if r is not None and r.valid_to is not None and year > r.valid_to:
            problems.append(Problem(int(row), "region", f"expected a region that exists in {year}; "
                                    f"{code} ({r.names['en']}) exists only until {r.valid_to}"
                                    + (f" (use {' and '.join(r.split_into)})" if r.split_into else "")))
    if problems:
        raise InputError(path, problems)
    return df


def read_wdi_wide(path: str | Path, indicator_code: str) -> pd.DataFrame:
    """A WDI wide CSV (rows KAZ and WLD, one column per year), with or without the 4-line API preamble.

    Returns a long frame ``country, year, value`` (empty cells dropped). Line numbers in errors are
    those of the file, preamble included.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(path, "the file does not exist")
    text = decode_utf8(path, path.read_bytes())
    lines = text.splitlines()
    head = next((i for i, ln in enumerate(lines) if ln.lstrip('"').startswith("Country Name")), None)
    if head is None:
        raise InputError(path, "expected a header line starting with 'Country Name'", row=1)
    df = pd.read_csv(io.StringIO("\n".join(lines[head:])), dtype=str, keep_default_na=False)
    df = df[[c for c in df.columns if not (c.startswith("Unnamed:") and (df[c] == "").all())]]
    fixed = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
    years = [c for c in df.columns if c not in fixed]
    problems = [Problem(head + 1, c, "a required column is missing") for c in fixed
                if c not in df.columns]
    problems += [Problem(head + 1, c, "expected a year (YYYY) as column name") for c in years
                 if not (len(c) == 4 and c.isdigit())]
    if problems:
        raise InputError(path, problems)
    df.index = pd.RangeIndex(head + 2, head + 2 + len(df))
    schema = pa.DataFrameSchema({
        "Country Name": pa.Column(str),
        "Country Code": pa.Column(str, pa.Check.isin(WDI_COUNTRIES)),
        "Indicator Name": pa.Column(str),
        "Indicator Code": pa.Column(str, pa.Check.isin([indicator_code])),
        **{y: pa.Column(float, pa.Check.ge(0), nullable=True) for y in years},
    }, unique=["Country Code"])
    df = validate(df, schema, path)
    long = df.melt(id_vars=["Country Code"], value_vars=years, var_name="year", value_name="value")
    long = long.dropna(subset=["value"]).rename(columns={"Country Code": "country"})
    long["year"] = long["year"].astype(int)
    return long[["country", "year", "value"]].sort_values(["country", "year"]).reset_index(drop=True)


def wdi_series(long: pd.DataFrame, country: str) -> pd.Series:
    s = long[long["country"] == country]
    return pd.Series(s["value"].to_numpy(float), index=s["year"].to_numpy()).sort_index()


def read_datahub(path: str | Path) -> pd.DataFrame:
    """datahub core GDP / population: long ``country, year, value``."""
    df = read_csv(path, DATAHUB_SCHEMA)
    return pd.DataFrame({"country": df["Country Code"], "year": df["Year"].astype(int),
                         "value": df["Value"].astype(float)})


def read_annex1_total(path: str | Path) -> int:
    """Total of active manufacturing enterprises in Appendix 1 of the Order (row KZ)."""
    df = read_csv(path, ANNEX1_SCHEMA)
    tot = df[df["region_code"] == "KZ"]
    if len(tot) != 1:
        raise InputError(path, "expected one total row with region_code 'KZ'", column="region_code")
    regions_sum = int(df.loc[df["region_code"] != "KZ", "population_total"].sum())
    total = int(tot["population_total"].iloc[0])
    if regions_sum != total:
        raise InputError(path, f"expected the regions to add up to the total {total}, found "
                               f"{regions_sum}", row=int(tot.index[0]), column="population_total")
    return total


def national_item(df: pd.DataFrame, item: str, region: str = "national") -> pd.Series:
    """One item of a BNS dims table as a Series by year."""
    s = df[(df["region"] == region) & (df["item_code"] == item)]
    return pd.Series(s["value"].to_numpy(float), index=s["year"].to_numpy()).sort_index().dropna()


def division_matrix(df: pd.DataFrame) -> pd.DataFrame:
    """The national rows of the divisions table as year x item_code (million KZT)."""
    d = df[df["region"] == "national"]
    return d.pivot(index="year", columns="item_code", values="value").sort_index()


# ---------------------------------------------------------------------------------------------
# Derivations (pure functions on annual Series indexed by year)
# ---------------------------------------------------------------------------------------------


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


def mht_value_added(div: pd.DataFrame) -> pd.Series:
    """Value added of the MHT divisions 20, 21, 26-30 (million KZT).

    Divisions 26-30 = the BNS aggregate "26-30, 33" minus division 33: in 2018-2019 the single
    lines 26..30 fall short of their aggregate (confidential cells), and in the other years this
    equals the sum of the single lines.
    """
    need = ["20", "21", "26-30, 33", "33"]
    missing = [c for c in need if c not in div.columns]
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


# ---------------------------------------------------------------------------------------------
# Registry and assembly
# ---------------------------------------------------------------------------------------------


def load_registry(path: str | Path) -> dict:
    """Read and check config/indicators.yaml: 16 indicators I01..I16 with all required keys."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    inds = data.get("indicators") or []
    need = ["id", "name_kk", "name_ru", "name_en", "unit", "display", "change", "definition_en",
            "definition_kk", "sources", "source_kk", "derivation_en", "derivation_kk", "status",
            "cell_statuses"]
    ids = [i.get("id") for i in inds]
    if ids != [f"I{n:02d}" for n in range(1, 17)]:
        raise ConfigError(f"{path}: expected indicators I01..I16 in order, found {ids}")
    for ind in inds:
        miss = [k for k in need if k not in ind]
        if miss:
            raise ConfigError(f"{path}: indicator {ind['id']} lacks {', '.join(miss)}")
        bad = [s for s in [ind["status"], *ind["cell_statuses"]] if s not in STATUSES]
        if bad or ind["status"] == "demo":
            raise ConfigError(f"{path}: indicator {ind['id']}: status must be one of "
                              f"real, derived, proxy, estimate; cell statuses also demo; found {bad}")
        if ind["change"] not in ("pct", "pp"):
            raise ConfigError(f"{path}: indicator {ind['id']}: change must be pct or pp")
    return data


def _cells(ind: str, s: pd.Series, status: str) -> pd.DataFrame:
    s = s.dropna()
    return pd.DataFrame({"indicator_id": ind, "year": s.index.astype(int),
                         "value": s.to_numpy(float), "status": status})


def compute_indicators(inp: dict, registry: dict) -> tuple[pd.DataFrame, dict]:
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
    notes["I09"] = {"anchor_year": last,
                    "kaz_adjustment": float(mva_kaz[last] / kaz_proxy[last]),
                    "world_mva_gdp_ratio": float(mva_wld[last] / gdp_wld[last])}
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

    units = {i["id"]: i["unit"] for i in registry["indicators"]}
    table["unit"] = table["indicator_id"].map(units)
    dup = table.duplicated(["indicator_id", "year"])
    if dup.any():
        raise ValueError(f"duplicate indicator cells: {table[dup].head().to_dict('records')}")
    table = table.sort_values(["indicator_id", "year"]).reset_index(drop=True)
    return table[OUTPUT_COLUMNS], notes


def _cells_frame(df: pd.DataFrame, status: str) -> pd.DataFrame:
    return pd.DataFrame({"indicator_id": df["indicator_id"].to_numpy(),
                         "year": df["year"].astype(int).to_numpy(),
                         "value": df["value"].astype(float).to_numpy(), "status": status})


DEMO_SCHEMA = pa.DataFrameSchema({
    "indicator_id": pa.Column(str, pa.Check.str_matches(r"^I(0[1-9]|1[0-6])$",
                                                        error="an indicator id I01..I16")),
    "year": pa.Column(int, pa.Check.in_range(1990, 2100)),
    "value": pa.Column(float, pa.Check.ge(0)),
    "unit": pa.Column(str),
}, unique=["indicator_id", "year"])


def read_demo(path: str | Path) -> pd.DataFrame:
    return read_csv(path, DEMO_SCHEMA)


# ---------------------------------------------------------------------------------------------
# Summaries for the chapters
# ---------------------------------------------------------------------------------------------


def cell(table: pd.DataFrame, ind: str, year: int):
    """(value, status) of one cell, or (None, None) if missing."""
    r = table[(table["indicator_id"] == ind) & (table["year"] == year)]
    if r.empty:
        return None, None
    return float(r["value"].iloc[0]), str(r["status"].iloc[0])


def change(latest: float | None, before: float | None, kind: str) -> float | None:
    """Per cent change of a level (kind 'pct'), or difference in percentage points ('pp')."""
    if latest is None or before is None:
        return None
    if kind == "pp":
        return latest - before
    return 100.0 * (latest / before - 1.0) if before else None


def key_table(table: pd.DataFrame, registry: dict, year: int) -> list[dict]:
    """One row per indicator: latest year up to ``year``, value, change on 1 and 5 years, status.

    Values are in the registry's display unit (value x display.scale). Changes are computed on the
    stored values: per cent for levels, percentage points for shares. ``statuses`` lists, in order
    and without repeats, the statuses of the cells used (latest, one year before, five years before).
    """
    st_kk = {k: v["kk"] for k, v in registry["statuses"].items()}
    rows = []
    for n, ind in enumerate(registry["indicators"], start=1):
        t = table[(table["indicator_id"] == ind["id"]) & (table["year"] <= year)]
        disp = ind["display"]
        if t.empty:
            rows.append({"n": n, "id": ind["id"], "name": ind["name_kk"], "unit": disp["unit_kk"],
                         "year": None, "value": None, "change_1y": None, "change_5y": None,
                         "change_unit": "п.т." if ind["change"] == "pp" else "%",
                         "decimals": disp["decimals"], "status": "деректер жоқ", "statuses": []})
            continue
        ly = int(t["year"].max())
        v0, s0 = cell(table, ind["id"], ly)
        v1, s1 = cell(table, ind["id"], ly - 1)
        v5, s5 = cell(table, ind["id"], ly - 5)
        used = [s for s in (s0, s1, s5) if s is not None]
        statuses = list(dict.fromkeys(used))
        rows.append({
            "n": n, "id": ind["id"], "name": ind["name_kk"], "unit": disp["unit_kk"], "year": ly,
            "value": v0 * disp["scale"], "decimals": disp["decimals"],
            "change_1y": change(v0, v1, ind["change"]), "change_5y": change(v0, v5, ind["change"]),
            "change_decimals": 3 if disp["decimals"] >= 3 else 1,
            "change_unit": "п.т." if ind["change"] == "pp" else "%",
            "status": ", ".join(st_kk[s] for s in statuses), "statuses": statuses,
        })
    return rows


MARKS = {"estimate": "*", "demo": "†"}


def ten_year_table(table: pd.DataFrame, registry: dict, year: int, span: int = 10) -> dict:
    """Indicators x the last ``span`` years, display units, with a mark per estimated/demo cell."""
    years = list(range(year - span + 1, year + 1))
    rows = []
    for n, ind in enumerate(registry["indicators"], start=1):
        disp = ind["display"]
        cells = []
        for y in years:
            v, s = cell(table, ind["id"], y)
            cells.append({"year": y, "value": None if v is None else v * disp["scale"],
                          "status": s, "mark": MARKS.get(s, "")})
        rows.append({"n": n, "id": ind["id"], "name": ind["name_kk"], "unit": disp["unit_kk"],
                     "decimals": disp["decimals"], "cells": cells})
    return {"years": years, "rows": rows}


def coverage(table: pd.DataFrame, registry: dict) -> list[dict]:
    """Per indicator: years covered by each status (for the annex)."""
    st_kk = {k: v["kk"] for k, v in registry["statuses"].items()}
    out = []
    for n, ind in enumerate(registry["indicators"], start=1):
        t = table[table["indicator_id"] == ind["id"]]
        spans = []
        for s in STATUSES:
            ys = sorted(t.loc[t["status"] == s, "year"].astype(int))
            if ys:
                spans.append(f"{st_kk[s]}: {_year_ranges(ys)}")
        out.append({"n": n, "id": ind["id"], "name": ind["name_kk"], "unit": ind["display"]["unit_kk"],
                    "status": st_kk[ind["status"]], "coverage": "; ".join(spans),
                    "definition": ind["definition_kk"].strip(), "source": ind["source_kk"],
                    "derivation": ind["derivation_kk"].strip(),
                    "first_year": int(t["year"].min()) if len(t) else None,
                    "last_year": int(t["year"].max()) if len(t) else None})
    return out


def _year_ranges(years: list[int]) -> str:
    """[2010, 2011, 2012, 2015] -> '2010–2012, 2015'."""
    out, start, prev = [], years[0], years[0]
    for y in years[1:] + [None]:
        if y is not None and y == prev + 1:
            prev = y
            continue
        out.append(str(start) if start == prev else f"{start}–{prev}")
        if y is not None:
            start = prev = y
    return ", ".join(out)


def series(table: pd.DataFrame, ind: str) -> pd.Series:
    t = table[table["indicator_id"] == ind]
    return pd.Series(t["value"].to_numpy(float), index=t["year"].astype(int).to_numpy())
