"""The fieldwork report: outcome of the contacts by stratum from the entry workbook's status column.

Per region x size stratum: the planned main sample, the statuses of the main units (completed,
refused, not reached, replaced by a reserve), the reserve units contacted and completed, the achieved
interviews against the plan and the response rate.

Response rate: AAPOR Response Rate 1 (Standard Definitions, 2023), the most conservative:
RR1 = I / ((I + P) + (R + NC + O) + (UH + UO)) over the released sample, i.e. every main-sample unit
and every reserve unit that was contacted (a reserve never used was not released). I: completed
interviews, main and reserve; P: partial interviews, none (the workbook keeps answers only of
completed ones); R: refused; NC: not reached; O: a main unit replaced by a reserve without a
refusal or non-contact recorded; UH: a main unit left without a status (unknown whether eligible:
RR1 counts it as eligible). The register's units are all taken as eligible (the statuses have no
"not eligible" code), and with no partial interviews RR1 equals RR2.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from industry_report.instruments.texts import STATUSES

COLUMNS = [
    "region_code",
    "size",
    "planned",
    *[f"main_{s}" for s in STATUSES],
    "reserve_contacted",
    "reserve_completed",
    "achieved",
    "achieved_share",
    "contacted",
    "response_rate",
]


def fieldwork_table(status: pd.DataFrame, allocation: pd.DataFrame) -> pd.DataFrame:
    """One row per stratum of the allocation plus a total row (region_code 'total')."""
    rows = []
    for rec in allocation.to_dict("records"):
        part = status[(status["region_code"] == rec["region_code"]) & (status["size"] == rec["size"])]
        rows.append(_row(part, rec["region_code"], rec["size"], int(rec["sample"])))
    rows.append(_row(status, "total", "total", int(allocation["sample"].sum())))
    return pd.DataFrame(rows, columns=COLUMNS)


def _row(part: pd.DataFrame, region, size, planned: int) -> dict:
    main, reserve = part[part["role"] == "main"], part[part["role"] == "reserve"]
    out = {"region_code": region, "size": size, "planned": planned}
    for s in STATUSES:
        out[f"main_{s}"] = int((main["status"] == s).sum())
    out["reserve_contacted"] = int((reserve["status"] != "").sum())
    out["reserve_completed"] = int((reserve["status"] == "completed").sum())
    out["achieved"] = out["main_completed"] + out["reserve_completed"]
    out["achieved_share"] = out["achieved"] / planned if planned else np.nan
    out["contacted"] = int((part["status"] != "").sum())
    released = len(main) + out["reserve_contacted"]  # the RR1 denominator (module docstring)
    out["response_rate"] = out["achieved"] / released if released else np.nan
    return out


DOMAIN_COLUMNS = ["dimension", "domain", *COLUMNS[2:]]


def fieldwork_by_domain(status: pd.DataFrame, allocation: pd.DataFrame, sizes: list[str]) -> pd.DataFrame:
    """The fieldwork report by size class (in the order ``sizes``), by region (in the allocation's
    order) and in total: columns dimension ('size', 'region', 'total'), domain (code), then those of
    :func:`fieldwork_table` (the response rate is RR1)."""
    rows = []
    for dim, col, codes in (
        ("size", "size", [s for s in sizes if s in set(allocation["size"])]),
        ("region", "region_code", list(dict.fromkeys(allocation["region_code"]))),
    ):
        for code in codes:
            part = status[status[col] == code]
            planned = int(allocation.loc[allocation[col] == code, "sample"].sum())
            rows.append({"dimension": dim, **_row(part, code, code, planned)} | {"domain": code})
    rows.append({"dimension": "total", **_row(status, "total", "total", int(allocation["sample"].sum()))})
    rows[-1]["domain"] = "total"
    return pd.DataFrame(rows)[DOMAIN_COLUMNS]


def fieldwork_domain_records(table: pd.DataFrame, names: dict[str, str]) -> list[dict]:
    """The chapter's rows of :func:`fieldwork_by_domain`: ``name`` (``names`` of the codes, 'total'
    included), the counts and the response rate (None when no unit was released)."""
    out = []
    for rec in table.to_dict("records"):
        row = {"dimension": rec["dimension"], "name": names[rec["domain"]]}
        for k in DOMAIN_COLUMNS[2:]:
            v = rec[k]
            row[k] = (
                None
                if isinstance(v, float) and np.isnan(v)
                else (float(v) if isinstance(v, float) else int(v))
            )
        out.append(row)
    return out


def fieldwork_values(table: pd.DataFrame) -> dict:
    """The totals for the chapter, and the strata that fell short of their plan."""
    total = table[table["region_code"] == "total"].iloc[0]
    strata = table[table["region_code"] != "total"]
    vals = {
        k: (None if isinstance(v, float) and np.isnan(v) else (float(v) if isinstance(v, float) else int(v)))
        for k, v in total.items()
        if k not in ("region_code", "size")
    }
    vals["strata_short"] = int((strata["achieved"] < strata["planned"]).sum())
    vals["strata"] = int(len(strata))
    return vals
