"""The fieldwork report: outcome of the contacts by stratum from the entry workbook's status column.

Per region x size stratum: the planned main sample, the statuses of the main units (completed,
refused, not reached, replaced by a reserve), the reserve units contacted and completed, the achieved
interviews against the plan and the response rate (completed / units with a status, i.e. contacted).
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
    out["response_rate"] = out["achieved"] / out["contacted"] if out["contacted"] else np.nan
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
