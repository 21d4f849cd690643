"""Stratified, seeded selection of the survey sample and the fieldwork list.

Method: within each region x size stratum h the register's enterprises are sorted by identifier and
put in a random order drawn from one ``numpy.random.default_rng(seed)`` stream (strata in the
allocation's order). The first n_h are the main sample (simple random sampling without replacement,
n_h from the allocation); the next r_h = min(N_h - n_h, max(1, ceil(reserve_ratio * n_h))) are the
reserve list, used in rank order to replace refusals in the same stratum. The same register,
allocation and seed always give the same sample.

The fieldwork list (enterprise identifiers and names: not for publication) is written as an XLSX
whose bytes depend only on its content: fixed workbook created/modified times and fixed ZIP entry
times.
"""

from __future__ import annotations

import io
import math
import zipfile

import numpy as np
import pandas as pd

from industry_report.core.errors import InputError, Problem
from industry_report.core.io import FIXED_TIME, normalise_zip


def select_sample(
    register: pd.DataFrame,
    allocation: pd.DataFrame,
    seed: int,
    reserve_ratio: float = 0.5,
    allocation_file: str = "allocation",
) -> pd.DataFrame:
    """Main and reserve units per stratum.

    Returns the register columns plus ``role`` (main|reserve) and ``rank`` (1.. within stratum and role),
    ordered by stratum (allocation order), role, rank.
    """
    rng = np.random.default_rng(seed)
    parts = []
    for row, rec in allocation.iterrows():
        units = register[
            (register["region_code"] == rec["region_code"]) & (register["size"] == rec["size"])
        ].sort_values("enterprise_id")
        n, N = int(rec["sample"]), len(units)
        if n > N:
            raise InputError(
                allocation_file,
                [
                    Problem(
                        int(row), "sample", f"expected at most the stratum's register count {N}, found {n}"
                    )
                ],
            )
        order = rng.permutation(N)
        r = min(N - n, max(1, math.ceil(reserve_ratio * n))) if n > 0 else 0
        chosen = units.iloc[order[: n + r]].copy()
        chosen["role"] = ["main"] * n + ["reserve"] * r
        chosen["rank"] = list(range(1, n + 1)) + list(range(1, r + 1))
        parts.append(chosen)
    out = pd.concat(parts, ignore_index=True)
    return out


def fieldwork_xlsx_bytes(sample: pd.DataFrame, region_names: dict, division_names: dict) -> bytes:
    """The fieldwork list as XLSX bytes (sheets: main sample, reserve list), byte-deterministic."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    wb.properties.creator = "national-report"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.lastModifiedBy = "national-report"
    headers = [
        "enterprise_id",
        "name",
        "region_code",
        "region",
        "size",
        "oked_division",
        "division",
        "rank",
        "status",
        "comment",
    ]
    first = True
    for role, title in (("main", "main_sample"), ("reserve", "reserve_list")):
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = title
        ws.append(headers)
        for c in ws[1]:
            c.font = Font(bold=True)
        part = sample[sample["role"] == role]
        for rec in part.to_dict("records"):
            ws.append(
                [
                    rec["enterprise_id"],
                    rec["name"],
                    rec["region_code"],
                    region_names.get(rec["region_code"], ""),
                    rec["size"],
                    int(rec["oked_division"]),
                    division_names.get(int(rec["oked_division"]), ""),
                    int(rec["rank"]),
                    "",
                    "",
                ]
            )
        ws.freeze_panes = "A2"
        for col, width in zip("ABCDEFGHIJ", (14, 22, 8, 28, 8, 8, 30, 6, 12, 30)):
            ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    # Workbook.save() stamps `modified` with the wall clock; the writer itself keeps ours.
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return normalise_zip(buf.getvalue())
