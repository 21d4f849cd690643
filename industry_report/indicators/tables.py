"""The tables the chapters print from the indicator table: key table, ten-year table, coverage annex.

Input is the long table of :func:`industry_report.indicators.compute.compute_indicators` and the
catalogue (config/indicators.yaml), which gives names, display units and the words printed.
"""

from __future__ import annotations

import pandas as pd

from industry_report.indicators.catalogue import STATUSES

# The span of the ten-year table and of the national review (the report year and the nine before).
TEN_YEARS = 10


def cell(table: pd.DataFrame, ind: str, year: int):
    """(value, status) of one cell, or (None, None) if missing."""
    r = table[(table["indicator_id"] == ind) & (table["year"] == year)]
    if r.empty:
        return None, None
    return float(r["value"].iloc[0]), str(r["status"].iloc[0])


def indicator_statuses(table: pd.DataFrame, ind: str, year: int) -> list[str]:
    """The statuses of the cells of indicator ``ind`` up to ``year``, in the order of STATUSES.

    THE status of an indicator: the key table, the ten-year table, the annex and the charts all
    take it from here, so no two places can label one indicator differently.
    """
    t = table[(table["indicator_id"] == ind) & (table["year"] <= year)]
    found = set(t["status"])
    return [s for s in STATUSES if s in found]


def status_label(statuses: list[str], catalogue: dict) -> str:
    """The printed status of an indicator: its cell statuses in words, or the no-data word."""
    if not statuses:
        return catalogue["labels"]["no_data_kk"]
    return ", ".join(catalogue["statuses"][s]["kk"] for s in statuses)


def spans_break(ind: dict, before: int, latest: int) -> list[dict]:
    """The breaks of the catalogue entry ``ind`` that a change from ``before`` to ``latest`` spans."""
    return [b for b in ind.get("breaks", []) if before < b["year"] <= latest]


def change(latest: float | None, before: float | None, kind: str) -> float | None:
    """Per cent change of a level (kind 'pct'), or difference in percentage points ('pp')."""
    if latest is None or before is None:
        return None
    if kind == "pp":
        return latest - before
    return 100.0 * (latest / before - 1.0) if before else None


def key_table(table: pd.DataFrame, catalogue: dict, year: int) -> list[dict]:
    """One row per indicator: latest year up to ``year``, value, change on 1 and 5 years, status.

    Values are in the catalogue's display unit (value x display.scale). Changes are computed on the
    stored values: per cent for levels, percentage points for shares; a change across a known break
    of the series gets the break mark and its note. ``statuses`` and ``status`` come from
    :func:`indicator_statuses` (the one status of the indicator). ``latest_before`` is true when the
    series ends before ``year`` (the table prints the latest year, never a filled value).
    """
    words = catalogue["labels"]
    rows = []
    for n, ind in enumerate(catalogue["indicators"], start=1):
        t = table[(table["indicator_id"] == ind["id"]) & (table["year"] <= year)]
        change_unit = words["change_unit_kk"][ind["change"]]
        disp = ind["display"]
        if t.empty:
            rows.append(
                {
                    "n": n,
                    "id": ind["id"],
                    "name": ind["name_kk"],
                    "unit": disp["unit_kk"],
                    "year": None,
                    "value": None,
                    "change_1y": None,
                    "change_5y": None,
                    "change_unit": change_unit,
                    "decimals": disp["decimals"],
                    "status": words["no_data_kk"],
                    "statuses": [],
                    "latest_before": True,
                    "break_1y": "",
                    "break_5y": "",
                    "break_notes": [],
                }
            )
            continue
        ly = int(t["year"].max())
        v0, _ = cell(table, ind["id"], ly)
        v1, _ = cell(table, ind["id"], ly - 1)
        v5, _ = cell(table, ind["id"], ly - 5)
        statuses = indicator_statuses(table, ind["id"], year)
        b1 = spans_break(ind, ly - 1, ly) if v1 is not None else []
        b5 = spans_break(ind, ly - 5, ly) if v5 is not None else []
        notes = list(dict.fromkeys(b["note_kk"].strip() for b in b1 + b5))
        rows.append(
            {
                "n": n,
                "id": ind["id"],
                "name": ind["name_kk"],
                "unit": disp["unit_kk"],
                "year": ly,
                "value": v0 * disp["scale"],
                "decimals": disp["decimals"],
                "change_1y": change(v0, v1, ind["change"]),
                "change_5y": change(v0, v5, ind["change"]),
                "change_decimals": 3 if disp["decimals"] >= 3 else 1,
                "change_unit": change_unit,
                "status": status_label(statuses, catalogue),
                "statuses": statuses,
                "latest_before": ly < year,
                "break_1y": words["break_mark"] if b1 else "",
                "break_5y": words["break_mark"] if b5 else "",
                "break_notes": notes,
            }
        )
    return rows


# The mark a cell of the ten-year table carries by status (the chapters explain them below the table).
MARKS = {"estimate": "*"}


def ten_year_table(table: pd.DataFrame, catalogue: dict, year: int, span: int = TEN_YEARS) -> dict:
    """Indicators x the last ``span`` years, display units, a mark per estimated cell, None for a gap."""
    years = list(range(year - span + 1, year + 1))
    rows = []
    for n, ind in enumerate(catalogue["indicators"], start=1):
        disp = ind["display"]
        cells = []
        for y in years:
            v, s = cell(table, ind["id"], y)
            cells.append(
                {
                    "year": y,
                    "value": None if v is None else v * disp["scale"],
                    "status": s,
                    "mark": MARKS.get(s, ""),
                }
            )
        rows.append(
            {
                "n": n,
                "id": ind["id"],
                "name": ind["name_kk"],
                "unit": disp["unit_kk"],
                "decimals": disp["decimals"],
                "cells": cells,
                "status": status_label(indicator_statuses(table, ind["id"], year), catalogue),
            }
        )
    return {"years": years, "rows": rows}


def coverage(table: pd.DataFrame, catalogue: dict, year: int) -> list[dict]:
    """Per indicator: its status (:func:`indicator_statuses`) and the years of each status (annex)."""
    st_kk = {k: v["kk"] for k, v in catalogue["statuses"].items()}
    out = []
    for n, ind in enumerate(catalogue["indicators"], start=1):
        t = table[(table["indicator_id"] == ind["id"]) & (table["year"] <= year)]
        spans = []
        for s in STATUSES:
            ys = sorted(t.loc[t["status"] == s, "year"].astype(int))
            if ys:
                spans.append(f"{st_kk[s]}: {_year_ranges(ys)}")
        out.append(
            {
                "n": n,
                "id": ind["id"],
                "name": ind["name_kk"],
                "unit": ind["display"]["unit_kk"],
                "status": status_label(indicator_statuses(table, ind["id"], year), catalogue),
                "coverage": "; ".join(spans),
                "definition": ind["definition_kk"].strip(),
                "source": ind["source_kk"],
                "derivation": ind["derivation_kk"].strip(),
                "breaks": [f"{b['year']}: {b['note_kk'].strip()}" for b in ind.get("breaks", [])],
                "first_year": int(t["year"].min()) if len(t) else None,
                "last_year": int(t["year"].max()) if len(t) else None,
            }
        )
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
    """All cells of one indicator as a Series by year (any status)."""
    t = table[table["indicator_id"] == ind]
    return pd.Series(t["value"].to_numpy(float), index=t["year"].astype(int).to_numpy())


def wide_indicators(long: pd.DataFrame) -> pd.DataFrame:
    """indicators.csv (indicator_id, year, value, ...) to a year × indicator table."""
    w = long.pivot_table(index="year", columns="indicator_id", values="value", aggfunc="first")
    w.index = w.index.astype(int)
    return w.sort_index()
