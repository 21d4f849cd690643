"""The 16 key indicators of Appendix 2 of Order No. 260 as one long table, cell by cell with a status.

Purpose: turn the inputs read by :mod:`industry_report.indicators.inputs` into the table
``indicator_id, year, value, unit, status`` (results/<year>/tables/indicators.csv), and the context
series printed beside some indicators (results/<year>/tables/indicators_context.csv). The catalogue
config/indicators.yaml documents every indicator; this module does the work, as pure functions.

Each cell gets a status: real (the published series), derived (computed from real series only),
proxy (a real series close to the indicator, named as such) or estimate (a documented estimate from
real data). No cell is invented: where no real series exists the cell is absent, and the chapters
show the gap. Every ratio of World Bank series uses one release (:func:`inputs.same_release`).
Output units are stated per indicator in the catalogue (``unit``); shares are in per cent.
"""

from __future__ import annotations

import pandas as pd

from industry_report.indicators.derive import annual_sum, drop_carried, mht_value_added, ratio
from industry_report.indicators.inputs import same_release
from industry_report.indicators.sources import national_item, wdi_series

OUTPUT_COLUMNS = ["indicator_id", "year", "value", "unit", "status"]
CONTEXT_COLUMNS = ["series_id", "indicator_id", "year", "value", "unit", "status"]


def _cells(ind: str, s: pd.Series, status: str) -> pd.DataFrame:
    s = s.dropna()
    return pd.DataFrame(
        {"indicator_id": ind, "year": s.index.astype(int), "value": s.to_numpy(float), "status": status}
    )


def manufactured_exports(data: dict, country: str) -> pd.Series:
    """Manufactured exports in current USD: manufactures share (%) x merchandise exports (one release)."""
    same_release(data["releases"], "manf_share", "merch")
    return ratio(wdi_series(data["manf_share"], country), 100.0 / wdi_series(data["merch"], country))


def compute_indicators(inp: dict, catalogue: dict) -> tuple[pd.DataFrame, dict]:
    """Build the long indicator table from loaded inputs (:func:`inputs.load_inputs`).

    Returns the table (columns OUTPUT_COLUMNS, sorted) and a dict of notes for the report.
    """
    notes: dict = {}
    c = national_item(inp["gva"], "C")
    gdp = national_item(inp["gva"], "GDP")
    pop = inp["population"]
    ws = wdi_series
    parts = [
        # I01 SNA gross output of section C (proxy of the industrial-statistics output volume); no
        # back-cast: a constant output/GVA ratio is not validated against published output figures.
        _cells("I01", inp["output_c"], "proxy"),
        _cells("I02", inp["ipi_c"], "real"),
    ]

    # I03 manufactured exports per capita (UNIDO CIP definition), one WDI release
    same_release(inp["releases"], "manf_share", "merch", "pop_wdi")
    parts.append(_cells("I03", ratio(manufactured_exports(inp, "KAZ"), ws(inp["pop_wdi"], "KAZ")), "derived"))
    # I04 manufactures share of merchandise exports (SITC 5-8 less 667, 68): proxy of finished goods
    parts.append(_cells("I04", ws(inp["manf_share"], "KAZ"), "proxy"))
    # I05 UNIDO's medium- and high-tech share of manufactured exports, carried values dropped
    i05 = ws(inp["mht_exports"], "KAZ")
    kept = drop_carried(i05)
    notes["I05"] = {"carried_years": sorted(int(y) for y in i05.index.difference(kept.index))}
    parts.append(_cells("I05", kept, "real"))

    # I06 MVA share of GDP; I07 MVA per capita (KZT); I15 productivity
    parts.append(_cells("I06", ratio(c, gdp, 100.0), "derived"))
    parts.append(_cells("I07", ratio(c * 1e6, pop), "derived"))
    parts.append(_cells("I15", ratio(c, inp["employment_c"], 1e-3), "derived"))

    # I08 MHT share of MVA (same table for numerator and denominator)
    div = inp["divisions"]
    parts.append(_cells("I08", ratio(mht_value_added(div), div["C"], 100.0), "derived"))

    # I09 share of world MVA, current USD, the 2025 release
    same_release(inp["releases"], "mva_usd")
    parts.append(_cells("I09", ratio(ws(inp["mva_usd"], "KAZ"), ws(inp["mva_usd"], "WLD"), 100.0), "derived"))
    # I10 share of world manufactures exports, the 2025 release
    parts.append(
        _cells(
            "I10", ratio(manufactured_exports(inp, "KAZ"), manufactured_exports(inp, "WLD"), 100.0), "derived"
        )
    )

    # I11 investment C; I12 employment C; I13 whole-economy wage (proxy); I14 the 2022 cross-section
    parts.append(_cells("I11", inp["investment_c"], "real"))
    parts.append(_cells("I12", inp["employment_c"], "real"))
    parts.append(_cells("I13", inp["wage"], "proxy"))
    parts.append(_cells("I14", pd.Series({2022: float(inp["enterprises_2022"])}), "real"))
    # I16 SNA other taxes on production paid by section C: a partial measure (proxy), break 2023
    parts.append(_cells("I16", inp["other_taxes_c"], "proxy"))

    table = pd.concat(parts, ignore_index=True)
    units = {i["id"]: i["unit"] for i in catalogue["indicators"]}
    table["unit"] = table["indicator_id"].map(units)
    dup = table.duplicated(["indicator_id", "year"])
    if dup.any():
        raise ValueError(f"duplicate indicator cells: {table[dup].head().to_dict('records')}")
    table = table.sort_values(["indicator_id", "year"]).reset_index(drop=True)
    return table[OUTPUT_COLUMNS], notes


def _context(series_id: str, ind: str, s: pd.Series, unit: str, status: str) -> pd.DataFrame:
    s = s.dropna()
    return pd.DataFrame(
        {
            "series_id": series_id,
            "indicator_id": ind,
            "year": s.index.astype(int),
            "value": s.to_numpy(float),
            "unit": unit,
            "status": status,
        }
    )


def compute_context(inp: dict) -> tuple[pd.DataFrame, dict]:
    """Series printed beside an indicator, never in its place (results/<year>/tables/indicators_context.csv).

    * ``goods_exports_pc`` (beside I03): BNS goods exports (sum of 12 months) / BNS population, USD;
    * ``usd_rate``: the NBK annual rate = mean of the 12 monthly averages, KZT per USD;
    * ``mva_pc_usd`` (beside I07): C GVA / the NBK annual rate / BNS population, USD;
    * ``mht_va_unido`` (beside I08): UNIDO's MHT share of MVA (INDSTAT basis), carried values dropped;
    * ``world_mva_share_kd`` (beside I09): KAZ / world MVA in constant 2015 USD, one older release;
    * ``compensation_pc_c`` and ``compensation_pc_total`` (beside I13): SNA compensation of employees
      per employed person (LFS) per month, manufacturing and the whole economy, KZT.
    """
    pop = inp["population"]
    c = national_item(inp["gva"], "C")
    exp, incomplete = annual_sum(inp["exports_monthly"])
    rate = inp["usd_rate"]
    same_release(inp["releases"], "mva_kd")
    kd = inp["mva_kd"]
    month = 12.0
    parts = [
        _context("goods_exports_pc", "I03", ratio(exp * 1000.0, pop), "USD", "derived"),
        _context("usd_rate", "I07", rate, "KZT per USD", "derived"),
        _context("mva_pc_usd", "I07", ratio(ratio(c * 1e6, rate), pop), "USD", "derived"),
        _context("mht_va_unido", "I08", drop_carried(wdi_series(inp["mht_va"], "KAZ")), "%", "real"),
        _context(
            "world_mva_share_kd",
            "I09",
            ratio(wdi_series(kd, "KAZ"), wdi_series(kd, "WLD"), 100.0),
            "%",
            "derived",
        ),
        _context(
            "compensation_pc_c",
            "I13",
            ratio(inp["compensation_c"] * 1e6 / month, inp["employment_c"] * 1000.0),
            "KZT per month",
            "derived",
        ),
        _context(
            "compensation_pc_total",
            "I13",
            ratio(inp["compensation_total"] * 1e6 / month, inp["employment_total"] * 1000.0),
            "KZT per month",
            "derived",
        ),
    ]
    notes = {"exports_incomplete_years": incomplete, "usd_rate_incomplete_years": inp["usd_rate_incomplete"]}
    return pd.concat(parts, ignore_index=True)[CONTEXT_COLUMNS], notes
