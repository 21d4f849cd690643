"""Reading every input of stage 1 (the 16 key indicators and the sectoral and regional reviews).

:func:`load_inputs` takes the input paths of rule compute_indicators by name (a Snakemake input
object or a dict), reads each file with its schema (:mod:`industry_report.indicators.sources`) and
checks the regional totals: a national row must equal the sum of its regions, never adding a region
to the parts it was split into (:func:`industry_report.indicators.regional.check_total`). The WDI and
UNIDO files (industry_report/indicators/files.py) are read by :func:`read_wdi`, which keeps each
series' release so that no ratio mixes two releases.
"""

from __future__ import annotations

import pandas as pd

from industry_report.core import series_checks as checks_
from industry_report.indicators import regional
from industry_report.indicators import sources as src
from industry_report.indicators.derive import MHT_PARTS
from industry_report.indicators.files import DDF_SERIES, PEERS

# The unit of each WDI/UNIDO series (the range its values may take, sources.UNIT_CHECKS).
DDF_UNITS = {
    "mva_usd": "usd",
    "manf_share": "percent",
    "merch": "usd",
    "pop_wdi": "persons",
    "gdp_usd": "usd",
    "mva_gdp": "percent",
    "mva_kd": "usd",
    "mht_exports": "percent",
    "mht_va": "percent",
}
# The countries each kind of file may hold: KAZ files Kazakhstan, PEERS files the peers (and kaz
# where the release has no KAZ file), global files the world aggregate.
DDF_GEOS = {"KAZ": ("kaz",), "PEERS": ("kaz",) + PEERS, "global": ("world",)}

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


def read_wdi(inp) -> dict:
    """Every WDI/UNIDO series as one long frame (country, year, value), its files joined.

    A country may come from one file of a series only (Kazakhstan from the KAZ file, or from the
    PEERS file where the release has no KAZ file). The release of each series is kept in
    ``releases`` so a ratio can be checked to stay inside one release (:func:`same_release`).
    """
    out, releases = {}, {}
    for key, (release, code, parts) in DDF_SERIES.items():
        frames = []
        for part in parts:
            path = inp[f"{key}_{part}"]
            df = src.read_ddf(path, code, DDF_UNITS[key], DDF_GEOS[part])
            if part == "PEERS" and "KAZ" in parts:
                df = df[df["country"] != "KAZ"]  # the KAZ file of the same release is the one read
            frames.append(df)
        out[key] = pd.concat(frames, ignore_index=True)
        releases[key] = release
    out["releases"] = releases
    return out


def same_release(releases: dict, *keys: str) -> str:
    """The one release the series ``keys`` come from; ValueError if they mix releases."""
    found = {releases[k] for k in keys}
    if len(found) != 1:
        raise ValueError(f"series {keys} come from different WDI releases {sorted(found)}: never mix them")
    return found.pop()


# The tables that must have the reporting year, and the national items that must have a value for
# it (None: any row), because the chapters print them for that year.
NEED_YEAR = {
    "divisions": ("C",),
    "gva": ("C", "GDP", "GVA"),
    "investment_section": ("C", "TOTAL"),
    "employment_section": ("C",),
    "population": ("ALL",),
    "gva_region": None,
}


def load_inputs(inp, regions, checks=None, year: int | None = None) -> dict:
    """Read and validate every input file named in ``inp`` (Snakemake input or a dict of paths).

    With ``checks`` (config key checks) each raw file is also checked against its recorded
    checksum and each series for gaps and implausible jumps; ``year`` must be in NEED_YEAR's files."""
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
    ipi = src.read_bns_dims(inp["ipi"], regions, items=("C", "IND"))
    usd_rate, rate_incomplete = src.read_usd_rate(inp["usd_rate"], regions)
    comp = src.read_bns_dims(inp["compensation"], regions, items=("C", "TOTAL"))
    other_taxes = src.read_bns_dims(inp["other_taxes"], regions, nonnegative=False, items=("C",))
    data = {
        "gva": gva,
        "gva_region": gva_reg,
        "grp_region": grp,
        "investment_region": inv_reg,
        "population_region": pop_df,
        "divisions": src.division_matrix(divs),
        "output_c": src.national_item(out_df, "C"),
        "population": src.national_item(pop_df, "ALL"),
        "exports_monthly": src.read_bns_monthly(inp["exports"]),
        "ipi_c": src.national_item(ipi, "C"),
        "ipi_total": src.national_item(ipi, "IND"),
        "investment_c": src.national_item(inv_sec, "C"),
        "investment_total": src.national_item(inv_sec, "TOTAL"),
        "employment_c": src.national_item(emp_sec, "C"),
        "employment_total": src.national_item(emp_sec, "TOTAL"),
        "compensation_c": src.national_item(comp, "C"),
        "compensation_total": src.national_item(comp, "TOTAL"),
        "other_taxes_c": src.national_item(other_taxes, "C"),
        "usd_rate": usd_rate,
        "usd_rate_incomplete": rate_incomplete,
        "wage": src.read_bns_annual(inp["wage"]),
        **read_wdi(inp),
        "enterprises_2022": src.read_annex1_total(inp["enterprises"]),
    }
    if checks is not None:
        tables = {
            "divisions": divs,
            "gva": gva,
            "population": pop_df,
            "output": out_df,
            "investment_section": inv_sec,
            "employment_section": emp_sec,
            "gva_region": gva_reg,
            "grp_region": grp,
            "investment_region": inv_reg,
            "ipi": ipi,
            "compensation": comp,
            "other_taxes": other_taxes,
        }
        _check_series(inp, checks, year, tables, data)
    return data


def _check_series(inp, checks, year, tables: dict, data: dict) -> None:
    """Completeness and plausibility of every raw series (industry_report.core.series_checks)."""
    for key in inp.keys() if hasattr(inp, "keys") else inp:
        if key not in ("code", "checksums"):
            checks_.check_checksum(inp[key], checks)
    checks_.require_items(tables["divisions"], inp["divisions"], ("C",) + MHT_PARTS)
    for key, df in tables.items():
        if year is not None and key in NEED_YEAR:
            checks_.require_year(df, inp[key], year, NEED_YEAR[key])
        checks_.check_table(df, inp[key], checks)
    annual = {"wage": "wage"}
    for key, name in annual.items():
        s = data[name]
        checks_.check_series(s, s.attrs.get("lines"), inp[key], checks)
    m = data["exports_monthly"]
    periods = list(zip(m["year"], m["month"]))
    checks_.check_series(
        pd.Series(m["value"].to_numpy(float), index=pd.MultiIndex.from_tuples(periods)),
        dict(zip(periods, m.index)),
        inp["exports"],
        checks,
        step="month",
    )
